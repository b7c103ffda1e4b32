"""# BTO502 positional-arguments

Message: `BTO502 s3.get_object() takes keyword arguments only (TypeError at run time); pass every parameter by name`

## What it does
Flags positional arguments in a call of an AWS API operation on a boto3 client
(of a known service, or of any service that has the operation), or of a
resource's action that makes one (`table.delete_item(key)`: the action hands
its arguments on to the client's `delete_item`). The methods
boto3 adds to clients take positional arguments and are never flagged:
`upload_file(path, bucket, key)`, `download_file(...)`,
`generate_presigned_url("get_object", ...)`, `get_paginator("...")`,
`get_waiter("...")`. Nor is a wrapper that hands on its own `*args` with its
`**kwargs` (`def put_item(self, *args, **kwargs): return table.put_item(*args,
**kwargs)`): `args` is empty unless a caller passes positional arguments, which
the wrapper's callers, not the wrapper, would have to be told.

## Why is this bad?
botocore generates operation methods as `def _api_call(self, *args, **kwargs)`
and raises `TypeError: get_object() only accepts keyword arguments` for any
positional argument, at run time.

## Example
```python
import boto3

s3 = boto3.client("s3")


def read(bucket, key):
    return s3.get_object(bucket, key)["Body"].read()
```

## Use instead
```python
import boto3

s3 = boto3.client("s3")


def read(bucket, key):
    return s3.get_object(Bucket=bucket, Key=key)["Body"].read()
```

## Options
None.

## References
- [boto3 guide: clients](https://boto3.amazonaws.com/v1/documentation/api/latest/guide/clients.html)
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator

from flake8_boto3.analysis.aws_calls import action_operation
from flake8_boto3.analysis.code import Code
from flake8_boto3.aws import table
from flake8_boto3.context import FileContext
from flake8_boto3.model import Kind
from flake8_boto3.rule import CLIENTS_GUIDE, Finding, Rule


def passes_positionals(code: Code, call: ast.Call) -> bool:
    """The call passes positional arguments, other than its function's own ``*args`` handed on."""
    function = code.enclosing_function(call)
    own = function.args.vararg.arg if function is not None and function.args.vararg is not None else None
    return any(
        not (isinstance(arg, ast.Starred) and isinstance(arg.value, ast.Name) and arg.value.id == own)
        for arg in call.args
    )


def check(context: FileContext) -> Iterator[Finding]:
    aws = table()
    for call in context.aws_calls.on(Kind.CLIENT):
        if not passes_positionals(context.code, call.call):
            continue
        services = call.services()
        if not services:
            continue
        if any(call.operation in aws.injected_methods(service) for service in services):
            continue
        if not all(call.operation in aws.operations(service) for service in services):
            continue
        yield _finding(call)
    for call in context.aws_calls.on(Kind.RESOURCE, Kind.SUB_RESOURCE):
        receiver = call.receiver
        if passes_positionals(context.code, call.call) and action_operation(receiver, call.operation):
            yield _finding(call)


def _finding(call) -> Finding:
    return RULE.finding(
        call.call,
        f"{call.receiver_text}.{call.operation}() takes keyword arguments only (TypeError at run time);"
        " pass every parameter by name",
    )


RULE = Rule(
    code="BTO502",
    name="positional-arguments",
    summary="positional arguments to an AWS API operation (TypeError at run time)",
    link=CLIENTS_GUIDE,
    check=check,
    module=sys.modules[__name__],
)
