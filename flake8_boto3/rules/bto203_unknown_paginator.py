"""# BTO203 unknown-paginator

Message: `BTO203 s3 has no paginator 'list_object_v2' (OperationNotPageableError at run time); did you mean 'list_objects_v2'?`

## What it does
Flags `client.get_paginator("name")` when the client's service has no
paginator of that name, according to botocore's models, and suggests the
closest valid names. When the service is unknown (`boto3.client(name)`), only
names that no service paginates are flagged.

## Why is this bad?
`get_paginator` raises `OperationNotPageableError` at run time for an operation
that does not paginate (or does not exist): a typo, an operation of another
service, or an operation that returns everything in one response.

## Example
```python
import boto3

s3 = boto3.client("s3")


def keys(bucket):
    for page in s3.get_paginator("list_object_v2").paginate(Bucket=bucket):
        yield from page.get("Contents", [])
```

## Use instead
```python
import boto3

s3 = boto3.client("s3")


def keys(bucket):
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        yield from page.get("Contents", [])
```

## Options
None.

## References
- [boto3 guide: paginators](https://boto3.amazonaws.com/v1/documentation/api/latest/guide/paginators.html)
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from flake8_boto3.analysis.lookups import unknown_lookups
from flake8_boto3.aws import table
from flake8_boto3.context import FileContext
from flake8_boto3.rule import PAGINATORS_GUIDE, Finding, Rule


def check(context: FileContext) -> Iterator[Finding]:
    for call, name, valid in unknown_lookups(
        context.code, context.aws_calls.calls, "get_paginator", "operation_name", table().paginator_names
    ):
        owner = call.service or "no service"
        hint = table().did_you_mean(name, valid)
        yield RULE.finding(
            call.call, f"{owner} has no paginator '{name}' (OperationNotPageableError at run time){hint}"
        )


RULE = Rule(
    code="BTO203",
    name="unknown-paginator",
    summary="get_paginator() of an operation the service cannot paginate",
    link=PAGINATORS_GUIDE,
    check=check,
    module=sys.modules[__name__],
)
