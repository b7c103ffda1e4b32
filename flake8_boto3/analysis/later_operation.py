"""Is an AWS call followed by the operation AWS documents to settle what it left on the same resource?

Two hand-kept lists of AWS facts (``flake8_boto3/data``) pair an operation with a later one on the
same resource: a batch whose failed entries make the later operation fail
(``events.remove_targets(Rule=r)`` then ``events.delete_rule(Name=r)``: a rule with targets left
cannot be deleted), and a listing whose items the parent's deletion removes with it
(``sns.list_subscriptions_by_topic(TopicArn=t)`` then ``sns.delete_topic(TopicArn=t)``).
:func:`follows` finds the later call: after the first, on what may be a client of the same service,
naming the same resource (compared as source text), in the same function or one same-module helper
down, or in every function of the module that calls the first call's function.
"""

from __future__ import annotations

import ast
import copy

from flake8_boto3.analysis.aws_calls import AwsCall, AwsCalls
from flake8_boto3.analysis.code import Code
from flake8_boto3.analysis.continuation import keyword_value
from flake8_boto3.analysis.functions import module_calls_of, same_module_callees
from flake8_boto3.analysis.names import FUNCTION_TYPES, arguments_at_call
from flake8_boto3.aws import LaterOperation
from flake8_boto3.model import Kind


def follows(code: Code, aws_calls: AwsCalls, call: AwsCall, later: LaterOperation) -> bool:
    """``later.then`` is called after ``call``, on a client of the same service, on the resource
    ``call`` names (``later.same``): in the same function, or in each function that calls ``call``'s
    function, directly or through another helper of the module."""
    scope = code.enclosing_scope(call.call)
    wanted = _resource_texts(code, call.call, later.same)
    if wanted is not None and wanted in _later_calls(code, aws_calls, scope, call.call, later):
        return True
    if not isinstance(scope, FUNCTION_TYPES):
        return False
    sites = module_calls_of(code, scope)
    for site in sites:
        wanted = _resource_texts(code, call.call, later.same, scope, site)
        caller = code.enclosing_scope(site)
        if wanted is None or wanted not in _later_calls(code, aws_calls, caller, site, later):
            return False
    return bool(sites)


def _after(node: ast.AST, other: ast.AST) -> bool:
    return (node.lineno, node.col_offset) > (other.lineno, other.col_offset)


def _text_at(code, expression: ast.expr, function: ast.AST | None, site: ast.Call | None) -> str | None:
    """The source of ``expression``, with the parameters of ``function`` replaced by what ``site``
    passes: ``rule_arn.split("/")[1]`` in a helper called with ``event["Rule"]`` reads
    ``event["Rule"].split("/")[1]``. None when a parameter it uses is not passed."""
    if function is None or site is None:
        return code.as_string(expression)
    arguments = arguments_at_call(function, site)
    if arguments is None:
        return None
    parameters = {a.arg for a in (*function.args.posonlyargs, *function.args.args, *function.args.kwonlyargs)}
    used = {node.id for node in ast.walk(expression) if isinstance(node, ast.Name)} & parameters
    if used - arguments.keys():
        return None  # a parameter the call leaves to its default

    class Substitute(ast.NodeTransformer):
        def visit_Name(self, node: ast.Name) -> ast.AST:
            return arguments[node.id] if node.id in used else node

    return ast.unparse(Substitute().visit(copy.deepcopy(expression)))


def _resource_texts(code, call: ast.Call, same, function=None, site=None) -> dict[str, str] | None:
    """``{later parameter: text}`` naming the resource the batch call works on."""
    texts = {}
    for mine, theirs in same:
        value = keyword_value(call, mine)
        text = _text_at(code, value, function, site) if value is not None else None
        if text is None:
            return None
        texts[theirs] = text
    return texts


def _calls(call: ast.Call, later: LaterOperation) -> bool:
    """``call`` makes the later operation, with the literal arguments the fact needs (``force=True``)."""
    if not (isinstance(call.func, ast.Attribute) and call.func.attr == later.then):
        return False
    for name, literal in later.given:
        value = keyword_value(call, name)
        if not (isinstance(value, ast.Constant) and value.value == literal and type(value.value) is type(literal)):
            return False
    return True


def _may_be_client_of(aws_calls: AwsCalls, call: ast.Call, service: str) -> bool:
    """The method ``call`` calls may be a client's for ``service``: the model says so, or cannot tell
    (``self.sns`` given to ``__init__``); the operation's name and its parameter naming the same
    resource say the rest. Not a boto3 object of another kind or service."""
    receiver = aws_calls.infer_receiver(call.func.value)
    return receiver is None or (receiver.kind is Kind.CLIENT and receiver.service in (None, service))


def _later_calls(code: Code, aws_calls: AwsCalls, scope: ast.AST, after: ast.AST, later: LaterOperation):
    """Calls of the later operation in ``scope`` after ``after``, with the texts naming their resource;
    also those one same-module helper down (``self._delete_rule(arn)``), read at the helper's call."""
    same = [(theirs, theirs) for _, theirs in later.same]
    for candidate in code.nodes(ast.Call, within=scope, skip=FUNCTION_TYPES):
        if not _after(candidate, after):
            continue
        if _calls(candidate, later):
            if _may_be_client_of(aws_calls, candidate, later.service):
                yield _resource_texts(code, candidate, same)
            continue
        for helper in same_module_callees(code, candidate):
            for inner in code.nodes(ast.Call, within=helper, skip=FUNCTION_TYPES):
                if _calls(inner, later) and _may_be_client_of(aws_calls, inner, later.service):
                    yield _resource_texts(code, inner, same, helper, candidate)
