"""Loops that poll: they sleep between their passes and read the same thing again.

A loop polls when its own body sleeps (``time.sleep(5)``, ``await asyncio.sleep(1)``), not
only a loop nested in it: a retry loop's backoff (``time.sleep(2 ** attempt)`` around another
operation) sleeps between attempts of something else. BTO205 flags polls a waiter would do;
BTO201 knows that a listing the service returns newest first, read again on every pass, is
tailed: each pass needs only what is new since the last one.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from flake8_boto3.analysis.code import Code
from flake8_boto3.analysis.names import FUNCTION_TYPES, dotted_name

SLEEPS = frozenset({"time.sleep", "asyncio.sleep", "sleep", "gevent.sleep", "trio.sleep", "anyio.sleep"})


def sleeps_between_passes(code: Code, loop: ast.AST) -> bool:
    """The loop itself sleeps between its passes (a bare ``sleep`` imported from ``time`` or
    ``asyncio``)."""
    for call in loop_nodes(code, loop, ast.Call):
        name = dotted_name(call.func)
        if name in SLEEPS and code.innermost_loop(call) is loop:
            if name != "sleep":
                return True
            imports = code.bindings(call.func)
            if any(isinstance(b, ast.ImportFrom) and (b.module or "") in ("time", "asyncio") for b in imports):
                return True
    return False


def polled(code: Code, call: ast.Call) -> bool:
    """The call is made again on every pass of a loop that sleeps between its passes."""
    loop = code.repeating_loop(call)
    return loop is not None and sleeps_between_passes(code, loop)


def loop_nodes(code: Code, loop: ast.AST, kind) -> Iterator[ast.AST]:
    """Nodes of the loop body, not of functions defined inside it."""
    for statement in loop.body:
        if isinstance(statement, kind):
            yield statement
        yield from code.nodes(kind, within=statement, skip=FUNCTION_TYPES)
