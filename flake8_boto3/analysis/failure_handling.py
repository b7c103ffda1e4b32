"""Does a path through an ``except ClientError`` handler lose the failure?

One standard for every handler, with or without a test on the error code
(BTO401 judges the paths of handlers that never look at the code, BTO402 the
"other codes" paths of handlers that do), so that adding one ``if code ==
...`` never escapes both.

A path **handles** the failure when it

- raises (``raise``, ``raise X from e``, ``sys.exit()``, ``abort()``, a helper
  that always raises), or, in a retry loop, goes round again while another path
  raises once the attempts run out;
- passes the failure on in another form: returns or yields a value built from
  the error (``return {"error": str(e)}``, an explicit error response, a
  ``TriggerEvent`` with the message), stores its details where the caller sees
  them (``result["error"] = code``, ``self.error = e``, ``failures.append(...)``,
  errors collected to raise after a loop), or records the outcome in a local
  read after the ``try`` (``sync_success = False``, ``failed = True``);
- falls back to a real value (``manager = Fallback()``, ``return "unknown"``), or
  to the next place to look (the same read again elsewhere, after the ``try``);
- fails closed: the read guards a change the function makes after the ``try``,
  and the handler tells of the error and ends the function before it;
- sends a failure status to whoever waits for the outcome
  (``cfnresponse.send(event, context, cfnresponse.FAILED, {})``);
- returns ``False`` from a status function around a change (the ``try`` only
  writes, and the function answers ``True``, or another non-empty value such as
  the response, when it went through), or ``None`` there after printing or
  logging the error, or ``{"deleted": False}`` where success answers
  ``{"deleted": True}``, or (logged) the object every success returns just after
  marking one status field of it (``event["TagStatus"] = "complete"``): the
  caller learns the change failed;
- returns Go-style ``None, False`` to callers, all in its module, that unpack the
  ``False`` into a success flag (``text, is_success = translate(...)``);
- returns a ``None`` that no other path of its function gives, and every caller
  in the module tests the result with ``is None`` (:mod:`.told_apart`): "could not
  tell" is an answer of its own, apart from "not there";
- returns an empty value that every caller in the module tests and reports as
  a failure (``else: st.error("Could not load ...")``, :mod:`.taken_for_failure`);
- hands the failure to a project function that reports or records errors
  (``print_exception(e)``, ``handle_error(e)``), whatever the handler then returns;
  or logs it as one (``log.error``, ``log.exception``, ``critical``) and goes on
  with the next step or item: someone watching the errors is told it failed (a
  warning, by contrast, says the failure was expected). A stand-in answered to
  the caller after the log (``return None``, ``[]``) still reads as "not there"
  to it, and is judged as if the error were only noted;
- is a dry run (``DryRun=True``: EC2 checks the permission and changes nothing)
  followed by the same operation for real, which fails on its own;
- checks before a removal: the ``try`` only reads a resource and the code after it
  removes that same resource, which goes ahead or fails on its own;
- is best-effort cleanup (a ``finally:`` block, a ``cleanup``/``teardown``/
  ``close``/``__exit__`` function, a lock's release, or a ``try`` that only deletes, removes,
  detaches, deregisters, terminates or cancels) or a health or credentials
  probe whose every failure means "unhealthy" or "not usable" (named for one,
  or a ``try`` whose only call is STS ``get_caller_identity``);
- is a permission probe's: the ``try`` (or its ``else:``) records the response
  under the name of the operation that made it (``output["iam.get_role"] =
  role``), so the record lists the calls that worked and the failed one is the
  one missing from it;
- is a cache read (a function or table named for a cache) that answers "not
  cached": the caller computes the value from its source;
- is an existence check by HEAD request (``head_object``, ``head_bucket``) that
  reads any failure as "absent" (answers so, or makes the call that creates
  what was not found), in a handler that never tests the code, or
  that reads the codes its tests do not name as "there" (``if code == "404":
  exists = False``, every other code keeping ``exists = True``) or answers them
  what it answers the codes it names (``return False`` for all): a HEAD error
  carries only the HTTP status, S3 answers 403 for a missing object when the
  caller lacks s3:ListBucket and for a bucket of another account, and whatever
  then uses the resource fails on its own;
- is a get-or-create: the ``try`` only reads, and the failure leads to
  creating what it read (the handler creates, the failure falls into a
  statement that does or sets a flag that a later ``if`` creates on, or it
  answers "not there" to callers, all in sight, that each create on that
  answer): when the read failed for another reason,
  the create fails on its own or, for a registration, adds a revision. A
  failure that leads to a ``put`` (which overwrites) is lost;
- is a create-or-reuse: the ``try`` only creates or imports, the handler goes
  on (every code alike), and a later call of the function is given what named
  the resource, so it fails on its own when the create did not happen (not a
  waiter, which times out without the cause), or the ``try`` ends an ensure
  step (``ensure_bucket()``) whose callers use the resource;
- is an advisory check: the ``try`` only reads, throws every response away
  (``_ = logs.describe_log_streams(...)``) and ends a function that gives its
  callers nothing; all the call could tell is whether it failed, the handler
  only decides what to say about it (warn that a log group is missing), and
  the work that needs the resource fails on its own;
- in code that runs once per process (a script, ``main()``, a CLI command and
  what only they call), tells the person running it (prints or logs the error)
  and ends the step;
- is a display step: the ``try`` only reads and prints what it read, keeping
  nothing (no name it assigns is read outside it), in a function that gives
  its callers nothing (``for obj in resp["Contents"]: print(obj["Key"])``), and
  the handler prints or logs the error, then ends or goes on with the next
  item: the step's output is what it prints, so its reader sees the failure
  where the data would have been; and so is a function whose every caller (all
  in sight: it is private, or the module is a script) goes through what it
  returns only to print or log each item, when the handler prints or logs the
  error and returns nothing (:mod:`.displayed_results`).

Anything else **loses** it: ``pass``, ``continue`` or falling through with
nothing said; a "not there" value (``None``, ``False``, ``[]``, ``{}``, a
default) returned to a caller or set as a flag (``found = False``), silently or
after only a warning (AccessDenied still reads as "not there" to the caller);
carrying on without the data the ``try`` was fetching after only a warning.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cached_property

from flake8_boto3.analysis import displayed_results, functions, run_once, taken_for_failure, told_apart
from flake8_boto3.analysis.aws_calls import action_operation
from flake8_boto3.analysis.code import FUNCTION_TYPES, Code, always_leaves
from flake8_boto3.analysis.handler_paths import (
    EXITS,
    OUTCOME_FIELD,
    REPORTING_CALLS,
    TRY_TYPES,
    Exit,
    Path,
    Side,
    always_raises,
    is_not_there,
    is_printed_output,
)
from flake8_boto3.analysis.names import dotted_name, positional_parameter_names
from flake8_boto3.analysis.syntax_helpers import first_test_after
from flake8_boto3.aws import read_verb_pattern, table
from flake8_boto3.settings import DEFAULT_SETTINGS, Settings

CLEANUP_FUNCTION = re.compile(
    r"clean_?up|tear_?down|destroy|dispose|close|shutdown|disconnect|unlock|release_?(lock|lease)"
    r"|^__exit__$|^__aexit__$|^__del__$",
    re.I,
)
# Calls that only shape what a display step prints (``print(f"{obj['Key']:<40}", obj.get("Size"))``).
FORMATTING_CALLS = frozenset({
    "str", "repr", "int", "float", "round", "len", "format", "sorted", "enumerate", "range", "zip", "min", "max",
    "sum", "get", "items", "keys", "values", "join", "split", "strip", "upper", "lower", "replace",
    "strftime", "isoformat", "dumps",
})
# A health probe (is_healthy, check_health, healthz, ping); not a read of health data (get_target_health).
# Or a check of the credentials or the connection (check_aws_credentials, verify_connection): every
# failure means "AWS is not usable with these settings".
PROBE_FUNCTION = re.compile(
    r"health_?check|check_?health|is_?healthy|^_?health(z|y)?$|alive|liveness|readiness|is_ready|^_?ping|probe"
    r"|(check|verify|validate|test)_?(aws_?)?(credentials?|connection|connectivity)|^_?(re)?connect$|^is_connected$"
    r"|^_?(check|verify|test|has|can)_\w*permissions?$",
    re.I,
)
# STS GetCallerIdentity needs no permission (an explicit deny does not stop it): it fails only for
# credentials that are missing, invalid or expired, so a try that makes only this call checks them.
CREDENTIALS_CHECK = frozenset({"get_caller_identity"})
# A read of a cache (get_cached_accounts, cache_table.get_item): a failure reads as a miss, and the
# caller computes the value from its source.
CACHE_NAME = re.compile(r"cache", re.I)
CLEANUP_OPERATION = re.compile(
    r"^(admin_)?(delete|remove|detach|deregister|disassociate|terminate|cancel|untag|unsubscribe|release|revoke"
    r"|purge)_"
)
READ_OPERATION = read_verb_pattern()
# Paginator calls read too.
READ_METHODS = frozenset({"paginate", "build_full_result", "search"})
# boto3's S3 transfer methods, by the operation they make (they are not operations themselves).
TRANSFER_METHODS = {
    "upload_file": "put_object",
    "upload_fileobj": "put_object",
    "download_file": "get_object",
    "download_fileobj": "get_object",
}
DEFAULT_NAME = re.compile(r"default", re.I)
# Operations that create what a read did not find, and fail on their own when it exists after all
# (AlreadyExists, EntityAlreadyExists), or add a revision (register_task_definition).
CREATE_OPERATION = re.compile(r"^(create|register|upload)_")
# Functions that make sure a resource exists, for their callers to use: ensure_bucket, create_table_if_missing.
ENSURE_FUNCTION = re.compile(r"^_?ensure|if_(missing|not_exists?|absent|needed)$|get_or_create|maybe_create", re.I)
# Operations that make a resource another call then uses, and fail when it exists already.
CREATE_OR_IMPORT_OPERATION = re.compile(r"^(create|import)_")
# Names of a success flag a caller unpacks: is_success, isSuccess, ok, succeeded.
SUCCESS_FLAG = re.compile(r"^(is_?|was_?)?(success(ful)?|succeeded|ok)$", re.I)
# Operations that tell a queue its message was handled: it is not delivered again.
ACKNOWLEDGING = frozenset({"delete_message", "delete_message_batch"})
QUEUE_OPERATIONS = ACKNOWLEDGING | {"receive_message"}
# Conditional writes: their expected failure (ConditionalCheckFailed, PreconditionFailed) is an answer.
CONDITIONAL_KEYWORDS = frozenset(
    {"ConditionExpression", "Expected", "ConditionalOperator", "IfMatch", "IfNoneMatch", "ConditionCheck"}
)
# The codes (and modeled exceptions) of a conditional write's expected failure.
CONDITIONAL_FAILURES = frozenset({"ConditionalCheckFailedException", "ConditionalCheckFailed", "PreconditionFailed"})


def _aws_method_names(code: Code, statements: list[ast.AST]) -> list[str]:
    """Names of the AWS operations (and paginator reads) these statements call, directly or through a
    wrapper they hand the method to (``retry(client.describe_rules, ...)``)."""
    operations = table().operation_index
    found = []
    for statement in statements:
        for node in code.nodes(ast.Attribute, within=statement, skip=(*FUNCTION_TYPES, ast.ClassDef)):
            if not isinstance(node.ctx, ast.Load):
                continue  # astroid's AssignAttr/DelAttr
            parent = code.parent(node)
            called = isinstance(parent, ast.Call) and parent.func is node
            handed = isinstance(parent, ast.Call) and node in parent.args
            if code.names_own_method(node):
                continue
            if (called and (node.attr in operations or node.attr in READ_METHODS)) or (
                handed and node.attr in operations
            ):
                found.append(node.attr)
            elif called:
                operation = TRANSFER_METHODS.get(node.attr) or _resource_action(code, node)
                if operation is not None:
                    found.append(operation)
    return found


def _resource_action(code: Code, method: ast.Attribute) -> str | None:
    """The operation a boto3 resource's action makes (``queue.delete_messages(...)``:
    ``delete_message_batch``; ``s3.Object(b, k).load()``: ``head_object``), or None.

    A name of several words that only resources have says it anywhere but on ``self``; a one-word
    action (``delete``, ``load``, ``get``) counts only on what the model knows is that resource."""
    aws = table()
    if method.attr not in aws.resource_action_names:
        return None
    receiver = method.value
    if isinstance(receiver, ast.Name) and receiver.id in ("self", "cls"):
        return None
    distinct = aws.distinct_resource_actions.get(method.attr)
    if distinct is not None:
        return distinct
    if not isinstance(receiver, (ast.Name, ast.Attribute, ast.Call)):
        return None  # a subscript, a literal: a response or a value, never a resource
    if isinstance(receiver, ast.Call) and isinstance(receiver.func, ast.Attribute):
        made = receiver.func.attr
        if made in aws.operation_index or made in aws.resource_action_names:
            return None  # an operation's or an action's response (``describe_cluster(...).get``)
    found = code.value_of(receiver)
    return action_operation(found, method.attr) if found is not None else None


def _returns_values(code: Code, function: ast.FunctionDef | ast.AsyncFunctionDef | None) -> bool:
    """The function gives its callers a value: a ``return <value>`` somewhere, or ``yield``."""
    if function is None:
        return False
    skip = (*FUNCTION_TYPES, ast.ClassDef, ast.Lambda)
    for node in code.nodes((ast.Return, ast.Yield, ast.YieldFrom), within=function, skip=skip):
        if isinstance(node, ast.Return):
            if node.value is not None and not (isinstance(node.value, ast.Constant) and node.value.value is None):
                return True
        else:
            return True
    return False


def _in_finally(code: Code, node: ast.AST) -> bool:
    child, parent = node, code.parent(node)
    while parent is not None and not isinstance(parent, FUNCTION_TYPES):
        if isinstance(parent, TRY_TYPES) and child in parent.finalbody:
            return True
        child, parent = parent, code.parent(parent)
    return False


def _discarded(code: Code, call: ast.Call) -> bool:
    """The call's result is thrown away: a bare expression statement, or assigned to ``_``."""
    parent = code.parent(call)
    if isinstance(parent, ast.Await):
        call, parent = parent, code.parent(parent)
    if isinstance(parent, ast.Expr):
        return True
    return (
        isinstance(parent, ast.Assign)
        and len(parent.targets) == 1
        and isinstance(parent.targets[0], ast.Name)
        and parent.targets[0].id == "_"
    )


def _names_a_default(value: ast.AST) -> bool:
    """``default``, ``DEFAULT_CONFIG``, ``self.default_value``: a stand-in for the real answer."""
    name = dotted_name(value)
    return name is not None and bool(DEFAULT_NAME.search(name.rsplit(".", 1)[-1]))


@dataclass
class HandlerContext:
    """Where a handler sits: what its function gives callers, what its ``try`` does, how often it runs.

    ``statement`` is the ``try`` (or the ``with suppress(ClientError):``) whose body the handler guards.
    """

    code: Code
    handler: ast.AST
    statement: ast.AST
    once: run_once.OncePerProcess
    settings: Settings = DEFAULT_SETTINGS  # which functions are request handlers

    @cached_property
    def function(self) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
        return self.code.enclosing_function(self.handler)

    @property
    def try_node(self) -> ast.AST:
        return self.statement

    @property
    def handler_body(self) -> list[ast.stmt]:
        """The ``except`` clause's statements (none for ``with suppress(ClientError):``)."""
        return self.handler.body if isinstance(self.handler, ast.ExceptHandler) else []

    @cached_property
    def returns_values(self) -> bool:
        return _returns_values(self.code, self.function)

    @cached_property
    def after_try(self) -> ast.AST | None:
        """What a path falling off the handler runs next: the statement after the ``try``, or ``None``
        when the ``try`` ends its function (an implicit ``return None``)."""
        node = self.try_node
        while node is not None and not isinstance(node, (*FUNCTION_TYPES, ast.Module)):
            following = self.code.next_sibling(node)
            if following is not None:
                return following
            parent = self.code.parent(node)
            if isinstance(parent, (ast.For, ast.While, ast.AsyncFor)):
                return parent  # back to the top of the loop
            node = parent
        return None

    @cached_property
    def falls_off_into_none(self) -> bool:
        """A path falling off the handler ends a function that is no generator: its caller gets None,
        as from ``return None`` (a generator's iteration just ends)."""
        if self.after_try is not None or self.function is None:
            return False
        skip = (*FUNCTION_TYPES, ast.ClassDef, ast.Lambda)
        return not any(self.code.nodes((ast.Yield, ast.YieldFrom), within=self.function, skip=skip))

    @cached_property
    def answers_an_http_request(self) -> bool:
        """The handler is in a function that answers HTTP requests (a web route, an API's Lambda
        handler) and is not run once by a script: after the ``try``, what it goes on to answer is
        the request's answer."""
        function = self.function
        return (
            function is not None
            and not self.once_per_process
            and functions.answers_http_requests(self.code, function, self.settings)
        )

    @cached_property
    def once_per_process(self) -> bool:
        return self.once.runs_once(self.handler)

    @cached_property
    def try_operations(self) -> list[str]:
        return _aws_method_names(self.code, self.try_node.body)

    @cached_property
    def reads(self) -> bool:
        """The ``try`` fetches data from AWS for the code after it: it only reads. (Reads that prepare
        a change, such as listing targets to remove them, serve the change.)"""
        operations = self.try_operations
        return bool(operations) and all(READ_OPERATION.match(name) or name in READ_METHODS for name in operations)

    @cached_property
    def advisory(self) -> bool:
        """An advisory check: the ``try`` only reads, throws the responses away, and the function gives
        its callers nothing (see the module docs)."""
        if self.function is None or self.returns_values or self.after_try is not None or not self.reads:
            return False  # (after_try: what follows the try could act on the failure's outcome)
        calls = self.try_reads_and_operations
        return bool(calls) and all(_discarded(self.code, call) for call in calls)

    @cached_property
    def only_displays(self) -> bool:
        """A display step: the ``try`` only reads and prints what it read (``for obj in
        resp["Contents"]: print(obj["Key"])``), keeping nothing (no name it assigns is read outside
        it), and the function gives its callers nothing. Its output is what it prints, so an error
        printed (or logged) in place of the data tells the same reader that the step failed, whether
        the function then ends or goes on with its next item (see the module docs)."""
        if self.function is None or self.returns_values or not self.reads:
            return False
        return self._try_only_displays

    @cached_property
    def displays_with_status(self) -> bool:
        """A display step whose function answers ``True`` on every path but the failures': a status
        of the step ("it printed"), whatever it read, so the failure's ``False`` says "it failed",
        not "nothing there"."""
        if self.function is None or not self.reads:
            return False
        returns = functions.returns_outside_except_clauses(self.code, self.function)
        return (
            bool(returns)
            and all(_is_literal(ret.value, True) for ret in returns)
            and told_apart.never_falls_off(self.function)
            and self._try_only_displays
        )

    @cached_property
    def _try_only_displays(self) -> bool:
        """The ``try`` only reads and prints what it read, keeping nothing (see :attr:`only_displays`)."""
        reads = {id(call) for call in self.try_reads_and_operations}
        printed = False
        for statement in self.try_node.body:
            for node in self.code.nodes(ast.AST, within=statement, skip=(*FUNCTION_TYPES, ast.ClassDef)):
                if isinstance(node, (ast.Return, ast.Yield, ast.YieldFrom, ast.Global, ast.Nonlocal)):
                    return False
                if isinstance(node, (ast.Attribute, ast.Subscript)) and isinstance(node.ctx, (ast.Store, ast.Del)):
                    return False  # kept somewhere: self.files = ..., cache[key] = ...
                if isinstance(node, ast.Call) and id(node) not in reads:
                    if is_printed_output(node):
                        printed = True
                    elif (dotted_name(node.func) or "").rsplit(".", 1)[-1] not in FORMATTING_CALLS:
                        return False
        # What follows must not tell what the try got (ok = True, data = ...).
        return printed and (self.after_try is None or not self._names_read_after_try())

    def _names_read_after_try(self) -> bool:
        """A name the ``try`` assigns is read elsewhere in the function (after it, or in a later pass of
        its loop outside it)."""
        inside: set[int] = set()
        stored: set[str] = set()
        for statement in self.try_node.body:
            for node in self.code.nodes(ast.AST, within=statement):
                inside.add(id(node))
                if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                    stored.add(node.id)
        return any(
            isinstance(node.ctx, ast.Load) and node.id in stored and id(node) not in inside
            for node in self.code.nodes(ast.Name, within=self.function)
        )

    @cached_property
    def try_reads_and_operations(self) -> list[ast.Call]:
        """The calls of AWS operations and paginator reads the ``try`` makes (not in nested definitions)."""
        operations = table().operation_index
        return [
            node
            for statement in self.try_node.body
            for node in self.code.nodes(ast.Call, within=statement, skip=(*FUNCTION_TYPES, ast.ClassDef))
            if isinstance(node.func, ast.Attribute)
            and (node.func.attr in operations or node.func.attr in READ_METHODS)
            and not self.code.names_own_method(node.func)
        ]

    @cached_property
    def teardown(self) -> bool:
        """Best-effort teardown: a ``finally:`` block, or a cleanup/teardown/close function."""
        return _in_finally(self.code, self.handler) or (
            self.function is not None and bool(CLEANUP_FUNCTION.search(self.function.name))
        )

    @cached_property
    def only_cleans_up(self) -> bool:
        """The ``try`` only deletes, removes, detaches, deregisters, terminates or cancels, besides
        reading what it then deletes (``describe_model`` then ``delete_model``: delete if it exists)."""
        operations = self.try_operations
        cleanups = [name for name in operations if CLEANUP_OPERATION.match(name)]
        cleaned = {_noun(name) for name in cleanups}
        return bool(cleanups) and all(
            name in cleanups or (READ_OPERATION.match(name) and _noun(name) in cleaned) for name in operations
        )

    @cached_property
    def only_heads(self) -> bool:
        """The ``try`` only makes HEAD requests: their errors carry nothing but the HTTP status, and S3
        answers 403 for a missing object to a caller without s3:ListBucket, so "absent" and "denied"
        cannot be told apart; an existence check that reads any failure as "absent" is all there is."""
        operations = self.try_operations
        return bool(operations) and all(name in table().all_head_operations for name in operations)

    @cached_property
    def handler_calls_aws(self) -> bool:
        """The handler makes an AWS call of its own (uploads what the HEAD request did not find)."""
        return bool(_aws_method_names(self.code, self.handler_body))

    @cached_property
    def handler_makes_an_aws_call(self) -> bool:
        """Every path through the handler makes an AWS call of its own (a statement of the handler's
        own block, not one inside an ``if``), directly or through a function of the module
        (``put_autorecovery_check(...)`` after the recover-action alarm failed): a fallback or a
        report, which fails on its own where the failure was AccessDenied. Not a removal: deleting
        on any failure (a websocket connection's record after a failed post, stale or only throttled)
        is the conflation itself."""
        simple = [s for s in self.handler_body if isinstance(s, (ast.Expr, ast.Assign, ast.AnnAssign, ast.Return))]
        made = list(_aws_method_names(self.code, simple))
        made += [
            name
            for statement in simple
            for call in self.code.nodes(ast.Call, within=statement, skip=(*FUNCTION_TYPES, ast.ClassDef))
            for callee in functions.same_module_callees(self.code, call)
            for name in _aws_method_names(self.code, [callee])
        ]
        return any(not CLEANUP_OPERATION.match(name) for name in made)

    @cached_property
    def read_for_no_one(self) -> bool:
        """Every name the handler sets (``enc = False``) and every name the ``try`` binds (``pab``,
        ``bpa``) is read nowhere else in the function, and the ``try``'s reads are not returned: what
        was read, and the stand-in, go to no one (a leftover of code taken out)."""
        set_here = {
            target.id
            for block in (self.handler_body, self.try_node.body)
            for statement in block
            if isinstance(statement, ast.Assign)
            for target in statement.targets
            if isinstance(target, ast.Name)
        }
        if not set_here or self.function is None:
            return False
        if any(self.code.nodes(ast.Return, within=self.try_node, skip=(*FUNCTION_TYPES, ast.ClassDef))):
            return False
        reads = (
            node
            for node in self.code.nodes(ast.Name, within=self.function, skip=(ast.ClassDef,))
            if isinstance(node.ctx, ast.Load) and node.id in set_here
        )
        return all(self.code.is_inside(node, self.try_node) for node in reads)

    @cached_property
    def flag_decides_an_aws_call(self) -> bool:
        """The handler sets a flag to a literal (``exists = False``), and the first ``if`` after the
        ``try`` that tests the flag makes an AWS call on one of its sides (``if not exists:
        s3.upload_file(...)``): the code acts on what the HEAD request answered, as a handler that
        uploads does."""
        flags = self._flags_set(lambda value: isinstance(value, ast.Constant))
        test = first_test_after(self.code, self.try_node, flags)
        return test is not None and bool(_aws_method_names(self.code, [*test.body, *test.orelse]))

    def _flags_set(self, is_flag_value) -> set[str]:
        """The names the handler assigns a value ``is_flag_value`` accepts (``exists = False``)."""
        return {
            target.id
            for statement in self.handler_body
            if isinstance(statement, ast.Assign) and is_flag_value(statement.value)
            for target in statement.targets
            if isinstance(target, ast.Name)
        }

    def reads_as_there(self, path: Path) -> bool:
        """The path answers "it exists": ``return True``, or the flag set to ``True`` before the ``try``
        (``exists = True``) returned untouched. After a HEAD request, 403 means "there, but not yours"."""
        value = path.value
        if _is_literal(value, True):
            return True
        if not isinstance(value, ast.Name) or path.state.not_there or self.function is None:
            return False
        body = self.function.body
        if self.try_node not in body:
            return False
        before = body[: body.index(self.try_node)]
        assigned = [
            statement.value
            for statement in before
            if isinstance(statement, ast.Assign)
            and any(isinstance(target, ast.Name) and target.id == value.id for target in statement.targets)
        ]
        return bool(assigned) and _is_literal(assigned[-1], True)

    def best_effort(self, path: Path) -> bool:
        """Teardown, or cleanup calls in a handler that treats every code alike (one that names some
        codes and drops the rest has made the choice that matters, and dropped the rest)."""
        return self.teardown or (self.only_cleans_up and path.state.side is Side.ALL)

    @cached_property
    def reads_a_cache(self) -> bool:
        """The ``try`` only reads, from a cache (see :attr:`_uses_a_cache`)."""
        return self.reads and self._uses_a_cache

    @cached_property
    def _uses_a_cache(self) -> bool:
        """The function, or every object the ``try`` calls an operation of, is named for a cache."""
        if self.function is not None and CACHE_NAME.search(self.function.name):
            return True
        operations = table().operation_index
        receivers = [call.func.value for call in self.try_reads_and_operations if call.func.attr in operations]
        return bool(receivers) and all(CACHE_NAME.search(dotted_name(r) or "") for r in receivers)

    @cached_property
    def exit_status_of_the_process(self) -> bool:
        """What the function returns is the process's exit status: every call of it in the module is
        handed to ``sys.exit(...)`` (``exit``, ``raise SystemExit(...)``)."""
        if self.function is None:
            return False
        calls = functions.module_calls_of(self.code, self.function)
        return bool(calls) and all(_given_to_exit(self.code, call) for call in calls)

    def status_flag_cleared(self, path: Path) -> bool:
        """The failure answers a list or tuple with ``False`` in a place where every other ``return``
        of the function (outside ``except`` clauses) answers the same with ``True``: ``["create",
        False]`` against ``["create", True]``. The flag is all that tells the answers apart, and it
        says the step failed. (``None, False`` against ``item, True`` is a value and its presence:
        :meth:`answers_a_success_flag` decides that one by how the callers name the flag.)"""
        failure = path.value
        if not isinstance(failure, (ast.List, ast.Tuple)) or self.function is None:
            return False
        places = [i for i, element in enumerate(failure.elts) if _is_literal(element, False)]
        returns = functions.returns_outside_except_clauses(self.code, self.function)
        return bool(places and returns) and any(
            all(_same_but_the_flag(ret.value, failure, place) for ret in returns) for place in places
        )

    def caches_the_answer(self, value: ast.AST | None) -> bool:
        """A cache's write of the answer the function returns after it (``return result``, a local the
        ``try`` and the handler never set): the caller gets the real answer, only not cached. (A
        bucket returned after a failed ``put_bucket_acl`` is the function's "done", not an answer it
        had before.)"""
        return self._uses_a_cache and not self.reads and self._made_before_the_try(value)

    def _made_before_the_try(self, value: ast.AST | None) -> bool:
        """``value`` (what a path falling out of the handler returns) is a local of the function that the
        ``try`` and the handler never set: ``result = producer()``, then a ``try`` that caches it, then
        ``return result``. A stand-in (``None``, ``[]``, a call, a module's ``DEFAULT_PIN``) or a name
        the ``try`` was to set is not."""
        if not isinstance(value, ast.Name) or _gives_nothing(value):
            return False  # a literal or a default made up for the occasion, a call (another way to it)
        try:
            scope = self.code.lookup(value)[0]
        except Exception:  # noqa: BLE001
            return False
        # A local of the function the try is in (a module's constant is a stand-in made in advance).
        return scope is self.function and value.id not in self._set_in_try_or_handler

    @cached_property
    def _set_in_try_or_handler(self) -> set[str]:
        """Names the ``try`` (its ``else:`` too) or the handler assign, or change through a subscript,
        an attribute or a method (``result["items"] = ...``, ``result.append(...)``)."""
        found: set[str] = set()
        statements = (*self.try_node.body, *getattr(self.try_node, "orelse", []), *self.handler_body)
        for statement in statements:
            for node in self.code.nodes((ast.Name, ast.Subscript, ast.Attribute), within=statement):
                if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
                    found.add(node.id)
                elif isinstance(node, (ast.Subscript, ast.Attribute)) and isinstance(node.value, ast.Name):
                    parent = self.code.parent(node)
                    called = isinstance(node, ast.Attribute) and isinstance(parent, ast.Call) and parent.func is node
                    if called or not isinstance(node.ctx, ast.Load):
                        found.add(node.value.id)
        return found

    @cached_property
    def probe(self) -> bool:
        """A health or credentials probe: named for one, or its ``try`` makes no call but STS
        ``get_caller_identity``, which only bad credentials fail."""
        named = self.function is not None and bool(PROBE_FUNCTION.search(self.function.name))
        return named or (bool(self.try_operations) and set(self.try_operations) <= CREDENTIALS_CHECK)

    @cached_property
    def records_what_worked(self) -> bool:
        """A permission probe: the ``try`` (or its ``else:``) records a response under the name of the
        operation that made it (``output["iam.list_user_policies"] = response``). What it builds is the
        list of calls that worked, so the missing entry is the probe's answer for a call that failed."""
        operations = set(self.try_operations)
        statements = [*self.try_node.body, *getattr(self.try_node, "orelse", [])]
        for statement in statements:
            for assign in self.code.nodes(ast.Assign, within=statement, skip=(*FUNCTION_TYPES, ast.ClassDef)):
                for target in assign.targets:
                    if any(_operation_key(key) in operations for key in _subscript_keys(target)):
                        return True
        return False

    def failure_told_apart(self, path: Path) -> bool:
        """The path returns a ``None`` that no other path gives, and every caller in the module tests
        it with ``is None`` or the function answers "not there" another way (see :mod:`.told_apart`):
        the failure is passed on."""
        # The statement after the `try` is a failure's return only when the `try` never falls into it:
        # a loop in the `try` that ends without a match falls into the same `return None`.
        try_main = getattr(self.try_node, "orelse", None) or self.try_node.body
        only_failures_reach = isinstance(self.after_try, ast.Return) and always_leaves(try_main)
        failure_returns = {self.after_try} if only_failures_reach else set()
        return told_apart.callers_tell_apart(
            self.code, self.function, path.value, failure_returns
        ) or told_apart.absence_answered_apart(self.code, self.function, path.value, failure_returns)

    def callers_take_it_for_failure(self, path: Path) -> bool:
        """The path answers an empty value, and every caller in the module reports an empty answer as a
        failure (see :mod:`.taken_for_failure`): the failure is passed on."""
        return taken_for_failure.callers_report_empty_answer(self.code, self.function, path.value)

    def reports_outcome(self, path: Path) -> bool:
        """A status function around a change: the ``try`` only writes (puts, updates, deletes, sends),
        the failure's path answers ``False`` (or ``None`` or ``""`` after printing or logging the error, ``[]``
        so where the change answers the items it was given and acted on, or a
        dict such as ``{"deleted": False}`` where every other ``return`` gives the same key ``True``), and
        every ``return`` outside ``except`` clauses answers something else that is not empty
        (``True``, the response, the key written; for ``None``, with no way to fall off the
        function's end). That ``False`` or ``None`` says "it did not go through", not "nothing
        there": the caller learns the change failed, unless a caller in the module throws a
        silent answer away (after printing or logging the error, that caller goes on as a write's
        handler that logs and falls through does)."""
        failure = path.value
        if isinstance(failure, ast.Dict) and self._only_writes:
            # {"deleted": False} where the change, when it goes through, answers {"deleted": True};
            # not from a Lambda handler: the runtime takes any answer for success, and a stream's
            # batch it was given counts as processed.
            if functions.has_lambda_signature(self.function):
                return False
            returns = functions.returns_outside_except_clauses(self.code, self.function)
            return bool(returns) and all(_flag_flipped(failure, ret.value) for ret in returns)
        if isinstance(failure, ast.Name) and self._only_writes:
            # A Step Functions task: `event["TagStatus"] = "complete"; return event`, and the failure
            # hands `event` back without the mark (logged), for the state machine to retry.
            return path.state.noted and self._every_answer_marked(failure.id)
        acted_on_none = _is_empty_list(failure)
        stand_ins = (_is_literal(failure, None), _is_literal(failure, False), _is_empty_text(failure), acted_on_none)
        if not (failure is None or any(stand_ins)):
            return False
        if not self._only_writes or self.answers_the_condition_alike(failure):
            return False
        code, function = self.code, self.function
        after = self.after_try
        fell_into = after if isinstance(after, ast.Return) and after.value is failure else None
        returns = [
            ret
            for ret in functions.returns_outside_except_clauses(code, function)
            if ret is not fell_into and not self._guard_before_the_change(ret, failure)
        ]
        if not returns or not all(_gives_something(ret.value) for ret in returns):
            return False
        if acted_on_none and not any(self._items_given(ret.value) for ret in returns):
            return False  # [] where the change answers something else than the items it acted on
        if not _is_literal(failure, False):
            # None (or "", where the write answers the key it wrote, or [] where it answers the items
            # it acted on: `return instance_ids` after stop_instances) is a weaker answer than False
            # (callers filter it out, or take it for "nothing to do"): only a handler that also tells
            # someone (prints or logs the error) passes it on, and only when no implicit None answers
            # like the failure.
            if not path.state.noted or not told_apart.never_falls_off(function):
                return False
        if path.state.noted:
            # Told in the log: a caller that throws the answer away goes on as a write's handler that
            # logs the error and falls through does (best-effort notifications, a step that may fail).
            return True
        # A caller in the module that throws a silent answer away (`save(item)` as a statement) loses it.
        return not any(isinstance(code.parent(call), ast.Expr) for call in functions.module_calls_of(code, function))

    def _items_given(self, value: ast.AST | None) -> bool:
        """A parameter of the function that holds a list handed back (``return instance_ids``)."""
        if not isinstance(value, ast.Name) or self.function is None:
            return False
        return value.id in positional_parameter_names(self.function)

    def answers_a_success_flag(self, path: Path) -> bool:
        """Go-style ``return None, False``, and every call in the module unpacks that place into a
        success flag (``translation, is_success = translate(...)``, ``ok``): the ``False`` says the
        call did not succeed, whatever else gives it, and the caller reads it so."""
        value = path.value
        if not isinstance(value, ast.Tuple) or self.function is None:
            return False
        places = [index for index, item in enumerate(value.elts) if _is_literal(item, False)]
        calls = functions.module_calls_of(self.code, self.function) if places else []
        if not calls:
            return False
        for call in calls:
            assign = self.code.parent(call)
            if not (
                isinstance(assign, ast.Assign)
                and assign.value is call
                and len(assign.targets) == 1
                and isinstance(assign.targets[0], ast.Tuple)
                and len(assign.targets[0].elts) == len(value.elts)
            ):
                return False
            names = assign.targets[0].elts
            if not any(isinstance(names[i], ast.Name) and SUCCESS_FLAG.match(names[i].id) for i in places):
                return False
        return True

    def _guard_before_the_change(self, ret: ast.Return, failure: ast.AST | None) -> bool:
        """``if s3_client is None: return False`` ahead of the ``try``, or inside it ahead of its first
        operation (``if not path.exists(): return False``): the same answer as the failure's, given
        before the change was tried, so it says "not done" too."""
        return (
            failure is not None
            and ret.value is not None
            and self.code.as_string(ret.value) == self.code.as_string(failure)
            and self.code.home.tree.index(ret) < self._first_operation_index
        )

    @cached_property
    def _first_operation_index(self) -> int:
        """Where the change starts: the first operation the ``try`` makes (the ``try`` itself when none
        is found), in the tree's pre-order."""
        index = self.code.home.tree.index
        calls = [
            call
            for statement in self.try_node.body
            for call in self.code.nodes(ast.Call, within=statement, skip=(*FUNCTION_TYPES, ast.ClassDef))
            if _aws_method_names(self.code, [call])
        ]
        return min((index(call) for call in calls), default=index(self.try_node))

    def _every_answer_marked(self, name: str) -> bool:
        """Every ``return`` outside ``except`` clauses gives ``name`` right after setting one status
        field of it (``event["TagStatus"] = ...``, ``job.status = ...``), the same field each time,
        and the handler does not set that field: the failure's answer is the one without the mark."""
        returns = functions.returns_outside_except_clauses(self.code, self.function)
        fields = set()
        for ret in returns:
            before = self.code.previous_sibling(ret)
            if not (isinstance(ret.value, ast.Name) and ret.value.id == name and isinstance(before, ast.Assign)):
                return False
            fields |= {_status_field(target, name) for target in before.targets}
        fields.discard(None)
        if len(fields) != 1:
            return False
        marked = fields.pop()
        return not any(
            _status_field(target, name) == marked
            for statement in self.code.nodes(ast.Assign, within=self.handler)
            for target in statement.targets
        )

    def creates_what_it_did_not_find(self, path: Path) -> bool:
        """A get-or-create: the ``try`` only reads, and the failure leads to creating what it read:
        the handler itself creates (uploads, registers), the path falls through to code that does
        (``_create_stack(...)`` after a failed ``describe_stacks``) or sets a flag that a later
        ``if create:`` creates on, or it answers "not there"
        (``False``, ``None``) to callers, all in sight, that each create on that answer (``if not
        self._reuse(definition): ecs.register_task_definition(...)``). When the read failed for
        another reason than absence, the create fails on its own (the resource exists, or the
        permission is missing) or, for a registration, adds a revision: the failure is not taken
        for "nothing there" and left at that."""
        if not self._reads_what_it_may_create:
            return False
        if self._handler_creates:
            return True
        if path.exit is Exit.FALL:
            return self._falls_into_create
        if path.exit is Exit.RETURN and (path.value is None or _gives_nothing(path.value)):
            return self._callers_create_on_a_falsy_answer
        return False

    @cached_property
    def creates_then_uses(self) -> bool:
        """A create-or-reuse: the ``try`` only creates or imports (``create_bucket``, ``import_key_pair``),
        and a later call of the function is given what named the resource (``import_key_pair(
        KeyName=user["login"])``, then ``launch(server, user["login"])``), or the ``try`` ends a function
        that makes sure the resource exists for its callers (``ensure_bucket()``, returning nothing). A
        failed create is taken for "it is there already"; when it is not, the use fails on its own."""
        if self.function is None:
            return False
        calls = self.try_reads_and_operations
        if not calls or not all(CREATE_OR_IMPORT_OPERATION.match(call.func.attr) for call in calls):
            return False
        if self.after_try is None and not self.returns_values and ENSURE_FUNCTION.search(self.function.name):
            return True  # an ensure step (``ensure_bucket()``): its callers go on to use what it made
        names = {
            self.code.as_string(value)
            for call in calls
            for value in [*call.args, *(keyword.value for keyword in call.keywords if keyword.arg)]
            if not (isinstance(value, ast.Constant) and not isinstance(value.value, str))
        }
        end = self.try_node.end_lineno or 0
        for later in self.code.nodes(ast.Call, within=self.function, skip=(*FUNCTION_TYPES, ast.ClassDef)):
            method = later.func.attr if isinstance(later.func, ast.Attribute) else dotted_name(later.func)
            if later.lineno <= end or method in REPORTING_CALLS:
                continue  # (saying what was made is not using it)
            given = [*later.args, *(keyword.value for keyword in later.keywords)]
            if any(self.code.as_string(value) in names for value in given):
                # The first use: a waiter polls for minutes, then fails without the create's error.
                return method != "wait"
        return False

    @cached_property
    def falls_back_to_another_read(self) -> bool:
        """The ``try`` only reads, and the statements that follow it in its block make the same operation
        again, on their own (``get_object`` from the private bucket, then from the public one;
        ``latest.jsonl``, else the newest ``.out`` file): a failure sends the code to the next place to
        look, whose read fails on its own. (A read after the loop the ``try`` sits in is no such thing.)"""
        if self.function is None or not self.reads:
            return False
        operations = table().operation_index
        tried = {  # operations only: a paginator's `paginate()` reads whatever it was made for
            call.func.attr: self.code.as_string(call)
            for call in self.try_reads_and_operations
            if call.func.attr in operations
        }
        if any(
            isinstance(later.func, ast.Attribute)
            and later.func.attr in tried
            and self.code.as_string(later) != tried[later.func.attr]  # another place, not the same call again
            and not self._inside_a_handler(later)
            for statement in self.code.following_siblings(self.try_node)
            for later in self.code.nodes(ast.Call, within=statement, skip=(*FUNCTION_TYPES, ast.ClassDef))
        ):
            return True
        return self._looks_elsewhere_when_unset()

    def _looks_elsewhere_when_unset(self) -> bool:
        """The statement after the ``try`` tests a name the ``try`` sets for having no value (``if not
        alias:``, ``if alias is None:``) and then reads AWS again: another source of the same value
        (the account's name from Organizations, else its IAM alias), whose read fails on its own."""
        test = self.code.next_sibling(self.try_node)
        if not isinstance(test, ast.If):
            return False
        skip = (*FUNCTION_TYPES, ast.ClassDef)
        assigned = {
            target.id
            for statement in self.try_node.body
            for node in self.code.nodes((ast.Assign, ast.AnnAssign), within=statement, skip=skip)
            for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
            if isinstance(target, ast.Name)
        }
        condition = test.test
        if isinstance(condition, ast.UnaryOp) and isinstance(condition.op, ast.Not):
            tested = condition.operand
        elif told_apart.compares_with_none(condition, getattr(condition, "left", None)) and isinstance(
            condition.ops[0], ast.Is
        ):
            tested = condition.left
        else:
            return False
        if not (isinstance(tested, ast.Name) and tested.id in assigned):
            return False
        return any(
            isinstance(call.func, ast.Attribute) and READ_OPERATION.match(call.func.attr)
            for statement in test.body
            for call in self.code.nodes(ast.Call, within=statement, skip=(*FUNCTION_TYPES, ast.ClassDef))
        )

    @cached_property
    def falls_into_the_return_of_its_result(self) -> bool:
        """The statement after the ``try`` returns a collection that the ``try`` fills (``subs[user] =
        ...``, ``subs.append(...)``): empty or partial after a failure, it reads as all there is. (A
        name the ``try`` only binds keeps its value from before: often ``None``, which callers tell
        apart, as prowler's checks skip what it could not read.)"""
        after = self.after_try
        if not isinstance(after, ast.Return) or not isinstance(after.value, ast.Name):
            return False
        name = after.value.id
        return any(
            isinstance(node, ast.Name) and node.id == name and self._filled(node)
            for statement in self.try_node.body
            for node in self.code.nodes(ast.Name, within=statement, skip=(*FUNCTION_TYPES, ast.ClassDef))
        )

    def _filled(self, name: ast.Name) -> bool:
        """``name[...] = ...`` or ``name.append(...)`` / ``extend`` / ``update`` / ``add``, also of a
        collection it holds (``name["Users"].extend(...)``)."""
        node, parent = name, self.code.parent(name)
        while isinstance(parent, ast.Subscript) and parent.value is node:
            if isinstance(parent.ctx, ast.Store):
                return True
            node, parent = parent, self.code.parent(parent)
        return (
            isinstance(parent, ast.Attribute)
            and parent.attr in ("append", "extend", "update", "add", "setdefault")
            and isinstance(self.code.parent(parent), ast.Call)
        )

    @cached_property
    def acknowledges_the_message(self) -> bool:
        """The statements after the ``try`` in its block delete a queue message
        (``sqs.delete_message(QueueUrl=..., ReceiptHandle=record["receiptHandle"])``), and the ``try``
        neither receives nor deletes one itself: a path that goes on past the handler tells the queue
        the work was done, and the message is not delivered again."""
        if any(call.func.attr in QUEUE_OPERATIONS for call in self.try_reads_and_operations):
            return False
        return any(
            isinstance(later.func, ast.Attribute)
            and later.func.attr in ACKNOWLEDGING
            and not self._inside_a_handler(later)
            for statement in self.code.following_siblings(self.try_node)
            for later in self.code.nodes(ast.Call, within=statement, skip=(*FUNCTION_TYPES, ast.ClassDef))
        )

    def _inside_a_handler(self, node: ast.AST) -> bool:
        return any(isinstance(ancestor, ast.ExceptHandler) for ancestor in self.code.ancestors(node))

    @cached_property
    def guards_a_change(self) -> bool:
        """The ``try`` only reads, to decide whether a change may go ahead, and the function makes that
        change after it (``describe_db_instances`` before ``delete_db_instance``): a handler that ends
        the function keeps the change from happening (it fails closed)."""
        if self.function is None or not self.reads or self.returns_values:
            return False
        end = self.try_node.end_lineno or 0
        later = {
            statement
            for statement in self.code.nodes(ast.stmt, within=self.function, skip=(*FUNCTION_TYPES, ast.ClassDef))
            if statement.lineno > end and not self._inside_a_handler(statement)
        }
        # Each subtree once: a statement inside another of them is walked with it.
        outermost = [statement for statement in later if not any(a in later for a in self.code.ancestors(statement))]
        return any(
            not (READ_OPERATION.match(name) or name in READ_METHODS)
            for name in _aws_method_names(self.code, outermost)
        )

    @cached_property
    def _reads_what_it_may_create(self) -> bool:
        """The ``try`` only reads, its same-module helpers too, in a function."""
        return self.reads and self.function is not None and not self._helpers_write()

    @cached_property
    def _handler_creates(self) -> bool:
        return self._creates(self.handler_body)

    @cached_property
    def _falls_into_create(self) -> bool:
        """The statement after the ``try`` creates, or a flag the handler sets leads to a create."""
        following = self.code.next_sibling(self.try_node)  # what the failure falls into
        return (following is not None and self._creates([following])) or self._flag_leads_to_create()

    @cached_property
    def falls_into_a_removal_of_what_it_read(self) -> bool:
        """A check before a removal: the ``try`` only reads a resource (``iam.get_role(RoleName=name)``),
        and the statements after it in its block remove that same resource (``iam.delete_role(
        RoleName=name)``, given the same value): when the read failed for another reason than
        absence, the removal goes ahead as it would have, or fails on its own. (Not a write: after
        a failed ``get_bucket_policy``, ``put_bucket_policy`` goes through and overwrites what the
        read missed.)"""
        if not self.reads:
            return False
        read_values = {
            (keyword.arg, self.code.as_string(keyword.value))
            for call in self.try_reads_and_operations
            for keyword in call.keywords
            if keyword.arg and not isinstance(keyword.value, ast.Constant)
        }
        if not read_values:
            return False
        operations = table().operation_index
        for statement in self.code.following_siblings(self.try_node):
            for later in self.code.nodes(ast.Call, within=statement, skip=(*FUNCTION_TYPES, ast.ClassDef)):
                name = later.func.attr if isinstance(later.func, ast.Attribute) else None
                if name not in operations or not CLEANUP_OPERATION.match(name):
                    continue
                given = {(k.arg, self.code.as_string(k.value)) for k in later.keywords if k.arg}
                if given & read_values:
                    return True
        return False

    def _flag_leads_to_create(self) -> bool:
        """The handler sets a flag (``create = True``), and the first ``if create:`` after the ``try``
        creates."""
        flags = self._flags_set(lambda value: _is_literal(value, True))
        test = first_test_after(self.code, self.try_node, flags, tested=_plain_name)
        return test is not None and self._creates(test.body)

    def _creates(self, statements: list[ast.AST], depth: int = 0) -> bool:
        """The statements make a creating call: an operation, or a function of the module that makes one."""
        if any(CREATE_OPERATION.match(name) for name in _aws_method_names(self.code, statements)):
            return True
        if depth:
            return False
        return any(
            callee is not self.function and self._creates([callee], depth + 1)
            for callee in self._module_callees(statements)
        )

    def _helpers_write(self) -> bool:
        """A function of the module the ``try`` calls makes an operation that is not a read
        (``_update_stack(...)``): the failure may be the write's."""
        return any(
            not (READ_OPERATION.match(name) or name in READ_METHODS)
            for callee in self._module_callees(self.try_node.body)
            for name in _aws_method_names(self.code, [callee])
        )

    def _module_callees(self, statements: list[ast.AST]) -> Iterator[ast.AST]:
        """The functions of the module that these statements call (not in nested definitions)."""
        for statement in statements:
            for call in self.code.nodes(ast.Call, within=statement, skip=(*FUNCTION_TYPES, ast.ClassDef)):
                yield from functions.same_module_callees(self.code, call)

    @cached_property
    def _callers_create_on_a_falsy_answer(self) -> bool:
        """Every caller, all in sight, is ``if not f(...):`` whose body creates."""
        if not functions.callers_in_sight(self.code, self.function):
            return False
        calls = functions.module_calls_of(self.code, self.function)
        for call in calls:
            test = self.code.parent(call)
            branch = self.code.parent(test)
            if not (
                isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not)
                and isinstance(branch, ast.If) and branch.test is test and self._creates(branch.body)
            ):
                return False
        return bool(calls)

    @cached_property
    def callers_only_display(self) -> bool:
        """Every caller of the function, all of them in sight, only prints or logs what it gets
        (:mod:`.displayed_results`)."""
        return displayed_results.callers_only_display(self.code, self.function)

    @cached_property
    def _only_writes(self) -> bool:
        """The ``try`` makes AWS calls, none of them a read, and no conditional write (whose expected
        failure, ``ConditionalCheckFailed``, is an answer about the data: "already there")."""
        operations = self.try_operations
        if self.function is None or not operations:
            return False
        if any(READ_OPERATION.match(name) or name in READ_METHODS for name in operations):
            return False
        return not self._conditional

    @cached_property
    def _conditional(self) -> bool:
        """The ``try`` makes a conditional write (``ConditionExpression``, ``IfNoneMatch``...), whose
        expected failure is an answer about the data, and this handler may answer it as one: not when
        the handler tells that failure apart (``if code == "ConditionalCheckFailedException":``), nor for
        a write in a ``try`` of its own whose handler does (its expected failure never gets here)."""
        if _tells_the_condition_apart(self.code, self.handler):
            return False
        for statement in self.try_node.body:
            for node in self.code.nodes((ast.keyword, ast.Constant), within=statement):
                name = node.arg if isinstance(node, ast.keyword) else node.value
                if isinstance(name, str) and name in CONDITIONAL_KEYWORDS and not self._condition_handled_inside(node):
                    return True
        return False

    def _condition_handled_inside(self, node: ast.AST) -> bool:
        """``node`` is in the body of a ``try`` within this one whose handler tells the conditional
        failure apart."""
        code, child = self.code, node
        for ancestor in code.ancestors(node):
            if ancestor is self.try_node:
                return False
            if isinstance(ancestor, TRY_TYPES) and any(child is statement for statement in ancestor.body):
                if any(_tells_the_condition_apart(code, handler) for handler in ancestor.handlers):
                    return True
            child = ancestor
        return False

    def answers_the_condition_alike(self, failure: ast.AST | None) -> bool:
        """The handler tells the conditional failure apart and answers it what ``failure`` answers the
        other codes (``return False`` for both: "already there" and AccessDenied read the same)."""
        return any(
            _same_literal(ret.value, failure)
            for branch in _condition_branches(self.code, self.handler)
            for ret in branch
        )

    @cached_property
    def dry_run_then_real(self) -> bool:
        """The ``try`` only makes dry runs (``start_instances(..., DryRun=True)``: EC2 checks the
        permission and the request, and changes nothing), and the code after it makes the same
        operations for real, which fail on their own with the same error."""
        calls = self.try_reads_and_operations
        if not calls or not all(_dry_run(call) for call in calls):
            return False
        operations = {call.func.attr for call in calls}
        scope = self.function if self.function is not None else self.code.module
        end = getattr(self.try_node, "end_lineno", None) or 0
        return any(
            isinstance(call.func, ast.Attribute)
            and call.func.attr in operations
            and not _dry_run(call)
            and call.lineno > end
            for call in self.code.nodes(ast.Call, within=scope)
        )

    @cached_property
    def in_loop(self) -> bool:
        return self.code.innermost_loop(self.try_node) is not None

    @cached_property
    def gives_up_when_attempts_run_out(self) -> bool:
        """The ``try`` is an attempt of a loop over a count (``for _ in range(30):``) whose ``else``
        (what runs when no attempt broke out) raises or exits: a failure goes round to the next
        attempt, and the last one fails the run."""
        loop = self.code.innermost_loop(self.try_node)
        if not isinstance(loop, (ast.For, ast.AsyncFor)) or not loop.orelse:
            return False
        if not (isinstance(loop.iter, ast.Call) and dotted_name(loop.iter.func) == "range"):
            return False
        return always_raises(self.code, loop.orelse)


def _subscript_keys(target: ast.AST) -> Iterator[str]:
    """The literal string keys of a store such as ``output["iam.get_role"]["Role"] = ...``."""
    while isinstance(target, ast.Subscript):
        if isinstance(target.slice, ast.Constant) and isinstance(target.slice.value, str):
            yield target.slice.value
        target = target.value


def _operation_key(key: str) -> str | None:
    """The operation a key such as ``"iam.list_user_policies"`` names: service, dot, operation."""
    service, dot, operation = key.partition(".")
    return operation if dot and service.isidentifier() and operation.isidentifier() else None


def _dry_run(call: ast.Call) -> bool:
    return any(kw.arg == "DryRun" and _is_literal(kw.value, True) for kw in call.keywords or ())


def _plain_name(test: ast.AST) -> str | None:
    """``create`` in ``if create:``; None for any other test (``if not create:``)."""
    return test.id if isinstance(test, ast.Name) else None


def _is_literal(value: ast.AST | None, constant: object) -> bool:
    return isinstance(value, ast.Constant) and value.value is constant


def _is_empty_list(value: ast.AST | None) -> bool:
    return isinstance(value, ast.List) and not value.elts


def _is_empty_text(value: ast.AST | None) -> bool:
    return isinstance(value, ast.Constant) and value.value == "" and isinstance(value.value, str)


def _flags(value: ast.AST | None, constant: bool) -> set[str]:
    """The string keys of a dict display whose value is the literal ``constant``."""
    if not isinstance(value, ast.Dict):
        return set()
    return {
        key.value
        for key, item in zip(value.keys, value.values)
        if isinstance(key, ast.Constant) and isinstance(key.value, str) and _is_literal(item, constant)
    }


def _flag_flipped(failure: ast.Dict, success: ast.AST | None) -> bool:
    """The success answers a key the failure answers ``False`` with ``True``: ``{"deleted": True}``."""
    return bool(_flags(failure, False) & _flags(success, True))


def _status_field(target: ast.AST, name: str) -> str | None:
    """``status`` for ``name["status"] = ...`` or ``name.status = ...``, a field named for an outcome."""
    if isinstance(target, ast.Subscript) and isinstance(target.slice, ast.Constant):
        owner, field = target.value, target.slice.value
    elif isinstance(target, ast.Attribute):
        owner, field = target.value, target.attr
    else:
        return None
    if not (isinstance(owner, ast.Name) and owner.id == name and isinstance(field, str)):
        return None
    return field if OUTCOME_FIELD.search(field) else None


def _gives_something(value: ast.AST | None) -> bool:
    """A success's answer that cannot be mistaken for a failure's: not empty, not a default."""
    return not _gives_nothing(value)


def _gives_nothing(value: ast.AST | None) -> bool:
    return is_not_there(value) or (value is not None and _names_a_default(value))


def _answers_a_miss(value: ast.AST | None) -> bool:
    """What a cache read answers for "not cached": nothing (``None``, ``[]``, a default), or a tuple
    of nothing in every place (``return None, False``: no data, not expired)."""
    if isinstance(value, ast.Tuple) and value.elts:
        return all(_gives_nothing(element) for element in value.elts)
    return _gives_nothing(value)


def _answers_the_caller(path: Path, context: HandlerContext) -> bool:
    """The path ends in the handler's own ``return`` of a value to the function's caller, or falls
    straight into the ``return`` of what the ``try`` was filling (``subs = {}``; ``try:`` ...
    ``subs[user] = ...``; ``return subs``), or off the end of the function (None): the caller gets
    the stand-in either way. (Falling through
    to other code after the ``try`` is the procedure going on, whatever it then answers: on the
    corpus, scanners that log a resource's error and go on to the next.)"""
    if not context.returns_values:
        return False
    if path.exit is Exit.RETURN:
        return True
    return path.exit is Exit.FALL and (context.falls_off_into_none or context.falls_into_the_return_of_its_result)


def _same_but_the_flag(success: ast.AST | None, failure: ast.List | ast.Tuple, place: int) -> bool:
    """``success`` is the failure's list or tuple with ``True`` in ``place``, equal everywhere else."""
    if not isinstance(success, (ast.List, ast.Tuple)) or len(success.elts) != len(failure.elts):
        return False
    return _is_literal(success.elts[place], True) and all(
        ast.dump(mine) == ast.dump(theirs)
        for index, (mine, theirs) in enumerate(zip(success.elts, failure.elts))
        if index != place
    )


def _noun(operation: str) -> str:
    """``model`` of ``describe_model`` and ``delete_model`` (``user`` of ``admin_get_user``): what the
    operation acts on."""
    operation = operation.removeprefix("admin_")
    return operation.split("_", 1)[1] if "_" in operation else operation


def _given_to_exit(code: Code, call: ast.Call) -> bool:
    parent = code.parent(call)
    return isinstance(parent, ast.Call) and parent.args[:1] == [call] and (
        (dotted_name(parent.func) or "") in EXITS or dotted_name(parent.func) == "SystemExit"
    )


def _is_failure_status(value: ast.AST | None) -> bool:
    """A non-zero exit status: ``1``, ``2``... (``True`` is 1 too, but reads as a success flag)."""
    return (
        isinstance(value, ast.Constant)
        and isinstance(value.value, int)
        and not isinstance(value.value, bool)
        and value.value != 0
    )


def _answers_as_the_named_codes(path: Path, paths: list[Path]) -> bool:
    """The codes no test names answer what every named one answers (``if code == "404": return
    False``, then ``return False``): every failure reads as "absent", as in a handler with no test at
    all. A named code that raises (``Forbidden``) was told apart, and the others lost."""
    named = [p for p in paths if p.state.side is Side.SPECIFIC]
    return (
        path.state.side is Side.OTHER
        and bool(named)
        and all(p.exit is Exit.RETURN and _same_value(p.value, path.value) for p in named)
    )


def _same_value(one: ast.AST | None, other: ast.AST | None) -> bool:
    if one is None or other is None:
        return one is other
    return ast.dump(one) == ast.dump(other)


def loses(path: Path, context: HandlerContext, paths: list[Path]) -> bool:
    """Does this path through the handler lose the failure? (See the module docs.)"""
    state = path.state
    if path.exit is Exit.RAISE or state.kept or state.reported:
        return False  # raised, passed on, or reported: someone is told
    if path.exit is Exit.FALL and context.acknowledges_the_message and not context.handler_calls_aws:
        # (a handler that sends the message on, to a dead-letter queue, keeps it)
        return True  # the queue is told the message was handled: it never comes back
    if state.logged:
        if not _answers_the_caller(path, context):
            return False  # logged as an error, then the next step or item: someone watching the errors sees it
        state = replace(state, noted=True)  # the caller still reads the stand-in as "not there"
        path = replace(path, state=state)  # (judged from here on as after a note, by every test)
    if context.advisory:
        return False  # nothing was fetched for anyone: the handler only decides what a failure means
    if context.best_effort(path) and path.exit is not Exit.RETURN:
        return False  # best-effort cleanup goes on
    if state.noted and context.returns_values and context.callers_only_display:
        return False  # every caller only shows what it gets: the error is shown where the data would have been
    if context.only_heads and state.side is Side.ALL and path.exit is not Exit.RETURN and (
        context.handler_calls_aws or context.flag_decides_an_aws_call
    ):
        return False  # an existence check by HEAD request that acts on "absent" (see HandlerContext.only_heads)
    if context.only_heads and state.side is Side.ALL and path.exit is Exit.LOOP:
        return False  # a search by HEAD request: "not this one", on to the next candidate
    if path.exit is Exit.FALL and context.falls_into_a_removal_of_what_it_read:
        return False  # a check before removing the same resource: the removal goes ahead or fails on its own
    if context.creates_what_it_did_not_find(path):
        # a get-or-create, with or without a test on the code: the create fails on its own when the
        # read did not fail for absence
        return False
    if context.records_what_worked and path.exit in (Exit.FALL, Exit.LOOP) and not state.not_there:
        return False  # a permission probe: the call that failed is the one missing from its record
    if path.exit is Exit.FALL and state.side is Side.ALL and not state.not_there and context.falls_back_to_another_read:
        return False  # the next place to look: its read fails on its own
    if path.exit is Exit.FALL and isinstance(context.after_try, ast.Return) and not state.fallback:
        if context.caches_the_answer(context.after_try.value):
            return False  # the answer was ready before: the try only cached it
        path = Path(Exit.RETURN, state, context.after_try.value)  # falls into `return x`
    elif path.exit is Exit.FALL and context.after_try is None and context.returns_values:
        path = Path(Exit.RETURN, state, None)  # falls off a function that returns values
    if path.exit is Exit.RETURN and context.returns_values:
        if context.exit_status_of_the_process and _is_failure_status(path.value):
            return False  # sys.exit(main()) and main returns 1: the process ends saying it failed
        # Not the error, not an error response: None, [], a default, another value in its place.
        if context.probe or (context.once_per_process and state.noted):
            return False
        if context.reads_a_cache and _answers_a_miss(path.value):
            return False  # a cache miss: the caller goes to the source
        if context.only_heads and (
            state.side is Side.ALL or context.reads_as_there(path) or _answers_as_the_named_codes(path, paths)
        ):
            return False  # an existence check by HEAD request (see HandlerContext.only_heads)
        if context.failure_told_apart(path):
            return False  # None, which only failures give, and every caller tests for it
        if context.callers_take_it_for_failure(path):
            return False  # every caller reports an empty answer as a failure
        if context.answers_a_success_flag(path):
            return False  # (None, False), and every caller unpacks the False into a success flag
        if context.status_flag_cleared(path):
            return False  # ["create", False] where every other answer is ["create", True]
        if state.noted and _is_literal(path.value, False) and context.displays_with_status:
            return False  # a display step's status: it printed the error where the data would be
        if context.reports_outcome(path):
            return False  # False or None from a function whose change, when it goes through, answers more
        return not (state.fallback and not _gives_nothing(path.value))
    # The path goes on: the next item, the next step, or the end of a procedure.
    if context.best_effort(path):
        return False
    if context.reads_a_cache and path.exit is Exit.FALL:
        return False  # a cache miss: the code after the try goes to the source
    if context.dry_run_then_real and path.exit is Exit.FALL:
        return False  # the real call after the dry run fails on its own
    if context.in_loop and path.exit in (Exit.FALL, Exit.LOOP) and any(p.ends_in_raise for p in paths):
        return False  # a retry loop: another attempt, and a raise when they run out
    if path.exit in (Exit.FALL, Exit.LOOP) and context.gives_up_when_attempts_run_out:
        return False  # for _ in range(30): ... else: sys.exit("did not become ACTIVE in time")
    if context.once_per_process and state.noted:
        return False  # a script told the person running it, and goes on with its next step
    if state.noted and path.exit is Exit.FALL and context.only_displays:
        return False  # a display step shows the error where the data would have been
    if path.exit in (Exit.FALL, Exit.LOOP) and not state.not_there and context.handler_makes_an_aws_call:
        return False  # the handler's own AWS call, a fallback or a report, fails on its own
    goes_on_silently = path.exit in (Exit.FALL, Exit.LOOP) and state.side is Side.ALL and not state.not_there
    if goes_on_silently and context.creates_then_uses:
        return False  # a create-or-reuse: the use of what it created fails on its own when it is missing
    if path.exit is Exit.RETURN and path.value is None and state.noted and context.guards_a_change:
        return False  # fails closed: the change the read guards is not made, and the error is told
    if state.not_there and not state.fallback:
        # found = False, policy = None: the failure now reads as "nothing there" (unless no one reads it)
        return not (context.reads and context.read_for_no_one)
    if state.fallback:
        return False
    if state.noted:
        # only a warning, and the code carries on without the data; or, after a failed change, on to
        # the HTTP answer, which says it worked
        return context.reads or (path.exit is Exit.FALL and context.answers_an_http_request)
    return True  # nothing said, nothing kept


def _tells_the_condition_apart(code: Code, handler: ast.AST) -> bool:
    """An ``except`` clause for a conditional write's expected failure (``except
    table.meta.client.exceptions.ConditionalCheckFailedException:``), or one that tests the code for it."""
    if not isinstance(handler, ast.ExceptHandler):
        return False
    if handler.type is not None and any(
        isinstance(node, ast.Attribute) and node.attr in CONDITIONAL_FAILURES
        for node in code.nodes(ast.Attribute, within=handler.type)
    ):
        return True
    return bool(_condition_tests(code, handler))


def _condition_tests(code: Code, handler: ast.ExceptHandler) -> list[ast.If]:
    """The ``if`` statements of the handler whose test compares with a conditional failure's code."""
    return [
        statement
        for statement in code.nodes(ast.If, within=handler)
        if any(
            isinstance(node, ast.Constant) and node.value in CONDITIONAL_FAILURES
            for node in code.nodes(ast.Constant, within=statement.test)
        )
    ]


def _condition_branches(code: Code, handler: ast.AST) -> Iterator[list[ast.Return]]:
    """For each test of the handler for the conditional failure, the ``return`` statements of the
    branch that failure takes (the ``else`` of ``code != "ConditionalCheckFailedException"``), outside
    the ``except`` clauses within it (those answer another failure)."""
    if not isinstance(handler, ast.ExceptHandler):
        return
    for test in _condition_tests(code, handler):
        negative = isinstance(test.test, ast.Compare) and all(
            isinstance(op, (ast.NotEq, ast.NotIn)) for op in test.test.ops
        )
        branch = test.orelse if negative else test.body
        yield [
            ret
            for statement in branch
            for ret in code.nodes(ast.Return, within=statement, skip=(*FUNCTION_TYPES, ast.ClassDef, ast.ExceptHandler))
        ]


def _same_literal(one: ast.AST | None, other: ast.AST | None) -> bool:
    """Two answers of the same literal value (``False`` and ``False``; a bare ``return`` is ``None``)."""
    values = []
    for node in (one, other):
        if node is None:
            values.append(None)
        elif isinstance(node, ast.Constant):
            values.append(node.value)
        else:
            return False
    return type(values[0]) is type(values[1]) and values[0] == values[1]
