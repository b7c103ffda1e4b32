"""The syntactic tier of the boto3 model: what the syntax alone decides, exactly as astroid would.

For an expression of the linted file, :meth:`SyntaxTier.values` lists what astroid's inference
would yield, in its order, as :class:`Value` atoms (a boto3 object, a module, a class, a function,
``None``, "uninferable", "an error stops the inference here", "some values that are not boto3
objects"), or says it cannot tell (None). It follows what is certain from the syntax and from
the model's own rules: name lookups (:mod:`flake8_boto3.syntax.scopes`, astroid's own), literals,
imports (the SDK's stand-ins by name, unreadable modules as nothing), assignments, parameters and
their annotations, the constructor calls and derived objects of the astroid tier's inference tip
(:mod:`flake8_boto3.inference.brain_boto3`), mirrored rule for rule, and the names other modules of
the project bind once, by a ``def`` (a functools-cached one too) or a ``class`` (``from .aws import
make_client``, ``utils.chunks`` after ``from pkg import utils``): the function or class astroid's
``module.getattr`` yields, in that module's syntax, which one process-wide object per file gives both tiers
(:meth:`ModuleSyntax.of_project_file`), and the methods a project class defines, named on the class
(``Arn.parse``: a bound or unbound method, or a static function). Names narrowed by an ``if``
(astroid's constraints), calls of project functions, subscripts, and attributes of instances (but
``self.x`` in a method of a class without bases that sets it on ``self``, which astroid answers from
the class alone) are left to astroid.

Each question (``value_of``, ``constructed_by``...) answers from those atoms when they decide it,
and returns :data:`UNDECIDED` otherwise, so the model asks astroid. ``FLAKE8_BOTO3_VERIFY_SYNTAX``
makes the model ask both and report any difference (see :mod:`flake8_boto3.model`).
"""

from __future__ import annotations

import ast
import builtins
import os
from dataclasses import dataclass, replace

from flake8_boto3 import budget, project
from flake8_boto3.budget import BudgetExceeded
from flake8_boto3.model.annotations import annotated_type
from flake8_boto3.model.bridge import FunctionRef
from flake8_boto3.model.readable import ALWAYS_ALLOWED, is_readable
from flake8_boto3.model.sdk import is_stubbed_module
from flake8_boto3.model.stub_names import class_member, stub_name
from flake8_boto3.model.values import Boto3Value, Kind
from flake8_boto3.syntax.bindings import Builtin, Implicit
from flake8_boto3.syntax.module import ModuleSyntax
from flake8_boto3.syntax.names import call_name, chain_root, parameter_default

UNDECIDED = object()

# Names of the calls that build a session, client or resource.
CONSTRUCTOR_NAMES = frozenset({"client", "resource", "Session", "create_client", "get_session"})
CONSTRUCTOR_METHOD_NAMES = CONSTRUCTOR_NAMES | {"get_paginator", "get_waiter"}
SESSION_METHODS = {"client": Kind.CLIENT, "resource": Kind.RESOURCE, "create_client": Kind.CLIENT}
# What calling each stand-in callable builds (the astroid tier's CONSTRUCTORS).
CONSTRUCTORS: dict[str, Kind] = {
    "boto3.client": Kind.CLIENT,
    "boto3.resource": Kind.RESOURCE,
    "boto3.session.Session": Kind.SESSION,
    "boto3.session.Session.client": Kind.CLIENT,
    "boto3.session.Session.resource": Kind.RESOURCE,
    "botocore.session.Session": Kind.SESSION,
    "botocore.session.get_session": Kind.SESSION,
    "botocore.session.Session.create_client": Kind.CLIENT,
}
BOTOCORE_SESSION = "botocore.session.Session"
BOTO3_SESSION = "boto3.session.Session"
# The stand-in class each kind of object is an instance of (a session's is its ``type_name``).
STAND_IN_CLASSES: dict[Kind, str] = {
    Kind.CLIENT: "botocore.client.BaseClient",
    Kind.RESOURCE: "boto3.resources.base.ServiceResource",
    Kind.SUB_RESOURCE: "boto3.resources.base.ServiceResource",
    Kind.RESOURCE_META: "boto3.resources.base.ResourceMeta",
    Kind.EXCEPTIONS: "botocore.client.ClientExceptions",
    Kind.PAGINATOR: "botocore.client.Paginator",
    Kind.WAITER: "botocore.client.Waiter",
}

_DISPLAYS = (ast.List, ast.Tuple, ast.Set, ast.Dict, ast.ListComp, ast.SetComp, ast.DictComp,
             ast.GeneratorExp, ast.Lambda)
_NARROWING = (ast.If, ast.IfExp, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
_MAX_DEPTH = 12
# functools' decorators that astroid infers a function's name through, to the function itself.
_FUNCTOOLS_CACHES = frozenset({"cache", "lru_cache"})
# Values one module's tier may take from another's: they name nothing of the module they come from.
_PORTABLE = frozenset({"object", "uninferable", "none"})
# Class decorators astroid's brains rewrite a class for (brain_dataclasses, brain_attrs, brain_six,
# object.__new__ in brain_builtin_inference), by the last name of what the decorator calls.
_CLASS_BRAIN_DECORATORS = frozenset(
    {"dataclass", "s", "attrs", "attributes", "define", "mutable", "frozen", "add_metaclass", "__new__"}
)
# How many ``from ... import`` re-exports between project modules the syntax follows to a definition.
_MAX_REEXPORTS = 4


@dataclass(frozen=True)
class Value:
    """One value astroid would infer.

    ``what``: "object" (``obj``, a boto3 object), "module" (``name``), "class" / "function" (``name``
    the qualified name of a stand-in or builtin one, or ``node`` a definition of the linted file),
    "instance" (``self``, or ``cls``, of the class ``node``; a function or class of another module of
    the project has that module's syntax as ``home``), "none" (``None`` or ``...``, which say
    nothing), "uninferable", "other" (any other value),
    "error" (inference raises here), "opaque" (values that are not boto3 objects, how many and
    which unknown).
    """

    what: str
    obj: Boto3Value | None = None
    name: str | None = None
    node: ast.AST | None = None
    decorated: bool = False
    constant: object = None
    home: ModuleSyntax | None = None  # the module ``node`` is in, when it is not the tier's own


UNINFERABLE = Value("uninferable")
NONE = Value("none")
OTHER = Value("other")
ERROR = Value("error")
OPAQUE = Value("opaque")

Values = tuple  # tuple[Value, ...]


def _from_boto3_family(statement: ast.AST) -> bool:
    return isinstance(statement, ast.ImportFrom) and not statement.level and is_stubbed_module(statement.module or "")


def _imports_from(binding: object, modname: str, name: str, members: frozenset[str]) -> bool:
    """``binding`` is ``from modname import member`` (or ``... as name``), member one of ``members``."""
    if not (isinstance(binding, ast.ImportFrom) and not binding.level and binding.module == modname):
        return False
    return any(alias.name in members and (alias.asname or alias.name) == name for alias in binding.names)


def is_imported_from_boto3_family(home: ModuleSyntax, name: ast.Name) -> bool:
    """``client`` bound by ``from boto3 import client`` (an absolute import from the SDK or its stubs)."""
    statements = home.binding_statements
    if statements is not None and not any(_from_boto3_family(s) for s in statements.get(name.id, ())):
        return False  # no import anywhere in the module binds the name from the SDK
    return any(_from_boto3_family(binding) for binding in home.scopes.lookup(name).bindings)


def may_construct(home: ModuleSyntax, call: ast.Call) -> bool:
    """Could this call build a session, client or resource? (Cheap: names and imports only.)"""
    if call_name(call) in CONSTRUCTOR_NAMES:
        return True
    return isinstance(call.func, ast.Name) and is_imported_from_boto3_family(home, call.func)


def real_service(call: ast.Call) -> str | None:
    """The service a ``.client("ec2")`` call asks for, when it is a literal naming a real AWS service."""
    value = _argument(call, 0, "service_name")
    if not (isinstance(value, ast.Constant) and isinstance(value.value, str)):
        return None
    from flake8_boto3.aws import service_names  # loaded only when such a call is seen

    return value.value if value.value in service_names() else None


def _argument(call: ast.Call, position: int, keyword: str) -> ast.AST | None:
    for kw in call.keywords:
        if kw.arg == keyword:
            return kw.value
    if len(call.args) > position and not isinstance(call.args[position], ast.Starred):
        return call.args[position]
    return None


def _builtin_value(name: str) -> Value:
    """What astroid's builtins module (built from this interpreter's) holds under ``name``."""
    found = getattr(builtins, name, None)
    if found is Ellipsis:
        return NONE
    if isinstance(found, type) or found is None:  # None: a type astroid adds (NoneType, function...)
        return Value("class", name=f"builtins.{name}")
    if callable(found):
        return Value("function", name=f"builtins.{name}")
    return OTHER


def infer_boto3(values: Values) -> Boto3Value | None | object:
    """What the astroid tier's ``infer_boto3`` answers for these values (see its rules)."""
    if any(value.what in ("error", "other", "instance", "module", "class", "function") for value in values):
        return None
    objects = [value.obj for value in values if value.what == "object"]
    if any(value.what == "opaque" for value in values):
        return UNDECIDED if objects else None
    found: Boto3Value | None = None
    for obj in objects:
        if found is None:
            found = obj
        elif found.kind is not obj.kind:
            return None
        elif found.service != obj.service:
            found = replace(found, service=None)
    return found


def _once_each(values: list[Value]) -> Values:
    """astroid's ``path_wrapper`` yields each node once per inference: a module imported twice
    (``import boto3`` at the top and again in the ``__main__`` block), or the same definition reached
    by two bindings, is one value. (Objects, constants and the like are new nodes each time.)"""
    kept: list[Value] = []
    for value in values:
        if value.what in ("module", "class", "function") and value in kept:
            continue
        kept.append(value)
    return tuple(kept)


def single(values: Values | None) -> Value | None | object:
    """astroid's ``safe_infer``: the one value, None when there are none or several."""
    if values is None or any(value.what == "opaque" for value in values):
        return UNDECIDED
    if not values or values[0].what == "error" or len(values) > 1:
        return None
    return values[0]


_NOT_ANSWERED = object()


def _answers_a_resource(name: str) -> bool:
    from flake8_boto3.aws import table  # loaded by the rules already wherever such a call is asked about

    return name in table().resource_returning_actions


def sole_but_none(values: Values | None) -> Value | None | object:
    """The astroid tier's ``_sole_value_but_none``: the one value besides ``None`` constants (and
    besides uninferable values, when that one is a boto3 object), None when there are none or
    several, or an inference error."""
    if values is None or any(value.what == "opaque" for value in values):
        return UNDECIDED
    rest = [value for value in values if value.what != "none"]
    known = [value for value in rest if value.what != "uninferable"]
    if len(known) == 1 and known[0].what == "object":
        rest = known
    if len(rest) != 1 or any(value.what == "error" for value in values):
        return None
    return rest[0]


class SyntaxTier:
    """The syntactic tier for one module: the linted file, or a project module it reaches (see the
    module docs)."""

    def __init__(self, home: ModuleSyntax) -> None:
        self.home = home
        self.tree = home.tree
        self.scopes = home.scopes
        self._memo: dict[ast.AST, Values | None] = {}
        self._active: set[ast.AST] = set()
        # The tiers of the project modules this one's class ancestries reach (no reference back: nothing
        # of a module's syntax may wait for the cyclic collector to go).
        self._peers: dict[int, SyntaxTier] = {}

    def _peer(self, home: ModuleSyntax) -> SyntaxTier:
        if home is self.home:
            return self
        tier = self._peers.get(id(home))
        if tier is None:
            tier = self._peers[id(home)] = SyntaxTier(home)
        return tier

    # -- questions ---------------------------------------------------------------------------------

    def value_of(self, node: ast.AST):
        values = self.values(node)
        return UNDECIDED if values is None else infer_boto3(values)

    def constructed_by(self, call: ast.Call):
        found = self.value_of(call)
        if found is UNDECIDED or found is None:
            return found
        return found if found.origin is call and found.is_constructed else None

    def literal_string(self, node: ast.AST):
        found = single(self.values(node))
        if found is UNDECIDED or found is None:
            return found
        return found.constant if found.what == "other" and isinstance(found.constant, str) else None

    def sole_function(self, node: ast.AST):
        """The one function of the linted file ``node`` is, None, or UNDECIDED."""
        found = single(self.values(node))
        if found is UNDECIDED or found is None:
            return found
        if found.what != "function":
            return None
        if found.decorated:
            return UNDECIDED  # a property infers to another object
        return _function_ref(found)  # None for a builtin or stand-in function: not the project's

    def class_initialiser(self, node: ast.AST):
        """The ``__init__`` that the one project class ``node`` is defines in its own body, None, or
        UNDECIDED. An inherited ``__init__`` is not looked for (None)."""
        found = single(self.values(node))
        if found is UNDECIDED or found is None:
            return found
        if found.what != "class" or found.node is None:
            return None
        home = found.home if found.home is not None else self.home
        bindings = home.scopes.locals(found.node).get("__init__", [])
        if len(bindings) != 1 or not isinstance(bindings[0], _FUNCTIONS):
            return None
        return _function_ref(Value("function", node=bindings[0], home=found.home))

    def functions_called(self, call: ast.Call):
        values = self.values(call.func)
        if values is None or any(v.what == "opaque" or (v.what == "function" and v.decorated) for v in values):
            return UNDECIDED
        if any(value.what == "error" for value in values):
            return []
        return [_function_ref(value) for value in values if value.what == "function" and value.node is not None]

    def infers_to_class(self, node: ast.AST, qualified_name: str):
        values = self.values(node)
        if values is None:
            return UNDECIDED
        for value in values:
            if value.what == "error":
                return False
            if value.what == "opaque" or (value.what == "class" and value.node is not None):
                return UNDECIDED
            if value.what == "class" and value.name == qualified_name:
                return True
        return False

    def infers_to_builtin_exception(self, node: ast.AST):
        values = self.values(node)
        if values is None or any(value.what == "opaque" for value in values):
            return UNDECIDED
        if not values or any(value.what == "error" for value in values):
            return False
        return all(value.what == "class" and _is_builtin_exception(value.name) for value in values)

    # -- values ------------------------------------------------------------------------------------

    def values(self, node: ast.AST, depth: int = 0) -> Values | None:
        if node in self._memo:
            return self._memo[node]
        if node in self._active or depth > _MAX_DEPTH:
            return None  # a cycle, or too deep: astroid decides
        budget.charge()  # each expression the tier works out counts, as each inference does
        self._active.add(node)
        try:
            found = self._values(node, depth + 1)
        except BudgetExceeded:
            raise
        except Exception:  # noqa: BLE001 - anything unexpected: astroid decides
            found = None
        finally:
            self._active.discard(node)
        self._memo[node] = found
        return found

    def _values(self, node: ast.AST, depth: int) -> Values | None:
        if isinstance(node, ast.Constant):
            return (NONE,) if node.value is None or node.value is Ellipsis else (Value("other", constant=node.value),)
        if isinstance(node, _DISPLAYS):
            return (OTHER,)
        if isinstance(node, (ast.JoinedStr, ast.Compare)) or (
            isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not)
        ):
            return (OPAQUE,)
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
            return self._name(node, depth)
        if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load):
            return self._attribute(node, depth)
        if isinstance(node, ast.Call):
            return self._call(node, depth)
        if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load):
            owners = self.values(node.value, depth)
            if owners and owners[0].what in ("uninferable", "error"):
                return (owners[0],)  # astroid stops at the first owner it cannot infer
        if isinstance(node, (ast.BoolOp, ast.IfExp)):
            parts = node.values if isinstance(node, ast.BoolOp) else [node.body, node.orelse]
            for part in parts:
                values = self.values(part, depth)
                if values is None or any(value.what == "object" for value in values):
                    return None
            return (OPAQUE,)
        return None

    # names

    def _narrowed(self, node: ast.AST, text: str, stop: object = None) -> bool:
        """Could an ``if`` or comprehension condition between ``node`` and ``stop`` (the scope its name
        was found in; the module for attributes) narrow it? astroid's constraints would."""
        for ancestor in self.tree.ancestors(node):
            if ancestor is stop:
                return False
            if isinstance(ancestor, _NARROWING):
                tests = [ancestor.test] if isinstance(ancestor, (ast.If, ast.IfExp)) else [
                    condition for generator in ancestor.generators for condition in generator.ifs
                ]
                if any(text in ast.unparse(test) for test in tests):
                    return True
        return False

    def _name(self, node: ast.Name, depth: int) -> Values | None:
        found = self.scopes.lookup(node)
        if not found.certain or not found.bindings:
            return None  # no binding: astroid looks further (an enclosing function's scope)
        values: list[Value] = []
        for binding in found.bindings:
            part = self._binding(binding, node.id, depth)
            if part is None:
                return None
            # An inference error inside one binding makes it "uninferable" (astroid's _infer_stmts).
            errors = [index for index, value in enumerate(part) if value.what == "error"]
            values.extend(part[: errors[0]] + (UNINFERABLE,) if errors else part)
        return _unless_narrowed(
            _once_each(values) if values else (ERROR,), self._narrowed(node, node.id, found.scope)
        )

    def _binding(self, binding: object, name: str, depth: int) -> Values | None:
        if isinstance(binding, Builtin):
            return (_builtin_value(binding.name),)
        if isinstance(binding, Implicit):
            return (OPAQUE,)
        if isinstance(binding, ast.Import):
            return self._import(binding, name)
        if isinstance(binding, ast.ImportFrom):
            return self._import_from(binding, name)
        if isinstance(binding, _FUNCTIONS):
            return (Value("function", node=binding, decorated=not self._infers_to_itself(binding)),)
        if isinstance(binding, ast.ClassDef):
            return (Value("class", node=binding),)
        if isinstance(binding, (ast.ExceptHandler, ast.arguments)):
            return (OPAQUE,)  # an exception instance; ``*args`` or ``**kwargs``
        if isinstance(binding, ast.arg):
            return self._parameter(binding, depth)
        if isinstance(binding, ast.Name):
            return self._assigned(binding, depth)
        return None

    def _import(self, statement: ast.Import, name: str) -> Values | None:
        for alias in statement.names:
            if alias.asname == name:
                modname = alias.name
            elif alias.asname is None and alias.name.split(".")[0] == name:
                modname = name
            else:
                continue
            return (Value("module", name=modname),) if is_readable(modname) else (UNINFERABLE,)
        return None

    def _import_from(self, statement: ast.ImportFrom, name: str, hops: int = 0) -> Values | None:
        modname = self._absolute_name(statement) if statement.level else statement.module or ""
        if modname is None:
            return None
        for alias in statement.names:
            if (alias.asname or alias.name) != name:
                continue
            if is_stubbed_module(modname):
                return (_stub_value(stub_name(modname, alias.name)),)
            if modname in ALWAYS_ALLOWED:
                return (OPAQUE,)
            if project.is_project_module(modname):
                return self._project_member(modname, alias.name, hops)
            return (UNINFERABLE,)
        return None

    def _project_member(self, modname: str, name: str, hops: int = 0) -> Values | None:
        """``name`` of another module of the project, when the syntax decides what astroid's
        ``module.getattr(name)`` yields: a name the module binds once, by a ``def`` (undecorated, or
        decorated by functools' caches only) or a ``class``, or by a ``from ... import`` of such a
        name that the syntax follows in turn (a package's ``from .core import Filter``: astroid
        infers the import), or a submodule its package does not shadow. Anything else (a star
        import, several bindings, another decorator, an assignment, a plain import, re-exports
        more than :data:`_MAX_REEXPORTS` deep) is astroid's to tell."""
        if modname == self.home.modname:
            return None
        path = project.project_file(modname)
        sibling = ModuleSyntax.of_project_file(str(path), modname) if path is not None else None
        if sibling is None or sibling.binding_statements is None:
            return None
        bindings = sibling.scopes.locals(sibling.module).get(name, [])
        if not bindings and sibling.is_package and project.is_project_module(f"{modname}.{name}"):
            return (Value("module", name=f"{modname}.{name}"),)  # a submodule the package does not shadow
        if project.is_project_module(f"{modname}.{name}") or len(bindings) != 1:
            return None
        binding = bindings[0]
        if isinstance(binding, _FUNCTIONS) and self._peer(sibling)._infers_to_itself(binding):
            return (Value("function", node=binding, home=sibling),)
        if isinstance(binding, ast.ClassDef):
            return (Value("class", node=binding, home=sibling),)
        if isinstance(binding, ast.ImportFrom) and hops < _MAX_REEXPORTS:
            return self._peer(sibling)._import_from(binding, name, hops + 1)
        return None

    def _infers_to_itself(self, function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
        """Does astroid infer a name of ``function`` to the function itself? Undecorated, or decorated
        only by functools' caches (``@cache``, ``@functools.lru_cache(maxsize=None)``), which astroid
        does not take for properties (``bases._is_property``). Any other decorator may make the
        name a property or another object: astroid's to tell."""
        return all(self._is_functools_cache(decorator) for decorator in function.decorator_list)

    def _is_functools_cache(self, decorator: ast.expr) -> bool:
        if isinstance(decorator, ast.Call):
            decorator = decorator.func
        if isinstance(decorator, ast.Attribute):
            return decorator.attr in _FUNCTOOLS_CACHES and self._names_module(decorator.value, "functools")
        if not isinstance(decorator, ast.Name):
            return False
        found = self.scopes.lookup(decorator)
        if not (found.certain and len(found.bindings) == 1):
            return False
        return _imports_from(found.bindings[0], "functools", decorator.id, _FUNCTOOLS_CACHES)

    def _names_module(self, node: ast.expr, modname: str) -> bool:
        """``functools`` bound only by ``import functools``."""
        if not isinstance(node, ast.Name):
            return False
        found = self.scopes.lookup(node)
        if not (found.certain and len(found.bindings) == 1 and isinstance(found.bindings[0], ast.Import)):
            return False
        return any(alias.name == modname and (alias.asname or alias.name) == node.id
                   for alias in found.bindings[0].names)

    def _absolute_name(self, statement: ast.ImportFrom) -> str | None:
        """The module a relative ``from . import x`` names, as astroid's ``relative_to_absolute_name``
        finds it for a module of a regular package (anything else is astroid's to tell)."""
        home = self.home
        level = statement.level - 1 if home.is_package else statement.level
        if not home.path or not os.path.exists(os.path.join(os.path.dirname(home.path), "__init__.py")):
            return None
        if home.modname.count(".") < level:
            return None
        package = home.modname.rsplit(".", level)[0] if level else home.modname
        return f"{package}.{statement.module}" if statement.module else package

    def _assigned(self, target: ast.Name, depth: int) -> Values | None:
        parent = self.tree.parent(target)
        if isinstance(parent, ast.Assign) and any(t is target for t in parent.targets):
            return self.values(parent.value, depth)
        if isinstance(parent, ast.AnnAssign) and parent.target is target and parent.value is not None:
            found = annotated_type(self.home, target)
            if found is not None:
                return (_annotated_object(found),)
            return self.values(parent.value, depth)
        return None

    def _parameter(self, parameter: ast.arg, depth: int) -> Values | None:
        arguments = self.tree.parent(parameter)
        function = self.tree.parent(arguments)
        if not isinstance(function, _FUNCTIONS) or function.decorator_list:
            return None
        found = annotated_type(self.home, parameter)
        if found is not None:
            return (_annotated_object(found),)
        positional = [*arguments.posonlyargs, *arguments.args]
        if positional and positional[0] is parameter and isinstance(
            self.scopes.frame_of(self.tree.parent(function)), ast.ClassDef
        ):
            return (Value("instance", node=self.scopes.frame_of(self.tree.parent(function))),)  # self (or cls)
        default = parameter_default(arguments, parameter)
        if default is None:
            return (UNINFERABLE,)
        values = self.values(default, depth)
        return None if values is None else (*values, UNINFERABLE)

    # attributes

    def _attribute(self, node: ast.Attribute, depth: int) -> Values | None:
        owners = self.values(node.value, depth)
        if owners is None:
            return None
        narrowed = self._narrowed(node, node.attr)
        values: list[Value] = []
        for owner in owners:
            if owner.what == "error":
                return _unless_narrowed((*values, ERROR) if values else (ERROR,), narrowed)
            part = self._attribute_of(owner, node.attr, depth)
            if part is None:
                return None
            values.extend(part)
        return _unless_narrowed(tuple(values) if values else (ERROR,), narrowed)

    def _attribute_of(self, owner: Value, name: str, depth: int) -> Values | None:
        if owner.what == "instance" and owner.home is None:
            return self._instance_attribute(owner.node, name, depth)
        if owner.what == "uninferable":
            return (UNINFERABLE,)
        if owner.what in ("none", "other"):
            return (OPAQUE,)  # a member of a constant or of a literal's type
        if owner.what == "module":
            if is_stubbed_module(owner.name):
                return (_stub_value(stub_name(owner.name, name)),)
            if owner.name in ALWAYS_ALLOWED:
                return (OPAQUE,)
            return self._project_member(owner.name, name) if project.is_project_module(owner.name) else None
        if owner.what == "object":
            return _object_attribute(owner.obj, name)
        if owner.what in ("class", "function") and owner.node is None:
            return (OPAQUE,)  # a member of a builtin or stand-in class or function
        if owner.what == "class":
            return self._peer(owner.home or self.home)._class_method(owner.node, name, owner.home)
        return None

    def _class_method(self, cls: ast.ClassDef, name: str, home: ModuleSyntax | None) -> Values | None:
        """``Arn.parse`` on a class of the project whose own body defines the name once, by a ``def``:
        what astroid's ``ClassDef.igetattr`` yields (its own definition comes before any ancestor's).
        A plain method or a ``@classmethod`` is an unbound or bound method, not a function (no boto3
        object); a ``@staticmethod`` the function itself. Anything else (another decorator, a class
        decorator or metaclass, a name the body binds otherwise or twice, a dunder) is astroid's."""
        if cls.decorator_list or cls.keywords or name.startswith("__"):
            return None
        bindings = self.scopes.locals(cls).get(name, [])
        if len(bindings) != 1 or not isinstance(bindings[0], _FUNCTIONS):
            return None
        method = bindings[0]
        decorators = [self._builtin_descriptor(decorator) for decorator in method.decorator_list]
        if decorators == []:
            return (OTHER,)  # an unbound method
        if decorators == ["classmethod"]:
            return (OTHER,)  # a bound method
        if decorators == ["staticmethod"]:
            return (Value("function", node=method, home=home),)
        return None

    def _builtin_descriptor(self, decorator: ast.expr) -> str | None:
        """``classmethod`` or ``staticmethod``: the builtin, not a name the module binds."""
        if not isinstance(decorator, ast.Name) or decorator.id not in ("classmethod", "staticmethod"):
            return None
        return decorator.id if self._names_a_builtin(decorator) else None

    def _instance_attribute(self, cls: ast.ClassDef, name: str, depth: int) -> Values | None:
        """``self.client`` in a method of ``cls``: what astroid's ``Instance.igetattr`` yields when the
        class or its ancestors set the attribute on ``self`` in their methods (``self.client =
        boto3.client("s3")``): the values of those assignments, the class's own first, then each
        ancestor's in the order astroid's ``ancestors()`` yields them (see :meth:`_ancestry`). Anything
        else (an ancestry the syntax cannot tell, a metaclass, an attribute only class bodies set,
        unpacking, augmented or annotated assignments) is astroid's to tell."""
        if cls.keywords or name.startswith("__"):
            return None
        if all(self._is_object(base) for base in cls.bases):
            ancestry: list[tuple[SyntaxTier, ast.ClassDef]] = []
        else:
            ancestry = self._ancestry(cls)
            if ancestry is None:
                return None
        values: list[Value] = []
        assigned = False
        for tier, klass in [(self, cls), *ancestry]:
            for attribute in tier.scopes.instance_attributes(klass).get(name, ()):
                assigned = True
                part = tier._assigned_to_attribute(attribute, depth)
                if part is None or (tier is not self and any(v.what not in _PORTABLE for v in part)):
                    return None  # (another module's instances and functions are not this tier's to name)
                values.extend(part)
        if not assigned:
            return None  # astroid looks in the class bodies
        return tuple(values) if values else (ERROR,)

    def _assigned_to_attribute(self, attribute: ast.Attribute, depth: int) -> Values | None:
        statement = self.tree.parent(attribute)
        if not (isinstance(statement, ast.Assign) and statement.targets == [attribute]):
            return None
        part = self.values(statement.value, depth)
        if part is None or any(value.what == "opaque" for value in part):
            return None  # (inferred as an attribute's value, a call astroid's tip declines may differ)
        errors = [index for index, value in enumerate(part) if value.what == "error"]
        return part[: errors[0]] + (UNINFERABLE,) if errors else part

    def _ancestry(self, cls: ast.ClassDef) -> list[tuple[SyntaxTier, ast.ClassDef]] | None:
        """The ancestors astroid's ``cls.ancestors()`` yields, in its order (each base, then that base's
        ancestors, each class once), with the tier of each one's module, when the syntax tells every
        base: a class of the project, ``object`` (which sets no instance attribute), or a value astroid
        skips (what an unreadable module's import infers to). Any other base, a class decorator or a
        metaclass anywhere: None, astroid's to tell."""
        found: list[tuple[SyntaxTier, ast.ClassDef]] = []
        seen = {id(cls)}

        def visit(tier: SyntaxTier, klass: ast.ClassDef, level: int) -> bool:
            if level > _MAX_DEPTH:
                return False
            for base in klass.bases:
                values = tier.values(base)  # (a class statement's own expression: from the top, whatever the depth)
                if values is None:
                    return False
                for value in values:
                    if value.what in ("uninferable", "error") or (
                        value.what == "class" and value.node is None and value.name == "builtins.object"
                    ):
                        continue  # not a class astroid can follow, or object
                    if value.what != "class" or value.node is None:
                        return False  # a builtin or stand-in class, an instance, anything else
                    base_tier = tier if value.home is None else self._peer(value.home)
                    node = value.node
                    if node.keywords or not base_tier._decorators_astroid_passes_over(node):
                        return False
                    if id(node) in seen:
                        continue
                    seen.add(id(node))
                    found.append((base_tier, node))
                    if not visit(base_tier, node, level + 1):
                        return False
            return True

        if self.home.longest_class_chain > budget.MAX_CLASS_CHAIN:
            return None  # astroid's to tell, and the bridge gives such a module up (BTO901)
        if not self._decorators_astroid_passes_over(cls) or not visit(self, cls, 0):
            return None
        return found

    def _decorators_astroid_passes_over(self, cls: ast.ClassDef) -> bool:
        """Every decorator of the class registers it somewhere (``@resources.register("ec2")``,
        ``@Instance.filter_registry.register("ebs")``): a method of a class of this module or of an
        object a project module exports, named like none of the decorators astroid's brains rewrite
        a class for (dataclasses, attrs, ``six.add_metaclass``, ``object.__new__``). astroid applies no
        decorator to a class otherwise, so its ancestors and instance attributes are the syntax's."""
        for decorator in cls.decorator_list:
            target = decorator.func if isinstance(decorator, ast.Call) else decorator
            if not isinstance(target, ast.Attribute) or target.attr in _CLASS_BRAIN_DECORATORS:
                return False
            root = chain_root(target.value)
            if root is None:
                return False
            found = self.scopes.lookup(root)
            if not found.certain or len(found.bindings) != 1:
                return False
            binding = found.bindings[0]
            if isinstance(binding, ast.ClassDef) and self.tree.parent(binding) is self.home.module:
                continue
            statement = self.tree.parent(binding) if isinstance(binding, ast.Name) else None
            if isinstance(binding, ast.ImportFrom):
                modname = self._absolute_name(binding) if binding.level else binding.module
                if modname is not None and project.is_project_module(modname):
                    continue
            elif isinstance(statement, ast.Assign) and self.scopes.frame_of(statement) is self.home.module:
                continue
            return False
        return True

    def _is_object(self, base: ast.AST) -> bool:
        if not isinstance(base, ast.Name) or base.id != "object":
            return False
        found = self.scopes.lookup(base)
        return found.certain and [type(b) for b in found.bindings] == [Builtin]

    # calls

    def _call(self, call: ast.Call, depth: int) -> Values | None:
        if _looks_like_boto3_call(self.home, call):
            found = self._boto3_call(call, depth)
            if found is not _DEFAULT:
                return found
        callees = self.values(call.func, depth)
        if callees is None:
            return None
        values: list[Value] = []
        for callee in callees:
            if callee.what == "error":
                return (*values, ERROR)
            if callee.what == "uninferable":
                values.append(UNINFERABLE)
            elif callee.what in ("class", "function") and callee.node is None:
                values.append(OPAQUE)  # an instance of a builtin or stand-in class, what a builtin returns
            elif callee.what == "class" and callee.home is None and self._plain_class(callee.node):
                values.append(OPAQUE)  # an instance of the project's class
            elif callee.what in ("none", "module", "object"):
                continue  # not callable: nothing
            else:
                return None
        return tuple(values) if values else (ERROR,)

    def _plain_class(self, cls: ast.ClassDef) -> bool:
        """Calling it makes an instance, whatever metaclass: no decorators, keywords, or bases but
        builtin classes other than ``type``."""
        if cls.decorator_list or cls.keywords:
            return False
        for base in cls.bases:
            if not isinstance(base, ast.Name) or base.id == "type":
                return False
            if not self._names_a_builtin(base):
                return False
        return True

    def _names_a_builtin(self, name: ast.Name) -> bool:
        """The name is the builtin of that name (nothing in the module binds it)."""
        found = self.scopes.lookup(name)
        return found.certain and [type(binding) for binding in found.bindings] == [Builtin]

    def _boto3_call(self, call: ast.Call, depth: int):
        """The astroid tier's inference tip for calls (``_infer_boto3_call``), rule for rule."""
        name = call_name(call) or ""
        if name in ("get_paginator", "get_waiter") or (name[:1].isupper() and name not in CONSTRUCTOR_METHOD_NAMES):
            return self._derived_object(call, name, depth)
        if name[:1].islower() and name not in CONSTRUCTOR_METHOD_NAMES and _answers_a_resource(name):
            answered = self._resource_answered(call, name, depth)
            if answered is not _NOT_ANSWERED:
                return answered
        on_result = self._session_method_on_function_result(call, name)
        if on_result is None:
            return None
        if on_result:
            return (Value("object", obj=Boto3Value(SESSION_METHODS[name], real_service(call), call, None, False,
                                                   self.home)),)
        callee = single(self.values(call.func, depth))
        if callee is UNDECIDED:
            return None
        qualified_name = callee.name if callee is not None and callee.what in ("class", "function") else None
        if callee is not None and callee.what in ("class", "function") and callee.node is not None:
            return None  # the project's own class or function: its qualified name is astroid's to tell
        kind = CONSTRUCTORS.get(qualified_name or "")
        if kind is None:
            kind = self._unresolved_session_method(call, name, depth)
            if kind is UNDECIDED:
                return None
        if kind is None:
            return _DEFAULT
        if kind is Kind.SESSION:
            type_name = qualified_name if callee.what == "class" else BOTOCORE_SESSION
            return (Value("object", obj=Boto3Value(kind, None, call, type_name, False, self.home)),)
        service = self._literal(_argument(call, 0, "service_name"), depth)
        if service is UNDECIDED:
            return None
        return (Value("object", obj=Boto3Value(kind, service, call, None, False, self.home)),)

    def _literal(self, node: ast.AST | None, depth: int):
        if node is None:
            return None
        if isinstance(node, ast.Constant):
            return node.value if isinstance(node.value, str) else None
        found = single(self.values(node, depth))
        if found is UNDECIDED or found is None:
            return found
        return found.constant if found.what == "other" and isinstance(found.constant, str) else None

    def _derived_object(self, call: ast.Call, name: str, depth: int):
        """``client.get_paginator("op")``, ``client.get_waiter("w")``, ``resource.Table("t")``,
        ``bucket.Object("k")``."""
        obj = self._receiver_object(call, depth)
        if obj is UNDECIDED:
            return None
        if obj is None:
            return _DEFAULT
        if name in ("get_paginator", "get_waiter") and obj.kind is Kind.CLIENT:
            kind = Kind.PAGINATOR if name == "get_paginator" else Kind.WAITER
            keyword = "operation_name" if kind is Kind.PAGINATOR else "waiter_name"
            type_name = self._literal(_argument(call, 0, keyword), depth)
            if type_name is UNDECIDED:
                return None
            return (Value("object", obj=obj.derive(kind, type_name)),)
        if name[:1].isupper() and obj.kind in (Kind.RESOURCE, Kind.SUB_RESOURCE):
            return (Value("object", obj=obj.derive(Kind.SUB_RESOURCE, name)),)
        return _DEFAULT

    def _receiver_object(self, call: ast.Call, depth: int):
        """The boto3 object a method call's receiver is, besides ``None`` (the astroid tier's
        ``_sole_value_but_none``): UNDECIDED, or None when it is no boto3 object."""
        if not isinstance(call.func, ast.Attribute):
            return None
        receiver = sole_but_none(self.values(call.func.value, depth))
        if receiver is UNDECIDED:
            return UNDECIDED
        return receiver.obj if receiver is not None and receiver.what == "object" else None

    def _resource_answered(self, call: ast.Call, name: str, depth: int):
        """The astroid tier's ``_resource_answered``: the resource a resource's action answers
        (``sqs.get_queue_by_name(...)``: a ``Queue``); None when the receiver is undecided;
        _NOT_ANSWERED when it is no resource of a known service with that action (the call is then
        inferred as any other)."""
        obj = self._receiver_object(call, depth)
        if obj is UNDECIDED:
            return None
        if obj is None or obj.kind not in (Kind.RESOURCE, Kind.SUB_RESOURCE) or not obj.service:
            return _NOT_ANSWERED
        from flake8_boto3.aws import table

        owner = obj.type_name if obj.kind is Kind.SUB_RESOURCE else "ServiceResource"
        answered = table().resource_action_type(obj.service, owner or "", name)
        return (Value("object", obj=obj.derive(Kind.SUB_RESOURCE, answered)),) if answered else _NOT_ANSWERED

    def _session_method_on_function_result(self, call: ast.Call, name: str) -> bool:
        """The astroid tier's rule of the same name (``local_session(factory).client("ec2")``)."""
        if name not in SESSION_METHODS or not isinstance(call.func, ast.Attribute):
            return False
        receiver = call.func.value
        if not isinstance(receiver, ast.Call):
            return False
        root = chain_root(receiver.func)
        if root is None:
            return False
        found = self.scopes.lookup(root)
        if not found.certain:
            return None
        if not found.bindings:
            return False
        for binding in found.bindings:
            if isinstance(binding, ast.ImportFrom):
                if is_stubbed_module(binding.module or "") or ast.unparse(receiver.func)[:1].isupper():
                    return False
            elif isinstance(binding, ast.Import):
                if any(is_stubbed_module(alias.name) for alias in binding.names):
                    return False
                if isinstance(receiver.func, ast.Attribute) and receiver.func.attr[:1].isupper():
                    return False
            elif not isinstance(binding, _FUNCTIONS):
                return False
        return real_service(call) is not None

    def _unresolved_session_method(self, call: ast.Call, name: str, depth: int):
        if name not in SESSION_METHODS or not isinstance(call.func, ast.Attribute) or real_service(call) is None:
            return None
        values = self.values(call.func.value, depth)
        if values is None or any(value.what == "opaque" for value in values):
            return UNDECIDED
        if any(value.what == "error" for value in values):
            return SESSION_METHODS[name]
        if values and all(value.what == "object" and value.obj.kind is Kind.SESSION for value in values):
            return SESSION_METHODS[name]  # one of several sessions
        return SESSION_METHODS[name] if all(value.what == "uninferable" for value in values) else None


_DEFAULT = object()  # the inference tip gives way to astroid's own inference of the call


def _looks_like_boto3_call(home: ModuleSyntax, call: ast.Call) -> bool:
    """The astroid tier's predicate for its call tip."""
    name = call_name(call)
    if name is None:
        return False
    if name in CONSTRUCTOR_METHOD_NAMES:
        return True
    if isinstance(call.func, ast.Name):
        return is_imported_from_boto3_family(home, call.func)
    return isinstance(call.func, ast.Attribute) and (name[:1].isupper() or _answers_a_resource(name))


def _function_ref(value: Value):
    """The function a value is: a ``def`` of the tier's own module, or a FunctionRef of another."""
    if value.home is None or value.node is None:
        return value.node
    return FunctionRef(value.home, value.node)


def _stub_value(found) -> Value:
    if found.what == "module":
        return Value("module", name=found.qualified_name)
    if found.what in ("class", "function"):
        return Value(found.what, name=found.qualified_name)
    return NONE if found.what == "none" else OTHER


def _object_attribute(obj: Boto3Value, name: str) -> Values:
    """An attribute of a boto3 object: a derived object, a member of its stand-in class, or nothing
    (astroid skips an owner without the attribute)."""
    if name == "meta" and obj.kind in (Kind.RESOURCE, Kind.SUB_RESOURCE):
        return (Value("object", obj=obj.derive(Kind.RESOURCE_META)),)
    if name == "client" and obj.kind is Kind.RESOURCE_META:
        return (Value("object", obj=obj.derive(Kind.CLIENT)),)
    if name == "exceptions" and obj.kind is Kind.CLIENT:
        return (Value("object", obj=obj.derive(Kind.EXCEPTIONS)),)
    if name.startswith("__"):
        return (OPAQUE,)  # object's own members
    stand_in = obj.type_name if obj.kind is Kind.SESSION else STAND_IN_CLASSES.get(obj.kind)
    if not stand_in:
        return (OPAQUE,)
    member = class_member(stand_in, name)
    return (_stub_value(member),) if member is not None else ()


def _annotated_object(found: tuple) -> Value:
    """What the astroid tier's annotation tip makes of an annotated name (a session is boto3's)."""
    kind, service, type_name = found
    return Value("object", obj=Boto3Value(kind, service, None, BOTO3_SESSION if kind is Kind.SESSION else type_name))


def _unless_narrowed(values: Values, narrowed: bool) -> Values | None:
    """``values``, or undecided when an ``if`` or comprehension condition could narrow them (astroid's
    constraints drop the values a condition rules out). Every constraint keeps an uninferable value,
    so values that are all uninferable stand whatever the condition says."""
    if narrowed and any(value.what != "uninferable" for value in values):
        return None
    return values


def _is_builtin_exception(qualified_name: str | None) -> bool:
    if not qualified_name or not qualified_name.startswith("builtins."):
        return False
    found = getattr(builtins, qualified_name[len("builtins."):], None)
    return isinstance(found, type) and issubclass(found, BaseException)
