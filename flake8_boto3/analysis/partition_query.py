"""Does a DynamoDB ``query`` read the items of one entity's partition?

A ``query`` reads one partition (one item collection): the items sharing the
partition key value its key condition names with "=". When that value comes
from the code (``Key("user_id").eq(user_id)``, ``"chat_id = :c"`` with
``{":c": chat_id}``), the query reads one user's, one device's, one order's
items: a collection that passes DynamoDB's 1 MB page only for an entity with
thousands of items. When it is a constant (``Key("pk").eq("data")``, a status
index queried for ``"InProgress"``), every item of that kind shares the one
partition, and the query reads a whole collection, like a scan.

Decided from the syntax alone, and only when all of it holds: the call is a
``query`` that does not pass ``Limit`` with a filter (the page is then the
items read before the filter, not the 1 MB a partition rarely passes) and whose
``KeyConditionExpression`` is a ``Key(...)`` condition of
``boto3.dynamodb.conditions`` or a string the code gives literally, it
compares at least one key with "=" (also through a local bound once to the
``Key(...)`` condition), and no value compared with "=" is a
constant (a literal, or a name bound to one). The values may go through a
serializer of the code's own (``ExpressionAttributeValues=serialize({":c":
customer_id})``), and both may be locals: a condition built from literals
(``condition = "pk = :p"``, ``condition += " AND sk > :s"``), values bound to
a literal mapping and given more by item assignments (``values[":s"] =
start``); every value given to a placeholder compared with "=" counts. Both
may also be keys of a local mapping the call unpacks (``table.query(**kwargs)``
after ``kwargs = {"KeyConditionExpression": "userId = :u", ...}``). A
condition or values the code builds any other way decide nothing.
"""

from __future__ import annotations

import ast
import re

from flake8_boto3.analysis.aws_calls import AwsCall
from flake8_boto3.analysis.code import Code
from flake8_boto3.analysis.continuation import filters_after_reading, keyword_value, unpacked_arguments
from flake8_boto3.analysis.names import call_name
from flake8_boto3.model import Kind

# ``name = :placeholder`` in a key condition: the partition key (and a sort key compared with "=").
KEY_EQUALS_PLACEHOLDER = re.compile(r"[#\w.]+\s*=\s*(:\w+)")
# What a key condition may hold besides comparisons: sort-key tests and the AND joining them.
KEY_CONDITION = re.compile(r"^[\s#\w.:=<>(),]+$")


def reads_one_partition(call: AwsCall) -> bool:
    """A ``query`` of a DynamoDB table (a resource's ``Table``, or a DynamoDB client's) that reads one
    entity's partition (see the module docs)."""
    if call.receiver.kind is Kind.CLIENT and call.services() != frozenset({"dynamodb"}):
        return False
    return queries_one_partition(call.code, call.call, call.operation)


def queries_one_partition(code: Code, call: ast.Call, operation: str) -> bool:
    """A ``query`` whose key condition names its partition by a value the code computes (see the
    module docs)."""
    if operation != "query":
        return False
    if query_argument(code, call, "Limit") is not None and filters_after_reading(code, call):
        return False  # the page is Limit items read before the filter, not the 1 MB a partition rarely passes
    condition = query_argument(code, call, "KeyConditionExpression")
    if condition is None:
        return False
    if isinstance(condition, ast.Name):
        bound = code.sole_assignment(condition)  # condition = Key("date").eq(date)
        if bound is not None and _is_key_condition(bound.value):
            condition = bound.value
    if _is_key_condition(condition):
        values = [_equals_value(node) for node in _conjuncts(condition)]
        values = [value for value in values if value is not None]
    else:
        values = _placeholder_values(code, call, condition)
    return bool(values) and not any(_is_constant(code, value) for value in values)


def query_argument(code: Code, call: ast.Call, name: str) -> ast.expr | None:
    """What the call passes for ``name``: its keyword, or the key of a local mapping it unpacks
    (``kwargs = {"KeyConditionExpression": ...}``, then ``table.query(**kwargs)``) that no item
    assignment replaces."""
    value = keyword_value(call, name)
    if value is not None:
        return value
    given = unpacked_arguments(code, call, set_later=False).get(name)
    return given if unpacked_arguments(code, call).get(name) is given else None


def _is_key_condition(node: ast.AST) -> bool:
    """``Key("a").eq(x)``, ``Key("b").begins_with(y)``... joined with ``&``."""
    return all(
        isinstance(part, ast.Call) and isinstance(part.func, ast.Attribute)
        and isinstance(part.func.value, ast.Call) and call_name(part.func.value) == "Key"
        for part in _conjuncts(node)
    )


def _conjuncts(node: ast.AST) -> list[ast.AST]:
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitAnd):
        return _conjuncts(node.left) + _conjuncts(node.right)
    return [node]


def _equals_value(node: ast.AST) -> ast.AST | None:
    """``x`` in ``Key("a").eq(x)``."""
    if isinstance(node, ast.Call) and node.func.attr == "eq" and len(node.args) == 1 and not node.keywords:
        return node.args[0]
    return None


def _placeholder_values(code: Code, call: ast.Call, condition: ast.AST) -> list[ast.AST]:
    """The values a literal key condition compares with "=", from ``ExpressionAttributeValues``."""
    text = _condition_text(code, condition)
    if text is None or not KEY_CONDITION.match(text):
        return []
    given = _mapping_values(code, _serialized_mapping(query_argument(code, call, "ExpressionAttributeValues")))
    if given is None:
        return []
    values = []
    for placeholder in KEY_EQUALS_PLACEHOLDER.findall(text):
        if not given.get(placeholder):
            return []
        values.extend(_typed_value(value) for value in given[placeholder])
    return values


def _condition_text(code: Code, condition: ast.AST) -> str | None:
    """The key condition's text: a literal, or a local the code builds from literals
    (``condition = "pk = :p"``, then ``condition += " AND sk BETWEEN :a AND :b"``)."""
    text = code.literal_string(condition)
    if text is not None or not isinstance(condition, ast.Name):
        return text
    parts = []
    for binding in code.bindings(condition):
        statement = code.parent(binding) if isinstance(binding, ast.Name) else None
        if isinstance(statement, ast.Assign) and statement.targets == [binding] and not parts:
            part = code.literal_string(statement.value)
        elif isinstance(statement, ast.AugAssign) and isinstance(statement.op, ast.Add) and parts:
            part = code.literal_string(statement.value)
        else:
            return None
        if part is None:
            return None
        parts.append(part)
    return "".join(parts) if parts else None


def _mapping_values(code: Code, mapping: ast.AST | None) -> dict[str, list[ast.AST]] | None:
    """Each placeholder's values: of a literal mapping, or of a local bound once to one and given
    more placeholders by item assignments (``values[":from"] = start``); None when not told."""
    stores: list[ast.Subscript] = []
    if isinstance(mapping, ast.Name):
        statement = code.sole_assignment(mapping)
        if statement is None:
            return None
        scope = code.enclosing_function(statement) or code.module
        stores = [
            node for node in code.nodes(ast.Subscript, within=scope)
            if isinstance(node.ctx, ast.Store) and isinstance(node.value, ast.Name) and node.value.id == mapping.id
        ]
        mapping = statement.value
    if not isinstance(mapping, ast.Dict) or None in mapping.keys:
        return None
    given: dict[str, list[ast.AST]] = {}
    for key, value in zip(mapping.keys, mapping.values):
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            given.setdefault(key.value, []).append(value)
    for store in stores:
        if not (isinstance(store.slice, ast.Constant) and isinstance(store.slice.value, str)):
            return None  # values[name] = ...: which placeholder, the syntax cannot tell
        assignment = code.parent(store)
        if not (isinstance(assignment, ast.Assign) and store in assignment.targets):
            return None
        given.setdefault(store.slice.value, []).append(assignment.value)
    return given


def _serialized_mapping(mapping: ast.AST | None) -> ast.AST | None:
    """The literal mapping of ``serialize({":c": customer_id})``: the client's values given through a
    serializer of the code's own (one argument, the placeholders and their values)."""
    if isinstance(mapping, ast.Call) and len(mapping.args) == 1 and not mapping.keywords:
        return mapping.args[0]
    return mapping


def _typed_value(value: ast.AST) -> ast.AST:
    """``x`` in the client's typed ``{"S": x}``."""
    if isinstance(value, ast.Dict) and len(value.keys) == 1 and isinstance(value.keys[0], ast.Constant):
        return value.values[0]
    return value


def _is_constant(code: Code, value: ast.AST) -> bool:
    if isinstance(value, ast.Constant):
        return True
    if isinstance(value, ast.Name):
        return code.literal_string(value) is not None
    return False
