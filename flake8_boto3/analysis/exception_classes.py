"""The exception classes a module names: ``client.exceptions.X`` and what ``except`` clauses catch.

``client.exceptions.X`` (``self.client.exceptions.X``, ``table.meta.client.exceptions.X``, a client
imported from a sibling module ...) counts when the boto3 model infers its receiver to be a client's
exceptions object. botocore builds that object from the service model: one ClientError subclass per
error shape of the service (a *modeled exception*), plus ``ClientError`` itself and ``from_code``.

Each class an ``except`` clause names, alone or in a tuple, is one of the :class:`Caught` kinds:
ClientError however it is reached; a modeled exception (a ClientError subclass, so with an error
response); one of the SDK's other exceptions, which carry no error response (the classes of
``botocore.exceptions`` and ``boto3.exceptions`` that are not ClientErrors, as the generated table lists
them: ``BotoCoreError``, ``NoCredentialsError``, ``WaiterError``, ``S3UploadFailedError`` ...); one of
Python's built-in exceptions (``Exception``, ``ValueError`` ...), which have no error response either;
or anything else, which includes whatever cannot be told.
"""

from __future__ import annotations

import ast
import bisect
import enum
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from flake8_boto3.analysis.aws_calls import AwsCalls
from flake8_boto3.analysis.client_errors import exceptions_bound_by_the_try, is_client_error_class
from flake8_boto3.analysis.code import FUNCTION_TYPES, Code
from flake8_boto3.analysis.names import qualified_name
from flake8_boto3.aws import table
from flake8_boto3.budget import BudgetExceeded
from flake8_boto3.model import Kind

EXCEPTIONS_ATTRIBUTE = "exceptions"  # client.exceptions
# ``.exceptions.`` in the source text (a literal prefix: the search is fast).
CLIENT_EXCEPTIONS_TEXT = re.compile(rb"\.exceptions\s*\.")
SDK_MODULES = (b"botocore", b"boto3")  # botocore.exceptions.X is no client's exceptions
# astroid's statements (``is_statement``: every statement and except clauses) and match cases.
STATEMENT_TYPES = (ast.stmt, ast.ExceptHandler)
STATEMENT_OR_CASE = (*STATEMENT_TYPES, ast.match_case)


class Caught(enum.Enum):
    CLIENT_ERROR = "ClientError"
    MODELED = "modeled exception"
    SDK_WITHOUT_ERROR_RESPONSE = "botocore or boto3 exception that is not a ClientError"
    BUILTIN = "built-in exception"
    OTHER = "other"

    @property
    def has_error_response(self) -> bool | None:
        """Does an exception of this kind carry ``.response``? None when unknown."""
        if self in (Caught.CLIENT_ERROR, Caught.MODELED):
            return True
        return None if self is Caught.OTHER else False


@dataclass(frozen=True)
class ExceptionsAttribute:
    """``X`` in ``<client>.exceptions.X``."""

    code: Code
    node: ast.Attribute
    service: str | None  # the client's service, when known

    @property
    def name(self) -> str:
        return self.node.attr

    @property
    def is_modeled(self) -> bool:
        """Names one of the service's errors (or means to): anything but ``ClientError`` and ``from_code``."""
        return self.name not in table().client_exceptions_attributes

    @property
    def in_except_clause(self) -> bool:
        return _named_by_except_clause(self.code, self.node)

    @property
    def service_is_known(self) -> bool:
        return bool(self.service) and table().has_service(self.service)

    @property
    def exists(self) -> bool | None:
        """Does the client's exceptions object have this name? None when the service is unknown, or for
        the attributes every object has (``__class__``) and private ones (``_code_to_exception``)."""
        if not self.service_is_known or self.name.startswith("_"):
            return None
        return self.name in table().exceptions_attributes(self.service)


def _statements(code: Code, node: ast.AST) -> Iterator[ast.AST]:
    """The statements (and ``match`` cases) under ``node``, without descending into expressions."""
    for child in code.home.tree.children(node):
        if isinstance(child, STATEMENT_OR_CASE):
            yield child
            yield from _statements(code, child)


ALL_LINES: tuple[int, ...] = (0,)  # the text is unknown: look everywhere


def _client_exceptions_lines(code: Code) -> tuple[int, ...]:
    """The lines whose text has ``.exceptions.`` on something other than the SDK's exception
    modules, in order (ALL_LINES when the text is not known)."""
    text = code.home.source
    if text is None:
        return ALL_LINES
    if isinstance(text, str):
        text = text.encode("utf-8", "surrogateescape")
    lines: list[int] = []
    line, position = 1, 0
    for match in CLIENT_EXCEPTIONS_TEXT.finditer(text):
        if text[max(0, match.start() - 8) : match.start()].endswith(SDK_MODULES):
            continue  # botocore.exceptions.ClientError
        line += text.count(b"\n", position, match.start())
        position = match.start()
        if not lines or lines[-1] != line:
            lines.append(line)
    return tuple(lines)


def _first_line(statement: ast.AST) -> int:
    """astroid's ``fromlineno``: a match case's is its pattern's line; a decorated function's, its first
    decorator's line plus the lines of all its decorators (the ``def`` line, when nothing comes between)."""
    if isinstance(statement, ast.match_case):
        return statement.pattern.lineno
    if isinstance(statement, FUNCTION_TYPES) and statement.decorator_list:
        decorators = statement.decorator_list
        return decorators[0].lineno + sum(d.end_lineno - d.lineno + 1 for d in decorators)
    return statement.lineno


def _last_line(statement: ast.AST) -> int:
    """astroid's ``tolineno``: a match case ends with its body's last statement."""
    if isinstance(statement, ast.match_case):
        return statement.body[-1].end_lineno
    return statement.end_lineno


def _spans_a_line(statement: ast.AST, lines: tuple[int, ...]) -> bool:
    """Does the statement (with what it contains) cover one of these lines (sorted)?"""
    index = bisect.bisect_left(lines, _first_line(statement))
    return index < len(lines) and lines[index] <= _last_line(statement)


def _is_exceptions_attribute(node: ast.Attribute) -> bool:
    """``x.exceptions.X``."""
    return isinstance(node.value, ast.Attribute) and node.value.attr == EXCEPTIONS_ATTRIBUTE


def _named_by_except_clause(code: Code, node: ast.AST) -> bool:
    """``node`` is the class an ``except`` clause names, or one in its tuple."""
    parent = code.parent(node)
    clause = code.parent(parent) if isinstance(parent, ast.Tuple) else parent
    return isinstance(clause, ast.ExceptHandler) and clause.type in (node, parent)


def caught_class_nodes(handler: ast.ExceptHandler) -> list[ast.AST]:
    """``except (A, B)`` -> [A, B]; ``except A`` -> [A]; a bare ``except`` -> []."""
    if handler.type is None:
        return []
    return list(handler.type.elts) if isinstance(handler.type, ast.Tuple) else [handler.type]


def _is_builtin_exception(code: Code, node: ast.AST) -> bool:
    """``Exception``, ``ValueError`` ...: a name that infers to a built-in exception class only."""
    if not isinstance(node, ast.Name):
        return False
    # Every value astroid infers is a class of the builtins module that is (a subclass of) BaseException.
    return code.infers_to_builtin_exception(node)


def may_carry_a_none_response(code: Code, node: ast.AST, kind: Caught) -> bool:
    """Can an exception this clause names have ``.response`` set to None? HTTPClientError's family
    (``ReadTimeoutError``, ``ConnectionClosedError``) and what catches it (``BotoCoreError``,
    ``Exception``)."""
    if kind is Caught.BUILTIN:
        return isinstance(node, ast.Name) and node.id in ("Exception", "BaseException")
    if kind is not Caught.SDK_WITHOUT_ERROR_RESPONSE:
        return False
    name = qualified_name(code, node) or ""
    module, _, class_name = name.rpartition(".")
    return class_name in table().exceptions_with_none_response(module)


def _is_sdk_exception_without_error_response(code: Code, node: ast.AST) -> bool:
    """``NoCredentialsError``, ``botocore.exceptions.WaiterError``, ``S3UploadFailedError`` ..."""
    name = qualified_name(code, node)
    if not name or "." not in name:
        return False
    module, class_name = name.rsplit(".", 1)
    return class_name in table().exceptions_without_error_response(module)


class ExceptionClasses:
    """Every ``client.exceptions.X`` of a module, and the kind of each class its ``except`` clauses name."""

    def __init__(self, code: Code, aws_calls: AwsCalls) -> None:
        self.code = code
        self._aws_calls = aws_calls  # shares its cache of inferred receivers
        self._kinds: dict[ast.AST, Caught] = {}

    @cached_property
    def _statements(self) -> list[ast.AST]:
        return list(_statements(self.code, self.code.module))

    @cached_property
    def handlers(self) -> list[ast.ExceptHandler]:
        """Every ``except`` handler, found by walking statements only (not every expression)."""
        return [node for node in self._statements if isinstance(node, ast.ExceptHandler)]

    def _candidates(self) -> Iterator[ast.Attribute]:
        """The attributes that may be ``client.exceptions.X``: ``x.exceptions.X`` anywhere, and any
        ``x.X`` an ``except`` clause names (``errors.NoSuchKey`` after ``errors = s3.exceptions``).
        Only the expressions on lines whose text has ``.exceptions.`` are walked."""
        code = self.code
        for handler in self.handlers:
            for node in caught_class_nodes(handler):
                if isinstance(node, ast.Attribute) and not _is_exceptions_attribute(node):
                    yield node
        lines = _client_exceptions_lines(code)
        for statement in self._statements if lines else ():
            if lines is not ALL_LINES and not _spans_a_line(statement, lines):
                continue
            for child in code.home.tree.children(statement):
                if not isinstance(child, STATEMENT_OR_CASE):
                    # astroid's Attribute nodes: read, not assigned (AssignAttr) or deleted (DelAttr).
                    attributes = (n for n in code.nodes(ast.Attribute, within=child) if isinstance(n.ctx, ast.Load))
                    yield from filter(_is_exceptions_attribute, attributes)

    @cached_property
    def exceptions_attributes(self) -> dict[ast.Attribute, ExceptionsAttribute]:
        """When the budget runs out, those found up to there."""
        found: dict[ast.Attribute, ExceptionsAttribute] = {}
        try:
            for node in self._candidates():
                receiver = self._aws_calls.infer_receiver(node.value)
                receiver = receiver or exceptions_bound_by_the_try(self.code, node.value)
                if receiver is not None and receiver.kind is Kind.EXCEPTIONS:
                    found[node] = ExceptionsAttribute(self.code, node, receiver.service)
        except BudgetExceeded:
            pass  # the checker reports BTO901
        return found

    def exceptions_attribute(self, node: ast.AST) -> ExceptionsAttribute | None:
        return self.exceptions_attributes.get(node) if isinstance(node, ast.Attribute) else None

    def is_client_error(self, node: ast.AST) -> bool:
        attribute = self.exceptions_attribute(node)
        if attribute is not None:
            return attribute.name == "ClientError"
        return is_client_error_class(self.code, node)

    def kind(self, node: ast.AST) -> Caught:
        """What the class an ``except`` clause names is."""
        if node not in self._kinds:
            self._kinds[node] = self._kind(node)
        return self._kinds[node]

    def _kind(self, node: ast.AST) -> Caught:
        if self.is_client_error(node):
            return Caught.CLIENT_ERROR
        attribute = self.exceptions_attribute(node)
        if attribute is not None:
            return Caught.MODELED if attribute.is_modeled else Caught.OTHER
        if _is_sdk_exception_without_error_response(self.code, node):
            return Caught.SDK_WITHOUT_ERROR_RESPONSE
        return Caught.BUILTIN if _is_builtin_exception(self.code, node) else Caught.OTHER

    def caught(self, handler: ast.ExceptHandler) -> list[tuple[ast.AST, Caught]]:
        """Each class the handler names, with its kind."""
        return [(node, self.kind(node)) for node in caught_class_nodes(handler)]

    def catches_client_error(self, handler: ast.ExceptHandler) -> bool:
        return any(self.is_client_error(node) for node in caught_class_nodes(handler))

    def modeled(self, handler: ast.ExceptHandler) -> list[ExceptionsAttribute]:
        """The modeled exceptions the handler names (found without inferring anything else)."""
        found = (self.exceptions_attribute(node) for node in caught_class_nodes(handler))
        return [attribute for attribute in found if attribute is not None and attribute.is_modeled]
