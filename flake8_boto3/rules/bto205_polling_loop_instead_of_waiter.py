"""# BTO205 polling-loop-instead-of-waiter

Message: `BTO205 loop polls ec2.describe_instances() and sleeps; use ec2.get_waiter("instance_running") (or "instance_exists", "instance_status_ok", "instance_stopped", "instance_terminated")`

## What it does
Flags a `while` or `for` loop that calls an AWS operation and sleeps
(`time.sleep`, `asyncio.sleep`) between its passes when the service has a
waiter built on that operation, and names the waiters; also a resource's
`reload()`/`load()`, which makes that operation again (`image.reload()`:
DescribeImages, `image.meta.client.get_waiter("image_available")`). A loop
that polls an operation no waiter covers is not flagged, nor one whose only
sleep is in a loop nested in it (a retry loop's backoff around another
operation, `time.sleep(2 ** attempt)` between attempts to delete a snapshot),
nor one that compares states none of the waiters watch (a volume's attachment
`in ("attached", "attaching")`, where the volume waiters watch `available`,
`in-use` and `deleted`).

Not flagged either when the loop stops, without raising, on a state that the
waiter treats as failure (named, picked by its text: `status.endswith("COMPLETE")`
stops on `ROLLBACK_COMPLETE` too, `"FAILED" in status`, `"COMPLETE" in
status.split("_")`; in the `else:` after the states an
`if`/`elif` chain names, or any state but those `while status == "Creating":`
goes on with, or states the code is given: `if status in failure_states:
return ...`): `if status in ("CREATE_COMPLETE", "FAILED"): return response`
hands a failed change set back to its caller, where
`change_set_create_complete` would raise `WaiterError` (the success and failure
states of every waiter come from botocore's waiter models). The waiters that
count are those whose success states the loop names (all of the operation's
waiters when it names none). A loop that stops on the failure state and then
raises, in the loop or right after it, is flagged unless it also gives up with
an exception when its time runs out: bounded (a `for` loop, a deadline, a
counter) and raising in its `else:` or right after it, or raising on a test of
the clock in its body (`if time.time() - started > 900: raise ...`). Such a
loop does all the waiter does (failure states, a bound, an error when the
bound is reached), and the waiter would change nothing; one that goes on
silently when its deadline passes takes a stack still in progress for a
created one.

Nor is a loop that reports the progress: it keeps the last state it saw and
tests each new one against it (`if status != last_status: notify(status)`,
`last_status = status`), or also calls another service on each pass
(`logs.get_log_events(...)` while polling `ecs.describe_tasks`: the task's log
streamed as it runs), which a waiter cannot do.

Nor is a `for` loop (`for attempt in range(30):`, bounded) that polls an
operation whose waiters have no failure state (Route 53 `get_change`, S3
`head_object`, CloudFront `get_distribution`): it has no failure state to miss
and a bound already, so the waiter would change nothing; so is a `while` loop
bounded the same way, by a deadline (`while time.monotonic() < deadline:`) or
a counter it adds to (`while tries < 30:` with `tries += 1`). The same poll
in `while True:` is flagged.

## Why is this bad?
Hand-written polling loops tend to miss the failure states (a stack that rolls
back, an instance that terminates), to have no overall timeout, or to poll too
fast and get throttled. botocore's waiters encode the success and failure
states, the delay and the maximum number of attempts for each resource.

## Example
```python
import time

import boto3

ec2 = boto3.client("ec2")


def wait_running(instance_id):
    while True:
        reservations = ec2.describe_instances(InstanceIds=[instance_id])["Reservations"]
        if reservations[0]["Instances"][0]["State"]["Name"] == "running":
            return
        time.sleep(5)
```

## Use instead
```python
import boto3

ec2 = boto3.client("ec2")


def wait_running(instance_id):
    ec2.get_waiter("instance_running").wait(InstanceIds=[instance_id])
```

## Options
None.

## References
- [boto3 guide: waiters](https://boto3.amazonaws.com/v1/documentation/api/latest/guide/clients.html#waiters)
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator

from flake8_boto3.analysis.aws_calls import RELOADS
from flake8_boto3.analysis.code import Code
from flake8_boto3.analysis.names import FUNCTION_TYPES, dotted_name
from flake8_boto3.analysis.polling import loop_nodes, sleeps_between_passes
from flake8_boto3.aws import table
from flake8_boto3.context import FileContext
from flake8_boto3.model import Kind
from flake8_boto3.rule import WAITERS_GUIDE, Finding, Rule

LOOPS = (ast.While, ast.For, ast.AsyncFor)
# Clocks a deadline is read from: they only move on.
CLOCKS = frozenset({
    "time.time", "time.monotonic", "time.perf_counter", "monotonic", "perf_counter",
    "datetime.now", "datetime.utcnow", "datetime.datetime.now", "datetime.datetime.utcnow",
})


def _enclosing_loops(code: Code, node: ast.AST) -> Iterator[ast.AST]:
    child, parent = node, code.parent(node)
    while parent is not None and not isinstance(parent, FUNCTION_TYPES):
        if isinstance(parent, LOOPS) and child in parent.body:
            yield parent
        child, parent = parent, code.parent(parent)


def _waiters_on(service: str | None, operation: str) -> list[str]:
    if not service or not table().has_service(service):
        return []
    return sorted(name for name, polled in table().waiters(service).items() if polled == operation)


def _compared_values(code: Code, node: ast.AST) -> set[str]:
    """The strings a comparison in ``node`` tests against (``status in ("A", "B")``, ``s == "A"``)."""
    values = set()
    for compare in code.nodes(ast.Compare, within=node, skip=FUNCTION_TYPES):
        for side in (compare.left, *compare.comparators):
            elements = side.elts if isinstance(side, (ast.Tuple, ast.List, ast.Set)) else [side]
            values.update(e.value for e in elements if isinstance(e, ast.Constant) and isinstance(e.value, str))
    return values


def _states_matched(code: Code, test: ast.expr, states: frozenset[str]) -> set[str]:
    """The ``states`` a test picks by their text rather than their name: ``status.endswith("COMPLETE")``,
    ``status.startswith("ROLLBACK")``, ``"FAILED" in status``, ``"COMPLETE" in status.split("_")``."""
    matched: set[str] = set()
    for call in code.nodes(ast.Call, within=test, skip=FUNCTION_TYPES):
        method = call.func.attr if isinstance(call.func, ast.Attribute) else None
        text = call.args[0].value if call.args and isinstance(call.args[0], ast.Constant) else None
        if method in ("endswith", "startswith") and isinstance(text, str):
            matched |= {state for state in states if getattr(state, method)(text)}
    for compare in code.nodes(ast.Compare, within=test, skip=FUNCTION_TYPES):
        left = compare.left
        if len(compare.ops) != 1 or not isinstance(compare.ops[0], ast.In):
            continue
        if isinstance(left, ast.Constant) and isinstance(left.value, str) and left.value:
            container = compare.comparators[0]
            split = isinstance(container, ast.Call) and isinstance(container.func, ast.Attribute) and (
                container.func.attr == "split"
            )
            if split:
                matched |= {state for state in states if left.value in state.split("_")}
            elif not isinstance(container, (ast.Tuple, ast.List, ast.Set, ast.Constant)):
                matched |= {state for state in states if left.value in state}
    return matched


def _test_values(code: Code, loop: ast.AST, test: ast.expr) -> set[str]:
    """What an ``if`` test compares, also through a name the loop binds to a comparison
    (``complete = status in (...)`` then ``if complete:``)."""
    values = _compared_values(code, test)
    names = {node.id for node in code.nodes(ast.Name, within=test)}
    for assign in loop_nodes(code, loop, ast.Assign):
        if any(isinstance(target, ast.Name) and target.id in names for target in assign.targets):
            values |= _compared_values(code, assign.value)
    return values


def _contains(code: Code, statements: list[ast.stmt], kinds) -> bool:
    """A statement of these kinds among ``statements`` or inside them (not in nested functions)."""
    return any(isinstance(s, kinds) or any(True for _ in code.nodes(kinds, within=s, skip=FUNCTION_TYPES))
               for s in statements)


def _raises(code: Code, statements: list[ast.stmt]) -> bool:
    return _contains(code, statements, ast.Raise)


def _ends(code: Code, statements: list[ast.stmt]) -> bool:
    """The statements leave the loop: ``return`` or ``break``."""
    return _contains(code, statements, (ast.Return, ast.Break))


def _failure_checked_after(code: Code, loop: ast.AST, failures: frozenset[str]) -> bool:
    """Right after the loop, an ``if`` on a failure state raises: the waiter's behaviour, by hand."""
    for following in code.following_siblings(loop):
        if isinstance(following, ast.If) and _compared_values(code, following.test) & failures:
            if _raises(code, following.body):
                return True
    return False


def _reports_each_change(code: Code, loop: ast.AST) -> bool:
    """The loop keeps the last state it saw and tests the new one against it (``if status !=
    last_status: notify(status)``, then ``last_status = status``): it reports the progress, which a
    waiter does not."""
    kept = {
        (assign.targets[0].id, assign.value.id)
        for assign in loop_nodes(code, loop, ast.Assign)
        if len(assign.targets) == 1 and isinstance(assign.targets[0], ast.Name) and isinstance(assign.value, ast.Name)
    }
    for compare in loop_nodes(code, loop, ast.Compare):
        if len(compare.ops) != 1 or not isinstance(compare.ops[0], (ast.NotEq, ast.Eq, ast.IsNot, ast.Is)):
            continue
        left, right = compare.left, compare.comparators[0]
        if isinstance(left, ast.Name) and isinstance(right, ast.Name):
            if (left.id, right.id) in kept or (right.id, left.id) in kept:
                return True
    return False


def _works_with_another_service(context: FileContext, loop: ast.AST, polled) -> bool:
    """On each pass the loop also calls another service (``logs.get_log_events(...)`` while it polls
    ``ecs.describe_tasks``: the task's log streamed as it runs), which a waiter cannot do meanwhile."""
    if polled.service is None:
        return False
    operations = table().operation_index
    for call in loop_nodes(context.code, loop, ast.Call):
        if not isinstance(call.func, ast.Attribute) or call.func.attr not in operations:
            continue
        receiver = context.aws_calls.infer_receiver(call.func.value)
        if receiver is not None and receiver.kind is Kind.CLIENT and receiver.service not in (None, polled.service):
            return True
    return False


def _waits_for_something_else(code: Code, loop: ast.AST, states: dict) -> bool:
    """The loop compares strings, and none of them is a state the waiters watch (a volume's
    attachment ``in ("attached", "attaching")``, where the volume waiters watch ``available``,
    ``in-use`` and ``deleted``): it waits for something no waiter can see. (Waiters that watch no
    state, ``instance_exists``, leave it undecided.)"""
    watched = [{state.lower() for state in s["success"] | s["failure"]} for s in states.values()]
    if not watched or not all(watched):
        return False
    compared = {value.lower() for value in _compared_values(code, loop)}
    return bool(compared) and not compared & set().union(*watched)


def _bounded(code: Code, loop: ast.AST) -> bool:
    """A ``for`` loop: it runs out (``for attempt in range(5):``), unless it counts forever. Or a
    ``while`` loop that runs out the same way: up to a deadline (``while time.monotonic() <
    deadline:``) or while a counter the loop adds to stays below a limit (``while tries < 30:``)."""
    if isinstance(loop, ast.While):
        return _deadline_or_count(code, loop)
    if not isinstance(loop, (ast.For, ast.AsyncFor)):
        return False
    source = loop.iter
    return not (isinstance(source, ast.Call) and (dotted_name(source.func) or "").rsplit(".", 1)[-1] in ("count", "cycle"))


def _deadline_or_count(code: Code, loop: ast.While) -> bool:
    test = loop.test
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1):
        return False
    if isinstance(test.ops[0], (ast.Lt, ast.LtE)):
        growing = test.left
    elif isinstance(test.ops[0], (ast.Gt, ast.GtE)):
        growing = test.comparators[0]
    else:
        return False
    if any(isinstance(node, ast.Call) and dotted_name(node.func) in CLOCKS for node in ast.walk(growing)):
        return True  # the clock only moves on
    if isinstance(growing, ast.Name):
        return any(
            isinstance(node.op, ast.Add) and isinstance(node.target, ast.Name) and node.target.id == growing.id
            for node in loop_nodes(code, loop, ast.AugAssign)
        )
    return False


def _tests_membership_in_a_variable(test: ast.expr) -> bool:
    """``status in failure_states``: the states come from a name, not the code's text."""
    return (
        isinstance(test, ast.Compare)
        and len(test.ops) == 1
        and isinstance(test.ops[0], ast.In)
        and isinstance(test.comparators[0], (ast.Name, ast.Attribute))
    )


def _is_final_else(branch: ast.If) -> bool:
    """The ``if`` (or last ``elif``) has a plain ``else:`` block."""
    return bool(branch.orelse) and not (len(branch.orelse) == 1 and isinstance(branch.orelse[0], ast.If))


def _chain_values(code: Code, loop: ast.AST, branch: ast.If) -> set[str]:
    """The states the tests of an ``if``/``elif`` chain name, from its last ``elif`` up."""
    values = _test_values(code, loop, branch.test)
    parent = code.parent(branch)
    while isinstance(parent, ast.If) and parent.orelse == [branch]:
        values |= _test_values(code, loop, parent.test)
        branch, parent = parent, code.parent(parent)
    return values


def _while_exits(code: Code, test: ast.expr, failures: frozenset[str]) -> set[str]:
    """The states on which ``while status == "Creating":`` (or ``in (...)``) stops: every one it does
    not name. (``!=``/``not in`` stop on the states named, which the ``if`` tests already count.)"""
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], (ast.Eq, ast.In))):
        return set()
    return set(failures - _compared_values(code, test))


def _stood_for(code: Code, loop: ast.AST, states: dict[str, dict], waiters: list[str]) -> tuple[list[str], frozenset]:
    """The waiters the loop stands for (those whose success states it names, all of them when it
    names none) and the states they treat as failure (``states``: each waiter's success and failure
    states)."""
    named = _compared_values(code, loop)
    relevant = [w for w in waiters if states[w]["success"] & named] or waiters
    return relevant, frozenset().union(*(states[w]["failure"] for w in relevant))


def _on_each_failing_waiter(states: dict[str, dict], relevant: list[str], reached: set[str]) -> bool:
    """Some failure state of each waiter that has one is among ``reached`` (a waiter without failure
    states never raises on one)."""
    failing = [w for w in relevant if states[w]["failure"]]
    return bool(failing) and all(states[w]["failure"] & reached for w in failing)


def _stops_on_failure_state(code: Code, loop: ast.AST, states: dict[str, dict], waiters: list[str]) -> bool:
    """The loop ends, without raising, on a state that the waiters it stands for treat as failure."""
    relevant, failures = _stood_for(code, loop, states, waiters)
    exits: set[str] = set()
    for branch in loop_nodes(code, loop, ast.If):
        if _ends(code, branch.body) and not _raises(code, branch.body):
            exits |= _test_values(code, loop, branch.test) | _states_matched(code, branch.test, failures)
            if _tests_membership_in_a_variable(branch.test):
                exits |= failures  # `if status in failure_states: return ...`: states the code is given
        if _is_final_else(branch) and _ends(code, branch.orelse) and not _raises(code, branch.orelse):
            exits |= failures - _chain_values(code, loop, branch)  # every state the chain did not name
    if isinstance(loop, ast.While):
        exits |= _while_exits(code, loop.test, failures)
    return _on_each_failing_waiter(states, relevant, exits) and not _failure_checked_after(code, loop, failures)


def _raises_on_failure_state(code: Code, loop: ast.AST, states: dict[str, dict], waiters: list[str]) -> bool:
    """The loop raises on a state that the waiters it stands for treat as failure: in a branch that
    tests it (or the final ``else`` after the states a chain names), or in an ``if`` right after the
    loop."""
    relevant, failures = _stood_for(code, loop, states, waiters)
    if _failure_checked_after(code, loop, failures):
        return True
    raised: set[str] = set()
    for branch in loop_nodes(code, loop, ast.If):
        if _raises(code, branch.body):
            raised |= _test_values(code, loop, branch.test) | _states_matched(code, branch.test, failures)
        if _is_final_else(branch) and _raises(code, branch.orelse):
            raised |= failures - _chain_values(code, loop, branch)
    return _on_each_failing_waiter(states, relevant, raised)


def _times_out_loudly(code: Code, loop: ast.AST) -> bool:
    """The loop gives up with an exception, as a waiter does after its last attempt: it is bounded
    (see :func:`_bounded`) and raises when the bound runs out (in its ``else:``, or in the statement
    right after it), or it raises on a test of the clock in its body (``if elapsed > 900: raise``)."""
    if _bounded(code, loop):
        following = next(iter(code.following_siblings(loop)), None)
        if _raises(code, loop.orelse) or isinstance(following, ast.Raise):
            return True
    timed = {
        target.id
        for assign in loop_nodes(code, loop, ast.Assign)
        if _reads_a_clock(assign.value)
        for target in assign.targets
        if isinstance(target, ast.Name)
    }
    return any(
        _raises(code, branch.body)
        and (_reads_a_clock(branch.test) or any(isinstance(n, ast.Name) and n.id in timed for n in ast.walk(branch.test)))
        for branch in loop_nodes(code, loop, ast.If)
    )


def _reads_a_clock(node: ast.AST) -> bool:
    return any(isinstance(n, ast.Call) and dotted_name(n.func) in CLOCKS for n in ast.walk(node))


def _polled(call) -> tuple[str, str] | None:
    """(operation, how to reach the client's waiter) of a client's call, or of a resource's reload
    (``image.reload()`` makes DescribeImages: ``image.meta.client``)."""
    if call.receiver.kind is Kind.CLIENT:
        return call.operation, call.receiver_text
    operation = call.operation_made() if call.operation in RELOADS else None
    return (operation, f"{call.receiver_text}.meta.client") if operation else None


def check(context: FileContext) -> Iterator[Finding]:
    reported: set[ast.AST] = set()
    for call in context.aws_calls.on(Kind.CLIENT, Kind.RESOURCE, Kind.SUB_RESOURCE):
        polled = _polled(call)
        if polled is None:
            continue
        operation, client_text = polled
        waiters = _waiters_on(call.service, operation)
        if not waiters:
            continue
        states = {waiter: table().waiter_states(call.service, waiter) for waiter in waiters}
        for loop in _enclosing_loops(context.code, call.call):
            if loop in reported or not sleeps_between_passes(context.code, loop):
                continue
            if _waits_for_something_else(context.code, loop, states):
                break  # it compares states none of the waiters watch
            if _stops_on_failure_state(context.code, loop, states, waiters):
                break  # a waiter would raise where the loop hands the state back
            if _reports_each_change(context.code, loop) or _works_with_another_service(context, loop, call):
                break  # it reports each state it sees on the way, or does other work on each pass
            if _bounded(context.code, loop) and not any(states[w]["failure"] for w in waiters):
                break  # no failure state to miss, a bound already there: the waiter would change nothing
            if _times_out_loudly(context.code, loop) and _raises_on_failure_state(context.code, loop, states, waiters):
                break  # raises on a failure state and when its time runs out: what the waiter does
            reported.add(loop)
            # The waiters that end in a state the loop compares come first: `!= "InService"` waits for
            # endpoint_in_service, not endpoint_deleted.
            compared = _compared_values(context.code, loop)
            ranked = sorted(waiters, key=lambda waiter: not states[waiter]["success"] & compared)
            others = f" (or {', '.join(repr(w).replace(chr(39), chr(34)) for w in ranked[1:])})" if ranked[1:] else ""
            yield RULE.finding(
                call.call,
                f"loop polls {call.receiver_text}.{call.operation}() and sleeps;"
                f' use {client_text}.get_waiter("{ranked[0]}"){others}',
            )
            break


RULE = Rule(
    code="BTO205",
    name="polling-loop-instead-of-waiter",
    summary="loop that polls an operation and sleeps where a botocore waiter exists",
    link=WAITERS_GUIDE,
    check=check,
    module=sys.modules[__name__],
)
