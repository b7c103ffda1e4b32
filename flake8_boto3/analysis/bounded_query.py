"""Does an Athena query's SQL bound its rows to one page of ``get_query_results``?

``get_query_results`` returns 1,000 rows a page, the first of them the header
row. A query whose SQL returns fewer rows needs no second page:

- an aggregate with no ``GROUP BY``: ``SELECT count(*) FROM t WHERE ...``,
  ``SELECT MIN(created_at), MAX(created_at) FROM t``, also after ``WITH``
  clauses (whatever they group): one row;
- a ``LIMIT`` of at most 999 rows ending the query: ``... ORDER BY day DESC LIMIT 30``.

Decided from the syntax alone, and only when all of it holds: the call's
``QueryExecutionId`` is the ``QueryExecutionId`` of the response of a
``start_query_execution`` call in the same function (directly, or through one
local name for each), whose ``QueryString`` is a string the code gives
literally (a constant, an f-string or a ``"...".format(...)`` template whose
placeholders only fill values in; also through one local or module-level name
bound to one), or a parameter of the function for which every call of it in the
module passes such a string (:mod:`flake8_boto3.model.passed_in`), when no other
module calls it: a private function, or one of a script. A ``LIMIT`` the code
fills in, a query built any other way, a query handed in from another module,
and ``UNION``, ``INTERSECT`` or ``EXCEPT`` decide nothing.
"""

from __future__ import annotations

import ast
import re

from flake8_boto3.analysis import functions
from flake8_boto3.analysis.code import Code
from flake8_boto3.model.passed_in import arguments_for, parameter_read

# Rows of the first page of get_query_results besides the header row.
ROWS_PER_PAGE = 999
QUERY_ID = "QueryExecutionId"
STARTS_A_QUERY = "start_query_execution"
TRAILING_LIMIT = re.compile(r"\blimit\s+(\d+)\s*;?\s*$", re.IGNORECASE)
AGGREGATES = re.compile(r"^(?:count|sum|avg|min|max|approx_distinct|count_if|bool_and|bool_or|arbitrary)\s*\(", re.I)
SELECT_LIST = re.compile(r"^\s*select\s+(?:distinct\s+)?(?P<items>.*?)\s+from\s", re.IGNORECASE | re.DOTALL)


def rows_fit_one_page(code: Code, call: ast.Call) -> bool:
    """``get_query_results(QueryExecutionId=...)`` of a query whose SQL returns at most one page."""
    query = _query_started_for(code, call)
    texts = _query_texts(code, query) if query is not None else [None]
    return all(text is not None and _bounded(text) for text in texts)


def _query_texts(code: Code, query: ast.expr) -> list[str | None]:
    """The SQL the query can be: its literal text, or, for a parameter of a function only its module
    calls (``def _athena_rows(sql)``), the literal text every call of the function passes."""
    text = _literal_text(code, query, query)
    if text is not None or not isinstance(query, ast.Name):
        return [text]
    parameter = parameter_read(code.home, query)
    if parameter is None or not functions.callers_in_sight(code, code.enclosing_function(query)):
        return [None]
    arguments = arguments_for(code.home, parameter)
    return [_literal_text(code, argument, argument) for argument in arguments] if arguments else [None]


def _query_started_for(code: Code, call: ast.Call) -> ast.expr | None:
    """The ``QueryString`` of the ``start_query_execution`` whose id the call reads results of."""
    function = code.enclosing_function(call)
    query_id = _keyword(call, QUERY_ID)
    if function is None or query_id is None:
        return None
    query_id = _sole_local_value(code, function, query_id)
    response = _member_read(query_id)
    if response is None:
        return None
    started = _sole_local_value(code, function, response)
    if not (
        isinstance(started, ast.Call)
        and isinstance(started.func, ast.Attribute)
        and started.func.attr == STARTS_A_QUERY
    ):
        return None
    return _keyword(started, "QueryString")


def _keyword(call: ast.Call, name: str) -> ast.expr | None:
    return next((keyword.value for keyword in call.keywords if keyword.arg == name), None)


def _member_read(node: ast.expr | None) -> ast.expr | None:
    """``response`` of ``response["QueryExecutionId"]`` or ``response.get("QueryExecutionId")``."""
    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant) and node.slice.value == QUERY_ID:
        return node.value
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "get"
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and node.args[0].value == QUERY_ID
    ):
        return node.func.value
    return None


def _sole_local_value(code: Code, scope: ast.AST, node: ast.expr) -> ast.expr:
    """What a name is bound to when its one binding in ``scope`` is a plain assignment; else the node."""
    if not isinstance(node, ast.Name):
        return node
    statement = code.sole_assignment(node)
    if statement is not None and code.enclosing_scope(statement) in (scope, code.module):
        return statement.value
    return node


def _literal_text(code: Code, node: ast.expr, where: ast.AST) -> str | None:
    """The SQL a string expression holds, with ``?`` where an f-string fills a value in (a
    ``"...".format(...)`` template keeps its ``{}``, which no ``LIMIT`` or aggregate matches).
    Names are looked up in the function that holds ``where``."""
    scope = code.enclosing_function(where) or code.module
    node = _sole_local_value(code, scope, node)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        node = _sole_local_value(code, scope, node.func.value)
        return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        parts = []
        for part in node.values:
            if isinstance(part, ast.Constant) and isinstance(part.value, str):
                parts.append(part.value)
            else:
                parts.append("?")
        return "".join(parts)
    return None


def _bounded(text: str) -> bool:
    """The query ends in a ``LIMIT`` of one page at most, or its main ``SELECT`` (after any ``WITH``
    clauses) is an aggregate with no ``GROUP BY`` of its own."""
    if re.search(r"\bunion\b|\bintersect\b|\bexcept\b", text, re.IGNORECASE):
        return False
    limit = TRAILING_LIMIT.search(text)
    if limit is not None:
        return int(limit.group(1)) <= ROWS_PER_PAGE
    main = _main_select(text)
    if main is None or re.search(r"\bgroup\s+by\b", _outside_parentheses(main), re.IGNORECASE):
        return False
    select = SELECT_LIST.match(main)
    if select is None:
        return False
    items = _top_level_items(select.group("items"))
    return bool(items) and all(AGGREGATES.match(item.strip()) for item in items)


def _main_select(text: str) -> str | None:
    """The query from its first ``SELECT`` outside parentheses (past the ``WITH`` clauses)."""
    depth = 0
    for index, char in enumerate(text):
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif depth == 0 and re.match(r"select\b", text[index : index + 7], re.IGNORECASE):
            if index == 0 or not (text[index - 1].isalnum() or text[index - 1] == "_"):
                return text[index:]
    return None


def _outside_parentheses(text: str) -> str:
    kept, depth = [], 0
    for char in text:
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif depth == 0:
            kept.append(char)
    return "".join(kept)


def _top_level_items(select_list: str) -> list[str]:
    """The items of a select list, split at the commas outside parentheses."""
    items, depth, start = [], 0, 0
    for index, char in enumerate(select_list):
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "," and depth == 0:
            items.append(select_list[start:index])
            start = index + 1
    items.append(select_list[start:])
    return items
