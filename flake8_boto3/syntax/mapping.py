"""Node-for-node correspondence between an ``ast`` tree and the astroid tree rebuilt from it.

The syntactic tier answers what syntax decides; for the rest (inference) the plugin asks astroid
about the corresponding astroid node, and astroid's answers come back as astroid nodes.
:class:`AstroidMap` translates both ways. It is the only module of :mod:`flake8_boto3.syntax` that
needs astroid.

Nodes are paired by astroid class name and position (line, column, end line, end column), the
n-th ``ast`` node of a key with the n-th astroid node of that key in pre-order; keys whose counts
differ are left unpaired (:attr:`AstroidMap.unpaired`). Nodes without positions are paired through
their parents: ``arguments``/``Arguments``, ``comprehension``/``Comprehension``,
``match_case``/``MatchCase``. ``withitem`` and ``alias`` have no astroid node, nor astroid's
``Decorators`` and ``DictUnpack`` an ``ast`` one. A name that ``ast`` keeps as a string (``except E
as e``, a capture pattern, a type parameter) is an astroid ``AssignName`` inside its holder;
:meth:`AstroidMap.to_ast` answers the holder for it, as :mod:`.scopes` does for such bindings.
"""

from __future__ import annotations

import ast
from collections import defaultdict

from astroid import nodes

from flake8_boto3.syntax.tree import Tree

_CONTEXT_NAMES = {
    ast.Name: {ast.Load: "Name", ast.Store: "AssignName", ast.Del: "DelName"},
    ast.Attribute: {ast.Load: "Attribute", ast.Store: "AssignAttr", ast.Del: "DelAttr"},
}
_RENAMED = {ast.Constant: "Const", ast.arg: "AssignName", ast.keyword: "Keyword"}
_UNPOSITIONED = (ast.arguments, ast.comprehension, ast.match_case, ast.withitem, ast.alias, ast.Module)
_HOLDERS = (nodes.ExceptHandler, nodes.MatchAs, nodes.MatchStar, nodes.MatchMapping, nodes.TypeVar,
            nodes.ParamSpec, nodes.TypeVarTuple)

_DOCUMENTED = (nodes.Module, nodes.ClassDef, nodes.FunctionDef)  # AsyncFunctionDef is a FunctionDef

Key = tuple[str, int | None, int | None, int | None, int | None]


def astroid_key(node: nodes.NodeNG) -> Key:
    return (type(node).__name__, node.lineno, node.col_offset, node.end_lineno, node.end_col_offset)


def ast_key(node: ast.AST) -> Key:
    """The key of the astroid node the rebuilder makes from ``node``."""
    node_type = type(node)
    by_context = _CONTEXT_NAMES.get(node_type)
    name = by_context[type(node.ctx)] if by_context else _RENAMED.get(node_type, node_type.__name__)
    lineno = node.lineno
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.decorator_list:
        lineno = node.decorator_list[0].lineno
    return (name, lineno, node.col_offset, node.end_lineno, node.end_col_offset)


def _astroid_preorder(module: nodes.Module) -> list[nodes.NodeNG]:
    """Every astroid node, in pre-order, with those ``get_children`` leaves out that have an ``ast``
    counterpart: docstrings, ``*args``/``**kwargs`` names and a class's ``metaclass=`` value."""
    found: list[nodes.NodeNG] = []
    stack: list[nodes.NodeNG] = [module]
    while stack:
        node = stack.pop()
        found.append(node)
        children = list(node.get_children())
        extras = [node.doc_node] if isinstance(node, _DOCUMENTED) else []
        if isinstance(node, nodes.Arguments):
            extras += [node.vararg_node, node.kwarg_node]
        if isinstance(node, nodes.ClassDef):
            extras.append(node._metaclass)
        children += [extra for extra in extras if extra is not None and extra.parent is not None]
        stack.extend(reversed(children))
    return found


class AstroidMap:
    """``ast`` node <-> astroid node for one module (see the module docstring)."""

    def __init__(self, tree: Tree | ast.Module, module: nodes.Module) -> None:
        if not isinstance(tree, Tree):
            tree = Tree(tree)
        self.tree = tree
        self.module = module
        self._to_astroid: dict[ast.AST, nodes.NodeNG] = {tree.module: module}
        self._to_ast: dict[nodes.NodeNG, ast.AST] = {module: tree.module}
        self.unpaired = 0
        self._pair_by_position()
        self._pair_by_parent()

    def to_astroid(self, node: ast.AST) -> nodes.NodeNG | None:
        """The astroid node built from ``node`` (None when it has none, or it could not be paired)."""
        return self._to_astroid.get(node)

    def to_ast(self, node: nodes.NodeNG) -> ast.AST | None:
        """The ``ast`` node ``node`` was built from; for the AssignName of a name ``ast`` keeps as a
        string (``except E as e``, capture patterns, type parameters), the node holding it."""
        found = self._to_ast.get(node)
        if found is None and isinstance(node, nodes.AssignName) and isinstance(node.parent, _HOLDERS):
            found = self._to_ast.get(node.parent)
        return found

    def _pair(self, ast_node: ast.AST, astroid_node: nodes.NodeNG) -> None:
        self._to_astroid[ast_node] = astroid_node
        self._to_ast[astroid_node] = ast_node

    def _pair_by_position(self) -> None:
        by_key: dict[Key, list[nodes.NodeNG]] = defaultdict(list)
        for node in _astroid_preorder(self.module):
            if node.lineno is not None and node.parent is not None:
                by_key[astroid_key(node)].append(node)
        ast_by_key: dict[Key, list[ast.AST]] = defaultdict(list)
        tree = self.tree
        for node in tree.walk():
            if isinstance(node, _UNPOSITIONED):
                continue
            ast_by_key[ast_key(node)].append(node)
            if isinstance(node, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
                docstring = tree.docstring(node)
                if docstring is not None:
                    ast_by_key[ast_key(docstring)].append(docstring)
        module_docstring = tree.docstring(tree.module)
        if module_docstring is not None:
            ast_by_key[ast_key(module_docstring)].append(module_docstring)
        for key, ast_nodes in ast_by_key.items():
            astroid_nodes = by_key.get(key, [])
            if len(astroid_nodes) != len(ast_nodes):
                self.unpaired += len(ast_nodes)
                continue
            for ast_node, astroid_node in zip(ast_nodes, astroid_nodes):
                self._pair(ast_node, astroid_node)

    def _pair_by_parent(self) -> None:
        for node in self.tree.walk():
            counterpart = self._to_astroid.get(node)
            if counterpart is None:
                continue
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                self._pair(node.args, counterpart.args)
            elif isinstance(node, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
                for ast_generator, generator in zip(node.generators, counterpart.generators):
                    self._pair(ast_generator, generator)
            elif isinstance(node, ast.Match):
                for case, astroid_case in zip(node.cases, counterpart.cases):
                    self._pair(case, astroid_case)
