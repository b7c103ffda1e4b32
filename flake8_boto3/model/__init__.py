"""The boto3 model: what the code's expressions are, as far as boto3 goes.

:class:`Boto3Model` answers the analyses' questions about one linted file and
the project modules it reaches: what an expression is (:class:`~.values.Boto3Value`),
which call creates a session, client or resource, which functions a call calls.
The syntactic tier decides what syntax decides; the rest goes to astroid,
through :class:`~.bridge.AstroidBridge`, which builds astroid's tree only when a
question needs it.
"""

from __future__ import annotations

import ast

from flake8_boto3.model import syntax_tier
from flake8_boto3.model.bridge import AstroidBridge, FunctionRef
from flake8_boto3.model.values import CONSTRUCTED_KINDS, Boto3Value, Kind
from flake8_boto3.syntax.module import ModuleSyntax

__all__ = ["Boto3Model", "Boto3Value", "CONSTRUCTED_KINDS", "FunctionRef", "Kind"]

_UNKNOWN = object()


class Boto3Model:
    """The boto3 model for one linted file (see the module docs)."""

    def __init__(self, home: ModuleSyntax) -> None:
        self.home = home
        self.bridge = AstroidBridge(home)
        self._values: dict[ast.AST, Boto3Value | None] = {}
        self._constructions: dict[ast.AST, Boto3Value | None] = {}

    def value_of(self, home: ModuleSyntax, node: ast.AST) -> Boto3Value | None:
        """The boto3 object ``node`` evaluates to, or None when it is not one (or nothing is known)."""
        found = self._values.get(node, _UNKNOWN)
        if found is _UNKNOWN:
            found = self._values[node] = self.bridge.value_of(home, node)
        return found

    def constructed_by(self, home: ModuleSyntax, call: ast.Call) -> Boto3Value | None:
        """The session, client or resource this very call creates, or None."""
        found = self._constructions.get(call, _UNKNOWN)
        if found is _UNKNOWN:
            may = syntax_tier.may_construct(home, call)
            found = self._constructions[call] = self.bridge.constructed_by(home, call) if may else None
        return found

    def sole_function(self, home: ModuleSyntax, node: ast.AST) -> FunctionRef | None:
        """The function ``node`` evaluates to, when that is all it can be (one value, a function)."""
        return self.bridge.sole_function(home, node)

    def literal_string(self, home: ModuleSyntax, node: ast.AST | None) -> str | None:
        """The string ``node`` evaluates to, when it can be told."""
        if node is None:
            return None
        if isinstance(node, ast.Constant):
            return node.value if isinstance(node.value, str) else None
        return self.bridge.literal_string(home, node)

    def functions_called(self, home: ModuleSyntax, call: ast.Call) -> list[FunctionRef]:
        return self.bridge.functions_called(home, call)

    def infers_to_class(self, home: ModuleSyntax, node: ast.AST, qualified_name: str) -> bool:
        return self.bridge.infers_to_class(home, node, qualified_name)

    def infers_to_builtin_exception(self, home: ModuleSyntax, node: ast.AST) -> bool:
        return self.bridge.infers_to_builtin_exception(home, node)

    def close(self) -> None:
        self.bridge.close()
