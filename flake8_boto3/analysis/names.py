"""Small helpers for reading names off ``ast`` nodes (structure and lookups are :class:`~.code.Code`'s)."""

from __future__ import annotations

import ast  # noqa: F401 (the analyses' node types)

from flake8_boto3.analysis.code import COMPREHENSION_TYPES, FUNCTION_TYPES, Code
from flake8_boto3.syntax.names import (
    arguments_at_call,
    arguments_bound,
    call_name,
    chain_root,
    decorator_names,
    dotted_name,
    import_names,
    positional_parameter_names,
)

__all__ = [
    "COMPREHENSION_TYPES",
    "FUNCTION_TYPES",
    "arguments_at_call",
    "arguments_bound",
    "call_name",
    "chain_root",
    "decorator_names",
    "dotted_name",
    "import_names",
    "imported_qualified_name",
    "positional_parameter_names",
    "qualified_name",
]


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
