"""# BTO406 client-error-code-not-checked

Message: `BTO406 'except ClientError' never branches on the error code; branch on e.response["Error"]["Code"] (opt-in: the handler passes the failure on)`

## What it does
The literal check, off by default: flags every `except ClientError` handler
that never branches on the error code and does not re-raise on every path, where
BTO401 stays silent because the handler passes the failure on in another form
(an error response, a stored error, a report and the next item, a best-effort
cleanup, a script telling its user). With BTO406 on, BTO401 and BTO406
together flag exactly the handlers that never branch on the code.

Branching on the code and re-raising are recognised as for BTO401 (printing
or storing the code without a branch on it is not a branch); test code,
handlers that catch `Exception` too and handlers of a `try` that only waits on
a waiter are never flagged.

## Why is this bad?
Even a handler that reports the failure treats AccessDenied, throttling and
NotFound alike: a throttled call reported as an error is noise, and a missing
object reported as a failure is not one. Teams that want every ClientError
handler to decide per code turn this rule on.

## Example
```python
import boto3
from botocore.exceptions import ClientError

s3 = boto3.client("s3")


def handler(event, context):
    try:
        return {"statusCode": 200, "body": s3.get_object(Bucket="b", Key=event["key"])["Body"].read()}
    except ClientError:
        return {"statusCode": 500}
```

## Use instead
```python
import boto3
from botocore.exceptions import ClientError

s3 = boto3.client("s3")


def handler(event, context):
    try:
        return {"statusCode": 200, "body": s3.get_object(Bucket="b", Key=event["key"])["Body"].read()}
    except ClientError as error:
        if error.response["Error"]["Code"] == "NoSuchKey":
            return {"statusCode": 404}
        return {"statusCode": 500}
```

## Options
Off by default: `extend-select = BTO406`.

## References
- [boto3 guide: error handling](https://boto3.amazonaws.com/v1/documentation/api/latest/guide/error-handling.html)
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from flake8_boto3.context import FileContext
from flake8_boto3.rule import ERROR_HANDLING_GUIDE, Finding, Rule


def check(context: FileContext) -> Iterator[Finding]:
    for handler in context.client_error_handlers.handlers:
        if handler.branches_on_error or handler.reraises_everywhere or handler.losing_paths:
            continue  # looks at the code, re-raises, or is BTO401's
        yield RULE.finding(
            handler.node,
            f"'except {context.code.as_string(handler.node.type)}' never branches on the error code;"
            ' branch on e.response["Error"]["Code"] (opt-in: the handler passes the failure on)',
        )


RULE = Rule(
    code="BTO406",
    name="client-error-code-not-checked",
    summary="except ClientError that never branches on the error code, though it passes the failure on (opt-in)",
    link=ERROR_HANDLING_GUIDE,
    check=check,
    module=sys.modules[__name__],
    enabled_by_default=False,
)
