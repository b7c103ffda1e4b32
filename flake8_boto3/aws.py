"""What AWS offers, read lazily from the generated botocore table.

Operations, paginators, waiters, deprecated operations, batch failure keys,
error shapes and HEAD operations per service, plus the methods boto3 adds to
clients and the SDK's exception classes that carry no error response. Loaded once per process,
the first time a file needs it.

Beside it, the hand-kept AWS facts botocore cannot model, each entry with its
documentation and checked against the table by the tests: paginated operations
whose results a documented quota caps at no more than one page
(``data/quota_bounded.json``), batch operations whose failed entries make a
later operation on the same resource fail (``data/batch_failures_surfaced.json``), and listings
whose items a later deletion of their parent removes (``data/deleted_with_the_parent.json``) or
refuses to leave behind (``data/refused_while_items_remain.json``).
"""

from __future__ import annotations

import difflib
import gzip
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources


@dataclass(frozen=True)
class Paginator:
    operation: str
    input_token: tuple[str, ...]
    output_token: tuple[str, ...]
    more_results: str | None
    limit_key: str | None
    result_keys: tuple[str, ...]
    # What one call without the limit key returns, when the model's documentation says:
    # a page of this many items at most, or everything (page_default None, returns_all True).
    page_default: int | None
    returns_all: bool
    # A call without the limit key never returns a continuation token (SQS list_queues): a paginator
    # goes past the first page only with a page size.
    token_needs_limit: bool = False
    # A relevance-ranked search (query_vectors, bedrock-agent-runtime retrieve): the input says how many
    # best matches to return (topK, numberOfResults), and the first page holds them, best first.
    ranked: bool = False
    # The operation's documentation says the first page holds the newest items (CloudFormation
    # describe_stack_events, Glue get_job_runs): the items' timestamp members, which code may sort by.
    newest_first: frozenset[str] = frozenset()
    # The model requires the limit key (Cognito list_user_pools' MaxResults): passing it bounds
    # nothing on purpose.
    limit_required: bool = False
    # The largest page a call may ask for, when the model says (Cognito list_users' Limit: 60).
    limit_max: int | None = None
    # The input members every call must pass (Connect's list_queues: InstanceId) and those a call may pass,
    # where several services page an operation of that name (else empty: nothing to tell apart).
    required: tuple[str, ...] = ()
    accepts: frozenset[str] = frozenset()
    # The documentation says a page before the last may hold fewer items than the maximum, or none
    # (CloudWatch Logs filter_log_events): its emptiness, first item or count says nothing of the rest.
    short_pages: bool = False


class Table:
    """The botocore table in its packed form (see :func:`pack_table`): each service's entry is kept as
    the JSON text it was shipped as and decoded the first time a rule asks about that service (a run
    over c7n asks about 76 of 445), while what every file needs across services (which names are
    operations, which operations paginate...) was worked out when the table was generated."""

    def __init__(self, packed: dict) -> None:
        self.botocore_version: str = packed["botocore_version"]
        self.client_methods: frozenset[str] = frozenset(packed["client_methods"])
        # Operations that return temporary credentials (sts.assume_role, sso.get_role_credentials...).
        self.credential_operations: frozenset[str] = frozenset(packed["credential_operations"])
        # What every client.exceptions has besides the service's error shapes (ClientError, from_code).
        self.client_exceptions_attributes: frozenset[str] = frozenset(packed["client_exceptions_attributes"])
        self._without_error_response: dict[str, list[str]] = packed["exceptions_without_error_response"]
        self._none_response: dict[str, list[str]] = packed["exceptions_with_none_response"]
        self._operation_names: dict[str, str] = packed["operations"]  # service -> "op op op"
        self._across: dict = packed["across"]
        self._encoded: dict[str, str] = packed["services"]  # service -> its entry as JSON text
        self._decoded: dict[str, dict] = {}

    def _entry(self, service: str | None) -> dict:
        """A service's entry (paginators, waiters, errors...), decoded on first use; {} if unknown."""
        entry = self._decoded.get(service)  # type: ignore[arg-type]
        if entry is None:
            text = self._encoded.get(service)  # type: ignore[arg-type]
            if text is None:
                return {}
            entry = self._decoded[service] = json.loads(text)  # type: ignore[index]
        return entry

    # services ---------------------------------------------------------------

    @property
    def services(self) -> frozenset[str]:
        return frozenset(self._encoded)

    def has_service(self, service: str | None) -> bool:
        return service in self._encoded

    def operations(self, service: str) -> frozenset[str]:
        return frozenset(self._operation_names.get(service, "").split())

    def injected_methods(self, service: str) -> frozenset[str]:
        """Methods and attributes boto3 adds to this service's clients (not API operations)."""
        return self.client_methods | frozenset(self._entry(service).get("injected", ()))

    # errors -----------------------------------------------------------------------

    def error_shapes(self, service: str) -> frozenset[str]:
        """The modeled exceptions of a service: the classes on ``client.exceptions``."""
        return frozenset(self._entry(service).get("errors", ()))

    def exceptions_attributes(self, service: str) -> frozenset[str]:
        """Every name ``client.exceptions`` of this service has."""
        return self.error_shapes(service) | self.client_exceptions_attributes

    def head_operations(self, service: str) -> frozenset[str]:
        """Operations that are HTTP HEAD requests (their responses have no body)."""
        return frozenset(self._entry(service).get("head_operations", ()))

    @cached_property
    def all_head_operations(self) -> frozenset[str]:
        """Every service's HEAD operations (``head_object``, ``head_bucket``...)."""
        return frozenset(self._across["head_operations"])

    def exceptions_without_error_response(self, module: str) -> frozenset[str]:
        """Exception classes of ``botocore.exceptions``/``boto3.exceptions`` that are not ClientErrors."""
        return frozenset(self._without_error_response.get(module, ()))

    def exceptions_with_none_response(self, module: str) -> frozenset[str]:
        """SDK exception classes whose instances may carry ``response = None`` (HTTPClientError's family,
        and BotoCoreError, which catches it)."""
        return frozenset(self._none_response.get(module, ()))

    @property
    def sdk_exception_modules(self) -> frozenset[str]:
        return frozenset(self._without_error_response)

    # paginators and waiters -------------------------------------------------------

    def paginator(self, service: str, operation: str) -> Paginator | None:
        spec = self._entry(service).get("paginators", {}).get(operation)
        if spec is None:
            return None
        return Paginator(
            operation,
            tuple(spec["input_token"]),
            tuple(spec["output_token"]),
            spec.get("more_results"),
            spec.get("limit_key"),
            tuple(spec["result_keys"]),
            spec.get("page_default"),
            spec.get("returns_all", False),
            spec.get("token_needs_limit", False),
            spec.get("ranked", False),
            frozenset(spec.get("newest_first", ())),
            spec.get("limit_required", False),
            spec.get("limit_max"),
            tuple(spec.get("required", ())),
            frozenset(spec.get("accepts", ())),
            spec.get("short_pages", False),
        )

    def paginator_names(self, service: str) -> frozenset[str]:
        return frozenset(self._entry(service).get("paginators", {}))

    def waiters(self, service: str) -> dict[str, str]:
        """Waiter name -> the operation it polls."""
        return dict(self._entry(service).get("waiters", {}))

    def waiter_states(self, service: str, waiter: str) -> dict[str, frozenset[str]]:
        """``{"success": ..., "failure": ...}``: the response values that end a waiter, by outcome
        (``"ROLLBACK_COMPLETE"`` ends ``stack_create_complete`` in failure: it raises WaiterError)."""
        states = self._entry(service).get("waiter_states", {}).get(waiter, {})
        return {outcome: frozenset(states.get(outcome, ())) for outcome in ("success", "failure")}

    # deprecated operations and batch failures --------------------------------------------

    def deprecated(self, service: str) -> dict[str, str | None]:
        """Deprecated operation -> its replacement, when the documentation names one."""
        return dict(self._entry(service).get("deprecated", {}))

    def partial_failure_keys(self, service: str, operation: str) -> tuple[str, ...]:
        return tuple(self._entry(service).get("partial_failures", {}).get(operation, ()))

    def counted_batch(self, service: str, operation: str) -> bool:
        """The operation's entries are ``count`` copies of one request (ECS ``run_task``)."""
        return operation in self._entry(service).get("counted_batches", ())

    # across services --------------------------------------------------------------

    @cached_property
    def operation_index(self) -> dict[str, frozenset[str]]:
        """Operation name -> the services that have it. Most of the ~17,000 names belong to one
        service: operations of the same services share one set (3.9 MB of memory down to 0.8)."""
        index: dict[str, set[str]] = {}
        for service, names in self._operation_names.items():
            for operation in names.split():
                index.setdefault(operation, set()).add(service)
        shared: dict[frozenset[str], frozenset[str]] = {}
        return {operation: shared.setdefault(key := frozenset(services), key) for operation, services in index.items()}

    @cached_property
    def paginated_operations(self) -> frozenset[str]:
        return frozenset(self._across["paginated_operations"])

    @cached_property
    def operations_whose_token_needs_limit(self) -> frozenset[str]:
        """Paginated operations some service sends a continuation token for only when the limit key
        is set (SQS ``list_queues``: "You must set MaxResults to receive a value for NextToken")."""
        return frozenset(self._across["token_needs_limit_operations"])

    @cached_property
    def waiter_operations(self) -> frozenset[str]:
        return frozenset(self._across["waiter_operations"])

    @cached_property
    def deprecated_operations(self) -> frozenset[str]:
        return frozenset(self._across["deprecated_operations"])

    @cached_property
    def all_injected_methods(self) -> frozenset[str]:
        return self.client_methods | frozenset(self._across["injected_methods"])

    @cached_property
    def partial_failure_operations(self) -> frozenset[str]:
        return frozenset(self._across["partial_failure_operations"])

    # resource actions ---------------------------------------------------------------

    def resource_action(self, service: str, resource_type: str, method: str) -> str | None:
        """The operation a resource's action method makes (``Object.load`` -> ``head_object``);
        ``resource_type`` is ``"ServiceResource"`` for the service resource itself."""
        actions = self._entry(service).get("resource_actions", {}).get(resource_type, {})
        return actions.get(method)

    def has_resource_model(self, service: str) -> bool:
        """boto3 has a resource model for the service (``boto3.resource("sqs")`` works)."""
        return bool(self._entry(service).get("resource_actions"))

    def resource_types(self, service: str) -> frozenset[str]:
        """The resource types of the service's resource model that have actions (``Bucket``, ``Table``)."""
        return frozenset(self._entry(service).get("resource_actions", {})) - {"ServiceResource"}

    def resource_types_with_action(self, service: str, method: str) -> list[str]:
        """The resource types of the service whose action ``method`` is (``stop``: ec2 ``Instance``)."""
        actions = self._entry(service).get("resource_actions", {})
        return sorted(kind for kind, methods in actions.items() if method in methods)

    def resource_action_type(self, service: str, resource_type: str, method: str) -> str | None:
        """The type of the one resource a resource's action answers (``get_queue_by_name``: ``Queue``)."""
        return self._entry(service).get("resource_action_types", {}).get(resource_type, {}).get(method)

    @cached_property
    def resource_returning_actions(self) -> frozenset[str]:
        """Action methods that answer one resource, in some service's resource model."""
        return frozenset(self._across.get("resource_returning_actions", ()))

    @cached_property
    def resource_action_names(self) -> frozenset[str]:
        return frozenset(self._across["resource_action_names"])

    @cached_property
    def batch_resource_actions(self) -> frozenset[str]:
        """Resource action methods that make, in some resource, a batch operation reporting failed
        entries (``send_messages``: SQS ``send_message_batch``)."""
        return frozenset(self._across.get("batch_resource_actions", ()))

    @cached_property
    def distinct_resource_actions(self) -> dict[str, str]:
        """Resource action methods whose name says which operation they make wherever they are called:
        several words, no client operation of that name, one operation in every resource that has it
        (``delete_messages`` -> ``delete_message_batch``, ``receive_messages`` -> ``receive_message``)."""
        return dict(self._across["distinct_resource_actions"])

    def services_with_operation(self, operation: str) -> frozenset[str]:
        return self.operation_index.get(operation, frozenset())

    @staticmethod
    def closest(name: str, candidates, count: int = 3) -> list[str]:
        snake = boto3_name(name)
        if snake != name and snake in candidates:
            return [snake]  # putObject: the JavaScript SDK's (or the API's) name of put_object
        return difflib.get_close_matches(name, sorted(candidates), n=count, cutoff=0.6)

    @classmethod
    def did_you_mean(cls, name: str, candidates) -> str:
        """``"; did you mean 'a', 'b'?"`` for a message, or "" when nothing is close."""
        suggestions = cls.closest(name, candidates)
        return f"; did you mean {', '.join(repr(s) for s in suggestions)}?" if suggestions else ""


_FIRST_CAPITAL = re.compile(r"(.)([A-Z][a-z]+)")
_LAST_CAPITAL = re.compile(r"([a-z0-9])([A-Z])")


def boto3_name(name: str) -> str:
    """The name boto3 gives an operation spelled in camelCase or PascalCase (``putObject``,
    ``DescribeDBInstances``: ``put_object``, ``describe_db_instances``), as botocore's ``xform_name``
    turns the API's names into method names; a name with an underscore as it is."""
    if "_" in name:
        return name
    return _LAST_CAPITAL.sub(r"\1_\2", _FIRST_CAPITAL.sub(r"\1_\2", name)).lower()


def pack_table(table: dict) -> dict:
    """The shipped form of the table the generator builds (``scripts/generate_botocore_table.py``):
    each service's operation names as one string, its other facts as JSON text decoded on first use,
    and the facts every file needs across services worked out here, once."""
    services: dict[str, dict] = table["services"]
    made: dict[str, set[str]] = {}
    for entry in services.values():
        for actions in entry.get("resource_actions", {}).values():
            for method, operation in actions.items():
                made.setdefault(method, set()).add(operation)
    operations = {op for entry in services.values() for op in entry.get("operations", ())}

    def every(key: str) -> list[str]:
        return sorted({name for entry in services.values() for name in entry.get(key, ())})

    across = {
        "head_operations": every("head_operations"),
        "paginated_operations": every("paginators"),
        "token_needs_limit_operations": sorted(
            {op for entry in services.values() for op, spec in entry.get("paginators", {}).items()
             if spec.get("token_needs_limit")}
        ),
        "waiter_operations": sorted({op for entry in services.values() for op in entry.get("waiters", {}).values()}),
        "deprecated_operations": every("deprecated"),
        "injected_methods": every("injected"),
        "partial_failure_operations": every("partial_failures"),
        "resource_action_names": sorted(made),
        "resource_returning_actions": sorted(
            {method for entry in services.values() for types in entry.get("resource_action_types", {}).values()
             for method in types}
        ),
        # Resource actions that make a batch operation reporting failed entries (queue.send_messages).
        "batch_resource_actions": sorted(
            method for method, made_by in made.items() if made_by & set(every("partial_failures"))
        ),
        "distinct_resource_actions": {
            method: next(iter(made_by))
            for method, made_by in sorted(made.items())
            if "_" in method and method not in operations and len(made_by) == 1
        },
    }
    rest = {key: value for key, value in table.items() if key != "services"}
    return {
        **rest,
        "across": across,
        "operations": {service: " ".join(entry.get("operations", ())) for service, entry in services.items()},
        "services": {
            service: json.dumps(
                {key: value for key, value in entry.items() if key != "operations"},
                sort_keys=True,
                separators=(",", ":"),
            )
            for service, entry in services.items()
        },
    }


# The verbs of operations that read, after Cognito's admin_ or a batch_ prefix (admin_get_user,
# batch_get_item, batch_describe_*).
READ_VERBS = ("get", "describe", "list", "search", "query", "scan", "head", "lookup", "select", "filter")


def read_verb_pattern(*more: str) -> re.Pattern[str]:
    """Matches the names of operations that read (and of those whose verb is one of ``more``)."""
    return re.compile(rf"^(?:admin_|batch_)?({'|'.join((*READ_VERBS, *more))})_?")


@dataclass(frozen=True)
class QuotaBound:
    """A paginated operation whose result a documented AWS quota caps at no more than one page."""

    service: str
    operation: str
    scope: tuple[str, ...]  # keywords that scope the call to one parent; empty: every call is scoped
    cap: int
    page: int
    page_source: str
    quota: str
    url: str
    adjustable: bool = False  # AWS raises the quota on request: the cap is its default
    # (keyword, values) the call must pass one of for the quota to count what it lists: SnapshotType
    # "manual"; an analyzer type of the account.
    values: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def applies_to(
        self,
        keywords: set[str],
        raised_quotas: bool = False,
        literal_argument: Callable[[str], str | None] | None = None,
    ) -> bool:
        """Whether the bound holds for a call passing ``keywords``, in accounts whose quotas were raised
        (``raised_quotas``: an adjustable quota's default says nothing there) or not.
        ``literal_argument(keyword)``: the literal string the call passes as ``keyword``, if any (asked
        only of an entry with values)."""
        if self.adjustable and raised_quotas:
            return False
        if self.scope and not keywords & set(self.scope):
            return False
        return all(
            keyword in keywords and literal_argument is not None and literal_argument(keyword) in allowed
            for keyword, allowed in self.values
        )


@cache
def quota_bounds() -> dict[tuple[str, str], QuotaBound]:
    """(service, operation) -> its quota bound, from ``data/quota_bounded.json``."""
    data = json.loads(resources.files("flake8_boto3.data").joinpath("quota_bounded.json").read_text())
    bounds = {}
    for entry in data["entries"]:
        values = tuple(
            (keyword, (allowed,) if isinstance(allowed, str) else tuple(allowed))
            for keyword, allowed in sorted(entry.get("values", {}).items())
        )
        bound = QuotaBound(**{**entry, "scope": tuple(entry["scope"]), "values": values})
        bounds[(bound.service, bound.operation)] = bound
    return bounds


@dataclass(frozen=True)
class LaterOperation:
    """An operation that AWS documents to settle what an earlier one on the same resource left:
    ``delete_rule`` fails while ``remove_targets`` left targets (a batch's failures surface);
    ``delete_topic`` removes the subscriptions a page of ``list_subscriptions_by_topic`` missed."""

    service: str
    operation: str
    then: str
    same: tuple[tuple[str, str], ...]  # (earlier operation's parameter, later operation's) naming one resource
    fact: str
    url: str
    # (parameter, literal) the later call must pass for the fact to hold: ECR's delete_repository
    # removes the images with the repository only given force=True.
    given: tuple[tuple[str, object], ...] = ()
    # What keeps the items few, for a deletion that refuses while any remains (a rule's 5 targets).
    bound: str = ""


def _later_operations(file_name: str) -> dict[tuple[str, str], LaterOperation]:
    data = json.loads(resources.files("flake8_boto3.data").joinpath(file_name).read_text())
    entries = {}
    for entry in data["entries"]:
        later = LaterOperation(
            **{**entry, "same": tuple(entry["same"].items()), "given": tuple(entry.get("given", {}).items())}
        )
        entries[(later.service, later.operation)] = later
    return entries


@cache
def batch_failures_surfaced() -> dict[tuple[str, str], LaterOperation]:
    """(service, batch operation) -> the later operation that surfaces its failures, from
    ``data/batch_failures_surfaced.json``."""
    return _later_operations("batch_failures_surfaced.json")


@cache
def deleted_with_the_parent() -> dict[tuple[str, str], LaterOperation]:
    """(service, listing) -> the deletion of the parent that removes every listed item with it, from
    ``data/deleted_with_the_parent.json``."""
    return _later_operations("deleted_with_the_parent.json")


@cache
def refused_while_items_remain() -> dict[tuple[str, str], LaterOperation]:
    """(service, listing) -> the deletion of the parent that fails while any listed item remains, for
    items AWS keeps few, from ``data/refused_while_items_remain.json``."""
    return _later_operations("refused_while_items_remain.json")


@cache
def service_names() -> frozenset[str]:
    """The services of the table, from its small companion file (``data/botocore_services.json``):
    the screen checks ``.client("ec2")`` against them without loading the table."""
    data = json.loads(resources.files("flake8_boto3.data").joinpath("botocore_services.json").read_text())
    return frozenset(data["services"])


@cache
def table() -> Table:
    data = resources.files("flake8_boto3.data").joinpath("botocore_table.json.gz").read_bytes()
    return Table(json.loads(gzip.decompress(data)))
