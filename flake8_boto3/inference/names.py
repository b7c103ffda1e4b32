"""Reading names off astroid nodes, for the astroid tier of the model (the analyses use
:mod:`flake8_boto3.analysis.names` on ``ast`` nodes)."""

from __future__ import annotations

from astroid import nodes
from astroid.nodes._base_nodes import LookupMixIn


def dotted_name(node: nodes.NodeNG) -> str | None:
    """``app.route`` for ``@app.route("/")``, ``functools.lru_cache`` and so on."""
    if isinstance(node, nodes.Call):
        node = node.func
    parts: list[str] = []
    while isinstance(node, nodes.Attribute):
        parts.append(node.attrname)
        node = node.expr
    if isinstance(node, nodes.Name):
        parts.append(node.name)
        return ".".join(reversed(parts))
    return None


def decorator_names(function: nodes.FunctionDef) -> list[str]:
    if not function.decorators:
        return []
    return [name for name in map(dotted_name, function.decorators.nodes) if name]


def call_name(call: nodes.Call) -> str | None:
    """The called name: ``client`` for ``boto3.client(...)``, ``f`` for ``f()``."""
    func = call.func
    if isinstance(func, nodes.Attribute):
        return func.attrname
    if isinstance(func, nodes.Name):
        return func.name
    return None


def resolve(node: nodes.NodeNG, name: str | None = None) -> tuple[nodes.NodeNG | None, list[nodes.NodeNG]]:
    """(scope, binding statements) of ``name`` (default: the Name node's own) as seen from
    ``node``; (None, []) when astroid cannot tell."""
    try:
        scope, found = node.lookup(name if name is not None else node.name)
    except Exception:  # astroid raises a variety of errors on odd scopes
        return None, []
    return scope, list(found)


def bindings(node: nodes.NodeNG, name: str | None = None) -> list[nodes.NodeNG]:
    """The statements binding ``name`` as seen from ``node`` (see :func:`resolve`)."""
    return resolve(node, name)[1]


def imported_qualified_name(scope_node: nodes.NodeNG, dotted: list[str]) -> str | None:
    """``S3Client`` -> ``mypy_boto3_s3.client.S3Client`` through the import binding it.

    ``dotted`` is a dotted name split at its dots, as seen from ``scope_node``;
    None when its first part is not bound by an (absolute) import.
    """
    while not isinstance(scope_node, LookupMixIn) and scope_node.parent is not None:
        scope_node = scope_node.parent  # a string annotation is a Const
    try:
        _, assignments = scope_node.lookup(dotted[0])
    except Exception:
        return None
    for assignment in assignments:
        if isinstance(assignment, nodes.ImportFrom) and not assignment.level:
            for name, alias in assignment.names:
                if (alias or name) == dotted[0]:
                    return ".".join([assignment.modname, name, *dotted[1:]])
        if isinstance(assignment, nodes.Import):
            for name, alias in assignment.names:
                if alias == dotted[0]:
                    return ".".join([name, *dotted[1:]])
                if alias is None and name.split(".")[0] == dotted[0]:
                    return ".".join(dotted)
    return None
