"""# BTO102 client-created-in-loop

Message: `BTO102 boto3 client 's3' created on every iteration of a loop in 'copy_all'; create it once before the loop and reuse it`

## What it does
Flags a boto3 client, resource or session (or a call of a project factory that
returns a new one, or an object of a class of another project module whose
`__init__` makes one: see BTO101) created inside the body of a `for` or `while` loop or a
comprehension, when its arguments do not depend on the loop: every iteration
builds the same client again. Also a function of the module that builds one
from literals and module-level names, which a loop of the module calls by name
(`for message in messages: delete_message(message)`, where `delete_message`
runs `boto3.client("sqs")`): reported where the function builds it. Not when
that loop sleeps between its passes (a poll or a retry: a client per pass is
nothing next to the wait), and not a method or a factory (a factory's call in
the loop is the construction).

Not flagged: one client per region or per account, i.e. a construction whose
arguments (or whose session) come from the loop variable or from values
computed in the loop (`boto3.client("ec2", region_name=region)` in
`for region in regions`; also `boto3.client("logs")` after
`boto3.setup_default_session(region_name=region)` in the loop, which it builds
on; but not a value the loop reads again on each pass that could be read
once, `region = os.environ["AWS_REGION"]` inside the loop, which is the same
on every pass); lazily cached clients (`if self._client is None:`, or a
local the loop builds once: `if s3 is None: s3 = boto3.client("s3")` where
nothing else in the loop sets `s3`);
test code. Nor a loop that builds it once, or again only after a failure: its
body ends in `return`, `break` or `raise` on every path (without `continue`:
`for record in event["Records"]: ...; return`), the construction sits in an
`except` clause (a fresh `sts` client when the token expired), or it is a
retry loop whose `try` leaves the loop when it succeeds (`for attempt in
range(3): try: s3 = boto3.client("s3"); ...; break except
EndpointConnectionError: sleep(...)`), or it sits under an `if` that holds for
one item: the loop variable equal to a value the loop does not change (`for
account in accounts: if account == management_account:`), or what follows it
in its iteration always leaves the loop (`if consumers >= limit:
send_alert(); return name`: the iteration that builds it is the last; a
`break` out of a loop nested in this one leaves only the nested loop). Such a
construction is judged as if the loop were not there: in a request handler, it
is BTO101's.

## Why is this bad?
Each construction loads the service model, resolves credentials and opens a new
connection pool, so a loop over N items pays that N times and never reuses a
connection. With thousands of items this dominates the run time and can exhaust
file descriptors. Moving the client out of the loop but keeping it inside the
function still builds one per call (BTO103): create it at module level, or pass
it in.

## Example
```python
import boto3


def copy_all(keys):
    for key in keys:
        s3 = boto3.client("s3")
        s3.copy_object(Bucket="dst", Key=key, CopySource={"Bucket": "src", "Key": key})
```

## Use instead
```python
import boto3

s3 = boto3.client("s3")


def copy_all(keys):
    for key in keys:
        s3.copy_object(Bucket="dst", Key=key, CopySource={"Bucket": "src", "Key": key})
```

## Options
None.

## References
- [boto3 guide: clients](https://boto3.amazonaws.com/v1/documentation/api/latest/guide/clients.html)
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from flake8_boto3.analysis.functions import label
from flake8_boto3.analysis.lifecycle import Verdict
from flake8_boto3.context import FileContext
from flake8_boto3.rule import CLIENTS_GUIDE, Finding, Rule


def check(context: FileContext) -> Iterator[Finding]:
    for site in context.lifecycle.sites_with(Verdict.IN_LOOP):
        if site.handler is not None:
            yield RULE.finding(
                site.call,
                f"{site.describe()} created in '{label(context.code, site.function)}', which {site.handler_reason}"
                f" '{site.handler.name}' calls in a loop, on every iteration; create it once at module level"
                " and reuse it",
            )
            continue
        if site.looped_by is not None:
            caller = context.code.enclosing_function(site.looped_by)
            by = f"'{caller.name}'" if caller is not None else "the module"
            yield RULE.finding(
                site.call,
                f"{site.describe()} created in '{site.function.name}', which {by} calls in a loop, on every"
                " iteration; create it once at module level and reuse it",
            )
            continue
        where = f" in '{site.function.name}'" if site.function is not None else " at module level"
        yield RULE.finding(
            site.call,
            f"{site.describe()} created on every iteration of a loop{where}; create it once before the loop and reuse it",
        )


RULE = Rule(
    code="BTO102",
    name="client-created-in-loop",
    summary="boto3 client, resource or session created on every iteration of a loop",
    link=CLIENTS_GUIDE,
    check=check,
    module=sys.modules[__name__],
)
