"""Where each boto3 client, resource and session of a module is created, and how often.

Every construction (a boto3 constructor call, or a call of a project function
that returns a *new* client: a factory) gets at most one verdict, the most
specific one: created in a loop (BTO102), in a request handler (BTO101), in any
other function on every call (BTO103), or per call from the call's arguments
(BTO104). Constructions that run once per process get none.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from functools import cached_property

from astroid import nodes

from flake8_boto3.analysis import functions, hoisting, run_once
from flake8_boto3.analysis.names import (
    COMPREHENSION_TYPES,
    FUNCTION_TYPES,
    bindings,
    enclosing_function,
    enclosing_functions,
    innermost_loop,
)
from flake8_boto3 import project
from flake8_boto3.inference import Boto3Object, Kind, infer_boto3
from flake8_boto3.inference.brain_boto3 import constructed_by, may_construct
from flake8_boto3.settings import Settings


class Verdict(enum.Enum):
    IN_HANDLER = "BTO101"
    IN_LOOP = "BTO102"
    IN_FUNCTION = "BTO103"
    PER_CALL_ARGUMENTS = "BTO104"


@dataclass(frozen=True)
class Construction:
    call: nodes.Call
    kind: Kind
    service: str | None
    # The project function called, when the construction is a factory call.
    factory: nodes.FunctionDef | None = None


@dataclass(frozen=True)
class Site:
    """A construction with its verdict and the context the message names."""

    construction: Construction
    verdict: Verdict
    function: nodes.FunctionDef | None
    # How a request handler reaches the construction, when one does.
    reach: functions.Reach | None = None

    @property
    def handler(self) -> nodes.FunctionDef | None:
        return self.reach.handler if self.reach is not None else None

    @property
    def handler_reason(self) -> str | None:
        return self.reach.reason if self.reach is not None else None

    @property
    def call(self) -> nodes.Call:
        return self.construction.call

    def describe(self) -> str:
        """``boto3 client 's3'``, ``new boto3 client from make_s3()`` ..."""
        c = self.construction
        service = f" '{c.service}'" if c.service else ""
        what = f"boto3 {c.kind.value}{service}"
        if c.factory is not None:
            return f"new {what} from {c.factory.name}()"
        return what


# --- loops --------------------------------------------------------------------


def loop_bound_names(loop: nodes.NodeNG) -> set[str]:
    """Names that may change from one iteration of ``loop`` to the next."""
    if isinstance(loop, COMPREHENSION_TYPES):
        return {n.name for g in loop.generators for n in g.target.nodes_of_class(nodes.AssignName)}
    names: set[str] = set()
    if isinstance(loop, (nodes.For, nodes.AsyncFor)):
        names |= {n.name for n in loop.target.nodes_of_class(nodes.AssignName)}
    for statement in loop.body:
        names |= {n.name for n in statement.nodes_of_class(nodes.AssignName)}
    return names


def depends_on_loop(call: nodes.Call, loop: nodes.NodeNG) -> bool:
    scope = loop.scope() if not isinstance(loop, COMPREHENSION_TYPES) else loop.parent.scope()
    used: set[str] = set()
    for part in hoisting.arguments_of(call):
        used |= hoisting.local_names(part, scope)
    return bool(used & loop_bound_names(loop))


# --- lazy singletons ----------------------------------------------------------------


def _assignment_target(call: nodes.Call) -> nodes.NodeNG | None:
    """``x`` in ``x = <call>`` (the call may sit inside e.g. a conditional expression)."""
    node: nodes.NodeNG = call
    while node.parent is not None and not isinstance(node.parent, (nodes.Assign, nodes.AnnAssign, *FUNCTION_TYPES)):
        if isinstance(node.parent, (nodes.Expr, nodes.Return, nodes.If, nodes.For, nodes.While)):
            return None
        node = node.parent
    statement = node.parent
    if isinstance(statement, nodes.Assign) and len(statement.targets) == 1:
        return statement.targets[0]
    if isinstance(statement, nodes.AnnAssign):
        return statement.target
    return None


def _declared_global(function: nodes.FunctionDef | None, name: str) -> bool:
    if function is None:
        return False
    return any(name in g.names for g in function.nodes_of_class(nodes.Global))


def _guarded_by_check_of(node: nodes.NodeNG, expression: str, stop: nodes.NodeNG | None) -> bool:
    parent = node.parent
    while parent is not None and parent is not stop:
        if isinstance(parent, (nodes.If, nodes.IfExp, nodes.While)) and expression in parent.test.as_string():
            return True
        parent = parent.parent
    return False


def is_lazily_cached(call: nodes.Call) -> bool:
    """``global X; X = boto3.client()``, ``if self._c is None: self._c = ...``, per-key caches."""
    target = _assignment_target(call)
    function = enclosing_function(call)
    if isinstance(target, nodes.AssignName):
        if _declared_global(function, target.name):
            return True
        # _client = _client or boto3.client(...)
        parent = call.parent
        return isinstance(parent, nodes.BoolOp) and parent.op == "or" and target.name in parent.values[0].as_string()
    if isinstance(target, nodes.AssignAttr):
        watched = target.as_string()
    elif isinstance(target, nodes.Subscript):
        watched = target.value.as_string()
    else:
        return False
    return _guarded_by_check_of(call, watched, function) or (
        isinstance(call.parent, nodes.BoolOp) and watched in call.parent.values[0].as_string()
    )


def _could_be_factory(function: nodes.FunctionDef) -> bool:
    """Cheap test before inferring return values: the function creates a client itself
    (a constructor-shaped call) or returns another call's result (a wrapped factory)."""
    for node in function.nodes_of_class((nodes.Call, nodes.Return), skip_klass=(*FUNCTION_TYPES, nodes.ClassDef)):
        if isinstance(node, nodes.Return):
            if isinstance(node.value, nodes.Call):
                return True
        elif may_construct(node):
            return True
    return False


# --- the analysis ------------------------------------------------------------------


class Lifecycle:
    """All constructions of one module with their verdicts."""

    def __init__(
        self, module: nodes.Module, settings: Settings, test_file: bool, once: run_once.OncePerProcess
    ) -> None:
        self.module = module
        self.settings = settings
        self.test_file = test_file
        self.once = once
        self._factory_cache: dict[nodes.FunctionDef, tuple[Kind, str | None] | None] = {}
        # For each factory: the calls its return statements hold or return the result of.
        self._returned_calls: dict[nodes.FunctionDef, set[nodes.Call]] = {}

    # constructions ------------------------------------------------------------

    def _direct_construction(self, call: nodes.Call) -> Construction | None:
        found = constructed_by(call)
        return Construction(call, found.kind, found.service) if found is not None else None

    def factory_result(self, function: nodes.FunctionDef) -> tuple[Kind, str | None] | None:
        """(kind, service) when ``function`` returns a client it creates itself."""
        if function in self._factory_cache:
            return self._factory_cache[function]
        self._factory_cache[function] = None  # recursion guard
        result = None
        returned: set[nodes.Call] = set()
        if not functions.run_once_reason(function) and _could_be_factory(function):
            for ret in function.nodes_of_class(nodes.Return, skip_klass=(*FUNCTION_TYPES, nodes.ClassDef)):
                if ret.value is None:
                    continue
                returned.update(ret.value.nodes_of_class(nodes.Call))
                if result is None and isinstance(ret.value, nodes.Call):
                    wrapped = self._factory_call(ret.value)  # a factory wrapping another
                    if wrapped is not None:
                        result = (wrapped.kind, wrapped.service)
                # The returned object, or the table/bucket/meta.client made from it,
                # comes from a construction in this very function.
                found: Boto3Object | None = infer_boto3(ret.value)
                origin = found.origin if found is not None else None
                if isinstance(origin, nodes.Call):
                    returned.add(origin)
                if (
                    result is None
                    and isinstance(origin, nodes.Call)
                    and enclosing_function(origin) is function
                    and not is_lazily_cached(origin)
                ):
                    constructed = infer_boto3(origin)
                    if constructed is not None and constructed.is_constructed:
                        result = (constructed.kind, constructed.service)
        self._factory_cache[function] = result
        self._returned_calls[function] = returned
        return result

    def _factory_call(self, call: nodes.Call) -> Construction | None:
        callee = self._resolve_project_function(call)
        if callee is None:
            return None
        result = self.factory_result(callee)
        if result is None:
            return None
        return Construction(call, result[0], result[1], factory=callee)

    def _resolve_project_function(self, call: nodes.Call) -> nodes.FunctionDef | None:
        """The project function ``call`` calls, found without loading third-party code."""
        func = call.func
        if isinstance(func, nodes.Name):
            for binding in bindings(func):
                if isinstance(binding, FUNCTION_TYPES):
                    return binding
                if isinstance(binding, nodes.ImportFrom) and self._imports_boto3_user(binding, func.name):
                    return self._infer_function(func)
            return None
        if isinstance(func, nodes.Attribute) and isinstance(func.expr, nodes.Name):
            if func.expr.name in ("self", "cls"):
                function = enclosing_function(call)
                cls = function.parent if function is not None else None
                if isinstance(cls, nodes.ClassDef):
                    for method in cls.locals.get(func.attrname, []):
                        if isinstance(method, FUNCTION_TYPES):
                            return method
                return None
            if any(self._imports_boto3_user(b, func.expr.name) for b in bindings(func.expr)):
                return self._infer_function(func)
        return None

    @staticmethod
    def _infer_function(func: nodes.NodeNG) -> nodes.FunctionDef | None:
        try:
            inferred = [value for value in func.infer()]
        except Exception:
            return None
        if len(inferred) == 1 and isinstance(inferred[0], FUNCTION_TYPES):
            return inferred[0]
        return None

    def _imports_boto3_user(self, node: nodes.NodeNG, local_name: str) -> bool:
        """``node`` imports ``local_name`` from a project module whose source mentions boto3.

        The module's text is screened before astroid builds it: factories live in
        modules that import boto3 (or its stubs); everything else is never loaded.
        """
        if isinstance(node, nodes.ImportFrom):
            try:
                base = self.module.relative_to_absolute_name(node.modname, node.level)
            except Exception:
                return False
            original = next((name for name, alias in node.names if (alias or name) == local_name), local_name)
            candidates = [base, f"{base}.{original}"]
        elif isinstance(node, nodes.Import):
            candidates = [name for name, alias in node.names if (alias or name).split(".")[0] == local_name]
        else:
            return False
        return any(project.mentions_boto3(name) for name in candidates)

    @cached_property
    def constructions(self) -> list[Construction]:
        found = []
        for call in self.module.nodes_of_class(nodes.Call):
            construction = self._direct_construction(call) or self._factory_call(call)
            if construction is not None:
                found.append(construction)
        return found

    # verdicts -----------------------------------------------------------------

    @cached_property
    def _handler_reach(self) -> dict:
        return functions.functions_reached_from_handlers(self.module, self.settings)

    def _handler_for(self, function: nodes.FunctionDef) -> functions.Reach | None:
        """How a handler reaches ``function``: it is the handler, is nested in it, or is called by it."""
        for current in (function, *enclosing_functions(function)):
            if current in self._handler_reach:
                reach = self._handler_reach[current]
                if current is not reach.handler and functions.run_once_reason(current):
                    return None
                return reach
        return None

    def _returned_by_factory(self, construction: Construction, function: nodes.FunctionDef) -> bool:
        """The construction is what its (factory) function returns: judge the call sites."""
        if self.factory_result(function) is None:
            return False
        return construction.call in self._returned_calls[function]

    def _is_receiver_of_construction(self, construction: Construction, constructed_calls: set) -> bool:
        """``boto3.Session()`` in ``boto3.Session().client("s3")``: judged with the client."""
        parent = construction.call.parent
        return isinstance(parent, nodes.Attribute) and parent.parent in constructed_calls

    def verdict(self, construction: Construction, constructed_calls: set) -> Site | None:
        call = construction.call
        if self.test_file or functions.in_test_code(call) or is_lazily_cached(call):
            return None
        if functions.under_main_guard(call):
            return None
        function = enclosing_function(call)
        if construction.kind is Kind.SESSION and self._is_receiver_of_construction(construction, constructed_calls):
            return None
        loop = innermost_loop(call)
        if loop is not None:
            if not depends_on_loop(call, loop):
                return Site(construction, Verdict.IN_LOOP, function)
            return None  # one client per region, per account: what the loop is for
        if function is None:
            return None  # module level or class body: once per process
        reach = self._handler_for(function)
        if (reach is None or reach.handler is not function) and self._returned_by_factory(construction, function):
            return None  # a factory: its call sites are judged instead
        hoistable = hoisting.construction_is_hoistable(call)
        if reach is not None:
            if not hoistable:
                if construction.kind is Kind.SESSION:
                    return None
                return Site(construction, Verdict.PER_CALL_ARGUMENTS, function, reach)
            if reach.in_loop:
                return Site(construction, Verdict.IN_LOOP, function, reach)  # a helper the handler calls in a loop
            return Site(construction, Verdict.IN_HANDLER, function, reach)
        if construction.kind is Kind.SESSION:
            return None  # boto3 recommends a session per thread
        if self._run_once(function):
            return None
        if not hoistable:
            return Site(construction, Verdict.PER_CALL_ARGUMENTS, function)
        return Site(construction, Verdict.IN_FUNCTION, function)

    def _run_once(self, function: nodes.FunctionDef) -> bool:
        if function in self.once:
            return True
        return any(functions.run_once_reason(f) for f in (function, *enclosing_functions(function)))

    @cached_property
    def sites(self) -> list[Site]:
        constructed_calls = {c.call for c in self.constructions}
        sites = []
        for construction in self.constructions:
            site = self.verdict(construction, constructed_calls)
            if site is not None:
                sites.append(site)
        return sites

    def sites_with(self, verdict: Verdict) -> list[Site]:
        return [site for site in self.sites if site.verdict is verdict]
