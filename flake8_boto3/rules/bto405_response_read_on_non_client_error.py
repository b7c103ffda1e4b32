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
`getattr(e, "response", {})` itself, except where its result is used at once
(`getattr(e, "response", {}).get("Error")`, `[...]`) in a handler that catches
`HTTPClientError`'s family or what catches it (`BotoCoreError`,
`ReadTimeoutError`, `ConnectionClosedError`, `Exception`): botocore sets their
`.response` to None, so `getattr` answers None, not the default, and the
handler raises `AttributeError` after a read timeout. `(getattr(e, "response",
None) or {})` is fine. A handler that catches only `ClientError`
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

import ast
import sys
from collections.abc import Iterator

from flake8_boto3.analysis.code import Code
from flake8_boto3.analysis.exception_classes import Caught, may_carry_a_none_response
from flake8_boto3.analysis.handler_paths import TRY_TYPES
from flake8_boto3.analysis.names import dotted_name
from flake8_boto3.context import FileContext
from flake8_boto3.rule import ERROR_HANDLING_GUIDE, Finding, Rule

MESSAGE = "'{read}' fails when the handler catches {others} (not a ClientError: no error response); {advice}"
ADVICE_MIXED = "test isinstance({name}, ClientError) first, or catch {others} in a clause of its own"
ADVICE_ALONE = "read .response only in an except ClientError clause"
NONE_MESSAGE = (
    "{read} gives None when the handler catches {others}: HTTPClientError's family (ReadTimeoutError,"
    " ConnectionClosedError) sets .response to None, and the default stands in only for a missing"
    " attribute; write (getattr({name}, \"response\", None) or {{}})"
)

# Calls that tell what the exception is, or whether it has a response.
GUARD_CALLS = frozenset({"isinstance", "hasattr", "getattr", "type", "issubclass"})
# Handlers (and suppress() arguments) that catch the error a missing or None .response raises.
CATCHES_FAILED_READ = frozenset({"AttributeError", "TypeError", "Exception", "BaseException"})
# A handler is about boto3's errors when its clause names one of these.
BOTO3_ERROR_KINDS = frozenset({Caught.CLIENT_ERROR, Caught.MODELED, Caught.SDK_WITHOUT_ERROR_RESPONSE})


def _is_guard(code: Code, node: ast.AST, name: str) -> bool:
    """``isinstance(e, ClientError)``, ``hasattr(e, "response")``, ``type(e) is ...`` somewhere in ``node``."""
    for call in code.nodes(ast.Call, within=node):
        if isinstance(call.func, ast.Name) and call.func.id in GUARD_CALLS:
            if any(isinstance(arg, ast.Name) and arg.id == name for arg in call.args):
                return True
    return False


def _tests_around(code: Code, read: ast.AST, handler: ast.ExceptHandler) -> Iterator[ast.AST]:
    """The conditions the read depends on: tests of the ``if``/ternary/``while`` around it, and the
    operands before it in an ``and``/``or``."""
    child, parent = read, code.parent(read)
    while parent is not None and parent is not handler:
        if isinstance(parent, (ast.If, ast.IfExp, ast.While)) and child is not parent.test:
            yield parent.test
        elif isinstance(parent, ast.BoolOp):
            yield from parent.values[: parent.values.index(child)]
        child, parent = parent, code.parent(parent)


def _catches_failed_read(types: list[ast.AST]) -> bool:
    return any((dotted_name(node) or "").rsplit(".", 1)[-1] in CATCHES_FAILED_READ for node in types)


def _inside_protective_try(code: Code, read: ast.AST, handler: ast.ExceptHandler) -> bool:
    """In the body of a ``try`` (within the handler) with ``except AttributeError`` (or broader),
    or of ``with suppress(AttributeError)``."""
    child, parent = read, code.parent(read)
    while parent is not None and parent is not handler:
        if isinstance(parent, TRY_TYPES) and child in parent.body:
            for inner in parent.handlers:
                if inner.type is None:
                    return True
                types = inner.type.elts if isinstance(inner.type, ast.Tuple) else [inner.type]
                if _catches_failed_read(types):
                    return True
        if isinstance(parent, (ast.With, ast.AsyncWith)):
            for item in (withitem.context_expr for withitem in parent.items):
                if isinstance(item, ast.Call) and (dotted_name(item.func) or "").endswith("suppress"):
                    if _catches_failed_read(item.args):
                        return True
        child, parent = parent, code.parent(parent)
    return False


def _is_guarded(code: Code, read: ast.Attribute, handler: ast.ExceptHandler, name: str) -> bool:
    if any(_is_guard(code, test, name) for test in _tests_around(code, read, handler)):
        return True
    # An earlier test in the handler: `if not isinstance(e, ClientError): raise`.
    position = (read.lineno, read.col_offset)
    for statement in handler.body:
        for call in code.nodes(ast.Call, within=statement):
            if (call.lineno, call.col_offset) < position and _is_guard(code, call, name):
                return True
    return _inside_protective_try(code, read, handler)


def _unguarded_reads(code: Code, handler: ast.ExceptHandler, name: str) -> Iterator[ast.Attribute]:
    for statement in handler.body:
        for node in code.nodes(ast.Attribute, within=statement):
            if not isinstance(node.ctx, ast.Load):
                continue  # astroid's AssignAttr/DelAttr
            if node.attr == "response" and isinstance(node.value, ast.Name) and node.value.id == name:
                if not _is_guarded(code, node, handler, name):
                    yield node


def _dereferenced_getattrs(code: Code, handler: ast.ExceptHandler, name: str) -> Iterator[ast.Call]:
    """``getattr(e, "response", {}).get(...)``, ``getattr(e, "response", {})["Error"]``: the default stands in
    for a missing attribute, not for one that is None."""
    for statement in handler.body:
        for call in code.nodes(ast.Call, within=statement):
            if not (
                isinstance(call.func, ast.Name)
                and call.func.id == "getattr"
                and len(call.args) == 3
                and isinstance(call.args[0], ast.Name)
                and call.args[0].id == name
                and isinstance(call.args[1], ast.Constant)
                and call.args[1].value == "response"
            ):
                continue
            parent = code.parent(call)
            dereferenced = (isinstance(parent, ast.Attribute) and isinstance(parent.ctx, ast.Load)) or (
                isinstance(parent, ast.Subscript) and parent.value is call
            )
            if dereferenced and not _is_guarded(code, call, handler, name):
                yield call


def check(context: FileContext) -> Iterator[Finding]:
    code = context.code
    classes = context.exception_classes
    for handler in classes.handlers:
        if handler.name is None:
            continue
        name = handler.name
        read = next(_unguarded_reads(code, handler, name), None)
        fallback = next(_dereferenced_getattrs(code, handler, name), None) if read is None else None
        if read is None and fallback is None:
            continue
        caught = classes.caught(handler)
        kinds = {kind for _, kind in caught}
        if not kinds & BOTO3_ERROR_KINDS:
            continue  # `except Exception as e` alone, or nothing known: not a boto3 handler
        if fallback is not None:
            none_response = [node for node, kind in caught if may_carry_a_none_response(code, node, kind)]
            if none_response:
                others = " or ".join(code.as_string(node) for node in none_response)
                yield RULE.finding(fallback, NONE_MESSAGE.format(read=code.as_string(fallback), others=others, name=name))
            continue
        without_response = [node for node, kind in caught if kind.has_error_response is False]
        if not without_response:
            continue
        others = " or ".join(code.as_string(node) for node in without_response)
        mixed = kinds & {Caught.CLIENT_ERROR, Caught.MODELED}
        advice = (ADVICE_MIXED if mixed else ADVICE_ALONE).format(name=name, others=others)
        yield RULE.finding(read, MESSAGE.format(read=code.as_string(read), others=others, advice=advice))


RULE = Rule(
    code="BTO405",
    name="response-read-on-non-client-error",
    summary="e.response read in a handler that also catches exceptions without one (BotoCoreError, Exception...)",
    link=ERROR_HANDLING_GUIDE,
    check=check,
    module=sys.modules[__name__],
)
