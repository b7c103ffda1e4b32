"""astroid's name lookup on the stdlib ``ast`` tree: ``node.lookup(name)`` without astroid.

:meth:`Scopes.lookup` answers what astroid's ``node.lookup(name)`` answers on the astroid tree
rebuilt from the same ``ast`` tree (:func:`flake8_boto3.inference.build.build_module`, inside the plugin's
analysis scope): the same scope and the same bindings in the same order, as ``ast`` nodes:

- ``ast.Name`` (Store): the target of an assignment, ``for``, ``with``, walrus, comprehension or
  ``type`` statement (astroid: ``AssignName``); ``ast.Name`` (Del) only in :meth:`Scopes.locals`;
- ``ast.arg``: a parameter (``AssignName`` in ``Arguments``); ``ast.arguments``: ``*args`` or
  ``**kwargs`` (``Arguments`` itself);
- ``ast.ExceptHandler``: ``except E as e``; ``ast.MatchAs``/``MatchStar``/``MatchMapping``: a capture
  pattern (an ``AssignName`` with that node's position);
- ``ast.Import``/``ImportFrom``, ``ast.FunctionDef``/``AsyncFunctionDef``/``ClassDef``: the same;
- ``ast.Attribute`` (Store): ``cls.x = ...`` in a classmethod, seen from the class body (``AssignAttr``);
- :class:`Builtin`: a name of astroid's builtins module; :class:`Implicit`: a module's or class
  body's special attribute (``__name__``, ``__module__``...).

The scope is an ``ast`` node (module, function, class, lambda, comprehension) or :data:`BUILTINS`.
Scopes are indexed lazily, each on its first lookup (see :mod:`.bindings`, :mod:`.statement_filter`
for astroid's rules, which this module only strings together like astroid's ``scope_lookup``).

astroid's own mistakes are answered too, on purpose (callers that need Python's answer must know):
a walrus's name is listed twice when seen from after it (unless under two ifs); a comprehension's
variable read in a walrus directly in its ``for``/``if`` is looked up outside the comprehension; a
default of ``__name__`` is not the module's name; a ``global`` declaration of a function also sends its
lambdas' parameters and comprehension variables of that name to the module; ``nonlocal`` is ignored;
a class's ``metaclass=`` is looked up in the class body; a match subject is bound by the captures of
its own cases. The tests pin each of them.

``Lookup.certain`` is False where astroid's answer depends on more than the file's syntax, so that
callers ask astroid there instead:

- a scope the lookup consults has ``from m import *``: astroid adds the public names of ``m`` when
  it can build it (a module of the linted project, in the plugin's analysis scope), and its answer
  then depends on that module;
- a scope the lookup consults has PEP 695 type parameters, or the node is in a ``type`` statement
  (Python 3.12+, mirrored as astroid's rebuilder reads but not checked against astroid).
"""

from __future__ import annotations

import ast
import builtins
import types
from typing import NamedTuple

from flake8_boto3.syntax.bindings import Builtin, Implicit, ScopeLocals
from flake8_boto3.syntax.semantics import COMPREHENSION_TYPES, Semantics
from flake8_boto3.syntax.statement_filter import filter_statements
from flake8_boto3.syntax.tree import FUNCTION_TYPES, Tree

__all__ = ["BUILTINS", "BUILTIN_NAMES", "Builtin", "Implicit", "Lookup", "Scopes"]


class _BuiltinsScope:
    """The builtins module, astroid's last resort."""

    def __repr__(self) -> str:
        return "BUILTINS"


BUILTINS = _BuiltinsScope()
# astroid's builtins module: built from the running interpreter's, without these three strings,
# with classes for the types of a few builtin objects.
BUILTIN_NAMES = frozenset(
    (set(dir(builtins)) - {"__doc__", "__name__", "__package__"})
    | {kind.__name__ for kind in (types.GetSetDescriptorType, types.GeneratorType, types.MemberDescriptorType,
                                  type(None), type(NotImplemented), types.FunctionType, types.MethodType,
                                  types.BuiltinFunctionType, types.ModuleType, types.TracebackType,
                                  types.AsyncGeneratorType)}
)
# Module attributes astroid finds through the global scope, when the module does not bind them,
# with how many nodes it answers for each.
MODULE_SCOPE_ATTRIBUTES = {"__name__": 2, "__doc__": 1, "__file__": 1, "__package__": 1, "__path__": None}


class Lookup(NamedTuple):
    """astroid's ``(scope, bindings)`` for a name seen from a node, and whether syntax decides it."""

    scope: object
    bindings: list
    certain: bool = True


class Scopes:
    """astroid's lookup, locals and instance attributes for one :class:`Tree`.

    ``package``: the module is a package's ``__init__.py`` (astroid then answers ``__path__``)."""

    def __init__(self, tree: Tree, package: bool = False) -> None:
        self.tree = tree
        self.package = package
        self.semantics = Semantics(tree)
        self._locals = ScopeLocals(tree, self.semantics)
        self._type_statements: list[ast.AST] | None = None

    # -- public ------------------------------------------------------------------------------------

    def lookup(self, node: ast.AST, name: str | None = None) -> Lookup:
        """astroid's ``node.lookup(name)`` (default: the node's own name) with its certainty."""
        if name is None:
            name = _own_name(node)
        consulted: list[ast.AST] = []
        scope, bindings = self._scope_lookup(self.semantics.scope(node), node, name, consulted)
        certain = not any(self._uncertain(scope) for scope in consulted) and not self._in_type_statement(node)
        return Lookup(scope, bindings, certain)

    def scope_of(self, node: ast.AST) -> ast.AST:
        """astroid's ``node.scope()``."""
        return self.semantics.scope(node)

    def frame_of(self, node: ast.AST) -> ast.AST:
        """astroid's ``node.frame()``."""
        return self.semantics.frame(node)

    def locals(self, scope: ast.AST) -> dict[str, list]:
        """astroid's ``scope.locals``: each name the scope binds and its bindings, in order."""
        return self._locals.of(scope)

    def instance_attributes(self, cls: ast.ClassDef) -> dict[str, list[ast.Attribute]]:
        """astroid's ``cls.instance_attrs`` as the plugin records them (``self.x = ...`` in methods)."""
        return self._locals.instance_attributes(cls)

    # -- astroid's scope_lookup --------------------------------------------------------------------

    def _scope_lookup(self, scope: ast.AST, node: ast.AST, name: str, consulted: list) -> tuple[object, list]:
        """``scope.scope_lookup(node, name)`` for each kind of scope."""
        semantics = self.semantics
        if isinstance(scope, ast.Module):
            if name in MODULE_SCOPE_ATTRIBUTES and name not in self.locals(scope):
                return scope, self._module_attribute(scope, name)
            return self._local_lookup(scope, node, name, 0, consulted)
        if isinstance(scope, COMPREHENSION_TYPES):
            return self._local_lookup(scope, node, name, 0, consulted)
        if isinstance(scope, FUNCTION_TYPES) and name == "__class__":
            frame = semantics.frame_above(scope)
            if isinstance(frame, ast.ClassDef):
                return scope, [frame]
        if isinstance(scope, ast.ClassDef):
            upper = self._in_bases(scope, node) or (semantics.is_decorator(node) and name in BUILTIN_NAMES)
        else:  # a function or a lambda
            upper = _in_defaults(scope.args, node)
        if upper:
            return self._local_lookup(semantics.frame_above(scope), node, name, -1, consulted)
        return self._local_lookup(scope, node, name, 0, consulted)

    def _local_lookup(self, scope: ast.AST, node: ast.AST, name: str, offset: int, consulted: list
                      ) -> tuple[object, list]:
        """astroid's ``LocalsDictNodeNG._scope_lookup``: this scope, else the next non-class one."""
        consulted.append(scope)
        bindings = self.locals(scope).get(name)
        found = filter_statements(self.semantics, node, bindings, scope, offset) if bindings else []
        if found:
            return scope, found
        outer = self.semantics.scope_above(scope)
        while outer is not None:
            if not isinstance(outer, ast.ClassDef):
                return self._scope_lookup(outer, node, name, consulted)
            outer = self.semantics.scope_above(outer)
        if name == "__dict__":
            return BUILTINS, []
        return BUILTINS, [Builtin(name)] if name in BUILTIN_NAMES else []

    def _module_attribute(self, module: ast.Module, name: str) -> list[Implicit]:
        count = MODULE_SCOPE_ATTRIBUTES[name]
        if count is None:  # __path__
            count = 1 if self.package else 0
        return [Implicit(module, name, index) for index in range(count)]

    def _in_bases(self, cls: ast.ClassDef, node: ast.AST) -> bool:
        type_params = getattr(cls, "type_params", None)
        tree = self.tree
        return any(node is base or (not type_params and tree.is_ancestor(base, node)) for base in cls.bases)

    # -- certainty ---------------------------------------------------------------------------------

    def _uncertain(self, scope: ast.AST) -> bool:
        if self._locals.has_star_import(scope):
            return True
        return bool(getattr(scope, "type_params", None))

    def _in_type_statement(self, node: ast.AST) -> bool:
        if self._type_statements is None:
            type_alias = getattr(ast, "TypeAlias", None)  # Python 3.12+
            self._type_statements = list(self.tree.nodes_of(type_alias)) if type_alias else []
        if not self._type_statements:
            return False
        return any(isinstance(parent, ast.TypeAlias) for parent in self.tree.ancestors(node))


def _in_defaults(arguments: ast.arguments, node: ast.AST) -> bool:
    """astroid's ``node in args.defaults or node in args.kw_defaults``: a default itself, not within one."""
    return any(default is node for default in arguments.defaults) or any(
        default is node for default in arguments.kw_defaults)


def _own_name(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.arg):
        return node.arg
    return node.name
