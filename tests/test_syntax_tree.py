"""The syntactic tier's tree index: astroid's structure, on the stdlib ``ast`` tree."""

from __future__ import annotations

import ast
import functools
import os
import textwrap
from pathlib import Path

import pytest
from astroid import nodes
from astroid.manager import AstroidManager
from astroid.nodes._base_nodes import Statement

from flake8_boto3.inference.build import build_module
from flake8_boto3.inference import scope
from flake8_boto3.syntax.mapping import AstroidMap
from flake8_boto3.syntax.tree import FUNCTION_TYPES, Tree

ROOT = Path(__file__).resolve().parent.parent
STDLIB = Path(os.path.dirname(os.__file__))


def _astroid_enclosing_function(node: nodes.NodeNG) -> nodes.FunctionDef | None:
    """What the analyses asked astroid before the syntactic tier: the nearest function around ``node``."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.FunctionDef):  # AsyncFunctionDef is a FunctionDef
            return parent
        parent = parent.parent
    return None


def _astroid_enclosing_scope(node: nodes.NodeNG) -> nodes.NodeNG:
    """The function (or, at top level, the module) whose code contains ``node``, as astroid saw it."""
    parent = node.parent
    while parent is not None and not isinstance(parent, (nodes.FunctionDef, nodes.Module)):
        parent = parent.parent
    return parent if parent is not None else node.root()


SAMPLES = [STDLIB / "argparse.py", STDLIB / "dataclasses.py", ROOT / "flake8_boto3" / "analysis" / "lifecycle.py",
           ROOT / "tests" / "fixtures" / "errors" / "client_error_handlers.py"]


def tree_of(code: str) -> Tree:
    return Tree(ast.parse(textwrap.dedent(code)))


@functools.lru_cache(maxsize=None)
def with_astroid(path: Path):
    source = path.read_text()
    tree = ast.parse(source)
    syntax = Tree(tree)
    with scope.analysis_scope(AstroidManager()):
        module = build_module(tree, source, str(path))
    return syntax, module, AstroidMap(syntax, module)


def _loaded(node: ast.AST) -> bool:
    return not isinstance(node, ast.Name) or isinstance(node.ctx, ast.Load)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
@pytest.mark.parametrize(
    "ours, theirs",
    [
        (ast.Call, nodes.Call),
        (ast.Name, nodes.Name),
        (ast.Constant, nodes.Const),
        (ast.Attribute, (nodes.Attribute, nodes.AssignAttr, nodes.DelAttr)),
        ((ast.stmt, ast.ExceptHandler), Statement),
    ],
    ids=["Call", "Name", "Const", "Attribute", "Statement"],
)
def test_nodes_of_yields_what_nodes_of_class_yields_in_its_order(path, ours, theirs):
    syntax, module, amap = with_astroid(path)
    assert [n for n in syntax.nodes_of(ours) if _loaded(n)] == [amap.to_ast(n) for n in module.nodes_of_class(theirs)]
    skipped = [n for n in syntax.nodes_of(ours, skip=(ast.FunctionDef, ast.ClassDef)) if _loaded(n)]
    assert skipped == [amap.to_ast(n) for n in module.nodes_of_class(theirs, (nodes.FunctionDef, nodes.ClassDef))]
    for function in syntax.nodes_of(FUNCTION_TYPES):
        within = [n for n in syntax.nodes_of(ours, within=function, skip=FUNCTION_TYPES) if _loaded(n)]
        counterpart = amap.to_astroid(function)
        assert within == [amap.to_ast(n) for n in counterpart.nodes_of_class(theirs, nodes.FunctionDef)]


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_parents_statements_siblings_and_enclosing_functions_are_astroids(path):
    syntax, module, amap = with_astroid(path)
    compared = 0
    for node in syntax.walk():
        counterpart = amap.to_astroid(node)
        if counterpart is None or node is syntax.module:
            continue
        compared += 1
        parent = syntax.parent(node)
        if isinstance(parent, ast.withitem):
            parent = syntax.parent(parent)  # astroid: With holds (expr, vars) pairs
        expected = counterpart.parent.parent if isinstance(counterpart.parent, nodes.Decorators) else counterpart.parent
        if not (isinstance(node, ast.arg) and node in (parent.vararg, parent.kwarg)):
            assert parent is amap.to_ast(expected)  # astroid: *args' parent is the function
        assert syntax.statement(node) is amap.to_ast(counterpart.statement())
        if isinstance(counterpart, Statement):
            assert syntax.next_sibling(node) is _mapped(amap, counterpart.next_sibling())
            assert syntax.previous_sibling(node) is _mapped(amap, counterpart.previous_sibling())
        assert syntax.enclosing_function(node) is _mapped(amap, _astroid_enclosing_function(counterpart))
        assert syntax.enclosing_scope(node) is amap.to_ast(_astroid_enclosing_scope(counterpart))
    assert compared > 300


def _mapped(amap: AstroidMap, node):
    return None if node is None else amap.to_ast(node)


def test_a_skipped_type_is_neither_yielded_nor_entered_but_the_root_always_is():
    syntax = tree_of(
        """
        def outer():
            f()
            def inner():
                g()
            h()
        """
    )
    outer = syntax.module.body[0]
    calls = [call.func.id for call in syntax.nodes_of(ast.Call, within=outer, skip=ast.FunctionDef)]
    assert calls == ["f", "h"]
    assert list(syntax.nodes_of(ast.FunctionDef, within=outer, skip=ast.FunctionDef)) == [outer]
    assert [f.name for f in syntax.nodes_of(ast.FunctionDef)] == ["outer", "inner"]


def test_children_in_astroids_order_without_docstrings():
    syntax = tree_of(
        '''
        """Module docstring."""
        @decorator
        def f(a: int = 1, *args: str) -> bool:
            """Docstring."""
            return {k: v}
        '''
    )
    module, function = syntax.module, syntax.module.body[1]
    assert syntax.children(module) == [function]
    assert syntax.docstring(module).value == "Module docstring."
    assert syntax.parent(module.body[0]) is module
    decorator, arguments, returns, body = syntax.children(function)
    assert (decorator.id, returns.id, type(body).__name__) == ("decorator", "bool", "Return")
    assert syntax.body(function) == [body] and syntax.docstring(function).value == "Docstring."
    shown = [child.arg if isinstance(child, ast.arg) else ast.unparse(child) for child in syntax.children(arguments)]
    assert shown == ["a", "1", "int", "str", "args"]
    assert [ast.unparse(child) for child in syntax.children(body.value)] == ["k", "v"]
    assert syntax.as_string(body) == "return {k: v}" and syntax.as_string(body) is syntax.as_string(body)


def test_code_nested_far_beyond_the_recursion_limit():
    depth = 20_000
    at = {"lineno": 1, "col_offset": 0, "end_lineno": 1, "end_col_offset": 1}
    innermost: ast.stmt = ast.Expr(ast.Name("x", ast.Load(), **at), **at)
    statement = innermost
    for _ in range(depth):  # ast.parse refuses such nesting, ast.fix_missing_locations overflows on it
        statement = ast.If(test=ast.Name("c", ast.Load(), **at), body=[statement], orelse=[], **at)
    syntax = Tree(ast.Module(body=[statement], type_ignores=[]))
    assert len(list(syntax.ancestors(innermost.value))) == depth + 2  # Expr, the ifs, the module
    assert syntax.statement(innermost.value) is innermost
    assert sum(1 for _ in syntax.nodes_of(ast.If, within=statement)) == depth
