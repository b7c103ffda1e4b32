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
`get_waiter("...")`.

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

import sys
from collections.abc import Iterator

from flake8_boto3.analysis.aws_calls import action_operation
from flake8_boto3.aws import table
from flake8_boto3.context import FileContext
from flake8_boto3.model import Kind
from flake8_boto3.rule import CLIENTS_GUIDE, Finding, Rule


def check(context: FileContext) -> Iterator[Finding]:
    aws = table()
    for call in context.aws_calls.on(Kind.CLIENT):
        if not call.call.args:
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
        if call.call.args and action_operation(receiver, call.operation):
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
