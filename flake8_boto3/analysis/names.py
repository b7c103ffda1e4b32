"""Small helpers for reading names off astroid nodes."""

from __future__ import annotations

from collections.abc import Iterator

from astroid import nodes
from astroid.nodes._base_nodes import LookupMixIn

FUNCTION_TYPES = (nodes.FunctionDef, nodes.AsyncFunctionDef)
COMPREHENSION_TYPES = (nodes.ListComp, nodes.SetComp, nodes.DictComp, nodes.GeneratorExp)


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


def enclosing_function(node: nodes.NodeNG) -> nodes.FunctionDef | None:
    """The nearest function around ``node`` (lambdas and comprehensions are seen through)."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, FUNCTION_TYPES):
            return parent
        parent = parent.parent
    return None


def enclosing_class(function: nodes.FunctionDef) -> nodes.ClassDef | None:
    parent = function.parent
    return parent if isinstance(parent, nodes.ClassDef) else None


def positional_parameter_names(function: nodes.FunctionDef) -> list[str]:
    args = function.args
    return [arg.name for arg in [*(args.posonlyargs or []), *(args.args or [])]]


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


def enclosing_functions(node: nodes.NodeNG) -> Iterator[nodes.FunctionDef]:
    """The functions around ``node``, innermost first."""
    function = enclosing_function(node)
    while function is not None:
        yield function
        function = enclosing_function(function)


def enclosing_scope(node: nodes.NodeNG) -> nodes.NodeNG:
    """The function (or, at top level, the module) whose code contains ``node``."""
    parent = node.parent
    while parent is not None and not isinstance(parent, (*FUNCTION_TYPES, nodes.Module)):
        parent = parent.parent
    return parent if parent is not None else node.root()


def inferred_functions(call: nodes.Call) -> list[nodes.FunctionDef]:
    """The functions astroid infers ``call`` to call (none when it cannot tell)."""
    try:
        return [value for value in call.func.infer() if isinstance(value, FUNCTION_TYPES)]
    except Exception:  # inference errors of every kind: nothing known
        return []


def innermost_loop(node: nodes.NodeNG) -> nodes.NodeNG | None:
    """The loop whose every iteration evaluates ``node``, within its function."""
    child, parent = node, node.parent
    while parent is not None and not isinstance(parent, (*FUNCTION_TYPES, nodes.Lambda, nodes.Module)):
        if isinstance(parent, (nodes.For, nodes.AsyncFor, nodes.While)) and child in parent.body:
            return parent
        if isinstance(parent, COMPREHENSION_TYPES) and not (parent.generators and child is parent.generators[0]):
            return parent
        child, parent = parent, parent.parent
    return None


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


def qualified_name(node: nodes.NodeNG) -> str | None:
    """``botocore.exceptions.ClientError`` for ``ClientError`` (``from botocore.exceptions import
    ClientError``), ``exceptions.ClientError`` (``from botocore import exceptions``) or
    ``botocore.exceptions.ClientError`` itself: the dotted name, through the imports binding it."""
    dotted = dotted_name(node)
    return imported_qualified_name(node, dotted.split(".")) if dotted else None
