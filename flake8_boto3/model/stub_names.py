"""What a name of the SDK's stand-in modules is, read from their sources without astroid.

``from boto3 import client`` names the function ``boto3.client``; ``boto3.Session`` the class
``boto3.session.Session`` (the stand-in imports it); ``botocore.exceptions`` the stand-in module;
``DEFAULT_SESSION`` is ``None``. A name a stand-in does not define is a submodule: astroid is given an
empty stand-in for every other module of the SDK's packages.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from functools import cache

from flake8_boto3.model.stub_sources import STUB_MODULES


@dataclass(frozen=True)
class StubName:
    """``what`` is "function", "class", "module", "none" (``None``) or "value" (another constant)."""

    what: str
    qualified_name: str


@cache
def _definitions(module: str) -> dict[str, ast.AST]:
    found: dict[str, ast.AST] = {}
    for statement in ast.parse(STUB_MODULES.get(module, "")).body:
        if isinstance(statement, (ast.FunctionDef, ast.ClassDef)):
            found[statement.name] = statement
        elif isinstance(statement, ast.Assign):
            for target in statement.targets:
                if isinstance(target, ast.Name):
                    found[target.id] = statement.value
        elif isinstance(statement, ast.ImportFrom):
            for alias in statement.names:
                found[alias.asname or alias.name] = statement
    return found


def stub_name(module: str, name: str) -> StubName:
    """What ``module.name`` is, ``module`` being a stand-in (any module of the SDK's packages)."""
    definition = _definitions(module).get(name)
    qualified_name = f"{module}.{name}"
    if definition is None:
        return StubName("module", qualified_name)
    if isinstance(definition, ast.FunctionDef):
        return StubName("function", qualified_name)
    if isinstance(definition, ast.ClassDef):
        return StubName("class", qualified_name)
    if isinstance(definition, ast.ImportFrom):
        alias = next(a for a in definition.names if (a.asname or a.name) == name)
        return stub_name(definition.module or "", alias.name)
    if isinstance(definition, ast.Constant) and definition.value is None:
        return StubName("none", qualified_name)
    return StubName("value", qualified_name)


def class_member(class_name: str, name: str) -> StubName | None:
    """What ``name`` is on the stand-in class of that qualified name (a method, an imported class, a
    constant); None when the class does not define it."""
    module, _, cls = class_name.rpartition(".")
    definition = _definitions(module).get(cls)
    if not isinstance(definition, ast.ClassDef):
        return None
    for statement in definition.body:
        if isinstance(statement, ast.FunctionDef) and statement.name == name:
            return StubName("function", f"{class_name}.{name}")
        if isinstance(statement, ast.ImportFrom):
            for alias in statement.names:
                if (alias.asname or alias.name) == name:
                    return stub_name(statement.module or "", alias.name)
        if isinstance(statement, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in statement.targets
        ):
            value = statement.value
            return StubName("none" if isinstance(value, ast.Constant) and value.value is None else "value",
                            f"{class_name}.{name}")
    return None
