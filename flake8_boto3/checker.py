"""Runs the rules on one file: screen, read its syntax, collect findings.

Independent of flake8 (see :mod:`flake8_boto3.plugin` for the adapter), so the
benchmarks and other front ends can call it directly. The rules read the ``ast``
tree flake8 already parsed; the boto3 model builds astroid's tree only when a
question needs it (:mod:`flake8_boto3.model`).
"""

from __future__ import annotations

import ast
import sys

from flake8_boto3 import budget, project, screen
from flake8_boto3.analysis.code import Code
from flake8_boto3.budget import BudgetExceeded, budget_for_file
from flake8_boto3.context import FileContext
from flake8_boto3.model import Boto3Model, collector_paused, forget_project_modules, settle_memory
from flake8_boto3.registry import RULES, Finding
from flake8_boto3.rules import bto900_internal_error, bto901_analysis_budget_exceeded
from flake8_boto3.settings import DEFAULT_SETTINGS, Settings
from flake8_boto3.syntax.module import ModuleSyntax

TOO_DEEP = "nesting deeper than the recursion limit"


def check_code(code: Code, settings: Settings = DEFAULT_SETTINGS) -> list[Finding]:
    """Every rule's findings; if the budget runs out, those found so far and one BTO901."""
    context = FileContext(code, settings)
    findings: list[Finding] = []
    try:
        for rule in RULES:
            if not settings.reports(rule.code):
                continue  # flake8 would drop its findings: its analyses are not run
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
    more_files: bool = True,
) -> list[Finding]:
    """All findings for one file; an internal error becomes one BTO900 finding.

    ``screened``: the caller has already seen the file pass the screen. ``more_files``: other files
    may follow in this process, so the memory this one leaves is tidied for them (the syntax kept
    within its budget, astroid's garbage collected: 50-80 ms after a file that needed astroid). After
    the only file of a run (an editor's ``flake8 -``) the process ends instead, and what astroid left
    is only frozen, for flake8's own checks of the file that still run.
    """
    used_astroid: list[bool] = []
    with collector_paused():
        findings = _check_source(source, path, settings, tree, screened, used_astroid)
        if more_files:
            forget_project_modules()
        if any(used_astroid):
            settle_memory(collect=more_files)  # the file's trees are unreferenced now
    return findings


def _check_source(source, path, settings, tree, screened, used_astroid: list[bool]) -> list[Finding]:
    try:
        if not screened and not screen.could_fire(source, path):
            return []
        with budget_for_file():
            if tree is None:
                try:
                    tree = ast.parse(source)
                except (SyntaxError, ValueError, RecursionError):
                    return []  # flake8 reports E999 (or fails to parse it too); nothing to analyse
            try:
                home = ModuleSyntax.of_file(tree, source, path)
            except RecursionError:
                return [bto901_analysis_budget_exceeded.finding_for(TOO_DEEP)]
            project.set_current_root(project.module_name_and_root(path)[1])
            model = Boto3Model(home)
            try:
                return check_code(Code(home, model), settings)
            finally:
                used_astroid.append(model.close())
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
