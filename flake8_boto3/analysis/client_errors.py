"""``except ClientError`` handlers: do they look at the error code, do they re-raise?

A handler *looks at the code* when it branches on ``e.response["Error"]["Code"]``
(or ``.get("Error", {}).get("Code")``, or the HTTP status
``e.response["ResponseMetadata"]["HTTPStatusCode"]``), directly or through a
local variable, or hands the exception to a function of the project that does.
Reading the code only to log it or to format a message is not looking at it.

The paths through a handler are followed statement by statement: a path that
ends without raising is fine only if it went through a branch that matched
specific codes (``if code == "NoSuchKey": return None``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from astroid import nodes

from flake8_boto3.analysis import functions
from flake8_boto3.analysis.names import FUNCTION_TYPES, dotted_name
from flake8_boto3.inference import Kind, infer_boto3

CLIENT_ERROR = "botocore.exceptions.ClientError"
CODE_KEYS = frozenset({"Code", "HTTPStatusCode"})
# Calls whose arguments only report: reading the code inside them is not handling it.
REPORTING_CALLS = frozenset(
    {"print", "debug", "info", "warning", "warn", "error", "exception", "critical", "log", "format", "echo", "secho"}
)
MAX_HELPER_DEPTH = 2


# --- is this handler about ClientError? ------------------------------------------------


def is_client_error_class(node: nodes.NodeNG) -> bool:
    """``ClientError``, ``botocore.exceptions.ClientError``, ``s3.exceptions.ClientError``."""
    name = node.attrname if isinstance(node, nodes.Attribute) else getattr(node, "name", None)
    if name is None:
        return False
    if isinstance(node, nodes.Name):
        try:
            _, bindings = node.lookup(node.name)
        except Exception:
            return False
        for binding in bindings:
            if isinstance(binding, nodes.ImportFrom) and binding.modname in ("botocore.exceptions", "botocore"):
                return any(
                    (alias or original) == node.name and original == "ClientError" for original, alias in binding.names
                )
        if name != "ClientError":
            return False
    elif name != "ClientError":
        return False
    if isinstance(node, nodes.Attribute) and infer_boto3(node.expr) is not None:
        return infer_boto3(node.expr).kind is Kind.EXCEPTIONS
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
    return any(
        isinstance(c, nodes.Const) and c.value in CODE_KEYS for c in node.nodes_of_class(nodes.Const)
    ) or (isinstance(node, nodes.Const) and node.value in CODE_KEYS)


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
    if any(isinstance(n, nodes.Name) and n.name in code_names for n in node.nodes_of_class(nodes.Name)):
        return True
    if isinstance(node, nodes.Name) and node.name in code_names:
        return True
    return _reads_response(node, exception_names) and _mentions_code_key(node)


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
    exception_names: set[str] = field(default_factory=set)
    code_names: set[str] = field(default_factory=set)
    helper_reads_code: bool = False

    @cached_property
    def branches_on_code(self) -> bool:
        """A test (``if``, ``match``, ternary, ``while``) involves the code."""
        for node in self.node.nodes_of_class((nodes.If, nodes.IfExp, nodes.While, nodes.Match, nodes.Assert)):
            subject = node.subject if isinstance(node, nodes.Match) else node.test
            if is_code_expression(subject, self.exception_names, self.code_names):
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
            if is_code_expression(candidate, self.exception_names, self.code_names):
                if not _in_reporting_call(node, self.node):
                    return True
        return False


def _collect_code_names(handler: nodes.ExceptHandler, exception_names: set[str]) -> set[str]:
    """Local names assigned the code: ``code = e.response["Error"]["Code"]`` (and chains)."""
    code_names: set[str] = set()
    changed = True
    while changed:
        changed = False
        for assign in handler.nodes_of_class(nodes.Assign):
            if is_code_expression(assign.value, exception_names, code_names) or (
                _reads_response(assign.value, exception_names) and not code_names
            ):
                for target in assign.targets:
                    for name in target.nodes_of_class(nodes.AssignName):
                        if name.name not in code_names:
                            code_names.add(name.name)
                            changed = True
    # `error = e.response["Error"]` holds the code only if its "Code" is read later.
    return {name for name in code_names if _name_reaches_code(handler, name, exception_names, code_names)}


def _name_reaches_code(handler, name, exception_names, code_names) -> bool:
    for assign in handler.nodes_of_class(nodes.Assign):
        if any(t.name == name for t in assign.targets if isinstance(t, nodes.AssignName)):
            if _mentions_code_key(assign.value):
                return True
    for sub in handler.nodes_of_class(nodes.Subscript):
        if isinstance(sub.value, nodes.Name) and sub.value.name == name and _mentions_code_key(sub.slice):
            return True
    for call in handler.nodes_of_class(nodes.Call):
        func = call.func
        if isinstance(func, nodes.Attribute) and func.attrname == "get" and isinstance(func.expr, nodes.Name):
            if func.expr.name == name and call.args and _mentions_code_key(call.args[0]):
                return True
    return False


# --- helpers that receive the exception -----------------------------------------------------------


def _function_reads_code(function: nodes.FunctionDef, parameter_index: int, depth: int) -> bool:
    params = [a.name for a in (function.args.posonlyargs or []) + (function.args.args or [])]
    if function.args.args and params and params[0] in ("self", "cls") and isinstance(function.parent, nodes.ClassDef):
        parameter_index += 1
    if parameter_index >= len(params):
        return False
    names = {params[parameter_index]}
    if _reads_response(function, names) and _mentions_code_key(function):
        return True
    return depth < MAX_HELPER_DEPTH and _passes_to_code_reader(function, names, depth + 1)


def _passes_to_code_reader(scope: nodes.NodeNG, exception_names: set[str], depth: int = 0) -> bool:
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
        try:
            callees = [v for v in call.func.infer() if isinstance(v, FUNCTION_TYPES)]
        except Exception:
            continue
        for callee in callees:
            if any(_function_reads_code(callee, position, depth) for position in positions):
                return True
    return False


def _function_always_raises(call: nodes.Call) -> bool:
    """``raise_for(e)``: a project function every path of which raises."""
    try:
        callees = [v for v in call.func.infer() if isinstance(v, FUNCTION_TYPES)]
    except Exception:
        return False
    if len(callees) != 1:
        return False
    finished, still_open = _walk(callees[0].body, Facts(set(), set()), False)
    return not still_open and all(path.ends_in_raise for path in finished)


# --- paths ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Facts:
    exception_names: set[str]
    code_names: set[str]


@dataclass(frozen=True)
class Path:
    ends_in_raise: bool
    matched_code: bool  # went through a branch that matched specific codes


def _test_polarity(test: nodes.NodeNG, facts: Facts) -> str | None:
    """"positive" (``code == X``, ``code in S``), "negative" (``!=``, ``not in``), or None."""
    if isinstance(test, nodes.UnaryOp) and test.op == "not":
        inner = _test_polarity(test.operand, facts)
        return {"positive": "negative", "negative": "positive"}.get(inner) if inner else None
    if isinstance(test, nodes.BoolOp):
        polarities = {_test_polarity(v, facts) for v in test.values} - {None}
        return polarities.pop() if len(polarities) == 1 else ("positive" if polarities else None)
    if not is_code_expression(test, facts.exception_names, facts.code_names):
        names = facts.exception_names
        if isinstance(test, nodes.Call) and names and _passes_to_code_reader(test, names):
            return "positive"  # is_throttling(e)
        return None
    if isinstance(test, nodes.Compare):
        operators = {op for op, _ in test.ops}
        if operators <= {"!=", "not in", "is not"}:
            return "negative"
    return "positive"


def _walk(statements: list[nodes.NodeNG], facts: Facts, matched: bool) -> tuple[list[Path], set[bool]]:
    """(paths that leave here, matched-flags of paths that go on after the last statement)."""
    finished: list[Path] = []
    running = {matched}
    for statement in statements:
        after: set[bool] = set()
        for state in running:
            done, go_on = _walk_statement(statement, facts, state)
            finished += done
            after |= go_on
        running = after
        if not running:
            break
    return finished, running


def _walk_statement(statement: nodes.NodeNG, facts: Facts, matched: bool) -> tuple[list[Path], set[bool]]:
    if isinstance(statement, nodes.Raise):
        return [Path(True, matched)], set()
    if isinstance(statement, (nodes.Return, nodes.Continue, nodes.Break)):
        return [Path(False, matched)], set()
    if isinstance(statement, nodes.Expr) and isinstance(statement.value, nodes.Call):
        call = statement.value
        if _is_exit(call) or (_passes_exception(call, facts) and _function_always_raises(call)):
            return [Path(True, matched)], set()
        return [], {matched}
    if isinstance(statement, nodes.If):
        polarity = _test_polarity(statement.test, facts)
        body = _walk(statement.body, facts, matched or polarity == "positive")
        orelse = _walk(statement.orelse, facts, matched or polarity == "negative")
        return body[0] + orelse[0], body[1] | orelse[1]
    if isinstance(statement, nodes.Match):
        subject_is_code = is_code_expression(statement.subject, facts.exception_names, facts.code_names)
        finished: list[Path] = []
        running: set[bool] = set()
        has_wildcard = False
        for case in statement.cases:
            wildcard = isinstance(case.pattern, nodes.MatchAs) and case.pattern.pattern is None
            has_wildcard |= wildcard
            done, go_on = _walk(case.body, facts, matched or (subject_is_code and not wildcard))
            finished += done
            running |= go_on
        if not has_wildcard:
            running.add(matched)
        return finished, running
    if isinstance(statement, (nodes.With, nodes.AsyncWith)):
        return _walk(statement.body, facts, matched)
    if isinstance(statement, (nodes.Try, nodes.TryStar)):
        finished, running = _walk(statement.body + statement.orelse, facts, matched)
        for inner in statement.handlers:
            done, go_on = _walk(inner.body, facts, matched)
            finished += done
            running |= go_on
        return finished, running
    # Loops may not run at all; anything else just goes on.
    return [], {matched}


def _passes_exception(call: nodes.Call, facts: Facts) -> bool:
    return any(isinstance(a, nodes.Name) and a.name in facts.exception_names for a in call.args)


def _is_exit(call: nodes.Call) -> bool:
    name = dotted_name(call.func) or ""
    return name in ("sys.exit", "exit", "os._exit", "pytest.fail", "self.fail") or name.endswith(".abort")


def paths_through(handler: Handler) -> list[Path]:
    """Every way out of the handler; falling off its end is a path that does not raise."""
    finished, running = _walk(handler.node.body, Facts(handler.exception_names, handler.code_names), False)
    return finished + [Path(False, state) for state in running]


# --- the analysis ----------------------------------------------------------------------------------


class ClientErrorHandlers:
    """Every ``except ClientError`` handler of a module, outside test code."""

    def __init__(self, module: nodes.Module, test_file: bool) -> None:
        self.module = module
        self.test_file = test_file

    @cached_property
    def handlers(self) -> list[Handler]:
        if self.test_file:
            return []
        found = []
        for node in self.module.nodes_of_class(nodes.ExceptHandler):
            if not catches_client_error(node) or functions.in_test_code(node):
                continue
            exception_names = {node.name.name} if node.name is not None else set()
            code_names = _collect_code_names(node, exception_names) if exception_names else set()
            helper = bool(exception_names) and _passes_to_code_reader(node, exception_names)
            found.append(Handler(node, exception_names, code_names, helper))
        return found

    @staticmethod
    def reraises_everywhere(handler: Handler) -> bool:
        return all(path.ends_in_raise for path in paths_through(handler))

    @staticmethod
    def swallowing_paths(handler: Handler) -> list[Path]:
        """Paths that neither raise nor went through a branch on specific codes."""
        return [p for p in paths_through(handler) if not p.ends_in_raise and not p.matched_code]
