"""Differential check of the syntactic tier's name lookup against astroid's, on real source.

For every ``ast.Name`` read in a file (which includes the base name of every ``a.b``), compare
:meth:`flake8_boto3.syntax.scopes.Scopes.lookup` with astroid's ``lookup`` on the tree the plugin's
:func:`flake8_boto3.inference.build.build_module` builds from the same ``ast`` tree, inside the plugin's
analysis scope, nodes mapped by :class:`flake8_boto3.syntax.mapping.AstroidMap`. Used by
``tests/test_syntax_scopes.py`` and ``bench/syntax_lookup.py``.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

from astroid import nodes
from astroid.manager import AstroidManager

from flake8_boto3.inference.build import build_module
from flake8_boto3.inference import scope
from flake8_boto3.syntax.mapping import AstroidMap
from flake8_boto3.syntax.scopes import BUILTINS, Builtin, Implicit, Scopes
from flake8_boto3.syntax.semantics import SCOPE_TYPES
from flake8_boto3.syntax.tree import Tree


@dataclass
class Comparison:
    """What one or more files' comparison found."""

    files: int = 0
    names: int = 0
    scopes: int = 0
    uncertain: int = 0
    unmapped: int = 0
    differences: list[str] = field(default_factory=list)

    def add(self, other: Comparison) -> None:
        self.files += other.files
        self.names += other.names
        self.scopes += other.scopes
        self.uncertain += other.uncertain
        self.unmapped += other.unmapped
        self.differences += other.differences


def describe(binding: object) -> object:
    """A comparable form of one of our bindings: the ast node itself, or a marker."""
    if isinstance(binding, Builtin):
        return ("builtin", binding.name)
    if isinstance(binding, Implicit):
        return ("implicit", binding.name)
    return binding


def astroid_answer(amap: AstroidMap, name: nodes.Name) -> tuple[object, list[object]]:
    """astroid's lookup of ``name`` with its scope and bindings turned into ``ast`` terms."""
    module = amap.module
    try:
        scope_node, found = name.lookup(name.name)
    except Exception as error:  # noqa: BLE001 - astroid raises a variety of errors on odd scopes
        return ("error", repr(error)), []
    if scope_node.root() is not module:
        return BUILTINS, [("builtin", name.name) for _ in found]
    bindings: list[object] = []
    for binding in found:
        if binding.lineno is None:
            bindings.append(("implicit", name.name))  # a special attribute of the module or class
        else:
            bindings.append(amap.to_ast(binding))
    return amap.to_ast(scope_node), bindings


def _shown(node: object) -> str:
    if isinstance(node, ast.AST) and hasattr(node, "lineno"):
        return f"{type(node).__name__}@{node.lineno}:{node.col_offset}"
    return type(node).__name__ if isinstance(node, ast.AST) else repr(node)


def compare_source(source: str, path: str) -> Comparison:
    """Compare every lookup of one file (see the module docstring)."""
    comparison = Comparison(files=1)
    tree = ast.parse(source)
    syntax = Tree(tree)
    scopes = Scopes(syntax, package=path.endswith("__init__.py"))
    manager = AstroidManager()
    scope.bound_cache(manager)
    with scope.analysis_scope(manager):
        module = build_module(tree, source, path)
        try:
            amap = AstroidMap(syntax, module)
            for name in syntax.nodes_of(ast.Name):
                if type(name.ctx) is not ast.Load:
                    continue
                comparison.names += 1
                counterpart = amap.to_astroid(name)
                if counterpart is None:
                    comparison.unmapped += 1
                    continue
                ours = scopes.lookup(name)
                if not ours.certain:
                    comparison.uncertain += 1
                    continue
                theirs = astroid_answer(amap, counterpart)
                mine = (ours.scope, [describe(binding) for binding in ours.bindings])
                if not same(mine, theirs):
                    comparison.differences.append(
                        f"{path}:{name.lineno}:{name.col_offset} {name.id}: ours {_shown(mine[0])} "
                        f"{[_shown(b) for b in mine[1]]} astroid {_shown(theirs[0])} {[_shown(b) for b in theirs[1]]}"
                    )
            _compare_scopes(syntax, scopes, amap, comparison, path)
        finally:
            if manager.astroid_cache.get(module.name) is module:
                del manager.astroid_cache[module.name]
    return comparison


def _astroid_binding(amap: AstroidMap, binding: nodes.NodeNG, name: str) -> object:
    if binding.lineno is None:  # a special attribute of the module or class
        return ("implicit", name)
    return amap.to_ast(binding)


def _compare_scopes(syntax: Tree, scopes: Scopes, amap: AstroidMap, comparison: Comparison, path: str) -> None:
    """Every scope's locals (names in order, each name's bindings in order), every class's
    instance attributes, against astroid's."""
    for scope_node in syntax.nodes_of(SCOPE_TYPES):
        counterpart = amap.to_astroid(scope_node)
        if counterpart is None or scopes._locals.has_star_import(scope_node):
            continue
        comparison.scopes += 1
        where = f"{path}:{getattr(scope_node, 'lineno', 0)} {type(scope_node).__name__}"
        mine = {name: [describe(b) for b in found] for name, found in scopes.locals(scope_node).items()}
        theirs = {name: [_astroid_binding(amap, b, name) for b in found] for name, found in counterpart.locals.items()}
        if list(mine) != list(theirs):
            comparison.differences.append(f"{where} locals: ours {list(mine)} astroid {list(theirs)}")
        for name in mine.keys() & theirs.keys():
            if not same((None, mine[name]), (None, theirs[name])):
                comparison.differences.append(f"{where} locals[{name}]: ours {[_shown(b) for b in mine[name]]}"
                                              f" astroid {[_shown(b) for b in theirs[name]]}")
        if isinstance(scope_node, ast.ClassDef):
            mine = scopes.instance_attributes(scope_node)
            theirs = {name: [amap.to_ast(b) for b in found] for name, found in counterpart.instance_attrs.items()}
            if list(mine) != list(theirs) or any(not same((None, mine[n]), (None, theirs[n])) for n in mine):
                comparison.differences.append(f"{where} instance attributes: ours {list(mine)} astroid {list(theirs)}")


def same(mine: tuple[object, list[object]], theirs: tuple[object, list[object]]) -> bool:
    if mine[0] is not theirs[0] or len(mine[1]) != len(theirs[1]):
        return False
    return all(a is b or (isinstance(a, tuple) and a == b) for a, b in zip(mine[1], theirs[1]))


def compare_files(paths) -> Comparison:
    total = Comparison()
    for path in paths:
        with open(path, "rb") as stream:
            source = stream.read().decode("utf-8", "surrogateescape")
        try:
            ast.parse(source)
        except (SyntaxError, ValueError):
            continue
        total.add(compare_source(source, str(path)))
    return total
