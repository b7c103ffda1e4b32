"""Could this expression have been evaluated once, at module load?

A client construction is *hoistable* when its arguments are literals,
module-level names or values built only from those (``os.environ["REGION"]``,
``Config(retries=...)``, ``boto3.Session().client("s3")``). Then the client
could simply have been created once: that is what BTO101-BTO103 flag. A
construction that needs the function's parameters, ``self`` or a handler's event
is per-call configuration (BTO104), and so is one built from temporary
credentials fetched in the same call (``sts.assume_role(...)``: hoisting it
would reuse credentials after they expire).

The same machinery tells which local names an expression depends on, which
decides whether a construction in a loop changes from one iteration to the next.
"""

from __future__ import annotations

from astroid import nodes
from astroid.const import Context

from flake8_boto3.analysis.names import COMPREHENSION_TYPES, call_name, resolve
from flake8_boto3.aws import table

MAX_DEPTH = 12

_OPERAND_NODES = (
    nodes.BinOp,
    nodes.BoolOp,
    nodes.UnaryOp,
    nodes.Compare,
    nodes.IfExp,
    nodes.Tuple,
    nodes.List,
    nodes.Set,
    nodes.Dict,
    nodes.JoinedStr,
    nodes.FormattedValue,
    nodes.Subscript,
    nodes.Slice,
    nodes.Attribute,
    nodes.Starred,
    nodes.Keyword,
    nodes.Call,
)


def _binding_is_hoistable(binding: nodes.NodeNG, seen: set, depth: int) -> bool:
    if isinstance(binding, (nodes.Import, nodes.ImportFrom, nodes.FunctionDef, nodes.AsyncFunctionDef, nodes.ClassDef)):
        return True
    if not isinstance(binding, nodes.AssignName):
        return False
    parent = binding.parent
    if isinstance(parent, nodes.Assign) and binding in parent.targets:
        if _is_container(parent.value) and is_mutated(binding):
            return False  # params = {}; params["region_name"] = region
        return is_hoistable(parent.value, seen, depth + 1)
    if isinstance(parent, nodes.AnnAssign) and parent.value is not None:
        return is_hoistable(parent.value, seen, depth + 1)
    # Parameters, loop targets, `with ... as`, `except ... as`, unpacking, walrus.
    return False


def _is_container(value: nodes.NodeNG) -> bool:
    if isinstance(value, (nodes.Dict, nodes.List, nodes.Set)):
        return True
    if not (isinstance(value, nodes.Call) and isinstance(value.func, nodes.Name)):
        return False
    return value.func.name in ("dict", "list", "set")


def is_mutated(binding: nodes.AssignName) -> bool:
    """The local bound here is changed in place later: item assignment, augmented
    assignment or any method call (``.update()``, ``.append()``...)."""
    scope = binding.scope()
    name = binding.name
    for node in scope.nodes_of_class((nodes.Subscript, nodes.AugAssign, nodes.Attribute)):
        if isinstance(node, nodes.AugAssign):
            if isinstance(node.target, nodes.AssignName) and node.target.name == name:
                return True
        elif isinstance(node.expr if isinstance(node, nodes.Attribute) else node.value, nodes.Name):
            base = node.expr if isinstance(node, nodes.Attribute) else node.value
            if base.name != name:
                continue
            if isinstance(node, nodes.Subscript) and node.ctx == Context.Store:
                return True
            if isinstance(node, nodes.Attribute) and isinstance(node.parent, nodes.Call) and node.parent.func is node:
                return True
    return False


def is_hoistable(node: nodes.NodeNG, seen: set | None = None, depth: int = 0) -> bool:
    """True when ``node`` only depends on literals and module-level names."""
    if depth > MAX_DEPTH:
        return False
    seen = set() if seen is None else seen
    if isinstance(node, nodes.Const):
        return True
    if isinstance(node, nodes.Name):
        if node in seen:
            return False
        seen.add(node)
        scope, bindings = resolve(node)
        if isinstance(scope, nodes.Module):
            return True  # module-level or builtin
        if isinstance(scope, nodes.ClassDef) or not bindings:
            return False
        return all(_binding_is_hoistable(binding, seen, depth) for binding in bindings)
    if isinstance(node, (nodes.Lambda, *COMPREHENSION_TYPES, nodes.Await, nodes.Yield, nodes.NamedExpr)):
        return False
    if isinstance(node, nodes.Call) and call_name(node) in table().credential_operations:
        return False  # temporary credentials expire: fetched per call, used per call
    if isinstance(node, _OPERAND_NODES):
        return all(is_hoistable(child, seen, depth + 1) for child in node.get_children())
    return False


def arguments_of(call: nodes.Call) -> list[nodes.NodeNG]:
    """What a construction's result depends on: its arguments and its receiver."""
    parts: list[nodes.NodeNG] = [*call.args, *(kw.value for kw in call.keywords or ())]
    if isinstance(call.func, nodes.Attribute):
        parts.append(call.func.expr)
    return parts


def construction_is_hoistable(call: nodes.Call) -> bool:
    return all(is_hoistable(part) for part in arguments_of(call))


def local_names(node: nodes.NodeNG, scope: nodes.NodeNG, depth: int = 0, seen: set | None = None) -> set[str]:
    """Names of ``scope``'s locals that ``node`` depends on, through local assignments."""
    seen = set() if seen is None else seen
    found: set[str] = set()
    if depth > MAX_DEPTH:
        return found
    names = [node] if isinstance(node, nodes.Name) else list(node.nodes_of_class(nodes.Name))
    for name in names:
        if name in seen:
            continue
        seen.add(name)
        name_scope, bindings = resolve(name)
        if name_scope is None:
            continue
        if name_scope is not scope and not _encloses(scope, name_scope):
            continue
        found.add(name.name)
        for binding in bindings:
            parent = binding.parent
            assigned = isinstance(parent, (nodes.Assign, nodes.AnnAssign)) and parent.value is not None
            if isinstance(binding, nodes.AssignName) and assigned:
                found |= local_names(parent.value, scope, depth + 1, seen)
    return found


def _encloses(outer: nodes.NodeNG, inner: nodes.NodeNG) -> bool:
    parent = inner.parent
    while parent is not None:
        if parent is outer:
            return True
        parent = parent.parent
    return False
