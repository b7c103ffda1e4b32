"""# BTO402 client-error-swallows-other-codes

Message: `BTO402 'except ClientError' handles some error codes and silently swallows all the others; re-raise what it doesn't handle (end the handler with 'raise')`

## What it does
Flags an `except ClientError` handler that branches on the error code (or
message) but lets the other codes fall through: on the "other codes" side of
the test nothing at all happens before the handler is left (only `pass`,
`return`, `continue`, `break` or the end of the handler). That is the "check
one code, fall through for the rest" bug.

```python
except ClientError as e:
    if e.response["Error"]["Code"] == "ConditionalCheckFailedException":
        return "exists"
    # every other code ends up here, and is forgotten
```

Correct shapes are not flagged: `if code != "X": raise`, `if code in {...}:
... else: raise`, a trailing `raise`, a `match` whose `case _:` raises, and
branches that return or continue only for the codes they name. Neither is a
handler whose other codes are dealt with explicitly: an `else:` branch or
statements after the test that log the error or record it are a decision the
author made (whether swallowing is right there is BTO401's question for
handlers that never look at the code). Paths are followed through
`if`/`elif`/`else`, `match`, `with` and nested `try` statements.

## Why is this bad?
It looks like careful error handling, so reviewers pass it, yet every
unexpected code (`AccessDenied`, `ThrottlingException`, `ValidationException`)
is silently dropped exactly as with a bare `except ClientError: pass`.

## Example
```python
import boto3
from botocore.exceptions import ClientError

table = boto3.resource("dynamodb").Table("users")


def create_user(user):
    try:
        table.put_item(Item=user, ConditionExpression="attribute_not_exists(id)")
    except ClientError as error:
        if error.response["Error"]["Code"] == "ConditionalCheckFailedException":
            return "exists"
    return "created"
```

## Use instead
```python
import boto3
from botocore.exceptions import ClientError

table = boto3.resource("dynamodb").Table("users")


def create_user(user):
    try:
        table.put_item(Item=user, ConditionExpression="attribute_not_exists(id)")
    except ClientError as error:
        if error.response["Error"]["Code"] == "ConditionalCheckFailedException":
            return "exists"
        raise
    return "created"
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


def check(context: FileContext) -> Iterator[Finding]:
    analysis = context.client_error_handlers
    for handler in analysis.handlers:
        if not handler.branches_on_error or not any(path.other_codes for path in handler.losing_paths):
            continue
        yield RULE.finding(
            handler.node,
            f"'except {handler.node.type.as_string()}' handles some error codes and silently swallows all the others;"
            " re-raise what it doesn't handle (end the handler with 'raise')",
        )


RULE = Rule(
    code="BTO402",
    name="client-error-swallows-other-codes",
    summary="except ClientError that branches on some codes and silently swallows the rest",
    link=ERROR_HANDLING_GUIDE,
    check=check,
    module=sys.modules[__name__],
)
