"""What a function is for: request handler, run-once entry point, cached, test code.

These decide where creating a boto3 client costs something on every request
and where it runs once per process.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterator

from astroid import nodes

from flake8_boto3.analysis.names import (
    FUNCTION_TYPES,
    bindings,
    decorator_names,
    enclosing_class,
    enclosing_functions,
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
    """Why ``function`` is a request handler ("Lambda handler", "web route"), or None."""
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


def run_once_reason(function: nodes.FunctionDef) -> str | None:
    """Why ``function`` runs once per process (or per object), or None."""
    if function.name in RUN_ONCE_METHODS:
        return f"{function.name} runs once per object"
    if function.name == "main":
        return "main runs once per process"
    for name in decorator_names(function):
        last = _last(name)
        if last in CACHE_DECORATORS:
            return f"its result is cached by @{name}"
        if (last in COMMAND_DECORATORS and "." in name) or "cli" in last.lower() or "command" in last.lower():
            return f"@{name} makes it a command-line entry point"
    return None


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


def called_functions(function: nodes.FunctionDef) -> Iterator[nodes.FunctionDef]:
    """Functions of the same module that ``function`` calls by name or through ``self``.

    Resolved by scope lookup, not by inference: cheap, and enough for the
    helpers a handler calls in its own module.
    """
    module = function.root()
    cls = enclosing_class(function)
    for call in function.nodes_of_class(nodes.Call):
        func = call.func
        candidates: list[nodes.NodeNG] = []
        if isinstance(func, nodes.Name):
            candidates = bindings(func)
        elif (
            isinstance(func, nodes.Attribute)
            and isinstance(func.expr, nodes.Name)
            and func.expr.name in ("self", "cls")
            and cls is not None
        ):
            candidates = cls.locals.get(func.attrname, [])
        for candidate in candidates:
            if isinstance(candidate, FUNCTION_TYPES) and candidate.root() is module:
                yield candidate


def functions_reached_from_handlers(module: nodes.Module, settings: Settings, limit: int = 200) -> dict:
    """{function: (handler, reason)} for handlers and the same-module functions they call."""
    reached: dict[nodes.FunctionDef, tuple[nodes.FunctionDef, str]] = {}
    queue: list[nodes.FunctionDef] = []
    for function in module.nodes_of_class(FUNCTION_TYPES):
        reason = handler_reason(function, settings)
        if reason:
            reached[function] = (function, reason)
            queue.append(function)
    while queue and len(reached) < limit:
        function = queue.pop(0)
        handler, reason = reached[function]
        for callee in called_functions(function):
            if callee not in reached:
                reached[callee] = (handler, reason)
                queue.append(callee)
    return reached
