"""# BTO405 response-read-on-non-client-error

Message: `BTO405 'e.response' fails when the handler catches NoCredentialsError (not a ClientError: no error response); test isinstance(e, ClientError) first, or catch NoCredentialsError in a clause of its own`

## What it does
Flags a read of `e.response` (`e.response["Error"]["Code"]`,
`e.response.get("Error")` ...) in a handler whose `except` clause also catches
exceptions that are not ClientErrors:

- botocore's and boto3's other exceptions: `BotoCoreError` and its family
  (`NoCredentialsError`, `EndpointConnectionError`, `ParamValidationError`,
  `WaiterError`, `ReadTimeoutError`, `ConnectTimeoutError` ...) and boto3's
  (`S3UploadFailedError` ...). Which classes these are comes from botocore's
  and boto3's own exception modules (every class there that does not subclass
  `ClientError`);
- Python's built-in exceptions (`Exception`, `BaseException`, `ValueError` ...)
  in a clause that also names a ClientError or one of the SDK's exceptions.

Not flagged: reads that are guarded: after (or under) `isinstance(e, ClientError)`,
`hasattr(e, "response")`, `getattr(e, "response", ...)` or `type(e)` tests
(including `if not isinstance(e, ClientError): raise`), inside a
`try`/`except AttributeError` (or `TypeError`, `Exception`), and
`getattr(e, "response", {})` itself. A handler that catches only `ClientError`
and modeled exceptions (`client.exceptions.X`, which are ClientErrors) is fine;
so is `except Exception as e: e.response` on its own, which is a generic
broad-except question rather than a boto3 one.

## Why is this bad?
Only `ClientError` (and the modeled exceptions that subclass it) is built from
an AWS error response and carries it as `.response`. `NoCredentialsError` and
the rest of the `BotoCoreError` family have no `response` attribute
(`HTTPClientError` and its timeouts have one, set to None), so the handler
itself raises `AttributeError` (or `TypeError`) exactly when credentials are
missing or the network is down, replacing the real error with a confusing one
from the error handler.

## Example
```python
import boto3
from botocore.exceptions import ClientError, NoCredentialsError

sts = boto3.client("sts")


def whoami():
    try:
        return sts.get_caller_identity()["Arn"]
    except (ClientError, NoCredentialsError) as e:
        if e.response["Error"]["Code"] == "ExpiredToken":
            return None
        raise
```

## Use instead
```python
import boto3
from botocore.exceptions import ClientError, NoCredentialsError

sts = boto3.client("sts")


def whoami():
    try:
        return sts.get_caller_identity()["Arn"]
    except ClientError as e:
        if e.response["Error"]["Code"] == "ExpiredToken":
            return None
        raise
    except NoCredentialsError:
        return None
```

## Options
None.

## References
- [boto3 guide: error handling, botocore exceptions and AWS service exceptions](https://boto3.amazonaws.com/v1/documentation/api/latest/guide/error-handling.html#determining-what-exceptions-to-catch)
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from astroid import nodes

from flake8_boto3.analysis.exception_classes import Caught
from flake8_boto3.analysis.names import dotted_name
from flake8_boto3.context import FileContext
from flake8_boto3.registry import ERROR_HANDLING_GUIDE, Finding, Rule

MESSAGE = "'{read}' fails when the handler catches {others} (not a ClientError: no error response); {advice}"
ADVICE_MIXED = "test isinstance({name}, ClientError) first, or catch {others} in a clause of its own"
ADVICE_ALONE = "read .response only in an except ClientError clause"

# Calls that tell what the exception is, or whether it has a response.
GUARD_CALLS = frozenset({"isinstance", "hasattr", "getattr", "type", "issubclass"})
# Handlers (and suppress() arguments) that catch the error a missing or None .response raises.
CATCHES_FAILED_READ = frozenset({"AttributeError", "TypeError", "Exception", "BaseException"})
# A handler is about boto3's errors when its clause names one of these.
BOTO3_ERROR_KINDS = frozenset({Caught.CLIENT_ERROR, Caught.MODELED, Caught.SDK_WITHOUT_ERROR_RESPONSE})


def _is_guard(node: nodes.NodeNG, name: str) -> bool:
    """``isinstance(e, ClientError)``, ``hasattr(e, "response")``, ``type(e) is ...`` somewhere in ``node``."""
    for call in node.nodes_of_class(nodes.Call):
        if isinstance(call.func, nodes.Name) and call.func.name in GUARD_CALLS:
            if any(isinstance(arg, nodes.Name) and arg.name == name for arg in call.args):
                return True
    return False


def _tests_around(read: nodes.NodeNG, handler: nodes.ExceptHandler) -> Iterator[nodes.NodeNG]:
    """The conditions the read depends on: tests of the ``if``/ternary/``while`` around it, and the
    operands before it in an ``and``/``or``."""
    child, parent = read, read.parent
    while parent is not None and parent is not handler:
        if isinstance(parent, (nodes.If, nodes.IfExp, nodes.While)) and child is not parent.test:
            yield parent.test
        elif isinstance(parent, nodes.BoolOp):
            yield from parent.values[: parent.values.index(child)]
        child, parent = parent, parent.parent


def _catches_failed_read(types: list[nodes.NodeNG]) -> bool:
    return any((dotted_name(node) or "").rsplit(".", 1)[-1] in CATCHES_FAILED_READ for node in types)


def _inside_protective_try(read: nodes.NodeNG, handler: nodes.ExceptHandler) -> bool:
    """In the body of a ``try`` (within the handler) with ``except AttributeError`` (or broader),
    or of ``with suppress(AttributeError)``."""
    child, parent = read, read.parent
    while parent is not None and parent is not handler:
        if isinstance(parent, (nodes.Try, nodes.TryStar)) and child in parent.body:
            for inner in parent.handlers:
                if inner.type is None:
                    return True
                types = inner.type.elts if isinstance(inner.type, nodes.Tuple) else [inner.type]
                if _catches_failed_read(types):
                    return True
        if isinstance(parent, (nodes.With, nodes.AsyncWith)):
            for item, _ in parent.items:
                if isinstance(item, nodes.Call) and (dotted_name(item.func) or "").endswith("suppress"):
                    if _catches_failed_read(item.args):
                        return True
        child, parent = parent, parent.parent
    return False


def _is_guarded(read: nodes.Attribute, handler: nodes.ExceptHandler, name: str) -> bool:
    if any(_is_guard(test, name) for test in _tests_around(read, handler)):
        return True
    # An earlier test in the handler: `if not isinstance(e, ClientError): raise`.
    position = (read.lineno, read.col_offset)
    for statement in handler.body:
        for call in statement.nodes_of_class(nodes.Call):
            if (call.lineno, call.col_offset) < position and _is_guard(call, name):
                return True
    return _inside_protective_try(read, handler)


def _unguarded_reads(handler: nodes.ExceptHandler, name: str) -> Iterator[nodes.Attribute]:
    for statement in handler.body:
        for node in statement.nodes_of_class(nodes.Attribute):
            if node.attrname == "response" and isinstance(node.expr, nodes.Name) and node.expr.name == name:
                if not _is_guarded(node, handler, name):
                    yield node


def check(context: FileContext) -> Iterator[Finding]:
    classes = context.exception_classes
    for handler in classes.handlers:
        if handler.name is None or not isinstance(handler.name, nodes.AssignName):
            continue
        name = handler.name.name
        read = next(_unguarded_reads(handler, name), None)
        if read is None:
            continue
        caught = classes.caught(handler)
        kinds = {kind for _, kind in caught}
        if not kinds & BOTO3_ERROR_KINDS:
            continue  # `except Exception as e` alone, or nothing known: not a boto3 handler
        without_response = [node for node, kind in caught if kind.has_error_response is False]
        if not without_response:
            continue
        others = " or ".join(node.as_string() for node in without_response)
        mixed = kinds & {Caught.CLIENT_ERROR, Caught.MODELED}
        advice = (ADVICE_MIXED if mixed else ADVICE_ALONE).format(name=name, others=others)
        yield RULE.finding(read, MESSAGE.format(read=read.as_string(), others=others, advice=advice))


RULE = Rule(
    code="BTO405",
    name="response-read-on-non-client-error",
    summary="e.response read in a handler that also catches exceptions without one (BotoCoreError, Exception...)",
    link=ERROR_HANDLING_GUIDE,
    check=check,
    module=sys.modules[__name__],
)
