"""Could this expression have been evaluated once, at module load?

A client construction is *hoistable* when its arguments are literals,
module-level names or values built only from those (``os.environ["REGION"]``,
``Config(retries=...)``, ``boto3.Session().client("s3")``), but not Flask's
context locals (``current_app.config[...]`` exists only inside a request). Then the client
could simply have been created once: that is what BTO101-BTO103 flag. A
construction that needs the function's parameters, ``self`` or a handler's event
is per-call configuration (BTO104), and so is one built from temporary
credentials fetched in the same call (``sts.assume_role(...)``: hoisting it
would reuse credentials after they expire).

The same machinery tells which local names an expression depends on, which
decides whether a construction in a loop changes from one iteration to the next.
"""

from __future__ import annotations

import ast
import re

from flake8_boto3.analysis.code import COMPREHENSION_TYPES, Code
from flake8_boto3.analysis.names import call_name, import_names
from flake8_boto3.aws import table
from flake8_boto3.syntax.names import parameter_default

MAX_DEPTH = 12

_OPERAND_NODES = (
    ast.BinOp,
    ast.BoolOp,
    ast.UnaryOp,
    ast.Compare,
    ast.IfExp,
    ast.Tuple,
    ast.List,
    ast.Set,
    ast.Dict,
    ast.JoinedStr,
    ast.FormattedValue,
    ast.Subscript,
    ast.Slice,
    ast.Attribute,
    ast.Starred,
    ast.keyword,
    ast.Call,
)
# Flask's (and Quart's) context locals: proxies to the app or request of the current context; and what
# Flask's login and JWT extensions read from the current request (the logged-in user, the token's identity).
CONTEXT_LOCALS = frozenset({"current_app", "g", "request", "session", "websocket"})
REQUEST_STATE = {
    "flask": CONTEXT_LOCALS,
    "quart": CONTEXT_LOCALS,
    "flask_login": frozenset({"current_user"}),
    "flask_jwt_extended": frozenset({"current_user", "get_current_user", "get_jwt", "get_jwt_identity"}),
}
_DEFINITIONS = (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def _imports_a_context_local(binding: object, local_name: str) -> bool:
    """``from flask import current_app``: a proxy that exists only inside an app or request context, so
    ``current_app.config[...]`` cannot be read at module load (nor ``get_jwt_identity()``, from
    ``flask_jwt_extended``: the identity in the current request's token)."""
    if not isinstance(binding, ast.ImportFrom):
        return False
    names = REQUEST_STATE.get(binding.module or "", frozenset())
    return any((alias or name) == local_name and name in names for name, alias in import_names(binding))


def _is_context_local_attribute(node: ast.AST) -> bool:
    """``flask.current_app``, ``flask.session``: a context local reached through its module."""
    return (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.attr in REQUEST_STATE.get(node.value.id, frozenset())
    )


def _is_assign_name(binding: object) -> bool:
    """astroid's ``AssignName`` of an assignment target (a parameter's is an ``ast.arg``)."""
    return isinstance(binding, ast.Name) and isinstance(binding.ctx, ast.Store)


def _binding_is_hoistable(code: Code, binding: object, seen: set, depth: int) -> bool:
    if isinstance(binding, _DEFINITIONS):
        return True
    if isinstance(binding, ast.arg):
        default = _default_the_route_always_gets(code, binding)
        return default is not None and is_hoistable(code, default, seen, depth + 1)
    if not _is_assign_name(binding):
        return False
    parent = code.parent(binding)
    if isinstance(parent, ast.Assign) and binding in parent.targets:
        if _is_container(parent.value) and is_mutated(code, binding):
            return False  # params = {}; params["region_name"] = region
        return is_hoistable(code, parent.value, seen, depth + 1)
    if isinstance(parent, ast.AnnAssign) and parent.value is not None:
        return is_hoistable(code, parent.value, seen, depth + 1)
    # Parameters, loop targets, `with ... as`, `except ... as`, unpacking, walrus.
    return False


# A URL rule's variables: <region>, <string:region>, <path:key>.
_RULE_VARIABLE = re.compile(r"<(?:[^<>:]+:)?(\w+)>")


def _default_the_route_always_gets(code: Code, parameter: ast.arg) -> ast.AST | None:
    """The default of a parameter of a ``@app.route("/s3/")`` view that its URL rule does not name:
    Flask, Quart and Chalice pass a view only the rule's variables, so it always has its default.
    (Not with ``defaults=`` in the route, nor for ``@app.get``: FastAPI takes such a parameter from
    the query string.)"""
    arguments = code.parent(parameter)
    function = code.parent(arguments) if isinstance(arguments, ast.arguments) else None
    if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return None
    rules = [
        decorator.args[0].value
        for decorator in function.decorator_list
        if isinstance(decorator, ast.Call)
        and isinstance(decorator.func, ast.Attribute)
        and decorator.func.attr == "route"
        and decorator.args
        and isinstance(decorator.args[0], ast.Constant)
        and isinstance(decorator.args[0].value, str)
        and not any(keyword.arg in ("defaults", None) for keyword in decorator.keywords)
    ]
    if not rules or len(rules) != len(function.decorator_list):
        return None
    if any(parameter.arg in _RULE_VARIABLE.findall(rule) for rule in rules):
        return None
    return parameter_default(arguments, parameter)


def _is_container(value: ast.AST) -> bool:
    if isinstance(value, (ast.Dict, ast.List, ast.Set)):
        return True
    if not (isinstance(value, ast.Call) and isinstance(value.func, ast.Name)):
        return False
    return value.func.id in ("dict", "list", "set")


def is_mutated(code: Code, binding: ast.Name) -> bool:
    """The local bound here is changed in place later: item assignment, augmented
    assignment or any method call (``.update()``, ``.append()``...)."""
    scope = code.home.scopes.scope_of(binding)
    name = binding.id
    for node in code.nodes((ast.Subscript, ast.AugAssign, ast.Attribute), within=scope):
        if isinstance(node, ast.AugAssign):
            if _is_assign_name(node.target) and node.target.id == name:
                return True
            continue
        if isinstance(node, ast.Attribute) and not isinstance(node.ctx, ast.Load):
            continue  # astroid's AssignAttr/DelAttr are not Attribute nodes
        base = node.value
        if not isinstance(base, ast.Name) or not isinstance(base.ctx, ast.Load) or base.id != name:
            continue
        if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Store):
            return True
        if isinstance(node, ast.Attribute):
            parent = code.parent(node)
            if isinstance(parent, ast.Call) and parent.func is node:
                return True
    return False


def is_hoistable(code: Code, node: ast.AST, seen: set | None = None, depth: int = 0) -> bool:
    """True when ``node`` only depends on literals and module-level names."""
    if depth > MAX_DEPTH:
        return False
    seen = set() if seen is None else seen
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
        if node in seen:
            return False
        seen.add(node)
        try:
            scope, bindings = code.lookup(node)
        except Exception:  # noqa: BLE001 - astroid raises a variety of errors on odd scopes
            return False
        if code.is_module_scope(scope):
            return not any(_imports_a_context_local(binding, node.id) for binding in bindings)  # module-level
        if isinstance(scope, ast.ClassDef) or not bindings:
            return False
        return all(_binding_is_hoistable(code, binding, seen, depth) for binding in bindings)
    if isinstance(node, (ast.Lambda, *COMPREHENSION_TYPES, ast.Await, ast.Yield, ast.NamedExpr)):
        return False
    if isinstance(node, ast.Call) and call_name(node) in table().credential_operations:
        return False  # temporary credentials expire: fetched per call, used per call
    if _is_context_local_attribute(node):
        return False  # flask.current_app
    if isinstance(node, _OPERAND_NODES):
        return all(is_hoistable(code, child, seen, depth + 1) for child in code.home.tree.children(node))
    return False


def arguments_of(call: ast.Call) -> list[ast.AST]:
    """What a construction's result depends on: its arguments and its receiver."""
    parts: list[ast.AST] = [*call.args, *(kw.value for kw in call.keywords or ())]
    if isinstance(call.func, ast.Attribute):
        parts.append(call.func.value)
    return parts


def construction_is_hoistable(code: Code, call: ast.Call) -> bool:
    return all(is_hoistable(code, part) for part in arguments_of(call))


def uses_fetched_credentials(code: Code, node: ast.AST) -> bool:
    """Does ``node`` (a construction's argument, through the local assignments of its function)
    depend on a call that returns temporary credentials (``sts.assume_role(...)["Credentials"]``)?

    A factory that assumes a role and returns a client made from the credentials
    (``get_assumed_role_client(arn)``) makes a client per call by design, whatever its own
    arguments: the credentials expire, an hour by default."""
    return _reaches(code, node, _fetches_credentials, module_names=lambda name, bindings: False)


def uses_request_state(code: Code, node: ast.AST) -> bool:
    """Does ``node`` (a construction's argument, through the local assignments of its function) read a
    Flask or Quart context local (``session``, ``request``, ``g``, ``current_app``, or
    ``flask.session`` through the module)?

    A factory that builds the client from the logged-in user's keys (``user =
    User.query.get(session["user_id"])``) makes one per request by design: no module-level client
    could hold them."""
    return _reaches(
        code,
        node,
        _is_context_local_attribute,
        module_names=lambda name, bindings: any(_imports_a_context_local(binding, name) for binding in bindings),
    )


def _fetches_credentials(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and call_name(node) in table().credential_operations


def _reaches(code: Code, node: ast.AST, is_source, module_names, depth: int = 0, seen: set | None = None) -> bool:
    """Does ``node`` reach, through its operands and the local assignments of its function, a node
    ``is_source`` accepts, or a module-level name ``module_names(name, bindings)`` accepts?"""
    seen = set() if seen is None else seen
    if depth > MAX_DEPTH or node in seen:
        return False
    seen.add(node)
    if is_source(node):
        return True
    if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
        try:
            scope, bindings = code.lookup(node)
        except Exception:  # noqa: BLE001
            return False
        if scope is None:
            return False
        if code.is_module_scope(scope):
            return module_names(node.id, bindings)
        for binding in bindings:
            parent = code.parent(binding) if _is_assign_name(binding) else None
            if isinstance(parent, (ast.Assign, ast.AnnAssign)) and parent.value is not None:
                if _reaches(code, parent.value, is_source, module_names, depth + 1, seen):
                    return True
        return False
    if isinstance(node, _OPERAND_NODES):
        return any(
            _reaches(code, child, is_source, module_names, depth + 1, seen) for child in code.home.tree.children(node)
        )
    return False


def local_names(code: Code, node: ast.AST, scope: ast.AST, depth: int = 0, seen: set | None = None) -> set[str]:
    """Names of ``scope``'s locals that ``node`` depends on, through local assignments."""
    seen = set() if seen is None else seen
    found: set[str] = set()
    if depth > MAX_DEPTH:
        return found
    if isinstance(node, ast.Name):
        names = [node] if isinstance(node.ctx, ast.Load) else []
    else:
        names = [n for n in code.nodes(ast.Name, within=node) if isinstance(n.ctx, ast.Load)]
    for name in names:
        if name in seen:
            continue
        seen.add(name)
        try:
            name_scope, bindings = code.lookup(name)
        except Exception:  # noqa: BLE001
            continue
        if name_scope is None:
            continue
        if name_scope is not scope and not _encloses(code, scope, name_scope):
            continue
        found.add(name.id)
        for binding in bindings:
            parent = code.parent(binding) if isinstance(binding, ast.AST) else None
            assigned = isinstance(parent, (ast.Assign, ast.AnnAssign)) and parent.value is not None
            if _is_assign_name(binding) and assigned:
                found |= local_names(code, parent.value, scope, depth + 1, seen)
    return found


def _encloses(code: Code, outer: ast.AST, inner: object) -> bool:
    return isinstance(inner, ast.AST) and inner is not outer and code.is_inside(inner, outer)
