"""# BTO503 unknown-modeled-exception

Message: `BTO503 dynamodb client has no modeled exception 'ConditionalCheckFailed': this except clause raises AttributeError, and only once the call has failed; did you mean 'ConditionalCheckFailedException'?`

## What it does
On a client whose service is known, flags `client.exceptions.X` (in an `except`
clause or anywhere else it is evaluated: `isinstance(e, client.exceptions.X)`,
`pytest.raises(...)`) when the service models no error `X`, and suggests the
closest error names of that service. The names are the ones botocore puts on
`client.exceptions`: one class per error shape of the service model, plus
`ClientError` and `from_code`. Clients are recognised however they are reached:
`self.client.exceptions.X`, `resource.meta.client.exceptions.X`,
`table.meta.client.exceptions.X`, a client imported from a sibling module.

A client of unknown service, or a receiver that is not known to be a boto3
client, is never flagged.

## Why is this bad?
botocore builds `client.exceptions` from the service model at run time and
raises `AttributeError` for any other name. Python evaluates an `except`
clause's expression only when an exception reaches it, so a typo, a missing
`Exception` suffix, or another service's error (`s3.exceptions.ResourceNotFoundException`)
goes unnoticed until the call fails, and then replaces the AWS error with an
`AttributeError` from the error handler itself.

## Example
```python
import boto3

dynamodb = boto3.client("dynamodb")


def claim(item):
    try:
        dynamodb.put_item(TableName="jobs", Item=item, ConditionExpression="attribute_not_exists(id)")
    except dynamodb.exceptions.ConditionalCheckFailed:
        return False
    return True
```

## Use instead
```python
import boto3

dynamodb = boto3.client("dynamodb")


def claim(item):
    try:
        dynamodb.put_item(TableName="jobs", Item=item, ConditionExpression="attribute_not_exists(id)")
    except dynamodb.exceptions.ConditionalCheckFailedException:
        return False
    return True
```

## Options
None.

## References
- [boto3 guide: catching exceptions when using a low-level client](https://boto3.amazonaws.com/v1/documentation/api/latest/guide/error-handling.html#catching-exceptions-when-using-a-low-level-client)
- [boto3 API reference: each service's client exceptions](https://boto3.amazonaws.com/v1/documentation/api/latest/reference/services/index.html)
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from flake8_boto3.aws import table
from flake8_boto3.context import FileContext
from flake8_boto3.rule import MODELED_EXCEPTIONS_GUIDE, SERVICE_REFERENCE, Finding, Rule


def check(context: FileContext) -> Iterator[Finding]:
    aws = table()
    for attribute in context.exception_classes.exceptions_attributes.values():
        if attribute.exists is not False:
            continue
        service = attribute.service
        consequence = (
            ": this except clause raises AttributeError, and only once the call has failed"
            if attribute.in_except_clause
            else " (AttributeError at run time)"
        )
        hint = aws.did_you_mean(attribute.name, aws.error_shapes(service))
        yield RULE.finding(
            attribute.node,
            f"{service} client has no modeled exception '{attribute.name}'{consequence}{hint}",
            SERVICE_REFERENCE.format(service=service),
        )


RULE = Rule(
    code="BTO503",
    name="unknown-modeled-exception",
    summary="client.exceptions.X that the client's service does not model (AttributeError when evaluated)",
    link=MODELED_EXCEPTIONS_GUIDE,
    check=check,
    module=sys.modules[__name__],
)
