"""Runs the rules on one file: screen, build the astroid tree, collect findings.

Independent of flake8 (see :mod:`flake8_boto3.plugin` for the adapter), so the
benchmarks and other front ends can call it directly.
"""

from __future__ import annotations

import ast
import os
import sys

from astroid import nodes
from astroid.builder import AstroidBuilder
from astroid.manager import AstroidManager
from astroid.rebuilder import TreeRebuilder

from flake8_boto3 import inference, screen
from flake8_boto3.context import FileContext
from flake8_boto3 import project
from flake8_boto3.inference import scope
from flake8_boto3.registry import RULES, Finding
from flake8_boto3 import budget
from flake8_boto3.budget import BudgetExceeded, budget_for_file
from flake8_boto3.rules import bto900_internal_error, bto901_analysis_budget_exceeded
from flake8_boto3.settings import DEFAULT_SETTINGS, Settings


TOO_DEEP = "nesting deeper than the recursion limit"


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
    inference.register(manager)
    rebuilder = _TreeRebuilder(manager, source)
    file = os.path.abspath(path) if path else "<stdin>"
    try:
        module = rebuilder.visit_module(tree, modname, file, os.path.basename(file) == "__init__.py")
    finally:
        rebuilder.restore_bodies()
    module.file_bytes = source.encode("utf-8", "surrogateescape")
    return AstroidBuilder(manager)._post_build(module, rebuilder, "utf-8")


def check_module(module: nodes.Module, path: str, settings: Settings = DEFAULT_SETTINGS) -> list[Finding]:
    """Every rule's findings; if the budget runs out, those found so far and one BTO901."""
    context = FileContext(module, path, settings)
    findings: list[Finding] = []
    try:
        for rule in RULES:
            for finding in rule.check(context):
                findings.append(finding)
    except BudgetExceeded:
        pass
    except RecursionError:
        budget.exhaust(TOO_DEEP)
    if budget.exceeded():
        findings.append(bto901_analysis_budget_exceeded.finding_for(budget.exceeded()))
    return sorted(findings, key=lambda f: (f.line, f.col, f.code))


def check_source(
    source: str,
    path: str,
    settings: Settings = DEFAULT_SETTINGS,
    tree: ast.Module | None = None,
    screened: bool = False,
) -> list[Finding]:
    """All findings for one file; an internal error becomes one BTO900 finding.

    ``screened``: the caller has already seen the file pass the screen.
    """
    try:
        if not screened and not screen.could_fire(source, path):
            return []
        manager = AstroidManager()
        scope.bound_cache(manager)
        with budget_for_file(), scope.analysis_scope(manager):
            if tree is None:
                try:
                    tree = ast.parse(source)
                except (SyntaxError, ValueError, RecursionError):
                    return []  # flake8 reports E999 (or fails to parse it too); nothing to analyse
            try:
                module = build_module(tree, source, path)
            except RecursionError:
                return [bto901_analysis_budget_exceeded.finding_for(TOO_DEEP)]
            try:
                return check_module(module, path, settings)
            finally:
                scope.release(manager, module)
    except Exception as error:  # noqa: BLE001 - one file must not stop the run
        return [bto900_internal_error.finding_for(error)]


def check_file(path: str, settings: Settings = DEFAULT_SETTINGS) -> list[Finding]:
    with open(path, "rb") as stream:
        data = stream.read()
    source = data.decode("utf-8", "surrogateescape")
    return check_source(source, path, settings)


if sys.getrecursionlimit() < 3000:
    # astroid's recursive inference needs more than CPython's default on real code.
    sys.setrecursionlimit(3000)
