"""The astroid tree of a file, built from the ``ast`` tree flake8 already parsed (no second parse)."""

from __future__ import annotations

import ast
import os

from astroid import nodes
from astroid.builder import AstroidBuilder
from astroid.manager import AstroidManager
from astroid.rebuilder import TreeRebuilder

from flake8_boto3 import project
from flake8_boto3.inference import register


class _TreeRebuilder(TreeRebuilder):
    """astroid's rebuilder, without its side effect on the ``ast`` tree.

    astroid takes each docstring out of its module's, class's or function's ``body`` (it keeps it as
    ``doc_node``) by assigning a shortened list to the ``ast`` node. flake8 hands one tree to every
    plugin, and the syntactic tier reads it too: the bodies are put back once the tree is rebuilt.
    """

    def __init__(self, manager: AstroidManager, source: str) -> None:
        super().__init__(manager, source)
        self._bodies: list[tuple[ast.AST, list[ast.stmt]]] = []

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


def build_module(tree: ast.Module, source: str, path: str) -> nodes.Module:
    """An astroid module from the ``ast`` tree flake8 already parsed (no second parse), which is left
    as it was."""
    manager = AstroidManager()
    modname, root = project.module_name_and_root(path)
    project.set_current_root(root)
    register(manager)
    rebuilder = _TreeRebuilder(manager, source)
    file = os.path.abspath(path) if path else "<stdin>"
    try:
        module = rebuilder.visit_module(tree, modname, file, os.path.basename(file) == "__init__.py")
    finally:
        rebuilder.restore_bodies()
    module.file_bytes = source.encode("utf-8", "surrogateescape")
    return AstroidBuilder(manager)._post_build(module, rebuilder, "utf-8")
