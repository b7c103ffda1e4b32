"""The paths through an ``except ClientError`` handler, statement by statement.

Each path carries two facts: whether it ends by raising, and whether it
*swallows*: it went down the "other codes" side of a test on the error (the
side that is not a specific code or message) and then nothing at all happened
before it left the handler: only ``pass``, ``return``, ``continue``, ``break``
or the end of the handler. That is the "check one code, fall through for the
rest" bug; an explicit ``else:`` or any statement on that side (logging,
recording the error) is a decision the author made and is left alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from astroid import nodes

from flake8_boto3.analysis.names import dotted_name, inferred_functions

if TYPE_CHECKING:
    from flake8_boto3.analysis.client_errors import Handler

EXITS = frozenset({"sys.exit", "exit", "quit", "os._exit", "pytest.fail", "self.fail"})
LEAVING = (nodes.Return, nodes.Continue, nodes.Break)


@dataclass(frozen=True)
class Path:
    ends_in_raise: bool
    swallows: bool


@dataclass(frozen=True)
class State:
    """A path still running: is it on the 'other codes' side with nothing done yet?"""

    pending: bool = False


NOTHING_DONE_YET = State(pending=True)
RUNNING = State(pending=False)


def _polarity(test: nodes.NodeNG, handler: Handler | None) -> str | None:
    """"specific" (``code == X``, ``code in S``, ``"throttl" in str(e)``), "rest" (``!=``, ``not in``) or None."""
    if handler is None:
        return None
    if isinstance(test, nodes.UnaryOp) and test.op == "not":
        inner = _polarity(test.operand, handler)
        return {"specific": "rest", "rest": "specific"}.get(inner) if inner else None
    if isinstance(test, nodes.BoolOp):
        found = {_polarity(value, handler) for value in test.values} - {None}
        return found.pop() if len(found) == 1 else ("specific" if found else None)
    if not handler.is_detail(test):
        return "specific" if handler.hands_to_code_reader(test) else None  # is_throttling(e)
    if isinstance(test, nodes.Compare) and {op for op, _ in test.ops} <= {"!=", "not in", "is not"}:
        return "rest"
    return "specific"


def _walk(statements: list[nodes.NodeNG], handler: Handler | None, state: State) -> tuple[list[Path], set[State]]:
    """(paths that leave, states of the paths that go on after the last statement)."""
    finished: list[Path] = []
    running = {state}
    for statement in statements:
        after: set[State] = set()
        for current in running:
            done, go_on = _step(statement, handler, current)
            finished += done
            after |= go_on
        running = after
        if not running:
            break
    return finished, running


def _branch(body, orelse, handler, state: State, polarity: str | None) -> tuple[list[Path], set[State]]:
    body_state = orelse_state = state
    if polarity == "specific":
        body_state, orelse_state = RUNNING, NOTHING_DONE_YET
    elif polarity == "rest":
        body_state, orelse_state = NOTHING_DONE_YET, RUNNING
    done_body, running_body = _walk(body, handler, body_state)
    done_else, running_else = _walk(orelse, handler, orelse_state)
    return done_body + done_else, running_body | running_else


def _step(statement: nodes.NodeNG, handler: Handler | None, state: State) -> tuple[list[Path], set[State]]:
    if isinstance(statement, nodes.Raise):
        return [Path(True, False)], set()
    if isinstance(statement, LEAVING):
        return [Path(False, state.pending)], set()
    if isinstance(statement, nodes.Pass):
        return [], {state}
    if isinstance(statement, nodes.Expr) and isinstance(statement.value, nodes.Call):
        if _always_raises(statement.value, handler):
            return [Path(True, False)], set()
    if isinstance(statement, nodes.If):
        return _branch(statement.body, statement.orelse, handler, state, _polarity(statement.test, handler))
    if isinstance(statement, nodes.Match):
        return _match(statement, handler, state)
    if isinstance(statement, (nodes.With, nodes.AsyncWith)):
        return _walk(statement.body, handler, state)
    if isinstance(statement, (nodes.Try, nodes.TryStar)):
        finished, running = _walk(statement.body + statement.orelse, handler, state)
        for inner in statement.handlers:
            done, go_on = _walk(inner.body, handler, state)
            finished += done
            running |= go_on
        return finished, running
    # Anything else does something: logging, recording the error, a loop.
    return [], {RUNNING}


def _match(statement: nodes.Match, handler: Handler | None, state: State) -> tuple[list[Path], set[State]]:
    about_error = handler is not None and handler.is_detail(statement.subject)
    finished: list[Path] = []
    running: set[State] = set()
    wildcard_seen = False
    for case in statement.cases:
        wildcard = isinstance(case.pattern, nodes.MatchAs) and case.pattern.pattern is None
        wildcard_seen |= wildcard
        case_state = state if not about_error else (NOTHING_DONE_YET if wildcard else RUNNING)
        done, go_on = _walk(case.body, handler, case_state)
        finished += done
        running |= go_on
    if not wildcard_seen:
        running.add(NOTHING_DONE_YET if about_error else state)
    return finished, running


def _always_raises(call: nodes.Call, handler: Handler | None) -> bool:
    """``sys.exit(1)``, or ``raise_for(e)``: a project function, given the error, that always raises."""
    if (dotted_name(call.func) or "") in EXITS:
        return True
    if handler is None or not any(isinstance(a, nodes.Name) and a.name in handler.exception_names for a in call.args):
        return False
    callees = inferred_functions(call)
    return len(callees) == 1 and always_raises(callees[0].body)


def always_raises(body: list[nodes.NodeNG]) -> bool:
    """Every path through these statements raises (for helpers such as ``raise_for(e)``)."""
    finished, running = _walk(body, None, RUNNING)
    return not running and all(path.ends_in_raise for path in finished)


def paths_through(handler: Handler) -> list[Path]:
    """Every way out of the handler; falling off its end is a path that does not raise."""
    finished, running = _walk(handler.node.body, handler, RUNNING)
    return finished + [Path(False, state.pending) for state in running]
