"""Small translations between astroid's view of a node and ``ast``'s, for the ported analyses."""

from __future__ import annotations

import ast
import os

from flake8_boto3.analysis.code import Code

COMPARISON_OPERATORS: dict[type, str] = {
    ast.Eq: "==",
    ast.NotEq: "!=",
    ast.Lt: "<",
    ast.LtE: "<=",
    ast.Gt: ">",
    ast.GtE: ">=",
    ast.Is: "is",
    ast.IsNot: "is not",
    ast.In: "in",
    ast.NotIn: "not in",
}


def compare_pairs(node: ast.Compare) -> list[tuple[str, ast.expr]]:
    """astroid's ``Compare.ops``: (operator as written, right operand) pairs."""
    return [(COMPARISON_OPERATORS[type(op)], operand) for op, operand in zip(node.ops, node.comparators)]


def name_tested(test: ast.expr) -> str | None:
    """The name an ``if`` tests as it is: ``x``, ``not x``, ``x is None``, ``x != []``, ``len(x) > 0``."""
    while isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        test = test.operand
    if isinstance(test, ast.Compare) and len(test.comparators) == 1:
        test = test.left
    if isinstance(test, ast.Call) and isinstance(test.func, ast.Name) and test.func.id == "len" and len(test.args) == 1:
        test = test.args[0]
    return test.id if isinstance(test, ast.Name) else None


def first_test_after(code: Code, statement: ast.AST, names: set[str], tested=name_tested) -> ast.If | None:
    """The first ``if`` after ``statement`` in its block whose test ``tested`` reads as one of ``names``
    (``if missing:`` after the loop that fills ``missing``)."""
    for node in code.following_siblings(statement) if names else ():
        if isinstance(node, ast.If) and tested(node.test) in names:
            return node
    return None


def absolute_module_name(code: Code, modname: str | None, level: int | None) -> str:
    """astroid's ``Module.relative_to_absolute_name`` for this module (``from ..x import y``).

    Mirrors astroid exactly, including its guess for a module outside any package; raises ValueError
    where astroid raises TooManyLevelsError.
    """
    modname = modname or ""
    if not level:
        return modname  # absolute imports (astroid's level None)
    home = code.home
    name = home.modname
    if level:
        file = os.path.abspath(home.path) if home.path and home.path not in ("-", "stdin") else ""
        directory = os.path.dirname(file)
        if home.is_package:
            level = level - 1
            package_name = name.rsplit(".", level)[0]
        elif (
            file
            and not os.path.exists(directory + "/__init__.py")
            and os.path.exists(directory + "/" + modname.split(".")[0])
        ):
            level = level - 1
            package_name = ""
        else:
            package_name = name.rsplit(".", level)[0]
        if level and name.count(".") < level:
            raise ValueError(f"relative import beyond the top-level package of {name}")
    elif home.is_package:
        package_name = name
    else:
        package_name = name.rsplit(".", 1)[0]
    if package_name:
        return f"{package_name}.{modname}" if modname else package_name
    return modname
