"""# BTO201 paginated-call-without-paginator

Message: `BTO201 s3.list_objects_v2() returns one page of 'Contents'; iterate s3.get_paginator("list_objects_v2").paginate(...)`

## What it does
Flags a call of an AWS operation that botocore paginates for that service
(`list_objects_v2`, `describe_instances`, `scan`, `list_users`, ...) when
nothing around it handles the continuation. Which operations paginate comes
from botocore's own models: many `list_*`/`describe_*` operations do not
(`sqs.list_queue_tags`, `ec2.describe_addresses`) and are never flagged, while
`scan`, `query` and many `get_*`/`search_*` operations do.

The receiver must be a boto3 client as inferred by the boto3 model (a
constructor, `self.client` set in `__init__`, a factory's return value, a
`mypy_boto3_*` annotation, an import from a sibling module);
`redis.Redis().scan()`, `re.search()` or your own `repo.list_users()` are
never flagged. With an unknown service (`boto3.client(name)`), the operation
is flagged only when every service that has it paginates it.

Not flagged when the call passes the operation's input token
(`ContinuationToken`, `ExclusiveStartKey`, `NextToken`, `Marker`, ...), also
through `**kwargs` built in the same function; when the function reads the
output token or more-results key (`NextContinuationToken`, `IsTruncated`,
`LastEvaluatedKey`, ...); when the call passes the limit key (`MaxKeys`,
`Limit`, `MaxResults`: a deliberately bounded page); or when it filters by
explicit identifiers (`InstanceIds=...`, `Names=...`, `...Arns=...`) or names
the one resource it describes (`describe_stacks(StackName=...)`,
`describe_db_instances(DBInstanceIdentifier=...)`, `list_x(name=...)`), where
one page is complete; or when it lists the tags of one resource
(`list_tags_for_resource(ResourceArn=...)`: AWS allows at most 50 tags per
resource, fewer than any page).

## Why is this bad?
A paginated operation returns one page: S3 `list_objects_v2` at most 1,000
keys, DynamoDB `scan`/`query` at most 1 MB, most list and describe calls 50 to
1,000 items. Code that ignores the rest works in development and silently
drops data in production once the account grows.

## Example
```python
import boto3

s3 = boto3.client("s3")


def keys(bucket):
    return [obj["Key"] for obj in s3.list_objects_v2(Bucket=bucket).get("Contents", [])]
```

## Use instead
```python
import boto3

s3 = boto3.client("s3")


def keys(bucket):
    paginator = s3.get_paginator("list_objects_v2")
    return [obj["Key"] for page in paginator.paginate(Bucket=bucket) for obj in page.get("Contents", [])]
```

## Options
None.

## References
- [boto3 guide: paginators](https://boto3.amazonaws.com/v1/documentation/api/latest/guide/paginators.html)
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from flake8_boto3.analysis.continuation import handles_continuation
from flake8_boto3.aws import Paginator, table
from flake8_boto3.context import FileContext
from flake8_boto3.inference import Kind
from flake8_boto3.registry import PAGINATORS_GUIDE, Finding, Rule


def _paginators(call) -> list[Paginator]:
    """The paginators that apply: the service's, or (unknown service) every service's."""
    services = call.services()
    paginators = [table().paginator(service, call.operation) for service in sorted(services)]
    if not paginators or any(p is None for p in paginators):
        return []  # not paginated (for at least one candidate service)
    return paginators


def _message(call, paginator: Paginator) -> str:
    results = " and ".join(f"'{key}'" for key in paginator.result_keys) or "results"
    bound = f" ({paginator.page_max:,} at most)" if paginator.page_max else ""
    receiver = call.receiver_text
    return (
        f"{receiver}.{call.operation}() returns one page of {results}{bound};"
        f' iterate {receiver}.get_paginator("{call.operation}").paginate(...)'
    )


def check(context: FileContext) -> Iterator[Finding]:
    for call in context.aws_calls.on(Kind.CLIENT):
        paginators = _paginators(call)
        if not paginators:
            continue
        tokens = {key for p in paginators for key in (*p.input_token, *p.output_token, p.more_results) if key}
        limits = {p.limit_key for p in paginators if p.limit_key}
        if handles_continuation(call.call, tokens, limits, call.operation):
            continue
        yield RULE.finding(call.call, _message(call, paginators[0]))


RULE = Rule(
    code="BTO201",
    name="paginated-call-without-paginator",
    summary="paginated AWS operation called once, its continuation never handled",
    link=PAGINATORS_GUIDE,
    check=check,
    module=sys.modules[__name__],
)
