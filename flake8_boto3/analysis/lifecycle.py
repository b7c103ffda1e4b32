"""Where each boto3 client, resource and session of a module is created, and how often.

Every construction (a boto3 constructor call, or a call of a project function
that returns a *new* client: a factory) gets at most one verdict, the most
specific one: created in a loop (BTO102), in a request handler (BTO101), in any
other function on every call (BTO103), or per call from the call's arguments
(BTO104). Constructions that run once per process get none.
"""

from __future__ import annotations

import ast
import enum
from dataclasses import dataclass
from functools import cached_property

from flake8_boto3 import project
from flake8_boto3.analysis import functions, hoisting, polling, run_once
from flake8_boto3.analysis.code import COMPREHENSION_TYPES, FUNCTION_TYPES, Code, Function, tests_for_nothing
from flake8_boto3.analysis.names import arguments_bound, import_names, positional_parameter_names, qualified_name
from flake8_boto3.analysis.syntax_helpers import absolute_module_name
from flake8_boto3.model import Boto3Value, Kind
from flake8_boto3.model.syntax_tier import may_construct
from flake8_boto3.settings import Settings


class Verdict(enum.Enum):
    IN_HANDLER = "BTO101"
    IN_LOOP = "BTO102"
    IN_FUNCTION = "BTO103"
    PER_CALL_ARGUMENTS = "BTO104"


@dataclass(frozen=True)
class Construction:
    call: ast.Call
    kind: Kind
    service: str | None
    # The project function called, when the construction is a factory call.
    factory: Function | None = None
    # The class whose ``__init__`` (the ``factory``) makes it, when the call makes an object of a class.
    of_class: str | None = None


@dataclass(frozen=True)
class Site:
    """A construction with its verdict and the context the message names."""

    construction: Construction
    verdict: Verdict
    function: ast.AST | None
    # How a request handler reaches the construction, when one does.
    reach: functions.Reach | None = None
    # Made from temporary credentials fetched for it (``sts.assume_role``), here or in its factory.
    temporary_credentials: bool = False
    # The call of the construction's function in a loop of the module, when that makes it repeat.
    looped_by: ast.Call | None = None

    @property
    def handler(self) -> ast.AST | None:
        return self.reach.handler if self.reach is not None else None

    @property
    def handler_reason(self) -> str | None:
        return self.reach.reason if self.reach is not None else None

    @property
    def call(self) -> ast.Call:
        return self.construction.call

    def describe(self) -> str:
        """``boto3 client 's3'``, ``new boto3 client from make_s3()`` ..."""
        c = self.construction
        service = f" '{c.service}'" if c.service else ""
        what = f"boto3 {c.kind.value}{service}"
        if c.factory is not None:
            return f"new {what} from {c.of_class or c.factory.name}()"
        return what


# --- loops --------------------------------------------------------------------


def loop_bound_names(code: Code, loop: ast.AST) -> set[str]:
    """Names that may change from one iteration of ``loop`` to the next."""
    if isinstance(loop, COMPREHENSION_TYPES):
        return {name for g in loop.generators for name in code.assigned_names(g.target)}
    names: set[str] = set()
    if isinstance(loop, (ast.For, ast.AsyncFor)):
        names |= code.assigned_names(loop.target)
    for statement in loop.body:
        names |= code.assigned_names(statement)
    return names


def depends_on_loop(code: Code, call: ast.Call, loop: ast.AST, reread_counts: bool = True) -> bool:
    """The construction's arguments use a name the loop binds. ``reread_counts=False``: not one the
    loop only ever binds to a value that could be computed once (``region = os.environ["REGION"]``
    re-read on each pass), which holds the same value on every pass."""
    scopes = code.home.scopes
    scope = scopes.scope_of(loop) if not isinstance(loop, COMPREHENSION_TYPES) else scopes.scope_of(code.parent(loop))
    used: set[str] = set()
    for part in hoisting.arguments_of(call):
        used |= hoisting.local_names(code, part, scope)
    varying = used & loop_bound_names(code, loop)
    if not reread_counts:
        varying = {name for name in varying if not _same_on_every_pass(code, loop, name)}
    return bool(varying) or _default_session_set_up_in(code, call, loop)


def _same_on_every_pass(code: Code, loop: ast.AST, name: str) -> bool:
    """Every binding of ``name`` in the loop is a plain assignment of a value that could be computed
    once, at module load (``region = os.environ["REGION"]`` re-read on each pass): the name holds the
    same value on every pass."""
    if isinstance(loop, COMPREHENSION_TYPES):
        return False
    stores = [node for node in code.nodes(ast.Name, within=loop) if node.id == name and isinstance(node.ctx, ast.Store)]
    for store in stores:
        statement = code.parent(store)
        plain = isinstance(statement, ast.Assign) and store in statement.targets
        annotated = isinstance(statement, ast.AnnAssign) and statement.target is store and statement.value is not None
        if not (plain or annotated) or not hoisting.is_hoistable(code, statement.value):
            return False
    return bool(stores)


# boto3's module-level constructors build on its default session.
DEFAULT_SESSION_CONSTRUCTORS = frozenset({"boto3.client", "boto3.resource"})


def _default_session_set_up_in(code: Code, call: ast.Call, loop: ast.AST) -> bool:
    """``boto3.setup_default_session(region_name=region)`` in the loop: ``boto3.client("logs")`` builds on
    the session of each pass (one client per Region, made the old way)."""
    if qualified_name(code, call.func) not in DEFAULT_SESSION_CONSTRUCTORS:
        return False
    return any(
        qualified_name(code, other.func) == "boto3.setup_default_session" for other in code.nodes(ast.Call, within=loop)
    )


# --- lazy singletons ----------------------------------------------------------------


def _assignment_target(code: Code, call: ast.Call) -> ast.AST | None:
    """``x`` in ``x = <call>`` (the call may sit inside e.g. a conditional expression)."""
    node: ast.AST = call
    parent = code.parent(node)
    while parent is not None and not isinstance(parent, (ast.Assign, ast.AnnAssign, *FUNCTION_TYPES)):
        if isinstance(parent, (ast.Expr, ast.Return, ast.If, ast.For, ast.While)):
            return None
        node, parent = parent, code.parent(parent)
    statement = parent
    if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
        return statement.targets[0]
    if isinstance(statement, ast.AnnAssign):
        return statement.target
    return None


def _declared_global(code: Code, function: ast.AST | None, name: str) -> bool:
    if function is None:
        return False
    return any(name in g.names for g in code.nodes(ast.Global, within=function))


def _guarded_by_check_of(code: Code, node: ast.AST, expression: str, stop: ast.AST | None) -> bool:
    parent = code.parent(node)
    while parent is not None and parent is not stop:
        if isinstance(parent, (ast.If, ast.IfExp, ast.While)) and expression in code.as_string(parent.test):
            return True
        parent = code.parent(parent)
    return False


def _default_of_a_parameter_every_caller_passes(
    code: Code, call: ast.Call, target: ast.Name, function: ast.AST | None
) -> bool:
    """``if not table: table = boto3.resource(...).Table(...)`` (or ``if table is None:``) in a
    function whose ``table`` parameter every call in the module passes: the construction runs only
    for a caller that leaves it out, and none here does (a local-test fallback)."""
    if function is None:
        return False
    names = positional_parameter_names(function)
    keyword_only = [arg.arg for arg in function.args.kwonlyargs]
    if target.id not in names and target.id not in keyword_only:
        return False
    statement = code.parent(target)
    branch = code.parent(statement)
    if not (isinstance(branch, ast.If) and statement in branch.body and tests_for_nothing(branch.test, target.id)):
        return False
    calls = functions.module_calls_of(code, function)
    skip_first = names[:1] in (["self"], ["cls"])
    return bool(calls) and all(
        _is_given(arguments_bound(function, call, skip_first), target.id) for call in calls
    )


def _is_given(bound: dict[str, ast.expr] | None, name: str) -> bool:
    """The call gives the parameter a value other than a literal ``None``."""
    given = (bound or {}).get(name)
    return given is not None and not (isinstance(given, ast.Constant) and given.value is None)


def is_lazily_cached(code: Code, call: ast.Call) -> bool:
    """``global X; X = boto3.client()``, ``if self._c is None: self._c = ...``, per-key caches."""
    target = _assignment_target(code, call)
    function = code.enclosing_function(call)
    parent = code.parent(call)
    if _in_a_global_singletons_block(code, call, function):
        return True
    if isinstance(target, ast.Name):
        if _declared_global(code, function, target.id):
            return True
        if _default_of_a_parameter_every_caller_passes(code, call, target, function):
            return True
        # _client = _client or boto3.client(...)
        return (
            isinstance(parent, ast.BoolOp)
            and isinstance(parent.op, ast.Or)
            and target.id in code.as_string(parent.values[0])
        )
    if isinstance(target, ast.Attribute):
        watched = code.as_string(target)
    elif isinstance(target, ast.Subscript):
        watched = code.as_string(target.value)
    else:
        return False
    return _guarded_by_check_of(code, call, watched, function) or (
        isinstance(parent, ast.BoolOp) and watched in code.as_string(parent.values[0])
    )


def _in_a_global_singletons_block(code: Code, call: ast.Call, function: ast.AST | None) -> bool:
    """``global client; if client is None: session = boto3.Session(); client = session.client(...)``:
    the whole block that sets the global runs once per process, the session it uses too."""
    if function is None:
        return False
    node, parent = call, code.parent(call)
    while parent is not None and parent is not function:
        if isinstance(parent, ast.If) and node in parent.body:
            for statement in parent.body:
                if not (isinstance(statement, ast.Assign) and len(statement.targets) == 1):
                    continue
                target = statement.targets[0]
                if (
                    isinstance(target, ast.Name)
                    and tests_for_nothing(parent.test, target.id)
                    and _declared_global(code, function, target.id)
                ):
                    return True
        node, parent = parent, code.parent(parent)
    return False


def _derives_a_boto3_object(method: str) -> bool:
    """``resource.Table(...)``, ``s3.Bucket(...)``: a sub-resource; ``client.get_paginator(...)``."""
    return method[:1].isupper() or method in ("get_paginator", "get_waiter")


def _could_be_factory(code: Code, function: ast.AST) -> bool:
    """Cheap test before inferring return values: the function creates a client itself
    (a constructor-shaped call) or returns another call's result (a wrapped factory)."""
    for node in code.nodes((ast.Call, ast.Return), within=function, skip=(*FUNCTION_TYPES, ast.ClassDef)):
        if isinstance(node, ast.Return):
            if isinstance(node.value, ast.Call):
                return True
        elif may_construct(code.home, node):
            return True
    return False


def _constructs_in(code: Code, function: ast.AST) -> bool:
    """Does ``function`` itself (not a function nested in it) hold a constructor-shaped call?

    A client, resource or session made in this very function is one of the two ways a function is a
    factory; the other is returning a factory's result. The boto3 objects the model answers carry
    the constructor-shaped call that made them as their origin (``boto3.client(...)``, never
    ``make()``), so without such a call here, inferring what the function returns cannot make it a
    factory: the inference, which builds every module the returned value comes from, is skipped.
    """
    return any(
        may_construct(code.home, call) and code.enclosing_function(call) is function
        for call in code.nodes(ast.Call, within=function)
    )


# --- the analysis ------------------------------------------------------------------


class Lifecycle:
    """All constructions of one module with their verdicts."""

    def __init__(self, code: Code, settings: Settings, test_file: bool, once: run_once.OncePerProcess) -> None:
        self.code = code
        self.settings = settings
        self.test_file = test_file
        self.once = once
        self._factory_cache: dict[Function, tuple[Kind, str | None] | None] = {}
        # For each factory: the calls its return statements hold or return the result of.
        self._returned_calls: dict[Function, set[ast.AST]] = {}
        # The project function each call calls: asked for every call of the module, and again for the
        # calls a candidate factory returns (a question that may go to astroid).
        self._callees: dict[ast.Call, Function | None] = {}
        self._boto3_user_imports: dict[str, bool] = {}
        # For each class's __init__: what it makes on every call (see initialiser_result).
        self._initialiser_cache: dict[Function, tuple[Kind, str | None] | None] = {}

    # constructions ------------------------------------------------------------

    def _direct_construction(self, call: ast.Call) -> Construction | None:
        found = self.code.constructed_by(call)
        return Construction(call, found.kind, found.service) if found is not None else None

    def factory_result(self, function: Function) -> tuple[Kind, str | None] | None:
        """(kind, service) when ``function`` returns a client it creates itself."""
        if function in self._factory_cache:
            return self._factory_cache[function]
        self._factory_cache[function] = None  # recursion guard
        code, node = function.code, function.node
        result = None
        returned: set[ast.AST] = set()
        if (
            not functions.run_once_reason(code, node)
            and _could_be_factory(code, node)
            and (_constructs_in(code, node) or self._returns_a_factory_call(code, node))
        ):
            for ret in code.nodes(ast.Return, within=node, skip=(*FUNCTION_TYPES, ast.ClassDef)):
                if ret.value is None:
                    continue
                returned.update(code.nodes(ast.Call, within=ret.value))
                # The returned object, or the table/bucket/meta.client made from it,
                # comes from a construction in this very function.
                found: Boto3Value | None = code.value_of(ret.value)
                origin = found.origin if found is not None else None
                if isinstance(origin, ast.Call):
                    returned.add(origin)
                if (
                    result is None
                    and isinstance(origin, ast.Call)
                    and found.home is code.home
                    and code.enclosing_function(origin) is node
                    and not is_lazily_cached(code, origin)
                ):
                    constructed = code.value_of(origin)
                    if constructed is not None and constructed.is_constructed:
                        result = (constructed.kind, constructed.service)
                if result is None:
                    # Another factory's client (a factory wrapping another), or a boto3 object derived
                    # from what another factory makes here: get_resource().Table(t)
                    behind = self._factory_behind(code, ret.value, node)
                    if behind is not None:
                        returned.add(behind.call)
                        result = (behind.kind, behind.service)
        self._factory_cache[function] = result
        self._returned_calls[function] = returned
        return result

    def _returns_a_factory_call(self, code: Code, function: ast.AST) -> bool:
        return any(
            ret.value is not None and self._factory_behind(code, ret.value, function) is not None
            for ret in code.nodes(ast.Return, within=function, skip=(*FUNCTION_TYPES, ast.ClassDef))
        )

    def _factory_behind(self, code: Code, value: ast.AST, function: ast.AST) -> Construction | None:
        """The factory call a returned value comes from: the call itself (``return make_client()``),
        the object it derives a boto3 object from (``return get_resource().Table(name)``,
        ``.meta.client``, ``.get_paginator(...)``), or the call a local of this function was assigned
        from (``resource = get_resource()``, then ``return resource.Bucket(name)``). Not what an
        operation answers (``return make_client().list_buckets()``): that is data."""
        node: ast.AST | None = value
        followed = False
        while node is not None:
            if isinstance(node, ast.Call):
                found = self._factory_call(code, node)
                if found is not None:
                    return found
                if not (isinstance(node.func, ast.Attribute) and _derives_a_boto3_object(node.func.attr)):
                    return None  # a function's result, or an operation's answer
                node = node.func.value
            elif isinstance(node, ast.Attribute) and node.attr in ("meta", "client"):
                node = node.value
            elif isinstance(node, ast.Name) and not followed:
                assignment = code.sole_assignment(node)
                if assignment is None or code.enclosing_function(assignment) is not function:
                    return None
                node, followed = assignment.value, True
            else:
                return None
        return None

    def _factory_call(self, code: Code, call: ast.Call) -> Construction | None:
        if call not in self._callees:
            self._callees[call] = self._resolve_project_function(code, call)
        callee = self._callees[call]
        if callee is None:
            return None
        result = self.factory_result(callee)
        if result is None:
            return None
        return Construction(call, result[0], result[1], factory=callee)

    def _initialiser_call(self, code: Code, call: ast.Call) -> Construction | None:
        """``UserService()`` of a class imported from a project module, whose ``__init__`` makes a
        boto3 object on every call (:meth:`initialiser_result`): the call makes it. (The module's
        own classes are followed into instead: :func:`functions.methods_run_by`.)"""
        func = call.func
        imported = func.value if isinstance(func, ast.Attribute) else func
        if not (isinstance(imported, ast.Name) and imported.id not in ("self", "cls")):
            return None
        if not self._imported_from_a_boto3_user(imported.id):
            return None
        if not any(self._imports_boto3_user(code, binding, imported.id) for binding in code.bindings(imported)):
            return None
        initialiser = code.class_initialiser(func)
        result = self.initialiser_result(initialiser) if initialiser is not None else None
        if result is None:
            return None
        cls = initialiser.code.enclosing_class(initialiser.node)
        return Construction(call, result[0], result[1], factory=initialiser, of_class=cls.name if cls else None)

    def _imported_from_a_boto3_user(self, name: str) -> bool:
        """Does some import of the module bind ``name`` from a project module that mentions boto3? A
        cheap test of the statements, once per name, before any scope lookup."""
        found = self._boto3_user_imports.get(name)
        if found is None:
            statements = self.code.home.binding_statements
            found = self._boto3_user_imports[name] = statements is None or any(
                self._imports_boto3_user(self.code, statement, name) for statement in statements.get(name, ())
            )
        return found

    def initialiser_result(self, initialiser: Function) -> tuple[Kind, str | None] | None:
        """(kind, service) when a class's ``__init__`` makes a boto3 object on every call: in a statement
        of its own body (not under an ``if``, a ``try``, a ``with`` or a loop), not as one arm of a
        conditional expression or of ``or`` (``self.s3 = s3 or boto3.client("s3")`` makes one only when
        the caller gives none), and not cached on the class. A client or resource before a session."""
        if initialiser in self._initialiser_cache:
            return self._initialiser_cache[initialiser]
        code, node = initialiser.code, initialiser.node
        made: dict[ast.Call, Boto3Value] = {}
        for statement in code.home.tree.body(node):  # without the docstring
            if not isinstance(statement, (ast.Assign, ast.AnnAssign, ast.Expr)):
                continue
            for call in code.nodes(
                ast.Call, within=statement, skip=(*FUNCTION_TYPES, ast.ClassDef, ast.Lambda, ast.IfExp, ast.BoolOp)
            ):
                if may_construct(code.home, call) and not is_lazily_cached(code, call):
                    constructed = code.constructed_by(call)
                    if constructed is not None:
                        made[call] = constructed
        kept = sorted(made.values(), key=lambda value: value.kind is Kind.SESSION)
        result = (kept[0].kind, kept[0].service) if kept else None
        self._initialiser_cache[initialiser] = result
        self._returned_calls[initialiser] = set(made)
        return result

    def _resolve_project_function(self, code: Code, call: ast.Call) -> Function | None:
        """The project function ``call`` calls, found without loading third-party code."""
        func = call.func
        if not self._may_name_a_project_function(code, func):
            return None
        if isinstance(func, ast.Name):
            for binding in code.bindings(func):
                if isinstance(binding, FUNCTION_TYPES):
                    return Function(code, binding)
                if isinstance(binding, ast.ImportFrom) and self._imports_boto3_user(code, binding, func.id):
                    return code.sole_function(func)
            return None
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            if func.value.id in ("self", "cls"):
                function = code.enclosing_function(call)
                cls = code.parent(function) if function is not None else None
                if isinstance(cls, ast.ClassDef):
                    for method in code.locals(cls).get(func.attr, []):
                        if isinstance(method, FUNCTION_TYPES):
                            return Function(code, method)
                return None
            if any(self._imports_boto3_user(code, b, func.value.id) for b in code.bindings(func.value)):
                return code.sole_function(func)
        return None

    def _may_name_a_project_function(self, code: Code, func: ast.AST) -> bool:
        """Whether some statement of the module could make ``func`` a project function (a ``def`` of its
        name, an import of it from a module that mentions boto3): most calls (``len``, ``str``, methods
        of locals) have none, and need no scope lookup."""
        statements = code.home.binding_statements
        if statements is None:
            return True  # a star import may bind any name
        if isinstance(func, ast.Name):
            name = func.id
        elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            if func.value.id in ("self", "cls"):
                return True
            name = func.value.id
        else:
            return True
        return any(
            isinstance(statement, FUNCTION_TYPES) and isinstance(func, ast.Name)
            or self._imports_boto3_user(code, statement, name)
            for statement in statements.get(name, ())
        )

    @staticmethod
    def _imports_boto3_user(code: Code, node: object, local_name: str) -> bool:
        """``node`` imports ``local_name`` from a project module whose source mentions boto3.

        The module's text is screened before astroid builds it: factories live in
        modules that import boto3 (or its stubs); everything else is never loaded.
        """
        if isinstance(node, ast.ImportFrom):
            try:
                base = absolute_module_name(code, node.module, node.level)
            except Exception:  # noqa: BLE001
                return False
            original = next((name for name, alias in import_names(node) if (alias or name) == local_name), local_name)
            candidates = [base, f"{base}.{original}"]
            if not any(project.mentions_boto3(name) for name in candidates):
                return project.reexports_a_boto3_user(f"{base}.{original}")  # a package's re-export
        elif isinstance(node, ast.Import):
            candidates = [name for name, alias in import_names(node) if (alias or name).split(".")[0] == local_name]
        else:
            return False
        return any(project.mentions_boto3(name) for name in candidates)

    @cached_property
    def constructions(self) -> list[Construction]:
        found = []
        code = self.code
        for call in code.nodes(ast.Call):
            if not self._may_be_reported_at(call):
                continue
            construction = (
                self._direct_construction(call) or self._factory_call(code, call) or self._initialiser_call(code, call)
            )
            if construction is not None and not code.never_runs(call):
                found.append(construction)
        return found

    @cached_property
    def _calls_in_loops(self) -> dict[ast.AST, ast.Call]:
        """{function: a call of it}: the module's functions that some loop of the module calls by name
        again and again (``for message in messages: delete_message(message)``), a call in a test, and a
        loop that sleeps between its passes (a poll, a retry), excepted. Whatever such a function
        builds from literals and module-level names, it builds again on every pass."""
        code = self.code
        statements = code.home.binding_statements
        found: dict[ast.AST, ast.Call] = {}
        for call in code.nodes(ast.Call):
            func = call.func
            if not isinstance(func, ast.Name):
                continue
            if statements is not None and not any(isinstance(s, FUNCTION_TYPES) for s in statements.get(func.id, ())):
                continue  # no def of that name anywhere in the module: no lookup needed
            loop = code.repeating_loop(call)
            if loop is None or functions.in_test_code(code, call):
                continue
            if not isinstance(loop, COMPREHENSION_TYPES) and polling.sleeps_between_passes(code, loop):
                continue  # (a poll or a retry that sleeps between its passes: a client per pass is nothing)
            for binding in code.bindings(func):
                if isinstance(binding, FUNCTION_TYPES) and code.enclosing_class(binding) is None:
                    found.setdefault(binding, call)
        return found

    def _may_be_reported_at(self, call: ast.Call) -> bool:
        """Could a construction at ``call`` get a verdict the run reports? Anywhere in a function it may
        be BTO103 or BTO104; when the run reports neither (their default), only a call in a loop or in
        a function a request handler reaches can be BTO101 or BTO102, and telling whether any other
        call makes a client (which may build astroid's trees of it and of the factories it calls)
        would change no finding."""
        reports = self.settings.reports
        if reports(Verdict.IN_FUNCTION.value) or reports(Verdict.PER_CALL_ARGUMENTS.value):
            return True
        if self.code.repeating_loop(call) is not None:
            return True
        function = self.code.enclosing_function(call)
        return function is not None and (self._handler_for(function) is not None or function in self._calls_in_loops)

    # verdicts -----------------------------------------------------------------

    @cached_property
    def _handler_reach(self) -> dict:
        return functions.functions_reached_from_handlers(self.code, self.settings)

    def _handler_for(self, function: ast.AST) -> functions.Reach | None:
        """How a handler reaches ``function``: it is the handler, is nested in it, or is called by it."""
        code = self.code
        for current in (function, *code.enclosing_functions(function)):
            if current in self._handler_reach:
                reach = self._handler_reach[current]
                if current is not reach.handler and not reach.per_object and functions.run_once_reason(code, current):
                    return None
                return reach
        return None

    def _built_from_what_it_is_given(self, construction: Construction) -> bool:
        """Can the call's arguments change what the construction makes? A factory's can (a region, a
        role to assume); an object of a class whose ``__init__`` builds its client from literals and
        module-level names only makes the same client whatever it is given (``VLpool(event)``, whose
        ``__init__`` runs ``boto3.client("cognito-idp", region_name=os.environ["REGION"])``)."""
        initialiser = construction.factory
        if construction.of_class is None or initialiser is None:
            return True
        return not all(
            hoisting.construction_is_hoistable(initialiser.code, made) for made in self._returned_calls[initialiser]
        )

    def _returned_by_factory(self, construction: Construction, function: ast.AST) -> bool:
        """The construction is what its (factory) function returns: judge the call sites."""
        factory = Function(self.code, function)
        if self.factory_result(factory) is None:
            return False
        return construction.call in self._returned_calls[factory]

    def _made_of_fetched_credentials(self, construction: Construction) -> bool:
        """The construction is given temporary credentials fetched in its own function, or it is a call
        of a factory that returns a client it builds from credentials it fetches itself, or a client of
        the session such a factory returns (``session = assumed_session(arn)``, then
        ``session.client("organizations")``)."""
        if construction.factory is None:
            parts = hoisting.arguments_of(construction.call)
            if any(hoisting.uses_fetched_credentials(self.code, part) for part in parts):
                return True
            func = construction.call.func
            function = self.code.enclosing_function(construction.call)
            behind = (
                self._factory_behind(self.code, func.value, function)
                if isinstance(func, ast.Attribute) and function is not None
                else None
            )
            return behind is not None and self._factory_builds_from(behind.factory, hoisting.uses_fetched_credentials)
        return self._factory_builds_from(construction.factory, hoisting.uses_fetched_credentials)

    def _factory_reads_request_state(self, construction: Construction) -> bool:
        """A call of a factory that builds its client from the request's state (a Flask ``session``,
        ``request`` or ``g``: the logged-in user's keys): one client per request is its design. (A
        direct construction's own arguments are judged by ``construction_is_hoistable``.)"""
        factory = construction.factory
        return factory is not None and self._factory_builds_from(factory, hoisting.uses_request_state)

    def _factory_builds_from(self, factory: Function, depends) -> bool:
        """Some construction the factory returns has an argument for which ``depends(code, part)`` holds."""
        factory_code = factory.code
        return any(
            isinstance(call, ast.Call)
            and factory_code.enclosing_function(call) is factory.node
            and factory_code.constructed_by(call) is not None
            and any(depends(factory_code, part) for part in hoisting.arguments_of(call))
            for call in self._returned_calls.get(factory, ())
        )

    def _is_receiver_of_construction(self, construction: Construction, constructed_calls: set) -> bool:
        """``boto3.Session()`` in ``boto3.Session().client("s3")``: judged with the client."""
        parent = self.code.parent(construction.call)
        return isinstance(parent, ast.Attribute) and self.code.parent(parent) in constructed_calls

    def verdict(self, construction: Construction, constructed_calls: set) -> Site | None:
        code = self.code
        call = construction.call
        if self.test_file or functions.in_test_code(code, call) or is_lazily_cached(code, call):
            return None
        if functions.under_main_guard(code, call):
            return None
        function = code.enclosing_function(call)
        if construction.kind is Kind.SESSION and self._is_receiver_of_construction(construction, constructed_calls):
            return None
        if construction.kind is Kind.SESSION and _read_for_a_setting(code, call):
            return None
        innermost = code.innermost_loop(call)
        loop = code.repeating_loop(call)  # (not one that builds it once, or again only after a failure)
        given = self._built_from_what_it_is_given(construction)
        if innermost is not None and given and depends_on_loop(code, call, innermost):
            if loop is not None and not depends_on_loop(code, call, loop, reread_counts=False):
                return Site(construction, Verdict.IN_LOOP, function)  # the same region, re-read on each pass
            return None  # one client per region, per account: what the loop is for
        if loop is not None:
            if not given or not depends_on_loop(code, call, loop):
                return Site(construction, Verdict.IN_LOOP, function)
            return None
        if function is None:
            return None  # module level or class body: once per process
        reach = self._handler_for(function)
        if (
            reach is not None
            and not reach.in_loop
            and (
                functions.is_job_handler(code, reach.handler)
                or functions.is_infrastructure_event_handler(code, reach.handler)
                or reach.handler in self._waiting_handlers
            )
        ):
            # A scheduled job or a handler of infrastructure events, not a request: judged as any other
            # function (opt-in BTO103/BTO104).
            reach = None
        if (reach is None or reach.handler is not function) and self._returned_by_factory(construction, function):
            return None  # a factory: its call sites are judged instead
        fetched = self._made_of_fetched_credentials(construction)
        hoistable = (
            not fetched
            and not self._factory_reads_request_state(construction)
            and (not given or hoisting.construction_is_hoistable(code, call))
        )
        if reach is not None:
            if not hoistable:
                if construction.kind is Kind.SESSION:
                    return None
                return Site(construction, Verdict.PER_CALL_ARGUMENTS, function, reach, fetched)
            if reach.in_loop:
                return Site(construction, Verdict.IN_LOOP, function, reach)  # a helper the handler calls in a loop
            return Site(construction, Verdict.IN_HANDLER, function, reach)
        looped_by = self._calls_in_loops.get(function) if hoistable else None
        if looped_by is not None and construction.kind is not Kind.SESSION:
            return Site(construction, Verdict.IN_LOOP, function, looped_by=looped_by)  # a helper a loop calls
        if construction.kind is Kind.SESSION:
            return None  # boto3 recommends a session per thread
        if self._run_once(function):
            return None
        if functions.handles_a_batch(code, function):
            return None  # one client per batch of items it is given (c7n's process(resources))
        if not hoistable:
            return Site(construction, Verdict.PER_CALL_ARGUMENTS, function, temporary_credentials=fetched)
        return Site(construction, Verdict.IN_FUNCTION, function)

    @cached_property
    def _waiting_handlers(self) -> set[ast.AST]:
        """The handlers that wait (or a function they reach does) on a botocore waiter (``ec2.get_waiter(
        "instance_running").wait(...)``), or poll in a loop that sleeps at least 5 seconds between its
        passes (a Glue job run, a Textract job): each invocation runs for as long as the resource takes,
        and building a client is a negligible part of it. (A retry's backoff, in an ``except`` clause,
        and a one-second poll of a query an API answers are not such waits.)"""
        code = self.code
        return {
            reach.handler
            for function, reach in self._handler_reach.items()
            if any(
                (isinstance(call.func, ast.Attribute) and call.func.attr == "wait" and _on_a_waiter(code, call))
                or polling.sleeps_slowly_in_a_loop(code, call)
                for call in code.nodes(ast.Call, within=function)
            )
        }

    def _run_once(self, function: ast.AST) -> bool:
        if function in self.once:
            return True
        code = self.code
        return any(functions.run_once_reason(code, f) for f in (function, *code.enclosing_functions(function)))

    @cached_property
    def sites(self) -> list[Site]:
        constructed_calls = {c.call for c in self.constructions}
        sites = []
        for construction in self.constructions:
            site = self.verdict(construction, constructed_calls)
            if site is not None and not self._other_arm_reported(site, sites):
                sites.append(site)
        return sites

    def _other_arm_reported(self, site: Site, sites: list[Site]) -> bool:
        """``boto3.client("ec2", region_name=r) if r else boto3.client("ec2")``: only one of the two
        arms runs, so the finding on the other arm says it all."""
        choice = self.code.parent(site.call)
        if not isinstance(choice, ast.IfExp) or site.call not in (choice.body, choice.orelse):
            return False
        other = choice.orelse if site.call is choice.body else choice.body
        return any(reported.call is other and reported.verdict is site.verdict for reported in sites)

    def sites_with(self, verdict: Verdict) -> list[Site]:
        return [site for site in self.sites if site.verdict is verdict]


# What a session tells of its configuration without making anything.
SESSION_SETTINGS = frozenset({"region_name", "profile_name"})


def _read_for_a_setting(code: Code, call: ast.Call) -> bool:
    """``boto3.session.Session().region_name``: a session made only to read a setting makes no
    client; a client it would make is judged where it is made."""
    parent = code.parent(call)
    return isinstance(parent, ast.Attribute) and parent.value is call and parent.attr in SESSION_SETTINGS


def _on_a_waiter(code: Code, call: ast.Call) -> bool:
    """``ec2.get_waiter("instance_running").wait(...)``, or ``waiter.wait(...)`` on a name bound to a
    ``get_waiter(...)`` call."""
    receiver = functions.made_by(code, call.func.value)
    return (
        isinstance(receiver, ast.Call)
        and isinstance(receiver.func, ast.Attribute)
        and receiver.func.attr == "get_waiter"
    )
