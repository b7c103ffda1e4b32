"""What a function is for: request handler, run-once entry point, cached, test code.

These decide where creating a boto3 client costs something on every request
and where it runs once per process.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterator
from dataclasses import dataclass

from astroid import nodes

from flake8_boto3.analysis.names import (
    FUNCTION_TYPES,
    bindings,
    decorator_names,
    dotted_name,
    enclosing_class,
    enclosing_function,
    enclosing_functions,
    innermost_loop,
    positional_parameter_names,
)
from flake8_boto3.settings import Settings

# Methods that run once per object or per test, not per request.
RUN_ONCE_METHODS = frozenset(
    {
        "__init__",
        "__post_init__",
        "__new__",
        "__enter__",
        "__aenter__",
        "__init_subclass__",
        "__set_name__",
        "setUp",
        "setUpClass",
        "asyncSetUp",
        "setup_method",
        "setup_class",
        "setup_module",
        "setup",
        "setup_function",
    }
)
# Decorators whose function's result is computed once (per argument).
CACHE_DECORATORS = frozenset(
    {"cache", "lru_cache", "cached_property", "cached", "memoize", "memoized", "cachedmethod", "cache_resource", "once"}
)
# Command-line entry points: run once per process.
COMMAND_DECORATORS = frozenset({"command", "group", "callback", "main"})
# crhelper's registration decorators (`@helper.create`) and the modules custom resources use.
CUSTOM_RESOURCE_EVENTS = frozenset({"create", "update", "delete", "poll_create", "poll_update", "poll_delete"})
CUSTOM_RESOURCE_MODULES = ("cfnresponse", "crhelper", "CfnResource")
TEST_FILE_PATTERNS = ("test_*.py", "*_test.py", "tests.py", "conftest.py")
TEST_BASE_CLASSES = frozenset({"TestCase", "IsolatedAsyncioTestCase", "AioHTTPTestCase", "SimpleTestCase"})


def is_test_file(path: str) -> bool:
    normalized = path.replace("\\", "/")
    name = os.path.basename(normalized)
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in TEST_FILE_PATTERNS)


def _last(name: str) -> str:
    return name.rsplit(".", 1)[-1]


def _is_test_class(cls: nodes.ClassDef) -> bool:
    if cls.name.startswith("Test"):
        return True
    return any(_last(base.as_string()) in TEST_BASE_CLASSES for base in cls.bases)


def is_test_function(function: nodes.FunctionDef) -> bool:
    """Test functions, test methods, test classes' helpers and pytest fixtures."""
    if function.name.startswith("test"):
        return True
    if any(_last(name) in ("fixture", "yield_fixture") for name in decorator_names(function)):
        return True
    cls = enclosing_class(function)
    return cls is not None and _is_test_class(cls)


def in_test_code(node: nodes.NodeNG) -> bool:
    return any(is_test_function(function) for function in enclosing_functions(node))


def handler_reason(function: nodes.FunctionDef, settings: Settings) -> str | None:
    """Why ``function`` is a request handler ("Lambda handler", "web route"), or None.

    CloudFormation custom resource handlers are not: they run a few times in a stack's life.
    """
    if is_custom_resource_handler(function):
        return None
    params = positional_parameter_names(function)
    if enclosing_class(function) is not None and params[:1] and params[0] in ("self", "cls"):
        params = params[1:]
    if len(params) >= 2 and params[0].lstrip("_") == "event" and params[1].lstrip("_") in ("context", "ctx"):
        return "Lambda handler"
    if any(fnmatch.fnmatchcase(function.name, pattern) for pattern in settings.handler_names):
        return "Lambda handler"
    for name in decorator_names(function):
        if any(fnmatch.fnmatchcase(name, pattern) for pattern in settings.handler_decorators):
            return "request handler"
    return None


def is_custom_resource_handler(function: nodes.FunctionDef) -> bool:
    """A CloudFormation custom resource's handler: it dispatches on ``event["RequestType"]``, is
    registered with crhelper (``@helper.create``...), or is a Lambda handler in a module that uses
    ``cfnresponse`` or crhelper. It runs a few times in a stack's life, not per request."""
    decorators = function.decorators.nodes if function.decorators else []
    if any(_registered_with_crhelper(decorator) for decorator in decorators):
        return True
    params = positional_parameter_names(function)
    if not params:
        return False
    event = params[1] if params[0] in ("self", "cls") and len(params) > 1 else params[0]
    for node in function.nodes_of_class((nodes.Const,)):
        if node.value == "RequestType" and _reads_from(node, event):
            return True
    module = function.root()
    return len(params) >= 2 and any(name in module.locals for name in CUSTOM_RESOURCE_MODULES) and bool(
        params[0].lstrip("_") == "event"
    )


def _registered_with_crhelper(decorator: nodes.NodeNG) -> bool:
    """``@helper.create`` where ``helper = CfnResource(...)`` (not FastAPI's ``@app.delete("/x")``)."""
    if not isinstance(decorator, nodes.Attribute) or decorator.attrname not in CUSTOM_RESOURCE_EVENTS:
        return False
    if not isinstance(decorator.expr, nodes.Name):
        return False
    for binding in bindings(decorator.expr):
        statement = binding.parent
        if isinstance(statement, nodes.Assign) and isinstance(statement.value, nodes.Call):
            if (dotted_name(statement.value.func) or "").endswith("CfnResource"):
                return True
    return False


def _reads_from(key: nodes.Const, name: str) -> bool:
    """``name["RequestType"]`` or ``name.get("RequestType")``."""
    parent = key.parent
    if isinstance(parent, nodes.Subscript) and parent.slice is key:
        return isinstance(parent.value, nodes.Name) and parent.value.name == name
    if isinstance(parent, nodes.Call) and isinstance(parent.func, nodes.Attribute) and parent.func.attrname == "get":
        return isinstance(parent.func.expr, nodes.Name) and parent.func.expr.name == name
    return False


def _is_alternate_constructor(function: nodes.FunctionDef) -> bool:
    """``@classmethod def from_env(cls): return cls(boto3.client(...))``: a constructor, like ``__init__``."""
    if "classmethod" not in {_last(name) for name in decorator_names(function)}:
        return False
    for ret in function.nodes_of_class(nodes.Return, skip_klass=(*FUNCTION_TYPES, nodes.ClassDef)):
        value = ret.value
        if isinstance(value, nodes.Call) and isinstance(value.func, nodes.Name) and value.func.name == "cls":
            return True
    return False


def entry_point_reason(function: nodes.FunctionDef) -> str | None:
    """Why ``function`` is an entry point that runs once per process, or None."""
    if function.name == "main":
        return "main runs once per process"
    for name in decorator_names(function):
        last = _last(name)
        if (last in COMMAND_DECORATORS and "." in name) or "cli" in last.lower() or "command" in last.lower():
            return f"@{name} makes it a command-line entry point"
    if is_custom_resource_handler(function):
        return "a CloudFormation custom resource handler runs a few times in a stack's life"
    return None


def run_once_reason(function: nodes.FunctionDef) -> str | None:
    """Why ``function`` runs once per process (or per object), or None."""
    if function.name in RUN_ONCE_METHODS:
        return f"{function.name} runs once per object"
    if _is_alternate_constructor(function):
        return f"{function.name} is an alternate constructor: it runs once per object"
    for name in decorator_names(function):
        if _last(name) in CACHE_DECORATORS:
            return f"its result is cached by @{name}"
    return entry_point_reason(function)


def under_main_guard(node: nodes.NodeNG) -> bool:
    """Inside ``if __name__ == "__main__":``."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.If):
            test = parent.test.as_string()
            if "__name__" in test and "__main__" in test:
                return True
        parent = parent.parent
    return False


def same_module_callees(call: nodes.Call) -> list[nodes.FunctionDef]:
    """The functions of the call's own module that it calls, by name or through ``self``/``cls``.

    Resolved by scope lookup, not by inference: cheap, and enough for the
    helpers a handler calls in its own module.
    """
    func = call.func
    candidates: list[nodes.NodeNG] = []
    if isinstance(func, nodes.Name):
        candidates = bindings(func)
    elif isinstance(func, nodes.Attribute) and isinstance(func.expr, nodes.Name) and func.expr.name in ("self", "cls"):
        caller = enclosing_function(call)
        cls = enclosing_class(caller) if caller is not None else None
        candidates = cls.locals.get(func.attrname, []) if cls is not None else []
    module = call.root()
    return [c for c in candidates if isinstance(c, FUNCTION_TYPES) and c.root() is module]


def called_functions(function: nodes.FunctionDef) -> Iterator[tuple[nodes.Call, nodes.FunctionDef]]:
    """(call, callee) for the functions of the same module that ``function`` calls."""
    for call in function.nodes_of_class(nodes.Call):
        for callee in same_module_callees(call):
            yield call, callee


@dataclass(frozen=True)
class Reach:
    """How a request handler reaches a function: the handler, why it is one, and whether through a loop."""

    handler: nodes.FunctionDef
    reason: str
    in_loop: bool = False


def functions_reached_from_handlers(module: nodes.Module, settings: Settings, limit: int = 200) -> dict:
    """{function: Reach} for handlers and the same-module functions they call.

    ``in_loop``: some call on the way sits in a loop, so the function runs on
    every iteration of it, not once per request.
    """
    reached: dict[nodes.FunctionDef, Reach] = {}
    queue: list[nodes.FunctionDef] = []
    for function in module.nodes_of_class(FUNCTION_TYPES):
        reason = handler_reason(function, settings)
        if reason:
            reached[function] = Reach(function, reason)
            queue.append(function)
    while queue and len(reached) < limit:
        function = queue.pop(0)
        reach = reached[function]
        for call, callee in called_functions(function):
            if callee not in reached:
                in_loop = reach.in_loop or innermost_loop(call) is not None
                reached[callee] = Reach(reach.handler, reach.reason, in_loop)
                queue.append(callee)
    return reached


def module_calls_of(function: nodes.FunctionDef) -> list[nodes.Call]:
    """The calls of ``function`` in its own module (by name, or ``self.f()`` in its class)."""
    module = function.root()
    cls = enclosing_class(function)
    found = []
    for call in module.nodes_of_class(nodes.Call):
        func = call.func
        if isinstance(func, nodes.Name) and func.name == function.name:
            if function in bindings(func):
                found.append(call)
        elif isinstance(func, nodes.Attribute) and func.attrname == function.name and cls is not None:
            if isinstance(func.expr, nodes.Name) and func.expr.name in ("self", "cls"):
                caller = enclosing_function(call)
                if caller is not None and caller.parent is cls:
                    found.append(call)
    return found


def helpers_given_values(scope: nodes.NodeNG) -> list[nodes.FunctionDef]:
    """Functions of the same module that ``scope`` calls with arguments (a response handed on)."""
    if not isinstance(scope, FUNCTION_TYPES):
        return []
    return [callee for call, callee in called_functions(scope) if call.args or call.keywords]
