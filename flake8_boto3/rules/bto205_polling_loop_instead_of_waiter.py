"""# BTO205 polling-loop-instead-of-waiter

Message: `BTO205 loop polls ec2.describe_instances() and sleeps; use ec2.get_waiter("instance_running") (or "instance_exists", "instance_status_ok", "instance_stopped", "instance_terminated")`

## What it does
Flags a `while` or `for` loop that calls an AWS operation and sleeps
(`time.sleep`, `asyncio.sleep`) when the service has a waiter built on that
operation, and names the waiters. A loop that polls an operation no waiter
covers is not flagged.

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

from flake8_boto3.analysis.code import Code
from flake8_boto3.analysis.names import FUNCTION_TYPES, dotted_name
from flake8_boto3.aws import table
from flake8_boto3.context import FileContext
from flake8_boto3.model import Kind
from flake8_boto3.registry import WAITERS_GUIDE, Finding, Rule

SLEEPS = frozenset({"time.sleep", "asyncio.sleep", "sleep", "gevent.sleep", "trio.sleep", "anyio.sleep"})
LOOPS = (ast.While, ast.For, ast.AsyncFor)


def _sleeps(code: Code, loop: ast.AST) -> bool:
    for call in _loop_nodes(code, loop, ast.Call):
        name = dotted_name(call.func)
        if name in SLEEPS:
            if name != "sleep":
                return True
            imports = code.bindings(call.func)
            if any(isinstance(b, ast.ImportFrom) and (b.module or "") in ("time", "asyncio") for b in imports):
                return True
    return False


def _loop_nodes(code: Code, loop: ast.AST, kind):
    """Nodes of the loop body, not of functions defined inside it."""
    for statement in loop.body:
        if isinstance(statement, kind):
            yield statement
        yield from code.nodes(kind, within=statement, skip=FUNCTION_TYPES)


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


def check(context: FileContext) -> Iterator[Finding]:
    reported: set[ast.AST] = set()
    for call in context.aws_calls.on(Kind.CLIENT):
        waiters = _waiters_on(call.service, call.operation)
        if not waiters:
            continue
        for loop in _enclosing_loops(context.code, call.call):
            if loop in reported or not _sleeps(context.code, loop):
                continue
            reported.add(loop)
            others = f" (or {', '.join(repr(w).replace(chr(39), chr(34)) for w in waiters[1:])})" if waiters[1:] else ""
            yield RULE.finding(
                call.call,
                f"loop polls {call.receiver_text}.{call.operation}() and sleeps;"
                f' use {call.receiver_text}.get_waiter("{waiters[0]}"){others}',
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
