"""# BTO501 unknown-operation

Message: `BTO501 s3 client has no method 'list_object_v2' (AttributeError at run time); did you mean 'list_objects_v2'?`

## What it does
On a client whose service is known, flags a method call that is neither an
operation of that service (botocore's model, as boto3 names it) nor one of the
methods boto3 adds to clients (`get_paginator`, `get_waiter`, `can_paginate`,
`generate_presigned_url`, `close`, S3's `upload_file`, `download_fileobj`,
`copy`, ...), and suggests the closest operation names: for an operation spelled
as another SDK or the API reference spells it (`putObject`, `ListObjectsV2`),
the name boto3 gives it (`put_object`, `list_objects_v2`). An operation of
another service (`ec2.publish(...)`, copied from an SNS client) is named as
such (`it is an operation of 'sns'`) where no operation of the client's own
service comes close, and a resource type or a resource's action called on a
client (`s3.Bucket(name)` on `boto3.client("s3")`, `ec2.stop()`) as the
resource's. A method name is looked at when it is shaped like an operation
(`list_object_v2`), when another rule asks about the call anyway, or whatever
the name when the receiver is a name bound to `boto3.client(...)` or a
session's `client(...)` (`session.client("dynamodb")`) in the module, or `self.x` where the class sets `x` only to a client (`self.ec2 =
boto3.client("ec2")`, `self.ec2 = self.session.client("ec2")` in
`__init__`), or to a call of a function of the module whose every `return`
gives such a call (`sqs = get_sqs_client()`, or `get_sqs_client()` itself): no inference is spent on every method call elsewhere. Names starting with `_`
(botocore's own `_make_api_call`) are not. A client of unknown service, or a receiver that is
not known to be a client, is never flagged.

On a service resource (`boto3.resource("sqs")`, a name or `self.x` bound only
to one in the module), flags a call of an operation of the service's client
that is no action of the resource (`sqs.get_queue_url(...)`,
`ec2.describe_instances(...)`): the resource has only the actions,
sub-resources and collections of boto3's resource model, and its client is
`sqs.meta.client`. An operation that is also an action of the resource
(DynamoDB's `batch_write_item`) is not flagged.

## Why is this bad?
boto3 builds client methods from the service model at run time: a typo, an
operation of another service, or an operation from a newer botocore than the
one deployed raises `AttributeError` only when that line runs, often in an
error path or a rarely used branch.

## Example
```python
import boto3

s3 = boto3.client("s3")


def keys(bucket):
    return s3.list_object_v2(Bucket=bucket, MaxKeys=100)["Contents"]
```

## Use instead
```python
import boto3

s3 = boto3.client("s3")


def keys(bucket):
    return s3.list_objects_v2(Bucket=bucket, MaxKeys=100)["Contents"]
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
from flake8_boto3.rule import SERVICE_REFERENCE, Finding, Rule


def check(context: FileContext) -> Iterator[Finding]:
    aws = table()
    for call in context.aws_calls.on(Kind.CLIENT):
        service = call.service
        if not service or not aws.has_service(service):
            continue
        operations = aws.operations(service)
        if call.operation in operations or call.operation in aws.injected_methods(service):
            continue
        # a resource type called on a client (ec2.NetworkInterface(id)) is the resource's, whatever is close
        hint = _resource_type_hint(service, call.operation) or aws.did_you_mean(call.operation, operations)
        others = sorted(aws.operation_index.get(call.operation, ()))
        if others and not hint:  # copied from another service's client: sns.publish on an ec2 client
            hint = f"; it is an operation of {_names(others)}"
        if not hint:
            hint = _resource_action_hint(service, call.operation)
        yield RULE.finding(
            call.call,
            f"{service} client has no method '{call.operation}' (AttributeError at run time){hint}",
            SERVICE_REFERENCE.format(service=service),
        )
    yield from client_operations_on_a_resource(context)


def client_operations_on_a_resource(context: FileContext) -> Iterator[Finding]:
    """``boto3.resource("sqs").get_queue_url(...)``: an operation of the service's client called on
    its service resource, which has only the resource model's actions and sub-resources."""
    aws = table()
    for call in context.aws_calls.on(Kind.RESOURCE):
        service = call.service
        if not service or not aws.has_service(service) or not aws.has_resource_model(service):
            continue
        if call.operation not in aws.operations(service):
            continue  # not a client operation: a sub-resource, a collection, a typo (not judged here)
        if aws.resource_action(service, "ServiceResource", call.operation) is not None:
            continue  # also an action of the service resource (dynamodb's batch_get_item)
        yield RULE.finding(
            call.call,
            f"boto3.resource('{service}') has no method '{call.operation}' (AttributeError at run time);"
            f" it is an operation of the {service} client: call {call.receiver_text}.meta.client.{call.operation}(...)",
            SERVICE_REFERENCE.format(service=service),
        )


def _resource_type_hint(service: str, method: str) -> str:
    """``s3.Bucket(name)`` on a client: a resource type of the service's resource."""
    if method not in table().resource_types(service):
        return ""
    return f"; '{method}' is a resource of boto3.resource('{service}'), not a client method"


def _resource_action_hint(service: str, method: str) -> str:
    """``ec2.stop()`` on a client: an action of the service's resource, or of resources it has."""
    kinds = table().resource_types_with_action(service, method)
    if not kinds:
        return ""
    resource = f"boto3.resource('{service}')"
    if kinds == ["ServiceResource"]:
        return f"; it is an action of {resource}, not of its client"
    owners = _names([kind for kind in kinds if kind != "ServiceResource"])
    return f"; it is an action of the {owners} resource of {resource}, not of its client"


def _names(services: list[str]) -> str:
    quoted = [f"'{service}'" for service in services[:3]]
    more = f" and {len(services) - 3} more" if len(services) > 3 else ""
    return (", ".join(quoted[:-1]) + " and " + quoted[-1] if len(quoted) > 1 else quoted[0]) + more


RULE = Rule(
    code="BTO501",
    name="unknown-operation",
    summary="method that the client's service does not have (AttributeError at run time)",
    link="https://boto3.amazonaws.com/v1/documentation/api/latest/reference/services/index.html",
    check=check,
    module=sys.modules[__name__],
)
