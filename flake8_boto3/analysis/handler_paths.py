"""The paths through an ``except ClientError`` handler, statement by statement.

Each path records how it leaves the handler (raising, returning a value,
``continue``/``break``, or falling off the end into the code after the
``try``) and what it did with the failure on the way:

- which *side* it is on: every code (no test on the error yet), a *specific*
  code or message (``if code == "NoSuchKey":``), or the *other* codes (the
  ``else`` of such a test, or what follows it);
- whether it *reported* the failure on (to a project function that reports
  or records errors, or as a failure status), *logged* it as one
  (``log.error``/``exception``/``critical``: an operator is told, not the
  caller), or only *noted* it: at a level that says "expected, carry on"
  (``debug``/``info``/``warning``, with the error's details) or as output
  (``print``, ``click.echo``: a report to the person running a script, a note
  in a service's log). A note before the handler tests the error shows every
  code, so it counts as a report there;
- whether it *kept* the error for someone else: stored its details in a
  field, a dict or a failures list (or a sentence saying it failed in any
  list: ``report.append(f"{id} - ERROR - could not check")``), or yielded them;
- whether it set a *not-there* value (``found = False``, ``policy = None``,
  ``items = []``), or a real *fallback* value (``manager = Fallback()``).

Whether a path loses the failure is judged from these facts in
:mod:`.failure_handling`.
"""

from __future__ import annotations

import ast
import enum
import re
from dataclasses import dataclass, replace
from http import HTTPStatus
from typing import TYPE_CHECKING

from flake8_boto3.analysis.code import FUNCTION_TYPES, TRY_TYPES, Code
from flake8_boto3.analysis.functions import has_lambda_signature, returns_outside_except_clauses
from flake8_boto3.analysis.names import arguments_at_call, dotted_name
from flake8_boto3.analysis.syntax_helpers import compare_pairs, first_test_after

if TYPE_CHECKING:
    from flake8_boto3.analysis.client_errors import Handler

EXITS = frozenset({"sys.exit", "exit", "quit", "os._exit", "pytest.fail", "self.fail", "abort", "flask.abort"})
# Where apps show messages to their user: Streamlit (st.error), Django's messages framework.
USER_MESSAGE_MODULES = frozenset({"st", "streamlit", "messages"})
# Streamlit's plain text on the page: a message there when it says something failed or carries the error.
STREAMLIT = frozenset({"st", "streamlit"})
STREAMLIT_TEXT = frozenset({"write", "markdown", "text", "caption", "info", "toast"})
# Calls that report a failure as one: error-level logging.
FAILURE_REPORTS = frozenset({"error", "exception", "critical", "fatal"})
# Calls that note something at a level meaning "expected, carry on" (with the error's details)...
NOTES = frozenset({"debug", "info", "warning", "warn", "log"})
# ... and output a person reads (a failure report in a script; a note in a service's log).
OUTPUT = frozenset({"print", "echo", "secho"})
# Writes to a script's standard streams, printed output too: sys.stderr.write(f"EC2 error in {region}: {e}\n").
STREAM_WRITES = frozenset({"sys.stderr.write", "sys.stdout.write"})
REPORTING_CALLS = FAILURE_REPORTS | NOTES | OUTPUT
# Container methods that keep what they are given.
KEEPING_METHODS = frozenset({"append", "add", "extend", "insert", "put", "update", "setdefault", "appendleft"})
# Names of collections that gather failures: anything put there records that something failed.
FAILURE_COLLECTION = ("error", "fail", "unprocessed", "problem", "issue", "skipped")
ERROR_WORD = re.compile(r"error|fail", re.I)
# Words of a recorded sentence that say the step did not go through: "Versioning: Unable to fetch".
_FAILED_STEP = r"error|fail|could ?n[o']t|unable|cannot|can't|denied"
FAILED_STEP_WORDS = re.compile(_FAILED_STEP, re.I)
# Printed words that tell the reader an operation went wrong: those, and more.
FAILURE_WORDS = re.compile(
    _FAILED_STEP + r"|not (allowed|authori[sz]ed|permitted)|forbidden|exception|problem|invalid|warning|skip", re.I
)
# Locals that record how an operation went: `sync_success = False`, `ok = False`, `failed = True`.
SUCCESS_LOCAL = re.compile(r"(^|_)(success(ful)?|succeeded|ok|done|completed)$", re.I)
FAILURE_LOCAL = re.compile(r"(^|_)(fail(ed|ure)?|errors?|has_errors?)$", re.I)
# Fields that record how an operation went: `user["PermissionsConfirmed"] = False`, `self.x_unavailable = True`.
OUTCOME_FIELD = re.compile(r"error|fail|unavailable|denied|confirmed|success|accessible|retrieved|listed|status", re.I)
# Project functions named for reporting (print_exception, log_error, report_failure, notify_admins):
# given the error, they report it; named for warnings, they note it.
REPORTING_HELPER = re.compile(r"error|exception|fail|report|alert|notify", re.I)
WARNING_HELPER = re.compile(r"warn", re.I)
# A status that says "it failed", handed to whoever waits for the outcome: cfnresponse.FAILED (the stack
# fails and shows the reason), Status.FAILURE, "FAILED".
FAILURE_STATUS = re.compile(r"^(FAILED|FAILURE|ERROR)$")
# One word a function answers for "it failed" in place of its result: "ERROR", "NoPermission",
# "AccessDenied", "read_failed" (a sentence is a message: :func:`is_message`).
FAILURE_MARKER = re.compile(r"^\w*(error|fail|denied|forbidden|unauthori[sz]ed|nopermission|noaccess)\w*$", re.I)
# One word a function answers for how it went: "OK", "NOT_FOUND", "Succeeded".
STATUS_WORD = re.compile(r"^[A-Za-z][A-Za-z_]*$")
# A result's status saying it failed: {"status": "err"}, {"result": "failed"}.
FAILURE_VALUE = re.compile(r"^(err|error|errors|fail|failed|failure|ko|nok)$", re.I)
# Calls that take the error without doing anything with it.
PLAIN_FUNCTIONS = frozenset({"str", "repr", "isinstance", "getattr", "hasattr", "len", "type", "format", "id"})
# astroid's Try and TryStar (``except*``: Python 3.11+).


class Exit(enum.Enum):
    RAISE = "raise"  # raise, sys.exit(), a helper that always raises
    RETURN = "return"  # return (the value is on the path)
    LOOP = "loop"  # continue or break
    FALL = "fall"  # off the end of the handler, into the code after the try


class Side(enum.Enum):
    ALL = "all"  # no test on the error has been passed
    SPECIFIC = "specific"  # inside a branch for named codes or messages
    OTHER = "other"  # the codes no branch names


@dataclass(frozen=True)
class State:
    side: Side = Side.ALL
    reported: bool = False
    logged: bool = False
    noted: bool = False
    kept: bool = False
    not_there: bool = False
    fallback: bool = False


@dataclass(frozen=True)
class Path:
    exit: Exit
    state: State
    value: ast.AST | None = None  # what a return gives back (None: a bare return)

    @property
    def ends_in_raise(self) -> bool:
        return self.exit is Exit.RAISE

    @property
    def other_codes(self) -> bool:
        """The path taken by the codes a test on the error leaves out (BTO402's side)."""
        return self.state.side is Side.OTHER


# --- what a statement does with the error -----------------------------------------------------


def is_not_there(value: ast.AST | None) -> bool:
    """``None``, ``False``, ``0``, ``""``, ``[]``, ``{}``, ``set()``: a value that reads as "nothing"."""
    if value is None:
        return True
    if isinstance(value, ast.Constant):
        return not value.value
    if isinstance(value, (ast.List, ast.Tuple, ast.Set, ast.Dict)):
        return not value.elts if not isinstance(value, ast.Dict) else not value.keys
    if isinstance(value, ast.Call) and not value.args and not value.keywords:
        return dotted_name(value.func) in ("list", "dict", "set", "tuple", "str", "frozenset")
    return False


def is_printed_output(call: ast.Call) -> bool:
    """``print(...)``, ``click.echo(...)``, ``sys.stderr.write(...)``: output a person reads."""
    dotted = dotted_name(call.func) or ""
    return dotted.rsplit(".", 1)[-1] in OUTPUT or dotted in STREAM_WRITES


def report_kind(call: ast.Call, handler: Handler | None) -> str | None:
    """"reported" for a call that shows the failure as one, or hands the error to a function of the
    project (``handle_error(e)``: it decides); "noted" for a lower-level log of the error's details or
    printed output; None for anything else."""
    dotted = dotted_name(call.func) or ""
    name = dotted.rsplit(".", 1)[-1]
    if _shown_to_the_user(dotted, call, handler):
        return "reported"
    if name in FAILURE_REPORTS:
        return "logged"
    printed = is_printed_output(call)
    if printed and handler is None:
        return "noted"
    if handler is None:
        return None
    arguments = [*call.args, *(kw.value for kw in call.keywords or ())]
    carries_error = any(handler.mentions_error(argument) for argument in arguments)
    if printed:
        # print("Trying another region") tells the reader nothing failed: only the error, or words
        # saying something failed, report it.
        return "noted" if carries_error or any(_tells_of_a_failure(argument) for argument in arguments) else None
    if name in NOTES or (carries_error and WARNING_HELPER.search(name)):
        return "noted" if carries_error else None
    if carries_error and REPORTING_HELPER.search(name):
        return "reported"
    if any(_is_failure_status(argument) for argument in arguments):
        return "reported"  # cfnresponse.send(event, context, cfnresponse.FAILED, {}): the outcome is sent on
    exception = [a for a in arguments if isinstance(a, ast.Name) and a.id in handler.exception_names]
    if exception and name not in PLAIN_FUNCTIONS and name not in KEEPING_METHODS:
        return "reported"
    return None


def _shown_to_the_user(dotted: str, call: ast.Call, handler: Handler | None) -> bool:
    """An error message shown to the person using the app, in the page they see: Streamlit's
    ``st.error(...)``, Django's ``messages.error(request, ...)``, Flask's ``flash(..., "error")`` or
    Streamlit's ``st.write(...)`` (saying it failed, or carrying the error): the failure is passed
    on to them, not logged."""
    owner, _, name = dotted.rpartition(".")
    arguments = [*call.args, *(kw.value for kw in call.keywords or ())]
    if owner in USER_MESSAGE_MODULES and name in FAILURE_REPORTS | {"warning"}:
        return True
    if (owner in STREAMLIT and name in STREAMLIT_TEXT) or (name == "flash" and owner in ("", "flask")):
        return any(_tells_of_a_failure(a) for a in arguments) or (
            handler is not None and any(handler.mentions_error(a) for a in arguments)
        )
    return False


def _tells_of_a_failure(node: ast.AST) -> bool:
    """Printed text (a string, an f-string's or ``.format``'s) that says something went wrong:
    "Error ...", "could not ...", "Access denied ..."."""
    texts = [
        part.value
        for part in ast.walk(node)
        if isinstance(part, ast.Constant) and isinstance(part.value, str)
    ]
    return any(FAILURE_WORDS.search(text) for text in texts)


def _collection_name(node: ast.AST) -> str:
    return (dotted_name(node) or "").rsplit(".", 1)[-1].lower()


def _is_assign_attr(target: ast.AST) -> bool:
    """astroid's ``AssignAttr``: ``x.y`` as a target."""
    return isinstance(target, ast.Attribute) and isinstance(target.ctx, ast.Store)


def _field_name(target: ast.AST) -> str:
    if _is_assign_attr(target):
        return target.attr
    if isinstance(target, ast.Subscript) and isinstance(target.slice, ast.Constant):
        return str(target.slice.value)
    return ""


def keeps(code: Code, statement: ast.AST, handler: Handler | None) -> bool:
    """Stores the error's details where the caller can see them, or records a failure."""
    if handler is None:
        return False
    if isinstance(statement, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
        targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
        fields = [t for t in targets if _is_assign_attr(t) or isinstance(t, ast.Subscript)]
        if not fields or statement.value is None:
            return False
        return handler.mentions_error(statement.value) or any(OUTCOME_FIELD.search(_field_name(t)) for t in fields)
    for call in code.nodes(ast.Call, within=statement):
        func = call.func
        if isinstance(func, ast.Attribute) and func.attr in KEEPING_METHODS:
            arguments = [*call.args, *(kw.value for kw in call.keywords or ())]
            if any(handler.mentions_error(a) or _says_it_failed(a) for a in arguments):
                return True
            if any(isinstance(a, ast.Dict) and _records_a_failure(a) for a in arguments):
                return True  # results.append({"key": key, "status": "error"}): a result saying it failed
            if any(word in _collection_name(func.value) for word in FAILURE_COLLECTION):
                return True
            if isinstance(func.value, ast.Name) and _raised_after_the_loop(code, statement, func.value.id):
                return True
    return False


def _records_a_failure(entry: ast.Dict) -> bool:
    """A result saying it failed: ``{"key": key, "status": "error"}``, or with a sentence that says so
    in any field (``{"BucketName": "Unexpected Error"}``)."""
    return is_error_response(entry) or any(_says_it_failed(value) for value in entry.values)


def _raised_after_the_loop(code: Code, statement: ast.AST, collection: str) -> bool:
    """The collection the handler puts the failed item in (``missing.append(key)``) is tested right
    after the loop the ``try`` runs in, and the test raises (``if missing: raise RuntimeError(...)``):
    every failure of the loop ends the run, whatever it is called."""
    loop = code.innermost_loop(statement)
    if not isinstance(loop, (ast.For, ast.AsyncFor, ast.While)):
        return False
    test = first_test_after(code, loop, {collection})
    return test is not None and any(isinstance(node, ast.Raise) for node in test.body)


def _says_it_failed(value: ast.AST) -> bool:
    """A sentence recording a failure: ``f"{snapshot} - ERROR - could not check its volume"``,
    ``"Versioning: Unable to fetch"``."""
    if not is_message(value):
        return False
    return bool(FAILED_STEP_WORDS.search(_literal_text(value) or ""))


def _read_after_handler(code: Code, statement: ast.Assign | ast.AnnAssign, handler: Handler) -> bool:
    """A local assigned in the handler is read outside it (in a ``finally:``, after the ``try``)."""
    targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
    names = {n.id for t in targets for n in code.nodes(ast.Name, within=t) if isinstance(n.ctx, ast.Store)}
    scope = code.home.scopes.scope_of(handler.node)
    for name in code.nodes(ast.Name, within=scope):
        if isinstance(name.ctx, ast.Load) and name.id in names and not code.is_inside(name, handler.node):
            return True
    return False


def _records_an_outcome(statement: ast.AST) -> bool:
    """``sync_success = False``, ``ok = False``, ``failed = True``: a local that says how the operation
    went (not whether something is there: ``found = False`` is a stand-in)."""
    if not isinstance(statement, ast.Assign) or len(statement.targets) != 1:
        return False
    target, value = statement.targets[0], statement.value
    if not isinstance(target, ast.Name) or not (isinstance(value, ast.Constant) and isinstance(value.value, bool)):
        return False
    if SUCCESS_LOCAL.search(target.id):
        return value.value is False
    return FAILURE_LOCAL.search(target.id) is not None and value.value is True


def _assigned_value(statement: ast.AST) -> ast.AST | None:
    if isinstance(statement, (ast.Assign, ast.AnnAssign)):
        return statement.value
    return None


# Keys of a message for a person in an answer: {"message": "there was client error"}.
# ... and AWS Config's evaluation note: {"compliance_type": "NON_COMPLIANT", "annotation": "describe failed"}.
MESSAGE_KEYS = frozenset({"message", "msg", "detail", "reason", "annotation"})
# Named statuses: Django REST framework's, Starlette's and FastAPI's ``status.HTTP_502_BAD_GATEWAY``.
NAMED_STATUS = re.compile(r"^HTTP_([1-5]\d\d)(_|$)")


def _is_error_status(node: ast.AST | None) -> bool:
    """``500``, ``status.HTTP_502_BAD_GATEWAY``, ``HTTPStatus.NOT_FOUND``: an HTTP status of a failure."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, int) and 400 <= node.value < 600
    if not isinstance(node, ast.Attribute):
        return False
    named = NAMED_STATUS.match(node.attr)
    if named is not None:
        return 400 <= int(named.group(1)) < 600
    owner = dotted_name(node.value) or ""
    if owner.rsplit(".", 1)[-1] == "HTTPStatus" and node.attr in HTTPStatus.__members__:
        return 400 <= HTTPStatus[node.attr].value < 600
    return False


def is_message(value: ast.AST | None, depth: int = 0) -> bool:
    """A sentence for a person: ``"Couldn't read the policy of bucket x"``, an f-string of several words
    or strings joined with ``+`` (``"describe failed on group " + group_id``), also inside what is
    returned (``return [], [f"Couldn't check bucket {b}"]``: errors and warnings)."""
    text = _literal_text(value)
    if text is not None:
        return len(text.split()) > 1
    if isinstance(value, (ast.Tuple, ast.List)) and depth < 2:
        return any(is_message(element, depth + 1) for element in value.elts)
    return False


def _literal_text(value: ast.AST | None, depth: int = 0) -> str | None:
    """The literal words of a string, an f-string or strings joined with ``+`` (what is computed
    left out), or None for anything else."""
    if isinstance(value, ast.Constant) and isinstance(value.value, str):
        return value.value
    if isinstance(value, ast.JoinedStr):
        return "".join(part.value for part in value.values if isinstance(part, ast.Constant))
    if isinstance(value, ast.BinOp) and isinstance(value.op, ast.Add) and depth < 8:
        left, right = _literal_text(value.left, depth + 1), _literal_text(value.right, depth + 1)
        if left is None and right is None:
            return None
        return f"{left or ''} {right or ''}"
    return None


def _is_failure_word(node: ast.AST | None) -> bool:
    """``"err"``, ``"error"``, ``"failed"``: a status value saying the operation failed."""
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and bool(FAILURE_VALUE.match(node.value))


def _is_failure_level(node: ast.AST) -> bool:
    """``level.error``, ``Status.FAILED``, ``Result.ERR``: a member of a set of outcomes that says it
    failed (an attribute: a bare name may be anything, the exception itself too)."""
    return isinstance(node, ast.Attribute) and bool(FAILURE_VALUE.match(node.attr))


def _is_failure_status(node: ast.AST) -> bool:
    """``cfnresponse.FAILED``, ``Status.FAILURE``, ``"FAILED"``."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and bool(FAILURE_STATUS.match(node.value))
    name = dotted_name(node)
    return name is not None and bool(FAILURE_STATUS.match(name.rsplit(".", 1)[-1]))


def is_error_response(value: ast.AST | None, code: Code | None = None, depth: int = 0) -> bool:
    """An explicit failure answer: ``{"statusCode": 500, ...}``, ``{"error": ...}``, ``{"success": False}``,
    ``jsonify(...), 404``, ``Response(status=500)``, ``make_response(body, 503)``, ``json_response(500, body)``,
    ``error_response(...)``, a helper given an error body (``respond(status, {"error": ...})``) or a
    sentence saying it failed (``build_issue("S3 enumeration failed", ...)``, also in a list), or a
    message for a person (``return "Couldn't check the bucket's versioning"``)."""
    if is_message(value):
        return True
    if isinstance(value, ast.Dict):
        for key, item in zip(value.keys, value.values):
            name = key.value if isinstance(key, ast.Constant) and isinstance(key.value, str) else ""
            if name.lower() in ("statuscode", "status_code", "status") and _is_error_status(item):
                return True
            if name.lower() in ("status", "state", "result", "outcome") and _is_failure_word(item):
                return True  # {"status": "err", "msg": "could not lock the order"}
            failed = name.lower() in ("success", "ok") and isinstance(item, ast.Constant) and item.value is False
            if ERROR_WORD.search(name) or failed:
                return True
            if name.lower() in MESSAGE_KEYS and _says_it_failed(item):
                return True  # {"message": "there was client error"}
        return False
    if isinstance(value, ast.Tuple) and value.elts:
        # jsonify(...), 500; or a level the caller ranks its results by: level.error, [bucket, "ERR"]
        return _is_error_status(value.elts[-1]) or any(_is_failure_level(element) for element in value.elts)
    if isinstance(value, ast.Call):
        name = (dotted_name(value.func) or "").rsplit(".", 1)[-1]
        statuses = [kw.value for kw in value.keywords or () if kw.arg in ("status", "status_code", "statusCode")]
        if any(_is_error_status(status) for status in statuses):
            return True
        # make_response(body, 503); a response helper may take the status first: json_response(500, body)
        positions = value.args[:2] if "respon" in name.lower() else value.args[1:2]
        if any(_is_error_status(argument) for argument in positions):
            return True
        # a helper packing an error body: json_response(status, {"error": "Failed to create task"})
        arguments = [*value.args, *(kw.value for kw in value.keywords or ())]
        if any(isinstance(argument, ast.Dict) and is_error_response(argument) for argument in arguments):
            return True
        if code is not None and _answers_with_the_status_given(code, value, arguments):
            return True  # cors(500, {...}) where cors returns {"statusCode": status, ...}
        if any(_says_it_failed(argument) for argument in arguments):
            return True  # build_issue("S3 enumeration failed", "The scanner could not list buckets")
        return bool(ERROR_WORD.search(name))
    if isinstance(value, ast.List) and depth < 2:
        return any(is_error_response(element, code, depth + 1) for element in value.elts)  # [build_issue(...)]
    return False


STATUS_KEYS = ("statusCode", "status_code")


def _answers_with_the_status_given(code: Code, call: ast.Call, arguments: list[ast.expr]) -> bool:
    """``cors(500, body)`` where the project function returns ``{"statusCode": status, ...}`` with the
    parameter the call gives an HTTP error status: an explicit error response, built by a helper.
    ``arguments``: the call's positional and keyword arguments."""
    if not any(_is_error_status(argument) for argument in arguments):
        return False  # (no error status given: the helper is not looked up)
    helper = code.sole_function(call.func)
    if helper is None:
        return False
    bound = arguments_at_call(helper.node, call)
    if not bound:
        return False
    for node in helper.code.nodes(ast.Return, within=helper.node, skip=FUNCTION_TYPES):
        if not isinstance(node.value, ast.Dict):
            continue
        for key, item in zip(node.value.keys, node.value.values):
            if isinstance(key, ast.Constant) and key.value in STATUS_KEYS and isinstance(item, ast.Name):
                return _is_error_status(bound.get(item.id))
    return False


def _after(code: Code, statement: ast.AST, state: State, handler: Handler | None) -> State:
    """The state once a plain statement (not a branch, not a way out) has run."""
    calls = [statement.value] if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call) else []
    calls += [c for c in code.nodes(ast.Call, within=statement) if c not in calls]
    kinds = {report_kind(call, handler) for call in calls}
    if "reported" in kinds:
        state = replace(state, reported=True)
    if "logged" in kinds:
        state = replace(state, logged=True)
    if "noted" in kinds:
        state = replace(state, noted=True)
    if keeps(code, statement, handler):
        return replace(state, kept=True)
    if isinstance(statement, ast.Expr) and isinstance(statement.value, (ast.Yield, ast.YieldFrom)):
        yielded = statement.value.value
        if yielded is not None and handler is not None and handler.mentions_error(yielded):
            return replace(state, kept=True)
        return replace(state, fallback=True) if not is_not_there(yielded) else replace(state, not_there=True)
    value = _assigned_value(statement)
    if value is not None:
        if is_error_response(value, code):
            return replace(state, kept=True)
        if handler is not None and handler.mentions_error(value):
            if _read_after_handler(code, statement, handler):
                return replace(state, kept=True)  # `status = f"failed: {code}"`, reported after the try
            return state  # `code = e.response[...]`: read into a local for the handler itself
        if _records_an_outcome(statement) and handler is not None and _read_after_handler(code, statement, handler):
            return replace(state, kept=True)  # `synced = False`, `failed = True`, read after the try
        if isinstance(value, (ast.Constant, ast.List, ast.Tuple, ast.Set, ast.Dict)) or is_not_there(value):
            return replace(state, not_there=True)  # `found = False`, `status = "unknown"`: a stand-in
        return replace(state, fallback=True)  # `manager = Fallback()`: another real way to go on
    return state


# --- walking the handler ------------------------------------------------------------------------


def _polarity(test: ast.AST, handler: Handler | None) -> str | None:
    """"specific" (``code == X``, ``code in S``, ``"throttl" in str(e)``), "rest" (``!=``, ``not in``) or None."""
    if handler is None:
        return None
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        inner = _polarity(test.operand, handler)
        return {"specific": "rest", "rest": "specific"}.get(inner) if inner else None
    if isinstance(test, ast.BoolOp):
        found = {_polarity(value, handler) for value in test.values} - {None}
        return found.pop() if len(found) == 1 else ("specific" if found else None)
    if isinstance(test, ast.Compare) and any(
        handler.hands_to_code_reader(side) for side in [test.left, *(operand for _, operand in compare_pairs(test))]
    ):
        pass  # Error.code(e) != "X": the code, read by a helper
    elif not handler.is_detail(test):
        return "specific" if handler.hands_to_code_reader(test) else None  # is_throttling(e)
    if isinstance(test, ast.Compare) and {op for op, _ in compare_pairs(test)} <= {"!=", "not in", "is not"}:
        return "rest"
    return "specific"


def _walk(
    code: Code, statements: list[ast.AST], handler: Handler | None, state: State
) -> tuple[list[Path], set[State]]:
    """(paths that leave, states of the paths that go on after the last statement)."""
    finished: list[Path] = []
    running = {state}
    for statement in statements:
        after: set[State] = set()
        for current in running:
            done, go_on = _step(code, statement, handler, current)
            finished += done
            after |= go_on
        running = after
        if not running:
            break
    return finished, running


def _sides(state: State, polarity: str | None) -> tuple[State, State]:
    """(state in the branch, state in the else) of a test with this polarity."""
    if polarity is None or state.side is Side.SPECIFIC:
        return state, state
    if state.side is Side.ALL and state.noted:
        state = replace(state, reported=True)  # logged before the test: every code was shown first
    specific = replace(state, side=Side.SPECIFIC)
    other = replace(state, side=Side.OTHER)
    return (specific, other) if polarity == "specific" else (other, specific)


def _failure_state_for_a_caller(code: Code, statement: ast.Return) -> bool:
    """``return "ERROR"`` from a function answering a job's state to its caller (``"SUCCEEDED"`` on
    the other paths), ``return "NoPermission"`` in place of a bucket's last change for a report's
    cell, ``return "Error", "Error"``: one word saying it failed, where the caller shows or tests it.
    Not from a Lambda handler, where the runtime takes any value for success and an SQS batch the
    handler was given is deleted, unless it answers its invoker (:func:`_answers_its_invoker`)."""
    function = code.enclosing_function(statement)
    value = statement.value
    markers = value.elts if isinstance(value, ast.Tuple) else [value]
    return (
        any(_is_failure_marker(marker) for marker in markers)
        and function is not None
        and (not has_lambda_signature(function) or _answers_its_invoker(code, function))
    )


def _answers_its_invoker(code: Code, handler: ast.AST) -> bool:
    """A Lambda handler that answers a status word on every path where nothing failed (``"OK"``,
    ``"NOT_FOUND"``) and takes no event source's batch (its ``Records``): a state machine's task, or a
    function its caller invokes for the answer, which tells the words apart; ``"ERROR"`` passes the
    failure on to it."""
    returns = returns_outside_except_clauses(code, handler)
    return (
        bool(returns)
        and all(_is_status_word(ret.value) for ret in returns)
        and not any(node.value == "Records" for node in code.nodes(ast.Constant, within=handler))
    )


def _is_status_word(node: ast.AST | None) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and bool(STATUS_WORD.match(node.value))


def _retries_itself(code: Code, statement: ast.Return) -> bool:
    """``return analyze(image, preprocess=False)`` in ``analyze``'s own handler: the function tries
    again (another way), and what that attempt's failure gives is what its handler decides."""
    function = code.enclosing_function(statement)
    value = statement.value
    if function is None or not isinstance(value, ast.Call):
        return False
    func = value.func
    if isinstance(func, ast.Name):
        return func.id == function.name and code.enclosing_class(function) is None
    return (
        isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Name)
        and func.value.id in ("self", "cls")
        and func.attr == function.name
        and code.enclosing_class(function) is not None
    )


def _is_failure_marker(node: ast.AST | None) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and bool(FAILURE_MARKER.match(node.value))


def _step(code: Code, statement: ast.AST, handler: Handler | None, state: State) -> tuple[list[Path], set[State]]:
    if isinstance(statement, ast.Raise):
        return [Path(Exit.RAISE, state)], set()
    if isinstance(statement, ast.Return):
        value = statement.value
        if value is not None and (
            is_error_response(value, code)
            or _failure_state_for_a_caller(code, statement)
            or (handler is not None and handler.mentions_error(value))
        ):
            state = replace(state, kept=True)  # the failure goes back to the caller in another form
        elif _retries_itself(code, statement):
            state = replace(state, kept=True)  # another attempt: its own failure is handled as this one
        return [Path(Exit.RETURN, state, value)], set()
    if isinstance(statement, (ast.Continue, ast.Break)):
        return [Path(Exit.LOOP, state)], set()
    if isinstance(statement, ast.Pass):
        return [], {state}
    if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call):
        if _always_raises(code, statement.value, handler):
            return [Path(Exit.RAISE, _after(code, statement, state, handler))], set()
    if isinstance(statement, ast.If):
        body, orelse = _sides(state, _polarity(statement.test, handler))
        done_body, running_body = _walk(code, statement.body, handler, body)
        done_else, running_else = _walk(code, statement.orelse, handler, orelse)
        return done_body + done_else, running_body | running_else
    if isinstance(statement, ast.Match):
        return _match(code, statement, handler, state)
    if isinstance(statement, (ast.With, ast.AsyncWith)):
        return _walk(code, statement.body, handler, state)
    if isinstance(statement, TRY_TYPES):
        finished, running = _walk(code, statement.body + statement.orelse, handler, state)
        for inner in statement.handlers:
            done, go_on = _walk(code, inner.body, handler, state)
            finished += done
            running |= go_on
        return finished, running
    return [], {_after(code, statement, state, handler)}


def _match(code: Code, statement: ast.Match, handler: Handler | None, state: State) -> tuple[list[Path], set[State]]:
    about_error = handler is not None and handler.is_detail(statement.subject)
    finished: list[Path] = []
    running: set[State] = set()
    wildcard_seen = False
    specific, other = _sides(state, "specific" if about_error else None)
    for case in statement.cases:
        wildcard = isinstance(case.pattern, ast.MatchAs) and case.pattern.pattern is None
        wildcard_seen |= wildcard
        done, go_on = _walk(code, case.body, handler, other if wildcard else specific)
        finished += done
        running |= go_on
    if not wildcard_seen:
        running.add(other)
    return finished, running


def _always_raises(code: Code, call: ast.Call, handler: Handler | None) -> bool:
    """``sys.exit(1)``, ``abort(500)``, or ``raise_for(e)``: a project function, given the error, that always raises."""
    if (dotted_name(call.func) or "") in EXITS:
        return True
    if handler is None or not any(isinstance(a, ast.Name) and a.id in handler.exception_names for a in call.args):
        return False
    callees = code.functions_called(call)
    # The callee's body (without its docstring, as astroid has it), walked in its own module.
    return len(callees) == 1 and always_raises(callees[0].code, callees[0].code.home.tree.body(callees[0].node))


def always_raises(code: Code, body: list[ast.AST]) -> bool:
    """Every path through these statements raises (for helpers such as ``raise_for(e)``)."""
    finished, running = _walk(code, body, None, State())
    return not running and all(path.ends_in_raise for path in finished)


def paths_through(handler: Handler) -> list[Path]:
    """Every way out of the handler; falling off its end is a path too."""
    finished, running = _walk(handler.code, handler.node.body, handler, State())
    return finished + [Path(Exit.FALL, state) for state in running]
