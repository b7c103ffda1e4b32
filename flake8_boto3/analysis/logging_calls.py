"""Logging calls: what code evaluates only to write it to a log.

A value read inside the arguments of a logging call (``logger.debug("got %s", resp)``,
``log.info(f"{len(items)} items")``) is diagnostic output: the code does not use it. In a
Lambda function, ``print`` writes to the function's log too (CloudWatch Logs); in a script,
what it prints is its output.
"""

from __future__ import annotations

import ast
import re

from flake8_boto3.analysis.code import Code
from flake8_boto3.analysis.names import dotted_name

LOGGING_METHODS = frozenset({"debug", "info", "warning", "warn", "error", "exception", "critical", "fatal", "log"})
LOGGER_NAME = re.compile(r"log", re.I)  # logger, log, LOGGER, logging, self._log


def is_logging_call(node: ast.AST) -> bool:
    """``logger.debug(...)``, ``logging.info(...)``, ``self.log.warning(...)``."""
    if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
        return False
    receiver = dotted_name(node.func.value)
    return (
        node.func.attr in LOGGING_METHODS
        and receiver is not None
        and bool(LOGGER_NAME.search(receiver.rsplit(".", 1)[-1]))
    )


def is_print(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "print"


def in_log_message(code: Code, node: ast.AST, print_logs: bool) -> bool:
    """``node`` is evaluated only to build a logging call's message (with ``print_logs``, a ``print``
    call's too: in a Lambda function it writes to the log)."""
    child, parent = node, code.parent(node)
    while parent is not None and not isinstance(parent, (ast.stmt, ast.Lambda, ast.NamedExpr)):
        logs = is_logging_call(parent) or (print_logs and is_print(parent))
        if logs and child is not getattr(parent, "func", None):
            return True
        child, parent = parent, code.parent(parent)
    return False
