"""# BTO403 batch-partial-failures-ignored

Message: `BTO403 dynamodb.batch_write_item() reports failed entries in 'UnprocessedItems', not as an exception; check it and retry those entries`

## What it does
Flags a call of a batch operation whose response is discarded, or never
checked for the member in which the operation reports the entries that failed.
The operations and their failure members come from botocore's output shapes:
every operation whose response has members named `Failed*`, `Unprocessed*` or
`Errors`, `batch_*` operations whose response names its error list otherwise
(`ErrorList`, `...Errors`, `...ErrorEntries`) or lists one result per entry,
each with its own `Error` (DynamoDB `batch_execute_statement`:
`Responses[].Error`), leaving out read-only operations (`get_*`, `describe_*`,
`list_*`, `validate_*`, `detect_*`, ...) and single-resource operations that
report a resource's own errors. Among them: DynamoDB `batch_write_item`
(`UnprocessedItems`) and `batch_get_item` (`UnprocessedKeys`), SQS
`send_message_batch` and `change_message_visibility_batch` (`Failed`), SNS
`publish_batch` (`Failed`),
Kinesis `put_records` (`FailedRecordCount`, or each record's `ErrorCode`),
Firehose `put_record_batch` (`FailedPutCount`), EventBridge `put_events`
(`FailedEntryCount`), S3 `delete_objects` (`Errors`).

The response counts as checked when the function reads the failure member (as
a string key anywhere in it: `response["UnprocessedItems"]`,
`response.get("Failed")`, a loop that retries them), or hands the response to
a function of the same module that does (`check_failures(response)`). A
response the function returns is followed to the callers in the same module:
checked there, it is not flagged; and a response that leaves the module (a
public function's return value, whose callers are elsewhere) is the callers'
to check. A batch call followed, in the same function, by the operation
that AWS documents to fail while its failed entries remain, on the same
resource, has its failures surfaced by that operation's exception:
`events.remove_targets(Rule=r)` then `events.delete_rule(Name=r)` (a rule
with targets left cannot be deleted), `s3.delete_objects(Bucket=b, ...)` then
`s3.delete_bucket(Bucket=b)` (a bucket with objects left cannot be deleted);
the pairs, with their documentation, are in
`flake8_boto3/data/batch_failures_surfaced.json`. Also one helper away: a
method that only removes the targets, called by every caller right before the
method that deletes the rule, with the same rule (crhelper's polling clean-up). `Table.batch_writer()` retries unprocessed items itself and is never
flagged, and neither is test code. Nor is SQS `delete_message_batch`: a
message whose deletion failed becomes visible again when its visibility
timeout ends and is received again (and, past the queue's `maxReceiveCount`,
moved to its dead-letter queue), which an SQS consumer handles anyway, since
SQS delivers at least once.

## Why is this bad?
Batch operations succeed as a whole even when some entries fail: throttled
writes come back in `UnprocessedItems`, rejected messages in `Failed`. No
exception is raised, so code that ignores the response loses those entries
silently.

## Example
```python
import boto3

sqs = boto3.client("sqs")


def enqueue(queue_url, bodies):
    sqs.send_message_batch(
        QueueUrl=queue_url,
        Entries=[{"Id": str(i), "MessageBody": body} for i, body in enumerate(bodies)],
    )
```

## Use instead
```python
import boto3

sqs = boto3.client("sqs")


def enqueue(queue_url, bodies):
    response = sqs.send_message_batch(
        QueueUrl=queue_url,
        Entries=[{"Id": str(i), "MessageBody": body} for i, body in enumerate(bodies)],
    )
    if response.get("Failed"):
        raise RuntimeError(f"{len(response['Failed'])} messages were not sent: {response['Failed']}")
```

## Options
None.

## References
- [boto3 guide: error handling](https://boto3.amazonaws.com/v1/documentation/api/latest/guide/error-handling.html)
- [DynamoDB BatchWriteItem: unprocessed items](https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchWriteItem.html)
"""

from __future__ import annotations

import ast
import copy
import re
import sys
from collections.abc import Iterator


from flake8_boto3.analysis import result_use
from flake8_boto3.analysis.code import Code
from flake8_boto3.analysis.continuation import keyword_value, mentioned_keys
from flake8_boto3.analysis.functions import helpers_given_values, in_test_code, module_calls_of, same_module_callees
from flake8_boto3.analysis.names import FUNCTION_TYPES
from flake8_boto3.aws import batch_failures_surfaced, table
from flake8_boto3.context import FileContext
from flake8_boto3.model import Kind
from flake8_boto3.rule import ERROR_HANDLING_GUIDE, Finding, Rule

READ_ONLY = re.compile(r"^(get|describe|list|validate|detect|classify|render|search|query|scan)_")
PLURAL_LAST_WORD = re.compile(r"(?<![su])s$")


def failure_keys(service: str, operation: str) -> tuple[str, ...]:
    """The response members reporting failed entries, for batch operations only."""
    if READ_ONLY.match(operation):
        return ()
    keys = table().partial_failure_keys(service, operation)
    if keys == ("Errors",) and not (operation.startswith("batch_") or PLURAL_LAST_WORD.search(operation)):
        return ()  # one resource's own errors, not failed entries of a batch
    return keys


def accepted_checks(keys: tuple[str, ...]) -> set[str]:
    """Keys whose reading counts as checking: the members, and per-entry ErrorCode for counts."""
    accepted = set(keys)
    if any(key.startswith("Failed") and key.endswith("Count") for key in keys):
        accepted.add("ErrorCode")
    if "Error" in keys:
        accepted.add("Code")  # `entry["Error"]["Code"]`
    return accepted


def _scopes_seeing(code: Code, call) -> list:
    """The functions that see this call's response: its own function, and when the function returns
    the response, the same-module functions that call it. None when the response leaves the module."""
    scope = code.enclosing_scope(call.call)
    seeing = [scope]
    if not isinstance(scope, FUNCTION_TYPES) or not result_use.returned(code, call.call):
        return seeing
    callers = [code.enclosing_scope(use) for use in module_calls_of(code, scope)]
    if not callers and not scope.name.startswith("_"):
        return []  # returned to callers elsewhere: theirs to check
    return seeing + callers


def _checked_in(code: Code, scope, accepted: set[str]) -> bool:
    if accepted & mentioned_keys(code, scope):
        return True
    return any(accepted & mentioned_keys(code, helper) for helper in helpers_given_values(code, scope))


def _after(node: ast.AST, other: ast.AST) -> bool:
    return (node.lineno, node.col_offset) > (other.lineno, other.col_offset)


def _arguments_at(function: ast.AST, site: ast.Call) -> dict[str, ast.expr] | None:
    """What each parameter of ``function`` is at the call ``site`` (``self``/``cls`` left out), or
    None when the call passes ``*args``/``**kwargs``."""
    if any(isinstance(a, ast.Starred) for a in site.args) or any(k.arg is None for k in site.keywords):
        return None
    names = [a.arg for a in (*function.args.posonlyargs, *function.args.args)]
    if names and names[0] in ("self", "cls") and isinstance(site.func, ast.Attribute):
        names = names[1:]
    bound = dict(zip(names, site.args))
    bound.update((k.arg, k.value) for k in site.keywords)
    return bound


def _text_at(code, expression: ast.expr, function: ast.AST | None, site: ast.Call | None) -> str | None:
    """The source of ``expression``, with the parameters of ``function`` replaced by what ``site``
    passes: ``rule_arn.split("/")[1]`` in a helper called with ``event["Rule"]`` reads
    ``event["Rule"].split("/")[1]``. None when a parameter it uses is not passed."""
    if function is None or site is None:
        return code.as_string(expression)
    arguments = _arguments_at(function, site)
    if arguments is None:
        return None
    parameters = {a.arg for a in (*function.args.posonlyargs, *function.args.args, *function.args.kwonlyargs)}
    used = {node.id for node in ast.walk(expression) if isinstance(node, ast.Name)} & parameters
    if used - arguments.keys():
        return None  # a parameter the call leaves to its default

    class Substitute(ast.NodeTransformer):
        def visit_Name(self, node: ast.Name) -> ast.AST:
            return arguments[node.id] if node.id in used else node

    return ast.unparse(Substitute().visit(copy.deepcopy(expression)))


def _resource_texts(code, call: ast.Call, same, function=None, site=None) -> dict[str, str] | None:
    """``{later parameter: text}`` naming the resource the batch call works on."""
    texts = {}
    for mine, theirs in same:
        value = keyword_value(call, mine)
        text = _text_at(code, value, function, site) if value is not None else None
        if text is None:
            return None
        texts[theirs] = text
    return texts


def _calls(call: ast.Call, operation: str) -> bool:
    return isinstance(call.func, ast.Attribute) and call.func.attr == operation


def _on_client_of(context: FileContext, call: ast.Call, service: str) -> bool:
    """The method ``call`` calls is a client's, for ``service`` (or a service not known)."""
    receiver = context.aws_calls.infer_receiver(call.func.value)
    return receiver is not None and receiver.kind is Kind.CLIENT and receiver.service in (None, service)


def _surfacing_calls(context: FileContext, scope: ast.AST, after: ast.AST, surfaced, service: str):
    """Calls of the later operation in ``scope`` after ``after``, with the texts naming their resource;
    also those one same-module helper down (``self._delete_rule(arn)``), read at the helper's call."""
    code = context.code
    same = [(theirs, theirs) for _, theirs in surfaced.same]
    for later in code.nodes(ast.Call, within=scope, skip=FUNCTION_TYPES):
        if not _after(later, after):
            continue
        if _calls(later, surfaced.then):
            if _on_client_of(context, later, service):
                yield _resource_texts(code, later, same)
            continue
        for helper in same_module_callees(code, later):
            for inner in code.nodes(ast.Call, within=helper, skip=FUNCTION_TYPES):
                if _calls(inner, surfaced.then) and _on_client_of(context, inner, service):
                    yield _resource_texts(code, inner, same, helper, later)


def _failures_surfaced_later(context: FileContext, call, service: str) -> bool:
    """A later operation on the same resource fails while the batch's failures remain (see
    ``data/batch_failures_surfaced.json``): ``remove_targets(Rule=r)`` then ``delete_rule(Name=r)``,
    in the same function, or in each function that calls the batch call's helper, directly or through
    another helper of the module."""
    surfaced = batch_failures_surfaced().get((service, call.operation))
    if surfaced is None:
        return False
    code = context.code
    scope = code.enclosing_scope(call.call)
    wanted = _resource_texts(code, call.call, surfaced.same)
    if wanted is not None and wanted in _surfacing_calls(context, scope, call.call, surfaced, service):
        return True
    if not isinstance(scope, FUNCTION_TYPES):
        return False
    sites = module_calls_of(code, scope)
    for site in sites:
        wanted = _resource_texts(code, call.call, surfaced.same, scope, site)
        caller = code.enclosing_scope(site)
        if wanted is None or wanted not in _surfacing_calls(context, caller, site, surfaced, service):
            return False
    return bool(sites)


# Batch operations whose failed entries the service itself delivers again: an SQS message left undeleted
# is received again after its visibility timeout (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/
# SQSDeveloperGuide/sqs-visibility-timeout.html), which at-least-once consumers handle anyway.
REDELIVERED_ON_FAILURE = frozenset({("sqs", "delete_message_batch")})


def check(context: FileContext) -> Iterator[Finding]:
    if context.is_test_file:
        return
    for call in context.aws_calls.on(Kind.CLIENT):
        keys: tuple[str, ...] = ()
        for service in sorted(call.services()):
            keys = failure_keys(service, call.operation)
            if keys:
                break
        if not keys or in_test_code(context.code, call.call) or _failures_surfaced_later(context, call, service):
            continue
        if (service, call.operation) in REDELIVERED_ON_FAILURE:
            continue  # the service delivers again what the batch failed to delete
        accepted = accepted_checks(keys)
        scopes = _scopes_seeing(context.code, call)
        if not scopes or any(_checked_in(context.code, scope, accepted) for scope in scopes):
            continue
        members = " and ".join(f"'{key}'" for key in keys)
        yield RULE.finding(
            call.call,
            f"{call.receiver_text}.{call.operation}() reports failed entries in {members}, not as an exception;"
            " check it and retry those entries",
        )


RULE = Rule(
    code="BTO403",
    name="batch-partial-failures-ignored",
    summary="batch operation whose failed entries (UnprocessedItems, Failed...) are never checked",
    link=ERROR_HANDLING_GUIDE,
    check=check,
    module=sys.modules[__name__],
)
