"""What a function is for: request handler, run-once entry point, cached, test code.

These decide where creating a boto3 client costs something on every request
and where it runs once per process.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterator
from dataclasses import dataclass

import ast

from flake8_boto3.analysis.code import Code
from flake8_boto3.analysis.logging_calls import in_log_message
from flake8_boto3.analysis.names import (
    FUNCTION_TYPES,
    chain_root,
    decorator_names,
    dotted_name,
    positional_parameter_names,
)
from flake8_boto3.settings import Settings

# Methods that run once per object or per test, not per request.
RUN_ONCE_METHODS = frozenset(
    {
        "__init__",
        "__post_init__",
        "__new__",
        "__enter__",
        "__aenter__",
        "__init_subclass__",
        "__set_name__",
        "setUp",
        "setUpClass",
        "asyncSetUp",
        "setup_method",
        "setup_class",
        "setup_module",
        "setup",
        "setup_function",
    }
)
# Decorators whose function's result is computed once (per argument).
CACHE_DECORATORS = frozenset(
    {"cache", "lru_cache", "cached_property", "cached", "memoize", "memoized", "cachedmethod", "cache_resource", "once"}
)
# Command-line entry points: run once per process.
COMMAND_DECORATORS = frozenset({"command", "group", "callback", "main"})
# crhelper's registration decorators (`@helper.create`) and the modules custom resources use.
CUSTOM_RESOURCE_EVENTS = frozenset({"create", "update", "delete", "poll_create", "poll_update", "poll_delete"})
CUSTOM_RESOURCE_MODULES = ("cfnresponse", "crhelper", "CfnResource")
TEST_FILE_PATTERNS = ("test_*.py", "*_test.py", "tests.py", "conftest.py")
TEST_BASE_CLASSES = frozenset({"TestCase", "IsolatedAsyncioTestCase", "AioHTTPTestCase", "SimpleTestCase"})


def is_test_file(path: str) -> bool:
    normalized = path.replace("\\", "/")
    name = os.path.basename(normalized)
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in TEST_FILE_PATTERNS)


def _last(name: str) -> str:
    return name.rsplit(".", 1)[-1]


def _is_test_class(code: Code, cls: ast.ClassDef) -> bool:
    if cls.name.startswith("Test"):
        return True
    return any(_last(code.as_string(base)) in TEST_BASE_CLASSES for base in cls.bases)


def is_test_function(code: Code, function: ast.AST) -> bool:
    """Test functions, test methods, test classes' helpers and pytest fixtures."""
    if function.name.startswith("test"):
        return True
    if any(_last(name) in ("fixture", "yield_fixture") for name in decorator_names(function)):
        return True
    cls = code.enclosing_class(function)
    return cls is not None and _is_test_class(code, cls)


def in_test_code(code: Code, node: ast.AST) -> bool:
    return any(is_test_function(code, function) for function in code.enclosing_functions(node))


# The names a Lambda handler's two parameters go by: (event, context), (evt, ctx), (event, lambda_context).
EVENT_NAMES = frozenset({"event", "evt"})
CONTEXT_NAMES = frozenset({"context", "ctx", "ctxt", "lambda_context"})


def has_lambda_signature(function: ast.AST) -> bool:
    """``def name(event, context)`` (or ``evt``/``ctx``...): the signature of a Lambda handler."""
    return _lambda_parameters(positional_parameter_names(function))


def _lambda_parameters(params: list[str]) -> bool:
    return len(params) >= 2 and params[0].lstrip("_") in EVENT_NAMES and params[1].lstrip("_") in CONTEXT_NAMES


def is_lambda_module(code: Code) -> bool:
    """The module defines a Lambda handler at its top level: what it prints goes to the function's log
    in CloudWatch, not to anyone's screen."""
    return any(isinstance(node, FUNCTION_TYPES) and has_lambda_signature(node) for node in code.module.body)


def handler_reason(code: Code, function: ast.AST, settings: Settings) -> str | None:
    """Why ``function`` is a request handler ("Lambda handler", "web route"), or None.

    CloudFormation custom resource handlers are not: they run a few times in a stack's life; nor are
    CodePipeline actions: they run once per release.
    """
    if is_custom_resource_handler(code, function) or is_pipeline_action_handler(code, function):
        return None
    if _lambda_parameters(_handler_parameters(code, function)):
        return "Lambda handler"  # (once a method's self/cls is set aside)
    if _has_a_handler_name(function, settings) and _takes_a_request(code, function):
        return "Lambda handler"
    if _has_a_handler_decorator(function, settings):
        return "request handler"
    return None


def answers_http_requests(code: Code, function: ast.AST, settings: Settings) -> bool:
    """A request handler whose answer goes to an HTTP client: a web route (a handler decorator), or a
    Lambda handler in a module that builds an HTTP answer (``{"statusCode": 200, ...}``, not one no
    HTTP client gets: see :func:`_answers_no_http_client`)."""
    reason = handler_reason(code, function, settings)
    if reason is None:
        return False
    return reason == "request handler" or _builds_an_http_answer(code)


def is_chalice_route(code: Code, function: ast.AST) -> bool:
    """A route (or any handler) of a Chalice app: ``@app.route("/")`` where the module binds ``app =
    Chalice(...)``. Chalice deploys it as a Lambda function, which answers one request at a time."""
    for decorator in function.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        root = chain_root(target)
        if root is None or root is target:
            continue
        if any(called.split(".")[-1] == "Chalice" for called in _calls_assigned_to(code, root)):
            return True
    return False


def _has_a_handler_name(function: ast.AST, settings: Settings) -> bool:
    return any(fnmatch.fnmatchcase(function.name, pattern) for pattern in settings.handler_names)


def _has_a_handler_decorator(function: ast.AST, settings: Settings) -> bool:
    return any(
        fnmatch.fnmatchcase(name, pattern)
        for name in decorator_names(function)
        for pattern in settings.handler_decorators
    )


def _takes_a_request(code: Code, function: ast.AST) -> bool:
    """A handler is given what it handles: a function named like one that takes no argument at all
    (``def lambda_handler():`` that a script calls once) is not one. (Lambda passes two; a name
    configured with ``--boto3-handler-names`` may be another framework's entry point, given one.)"""
    return bool(_handler_parameters(code, function)) or function.args.vararg is not None


def _handler_parameters(code: Code, function: ast.AST) -> list[str]:
    """The function's positional parameters, a method's ``self``/``cls`` set aside."""
    params = positional_parameter_names(function)
    if code.enclosing_class(function) is not None and params[:1] and params[0] in ("self", "cls"):
        return params[1:]
    return params


def is_job_handler(code: Code, function: ast.AST) -> bool:
    """A Lambda handler that reads nothing of its event and answers no HTTP request: a scheduled or
    manually started job (an EventBridge schedule's event carries nothing a job needs; a cleanup,
    backup, report or compliance scan over the whole account). It runs when its schedule says, most
    often cold, not once per request or message: ``def handler(event, context): cleanup()``; also
    when it only logs its event (see :func:`_only_for_diagnosis`) or reads only the time
    EventBridge stamps on it (``event["time"]``: :data:`EVENT_TIME`). A handler that reads it
    otherwise, is decorated (other than by instrumentation that only observes the call:
    :data:`OBSERVING_DECORATORS`), or sits in a module that builds an HTTP
    answer (a ``"statusCode"`` anywhere but in answers no HTTP client would get anything from: see
    :func:`_answers_no_http_client`; an API Gateway handler that needs nothing of the request still
    serves requests) is not one."""
    if not all(_only_observes(decorator) for decorator in function.decorator_list):
        return False
    params = _handler_parameters(code, function)
    if not _given_event_and_context(params):
        return False
    event = params[0]  # whatever its name: `def lambda_handler(even, context)` is given the event
    reads = (node for node in code.nodes(ast.Name, within=function) if node.id == event)
    if any(
        _reads_the_parameter(code, node) and not _only_for_diagnosis(code, node) and not _envelope_only(code, node)
        for node in reads
    ):
        return False
    return not _builds_an_http_answer(code)


def _builds_an_http_answer(code: Code) -> bool:
    """The module builds a ``"statusCode"`` answer that an HTTP client gets something from (see
    :func:`_answers_no_http_client`)."""
    return any(
        not _answers_no_http_client(code, node)
        for node in code.nodes(ast.Constant)
        if node.value == "statusCode" and _builds_an_answer(code, node)
    )


# When an EventBridge event happened: a scheduled rule's event carries nothing else a job needs (its
# "detail" is empty), so a handler that reads only this runs on the schedule, like one that reads
# nothing of its event (``event["time"][:10]``: the day to process). The envelope's other members
# ("id", "region", "resources") are names that direct invocations' payloads use too.
EVENT_TIME = "time"


def _envelope_only(code: Code, read: ast.Name) -> bool:
    """The event is read for the time EventBridge stamps on it (``event["time"]``)."""
    return _member_key(code, read) == EVENT_TIME


def _only_for_diagnosis(code: Code, read: ast.Name) -> bool:
    """The event is read only to be written to the log (``print(event)``, ``logger.info(event)``: a
    Lambda function's print goes to its log), or to be attached to an exception that is raised
    (``except Exception as e: e.args += (event,); raise``): the work does not depend on it."""
    if in_log_message(code, read, print_logs=True):
        return True
    parent = code.parent(read)
    while parent is not None and not isinstance(parent, ast.stmt):
        parent = code.parent(parent)
    handler = code.parent(parent) if parent is not None else None
    if not isinstance(handler, ast.ExceptHandler) or handler.name is None:
        return False
    if isinstance(parent, ast.Raise):
        return True  # raise JobError(f"failed on {event}") from error
    targets = [parent.target] if isinstance(parent, ast.AugAssign) else getattr(parent, "targets", [])
    return any(
        isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) and target.value.id == handler.name
        for target in targets
    )  # error.args += (event,): the exception carries it to the log


def _given_event_and_context(params: list[str]) -> bool:
    """A Lambda handler's parameters: the event (whatever its name), then the context under one of its
    names, or ``_`` when the handler does not use it (``def lambda_handler(event, _)``); also the two
    names swapped (``def lambda_handler(context, event)``: the runtime passes the event first)."""
    if len(params) < 2:
        return False
    second = params[1].lstrip("_")
    return second in CONTEXT_NAMES or not second or (second in EVENT_NAMES and params[0].lstrip("_") in CONTEXT_NAMES)


def _builds_an_answer(code: Code, key: ast.Constant) -> bool:
    """The ``"statusCode"`` is a key of a dict the module builds (``{"statusCode": 200, ...}``) or sets
    (``response["statusCode"] = 500``), not one it reads from a value it got (an AWS Health event's
    ``event.get("statusCode")``, another function's answer)."""
    parent = code.parent(key)
    if isinstance(parent, ast.Dict):
        return any(k is key for k in parent.keys)
    return isinstance(parent, ast.Subscript) and parent.slice is key and not isinstance(parent.ctx, ast.Load)


# What only AWS infrastructure events carry: EventBridge's envelope around an event of an AWS service
# (an instance changing state, a CloudTrail-recorded API call, a scheduled rule's tick), and the keys of an
# Auto Scaling lifecycle hook's and a CloudWatch alarm's notifications.
EVENTBRIDGE_MEMBERS = frozenset({"detail", "detail-type"})
INFRASTRUCTURE_EVENT_KEYS = frozenset({"LifecycleHookName", "LifecycleTransition", "AlarmName", "NewStateValue"})
# What AWS Config hands a custom rule's function: the configuration change (or periodic tick) it evaluates,
# and the token to put its evaluations with.
CONFIG_RULE_EVENT_KEYS = frozenset({"invokingEvent", "resultToken"})
# The steps Secrets Manager invokes a rotation function for, four calls per rotation.
SECRET_ROTATION_STEPS = frozenset({"createSecret", "setSecret", "testSecret", "finishSecret"})
INFRASTRUCTURE_MARKS = INFRASTRUCTURE_EVENT_KEYS | SECRET_ROTATION_STEPS | CONFIG_RULE_EVENT_KEYS
# What S3 puts in the detail of its events sent through EventBridge ("Object Created"): one per upload.
S3_EVENT_DETAIL = frozenset({"object"})


def is_infrastructure_event_handler(code: Code, function: ast.AST) -> bool:
    """A Lambda handler of infrastructure events: it reads its event's EventBridge ``detail``
    (``event["detail"]["instance-id"]``; not an S3 upload's, ``event["detail"]["object"]["key"]``),
    a lifecycle hook's or an alarm's keys (``msg["LifecycleHookName"]``, ``alarm["NewStateValue"]``),
    or it is a Secrets Manager rotation function (``if step == "createSecret":``) or an AWS Config
    rule's (``json.loads(event["invokingEvent"])``, ``event["resultToken"]``). It runs when the
    infrastructure changes (an instance starts, an alarm fires, a resource is created, a secret is
    rotated, a resource's configuration changes) or on a periodic evaluation, a few times a day or less,
    most often cold, not once per request or message."""
    params = _handler_parameters(code, function)
    if not _given_event_and_context(params):
        return False
    found = False
    for node in code.nodes((ast.Subscript, ast.Call, ast.Constant, ast.Name), within=function):
        if isinstance(node, (ast.Constant, ast.Name)):
            found = found or _constant_value(code, node) in INFRASTRUCTURE_MARKS
            continue
        item = _item_read(node)
        if item is None:
            continue
        owner, key = item
        if (
            isinstance(key, ast.Constant)
            and key.value in EVENTBRIDGE_MEMBERS
            and isinstance(owner, ast.Name)
            and owner.id == params[0]
            and _reads_the_parameter(code, owner)
        ):
            if _member_key(code, node) in S3_EVENT_DETAIL:
                return False  # an S3 upload, through EventBridge: as often as uploads come
            found = True
    return found


def _constant_value(code: Code, node: ast.Constant | ast.Name) -> object:
    """A string literal's value, or that of the module constant a name reads (``LIFECYCLE_KEY =
    "LifecycleHookName"``, then ``if LIFECYCLE_KEY in message:``); None otherwise."""
    if isinstance(node, ast.Name) and not (isinstance(node.ctx, ast.Load) and node.id.isupper()):
        return None
    literal = code.assigned_literal(node)
    if literal is None or not isinstance(literal.value, str):
        return None
    if literal is not node and code.enclosing_function(literal) is not None:
        return None  # a local of a function, not the module's constant
    return literal.value


def _item_read(node: ast.AST) -> tuple[ast.AST, ast.AST] | None:
    """(owner, key) of ``owner[key]`` or ``owner.get(key, ...)``."""
    if isinstance(node, ast.Subscript):
        return node.value, node.slice
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get" and node.args:
        return node.func.value, node.args[0]
    return None


def _member_key(code: Code, read: ast.AST) -> object:
    """The key read of ``read``'s value: ``"object"`` for ``event["detail"]["object"]`` (or
    ``.get("object")``)."""
    parent = code.parent(read)
    outer = code.parent(parent) if isinstance(parent, ast.Attribute) else parent
    item = _item_read(outer) if outer is not None else None
    if item is None or item[0] is not read or not isinstance(item[1], ast.Constant):
        return None
    return item[1].value


def _reads_the_parameter(code: Code, name: ast.Name) -> bool:
    """The name reads the handler's parameter, not a variable of the same name a comprehension or a
    nested function binds (``any(e["eventName"] == "X" for event in events)``)."""
    if not isinstance(name.ctx, ast.Load):
        return False
    return any(isinstance(binding, ast.arg) and binding.arg == name.id for binding in code.bindings(name))


# The members of what API Gateway (REST and HTTP APIs), an ALB or a function URL takes from a Lambda
# function's answer: anything else never reaches an HTTP client.
HTTP_ANSWER_MEMBERS = frozenset(
    {"statusCode", "headers", "multiValueHeaders", "body", "isBase64Encoded", "cookies", "statusDescription"}
)


def _answers_no_http_client(code: Code, key: ast.Constant) -> bool:
    """``{"statusCode": 200, "body": f"Deleted {n} snapshots"}``: an HTTP-shaped answer that carries
    only a message (a string, an f-string, ``json.dumps`` of one) and no headers, the habit of a job
    that a schedule starts, not an answer to a client: it serves no data and no request it read. So is
    ``{"statusCode": 200, "deleted": ids}``: what it carries is outside every member an HTTP answer
    has, for a program (a state machine) that reads it, not for an HTTP client. So is a bare
    ``{"statusCode": 200}``, which gives a client nothing to read, and ``{"statusCode": "done"}``: a
    sentence where an HTTP status goes (API Gateway, an ALB and a function URL take a number) tells a
    person how the run went."""
    answer = code.parent(key)
    if not isinstance(answer, ast.Dict) or key not in answer.keys:
        return False
    members = {k.value: v for k, v in zip(answer.keys, answer.values) if isinstance(k, ast.Constant)}
    if len(members) != len(answer.keys):
        return False
    status = members.get("statusCode")
    if isinstance(status, ast.JoinedStr) or (
        isinstance(status, ast.Constant) and isinstance(status.value, str) and not status.value.strip().isdigit()
    ):
        return True  # {"statusCode": "done"}: no HTTP status at all, a job's word for how it went
    if "body" not in members and set(members) - HTTP_ANSWER_MEMBERS:
        return True
    if set(members) == {"statusCode"}:
        return True  # {"statusCode": 200} alone: nothing for a client to read, a job's habit
    if "headers" in members:
        return False
    body = members.get("body")
    if isinstance(body, ast.Call) and dotted_name(body.func) == "json.dumps" and len(body.args) == 1:
        body = body.args[0]
    return isinstance(body, ast.JoinedStr) or (isinstance(body, ast.Constant) and isinstance(body.value, str))


# Decorators that only observe a Lambda handler's call and hand it the event unchanged: Powertools'
# Logger.inject_lambda_context (with log_event=True it logs the event too, which reads nothing of it for the
# work), Tracer.capture_lambda_handler and Metrics.log_metrics, and the X-Ray SDK's recorder.capture.
OBSERVING_DECORATORS = frozenset({"inject_lambda_context", "capture_lambda_handler", "log_metrics"})
XRAY_CAPTURE = frozenset({"xray_recorder.capture", "xray_recorder.capture_async"})


def _only_observes(decorator: ast.AST) -> bool:
    """``@logger.inject_lambda_context``, ``@tracer.capture_lambda_handler(capture_response=False)``,
    ``@xray_recorder.capture("job")``: the handler is still what it is without it."""
    call = decorator if isinstance(decorator, ast.Call) else None
    name = dotted_name(call.func if call is not None else decorator) or ""
    if call is not None and any(keyword.arg is None for keyword in call.keywords):
        return False  # **options: can't tell (log_event=True only logs the event, as print(event) does)
    return name in XRAY_CAPTURE or ("." in name and name.rsplit(".", 1)[1] in OBSERVING_DECORATORS)


def is_custom_resource_handler(code: Code, function: ast.AST) -> bool:
    """A CloudFormation custom resource's handler: it dispatches on ``event["RequestType"]``, is
    registered with crhelper (``@helper.create``...), or is a Lambda handler in a module that uses
    ``cfnresponse`` or crhelper. It runs a few times in a stack's life, not per request."""
    if any(_registered_with_crhelper(code, decorator) for decorator in function.decorator_list):
        return True
    params = positional_parameter_names(function)
    if not params:
        return False
    event = params[1] if params[0] in ("self", "cls") and len(params) > 1 else params[0]
    for node in code.nodes(ast.Constant, within=function):
        if node.value == "RequestType" and _reads_from(code, node, event):
            return True
    module_locals = code.locals(code.module)
    return len(params) >= 2 and any(name in module_locals for name in CUSTOM_RESOURCE_MODULES) and bool(
        params[0].lstrip("_") == "event"
    )


def is_pipeline_action_handler(code: Code, function: ast.AST) -> bool:
    """A CodePipeline action's Lambda function: it reads its job from ``event["CodePipeline.job"]``
    (and answers ``put_job_success_result``). It runs once per execution of the pipeline stage, a few
    times per release, not per request."""
    params = _handler_parameters(code, function)
    if not _lambda_parameters(params):
        return False
    return any(
        node.value == "CodePipeline.job" and _reads_from(code, node, params[0])
        for node in code.nodes(ast.Constant, within=function)
    )


def _registered_with_crhelper(code: Code, decorator: ast.AST) -> bool:
    """``@helper.create`` where ``helper = CfnResource(...)`` (not FastAPI's ``@app.delete("/x")``)."""
    if not isinstance(decorator, ast.Attribute) or decorator.attr not in CUSTOM_RESOURCE_EVENTS:
        return False
    if not isinstance(decorator.value, ast.Name):
        return False
    return any(called.endswith("CfnResource") for called in _calls_assigned_to(code, decorator.value))


def _calls_assigned_to(code: Code, name: ast.Name) -> Iterator[str]:
    """The dotted names the name's bindings call, for those that assign a call (``helper =
    CfnResource(...)``, ``app = chalice.Chalice(...)``; "" for a callee with no dotted name)."""
    for binding in code.bindings(name):
        statement = code.parent(binding) if isinstance(binding, ast.Name) else None
        if isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Call):
            yield dotted_name(statement.value.func) or ""


def _reads_from(code: Code, key: ast.Constant, name: str) -> bool:
    """``name["RequestType"]`` or ``name.get("RequestType")``."""
    parent = code.parent(key)
    if isinstance(parent, ast.Subscript) and parent.slice is key:
        return isinstance(parent.value, ast.Name) and parent.value.id == name
    if isinstance(parent, ast.Call) and isinstance(parent.func, ast.Attribute) and parent.func.attr == "get":
        return isinstance(parent.func.value, ast.Name) and parent.func.value.id == name
    return False


def _is_alternate_constructor(code: Code, function: ast.AST) -> bool:
    """``@classmethod def from_env(cls): return cls(boto3.client(...))``: a constructor, like ``__init__``."""
    if "classmethod" not in {_last(name) for name in decorator_names(function)}:
        return False
    for ret in code.nodes(ast.Return, within=function, skip=(*FUNCTION_TYPES, ast.ClassDef)):
        value = ret.value
        if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == "cls":
            return True
    return False


def entry_point_reason(code: Code, function: ast.AST) -> str | None:
    """Why ``function`` is an entry point that runs once per process, or None."""
    if (
        function.name == "main"
        and not has_lambda_signature(function)
        and not _called_by_another_function(code, function)
    ):
        return "main runs once per process"
    for name in decorator_names(function):
        last = _last(name)
        if (last in COMMAND_DECORATORS and "." in name) or "cli" in last.lower() or "command" in last.lower():
            return f"@{name} makes it a command-line entry point"
    if is_custom_resource_handler(code, function):
        return "a CloudFormation custom resource handler runs a few times in a stack's life"
    if is_pipeline_action_handler(code, function):
        return "a CodePipeline action handler runs once per pipeline execution"
    return None


def _called_by_another_function(code: Code, function: ast.AST) -> bool:
    """Some other function of the module calls ``function`` (a Lambda handler's ``main()``): then it
    runs as often as that caller does, whatever its name."""
    for call in module_calls_of(code, function):
        caller = code.enclosing_function(call)
        if caller is not None and caller is not function and not under_main_guard(code, call):
            return True
    return False


def run_once_reason(code: Code, function: ast.AST) -> str | None:
    """Why ``function`` runs once per process (or per object), or None."""
    if function.name in RUN_ONCE_METHODS:
        return f"{function.name} runs once per object"
    if _is_alternate_constructor(code, function):
        return f"{function.name} is an alternate constructor: it runs once per object"
    for name in decorator_names(function):
        if _last(name) in CACHE_DECORATORS:
            return f"its result is cached by @{name}"
    return entry_point_reason(code, function)


def handles_a_batch(code: Code, function: ast.AST) -> bool:
    """The function works through a batch it is given: it iterates over one of its parameters
    (``for r in resources``, ``chunks(resources, 20)``, ``executor.map(f, resources)``), not over a
    member of one (``bucket["Rules"]``). What it creates once per call, it creates once per batch."""
    args = function.args
    parameters = {
        arg.arg for arg in [*args.posonlyargs, *args.args, *args.kwonlyargs] if arg.arg not in ("self", "cls")
    }
    if not parameters:
        return False
    for node in code.nodes((ast.For, ast.AsyncFor, ast.comprehension, ast.Call), within=function, skip=FUNCTION_TYPES):
        if isinstance(node, ast.Call):
            if (dotted_name(node.func) or "").rsplit(".", 1)[-1] != "map":
                continue
            iterated = node.args[1:]  # map(f, items), executor.map(f, items): not the function mapped
        else:
            iterated = [node.iter]
        for expression in iterated:
            for name in code.nodes(ast.Name, within=expression):
                parent = code.parent(name)
                if name.id in parameters and not (
                    isinstance(parent, (ast.Subscript, ast.Attribute)) and parent.value is name
                ):
                    return True
    return False


def under_main_guard(code: Code, node: ast.AST) -> bool:
    """Inside ``if __name__ == "__main__":``."""
    return any(is_main_guard(code, parent) for parent in code.ancestors(node))


def is_main_guard(code: Code, statement: ast.AST) -> bool:
    """``if __name__ == "__main__":``."""
    if not isinstance(statement, ast.If):
        return False
    test = code.as_string(statement.test)
    return "__name__" in test and "__main__" in test


def callers_in_sight(code: Code, function: ast.AST) -> bool:
    """Every caller of ``function`` is in its module: it is private (``_events()``), or the module is
    a script (an ``if __name__ == "__main__":`` block), which nothing else imports."""
    if function.name.startswith("_") and not function.name.startswith("__"):
        return True
    return any(is_main_guard(code, statement) for statement in code.module.body)


def same_module_callees(code: Code, call: ast.Call) -> list[ast.AST]:
    """The functions of the call's own module that it calls, by name or through ``self``/``cls``.

    Resolved by scope lookup, not by inference: cheap, and enough for the
    helpers a handler calls in its own module.
    """
    func = call.func
    candidates: list = []
    if isinstance(func, ast.Name):
        candidates = code.bindings(func)
    elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id in ("self", "cls"):
        caller = code.enclosing_function(call)
        cls = code.enclosing_class(caller) if caller is not None else None
        candidates = code.locals(cls).get(func.attr, []) if cls is not None else []
    return [c for c in candidates if isinstance(c, FUNCTION_TYPES) and c in code.home.tree]


def called_functions(code: Code, function: ast.AST) -> Iterator[tuple[ast.Call, ast.AST]]:
    """(call, callee) for the functions of the same module that ``function`` calls."""
    for call in code.nodes(ast.Call, within=function):
        for callee in same_module_callees(code, call):
            yield call, callee


def _module_class(code: Code, node: ast.AST) -> ast.ClassDef | None:
    """The class of the module a name is bound to (``DdbHelper`` of ``DdbHelper(...)``)."""
    if not isinstance(node, ast.Name):
        return None
    found = code.bindings(node)
    return found[0] if len(found) == 1 and isinstance(found[0], ast.ClassDef) else None


def made_by(code: Code, node: ast.AST) -> ast.AST | None:
    """The expression that made ``node``'s value: itself, or for a name assigned once, what it was
    assigned (``helper = Helper(...)``, then ``helper``)."""
    if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
        assignment = code.sole_assignment(node)
        return assignment.value if assignment is not None else None
    return node


def label(code: Code, function: ast.AST) -> str:
    """How a message names a function: ``Orders.__init__`` for a special method of a class (the
    handler makes an ``Orders``), else its name."""
    cls = code.enclosing_class(function)
    return f"{cls.name}.{function.name}" if cls is not None and function.name.startswith("__") else function.name


def methods_run_by(code: Code, call: ast.Call) -> list[ast.AST]:
    """The methods of the module's classes a call runs through an object made in the module:
    ``Helper(...)`` runs ``Helper.__init__``, and ``helper.put(...)`` on ``helper = Helper(...)`` (or
    ``Helper(...).put(...)``) runs ``Helper.put``."""
    func = call.func
    if isinstance(func, ast.Name):
        cls, name = _module_class(code, func), "__init__"
    elif isinstance(func, ast.Attribute):
        made = made_by(code, func.value)
        cls, name = (_module_class(code, made.func) if isinstance(made, ast.Call) else None), func.attr
    else:
        return []
    if cls is None:
        return []
    return [method for method in code.locals(cls).get(name, []) if isinstance(method, FUNCTION_TYPES)]


@dataclass(frozen=True)
class Reach:
    """How a request handler reaches a function: the handler, why it is one, and whether through a loop."""

    handler: ast.AST
    reason: str
    in_loop: bool = False
    # The function is a constructor the handler's path runs by making an object (``Helper(...)`` runs
    # ``Helper.__init__``): once per object, and an object per request.
    per_object: bool = False


def functions_reached_from_handlers(code: Code, settings: Settings, limit: int = 200) -> dict:
    """{function: Reach} for handlers and the same-module functions they call (also the methods of
    the module's classes they run through objects they make: :func:`methods_run_by`).

    ``in_loop``: some call on the way sits in a loop, so the function runs on
    every iteration of it, not once per request.
    """
    reached: dict[ast.AST, Reach] = {}
    handlers = [(f, reason) for f in code.nodes(FUNCTION_TYPES) if (reason := handler_reason(code, f, settings))]
    # A function that has a Lambda handler's parameters only because a handler hands its (event, context)
    # on (`def attach_settings(event, context)`, called by `lambda_handler`) is that handler's helper:
    # it runs as the handler calls it (in a loop, on every iteration), and the handler is the caller.
    helpers = {f for f, _ in handlers if _named_a_handler_only_by_its_parameters(code, f, settings)}
    for handlers_now in ([h for h in handlers if h[0] not in helpers], [h for h in handlers if h[0] in helpers]):
        queue: list[ast.AST] = []
        for function, reason in handlers_now:
            if function not in reached:
                reached[function] = Reach(function, reason)
                queue.append(function)
        while queue and len(reached) < limit:
            function = queue.pop(0)
            reach = reached[function]
            # The functions it calls, then the methods it runs through objects it makes (``Helper(...)``:
            # its constructor, once per object).
            steps = [(call, callee, False) for call, callee in called_functions(code, function)]
            steps += [
                (call, method, isinstance(call.func, ast.Name))
                for call in code.nodes(ast.Call, within=function)
                for method in methods_run_by(code, call)
            ]
            for call, callee, per_object in steps:
                if callee not in reached:
                    in_loop = reach.in_loop or code.repeating_loop(call) is not None
                    reached[callee] = Reach(reach.handler, reach.reason, in_loop, per_object)
                    queue.append(callee)
    return reached


def _named_a_handler_only_by_its_parameters(code: Code, function: ast.AST, settings: Settings) -> bool:
    """A Lambda handler by its ``(event, context)`` parameters alone (no handler name, no handler
    decorator) that some function of the module calls."""
    if _has_a_handler_name(function, settings) or _has_a_handler_decorator(function, settings):
        return False
    return any(code.enclosing_function(call) is not None for call in module_calls_of(code, function))


def returns_outside_except_clauses(code: Code, function: ast.AST) -> list[ast.Return]:
    """The ``return`` statements of ``function`` itself that no ``except`` clause holds: its answers
    when nothing failed (a return in an ``except`` clause answers a failure)."""
    return [
        ret
        for ret in code.nodes(ast.Return, within=function, skip=(*FUNCTION_TYPES, ast.ClassDef))
        if not _in_except_clause(code, ret, function)
    ]


def _in_except_clause(code: Code, node: ast.AST, function: ast.AST) -> bool:
    for parent in code.ancestors(node):
        if parent is function:
            return False
        if isinstance(parent, ast.ExceptHandler):
            return True
    return False


def module_calls_of(code: Code, function: ast.AST) -> list[ast.Call]:
    """The calls of ``function`` in its own module (by name, or ``self.f()`` in its class)."""
    cls = code.enclosing_class(function)
    return [call for call in code.nodes(ast.Call) if _names_the_function(code, call.func, function, cls)]


def _names_the_function(code: Code, node: ast.AST, function: ast.AST, cls: ast.ClassDef | None) -> bool:
    """``f`` bound to ``function``, or ``self.f``/``cls.f`` in a method of its class ``cls``, or ``x.f``
    on an instance of that class the module makes (``agent = Agent(...)``, then ``agent.f()``;
    ``Agent().f()``)."""
    if isinstance(node, ast.Name):
        return node.id == function.name and function in code.bindings(node)
    if not (isinstance(node, ast.Attribute) and node.attr == function.name and cls is not None):
        return False
    if isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"):
        caller = code.enclosing_function(node)
        return caller is not None and code.parent(caller) is cls
    return an_instance_of(code, node.value, cls)


def an_instance_of(code: Code, node: ast.AST, cls: ast.ClassDef) -> bool:
    """``Agent(...)``, or a name assigned once from it (``agent = Agent(...)``), with ``Agent`` the
    module's class ``cls``."""
    node = made_by(code, node)
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == cls.name
        and cls in code.bindings(node.func)
    )


# Calls that run the function handed to them, in a thread or an executor, and give back its result:
# asyncio.to_thread(f, ...), loop.run_in_executor(None, f, ...), executor.submit(f, ...),
# anyio.to_thread.run_sync(f, ...), starlette's run_in_threadpool(f, ...).
RUNS_A_HANDED_FUNCTION = frozenset({"to_thread", "run_in_executor", "submit", "run_sync", "run_in_threadpool"})


def module_calls_and_handoffs_of(code: Code, function: ast.AST) -> list[ast.Call]:
    """:func:`module_calls_of`, and the calls that run ``function`` handed to them
    (``await asyncio.to_thread(_put_records, batch)``): their callers get its result too."""
    cls = code.enclosing_class(function)
    handoffs = [
        call
        for call in code.nodes(ast.Call)
        if (call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", None))
        in RUNS_A_HANDED_FUNCTION
        for argument in call.args[:2]
        if _names_the_function(code, argument, function, cls)
    ]
    return module_calls_of(code, function) + handoffs


def helpers_given_values(code: Code, scope: ast.AST) -> list[ast.AST]:
    """Functions of the same module that ``scope`` calls with arguments (a response handed on)."""
    if not isinstance(scope, FUNCTION_TYPES):
        return []
    return [callee for call, callee in called_functions(code, scope) if call.args or call.keywords]
