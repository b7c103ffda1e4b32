"""Do a function's callers only display what it gives them?

A handler that prints or logs the error and then answers "nothing" (``None``,
``[]``, an empty generator) loses the failure when a caller takes that answer
for "nothing there". It does not when every caller only shows what it gets::

    def _log_events(group, stream):
        try:
            yield from logs.get_log_events(logGroupName=group, logStreamName=stream)["events"]
        except ClientError as error:
            log.warning("cannot read %s: %s", stream, error)

    def forward(group, stream):
        for event in _log_events(group, stream):
            log.info(event["message"])

Nothing of the items is kept or decided on: the reader of that output sees the
error where the data would have been, as with a display step inside the
function itself (:attr:`.failure_handling.HandlerContext.only_displays`), one
call away. Only for a function whose callers are all in sight (a private one,
or one of a script: :func:`.functions.callers_in_sight`), and only when every
one of them displays.
"""

from __future__ import annotations

import ast

from flake8_boto3.analysis import functions
from flake8_boto3.analysis.code import Code
from flake8_boto3.analysis.handler_paths import KEEPING_METHODS, is_printed_output
from flake8_boto3.analysis.logging_calls import is_logging_call
from flake8_boto3.analysis.names import FUNCTION_TYPES, dotted_name
from flake8_boto3.aws import table

# Calls a display loop may make for their effect besides output: a pause between two lines.
PAUSES = frozenset({"sleep"})
ESCAPES = (ast.Return, ast.Yield, ast.YieldFrom, ast.Global, ast.Nonlocal)


def callers_only_display(code: Code, function: ast.AST | None) -> bool:
    """Every call of ``function`` in its module iterates the result in a loop that only prints or logs
    the items (see the module docs), and there is at least one such call."""
    if function is None or not functions.callers_in_sight(code, function):
        return False
    calls = functions.module_calls_of(code, function)
    return bool(calls) and all(_displayed(code, call) for call in calls)


def _displayed(code: Code, call: ast.Call) -> bool:
    """``for item in f(...):`` whose body only displays the items."""
    node, parent = call, code.parent(call)
    if isinstance(parent, ast.Await):
        node, parent = parent, code.parent(parent)
    if not isinstance(parent, (ast.For, ast.AsyncFor)) or parent.iter is not node or parent.orelse:
        return False
    return _loop_only_displays(code, parent)


def _loop_only_displays(code: Code, loop: ast.For | ast.AsyncFor) -> bool:
    """The loop's body prints or logs, keeps nothing (no attribute or item stored, no name it assigns
    read outside it, nothing returned or yielded), makes no AWS call, and calls nothing for its
    effect but output and pauses."""
    operations = table().operation_index
    stored = {name.id for name in ast.walk(loop.target) if isinstance(name, ast.Name)}
    shown = False
    for statement in loop.body:
        for node in code.nodes(ast.AST, within=statement, skip=(*FUNCTION_TYPES, ast.ClassDef, ast.Lambda)):
            if isinstance(node, ESCAPES):
                return False
            if isinstance(node, (ast.Attribute, ast.Subscript)) and isinstance(node.ctx, (ast.Store, ast.Del)):
                return False  # kept somewhere: self.events = ..., seen[key] = ...
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                stored.add(node.id)
            elif isinstance(node, ast.Call):
                if _is_output(node):
                    shown = True
                elif isinstance(node.func, ast.Attribute) and (
                    node.func.attr in operations or node.func.attr in KEEPING_METHODS
                ):
                    return False  # an AWS call, or the item put in a collection
                elif _for_its_effect(code, node) and _last_name(node) not in PAUSES:
                    return False  # a call made for what it does: the items may go on from there
    return shown and not _read_outside(code, loop, stored)


def _is_output(call: ast.Call) -> bool:
    return is_printed_output(call) or is_logging_call(call)


def _last_name(call: ast.Call) -> str:
    return (dotted_name(call.func) or "").rsplit(".", 1)[-1]


def _for_its_effect(code: Code, call: ast.Call) -> bool:
    """The call is a statement of its own (``notify(event)``, ``await asyncio.sleep(1)``)."""
    parent = code.parent(call)
    if isinstance(parent, ast.Await):
        parent = code.parent(parent)
    return isinstance(parent, ast.Expr)


def _read_outside(code: Code, loop: ast.AST, stored: set[str]) -> bool:
    """A name the loop assigns is read elsewhere in its function (after the loop: a count, the last
    item)."""
    if not stored:
        return False
    inside = {id(node) for node in code.nodes(ast.Name, within=loop)}
    scope = code.enclosing_scope(loop)
    return any(
        isinstance(node.ctx, ast.Load) and node.id in stored and id(node) not in inside
        for node in code.nodes(ast.Name, within=scope, skip=(ast.ClassDef,))
    )
