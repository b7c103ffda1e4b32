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
callers elsewhere may call it on every request. Nor is a Lambda handler
(``def handler(event, context)``) that a ``main()`` calls to replay a saved
event: the Lambda runtime calls it on every invocation.
"""

from __future__ import annotations

import ast
from functools import cached_property

from flake8_boto3.analysis import functions
from flake8_boto3.analysis.code import FUNCTION_TYPES, Code

MAX_ROUNDS = 20


def _uses(code: Code, candidates: set[ast.AST]) -> dict[ast.AST, list[ast.AST]]:
    """Every reference in the module to each candidate: names bound to it, ``self.f``/``cls.f`` in its
    class, ``x.f`` on an instance of its class the module makes."""
    by_name: dict[str, list[ast.AST]] = {}
    for function in candidates:
        by_name.setdefault(function.name, []).append(function)
    found: dict[ast.AST, list[ast.AST]] = {function: [] for function in candidates}
    for node in code.nodes((ast.Name, ast.Attribute)):
        if not isinstance(node.ctx, ast.Load):
            continue  # astroid's AssignName/AssignAttr: not uses
        if isinstance(node, ast.Name):
            if node.id not in by_name:
                continue
            for binding in code.bindings(node):
                if binding in found:
                    found[binding].append(node)
        elif node.attr in by_name and isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"):
            caller = code.enclosing_function(node)
            cls = code.enclosing_class(caller) if caller is not None else None
            for method in by_name[node.attr]:
                if code.parent(method) is cls:
                    found[method].append(node)
        elif node.attr in by_name:
            # agent = Agent(...); agent.run_audit(): a method of an instance the module makes
            for method in by_name[node.attr]:
                cls = code.parent(method)
                if isinstance(cls, ast.ClassDef) and functions.an_instance_of(code, node.value, cls):
                    found[method].append(node)
    return found


def _called_here(code: Code, use: ast.AST) -> bool:
    parent = code.parent(use)
    return isinstance(parent, ast.Call) and parent.func is use


def once_per_process(code: Code) -> set[ast.AST]:
    """The functions of the module that run once per process (see the module docs)."""
    every = list(code.nodes(FUNCTION_TYPES))
    once = {f for f in every if functions.entry_point_reason(code, f)}
    # A Lambda handler is called by the Lambda runtime, on every invocation, whatever calls it here
    # (a `main()` that replays a saved event).
    candidates = {f for f in every if f not in once and not functions.has_lambda_signature(f)}
    uses = _uses(code, candidates)

    def in_once_code(node: ast.AST, callee: ast.AST) -> bool:
        function = code.enclosing_function(node)
        if function is callee:
            return True  # recursion: still the work of whoever first called it
        return function is None or function in once or functions.under_main_guard(code, node)

    for _ in range(MAX_ROUNDS):
        added = {
            function
            for function in candidates - once
            if any(code.enclosing_function(use) is not function for use in uses[function])
            and all(_called_here(code, use) and in_once_code(use, function) for use in uses[function])
        }
        if not added:
            break
        once |= added
    return once


class OncePerProcess:
    """What runs once per process in one module, worked out the first time someone asks."""

    def __init__(self, code: Code) -> None:
        self.code = code

    @cached_property
    def functions(self) -> set[ast.AST]:
        return once_per_process(self.code)

    def __contains__(self, function: ast.AST) -> bool:
        return function in self.functions

    def runs_once(self, node: ast.AST) -> bool:
        """Code at ``node`` runs once per process: module level, the main guard, or such a function."""
        if functions.under_main_guard(self.code, node):
            return True
        function = self.code.enclosing_function(node)
        return function is None or function in self.functions
