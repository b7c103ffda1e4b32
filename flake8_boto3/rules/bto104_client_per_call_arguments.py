"""# BTO104 client-created-per-call-from-arguments

Message: `BTO104 boto3 client 's3' created on every call of 'get_object' from its arguments; cache clients keyed by those arguments (functools.lru_cache)`

Off by default: turn it on with `extend-select = BTO104`.

## What it does
Flags a boto3 client or resource created inside a function (or request
handler) from values that change per call: the function's parameters, `self`,
the handler's event. The same exemptions as BTO103 apply (`__init__`, cached
functions, factories, lazy singletons, `main`, tests, sessions, and functions
that work through a batch they are given: one client per batch).

A client made from temporary credentials the function fetches for it
(`sts.assume_role(...)["Credentials"]`, there or in a factory it calls) gets
other advice: caching it by its arguments would keep it past the credentials'
expiry (an hour by default); one client whose credentials refresh themselves
(botocore's `RefreshableCredentials` with an assume-role fetcher, in a
session) avoids both the STS call and the new client on every call.

## Why is this bad?
Per-call configuration (a region, an endpoint, assumed-role credentials) is a
legitimate reason to build another client, but usually only a handful of
distinct values occur. Building a new client on every call for one of them
wastes the same time and connections as BTO103.

## Example
```python
import boto3


def read_object(region, bucket, key):
    s3 = boto3.client("s3", region_name=region)
    return s3.get_object(Bucket=bucket, Key=key)["Body"].read()
```

## Use instead
```python
import functools

import boto3


@functools.lru_cache(maxsize=None)
def s3_client(region):
    return boto3.client("s3", region_name=region)


def read_object(region, bucket, key):
    return s3_client(region).get_object(Bucket=bucket, Key=key)["Body"].read()
```

## Options
None; enable the rule with `extend-select = BTO104`.

## References
- [boto3 guide: clients](https://boto3.amazonaws.com/v1/documentation/api/latest/guide/clients.html)
- [functools.lru_cache](https://docs.python.org/3/library/functools.html#functools.lru_cache)
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from flake8_boto3.analysis.lifecycle import Verdict
from flake8_boto3.context import FileContext
from flake8_boto3.rule import CLIENTS_GUIDE, Finding, Rule


def check(context: FileContext) -> Iterator[Finding]:
    for site in context.lifecycle.sites_with(Verdict.PER_CALL_ARGUMENTS):
        if site.temporary_credentials:
            # A client cached by its arguments would outlive the credentials it was made with.
            advice = (
                " from temporary credentials fetched for it; keep one client whose credentials refresh"
                " themselves (a botocore session with RefreshableCredentials) instead of fetching and"
                " building both on every call"
            )
        else:
            advice = " from its arguments; cache clients keyed by those arguments (functools.lru_cache)"
        yield RULE.finding(site.call, f"{site.describe()} created on every call of '{site.function.name}'{advice}")


RULE = Rule(
    code="BTO104",
    name="client-created-per-call-from-arguments",
    summary="boto3 client or resource created per call from the call's arguments (opt-in)",
    link=CLIENTS_GUIDE,
    check=check,
    module=sys.modules[__name__],
    enabled_by_default=False,
)
