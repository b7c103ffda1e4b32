"""Loops that poll: they sleep between their passes and read the same thing again.

A loop polls when its own body sleeps (``time.sleep(5)``, ``await asyncio.sleep(1)``), not
only a loop nested in it: a retry loop's backoff (``time.sleep(2 ** attempt)`` around another
operation) sleeps between attempts of something else. BTO205 flags polls a waiter would do;
BTO201 knows that a listing the service returns newest first, read again on every pass, is
tailed: each pass needs only what is new since the last one; BTO101 knows that a handler that
polls slowly waits on a resource for as long as it takes.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from flake8_boto3.analysis.code import Code
from flake8_boto3.analysis.names import FUNCTION_TYPES, dotted_name

SLEEPS = frozenset({"time.sleep", "asyncio.sleep", "sleep", "gevent.sleep", "trio.sleep", "anyio.sleep"})


# A poll that sleeps this long between its passes waits on a resource (a Glue or Textract job), not
# on a query an API answers within a second or two.
SLOW_POLL_SECONDS = 5


def sleeps_between_passes(code: Code, loop: ast.AST) -> bool:
    """The loop itself sleeps between its passes (a bare ``sleep`` imported from ``time`` or
    ``asyncio``)."""
    return any(
        code.innermost_loop(call) is loop and _is_a_sleep(code, call, bare_imported=True)
        for call in loop_nodes(code, loop, ast.Call)
    )


def sleeps_slowly_in_a_loop(code: Code, call: ast.Call) -> bool:
    """``time.sleep(10)`` in a loop, a constant of at least :data:`SLOW_POLL_SECONDS`, and not in an
    ``except`` clause (a retry's backoff)."""
    if not _is_a_sleep(code, call, bare_imported=False) or not call.args:
        return False
    seconds = call.args[0]
    if not (isinstance(seconds, ast.Constant) and isinstance(seconds.value, (int, float))):
        return False
    if seconds.value < SLOW_POLL_SECONDS or code.innermost_loop(call) is None:
        return False
    return not any(isinstance(parent, ast.ExceptHandler) for parent in code.ancestors(call))


def _is_a_sleep(code: Code, call: ast.Call, bare_imported: bool) -> bool:
    """A call of one of :data:`SLEEPS`; with ``bare_imported``, a bare ``sleep`` only when imported
    from ``time`` or ``asyncio``."""
    name = dotted_name(call.func)
    if name not in SLEEPS:
        return False
    if name != "sleep" or not bare_imported:
        return True
    imports = code.bindings(call.func)
    return any(isinstance(b, ast.ImportFrom) and (b.module or "") in ("time", "asyncio") for b in imports)


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
