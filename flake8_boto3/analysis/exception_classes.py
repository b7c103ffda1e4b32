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

import bisect
import enum
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from astroid import nodes

from flake8_boto3.analysis.aws_calls import AwsCalls
from flake8_boto3.analysis.client_errors import is_client_error_class
from flake8_boto3.analysis.names import qualified_name
from flake8_boto3.aws import table
from flake8_boto3.budget import BudgetExceeded
from flake8_boto3.inference import Kind

EXCEPTIONS_ATTRIBUTE = "exceptions"  # client.exceptions
# ``.exceptions.`` in the source text (a literal prefix: the search is fast).
CLIENT_EXCEPTIONS_TEXT = re.compile(rb"\.exceptions\s*\.")
SDK_MODULES = (b"botocore", b"boto3")  # botocore.exceptions.X is no client's exceptions


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

    node: nodes.Attribute
    service: str | None  # the client's service, when known

    @property
    def name(self) -> str:
        return self.node.attrname

    @property
    def is_modeled(self) -> bool:
        """Names one of the service's errors (or means to): anything but ``ClientError`` and ``from_code``."""
        return self.name not in table().client_exceptions_attributes

    @property
    def in_except_clause(self) -> bool:
        return _named_by_except_clause(self.node)

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


def _statements(node: nodes.NodeNG) -> Iterator[nodes.NodeNG]:
    """The statements (and ``match`` cases) under ``node``, without descending into expressions."""
    for child in node.get_children():
        if child.is_statement or isinstance(child, nodes.MatchCase):
            yield child
            yield from _statements(child)


ALL_LINES: tuple[int, ...] = (0,)  # the text is unknown: look everywhere


def _client_exceptions_lines(module: nodes.Module) -> tuple[int, ...]:
    """The lines whose text has ``.exceptions.`` on something other than the SDK's exception
    modules, in order (ALL_LINES when the text is not known)."""
    text = module.file_bytes
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


def _spans_a_line(statement: nodes.NodeNG, lines: tuple[int, ...]) -> bool:
    """Does the statement (with what it contains) cover one of these lines (sorted)?"""
    index = bisect.bisect_left(lines, statement.fromlineno)
    return index < len(lines) and lines[index] <= statement.tolineno


def _is_exceptions_attribute(node: nodes.Attribute) -> bool:
    """``x.exceptions.X``."""
    return isinstance(node.expr, nodes.Attribute) and node.expr.attrname == EXCEPTIONS_ATTRIBUTE


def _named_by_except_clause(node: nodes.NodeNG) -> bool:
    """``node`` is the class an ``except`` clause names, or one in its tuple."""
    parent = node.parent
    clause = parent.parent if isinstance(parent, nodes.Tuple) else parent
    return isinstance(clause, nodes.ExceptHandler) and clause.type in (node, parent)


def caught_class_nodes(handler: nodes.ExceptHandler) -> list[nodes.NodeNG]:
    """``except (A, B)`` -> [A, B]; ``except A`` -> [A]; a bare ``except`` -> []."""
    if handler.type is None:
        return []
    return list(handler.type.elts) if isinstance(handler.type, nodes.Tuple) else [handler.type]


def _is_builtin_exception(node: nodes.NodeNG) -> bool:
    """``Exception``, ``ValueError`` ...: a name that infers to a built-in exception class only."""
    if not isinstance(node, nodes.Name):
        return False
    try:
        values = list(node.infer())
    except Exception:  # inference errors of every kind: nothing known
        return False
    return bool(values) and all(
        isinstance(value, nodes.ClassDef)
        and value.root().name == "builtins"
        and (value.name == "BaseException" or value.is_subtype_of("builtins.BaseException"))
        for value in values
    )


def _is_sdk_exception_without_error_response(node: nodes.NodeNG) -> bool:
    """``NoCredentialsError``, ``botocore.exceptions.WaiterError``, ``S3UploadFailedError`` ..."""
    name = qualified_name(node)
    if not name or "." not in name:
        return False
    module, class_name = name.rsplit(".", 1)
    return class_name in table().exceptions_without_error_response(module)


class ExceptionClasses:
    """Every ``client.exceptions.X`` of a module, and the kind of each class its ``except`` clauses name."""

    def __init__(self, module: nodes.Module, aws_calls: AwsCalls) -> None:
        self.module = module
        self._aws_calls = aws_calls  # shares its cache of inferred receivers
        self._kinds: dict[nodes.NodeNG, Caught] = {}

    @cached_property
    def _statements(self) -> list[nodes.NodeNG]:
        return list(_statements(self.module))

    @cached_property
    def handlers(self) -> list[nodes.ExceptHandler]:
        """Every ``except`` handler, found by walking statements only (not every expression)."""
        return [node for node in self._statements if isinstance(node, nodes.ExceptHandler)]

    def _candidates(self) -> Iterator[nodes.Attribute]:
        """The attributes that may be ``client.exceptions.X``: ``x.exceptions.X`` anywhere, and any
        ``x.X`` an ``except`` clause names (``errors.NoSuchKey`` after ``errors = s3.exceptions``).
        Only the expressions on lines whose text has ``.exceptions.`` are walked."""
        for handler in self.handlers:
            for node in caught_class_nodes(handler):
                if isinstance(node, nodes.Attribute) and not _is_exceptions_attribute(node):
                    yield node
        lines = _client_exceptions_lines(self.module)
        for statement in self._statements if lines else ():
            if lines is not ALL_LINES and not _spans_a_line(statement, lines):
                continue
            for child in statement.get_children():
                if not (child.is_statement or isinstance(child, nodes.MatchCase)):
                    yield from filter(_is_exceptions_attribute, child.nodes_of_class(nodes.Attribute))

    @cached_property
    def exceptions_attributes(self) -> dict[nodes.Attribute, ExceptionsAttribute]:
        """When the budget runs out, those found up to there."""
        found: dict[nodes.Attribute, ExceptionsAttribute] = {}
        try:
            for node in self._candidates():
                receiver = self._aws_calls.infer_receiver(node.expr)
                if receiver is not None and receiver.kind is Kind.EXCEPTIONS:
                    found[node] = ExceptionsAttribute(node, receiver.service)
        except BudgetExceeded:
            pass  # the checker reports BTO901
        return found

    def exceptions_attribute(self, node: nodes.NodeNG) -> ExceptionsAttribute | None:
        return self.exceptions_attributes.get(node) if isinstance(node, nodes.Attribute) else None

    def is_client_error(self, node: nodes.NodeNG) -> bool:
        attribute = self.exceptions_attribute(node)
        if attribute is not None:
            return attribute.name == "ClientError"
        return is_client_error_class(node)

    def kind(self, node: nodes.NodeNG) -> Caught:
        """What the class an ``except`` clause names is."""
        if node not in self._kinds:
            self._kinds[node] = self._kind(node)
        return self._kinds[node]

    def _kind(self, node: nodes.NodeNG) -> Caught:
        if self.is_client_error(node):
            return Caught.CLIENT_ERROR
        attribute = self.exceptions_attribute(node)
        if attribute is not None:
            return Caught.MODELED if attribute.is_modeled else Caught.OTHER
        if _is_sdk_exception_without_error_response(node):
            return Caught.SDK_WITHOUT_ERROR_RESPONSE
        return Caught.BUILTIN if _is_builtin_exception(node) else Caught.OTHER

    def caught(self, handler: nodes.ExceptHandler) -> list[tuple[nodes.NodeNG, Caught]]:
        """Each class the handler names, with its kind."""
        return [(node, self.kind(node)) for node in caught_class_nodes(handler)]

    def catches_client_error(self, handler: nodes.ExceptHandler) -> bool:
        return any(self.is_client_error(node) for node in caught_class_nodes(handler))

    def modeled(self, handler: nodes.ExceptHandler) -> list[ExceptionsAttribute]:
        """The modeled exceptions the handler names (found without inferring anything else)."""
        found = (self.exceptions_attribute(node) for node in caught_class_nodes(handler))
        return [attribute for attribute in found if attribute is not None and attribute.is_modeled]
