"""# BTO207 partition-query-reads-one-page

Message: `BTO207 table.query() of one partition (Key("user_id").eq(...)) reads one page (1 MB of data at most); loop while the response has 'LastEvaluatedKey', passing it back as ExclusiveStartKey`

Opt-in (`--extend-select BTO207`).

## What it does
Flags a DynamoDB `query` (on a resource `Table`, or a DynamoDB client) that
reads the partition of one entity, named by a value the code computes
(`Key("user_id").eq(user_id)`, `"chat_id = :c"` with `{":c": chat_id}`, also
through a serializer of the code's own: `serialize({":c": chat_id})`, or in
locals the code builds: `condition += " AND ts > :t"`, `values[":t"] = t`), and
never follows the continuation. These are the queries BTO201 and BTO202 leave
to this rule; the exemptions are theirs (`ExclusiveStartKey` passed,
`LastEvaluatedKey` read, a deliberate `Limit`, only the emptiness or the first
item used, both key attributes matched with "=" on the table: one item), and
`Limit` with a `FilterExpression` is BTO206's.

A query whose partition key is a constant (`Key("pk").eq("data")`, a status
index queried for `"InProgress"`) reads every item of its kind, like a scan,
and stays BTO202's (BTO201's on a client), default-on.

## Why is this bad?
A query stops after reading 1 MB of the partition and returns a
`LastEvaluatedKey` to resume from. One user's orders, one device's readings,
one listing's applications pass 1 MB only for an entity with thousands of
items (or fewer, larger ones), so the loss is rare and silent: the heaviest
users see a truncated list. Judged on real application code, most such
queries read collections that stay far below a page, which is why the rule is
opt-in: teams whose partitions grow without bound (event stores, time series
per device, audit trails per account) should turn it on.

## Example
```python
import boto3
from boto3.dynamodb.conditions import Key

table = boto3.resource("dynamodb").Table("orders")


def orders_of(user_id):
    return table.query(KeyConditionExpression=Key("user_id").eq(user_id))["Items"]
```

## Use instead
```python
import boto3
from boto3.dynamodb.conditions import Key

table = boto3.resource("dynamodb").Table("orders")


def orders_of(user_id):
    query = {"KeyConditionExpression": Key("user_id").eq(user_id)}
    response = table.query(**query)
    items = response["Items"]
    while "LastEvaluatedKey" in response:
        response = table.query(**query, ExclusiveStartKey=response["LastEvaluatedKey"])
        items.extend(response["Items"])
    return items
```

## Options
None.

## References
- [DynamoDB developer guide: paginating query results](https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.Pagination.html)
- [DynamoDB developer guide: item collections](https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LSI.html#LSI.ItemCollections)
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from flake8_boto3.analysis import continuation, partition_query
from flake8_boto3.context import FileContext
from flake8_boto3.rule import DYNAMODB_QUERY_PAGINATION, Finding, Rule


def check(context: FileContext) -> Iterator[Finding]:
    for call in context.aws_calls.dynamodb_reads():
        if not partition_query.reads_one_partition(call):
            continue
        if not continuation.dynamodb_page_unhandled(context.code, call.call, call.operation):
            continue  # (Limit with a FilterExpression is BTO206's)
        condition = context.code.as_string(partition_query.query_argument(context.code, call.call, "KeyConditionExpression"))
        yield RULE.finding(
            call.call,
            f"{call.receiver_text}.query() of one partition ({_shorten(condition)}) reads one page (1 MB of data"
            " at most); loop while the response has 'LastEvaluatedKey', passing it back as ExclusiveStartKey",
        )


def _shorten(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."


RULE = Rule(
    code="BTO207",
    name="partition-query-reads-one-page",
    summary="DynamoDB query of one entity's partition reads one page, LastEvaluatedKey never followed",
    link=DYNAMODB_QUERY_PAGINATION,
    check=check,
    module=sys.modules[__name__],
    enabled_by_default=False,
)
