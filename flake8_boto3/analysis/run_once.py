"""Which functions of a module run once per process?

Once per process is a property of reachability, not of one call site. Entry
points run once: module level and class bodies, the ``if __name__ ==
"__main__":`` block, ``main()``, command-line commands (click, typer and
friends: see :func:`functions.entry_point_reason`) and CloudFormation
custom-resource handlers (a few times in a stack's life). A function whose
every use in its module is a call from code that runs once runs once too,
directly or through other such functions: scenario and demo functions,
``usage_demo()`` called from ``main()``, ``app = create_app()``.

A recursive function's calls of itself don't count against it. A function
that is never called in its module, or is used other than by calling it
(passed as a callback, stored in a table), is not known to run once: its
callers elsewhere may call it on every request.
"""

from __future__ import annotations

from functools import cached_property

from astroid import nodes

from flake8_boto3.analysis import functions
from flake8_boto3.analysis.names import FUNCTION_TYPES, bindings, enclosing_class, enclosing_function

MAX_ROUNDS = 20


def _uses(module: nodes.Module, candidates: set[nodes.FunctionDef]) -> dict[nodes.FunctionDef, list[nodes.NodeNG]]:
    """Every reference in the module to each candidate: names bound to it, ``self.f``/``cls.f`` in its class."""
    by_name: dict[str, list[nodes.FunctionDef]] = {}
    for function in candidates:
        by_name.setdefault(function.name, []).append(function)
    found: dict[nodes.FunctionDef, list[nodes.NodeNG]] = {function: [] for function in candidates}
    for node in module.nodes_of_class((nodes.Name, nodes.Attribute)):
        if isinstance(node, nodes.Name):
            if node.name not in by_name:
                continue
            for binding in bindings(node):
                if binding in found:
                    found[binding].append(node)
        elif node.attrname in by_name and isinstance(node.expr, nodes.Name) and node.expr.name in ("self", "cls"):
            caller = enclosing_function(node)
            cls = enclosing_class(caller) if caller is not None else None
            for method in by_name[node.attrname]:
                if method.parent is cls:
                    found[method].append(node)
    return found


def _called_here(use: nodes.NodeNG) -> bool:
    parent = use.parent
    return isinstance(parent, nodes.Call) and parent.func is use


def once_per_process(module: nodes.Module) -> set[nodes.FunctionDef]:
    """The functions of ``module`` that run once per process (see the module docs)."""
    every = [f for f in module.nodes_of_class(FUNCTION_TYPES)]
    once = {f for f in every if functions.entry_point_reason(f)}
    candidates = {f for f in every if f not in once}
    uses = _uses(module, candidates)

    def in_once_code(node: nodes.NodeNG, callee: nodes.FunctionDef) -> bool:
        function = enclosing_function(node)
        if function is callee:
            return True  # recursion: still the work of whoever first called it
        return function is None or function in once or functions.under_main_guard(node)

    for _ in range(MAX_ROUNDS):
        added = {
            function
            for function in candidates - once
            if any(enclosing_function(use) is not function for use in uses[function])
            and all(_called_here(use) and in_once_code(use, function) for use in uses[function])
        }
        if not added:
            break
        once |= added
    return once


class OncePerProcess:
    """What runs once per process in one module, worked out the first time someone asks."""

    def __init__(self, module: nodes.Module) -> None:
        self.module = module

    @cached_property
    def functions(self) -> set[nodes.FunctionDef]:
        return once_per_process(self.module)

    def __contains__(self, function: nodes.FunctionDef) -> bool:
        return function in self.functions

    def runs_once(self, node: nodes.NodeNG) -> bool:
        """Code at ``node`` runs once per process: module level, the main guard, or such a function."""
        if functions.under_main_guard(node):
            return True
        function = enclosing_function(node)
        return function is None or function in self.functions
