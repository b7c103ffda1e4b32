"""# BTO303 deprecated-operation

Message: `BTO303 s3.get_bucket_lifecycle() is superseded: use get_bucket_lifecycle_configuration()`

## What it does
Flags a call of an operation that botocore's model marks deprecated for the
client's service (`lambda.invoke_async`, `s3.put_bucket_lifecycle`,
`s3.get_bucket_notification`). The message names the replacement when the
operation's documentation does. With an unknown service, the call is flagged
only when the operation is deprecated in every service that has it.

Not flagged: operations that are only *revised*, which the model does not
mark deprecated (`s3.list_objects`, whose documentation recommends
`list_objects_v2` for new applications, and Kinesis `describe_stream`): AWS
keeps supporting them, and one page of `list_objects` is no less complete than
one of `list_objects_v2` (reading one page is BTO201's). Nor a call on a
client made for another store that speaks the service's API
(`boto3.client("s3", endpoint_url="https://storage.yandexcloud.net")`, MinIO,
Ceph: a literal `endpoint_url` outside AWS and its local emulators): AWS's
deprecations are not that store's.

## Why is this bad?
Deprecated operations keep old behaviour and limits (`get_bucket_lifecycle`
predates lifecycle rule filters: AWS documents it for backward compatibility
only), miss newer parameters, and
are the first to be removed or to stop working with new resource types.

## Example
```python
import boto3

s3 = boto3.client("s3")


def lifecycle_rules(bucket):
    return s3.get_bucket_lifecycle(Bucket=bucket)["Rules"]
```

## Use instead
```python
import boto3

s3 = boto3.client("s3")


def lifecycle_rules(bucket):
    return s3.get_bucket_lifecycle_configuration(Bucket=bucket)["Rules"]
```

## Options
None.

## References
- [boto3 API reference](https://boto3.amazonaws.com/v1/documentation/api/latest/reference/services/index.html)
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from flake8_boto3.aws import table
from flake8_boto3.context import FileContext
from flake8_boto3.model import Kind
from flake8_boto3.rule import OPERATION_REFERENCE, Finding, Rule


def _deprecation(call) -> tuple[bool, str | None, str | None]:
    """(deprecated everywhere it exists, replacement, service to link to)."""
    services = sorted(call.services())
    if not services:
        return False, None, None
    entries = [table().deprecated(service) for service in services]
    if not all(call.operation in entry for entry in entries):
        return False, None, None
    replacements = {entry[call.operation] for entry in entries} - {None}
    replacement = replacements.pop() if len(replacements) == 1 else None
    return True, replacement, services[0] if len(services) == 1 else None


def check(context: FileContext) -> Iterator[Finding]:
    for call in context.aws_calls.on(Kind.CLIENT):
        deprecated, replacement, service = _deprecation(call)
        if not deprecated or call.endpoint_elsewhere:
            continue
        name = f"{call.receiver_text}.{call.operation}()"
        text = f"{name} is superseded: use {replacement}()" if replacement else f"{name} is deprecated in botocore's model"
        link = OPERATION_REFERENCE.format(service=service, operation=call.operation) if service else None
        yield RULE.finding(call.call, text, link)


RULE = Rule(
    code="BTO303",
    name="deprecated-operation",
    summary="call of an operation botocore's model marks deprecated",
    link="https://boto3.amazonaws.com/v1/documentation/api/latest/reference/services/index.html",
    check=check,
    module=sys.modules[__name__],
)
