"""``except ClientError`` handlers: do they look at the error code, do they re-raise?

A handler *looks at the error* when it branches on ``e.response["Error"]["Code"]``
(or ``.get("Error", {}).get("Code")``, the HTTP status
``e.response["ResponseMetadata"]["HTTPStatusCode"]``, the message or ``str(e)``),
directly or through a local variable, dispatches on the code through a lookup
table, or hands the exception to a function of the project that reads the code.
Reading the code only to log it or to format a message is not looking at it.

The paths through a handler are followed in :mod:`.handler_paths`; which of
them lose the failure is judged in :mod:`.failure_handling`.

Handlers that name ClientError but are not about it are left out: ``except
(ClientError, Exception)`` is ``except Exception``; a ``try`` that only waits
on a waiter raises ``WaiterError``, never ClientError; a ClientError clause
whose body is the same as the ``except Exception`` clause right after it treats
ClientError as any other exception, by design.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from astroid import nodes

from flake8_boto3.analysis import failure_handling, functions, handler_paths
from flake8_boto3.analysis.names import bindings, dotted_name, inferred_functions, positional_parameter_names
from flake8_boto3.analysis.run_once import OncePerProcess
from flake8_boto3.inference import Kind, infer_boto3

CLIENT_ERROR = "botocore.exceptions.ClientError"
CODE_KEYS = frozenset({"Code", "HTTPStatusCode"})
# Calls whose arguments only report: reading the code inside them is not handling it.
REPORTING_CALLS = handler_paths.REPORTING_CALLS | {"format"}
MAX_HELPER_DEPTH = 2


# --- is this handler about ClientError? ------------------------------------------------


def is_client_error_class(node: nodes.NodeNG) -> bool:
    """``ClientError``, ``botocore.exceptions.ClientError``, ``s3.exceptions.ClientError``."""
    name = node.attrname if isinstance(node, nodes.Attribute) else getattr(node, "name", None)
    if name is None:
        return False
    if isinstance(node, nodes.Name):
        for binding in bindings(node):
            if isinstance(binding, nodes.ImportFrom) and binding.modname in ("botocore.exceptions", "botocore"):
                return any(
                    (alias or original) == node.name and original == "ClientError" for original, alias in binding.names
                )
        if name != "ClientError":
            return False
    elif name != "ClientError":
        return False
    if isinstance(node, nodes.Attribute):
        owner = infer_boto3(node.expr)
        if owner is not None:
            return owner.kind is Kind.EXCEPTIONS
    try:
        return any(isinstance(v, nodes.ClassDef) and v.qname() == CLIENT_ERROR for v in node.infer())
    except Exception:
        return False


def catches_client_error(handler: nodes.ExceptHandler) -> bool:
    if handler.type is None:
        return False
    types = handler.type.elts if isinstance(handler.type, nodes.Tuple) else [handler.type]
    return any(is_client_error_class(t) for t in types)


# --- reading the code --------------------------------------------------------------------


def _mentions_code_key(node: nodes.NodeNG) -> bool:
    # nodes_of_class() yields ``node`` itself too.
    return any(isinstance(c, nodes.Const) and c.value in CODE_KEYS for c in node.nodes_of_class(nodes.Const))


def _reads_response(node: nodes.NodeNG, exception_names: set[str]) -> bool:
    """``e.response[...]``, ``getattr(e, "response", {})`` somewhere in ``node``."""
    for attribute in node.nodes_of_class(nodes.Attribute):
        if attribute.attrname == "response" and isinstance(attribute.expr, nodes.Name):
            if attribute.expr.name in exception_names:
                return True
    for call in node.nodes_of_class(nodes.Call):
        if dotted_name(call.func) == "getattr" and len(call.args) >= 2:
            target, attr = call.args[0], call.args[1]
            if isinstance(target, nodes.Name) and target.name in exception_names:
                if isinstance(attr, nodes.Const) and attr.value == "response":
                    return True
    return False


def is_code_expression(node: nodes.NodeNG, exception_names: set[str], code_names: set[str]) -> bool:
    """An expression that carries the error code (or a name holding it)."""
    if any(n.name in code_names for n in node.nodes_of_class(nodes.Name)):
        return True
    return _reads_response(node, exception_names) and _mentions_code_key(node)


def is_error_detail(node: nodes.NodeNG, exception_names: set[str], detail_names: set[str]) -> bool:
    """An expression about this particular error: its code, status, message or text."""
    if any(n.name in detail_names for n in node.nodes_of_class(nodes.Name)):
        return True
    if _reads_response(node, exception_names):
        return True
    for call in node.nodes_of_class(nodes.Call):
        if dotted_name(call.func) in ("str", "repr") and call.args:
            if isinstance(call.args[0], nodes.Name) and call.args[0].name in exception_names:
                return True
    for attribute in node.nodes_of_class(nodes.Attribute):
        if attribute.attrname in ("args", "operation_name") and isinstance(attribute.expr, nodes.Name):
            if attribute.expr.name in exception_names:
                return True
    return False


def _in_reporting_call(node: nodes.NodeNG, stop: nodes.NodeNG) -> bool:
    parent = node.parent
    while parent is not None and parent is not stop:
        if isinstance(parent, nodes.JoinedStr):
            return True
        if isinstance(parent, nodes.Call):
            name = dotted_name(parent.func) or ""
            if name.rsplit(".", 1)[-1] in REPORTING_CALLS:
                return True
        parent = parent.parent
    return False


@dataclass
class Handler:
    node: nodes.ExceptHandler
    context: failure_handling.HandlerContext
    exception_names: set[str] = field(default_factory=set)
    # Locals holding details of the error: `code = e.response["Error"]["Code"]`.
    detail_names: set[str] = field(default_factory=set)
    helper_reads_code: bool = False

    def is_detail(self, node: nodes.NodeNG) -> bool:
        return is_error_detail(node, self.exception_names, self.detail_names)

    def mentions_error(self, node: nodes.NodeNG) -> bool:
        """``node`` carries the error or a detail of it (``f"...{e}"``, ``str(e)``, ``code``)."""
        return self.is_detail(node) or any(n.name in self.exception_names for n in node.nodes_of_class(nodes.Name))

    def hands_to_code_reader(self, node: nodes.NodeNG) -> bool:
        """``is_throttling(e)``: a call that gives this error to a project function reading its code."""
        return isinstance(node, nodes.Call) and bool(self.exception_names) and passes_to_code_reader(
            node, self.exception_names
        )

    @cached_property
    def paths(self) -> list[handler_paths.Path]:
        """Every way out of the handler (computed once, read by BTO401 and BTO402)."""
        return handler_paths.paths_through(self)

    @cached_property
    def losing_paths(self) -> list[handler_paths.Path]:
        """The paths that lose the failure (see :mod:`.failure_handling`)."""
        return [path for path in self.paths if failure_handling.loses(path, self.context, self.paths)]

    @property
    def reraises_everywhere(self) -> bool:
        return all(path.ends_in_raise for path in self.paths)

    @cached_property
    def branches_on_error(self) -> bool:
        """A test (``if``, ``match``, ternary, ``while``) looks at this error's code or text."""
        for node in self.node.nodes_of_class((nodes.If, nodes.IfExp, nodes.While, nodes.Match, nodes.Assert)):
            subject = node.subject if isinstance(node, nodes.Match) else node.test
            if self.is_detail(subject):
                return True
        return self.helper_reads_code or self._maps_code()

    def _maps_code(self) -> bool:
        """``MESSAGES.get(code)``, ``MESSAGES[code]``: dispatching on the code."""
        for node in self.node.nodes_of_class((nodes.Subscript, nodes.Call)):
            if isinstance(node, nodes.Subscript):
                candidate = node.slice
            elif isinstance(node.func, nodes.Attribute) and node.func.attrname == "get" and node.args:
                candidate = node.args[0]
            else:
                continue
            if is_code_expression(candidate, self.exception_names, self.detail_names):
                if not _in_reporting_call(node, self.node):
                    return True
        return False


def _collect_detail_names(handler: nodes.ExceptHandler, exception_names: set[str]) -> set[str]:
    """Local names assigned details of the error (and names assigned from those)."""
    names: set[str] = set()
    changed = True
    while changed:
        changed = False
        for assign in handler.nodes_of_class(nodes.Assign):
            if not is_error_detail(assign.value, exception_names, names):
                continue
            for target in assign.targets:
                for name in target.nodes_of_class(nodes.AssignName):
                    if name.name not in names:
                        names.add(name.name)
                        changed = True
    return names


# --- helpers that receive the exception -----------------------------------------------------------


def _function_reads_code(function: nodes.FunctionDef, parameter_index: int, depth: int) -> bool:
    params = positional_parameter_names(function)
    if function.args.args and params and params[0] in ("self", "cls") and isinstance(function.parent, nodes.ClassDef):
        parameter_index += 1
    if parameter_index >= len(params):
        return False
    names = {params[parameter_index]}
    if _reads_response(function, names) and _mentions_code_key(function):
        return True
    return depth < MAX_HELPER_DEPTH and passes_to_code_reader(function, names, depth + 1)


def passes_to_code_reader(scope: nodes.NodeNG, exception_names: set[str], depth: int = 0) -> bool:
    """The exception is handed to a project function that reads its code."""
    for call in scope.nodes_of_class(nodes.Call):
        positions = [
            i for i, arg in enumerate(call.args) if isinstance(arg, nodes.Name) and arg.name in exception_names
        ]
        if not positions:
            continue
        name = (dotted_name(call.func) or "").rsplit(".", 1)[-1]
        if name in REPORTING_CALLS:
            continue
        for callee in inferred_functions(call):
            if any(_function_reads_code(callee, position, depth) for position in positions):
                return True
    return False


# --- the analysis ----------------------------------------------------------------------------------


BROAD_EXCEPTIONS = frozenset({"Exception", "BaseException"})


def _catches_everything(handler: nodes.ExceptHandler) -> bool:
    types = handler.type.elts if isinstance(handler.type, nodes.Tuple) else [handler.type]
    return any((dotted_name(t) or "").rsplit(".", 1)[-1] in BROAD_EXCEPTIONS for t in types)


def _calls_method(statement: nodes.NodeNG, method: str) -> bool:
    value = statement.value if isinstance(statement, (nodes.Expr, nodes.Assign)) else None
    return isinstance(value, nodes.Call) and isinstance(value.func, nodes.Attribute) and value.func.attrname == method


def _only_waits(try_node: nodes.NodeNG) -> bool:
    """The ``try`` only waits on a waiter: ``waiter.wait(...)`` raises WaiterError, not ClientError."""
    body = try_node.body
    return any(_calls_method(s, "wait") for s in body) and all(
        _calls_method(s, "wait") or _calls_method(s, "get_waiter") for s in body
    )


def _same_as_next_broad_clause(handler: nodes.ExceptHandler) -> bool:
    """``except ClientError as e: <body>`` followed by ``except Exception as e: <the same body>``."""
    siblings = handler.parent.handlers
    following = siblings[siblings.index(handler) + 1 :]
    if not following or not (following[0].type is None or _catches_everything(following[0])):
        return False
    other = following[0]
    same_name = (handler.name.name if handler.name else None) == (other.name.name if other.name else None)
    return same_name and [n.as_string() for n in handler.body] == [n.as_string() for n in other.body]


def is_about_client_error(handler: nodes.ExceptHandler) -> bool:
    """It catches ClientError, and not as one more name for every exception (see the module docs)."""
    if not catches_client_error(handler) or _catches_everything(handler):
        return False
    return not _only_waits(handler.parent) and not _same_as_next_broad_clause(handler)


class ClientErrorHandlers:
    """Every ``except ClientError`` handler of a module, outside test code."""

    def __init__(self, module: nodes.Module, test_file: bool, once: OncePerProcess) -> None:
        self.module = module
        self.test_file = test_file
        self.once = once

    @cached_property
    def handlers(self) -> list[Handler]:
        if self.test_file:
            return []
        found = []
        for node in self.module.nodes_of_class(nodes.ExceptHandler):
            if functions.in_test_code(node) or not is_about_client_error(node):
                continue
            exception_names = {node.name.name} if node.name is not None else set()
            detail_names = _collect_detail_names(node, exception_names) if exception_names else set()
            helper = bool(exception_names) and passes_to_code_reader(node, exception_names)
            context = failure_handling.HandlerContext(node, node.parent, self.once)
            found.append(Handler(node, context, exception_names, detail_names, helper))
        return found

    @cached_property
    def losing_suppressions(self) -> list[nodes.Call]:
        """``with suppress(ClientError):`` that loses the failure: a handler that says nothing."""
        if self.test_file:
            return []
        found = []
        for statement in self.module.nodes_of_class((nodes.With, nodes.AsyncWith)):
            for item, _ in statement.items:
                if not (isinstance(item, nodes.Call) and (dotted_name(item.func) or "").endswith("suppress")):
                    continue
                if not any(is_client_error_class(arg) for arg in item.args) or functions.in_test_code(statement):
                    continue
                silent = handler_paths.Path(handler_paths.Exit.FALL, handler_paths.State())
                context = failure_handling.HandlerContext(item, statement, self.once)
                if failure_handling.loses(silent, context, [silent]):
                    found.append(item)
        return found
