"""Small helpers for reading names off ``ast`` nodes (structure and lookups are :class:`~.code.Code`'s)."""

from __future__ import annotations

import ast

from flake8_boto3.analysis.code import COMPREHENSION_TYPES, FUNCTION_TYPES, Code

__all__ = [
    "COMPREHENSION_TYPES",
    "FUNCTION_TYPES",
    "call_name",
    "decorator_names",
    "dotted_name",
    "import_names",
    "imported_qualified_name",
    "positional_parameter_names",
    "qualified_name",
]


def dotted_name(node: ast.AST) -> str | None:
    """``app.route`` for ``@app.route("/")``, ``functools.lru_cache`` and so on."""
    if isinstance(node, ast.Call):
        node = node.func
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None


def decorator_names(function: ast.AST) -> list[str]:
    decorators = getattr(function, "decorator_list", None) or []
    return [name for name in map(dotted_name, decorators) if name]


def call_name(call: ast.Call) -> str | None:
    """The called name: ``client`` for ``boto3.client(...)``, ``f`` for ``f()``."""
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return None


def positional_parameter_names(function: ast.AST) -> list[str]:
    args = function.args
    return [arg.arg for arg in [*(args.posonlyargs or []), *(args.args or [])]]


def import_names(statement: ast.Import | ast.ImportFrom) -> list[tuple[str, str | None]]:
    """astroid's ``names``: (name, alias) pairs of an import statement."""
    return [(alias.name, alias.asname) for alias in statement.names]


def imported_qualified_name(code: Code, scope_node: ast.AST, dotted: list[str]) -> str | None:
    """``S3Client`` -> ``mypy_boto3_s3.client.S3Client`` through the import binding it.

    ``dotted`` is a dotted name split at its dots, as seen from ``scope_node``;
    None when its first part is not bound by an (absolute) import.
    """
    try:
        _, assignments = code.lookup(scope_node, dotted[0])
    except Exception:  # noqa: BLE001 - odd scopes: nothing known
        return None
    for assignment in assignments:
        if isinstance(assignment, ast.ImportFrom) and not assignment.level:
            for name, alias in import_names(assignment):
                if (alias or name) == dotted[0]:
                    return ".".join([assignment.module or "", name, *dotted[1:]])
        if isinstance(assignment, ast.Import):
            for name, alias in import_names(assignment):
                if alias == dotted[0]:
                    return ".".join([name, *dotted[1:]])
                if alias is None and name.split(".")[0] == dotted[0]:
                    return ".".join(dotted)
    return None


def qualified_name(code: Code, node: ast.AST) -> str | None:
    """``botocore.exceptions.ClientError`` for ``ClientError`` (``from botocore.exceptions import
    ClientError``), ``exceptions.ClientError`` (``from botocore import exceptions``) or
    ``botocore.exceptions.ClientError`` itself: the dotted name, through the imports binding it."""
    dotted = dotted_name(node)
    return imported_qualified_name(code, node, dotted.split(".")) if dotted else None
