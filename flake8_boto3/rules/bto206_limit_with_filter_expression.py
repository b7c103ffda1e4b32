"""# BTO206 limit-with-filter-expression

Message: `BTO206 table.query() with Limit and FilterExpression: Limit counts the items read before the filter, so the page may hold fewer matches than Limit, or none, while more exist; follow 'LastEvaluatedKey' until you have enough matches`

## What it does
Flags a DynamoDB `scan` or `query` (on a client, or on a resource `Table`)
that passes both `Limit` and `FilterExpression` and never follows the
continuation: it neither passes `ExclusiveStartKey` nor reads
`LastEvaluatedKey`. Where this rule fires, BTO201 and BTO202 do not: the call
is reported once.

Not flagged: `Limit` without a `FilterExpression` (a deliberately bounded page),
a `FilterExpression` without `Limit` (BTO201/BTO202 judge it), and calls whose
continuation is followed (a loop on `LastEvaluatedKey`, or a paginator).

## Why is this bad?
DynamoDB applies `Limit` to the items it *reads*, and only then applies the
`FilterExpression`. A query for "the latest failed execution" with `Limit=10`
reads ten items, drops those that don't match, and may return an empty page
with a `LastEvaluatedKey` even though a match exists further on. The code
works while matches are dense and silently finds nothing once they are not.

## Example
```python
import boto3
from boto3.dynamodb.conditions import Attr, Key

table = boto3.resource("dynamodb").Table("executions")


def latest_failure(job):
    response = table.query(
        KeyConditionExpression=Key("job").eq(job),
        FilterExpression=Attr("status").eq("FAILED"),
        ScanIndexForward=False,
        Limit=10,
    )
    return response["Items"][0] if response["Items"] else None
```

## Use instead
```python
import boto3
from boto3.dynamodb.conditions import Attr, Key

table = boto3.resource("dynamodb").Table("executions")


def latest_failure(job):
    arguments = {
        "KeyConditionExpression": Key("job").eq(job),
        "FilterExpression": Attr("status").eq("FAILED"),
        "ScanIndexForward": False,
        "Limit": 10,
    }
    while True:
        response = table.query(**arguments)
        if response["Items"]:
            return response["Items"][0]
        if "LastEvaluatedKey" not in response:
            return None
        arguments["ExclusiveStartKey"] = response["LastEvaluatedKey"]
```

## Options
None.

## References
- [DynamoDB developer guide: limiting the number of items in a scan](https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Scan.html#Scan.Limit)
- [DynamoDB developer guide: filter expressions for query](https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.FilterExpression.html)
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from flake8_boto3.analysis import continuation
from flake8_boto3.analysis.continuation import DYNAMODB_LIMIT, DYNAMODB_TOKENS
from flake8_boto3.context import FileContext
from flake8_boto3.rule import DYNAMODB_LIMIT_GUIDE, Finding, Rule


def check(context: FileContext) -> Iterator[Finding]:
    for call in context.aws_calls.dynamodb_reads():
        if not continuation.limit_with_filter_expression(call.call, DYNAMODB_LIMIT):
            continue
        if continuation.handles_tokens(context.code, call.call, DYNAMODB_TOKENS):
            continue
        yield RULE.finding(
            call.call,
            f"{call.receiver_text}.{call.operation}() with Limit and FilterExpression: Limit counts the items read"
            " before the filter, so the page may hold fewer matches than Limit, or none, while more exist;"
            " follow 'LastEvaluatedKey' until you have enough matches",
        )


RULE = Rule(
    code="BTO206",
    name="limit-with-filter-expression",
    summary="DynamoDB scan/query with Limit and FilterExpression reads one page whose matches may be fewer than Limit",
    link=DYNAMODB_LIMIT_GUIDE,
    check=check,
    module=sys.modules[__name__],
)
