"""The syntactic tier of the boto3 model: what the syntax alone decides about boto3 objects.

Cheap tests that keep questions away from astroid: whether a call could build a
session, client or resource at all (its name, or an import from the SDK).
"""

from __future__ import annotations

import ast

from flake8_boto3.model.sdk import is_stubbed_module
from flake8_boto3.syntax.module import ModuleSyntax
from flake8_boto3.syntax.names import call_name

# Names of the calls that build a session, client or resource.
CONSTRUCTOR_NAMES = frozenset({"client", "resource", "Session", "create_client", "get_session"})


def is_imported_from_boto3_family(home: ModuleSyntax, name: ast.Name) -> bool:
    """``client`` bound by ``from boto3 import client`` (an absolute import from the SDK or its stubs)."""
    return any(
        isinstance(binding, ast.ImportFrom) and not binding.level and is_stubbed_module(binding.module or "")
        for binding in home.scopes.lookup(name).bindings
    )


def may_construct(home: ModuleSyntax, call: ast.Call) -> bool:
    """Could this call build a session, client or resource? (Cheap: names and imports only.)"""
    if call_name(call) in CONSTRUCTOR_NAMES:
        return True
    return isinstance(call.func, ast.Name) and is_imported_from_boto3_family(home, call.func)
