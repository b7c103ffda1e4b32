"""# BTO204 unknown-waiter

Message: `BTO204 ec2 has no waiter 'instance_runing' (ValueError at run time); did you mean 'instance_running'?`

## What it does
Flags `client.get_waiter("name")` when the client's service has no waiter of
that name, according to botocore's models, and suggests the closest valid
names. When the service is unknown, only names that no service has are flagged.

## Why is this bad?
`get_waiter` raises `ValueError: Waiter does not exist` at run time, typically
in the rarely exercised code path that waits for a deployment or a restore.

## Example
```python
import boto3

ec2 = boto3.client("ec2")


def start(instance_id):
    ec2.start_instances(InstanceIds=[instance_id])
    ec2.get_waiter("instance_runing").wait(InstanceIds=[instance_id])
```

## Use instead
```python
import boto3

ec2 = boto3.client("ec2")


def start(instance_id):
    ec2.start_instances(InstanceIds=[instance_id])
    ec2.get_waiter("instance_running").wait(InstanceIds=[instance_id])
```

## Options
None.

## References
- [boto3 guide: waiters](https://boto3.amazonaws.com/v1/documentation/api/latest/guide/clients.html#waiters)
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from flake8_boto3.analysis.lookups import unknown_lookups
from flake8_boto3.aws import table
from flake8_boto3.context import FileContext
from flake8_boto3.rule import WAITERS_GUIDE, Finding, Rule


def _waiter_names(service: str) -> frozenset[str]:
    return frozenset(table().waiters(service))


def check(context: FileContext) -> Iterator[Finding]:
    for call, name, valid in unknown_lookups(
        context.code, context.aws_calls.calls, "get_waiter", "waiter_name", _waiter_names
    ):
        owner = call.service or "no service"
        hint = table().did_you_mean(name, valid)
        yield RULE.finding(call.call, f"{owner} has no waiter '{name}' (ValueError at run time){hint}")


RULE = Rule(
    code="BTO204",
    name="unknown-waiter",
    summary="get_waiter() of a waiter the service does not have",
    link=WAITERS_GUIDE,
    check=check,
    module=sys.modules[__name__],
)
