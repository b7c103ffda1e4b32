"""# BTO504 modeled-exception-on-head-request

Message: `BTO504 'except s3.exceptions.NoSuchKey' never matches: the try only makes HEAD requests (head_object), and s3 answers those without a body, so botocore raises a plain ClientError with code "404" or "403"; catch ClientError and test e.response["Error"]["Code"] == "404"`

## What it does
Flags an `except` clause for a modeled S3 exception (`s3.exceptions.NoSuchKey`,
`NoSuchBucket`, or any other error of S3's model) whose `try` body calls an S3
HEAD operation (`head_object`, `head_bucket`: the operations botocore's S3
model sends as HTTP `HEAD`) and nothing else that could raise that exception.

"Nothing else" means no other call in the `try` body that could send an S3
request: a call on an S3 client or resource other than a HEAD operation, a
call on a boto3 object of unknown service, a call named like an S3 client
method (`get_object`, `download_file`, `copy` ...) whatever its receiver, or a
call of a function of the project that makes one of those (followed two calls
deep). Calls on clients of other services, logging, and everything else are
not S3 requests. A clause that also catches `ClientError` (it runs anyway),
one followed by a clause of the same `try` that catches the `ClientError` (or
everything) with the same body but for what it prints or logs (`except
s3.exceptions.NoSuchKey: return None`, then `except Exception: return None`:
the 404 ends the same way), and
exceptions of clients of unknown service are not flagged.

## Why is this bad?
S3 answers a failed HEAD request with a status code and no body: "the response
is identical to the GET response except that there is no response body", so
"it returns a generic code, such as 400 Bad Request, 403 Forbidden, 404 Not
Found ... It's not possible to retrieve the exact exception". botocore reads a
modeled error's code from the body; with none, the code is the bare status
(`"404"`), no S3 error has that code, and botocore raises a plain
`ClientError`. The `except s3.exceptions.NoSuchKey` clause never matches: an
"does the object exist?" check raises instead of returning False. The service
model lists `NoSuchKey` among HeadObject's errors, which is how the bug gets
written; it is a well-known boto3 trap (boto/boto3#2442).

## Example
```python
import boto3

s3 = boto3.client("s3")


def exists(bucket, key):
    try:
        s3.head_object(Bucket=bucket, Key=key)
    except s3.exceptions.NoSuchKey:
        return False
    return True
```

## Use instead
```python
import boto3
from botocore.exceptions import ClientError

s3 = boto3.client("s3")


def exists(bucket, key):
    try:
        s3.head_object(Bucket=bucket, Key=key)
    except ClientError as error:
        if error.response["Error"]["Code"] == "404":
            return False
        raise
    return True
```

## Options
None.

## References
- [Amazon S3 API reference: HeadObject](https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html)
- [Amazon S3 API reference: HeadBucket](https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadBucket.html)
- [boto/boto3#2442: s3 head_object returns ClientError 404 instead of NoSuchKey error](https://github.com/boto/boto3/issues/2442)
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator

from flake8_boto3.analysis.aws_calls import AwsCalls
from flake8_boto3.analysis.code import Code
from flake8_boto3.analysis.handler_paths import TRY_TYPES
from flake8_boto3.analysis.names import call_name
from flake8_boto3.analysis.logging_calls import is_logging_call, is_print
from flake8_boto3.aws import table
from flake8_boto3.context import FileContext
from flake8_boto3.model import Kind
from flake8_boto3.model.sdk import is_stubbed_module
from flake8_boto3.rule import Finding, Rule

# The one fact the service model cannot tell, per service: its failed HEAD requests come back without a
# body, so with no error code but the HTTP status ("404"), which is no error shape's code (a test of the
# botocore table checks that for S3), and botocore raises a plain ClientError. The link says so.
HEAD_ERRORS_HAVE_NO_BODY = {"s3": "https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html"}
MAX_HELPER_DEPTH = 2
MESSAGE = (
    "'except {exception}' never matches: the try only makes HEAD requests ({operations}), and {service}"
    ' answers those without a body, so botocore raises a plain ClientError with code "404" or "403";'
    ' catch ClientError and test e.response["Error"]["Code"] == "404"'
)


class ServiceRequests:
    """Which calls of a ``try`` body are HEAD requests, and which could make other requests, to one service."""

    def __init__(self, context: FileContext, service: str) -> None:
        self.context = context
        self.service = service
        aws = table()
        self.head_operations = aws.head_operations(service)
        self.other_methods = (aws.operations(service) | aws.injected_methods(service)) - self.head_operations
        self.other_methods -= aws.client_methods  # get_paginator, close, exceptions ... send nothing
        self._elsewhere: dict[object, AwsCalls] = {}  # the receivers of helpers' calls in other modules

    def _aws_calls(self, code: Code) -> AwsCalls:
        """The calls (and their cache of inferred receivers) of the module ``code`` sees."""
        if code.home is self.context.code.home:
            return self.context.aws_calls
        if code.home not in self._elsewhere:
            self._elsewhere[code.home] = AwsCalls(code)
        return self._elsewhere[code.home]

    def head_operation(self, call: ast.Call) -> str | None:
        """The HEAD operation this call makes, on a client of the service."""
        if not isinstance(call.func, ast.Attribute) or call.func.attr not in self.head_operations:
            return None
        receiver = self.context.aws_calls.infer_receiver(call.func.value)
        if receiver is not None and receiver.kind is Kind.CLIENT and receiver.service == self.service:
            return call.func.attr
        return None

    def may_send_other_request(self, code: Code, call: ast.Call, depth: int = 0) -> bool:
        """``code``: the view of the module that holds ``call`` (a helper's calls are in the helper's)."""
        name = call_name(call)
        if name in self.other_methods:
            return True
        if isinstance(call.func, ast.Attribute) and name not in self.head_operations:
            receiver = self._aws_calls(code).infer_receiver(call.func.value)
            if receiver is not None and receiver.kind is not Kind.EXCEPTIONS:
                if receiver.service in (None, self.service):
                    return True
        if depth >= MAX_HELPER_DEPTH:
            return False
        for function in code.functions_called(call):
            module_name = function.code.home.modname
            if is_stubbed_module(module_name) or module_name == "builtins":
                continue
            inner_calls = function.code.nodes(ast.Call, within=function.node)
            if any(self.may_send_other_request(function.code, inner, depth + 1) for inner in inner_calls):
                return True
        return False


def _body_calls(code: Code, try_node: ast.Try) -> list[ast.Call]:
    return [call for statement in try_node.body for call in code.nodes(ast.Call, within=statement)]


def _a_later_clause_does_the_same(code, classes, try_node: ast.AST, handler: ast.ExceptHandler) -> bool:
    """A later ``except`` of the same ``try`` catches the request's ``ClientError`` (it, or everything:
    bare, ``Exception``, ``BaseException``) with the same body but for what it prints or logs: ``except
    s3.exceptions.NoSuchKey: return None`` then ``except Exception: return None``. The 404 gets the
    answer the dead clause meant."""
    handlers = try_node.handlers
    body = _what_it_does(handler)
    for later in handlers[handlers.index(handler) + 1:]:
        catches_all = later.type is None or (
            isinstance(later.type, ast.Name) and later.type.id in ("Exception", "BaseException")
        ) or classes.catches_client_error(later)
        if catches_all and _what_it_does(later) == body:
            return True
    return False


def _what_it_does(handler: ast.ExceptHandler) -> list[str]:
    """The clause's statements but what it prints or logs (``print(f"{key} not found")`` against
    ``print(f"Error: {e}")``, both then ``return None``: the 404 ends the same way)."""
    return [
        ast.dump(statement)
        for statement in handler.body
        if not (isinstance(statement, ast.Expr) and (is_logging_call(statement.value) or is_print(statement.value)))
    ]


def check(context: FileContext) -> Iterator[Finding]:
    code = context.code
    classes = context.exception_classes
    requests: dict[str, ServiceRequests] = {}
    for handler in classes.handlers:
        try_node = code.parent(handler)
        if not isinstance(try_node, TRY_TYPES):
            continue
        exceptions = classes.modeled(handler)
        if not exceptions or classes.catches_client_error(handler):
            continue  # the clause runs for the plain ClientError too
        if _a_later_clause_does_the_same(code, classes, try_node, handler):
            continue  # the ClientError the request raises ends the same way after all
        for exception in exceptions:
            service = exception.service
            if service not in HEAD_ERRORS_HAVE_NO_BODY or not exception.exists:
                continue
            if service not in requests:
                requests[service] = ServiceRequests(context, service)
            calls = _body_calls(code, try_node)
            heads = {call: requests[service].head_operation(call) for call in calls}
            operations = sorted({operation for operation in heads.values() if operation})
            if not operations:
                continue
            if any(requests[service].may_send_other_request(code, call) for call in calls if not heads[call]):
                continue
            yield RULE.finding(
                handler,
                MESSAGE.format(
                    exception=code.as_string(exception.node), service=service, operations=", ".join(operations)
                ),
                HEAD_ERRORS_HAVE_NO_BODY[service],
            )
            break


RULE = Rule(
    code="BTO504",
    name="modeled-exception-on-head-request",
    summary="except s3.exceptions.NoSuchKey (or any modeled S3 error) around S3 HEAD requests only (never matches)",
    link=HEAD_ERRORS_HAVE_NO_BODY["s3"],
    check=check,
    module=sys.modules[__name__],
)
