"""# BTO202 table-scan-reads-one-page

Message: `BTO202 table.scan() reads one page (1 MB of data at most); loop while the response has 'LastEvaluatedKey', passing it back as ExclusiveStartKey`

## What it does
Flags `Table.scan()` and `Table.query()` on a boto3 DynamoDB resource table
(`boto3.resource("dynamodb").Table(name)`, a `mypy_boto3_dynamodb` `Table`
annotation) whose continuation is never handled. Unlike resource collections
such as `bucket.objects.all()`, which paginate by themselves and are never
flagged, these two methods return one page.

Not flagged when the call passes `ExclusiveStartKey` (also through
`**kwargs`), when the function reads `LastEvaluatedKey` (of this call's
response: as in BTO201, another scan's loop does not count), when it passes
`Limit` (a deliberately bounded page; but with a `FilterExpression`, `Limit`
counts the items read before the filter: that is BTO206, and when a loop then
changes every item of the page, the page was not meant as all of them), or when
the result is only tested for emptiness (also through the page's `Count`:
`table.scan()["Count"] == 0`, or `count = ...["Count"]` then `count > 0`) or only its first item (or a fixed prefix) is
used, besides being logged: one page has those, as in BTO201. Not
after a `FilterExpression`, though (also one passed in a dict the call
unpacks): the filter runs on each 1 MB read, so the
first page can hold no match, or not the first, while later pages do. A
`query` of the table (not an index) whose key condition matches both key
attributes with `eq` (`Key("pk").eq(p) & Key("sk").eq(s)`) names one item.

A `query` of one entity's partition, named by a value the code computes
(`Key("user_id").eq(user_id)`), is the opt-in BTO207's: such a partition
passes 1 MB only for an entity with thousands of items, and on real
application code most of these queries read collections far below a page. A
query whose partition key is a constant (`Key("pk").eq("data")`, a status
index queried for `"InProgress"`) reads a whole collection and stays here.

Nor is a thin wrapper of the method, as in BTO201: the call passes on its
function's own `**kwargs` and the function returns the whole response (`def
scan_items(self, expression, **kwargs): return self.table.scan(FilterExpression=expression,
**kwargs)`): the caller's arguments may carry `ExclusiveStartKey`, and the
response carries `LastEvaluatedKey`, so the continuation is the caller's.

## Why is this bad?
DynamoDB stops reading after 1 MB of data and returns what it has, with a
`LastEvaluatedKey` to resume from. Without the loop, tables and partitions
that outgrow 1 MB lose items silently.

## Example
```python
import boto3

table = boto3.resource("dynamodb").Table("orders")


def all_orders():
    return table.scan()["Items"]
```

## Use instead
```python
import boto3

table = boto3.resource("dynamodb").Table("orders")


def all_orders():
    response = table.scan()
    items = response["Items"]
    while "LastEvaluatedKey" in response:
        response = table.scan(ExclusiveStartKey=response["LastEvaluatedKey"])
        items.extend(response["Items"])
    return items
```

## Options
None.

## References
- [DynamoDB developer guide: paginating scan results](https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Scan.html#Scan.Pagination)
- [DynamoDB developer guide: paginating query results](https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.Pagination.html)
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from flake8_boto3.analysis import continuation, partition_query
from flake8_boto3.context import FileContext
from flake8_boto3.rule import DYNAMODB_PAGINATION, Finding, Rule


def check(context: FileContext) -> Iterator[Finding]:
    for call in context.aws_calls.table_reads():
        if partition_query.reads_one_partition(call):
            continue  # BTO207 (opt-in)
        if not continuation.dynamodb_page_unhandled(context.code, call.call, call.operation):
            continue  # (Limit with a FilterExpression is BTO206's)
        if continuation.passes_the_callers_arguments_through(context.code, call.call):
            continue  # a thin wrapper: ExclusiveStartKey comes in with **kwargs, LastEvaluatedKey goes out
        yield RULE.finding(
            call.call,
            f"{call.receiver_text}.{call.operation}() reads one page (1 MB of data at most);"
            " loop while the response has 'LastEvaluatedKey', passing it back as ExclusiveStartKey",
        )


RULE = Rule(
    code="BTO202",
    name="table-scan-reads-one-page",
    summary="DynamoDB Table.scan()/query() reads one page, LastEvaluatedKey never followed",
    link=DYNAMODB_PAGINATION,
    check=check,
    module=sys.modules[__name__],
)
