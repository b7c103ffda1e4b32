"""# BTO402 client-error-swallows-other-codes

Message: `BTO402 'except ClientError' handles some error codes and loses all the others; re-raise what it doesn't handle (end the handler with 'raise')`

## What it does
Flags an `except ClientError` handler that branches on the error code (or
message) but loses the codes it does not name: on the "other codes" side of the
test (the `else`, or what follows an `if` that returns), the handler loses the
failure by the same standard as BTO401, so that adding one `if code == ...`
never escapes both rules:

```python
except ClientError as e:
    if e.response["Error"]["Code"] == "ConditionalCheckFailedException":
        return "exists"
    # every other code ends up here, and is forgotten
```

That is: it says nothing and goes on (`pass`, `continue`, the end of the
handler), returns a "not there" value or a default to a caller (also after
logging: `else: log.error(e); return None`), sets a "not found" stand-in, or
only notes the error at warning level (or prints it, in a service) and carries
on without the data it was fetching (a loop that handles `NoSuchTagSet` and
prints every other error, then reports success), or, in a web route or an
API's Lambda handler, after a failed change, on to the answer that says it
worked.

Correct shapes are not flagged: `if code != "X": raise`, `if code in {...}:
... else: raise`, a trailing `raise`, a `match` whose `case _:` raises,
branches that return or continue only for the codes they name, and other codes
passed on or handled as BTO401 describes: an explicit error response, the error
stored or recorded, an error-level report before going on with the next step
(not before answering the caller the absence's stand-in), a
script telling the person running it, a display step printing the error where
its data would have been (in the function, or one call away: a private
function whose every caller only prints or logs what it returns, when the
handler logs the other codes before returning nothing), a get-or-create (the
other codes fall into the same `create_*` as "not found": it fails on its own
when the resource is there), a `None` for the other codes that no
other path returns and every caller in the module tests with `is None`
(`return "", {}` for a missing stack, `return None, None` when it cannot be
read), an advisory check (a read whose response
is thrown away, ending a function that returns nothing, warning when a log
group is missing: the other codes lose nothing anyone was given), an existence
check by HEAD request that reads every code but the 404 it tests as "there"
(`exists = True` before `head_bucket`, `exists = False` for 404: a HEAD error
carries only the HTTP status, 403 is a bucket of another account, and the code
that uses the bucket fails on its own), or that answers the other codes what
it answers the 404 (`return False` for both: every failure reads as "absent",
which BTO401 accepts of a HEAD check with no test, as S3 answers 403 for a
missing object to a caller without `s3:ListBucket`), or a fallback the handler
makes on every path (another AWS call, not a removal). A log that carries the error placed
before the test shows every code, so the other codes were reported. Paths are
followed through `if`/`elif`/`else`, `match`, `with` and nested `try`
statements.

## Why is this bad?
It looks like careful error handling, so reviewers pass it, yet every
unexpected code (`AccessDenied`, `ThrottlingException`, `ValidationException`)
is silently dropped exactly as with a bare `except ClientError: pass`.

## Example
```python
import boto3
from botocore.exceptions import ClientError

table = boto3.resource("dynamodb").Table("users")


def create_user(user):
    try:
        table.put_item(Item=user, ConditionExpression="attribute_not_exists(id)")
    except ClientError as error:
        if error.response["Error"]["Code"] == "ConditionalCheckFailedException":
            return "exists"
    return "created"
```

## Use instead
```python
import boto3
from botocore.exceptions import ClientError

table = boto3.resource("dynamodb").Table("users")


def create_user(user):
    try:
        table.put_item(Item=user, ConditionExpression="attribute_not_exists(id)")
    except ClientError as error:
        if error.response["Error"]["Code"] == "ConditionalCheckFailedException":
            return "exists"
        raise
    return "created"
```

## Options
None.

## References
- [boto3 guide: error handling](https://boto3.amazonaws.com/v1/documentation/api/latest/guide/error-handling.html)
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from flake8_boto3.context import FileContext
from flake8_boto3.rule import ERROR_HANDLING_GUIDE, Finding, Rule


def check(context: FileContext) -> Iterator[Finding]:
    analysis = context.client_error_handlers
    for handler in analysis.handlers:
        if not handler.branches_on_error or not any(path.other_codes for path in handler.losing_paths):
            continue
        yield RULE.finding(
            handler.node,
            f"'except {context.code.as_string(handler.node.type)}' handles some error codes and loses all the others;"
            " re-raise what it doesn't handle (end the handler with 'raise')",
        )


RULE = Rule(
    code="BTO402",
    name="client-error-swallows-other-codes",
    summary="except ClientError that branches on some codes and loses the rest",
    link=ERROR_HANDLING_GUIDE,
    check=check,
    module=sys.modules[__name__],
)
