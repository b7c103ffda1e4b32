"""# BTO401 client-error-code-ignored

Message: `BTO401 'except ClientError' treats every error code alike (AccessDenied, throttling, NoSuchKey...); branch on e.response["Error"]["Code"] and re-raise the codes you don't handle`

## What it does
Flags an `except ClientError` handler that neither looks at the error code nor
re-raises. ClientError is recognised however it is reached:
`botocore.exceptions.ClientError`, an alias (`from botocore.exceptions import
ClientError as CE`), `client.exceptions.ClientError`,
`resource.meta.client.exceptions.ClientError`, or inside a tuple
(`except (ClientError, BotoCoreError)`). `with contextlib.suppress(ClientError):`
swallows every code too and is flagged the same way.

Looking at the code means branching on `e.response["Error"]["Code"]`,
`e.response.get("Error", {}).get("Code")` or the HTTP status
`e.response["ResponseMetadata"]["HTTPStatusCode"]` (directly, through a local
variable, or through a lookup table indexed by it), branching on its message
(`if "service is unavailable" in str(e)`), or passing the exception to a
function of the project that reads the code. Reading the code only to log it does not
count. Re-raising means that every path through the handler raises: a bare
`raise`, `raise X from e`, any other `raise`, `sys.exit()`, or a call of a
project function that always raises.

Never flagged: modeled exceptions (`except s3.exceptions.NoSuchKey`,
`client.exceptions.ConditionalCheckFailedException`) and the specific classes
of libraries such as aws-error-utils (`except errors.NoSuchBucket`), which are
specific already; `except Exception`; test code.

## Why is this bad?
boto3 raises `ClientError` for nearly every AWS failure. A handler that never
looks at the code treats `AccessDenied` like `NoSuchKey` and throttling like a
missing table: permission bugs turn into "not found", outages turn into silent
data loss, and nobody sees it in the logs as anything but a generic warning.

## Example
```python
import boto3
from botocore.exceptions import ClientError

s3 = boto3.client("s3")


def read_config(bucket, key):
    try:
        return s3.get_object(Bucket=bucket, Key=key)["Body"].read()
    except ClientError:
        return None
```

## Use instead
```python
import boto3
from botocore.exceptions import ClientError

s3 = boto3.client("s3")


def read_config(bucket, key):
    try:
        return s3.get_object(Bucket=bucket, Key=key)["Body"].read()
    except ClientError as error:
        if error.response["Error"]["Code"] == "NoSuchKey":
            return None
        raise
```

## Options
None.

## References
- [boto3 guide: error handling](https://boto3.amazonaws.com/v1/documentation/api/latest/guide/error-handling.html)
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from flake8_boto3.context import FileContext
from flake8_boto3.registry import ERROR_HANDLING_GUIDE, Finding, Rule

MESSAGE = (
    "'{what}' loses the failure: every error code (AccessDenied, throttling, NoSuchKey...) ends the same"
    ' way, with nothing kept for the caller; branch on e.response["Error"]["Code"] and re-raise the codes you'
    " don't handle"
)


def check(context: FileContext) -> Iterator[Finding]:
    analysis = context.client_error_handlers
    for handler in analysis.handlers:
        if handler.branches_on_error or not handler.losing_paths:
            continue
        yield RULE.finding(handler.node, MESSAGE.format(what="except " + handler.node.type.as_string()))
    for call in analysis.losing_suppressions:
        yield RULE.finding(call, MESSAGE.format(what=call.as_string()))


RULE = Rule(
    code="BTO401",
    name="client-error-code-ignored",
    summary="except ClientError that never looks at the error code and loses the failure",
    link=ERROR_HANDLING_GUIDE,
    check=check,
    module=sys.modules[__name__],
)
