"""Calls of AWS operations on boto3 clients (and DynamoDB tables) in a module.

A call counts only when astroid infers its receiver to be a boto3 object: the
method names alone (``scan``, ``search``, ``list_users``) say nothing, since
``redis.scan``, ``re.search`` and a repository's ``list_users`` share them.
Receivers are inferred only for method names some rule cares about, and never
for names bound to imports of other modules (``re.search``, ``os.scandir``).
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from functools import cache, cached_property
from urllib.parse import urlsplit

from flake8_boto3.analysis.code import FUNCTION_TYPES, Code
from flake8_boto3.analysis.names import import_names
from flake8_boto3.aws import boto3_name, table
from flake8_boto3.budget import BudgetExceeded
from flake8_boto3.model import Boto3Value, Kind
from flake8_boto3.model.sdk import is_stubbed_module


@dataclass(frozen=True)
class AwsCall:
    call: ast.Call
    receiver: Boto3Value
    operation: str  # the method name, e.g. "list_objects_v2"
    code: Code  # the view of the module that holds the call

    @property
    def service(self) -> str | None:
        return self.receiver.service

    @property
    def receiver_text(self) -> str:
        return self.code.as_string(self.call.func.value)

    @property
    def endpoint_elsewhere(self) -> bool:
        """The client was made with a literal ``endpoint_url`` of another store that speaks the service's
        API (MinIO, Ceph, Yandex Object Storage...), not of AWS or of a local emulator of it."""
        origin = self.receiver.origin
        if not isinstance(origin, ast.Call):
            return False
        for keyword in origin.keywords:
            if keyword.arg == "endpoint_url":
                value = keyword.value
                if not (isinstance(value, ast.Constant) and isinstance(value.value, str)):
                    return False
                try:
                    host = urlsplit(value.value).hostname
                except ValueError:
                    return False
                return host is not None and not AWS_OR_EMULATOR_HOST.search(host)
        return False

    def operation_made(self) -> str | None:
        """The operation the call makes: a client's method is one; a resource's action makes the one its
        resource model names (:func:`action_operation`)."""
        if self.receiver.kind is Kind.CLIENT:
            return self.operation
        return action_operation(self.receiver, self.operation)

    def services(self) -> frozenset[str]:
        """The client's service, or every service that has this operation when the service is not known
        (``boto3.client(name)``). No service for one the botocore table does not have (one newer or
        older than the table, such as OpsWorks): its operations are not another service's."""
        if self.service:
            return frozenset({self.service}) if table().has_service(self.service) else frozenset()
        return table().services_with_operation(self.operation)


def action_operation(resource: Boto3Value, method: str) -> str | None:
    """The operation a boto3 resource's action method makes, as botocore's resource model says
    (``table.delete_item``: ``delete_item``; ``queue.send_messages``: ``send_message_batch``;
    ``image.reload``: ``describe_images``); None for a method that is no action of it, a resource of
    unknown service, or anything but a resource."""
    service = resource.service
    if not service:
        return None
    if resource.kind is Kind.RESOURCE:
        return table().resource_action(service, "ServiceResource", method)
    if resource.kind is Kind.SUB_RESOURCE and resource.type_name:
        return table().resource_action(service, resource.type_name, method)
    return None


# Hosts of AWS endpoints, and of the emulators code runs against in place of AWS (LocalStack).
AWS_OR_EMULATOR_HOST = re.compile(r"(^|\.)amazonaws\.com(\.cn)?$|^(localhost|127\.0\.0\.1|localstack)$")
# boto3 client methods some rule looks at besides the operations the table lists.
LOOKUP_METHODS = frozenset({"get_paginator", "get_waiter"})
# DynamoDB Table methods that read one page.
TABLE_METHODS = frozenset({"scan", "query"})
# A resource's load action, which makes its describe operation again (``image.reload()``: DescribeImages).
RELOADS = frozenset({"load", "reload"})


@cache
def interesting_methods() -> frozenset[str]:
    """Operation names some rule looks at whatever the call's arguments."""
    aws = table()
    operations = aws.paginated_operations | aws.waiter_operations | aws.partial_failure_operations
    # A resource's batch actions (queue.send_messages: send_message_batch) answer the same failed entries.
    batch_actions = aws.batch_resource_actions
    return operations | batch_actions | aws.deprecated_operations | LOOKUP_METHODS | TABLE_METHODS | RELOADS


@cache
def operation_verbs() -> frozenset[str]:
    """First words of AWS operation names used by at least 10 operations (list, get, describe...)."""
    counts: dict[str, int] = {}
    for operation in table().operation_index:
        verb = operation.split("_", 1)[0]
        counts[verb] = counts.get(verb, 0) + 1
    return frozenset(verb for verb, count in counts.items() if count >= 10)


def worth_inferring(name: str, has_positional_arguments: bool) -> bool:
    """Is a call ``x.name(...)`` one whose receiver a rule needs to know?

    Operations the AWS rules look at; any operation called with positional
    arguments (BTO502); and names shaped like an operation that no service has,
    such as the typo ``list_object_v2`` (BTO501).
    """
    if name in interesting_methods():
        return True
    aws = table()
    if name in aws.operation_index:
        return has_positional_arguments
    if name != name.lower() and boto3_name(name) in aws.operation_index:
        return True  # putObject: another SDK's spelling of put_object (BTO501)
    return "_" in name and name.split("_", 1)[0] in operation_verbs() and name not in aws.all_injected_methods


def _client_factory_names(code: Code) -> frozenset[str]:
    """Functions of the module whose every ``return`` gives a ``client(...)`` call (``def
    get_sqs_client(): return boto3.client("sqs")``): a call of one is a ``client(...)`` call too."""
    found = set()
    for function in code.module.body:
        if not isinstance(function, FUNCTION_TYPES) or function.decorator_list:
            continue
        returns = list(code.nodes(ast.Return, within=function, skip=(*FUNCTION_TYPES, ast.ClassDef)))
        if returns and all(_is_client_call(ret.value) for ret in returns):
            found.add(function.name)
    return frozenset(found)


def _is_client_call(
    value: ast.AST | None, factories: frozenset[str] = frozenset(), constructor: str = "client"
) -> bool:
    """``boto3.client(...)``, ``session.client(...)``, or a call of one of the module's ``factories``
    (with ``constructor="resource"``: ``boto3.resource(...)``, ``session.resource(...)``)."""
    if not isinstance(value, ast.Call):
        return False
    func = value.func
    return (isinstance(func, ast.Attribute) and func.attr == constructor) or (
        isinstance(func, ast.Name) and func.id in factories
    )


def _bound_to_a_client_call(
    code: Code, expression: ast.AST, factories: frozenset[str] = frozenset(), constructor: str = "client"
) -> bool:
    """``ec2`` bound only by a ``client(...)`` call (``ec2 = boto3.client("ec2")``, whose service the
    syntax reads at the cost of no astroid tree, or a session's ``session.client("ec2")``: what it is,
    inference tells), or ``self.ec2`` that the class sets only to one (see :func:`_instance_client`):
    any public method called on it is worth asking about (BTO501), an operation of another service
    (``ec2.publish(...)``, copied from an SNS client), a resource's (``s3.Bucket(name)`` on a client)
    or a name no service has."""
    if isinstance(expression, ast.Attribute):
        return _instance_client(code, expression, factories, constructor)
    if not isinstance(expression, ast.Name):
        return False
    found = code.bindings(expression)
    return bool(found) and all(_assigned_a_client_call(code, binding, factories, constructor) for binding in found)


def _assigned_a_client_call(
    code: Code, target: ast.AST, factories: frozenset[str] = frozenset(), constructor: str = "client"
) -> bool:
    """``target = boto3.client(...)``, ``target = session.client(...)`` or ``target = get_sqs_client()``
    (one of the module's client ``factories``): a ``client(...)`` call, which inference then tells a
    client or not."""
    statement = code.parent(target) if isinstance(target, (ast.Name, ast.Attribute)) else None
    if not (isinstance(statement, ast.Assign) and statement.targets == [target]):
        return False
    return _is_client_call(statement.value, factories, constructor)


def _bound_name(node: ast.AST) -> str | None:
    """``s3`` for the name ``s3``, ``ec2`` for the attribute ``self.ec2``."""
    if isinstance(node, ast.Name):
        return node.id
    return node.attr if isinstance(node, ast.Attribute) else None


def _instance_client(
    code: Code, expression: ast.Attribute, factories: frozenset[str] = frozenset(), constructor: str = "client"
) -> bool:
    """``self.ec2`` in a method of a class whose methods set ``self.ec2`` only to ``boto3.client(...)``
    or a session's ``client(...)`` (``self.session.client("ec2")``), and whose body binds no ``ec2``
    of its own: what it is, inference tells."""
    if not (isinstance(expression.value, ast.Name) and expression.value.id == "self"):
        return False
    function = code.enclosing_function(expression)
    cls = code.enclosing_class(function) if function is not None else None
    if cls is None or expression.attr in code.locals(cls):
        return False
    assigned = code.instance_attributes(cls).get(expression.attr, [])
    return bool(assigned) and all(_assigned_a_client_call(code, target, factories, constructor) for target in assigned)


def _is_module_receiver(code: Code, expression: ast.AST) -> bool:
    """``re`` in ``re.search``: a name bound only by ``import`` statements of modules other than boto3.

    Names from ``from x import y`` are still inferred: ``from .aws import s3`` may well be a client.
    """
    if not isinstance(expression, ast.Name):
        return False
    found = code.bindings(expression)
    return bool(found) and all(isinstance(binding, ast.Import) and not _imports_sdk(binding) for binding in found)


def _imports_sdk(binding: ast.AST) -> bool:
    """An ``import`` or ``from ... import`` of boto3, botocore or their type stubs."""
    if isinstance(binding, ast.ImportFrom):
        return is_stubbed_module(binding.module or "")
    return isinstance(binding, ast.Import) and any(is_stubbed_module(name) for name, _ in import_names(binding))


def _made_alike_at_each_call(binding: object) -> bool:
    """Does a call of what ``binding`` binds give the same object wherever it is? Not for builtins
    (``super()`` depends on where it is) or for what boto3 and botocore export (each call of
    ``Session()`` makes the session of its own call site)."""
    return isinstance(binding, ast.AST) and not _imports_sdk(binding)


def receiver_key(code: Code, expression: ast.AST) -> tuple | None:
    """Receivers that always infer alike share a key: the same chain of attributes and calls
    without arguments on ``self`` of one class (``self.hook.conn``, ``self.get_conn()`` in every
    method), or on the same bindings of a name (``get_store()`` at every call site)."""
    chain: list[str] = []
    node = expression
    while isinstance(node, ast.Attribute) or (isinstance(node, ast.Call) and not node.args and not node.keywords):
        if isinstance(node, ast.Attribute):
            chain.append(node.attr)
            node = node.value
        else:
            chain.append("()")
            node = node.func
    if not isinstance(node, ast.Name):
        return None
    found = code.bindings(node)
    if "()" in chain and not (found and all(_made_alike_at_each_call(binding) for binding in found)):
        return None
    owner: object = tuple(id(b) for b in found)
    if node.id in ("self", "cls") and found and isinstance(code.parent(found[0]), ast.arguments):
        function = code.parent(code.parent(found[0]))
        if isinstance(code.parent(function), ast.ClassDef):
            owner = id(code.parent(function))
    return (owner, node.id, tuple(chain))


class AwsCalls:
    """Every call of interest to the AWS rules in one module."""

    def __init__(self, code: Code) -> None:
        self.code = code
        self._receivers: dict[tuple, Boto3Value | None] = {}

    def infer_receiver(self, expression: ast.AST) -> Boto3Value | None:
        """The boto3 object ``expression`` is (inferred once per receiver key)."""
        key = receiver_key(self.code, expression)
        if key is None:
            return self.code.value_of(expression)
        if key not in self._receivers:
            self._receivers[key] = self.code.value_of(expression)
        return self._receivers[key]

    @cached_property
    def _client_call_targets(self) -> frozenset[str]:
        """The names and attributes (``s3``, ``self.ec2``'s ``ec2``) that some assignment of the module
        gives a ``client(...)`` call's value: the only receivers :func:`_bound_to_a_client_call` can
        take, found in one pass instead of a lookup for every method call of the module."""
        found: set[str] = set()
        for assignment in self.code.nodes(ast.Assign):
            if _is_client_call(assignment.value, self._client_factories):
                found.update(name for target in assignment.targets if (name := _bound_name(target)))
        return frozenset(found)

    @cached_property
    def _resource_call_targets(self) -> frozenset[str]:
        """The names and attributes that some assignment of the module gives a ``resource(...)``
        call's value (``sqs = boto3.resource("sqs")``, ``self.sqs = ...``)."""
        return frozenset(
            name
            for assignment in self.code.nodes(ast.Assign)
            if _is_client_call(assignment.value, constructor="resource")
            for target in assignment.targets
            if (name := _bound_name(target))
        )

    def _on_a_resource_call(self, receiver: ast.AST) -> bool:
        """The receiver is a name or ``self.x`` bound only to a ``resource(...)`` call: a client
        operation called on it (``sqs.get_queue_url(...)``) is worth asking about (BTO501)."""
        return _bound_name(receiver) in self._resource_call_targets and _bound_to_a_client_call(
            self.code, receiver, constructor="resource"
        )

    @cached_property
    def _client_factories(self) -> frozenset[str]:
        return _client_factory_names(self.code)

    def _on_a_client_call(self, receiver: ast.AST) -> bool:
        """The receiver is a ``client(...)`` call (``get_sqs_client().receive_message(...)``), or a name
        or ``self.x`` bound only to one (see :func:`_bound_to_a_client_call`)."""
        if isinstance(receiver, ast.Call):
            return _is_client_call(receiver, self._client_factories)
        return _bound_name(receiver) in self._client_call_targets and _bound_to_a_client_call(
            self.code, receiver, self._client_factories
        )

    @cached_property
    def calls(self) -> list[AwsCall]:
        """In source order; when the budget runs out, the calls found up to there."""
        found = []
        try:
            for call in self.code.nodes(ast.Call):
                func = call.func
                if not isinstance(func, ast.Attribute):
                    continue
                if not worth_inferring(func.attr, bool(call.args)) and not (
                    not func.attr.startswith("_") and self._on_a_client_call(func.value)
                ) and not (func.attr in table().operation_index and self._on_a_resource_call(func.value)):
                    continue
                if _is_module_receiver(self.code, func.value):
                    continue
                receiver = self.infer_receiver(func.value)
                if receiver is not None:
                    found.append(AwsCall(call, receiver, func.attr, self.code))
        except BudgetExceeded:
            pass  # the checker reports BTO901
        return found

    def on(self, *kinds: Kind) -> list[AwsCall]:
        return [c for c in self.calls if c.receiver.kind in kinds]

    def table_reads(self) -> list[AwsCall]:
        """``scan``/``query`` on DynamoDB resource tables (``boto3.resource("dynamodb").Table(t)``)."""
        return [
            call
            for call in self.on(Kind.SUB_RESOURCE)
            if call.operation in TABLE_METHODS
            and call.receiver.type_name == "Table"
            and call.receiver.service in (None, "dynamodb")
        ]

    def dynamodb_reads(self) -> list[AwsCall]:
        """``scan``/``query`` on DynamoDB clients and resource tables."""
        clients = [
            call
            for call in self.on(Kind.CLIENT)
            if call.operation in TABLE_METHODS and call.services() == frozenset({"dynamodb"})
        ]
        return clients + self.table_reads()
