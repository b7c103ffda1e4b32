"""# BTO404 modeled-exception-after-client-error

Message: `BTO404 'except client.exceptions.GoneException' never runs: 'except ClientError' on line 12 catches it first (modeled exceptions are ClientErrors); move it above`

## What it does
Flags an `except` clause for a modeled exception of a boto3 client
(`client.exceptions.GoneException`, `s3.exceptions.NoSuchKey`,
`self.client.exceptions.X`, `table.meta.client.exceptions.ConditionalCheckFailedException`)
placed after a clause of the same `try` that catches `ClientError` (however it
is spelled: `ClientError`, `botocore.exceptions.ClientError`,
`client.exceptions.ClientError`, or inside a tuple such as
`except (ClientError, BotoCoreError)`).

Never flagged: a modeled-exception clause placed before the `ClientError` one,
clauses of different (or nested) `try` statements, and receivers that are not
known to be boto3 clients. `except BotoCoreError` before a modeled exception is
fine (modeled exceptions are not BotoCoreErrors). `except Exception` before it
is the generic case of a broad clause shadowing a narrow one, which pylint
reports as `bad-except-order` when it can infer both classes; it is not
repeated here.

## Why is this bad?
botocore makes every modeled exception a subclass of `ClientError`. Python runs
the first `except` clause that matches, so once `except ClientError` comes
first, it takes every modeled exception too and the later clause is dead code:
a websocket handler whose `GoneException` branch should drop a stale
connection instead logs a generic failure, a conditional write whose
`ConditionalCheckFailedException` branch should report a conflict reports an
error instead. Tests that stub only the happy path never notice.

## Example
```python
import boto3
from botocore.exceptions import ClientError

api = boto3.client("apigatewaymanagementapi")


def send(connection_id, data):
    try:
        api.post_to_connection(ConnectionId=connection_id, Data=data)
    except ClientError:
        raise
    except api.exceptions.GoneException:
        return False
    return True
```

## Use instead
```python
import boto3
from botocore.exceptions import ClientError

api = boto3.client("apigatewaymanagementapi")


def send(connection_id, data):
    try:
        api.post_to_connection(ConnectionId=connection_id, Data=data)
    except api.exceptions.GoneException:
        return False
    except ClientError:
        raise
    return True
```

## Options
None.

## References
- [boto3 guide: catching exceptions when using a low-level client](https://boto3.amazonaws.com/v1/documentation/api/latest/guide/error-handling.html#catching-exceptions-when-using-a-low-level-client)
- [Python reference: the try statement](https://docs.python.org/3/reference/compound_stmts.html#the-try-statement)
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator

from flake8_boto3.analysis.handler_paths import TRY_TYPES
from flake8_boto3.context import FileContext
from flake8_boto3.rule import MODELED_EXCEPTIONS_GUIDE, Finding, Rule

MESSAGE = (
    "'except {modeled}' never runs: 'except {client_error}' on line {line} catches it first"
    " (modeled exceptions are ClientErrors); move it above"
)


def check(context: FileContext) -> Iterator[Finding]:
    code = context.code
    classes = context.exception_classes
    tries = dict.fromkeys(code.parent(h) for h in classes.handlers if isinstance(code.parent(h), TRY_TYPES))
    for try_node in tries:
        modeled = [classes.modeled(handler) for handler in try_node.handlers]
        if not any(modeled[1:]):
            continue
        first_client_error: ast.ExceptHandler | None = None
        for handler, exceptions in zip(try_node.handlers, modeled):
            if first_client_error is not None and exceptions:
                yield RULE.finding(
                    handler,
                    MESSAGE.format(
                        modeled=code.as_string(exceptions[0].node),
                        client_error=code.as_string(first_client_error.type),
                        line=first_client_error.lineno,
                    ),
                )
            elif first_client_error is None and classes.catches_client_error(handler):
                first_client_error = handler


RULE = Rule(
    code="BTO404",
    name="modeled-exception-after-client-error",
    summary="except client.exceptions.X placed after except ClientError in the same try (never runs)",
    link=MODELED_EXCEPTIONS_GUIDE,
    check=check,
    module=sys.modules[__name__],
)
