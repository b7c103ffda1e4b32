"""astroid trees built from ``ast`` trees the plugin keeps, with the node-for-node correspondence.

The linted file's astroid module is rebuilt from the ``ast`` tree flake8 already
parsed (no second parse), and the rebuilder records which astroid node it made
from which ``ast`` node (:class:`BuiltMap`), so the boto3 model can ask astroid
about an ``ast`` node and bring astroid's answers back without pairing two trees.
(Project modules astroid loads itself are paired by position, once per process,
and only when an analysis follows a call into them: see
:class:`flake8_boto3.syntax.mapping.AstroidMap`.)
"""

from __future__ import annotations

import ast
import os

from astroid import nodes
from astroid.builder import AstroidBuilder
from astroid.manager import AstroidManager
from astroid.rebuilder import TreeRebuilder

from flake8_boto3 import project
from flake8_boto3.inference import register

# Astroid nodes whose AssignName stands for a name ``ast`` keeps as a string (``except E as e``).
_HOLDERS = (nodes.ExceptHandler, nodes.MatchAs, nodes.MatchStar, nodes.MatchMapping)


class BuiltMap:
    """``ast`` node <-> the astroid node the rebuilder made from it, for one module."""

    def __init__(self) -> None:
        self._to_astroid: dict[ast.AST, nodes.NodeNG] = {}
        self._to_ast: dict[nodes.NodeNG, ast.AST] = {}

    def record(self, ast_node: ast.AST, astroid_node: nodes.NodeNG) -> None:
        self._to_astroid[ast_node] = astroid_node
        self._to_ast[astroid_node] = ast_node

    def to_astroid(self, node: ast.AST) -> nodes.NodeNG | None:
        return self._to_astroid.get(node)

    def to_ast(self, node: nodes.NodeNG) -> ast.AST | None:
        """The ``ast`` node ``node`` was built from; for the AssignName of a name ``ast`` keeps as a
        string (``except E as e``, capture patterns), the node holding it."""
        found = self._to_ast.get(node)
        if found is None and isinstance(node, nodes.AssignName) and isinstance(node.parent, _HOLDERS):
            found = self._to_ast.get(node.parent)
        return found


class _TreeRebuilder(TreeRebuilder):
    """astroid's rebuilder, recording what it builds from what, without side effects on the ``ast`` tree.

    astroid takes each docstring out of its module's, class's or function's ``body`` (it keeps it as
    ``doc_node``) by assigning a shortened list to the ``ast`` node. flake8 hands one tree to every
    plugin, and the syntactic tier reads it too: the bodies are put back once the tree is rebuilt.
    """

    def __init__(self, manager: AstroidManager, source: str) -> None:
        super().__init__(manager, source)
        self._bodies: list[tuple[ast.AST, list[ast.stmt]]] = []
        self.built = BuiltMap()

    def visit(self, node, parent):
        result = super().visit(node, parent)
        if result is not None:
            self.built.record(node, result)
        return result

    def visit_module(self, node, modname, modpath, package):
        module = super().visit_module(node, modname, modpath, package)
        self.built.record(node, module)
        return module

    def _get_doc(self, node):
        body = node.body
        node, doc = super()._get_doc(node)
        if node.body is not body:
            self._bodies.append((node, body))
        return node, doc

    def restore_bodies(self) -> None:
        for node, body in self._bodies:
            node.body = body
        self._bodies.clear()


def _rebuild(manager: AstroidManager, tree: ast.Module, source: str, modname: str, file: str, package: bool):
    rebuilder = _TreeRebuilder(manager, source)
    try:
        module = rebuilder.visit_module(tree, modname, file, package)
    finally:
        rebuilder.restore_bodies()
    module.flake8_boto3_built = (tree, source, rebuilder.built)
    return module, rebuilder


def build_module(tree: ast.Module, source: str, path: str) -> nodes.Module:
    """An astroid module from the ``ast`` tree flake8 already parsed (no second parse), which is left
    as it was."""
    manager = AstroidManager()
    modname, root = project.module_name_and_root(path, project.relative_import_levels(tree.body))
    project.set_current_root(root)
    register(manager)
    file = os.path.abspath(path) if path else "<stdin>"
    module, rebuilder = _rebuild(manager, tree, source, modname, file, os.path.basename(file) == "__init__.py")
    module.file_bytes = source.encode("utf-8", "surrogateescape")
    return AstroidBuilder(manager)._post_build(module, rebuilder, "utf-8")


def built_from(module: nodes.Module) -> tuple[ast.Module, str, BuiltMap] | None:
    """(``ast`` tree, source, map) of a module built here, or None."""
    return getattr(module, "flake8_boto3_built", None)
