"""Names read off ``ast`` nodes: dotted names, called names, decorators, imports (pure syntax)."""

from __future__ import annotations

import ast


def dotted_name(node: ast.AST) -> str | None:
    """``app.route`` for ``@app.route("/")``, ``functools.lru_cache`` and so on."""
    if isinstance(node, ast.Call):
        node = node.func
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None


def chain_root(node: ast.AST) -> ast.Name | None:
    """``a`` for ``a.b.c``, for ``a`` itself; None when the chain starts elsewhere (a call, a subscript)."""
    while isinstance(node, ast.Attribute):
        node = node.value
    return node if isinstance(node, ast.Name) else None


def decorator_names(function: ast.AST) -> list[str]:
    decorators = getattr(function, "decorator_list", None) or []
    return [name for name in map(dotted_name, decorators) if name]


def call_name(call: ast.Call) -> str | None:
    """The called name: ``client`` for ``boto3.client(...)``, ``f`` for ``f()``."""
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return None


def positional_parameter_names(function: ast.AST) -> list[str]:
    args = function.args
    return [arg.arg for arg in [*(args.posonlyargs or []), *(args.args or [])]]


def arguments_bound(function: ast.AST, call: ast.Call, skip_first: bool = False) -> dict[str, ast.expr] | None:
    """What each parameter of ``function`` is given by ``call``, by position or by keyword (the first
    parameter left out when ``skip_first``: ``self`` or ``cls``, bound by the receiver), or None
    when the call unpacks ``*args`` or ``**kwargs``."""
    if any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
        return None
    names = positional_parameter_names(function)[1 if skip_first else 0:]
    bound = dict(zip(names, call.args))
    bound.update((k.arg, k.value) for k in call.keywords)
    return bound


def arguments_at_call(function: ast.AST, call: ast.Call) -> dict[str, ast.expr] | None:
    """:func:`arguments_bound` for a call of ``function`` as written: ``self.respond(500, body)`` or
    ``obj.method(...)`` binds the receiver to a method's ``self``/``cls``, a plain call does not."""
    names = positional_parameter_names(function)
    method_call = bool(names) and names[0] in ("self", "cls") and isinstance(call.func, ast.Attribute)
    return arguments_bound(function, call, skip_first=method_call)


def import_names(statement: ast.Import | ast.ImportFrom) -> list[tuple[str, str | None]]:
    """astroid's ``names``: (name, alias) pairs of an import statement."""
    return [(alias.name, alias.asname) for alias in statement.names]


def parameter_default(arguments: ast.arguments, parameter: ast.arg) -> ast.AST | None:
    """The default value ``parameter`` of ``arguments`` has, or None."""
    positional = [*arguments.posonlyargs, *arguments.args]
    if parameter in positional:
        index = positional.index(parameter) - (len(positional) - len(arguments.defaults))
        return arguments.defaults[index] if index >= 0 else None
    if parameter in arguments.kwonlyargs:
        return arguments.kw_defaults[arguments.kwonlyargs.index(parameter)]
    return None
