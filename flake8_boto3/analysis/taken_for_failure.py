"""Do a function's callers take its empty answer for a failure?

A function may answer ``None`` (or ``False``, ``[]``, ``""``) when its read fails,
while every caller in its module treats an empty answer as an error, whatever
its cause::

    def load_certificate(key):
        try:
            return s3.get_object(Bucket=BUCKET, Key=key)["Body"].read()
        except ClientError:
            return None

    data = load_certificate(key)
    if data:
        st.image(data)
    else:
        st.error("Could not load the certificate.")

Then AccessDenied does not read as "not there": the caller says that loading
failed, as it would for any cause. Decided from the callers in the same module,
and only when all of it holds:

- the failure answers an empty literal (``None``, ``False``, ``0``, ``""``, ``b""``, ``[]``,
  ``{}``) or nothing;
- the function is called in its module, and every call is tested by its caller:
  ``if not load(key):``, or the result is assigned to a name the caller tests
  (``if data:``, ``if not data:``, ``if data is None:``);
- every such test's branch for the empty answer reports a failure: it calls an
  error-level reporter (``log.error``, ``st.error``, ``messages.error``), or raises,
  exits, aborts or returns saying that something failed (``raise
  LoadError("Could not load ...")``, ``abort(500)``, a bare ``raise``), and says
  nothing of "not found" (a 404, "... not found", "no such ..."). A branch that
  blames the input (``raise InvalidUsage("Invalid course id")``, a 400) takes the
  empty answer for absence.

A caller that takes the empty answer for absence, or passes it on untested,
keeps the finding.
"""

from __future__ import annotations

import ast
import re

from flake8_boto3.analysis import functions
from flake8_boto3.analysis.code import FUNCTION_TYPES, Code
from flake8_boto3.analysis.handler_paths import EXITS, FAILURE_REPORTS, is_not_there
from flake8_boto3.analysis.names import dotted_name
from flake8_boto3.analysis.told_apart import compares_with_none, says_not_found

# Words that say an operation failed (not that the input was wrong: "Invalid course id" blames the caller).
FAILED_TEXT = re.compile(r"error|fail|could ?n[o']t|unable|cannot|can't", re.I)


def callers_report_empty_answer(code: Code, function: ast.AST | None, returned: ast.AST | None) -> bool:
    """Is ``returned`` (a failure's answer in ``function``) empty, and does every caller in the module
    report an empty answer as a failure? (See the module docs.)"""
    if not isinstance(function, FUNCTION_TYPES) or not is_not_there(returned):
        return False
    calls = functions.module_calls_of(code, function)
    return bool(calls) and all(_reports_an_empty_result(code, call) for call in calls)


def _reports_an_empty_result(code: Code, call: ast.Call) -> bool:
    """The caller tests ``call``'s result (or what awaiting it gives), and every test's branch for an
    empty answer reports a failure."""
    result = code.parent(call) if isinstance(code.parent(call), ast.Await) else call
    direct = _empty_branches(code, result)
    branches = [direct] if direct is not None else None
    if branches is None:
        parent = code.parent(result)
        targets = parent.targets if isinstance(parent, ast.Assign) else []
        if len(targets) != 1 or not isinstance(targets[0], ast.Name):
            return False
        name = targets[0].id
        scope = code.enclosing_scope(result)
        branches = [
            branch
            for test in code.nodes(ast.Name, within=scope, skip=(*FUNCTION_TYPES, ast.ClassDef))
            if test.id == name and isinstance(test.ctx, ast.Load)
            for branch in [_empty_branches(code, test)]
            if branch is not None
        ]
        if not branches:
            return False
    return all(_reports_failure(code, branch) for branch in branches)


def _empty_branches(code: Code, node: ast.AST) -> list[ast.stmt] | None:
    """The statements an ``if`` runs when ``node`` (a call, or a name holding its result) is empty, when
    it is that ``if``'s whole test (``if x:``, ``if not x:``, ``if x is None:``); None otherwise."""
    parent = code.parent(node)
    negated = False
    if isinstance(parent, ast.UnaryOp) and isinstance(parent.op, ast.Not):
        node, parent, negated = parent, code.parent(parent), True
    elif compares_with_none(parent, node):
        node, parent, negated = parent, code.parent(parent), isinstance(parent.ops[0], ast.Is)
    if not isinstance(parent, ast.If) or parent.test is not node:
        return None
    return parent.body if negated else parent.orelse


def _reports_failure(code: Code, statements: list[ast.stmt]) -> bool:
    """The statements report a failure as one: an error-level report (``st.error(...)``), or a raise,
    exit, abort or return that says something failed (``raise RuntimeError("Could not load ...")``,
    ``abort(500)``) - not one that blames the input (``raise InvalidUsage("Invalid course id")``, a 400)."""
    if says_not_found(code, statements):
        return False  # the empty answer is taken for absence after all
    reported = False
    for statement in statements:
        for node in code.nodes(ast.AST, within=statement, skip=(*FUNCTION_TYPES, ast.ClassDef)):
            if isinstance(node, ast.Call) and (dotted_name(node.func) or "").rsplit(".", 1)[-1] in FAILURE_REPORTS:
                reported = True
            elif isinstance(node, (ast.Raise, ast.Return)) or (
                isinstance(node, ast.Call) and (dotted_name(node.func) or "") in EXITS
            ):
                reported = reported or _says_it_failed(code, node)
    return reported


def _says_it_failed(code: Code, node: ast.AST) -> bool:
    """A bare ``raise``, or a server error status (``abort(500)``) or words of failure in what ends the
    branch."""
    if isinstance(node, ast.Raise) and node.exc is None:
        return True
    for part in code.nodes(ast.Constant, within=node):
        if isinstance(part.value, int) and not isinstance(part.value, bool) and 500 <= part.value < 600:
            return True
        if isinstance(part.value, str) and FAILED_TEXT.search(part.value):
            return True
    return False
