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
on a waiter raises ``WaiterError``, never ClientError, and one that only presigns
(``generate_presigned_url``) or uploads a file (``upload_file`` raises
``S3UploadFailedError``), besides calls that send no request either (building the
client, string work, the standard library), raises no ClientError at all; a ClientError clause
whose body is the same as the ``except Exception`` clause right after it treats
ClientError as any other exception, by design.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from functools import cached_property

from flake8_boto3 import project
from flake8_boto3.analysis import failure_handling, functions, handler_paths
from flake8_boto3.analysis.code import FUNCTION_TYPES, Code, Function
from flake8_boto3.analysis.names import chain_root, dotted_name, import_names, positional_parameter_names
from flake8_boto3.analysis.run_once import OncePerProcess
from flake8_boto3.model import Boto3Value, Kind
from flake8_boto3.settings import DEFAULT_SETTINGS, Settings
from flake8_boto3.syntax.bindings import Builtin

CLIENT_ERROR = "botocore.exceptions.ClientError"
# The modules of botocore that ClientError is imported from: where it is defined, and where botocore
# builds ``client.exceptions`` (its ``errorfactory`` imports it).
# Modules ClientError is imported from: where it is defined, and where botocore imports it for its own
# use (``from botocore.client import ClientError`` is common in application code).
CLIENT_ERROR_MODULES = ("botocore.exceptions", "botocore", "botocore.errorfactory", "botocore.client")
CODE_KEYS = frozenset({"Code", "HTTPStatusCode"})
# Calls whose arguments only report: reading the code inside them is not handling it.
REPORTING_CALLS = handler_paths.REPORTING_CALLS | {"format"}
# How many project functions deep a handler's error, or a presigning try's calls, are followed.
MAX_HELPER_DEPTH = 2


# --- is this handler about ClientError? ------------------------------------------------


def is_client_error_class(code: Code, node: ast.AST) -> bool:
    """``ClientError``, ``botocore.exceptions.ClientError``, ``s3.exceptions.ClientError`` (also on a
    client passed in as a parameter)."""
    name = node.attr if isinstance(node, ast.Attribute) else node.id if isinstance(node, ast.Name) else None
    if name is None:
        return False
    if isinstance(node, ast.Name):
        for binding in code.bindings(node):
            if not isinstance(binding, ast.ImportFrom):
                continue
            imported = [original for original, alias in import_names(binding) if (alias or original) == node.id]
            if (binding.module or "") in CLIENT_ERROR_MODULES:
                return "ClientError" in imported
            if "ClientError" in imported:
                name = "ClientError"  # ``from .errors import ClientError as AwsError``: astroid tells
        if name != "ClientError":
            return False
    elif name != "ClientError":
        return False
    if isinstance(node, ast.Attribute):
        owner = code.value_of(node.value) or exceptions_bound_by_the_try(code, node.value)
        if owner is not None:
            return owner.kind is Kind.EXCEPTIONS
        if _passed_in_clients_exceptions(code, node.value):
            return True
    try:
        return code.infers_to_class(node, CLIENT_ERROR)
    except Exception:
        return False


def exceptions_bound_by_the_try(code: Code, node: ast.AST) -> Boto3Value | None:
    """``client.exceptions`` in an ``except`` clause whose ``client`` only its ``try`` body binds
    (``try: client = get_client(); client.get_item(...)`` / ``except client.exceptions.X``). Python
    looks the name up when the clause is tried, after the body bound it (a failure before that is a
    NameError), but inference from the clause finds no binding. One assignment among the body's
    statements, of a client, decides it."""
    if not (isinstance(node, ast.Attribute) and node.attr == "exceptions" and isinstance(node.value, ast.Name)):
        return None
    handler = next((a for a in code.ancestors(node) if isinstance(a, ast.ExceptHandler)), None)
    if handler is None or handler.type is None or not any(n is node for n in ast.walk(handler.type)):
        return None
    name = node.value.id
    assignments = [
        child
        for child in getattr(code.parent(handler), "body", ())
        if isinstance(child, ast.Assign)
        and len(child.targets) == 1
        and isinstance(child.targets[0], ast.Name)
        and child.targets[0].id == name
    ]
    if len(assignments) != 1:
        return None
    client = code.value_of(assignments[0].value)
    return client.derive(Kind.EXCEPTIONS) if client is not None and client.kind is Kind.CLIENT else None


def _passed_in_clients_exceptions(code: Code, node: ast.AST) -> bool:
    """``ec2.exceptions`` (or ``self.ec2.exceptions``) where ``ec2`` (``self``) is a parameter: a client
    handed in, whose kind inference cannot tell. The ``ClientError`` of a client's exceptions object
    is botocore's, whatever the service; another library's ``exceptions.ClientError``
    (google.api_core's) is reached through a module, not a parameter."""
    if not (isinstance(node, ast.Attribute) and node.attr == "exceptions"):
        return False
    root = chain_root(node.value)
    if root is None:
        return False
    bindings = code.bindings(root)
    return bool(bindings) and all(isinstance(binding, ast.arg) for binding in bindings)


def catches_client_error(code: Code, handler: ast.ExceptHandler) -> bool:
    if handler.type is None:
        return False
    types = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return any(is_client_error_class(code, t) for t in types)


# --- reading the code --------------------------------------------------------------------


def _loaded_names(code: Code, node: ast.AST) -> list[ast.Name]:
    """astroid's ``nodes_of_class(nodes.Name)``: the names read (not assigned or deleted) in ``node``."""
    return [n for n in code.nodes(ast.Name, within=node) if isinstance(n.ctx, ast.Load)]


def _loaded_attributes(code: Code, node: ast.AST) -> list[ast.Attribute]:
    """astroid's ``nodes_of_class(nodes.Attribute)``: attributes read (not ``AssignAttr``/``DelAttr``)."""
    return [n for n in code.nodes(ast.Attribute, within=node) if isinstance(n.ctx, ast.Load)]


def _mentions_code_key(code: Code, node: ast.AST) -> bool:
    # nodes() yields ``node`` itself too.
    return any(c.value in CODE_KEYS for c in code.nodes(ast.Constant, within=node))


def _reads_response(code: Code, node: ast.AST, exception_names: set[str]) -> bool:
    """``e.response[...]``, ``getattr(e, "response", {})`` somewhere in ``node``."""
    for attribute in _loaded_attributes(code, node):
        if attribute.attr == "response" and isinstance(attribute.value, ast.Name):
            if attribute.value.id in exception_names:
                return True
    for call in code.nodes(ast.Call, within=node):
        if dotted_name(call.func) == "getattr" and len(call.args) >= 2:
            target, attr = call.args[0], call.args[1]
            if isinstance(target, ast.Name) and target.id in exception_names:
                if isinstance(attr, ast.Constant) and attr.value == "response":
                    return True
    return False


def is_code_expression(code: Code, node: ast.AST, exception_names: set[str], code_names: set[str]) -> bool:
    """An expression that carries the error code (or a name holding it)."""
    if any(n.id in code_names for n in _loaded_names(code, node)):
        return True
    return _reads_response(code, node, exception_names) and _mentions_code_key(code, node)


def is_error_detail(code: Code, node: ast.AST, exception_names: set[str], detail_names: set[str]) -> bool:
    """An expression about this particular error: its code, status, message or text."""
    if any(n.id in detail_names for n in _loaded_names(code, node)):
        return True
    if _reads_response(code, node, exception_names):
        return True
    for call in code.nodes(ast.Call, within=node):
        if dotted_name(call.func) in ("str", "repr") and call.args:
            if isinstance(call.args[0], ast.Name) and call.args[0].id in exception_names:
                return True
    for attribute in _loaded_attributes(code, node):
        if attribute.attr in ("args", "operation_name") and isinstance(attribute.value, ast.Name):
            if attribute.value.id in exception_names:
                return True
    return False


def _in_reporting_call(code: Code, node: ast.AST, stop: ast.AST) -> bool:
    parent = code.parent(node)
    while parent is not None and parent is not stop:
        if isinstance(parent, ast.JoinedStr):
            return True
        if isinstance(parent, ast.Call):
            name = dotted_name(parent.func) or ""
            if name.rsplit(".", 1)[-1] in REPORTING_CALLS:
                return True
        parent = code.parent(parent)
    return False


@dataclass
class Handler:
    node: ast.ExceptHandler
    context: failure_handling.HandlerContext
    exception_names: set[str] = field(default_factory=set)
    # Locals holding details of the error: `code = e.response["Error"]["Code"]`.
    detail_names: set[str] = field(default_factory=set)
    helper_reads_code: bool = False

    @property
    def code(self) -> Code:
        return self.context.code

    def is_detail(self, node: ast.AST) -> bool:
        return is_error_detail(self.code, node, self.exception_names, self.detail_names)

    def mentions_error(self, node: ast.AST) -> bool:
        """``node`` carries the error or a detail of it (``f"...{e}"``, ``str(e)``, ``code``)."""
        return self.is_detail(node) or any(n.id in self.exception_names for n in _loaded_names(self.code, node))

    def hands_to_code_reader(self, node: ast.AST) -> bool:
        """``is_throttling(e)``: a call that gives this error to a project function reading its code."""
        return isinstance(node, ast.Call) and bool(self.exception_names) and passes_to_code_reader(
            self.code, node, self.exception_names
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
        for node in self.code.nodes((ast.If, ast.IfExp, ast.While, ast.Match, ast.Assert), within=self.node):
            subject = node.subject if isinstance(node, ast.Match) else node.test
            if self.is_detail(subject):
                return True
        return self.helper_reads_code or self._maps_code()

    def _maps_code(self) -> bool:
        """``MESSAGES.get(code)``, ``MESSAGES[code]``: dispatching on the code."""
        for node in self.code.nodes((ast.Subscript, ast.Call), within=self.node):
            if isinstance(node, ast.Subscript):
                candidate = node.slice
            elif isinstance(node.func, ast.Attribute) and node.func.attr == "get" and node.args:
                candidate = node.args[0]
            else:
                continue
            if is_code_expression(self.code, candidate, self.exception_names, self.detail_names):
                if not _in_reporting_call(self.code, node, self.node):
                    return True
        return False


def _collect_detail_names(code: Code, handler: ast.ExceptHandler, exception_names: set[str]) -> set[str]:
    """Local names assigned details of the error (and names assigned from those)."""
    names: set[str] = set()
    changed = True
    while changed:
        changed = False
        for assign in code.nodes(ast.Assign, within=handler):
            if not is_error_detail(code, assign.value, exception_names, names):
                continue
            for target in assign.targets:
                for name in code.nodes(ast.Name, within=target):
                    if isinstance(name.ctx, ast.Store) and name.id not in names:  # astroid's AssignName
                        names.add(name.id)
                        changed = True
    return names


# --- helpers that receive the exception -----------------------------------------------------------


def _function_reads_code(function: Function, parameter_index: int, depth: int) -> bool:
    code, node = function.code, function.node
    params = positional_parameter_names(node)
    if node.args.args and params and params[0] in ("self", "cls") and isinstance(code.parent(node), ast.ClassDef):
        parameter_index += 1
    if parameter_index >= len(params):
        return False
    names = {params[parameter_index]}
    if _reads_response(code, node, names) and _mentions_code_key(code, node):
        return True
    return depth < MAX_HELPER_DEPTH and passes_to_code_reader(code, node, names, depth + 1)


def passes_to_code_reader(code: Code, scope: ast.AST, exception_names: set[str], depth: int = 0) -> bool:
    """The exception is handed to a project function that reads its code."""
    for call in code.nodes(ast.Call, within=scope):
        positions = [
            i for i, arg in enumerate(call.args) if isinstance(arg, ast.Name) and arg.id in exception_names
        ]
        if not positions:
            continue
        name = (dotted_name(call.func) or "").rsplit(".", 1)[-1]
        if name in REPORTING_CALLS:
            continue
        for callee in code.functions_called(call):
            if any(_function_reads_code(callee, position, depth) for position in positions):
                return True
    return False


# --- the analysis ----------------------------------------------------------------------------------


BROAD_EXCEPTIONS = frozenset({"Exception", "BaseException"})


def _catches_everything(handler: ast.ExceptHandler) -> bool:
    types = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return any((dotted_name(t) or "").rsplit(".", 1)[-1] in BROAD_EXCEPTIONS for t in types)


def _calls_method(statement: ast.AST, method: str) -> bool:
    value = statement.value if isinstance(statement, (ast.Expr, ast.Assign)) else None
    return isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and value.func.attr == method


def _only_waits(try_node: ast.AST) -> bool:
    """The ``try`` only waits on a waiter: ``waiter.wait(...)`` raises WaiterError, not ClientError."""
    body = try_node.body
    return any(_calls_method(s, "wait") for s in body) and all(
        _calls_method(s, "wait") or _calls_method(s, "get_waiter") for s in body
    )


# boto3 methods that send no request (presigning) or turn every ClientError into their own exception
# (``upload_file`` raises S3UploadFailedError, boto3.s3.transfer): a ClientError clause around them
# alone never runs.
NO_CLIENT_ERROR_METHODS = frozenset({"generate_presigned_url", "generate_presigned_post", "upload_file"})
# Calls beside them that raise no ClientError either: output, logging, plain conversions, ``os``.
QUIET_FUNCTIONS = frozenset({"print", "str", "repr", "len", "int", "format", "isinstance", "json.dumps"})
LOGGER = ("log", "logger", "logging", "LOG", "LOGGER")
# Methods of str (``key.split("/")``, ``name.lower()``): no boto3 object has a method of these names.
STRING_METHODS = frozenset(name for name in dir(str) if not name.startswith("_"))
# Modules besides the standard library whose functions send no AWS request: a web framework's answers.
NO_AWS_MODULES = ("flask", "werkzeug", "django.shortcuts", "django.http", "django.urls", "fastapi.responses",
                  "starlette.responses")


def _raises_no_client_error(code: Code, call: ast.Call, depth: int = 0) -> bool:
    """No ClientError can come out of this call: it presigns, prints, logs, converts, calls the standard
    library or a web framework's response helpers, builds a boto3 client (which sends no request), or
    calls a project function all of whose calls are such."""
    name = dotted_name(call.func) or ""
    if isinstance(call.func, ast.Attribute) and call.func.attr in NO_CLIENT_ERROR_METHODS | STRING_METHODS:
        return True
    if name in QUIET_FUNCTIONS or name.startswith("os.") or name.rsplit(".", 1)[0] in LOGGER:
        return True
    if _from_a_module_without_aws(code, call.func):
        return True
    if code.constructed_by(call) is not None:
        return True
    if depth >= MAX_HELPER_DEPTH:
        return False  # (project functions are followed two deep: ``get_s3_client()``, then what it calls)
    helper = code.sole_function(call.func)
    return helper is not None and all(
        _raises_no_client_error(helper.code, inner, depth + 1) for inner in _calls_in(helper.code, [helper.node])
    )


def _from_a_module_without_aws(code: Code, func: ast.AST) -> bool:
    """A builtin, or a function of the standard library or of :data:`NO_AWS_MODULES`, by its binding."""
    root = func
    while isinstance(root, ast.Attribute):
        root = root.value
    if not isinstance(root, ast.Name):
        return False
    found = code.bindings(root)
    return bool(found) and all(_binds_a_module_without_aws(binding) for binding in found)


def _binds_a_module_without_aws(binding: object) -> bool:
    if isinstance(binding, Builtin):
        return True
    if isinstance(binding, ast.ImportFrom):
        modules = [binding.module or ""] if not binding.level else []
    elif isinstance(binding, ast.Import):
        modules = [name for name, _ in import_names(binding)]
    else:
        return False
    return bool(modules) and all(
        project.is_stdlib_module(module) or module.startswith(NO_AWS_MODULES) for module in modules
    )


def _calls_in(code: Code, statements: list[ast.AST]) -> list[ast.Call]:
    """The calls the statements make (a function's own, given the function), not those of the
    functions and classes they define."""
    return [
        node
        for statement in statements
        for node in code.nodes(ast.Call, within=statement, skip=(*FUNCTION_TYPES, ast.ClassDef, ast.Lambda))
    ]


def _never_raises_client_error(code: Code, try_node: ast.AST) -> bool:
    """The ``try`` only presigns or uploads files, besides what raises no ClientError either: output,
    logging, string work, building the client (see :func:`_raises_no_client_error`)."""
    calls = _calls_in(code, try_node.body)
    return any(
        isinstance(call.func, ast.Attribute) and call.func.attr in NO_CLIENT_ERROR_METHODS for call in calls
    ) and all(_raises_no_client_error(code, call) for call in calls)


def _same_as_next_broad_clause(code: Code, handler: ast.ExceptHandler) -> bool:
    """``except ClientError as e: <body>`` followed by ``except Exception as e: <the same body>``."""
    siblings = code.parent(handler).handlers
    following = siblings[siblings.index(handler) + 1 :]
    if not following or not (following[0].type is None or _catches_everything(following[0])):
        return False
    other = following[0]
    same_name = handler.name == other.name
    return same_name and [code.as_string(n) for n in handler.body] == [code.as_string(n) for n in other.body]


def is_about_client_error(code: Code, handler: ast.ExceptHandler) -> bool:
    """It catches ClientError, and not as one more name for every exception (see the module docs)."""
    if not catches_client_error(code, handler) or _catches_everything(handler):
        return False
    guarded = code.parent(handler)
    return (
        not _only_waits(guarded)
        and not _never_raises_client_error(code, guarded)
        and not _same_as_next_broad_clause(code, handler)
    )


class ClientErrorHandlers:
    """Every ``except ClientError`` handler of a module, outside test code."""

    def __init__(
        self, code: Code, test_file: bool, once: OncePerProcess, settings: Settings = DEFAULT_SETTINGS
    ) -> None:
        self.code = code
        self.test_file = test_file
        self.once = once
        self.settings = settings

    @cached_property
    def handlers(self) -> list[Handler]:
        if self.test_file:
            return []
        code = self.code
        found = []
        for node in code.nodes(ast.ExceptHandler):
            if functions.in_test_code(code, node) or not is_about_client_error(code, node):
                continue
            exception_names = {node.name} if node.name is not None else set()
            detail_names = _collect_detail_names(code, node, exception_names) if exception_names else set()
            helper = bool(exception_names) and passes_to_code_reader(code, node, exception_names)
            context = failure_handling.HandlerContext(code, node, code.parent(node), self.once, self.settings)
            found.append(Handler(node, context, exception_names, detail_names, helper))
        return found

    @cached_property
    def losing_suppressions(self) -> list[ast.Call]:
        """``with suppress(ClientError):`` that loses the failure: a handler that says nothing."""
        if self.test_file:
            return []
        code = self.code
        found = []
        for statement in code.nodes((ast.With, ast.AsyncWith)):
            for item in (withitem.context_expr for withitem in statement.items):
                if not (isinstance(item, ast.Call) and (dotted_name(item.func) or "").endswith("suppress")):
                    continue
                if not any(is_client_error_class(code, arg) for arg in item.args):
                    continue
                if functions.in_test_code(code, statement):
                    continue
                silent = handler_paths.Path(handler_paths.Exit.FALL, handler_paths.State())
                context = failure_handling.HandlerContext(code, item, statement, self.once, self.settings)
                if failure_handling.loses(silent, context, [silent]):
                    found.append(item)
        return found
