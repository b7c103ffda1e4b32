"""# BTO403 batch-partial-failures-ignored

Message: `BTO403 dynamodb.batch_write_item() reports failed entries in 'UnprocessedItems', not as an exception; check it and retry those entries`

## What it does
Flags a call of a batch operation whose response is discarded, or never
checked for the member in which the operation reports the entries that failed.
The operations and their failure members come from botocore's output shapes:
every operation whose response has members named `Failed*`, `Unprocessed*`,
`Errors` or `failures` (ECS and ECR: `run_task`'s tasks that could not be
placed, `batch_delete_image`'s images left), `batch_*` operations whose response names its error list otherwise
(`ErrorList`, `...Errors`, `...ErrorEntries`, IoT SiteWise's and Greengrass's
`errorEntries`) or lists one result per entry,
each with its own `Error` (DynamoDB `batch_execute_statement`:
`Responses[].Error`), leaving out read-only operations (`get_*`, `describe_*`,
`list_*`, `validate_*`, `detect_*`, ...) and single-resource operations that
report a resource's own errors. Among them: DynamoDB `batch_write_item`
(`UnprocessedItems`) and `batch_get_item` (`UnprocessedKeys`), SQS
`send_message_batch` and `change_message_visibility_batch` (`Failed`), SNS
`publish_batch` (`Failed`),
Kinesis `put_records` (`FailedRecordCount`, or each record's `ErrorCode`),
Firehose `put_record_batch` (`FailedPutCount`), EventBridge `put_events`
(`FailedEntryCount`), S3 `delete_objects` (`Errors`). The batch actions of
boto3's resources make the same operations and answer the same response,
as botocore's resource models say: `queue.send_messages(...)` (SQS
`send_message_batch`), `bucket.delete_objects(...)`, the DynamoDB service
resource's `batch_write_item(...)`.

A response thrown away (the call a statement of its own) is never checked,
whatever else the function reads: a retry of the unprocessed items that
discards the retry's own response loses what fails again. Otherwise the
response counts as checked when the function reads the failure member (as
a string key anywhere in it: `response["UnprocessedItems"]`,
`response.get("Failed")`, a loop that retries them), or hands the response to
a function of the same module that does (`check_failures(response)`). A
response the function returns is followed to the callers in the same module
(also those that run it in a thread: `await asyncio.to_thread(put_batch, records)`,
`loop.run_in_executor(None, put_batch, records)`, `executor.submit(put_batch, records)`):
checked there, it is not flagged; and a response that leaves the module (a
public function's return value, whose callers are elsewhere) is the callers'
to check, but not one a Lambda handler returns (`return events.put_events(...)`):
the Lambda runtime reads nothing of it. A batch call followed, in the same function, by the operation
that AWS documents to fail while its failed entries remain, on the same
resource, has its failures surfaced by that operation's exception:
`events.remove_targets(Rule=r)` then `events.delete_rule(Name=r)` (a rule
with targets left cannot be deleted), `s3.delete_objects(Bucket=b, ...)` then
`s3.delete_bucket(Bucket=b)` (a bucket with objects left cannot be deleted),
`ecr.batch_delete_image(repositoryName=r, ...)` then
`ecr.delete_repository(repositoryName=r)` (it fails while images remain, or,
given `force=True`, deletes them);
the pairs, with their documentation, are in
`flake8_boto3/data/batch_failures_surfaced.json`. Also one helper away: a
method that only removes the targets, called by every caller right before the
method that deletes the rule, with the same rule (crhelper's polling clean-up).
Nor a removal (`delete_objects`, `batch_delete_*`) in a `while` loop that
lists the same client's resources again, from the start, on every pass (a
listing without its continuation token, or a paginator made in the loop): what
failed to be removed is listed and removed again until nothing is left (the
"empty the bucket" loop). A loop that pages on with the token lists each
failed entry once, and stays flagged. `Table.batch_writer()` retries unprocessed items itself and is never
flagged, and neither is test code. Nor is a batch of one entry (its one list
argument a display of a single item, `Entries=[{...}]`; a `run_task` without
`count`, or `count=1`) whose one result the
code reads with plain subscripts (`response["Entries"][0]["EventId"]`,
`response["ResultList"][0]["Sentiment"]`, `response["tasks"][0]` where the
failed entries go to a list of their own): when the entry fails, its result has
no such field, or the list of results is empty, and the read raises; read with
`.get`, or with more than one entry, the failure is lost. Nor is an empty batch
(`put_evaluations(Evaluations=[], ResultToken=token)`, which an AWS Config rule
sends to close a run): no entry can fail. Nor is SQS `delete_message_batch`: a
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
import re
import sys
from collections.abc import Iterator

from flake8_boto3.analysis import later_operation, result_use
from flake8_boto3.analysis.code import Code
from flake8_boto3.analysis.continuation import REMOVING_VERB, keyword_value, mentioned_keys
from flake8_boto3.analysis.functions import (
    handler_reason,
    helpers_given_values,
    in_test_code,
    module_calls_and_handoffs_of,
)
from flake8_boto3.analysis.names import FUNCTION_TYPES
from flake8_boto3.aws import batch_failures_surfaced, table
from flake8_boto3.context import FileContext
from flake8_boto3.model import Kind
from flake8_boto3.rule import ERROR_HANDLING_GUIDE, Finding, Rule
from flake8_boto3.settings import Settings

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


def _scopes_seeing(code: Code, call, settings: Settings) -> list:
    """The functions that see this call's response: its own function, and when the function returns
    the response, the same-module functions that call it. None when the response leaves the module
    (not from a Lambda handler: the Lambda runtime reads nothing of what it returns)."""
    scope = code.enclosing_scope(call.call)
    seeing = [scope]
    if not isinstance(scope, FUNCTION_TYPES) or not result_use.returned(code, call.call):
        return seeing
    callers = [code.enclosing_scope(use) for use in module_calls_and_handoffs_of(code, scope)]
    if not callers and not scope.name.startswith("_"):
        if handler_reason(code, scope, settings) == "Lambda handler":
            return seeing
        return []  # returned to callers elsewhere: theirs to check
    return seeing + callers


def _checked_in(code: Code, scope, accepted: set[str]) -> bool:
    if accepted & mentioned_keys(code, scope):
        return True
    return any(accepted & mentioned_keys(code, helper) for helper in helpers_given_values(code, scope))


def _failures_surfaced_later(context: FileContext, call, service: str, operation: str) -> bool:
    """A later operation on the same resource fails while the batch's failures remain (see
    ``data/batch_failures_surfaced.json``): ``remove_targets(Rule=r)`` then ``delete_rule(Name=r)``."""
    surfaced = batch_failures_surfaced().get((service, operation))
    return surfaced is not None and later_operation.follows(context.code, context.aws_calls, call, surfaced)


def _listed_again(code: Code, call, operation: str) -> bool:
    """A removal inside a ``while`` loop that lists the same client's resources again on every pass,
    from the start (a listing call without a continuation token, or a paginator made in the loop): the
    entries it failed to remove are listed, and removed, again on the next pass (an "empty the
    bucket" loop that runs until nothing is left)."""
    if not REMOVING_VERB.match(operation) or not isinstance(call.call.func, ast.Attribute):
        return False
    loop = next(
        (node for node in code.ancestors(call.call) if isinstance(node, (ast.While, *FUNCTION_TYPES))), None
    )
    if not isinstance(loop, ast.While):
        return False
    receiver = code.as_string(call.call.func.value)
    aws = table()
    listings = []
    for inner in code.nodes(ast.Call, within=loop):
        if not isinstance(inner.func, ast.Attribute) or code.as_string(inner.func.value) != receiver:
            continue
        name = inner.func.attr
        if name == "get_paginator" or (READ_ONLY.match(name) and name in aws.paginated_operations):
            listings.append(inner)
    return bool(listings) and not any(_pages_on(call, listing) for listing in listings)


def _pages_on(call, listing: ast.Call) -> bool:
    """The listing goes on from where the last pass stopped: it passes its continuation token, or
    arguments the syntax cannot read (``**kwargs``)."""
    if listing.func.attr == "get_paginator":
        return False  # each pass makes a new paginator: it starts over
    names = {keyword.arg for keyword in listing.keywords}
    if None in names:
        return True
    aws = table()
    return any(
        names & set(paginator.input_token)
        for service in call.services()
        if (paginator := aws.paginator(service, listing.func.attr)) is not None
    )


def _list_displays(call: ast.Call) -> list[ast.List | ast.Tuple]:
    """The keyword arguments of the call that are list or tuple displays (the batch's entries)."""
    return [kw.value for kw in call.keywords if isinstance(kw.value, (ast.List, ast.Tuple))]


def _single_entry(call: ast.Call, counted: bool = False) -> bool:
    """The batch holds one entry: its one list argument is a display of a single item
    (``Entries=[{...}]``, ``TextList=[text]``), or, for an operation that makes ``count`` copies of
    one request (``counted``: ECS ``run_task``), the call passes no ``count`` or ``count=1`` (one
    given in ``**params`` is not seen: the read of the first result still raises when none started)."""
    lists = _list_displays(call)
    if counted:
        count = keyword_value(call, "count")
        return not lists and (count is None or (isinstance(count, ast.Constant) and count.value == 1))
    return len(lists) == 1 and len(lists[0].elts) == 1 and not isinstance(lists[0].elts[0], ast.Starred)


def _no_entries(call: ast.Call) -> bool:
    """The batch is empty: its one list argument is an empty display (an AWS Config rule closing a
    run with ``put_evaluations(Evaluations=[], ResultToken=token)``)."""
    lists = _list_displays(call)
    return len(lists) == 1 and not lists[0].elts and not call.args and all(kw.arg for kw in call.keywords)


def _entry_result_read_strictly(code: Code, call: ast.Call, keys: tuple[str, ...]) -> bool:
    """The response's one result is read with plain subscripts, ``resp["Entries"][0]["EventId"]`` or
    ``resp["ResultList"][0]["Sentiment"]``: when the one entry fails, its result has no such field (or
    the list of results is empty), and the read raises. Where the failed entries go to a list of
    their own (``failures``, ``Failed``: not a count, not an ``ErrorCode`` in each result), the
    results hold only what succeeded, and ``resp["tasks"][0]`` itself raises."""
    separate = all(not key.endswith("Count") and key not in ENTRY_ERROR_FIELDS for key in keys)
    for use in result_use.uses(code, call, only_its_own=True) or ():
        read = result_use.member_read(code, use)
        if read is None or read[0] in keys or not isinstance(read[1], ast.Subscript):
            continue
        first = code.parent(read[1])
        if not (isinstance(first, ast.Subscript) and first.value is read[1] and _is_zero(first.slice)):
            continue
        if separate:
            return True
        field = code.parent(first)
        if isinstance(field, ast.Subscript) and field.value is first and isinstance(field.slice, ast.Constant):
            return field.slice.value not in keys and field.slice.value not in ENTRY_ERROR_FIELDS
    return False


# Where a result of its own says that its entry failed (EventBridge put_events' Entries[].ErrorCode).
ENTRY_ERROR_FIELDS = ("ErrorCode", "ErrorMessage", "Error")


def _is_zero(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and node.value == 0 and not isinstance(node.value, bool)


# Batch operations whose failed entries the service itself delivers again: an SQS message left undeleted
# is received again after its visibility timeout (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/
# SQSDeveloperGuide/sqs-visibility-timeout.html), which at-least-once consumers handle anyway.
REDELIVERED_ON_FAILURE = frozenset({("sqs", "delete_message_batch")})


def check(context: FileContext) -> Iterator[Finding]:
    if context.is_test_file:
        return
    for call in context.aws_calls.on(Kind.CLIENT, Kind.RESOURCE, Kind.SUB_RESOURCE):
        operation = call.operation_made()  # a resource's batch action makes one too
        keys: tuple[str, ...] = ()
        for service in sorted(call.services()) if operation else ():
            keys = failure_keys(service, operation)
            if keys:
                break
        if not keys or in_test_code(context.code, call.call):
            continue
        if _failures_surfaced_later(context, call, service, operation):
            continue
        if _listed_again(context.code, call, operation):
            continue  # the next pass lists what it failed to remove, and removes it again
        if (service, operation) in REDELIVERED_ON_FAILURE:
            continue  # the service delivers again what the batch failed to delete
        counted = table().counted_batch(service, operation)
        if _single_entry(call.call, counted) and _entry_result_read_strictly(context.code, call.call, keys):
            continue  # one entry, whose failure makes the read of its result raise
        if _no_entries(call.call):
            continue  # put_evaluations(Evaluations=[], ResultToken=...): nothing that could fail
        accepted = accepted_checks(keys)
        scopes = _scopes_seeing(context.code, call, context.settings)
        discarded = isinstance(context.code.parent(call.call), ast.Expr)  # another call's check is not its
        if not discarded and (not scopes or any(_checked_in(context.code, scope, accepted) for scope in scopes)):
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
