"""Generate flake8_boto3/data/botocore_table.json.gz from the installed botocore and boto3.

Everything the rules know about AWS comes from here, never from a hand-typed
list (and ``botocore_services.json``, the table's service names alone, which the
screen reads without loading the table): for each service, the operations (snake_case, as boto3 exposes them),
paginators (input/output tokens, more-results key, limit key, result keys, and
the page a call without the limit key returns: a default page size or "all items
are returned", as the limit key's documentation states it, or everything where the
operation's own documentation says "Unpaginated requests are susceptible to
throttling and timeouts" or, for EC2's VPC describe actions, "The default is to
describe all your ..."; and whether the model requires the limit key), waiters (name ->
operation, and the response values that end each in success or failure), the operations
the model marks deprecated (with the operation their documentation says replaces them), the
response members that report partial failures of batch operations, the error
shapes (the exception classes botocore puts on ``client.exceptions``), the
operations that are HTTP HEAD requests, and the methods boto3 adds to its
clients (``upload_file``, ``get_paginator`` ...). Across services: the
operations that return temporary credentials (``sts.assume_role``), the other
attributes of ``client.exceptions`` (``ClientError``, ``from_code``) and the
exception classes of ``botocore.exceptions`` and ``boto3.exceptions`` that are
not ClientErrors, so carry no error response. The file holds them packed
(``flake8_boto3.aws.pack_table``): a service's facts are decoded the first time a
rule asks about that service, and what every file needs across services (which
names are operations, which operations paginate) is worked out here.

botocore and boto3 are pinned development dependencies (the ``test`` extra), so
the output is reproducible; ``tests/test_botocore_table.py`` regenerates it and
fails when the shipped copy differs. To refresh it when botocore adds services,
raise both pins in setup.cfg, install them and run:

    python scripts/generate_botocore_table.py
"""

from __future__ import annotations

import gzip
import io
import json
import re
import sys
from pathlib import Path

import boto3
import boto3.exceptions
import botocore
import botocore.exceptions
import botocore.session
from botocore import xform_name
from botocore.errorfactory import BaseClientExceptions

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from flake8_boto3.aws import pack_table  # noqa: E402 - the package of this checkout, not an installed one
TABLE = ROOT / "flake8_boto3" / "data" / "botocore_table.json.gz"
# The table's service names alone (a few KB): the screen asks whether ``.client("ec2")`` names a
# real service for every file that calls one, and must not load the whole table for it.
SERVICES = ROOT / "flake8_boto3" / "data" / "botocore_services.json"

# Response members through which batch operations report the entries that failed.
# (ECS and ECR name theirs `failures`: RunTask's tasks that could not be placed.)
PARTIAL_FAILURE_MEMBER = re.compile(r"^(Failed\w*|Unprocessed\w*|Errors|failures)$")
# ... and, for operations named batch_*, error lists named after what failed.
BATCH_ERROR_MEMBER = re.compile(r"^(\w*(Errors|ErrorEntries|ErrorList)|errorEntries|errorList)$")
# "We recommend that you use the newer version, ListObjectsV2", "use X instead".
SUPERSEDED_HINT = re.compile(r"deprecated|newer version|updated version|has been revised|no longer recommended", re.I)


def _as_list(value) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


NUMBER = r"(\d{1,3}(?:,\d{3})+|\d+)"
# "If this parameter is not specified, then all items are returned."; "If no MaxRecords is specified, all
# available environments are retrieved in a single response." (Elastic Beanstalk)
RETURNS_ALL = re.compile(
    r"(?:not specified|not provided|isn't specified|don't specify|do not specify|omit\w*|not included|not set"
    r"|If no \w+ is specified)[^.]*\ball (?:the )?(?:\w+ ){0,2}(?:are|is) (?:returned|retrieved)",
    re.I,
)
# "ListEventSourceMappings returns a maximum of 100 items in each response, even if you set the number higher."
PER_RESPONSE = re.compile(
    rf"\b(?:returns?|return) (?:a maximum of|at most|up to|only) {NUMBER} (?:\w+ ){{0,3}}?"
    r"(?:in each|per|in a single|in one|each) (?:response|page|call|request)",
    re.I,
)
# Sentences about what happens without the limit key: "The default value is 50.", "If you don't
# specify a value, Route 53 returns up to 100 change batches.", "this number is automatically set to 10".
DEFAULT_SENTENCE = re.compile(
    r"\bdefault|don't specify|do not specify|not specified|(?:isn't|is not|not) used|\bomit|not provided"
    r"|do not include|don't include|not set|automatically set|If you don't|If you do not",
    re.I,
)
AFTER_DEFAULT = re.compile(rf"default\w*\D{{0,40}}?{NUMBER}", re.I)
# "You must set MaxResults to receive a value for NextToken in the response." (SQS ListQueues): a call
# without the limit key never continues, so a paginator needs a page size to go past the first page.
TOKEN_NEEDS_LIMIT = re.compile(r"\bmust (?:set|specify|provide) \w+ to receive a value for \w+", re.I)
# The operation's own documentation, on the calls that pass no limit key (EC2's DescribeImages,
# DescribeInstances, DescribeVolumes ...): "We strongly recommend using only paginated requests.
# Unpaginated requests are susceptible to throttling and timeouts." An unpaginated request exists and
# its documented risk is throttling and timeouts, not a cut-off page: it returns everything.
UNPAGINATED_RISKS = re.compile(r"\bUnpaginated requests are susceptible to throttling and timeouts", re.I)
# EC2's VPC describe actions (DescribeVpcs, DescribeSubnets, DescribeRouteTables ...), whose MaxResults
# came later and is optional: "The default is to describe all your VPCs." EC2 documents calls without
# MaxResults as unpaginated ones, which risk throttling and timeouts rather than a cut-off page
# (https://docs.aws.amazon.com/ec2/latest/devguide/ec2-api-pagination.html).
DESCRIBES_ALL_BY_DEFAULT = re.compile(r"\bThe default is to describe all your\b", re.I)
# The most one request returns, in the operation's own words (S3 ListObjectsV2: "Returns some or all
# (up to 1,000) of the objects in a bucket with each request"): asking for it bounds nothing.
OPERATION_MAXIMUM = re.compile(r"\(up to ([\d,]+)\) of the \w+ in a \w+")
# The limit key's own documentation, where the model has no maximum (ECS ListServices' maxResults: "This
# value can be between 1 and 100"): the largest page a call may ask for.
DOCUMENTED_RANGE = re.compile(r"\b(?:between|from) 1 (?:and|to) ([\d,]+)\b", re.I)


# A relevance-ranked search names how many of its best matches to return (S3 Vectors QueryVectors
# `topK`, Bedrock Retrieve `vectorSearchConfiguration.numberOfResults`, AgentCore
# RetrieveMemoryRecords `searchCriteria.topK`): its first page is the answer asked for, best first.
RESULT_COUNT = re.compile(r"^(?:top_?k|numberOfResults)$", re.I)


def plain_text(documentation: str | None) -> str:
    """A model's HTML documentation as one line of text: tags and runs of whitespace become one space."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", documentation or "")).strip()


def _number(text: str) -> int:
    return int(text.replace(",", ""))


def page_facts(documentation: str | None) -> dict:
    """What one call without the limit key returns, as the limit key's documentation says.

    ``{"returns_all": True}``, ``{"page_default": N}``, ``{"token_needs_limit": True}`` (no
    continuation token at all without the limit key), or ``{}`` when the documentation says nothing.
    The model's ``max`` constraint is not used: it is what a caller may ask for, not what a call
    returns (ListEventSourceMappings allows MaxItems up to 10,000 and returns 100 per response).
    """
    text = plain_text(documentation)
    if TOKEN_NEEDS_LIMIT.search(text):
        return {"token_needs_limit": True}
    if RETURNS_ALL.search(text):
        return {"returns_all": True}
    match = PER_RESPONSE.search(text)
    if match:
        return {"page_default": _number(match.group(1))}
    for sentence in re.split(r"(?<=[.;])\s+(?=[A-Z(])", text):
        if not DEFAULT_SENTENCE.search(sentence):
            continue
        numbers = [_number(n) for n in re.findall(NUMBER, sentence) if _number(n) > 0]
        if not numbers:
            continue
        after_default = AFTER_DEFAULT.search(sentence)
        if after_default:
            return {"page_default": _number(after_default.group(1))}
        # "between 5 and 1000; if you don't specify it, up to 100": the last number is the default.
        return {"page_default": numbers[-1]}
    return {}


def _page_facts(operation_model, limit_key: str | None) -> dict:
    if not limit_key or operation_model.input_shape is None:
        return {}
    member = operation_model.input_shape.members.get(limit_key)
    facts = page_facts(member.documentation) if member is not None else {}
    documentation = operation_model.documentation or ""
    if not facts and (UNPAGINATED_RISKS.search(documentation) or DESCRIBES_ALL_BY_DEFAULT.search(documentation)):
        facts = {"returns_all": True}
    if limit_key in operation_model.input_shape.required_members:
        # Cognito's list_user_pools(MaxResults=60): every call passes it, so it bounds nothing on purpose.
        facts = {**facts, "limit_required": True}
    if member is not None and isinstance(member.metadata.get("max"), int):
        # The largest page a call may ask for (Cognito list_users' Limit: 60): asking for it bounds nothing.
        facts = {**facts, "limit_max": member.metadata["max"]}
    elif (most := OPERATION_MAXIMUM.search(plain_text(documentation))) is not None:
        facts = {**facts, "limit_max": _number(most.group(1))}  # list_objects_v2(MaxKeys=1000)
    elif member is not None and (most := DOCUMENTED_RANGE.search(plain_text(member.documentation))):
        facts = {**facts, "limit_max": _number(most.group(1))}  # ecs.list_services(maxResults=100)
    return facts


# "Returns all stack related events for a specified stack in reverse chronological order." (CloudFormation
# DescribeStackEvents), "GetJobRuns returns the job runs in chronological order, with the newest jobs
# returned first." (Glue): the first page holds the newest items. A sentence that makes the order depend
# on a parameter ("To return events in descending timestamp order (newest first), set the startFromHead
# parameter", "When listing by origin OWNED, ...") does not count.
NEWEST_FIRST = re.compile(
    r"\b(?:newest[\w ]{0,30} first|reverse chronological order|most recent[\w ]{0,30} first|latest[\w ]{0,20} first"
    r"|sorted by \w+ in descending order|ordered by a descending timestamp)",
    re.I,
)
ORDER_CONDITION = re.compile(r"\b(?:to return|set the|use the|when listing|if you|unless|by default)\b", re.I)


def newest_first(documentation: str | None) -> bool:
    """Does the operation's documentation say, without condition, that results come newest first?"""
    return any(
        NEWEST_FIRST.search(sentence) and not ORDER_CONDITION.search(sentence)
        for sentence in re.split(r"(?<=[.;])\s+", plain_text(documentation))
    )


def _timestamp_members(operation_model, result_keys: list[str]) -> list[str]:
    """The timestamp members of the items under the result keys (Glue JobRun's StartedOn, CompletedOn...)."""
    output = operation_model.output_shape
    found: set[str] = set()
    for key in result_keys:
        shape = output.members.get(key) if output is not None and "." not in key else None
        item = getattr(shape, "member", None)
        if item is not None and item.type_name == "structure":
            found.update(name for name, member in item.members.items() if member.type_name == "timestamp")
    return sorted(found)


# "A returned page might only be partially full, or even empty ... Partially full or empty pages don't
# necessarily mean that pagination is finished." (CloudWatch Logs FilterLogEvents), "An API operation can
# return fewer results than the maximum even when there are more results available." (RAM, Service
# Quotas, IAM Identity Center...), "can return fewer items than the value specified by MaxRecords, even
# when more items remain" (Auto Scaling): a page that is not the last may hold fewer items than asked
# for, or none, so its emptiness, its first item or its count says nothing of the rest.
SHORT_PAGES = re.compile(
    r"\b(?:partially full|empty) pages don't necessarily mean"
    r"|\bfewer (?:results|items) than [^.]{0,80}\b(?:even when|even if|while) (?:there are )?more"
    r"|\bfewer (?:results|items) than the maximum, with a nextToken"
    r"|\bfewer results than maxResults, or no results, and still include a nextToken"
    r"|\bcan return empty results while there are more",
    re.I,
)


def short_pages(operation_model) -> bool:
    """Does the operation's documentation, or its input's or output's, say that a page before the last
    may hold fewer items than the maximum, or none?"""
    texts = [operation_model.documentation]
    for shape in (operation_model.input_shape, operation_model.output_shape):
        if shape is not None:
            texts += [member.documentation for member in shape.members.values()]
    return any(SHORT_PAGES.search(plain_text(text)) for text in texts)


def ranked_search(shape, depth: int = 0) -> bool:
    """Does the input (``shape``, structures nested up to four deep) say how many best matches to return?"""
    if shape is None or shape.type_name != "structure" or depth > 4:
        return False
    return any(RESULT_COUNT.match(name) or ranked_search(member, depth + 1) for name, member in shape.members.items())


def _paginators(session, service: str, model) -> dict:
    try:
        config = session.get_paginator_model(service)._paginator_config
    except botocore.exceptions.UnknownServiceError:
        return {}
    except Exception:  # services without paginators raise DataNotFoundError
        return {}
    paginators = {}
    for operation, spec in sorted(config.items()):
        if operation not in model.operation_names:
            continue
        limit_key = spec.get("limit_key")
        operation_model = model.operation_model(operation)
        entry = paginators[xform_name(operation)] = {
            "input_token": _as_list(spec.get("input_token")),
            "output_token": _as_list(spec.get("output_token")),
            "more_results": spec.get("more_results"),
            "limit_key": limit_key,
            "result_keys": _as_list(spec.get("result_key")),
            **_page_facts(operation_model, limit_key),
        }
        input_shape = operation_model.input_shape
        if ranked_search(input_shape):
            entry["ranked"] = True
        if short_pages(operation_model):
            entry["short_pages"] = True
        if newest_first(operation_model.documentation):
            # The first page holds the newest items: the timestamps code may sort them by to pick the newest.
            if timestamps := _timestamp_members(operation_model, entry["result_keys"]):
                entry["newest_first"] = timestamps
        # What every call must pass (Connect's list_queues needs InstanceId; SQS's needs nothing) and what a
        # call may pass: a call of a client of unknown service that leaves out the one or passes something
        # else is not this service's. (Kept only for names several services page: see build_table.)
        if input_shape is not None:
            required = sorted(set(input_shape.required_members) - {limit_key})
            entry["accepts"] = sorted(input_shape.members)
            if required:
                entry["required"] = required
    return paginators


def _keep_inputs_of_shared_names(services: dict) -> None:
    """Drop what a paginated operation accepts and requires where no other service pages an operation of
    that name: the model needs it only to tell a client of unknown service apart."""
    counts: dict[str, int] = {}
    for entry in services.values():
        for operation in entry.get("paginators", {}):
            counts[operation] = counts.get(operation, 0) + 1
    for entry in services.values():
        for operation, spec in entry.get("paginators", {}).items():
            if counts[operation] == 1:
                spec.pop("accepts", None)
                spec.pop("required", None)


def _waiters(session, service: str) -> dict:
    try:
        model = session.get_waiter_model(service)
    except Exception:  # no waiters for this service
        return {}
    return {xform_name(name): xform_name(model.get_waiter(name).operation) for name in sorted(model.waiter_names)}


def _waiter_states(session, service: str) -> dict:
    """Waiter name -> the values of the polled response that end it, by outcome: ``{"success":
    ["CREATE_COMPLETE"], "failure": ["ROLLBACK_COMPLETE", ...]}`` (string values of its path
    acceptors; error-code and HTTP-status acceptors are left out)."""
    try:
        model = session.get_waiter_model(service)
    except Exception:  # no waiters for this service
        return {}
    states = {}
    for name in sorted(model.waiter_names):
        by_outcome: dict[str, set[str]] = {}
        for acceptor in model.get_waiter(name).acceptors:
            if acceptor.matcher in ("path", "pathAll", "pathAny") and isinstance(acceptor.expected, str):
                by_outcome.setdefault(acceptor.state, set()).add(acceptor.expected)
        kept = {outcome: sorted(by_outcome[outcome]) for outcome in ("success", "failure") if by_outcome.get(outcome)}
        if kept:
            states[xform_name(name)] = kept
    return states


def _replacement(documentation: str, operation: str, operation_names: list[str]) -> str | None:
    """The operation a superseded operation's documentation points to."""
    hint = SUPERSEDED_HINT.search(documentation or "")
    if hint is None:
        return None
    nearby = documentation[hint.start() : hint.end() + 400]
    mentioned = [name for name in operation_names if name != operation and re.search(rf"\b{name}\b", nearby)]
    newer = [name for name in mentioned if name.startswith(operation)]  # ListObjects -> ListObjectsV2
    return xform_name(newer[0]) if newer else None


def _deprecated(model) -> dict:
    """The operations the model marks deprecated, each with the operation its documentation names in
    its place (or None). An operation that is only "revised" (S3 ListObjects, Kinesis DescribeStream)
    is not deprecated: AWS keeps it and recommends the newer one for new code."""
    names = sorted(model.operation_names)
    deprecated = {}
    for operation in names:
        op = model.operation_model(operation)
        if op.deprecated:
            deprecated[xform_name(operation)] = _replacement(op.documentation, operation, names)
    return deprecated


def _entry_errors(output) -> list[str]:
    """``["Error"]`` when the response lists one result per entry, each with its own ``Error``
    (DynamoDB ``batch_execute_statement``: ``Responses[].Error``)."""
    for member in output.members.values():
        if member.type_name == "list" and member.member.type_name == "structure" and "Error" in member.member.members:
            return ["Error"]
    return []


def _partial_failures(model) -> dict:
    found = {}
    for operation in sorted(model.operation_names):
        output = model.operation_model(operation).output_shape
        if output is None:
            continue
        keys = sorted(name for name in output.members if PARTIAL_FAILURE_MEMBER.match(name))
        if not keys and xform_name(operation).startswith("batch_"):
            # Batch operations name their failure lists in other ways too: BatchPutMessageErrorEntries.
            keys = sorted(name for name in output.members if BATCH_ERROR_MEMBER.match(name)) or _entry_errors(output)
        if keys:
            found[xform_name(operation)] = keys
    return found


def _counted_batches(model) -> list[str]:
    """Operations reporting partial failures whose entries are ``count`` copies of one request (ECS
    ``run_task``): a call that passes no ``count`` makes a batch of one."""
    found = []
    for operation in sorted(model.operation_names):
        operation_model = model.operation_model(operation)
        output, given = operation_model.output_shape, operation_model.input_shape
        if output is None or given is None:
            continue
        count = given.members.get("count")
        if count is not None and count.type_name == "integer" and any(
            PARTIAL_FAILURE_MEMBER.match(name) for name in output.members
        ):
            found.append(xform_name(operation))
    return found


def _carries_credentials(shape, depth: int = 0) -> bool:
    """A structure holding an access key id, a secret and a session token (temporary credentials)."""
    if shape is None or depth > 3 or shape.type_name != "structure":
        return False
    names = [name.lower() for name in shape.members]
    if all(any(part in n for n in names) for part in ("accesskeyid", "secret", "token")):
        return True
    return any(_carries_credentials(member, depth + 1) for member in shape.members.values())


def _credential_operations(model) -> list[str]:
    """Operations that return temporary AWS credentials (``sts.assume_role``, ``sso.get_role_credentials``)."""
    return sorted(
        xform_name(name)
        for name in model.operation_names
        if _carries_credentials(model.operation_model(name).output_shape)
    )


def _error_shapes(model) -> list[str]:
    """The names ClientExceptionsFactory gives the classes it puts on ``client.exceptions``."""
    return sorted(str(shape.name) for shape in model.error_shapes)


def _head_operations(model) -> list[str]:
    return sorted(
        xform_name(name) for name in model.operation_names if model.operation_model(name).http.get("method") == "HEAD"
    )


def _client_exceptions_attributes() -> list[str]:
    """What every ``client.exceptions`` has besides the service's error shapes."""
    return sorted(name for name in dir(BaseClientExceptions) if not name.startswith("_"))


def _exceptions_without_error_response() -> dict[str, list[str]]:
    """Per SDK exception module, the names of its exception classes that are not ClientErrors.

    Only ClientError (and its subclasses) is built from an error response and
    sets ``.response`` to it; the others (BotoCoreError and its family, boto3's
    Boto3Error family) have none, or a ``response`` attribute that is None
    (HTTPClientError's).
    """
    found = {}
    for module in (botocore.exceptions, boto3.exceptions):
        found[module.__name__] = sorted(
            name
            for name, value in vars(module).items()
            if isinstance(value, type)
            and issubclass(value, BaseException)
            and value.__module__ == module.__name__
            and not issubclass(value, botocore.exceptions.ClientError)
        )
    return found


def _exceptions_with_none_response() -> dict[str, list[str]]:
    """Per SDK exception module, the classes whose instances may carry a ``response`` of None:
    HTTPClientError's family (ReadTimeoutError, ConnectionClosedError ...) sets ``.response`` to the
    HTTP response it did not get, and the bases that catch it (BotoCoreError) may hold one. On those,
    ``getattr(e, "response", {})`` answers None, not the default."""
    module = botocore.exceptions
    http = botocore.exceptions.HTTPClientError
    return {
        module.__name__: sorted(
            name
            for name, value in vars(module).items()
            if isinstance(value, type)
            and value.__module__ == module.__name__
            and (issubclass(value, http) or issubclass(http, value))
        )
    }


def _injected_methods(session) -> tuple[list[str], dict[str, list[str]]]:
    """Public client attributes that are not API operations, as boto3 builds clients."""
    boto3_session = boto3.session.Session(
        region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing"
    )
    per_service: dict[str, set[str]] = {}
    for service in session.get_available_services():
        client = boto3_session.client(service)
        operations = {xform_name(name) for name in client.meta.service_model.operation_names}
        per_service[service] = {name for name in dir(client) if not name.startswith("_")} - operations
    common = set.intersection(*per_service.values())
    specific = {service: sorted(names - common) for service, names in sorted(per_service.items()) if names - common}
    return sorted(common), specific


def _resource_definitions(boto3_session, service: str) -> dict:
    """Resource type -> its definition in boto3's resource model (the service resource itself is
    ``"ServiceResource"``); nothing for a service boto3 has no resources for."""
    if service not in boto3_session.get_available_resources():
        return {}
    model = boto3_session._loader.load_service_model(service, "resources-1")
    return {"ServiceResource": model.get("service", {}), **model.get("resources", {})}


def _resource_actions(boto3_session, service: str) -> dict:
    """Resource type -> action method -> the operation it makes, from boto3's resource model: what
    ``s3.Object(b, k).load()`` (head_object) or ``queue.delete_messages(...)`` (delete_message_batch)
    call. The service resource itself is ``"ServiceResource"``; ``load`` is the resource's loader."""
    found = {}
    for name, definition in sorted(_resource_definitions(boto3_session, service).items()):
        actions = {
            xform_name(action): xform_name(spec["request"]["operation"])
            for action, spec in definition.get("actions", {}).items()
            if "request" in spec
        }
        load = definition.get("load", {}).get("request", {}).get("operation")
        if load:
            actions["load"] = actions["reload"] = xform_name(load)
        if actions:
            found[name] = dict(sorted(actions.items()))
    return found


def _resource_action_types(boto3_session, service: str) -> dict:
    """Resource type -> action method -> the type of the one resource the action answers, from
    boto3's resource model: ``sqs.get_queue_by_name(...)`` answers a ``Queue``,
    ``dynamodb.create_table(...)`` a ``Table``. Actions answering a list (``create_instances``) or
    the raw response are left out."""
    found = {}
    for name, definition in sorted(_resource_definitions(boto3_session, service).items()):
        types = {
            xform_name(action): spec["resource"]["type"]
            for action, spec in definition.get("actions", {}).items()
            if "request" in spec and "resource" in spec and "[]" not in spec["resource"].get("path", "")
        }
        if types:
            found[name] = dict(sorted(types.items()))
    return found


def build_table() -> dict:
    session = botocore.session.get_session()
    common, specific = _injected_methods(session)
    boto3_session = boto3.session.Session(region_name="us-east-1")
    services = {}
    credential_operations: set[str] = set()
    for service in sorted(session.get_available_services()):
        model = session.get_service_model(service)
        credential_operations.update(_credential_operations(model))
        entry = {
            "operations": sorted(xform_name(name) for name in model.operation_names),
            "paginators": _paginators(session, service, model),
            "waiters": _waiters(session, service),
            "waiter_states": _waiter_states(session, service),
            "deprecated": _deprecated(model),
            "partial_failures": _partial_failures(model),
            "counted_batches": _counted_batches(model),
            "errors": _error_shapes(model),
            "head_operations": _head_operations(model),
            "resource_actions": _resource_actions(boto3_session, service),
            "resource_action_types": _resource_action_types(boto3_session, service),
        }
        if service in specific:
            entry["injected"] = specific[service]
        services[service] = {key: value for key, value in entry.items() if value}
    _keep_inputs_of_shared_names(services)
    return {
        "botocore_version": botocore.__version__,
        "boto3_version": boto3.__version__,
        "client_methods": common,
        "credential_operations": sorted(credential_operations),
        "client_exceptions_attributes": _client_exceptions_attributes(),
        "exceptions_without_error_response": _exceptions_without_error_response(),
        "exceptions_with_none_response": _exceptions_with_none_response(),
        "services": services,
    }


def encode(table: dict) -> bytes:
    """Deterministic bytes of the packed table (:func:`flake8_boto3.aws.pack_table`: each service's
    facts decoded only when a rule asks about that service): sorted keys, gzip without a timestamp."""
    raw = json.dumps(pack_table(table), sort_keys=True, separators=(",", ":")).encode()
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0, compresslevel=9) as stream:
        stream.write(raw)
    return buffer.getvalue()


def encode_services(table: dict) -> bytes:
    """The service names of ``table``, with the botocore version they come from."""
    names = {"botocore_version": table["botocore_version"], "services": sorted(table["services"])}
    return (json.dumps(names, indent=0, sort_keys=True) + "\n").encode()


def main() -> int:
    table = build_table()
    data = encode(table)
    TABLE.parent.mkdir(parents=True, exist_ok=True)
    TABLE.write_bytes(data)
    SERVICES.write_bytes(encode_services(table))
    print(f"wrote {TABLE.relative_to(ROOT)} ({len(data):,} bytes) and {SERVICES.relative_to(ROOT)}"
          f" from botocore {botocore.__version__}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
