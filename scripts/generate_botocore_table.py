"""Generate flake8_boto3/data/botocore_table.json.gz from the installed botocore and boto3.

Everything the rules know about AWS comes from here, never from a hand-typed
list: for each service, the operations (snake_case, as boto3 exposes them),
paginators (input/output tokens, more-results key, limit key, result keys and
the largest page the model allows), waiters (name -> operation), deprecated
operations (with the operation their documentation says replaces them), the
response members that report partial failures of batch operations, the error
shapes (the exception classes botocore puts on ``client.exceptions``), the
operations that are HTTP HEAD requests, and the methods boto3 adds to its
clients (``upload_file``, ``get_paginator`` ...). Across services: the other
attributes of ``client.exceptions`` (``ClientError``, ``from_code``) and the
exception classes of ``botocore.exceptions`` and ``boto3.exceptions`` that are
not ClientErrors, so carry no error response.

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
TABLE = ROOT / "flake8_boto3" / "data" / "botocore_table.json.gz"

# Response members through which batch operations report the entries that failed.
PARTIAL_FAILURE_MEMBER = re.compile(r"^(Failed\w*|Unprocessed\w*|Errors)$")
# "We recommend that you use the newer version, ListObjectsV2", "use X instead".
SUPERSEDED_HINT = re.compile(r"deprecated|newer version|updated version|has been revised|no longer recommended", re.I)


def _as_list(value) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _page_max(operation_model, limit_key: str | None) -> int | None:
    if not limit_key or operation_model.input_shape is None:
        return None
    member = operation_model.input_shape.members.get(limit_key)
    return member.metadata.get("max") if member is not None else None


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
        paginators[xform_name(operation)] = {
            "input_token": _as_list(spec.get("input_token")),
            "output_token": _as_list(spec.get("output_token")),
            "more_results": spec.get("more_results"),
            "limit_key": limit_key,
            "result_keys": _as_list(spec.get("result_key")),
            "page_max": _page_max(model.operation_model(operation), limit_key),
        }
    return paginators


def _waiters(session, service: str) -> dict:
    try:
        model = session.get_waiter_model(service)
    except Exception:  # no waiters for this service
        return {}
    return {xform_name(name): xform_name(model.get_waiter(name).operation) for name in sorted(model.waiter_names)}


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
    names = sorted(model.operation_names)
    deprecated = {}
    for operation in names:
        op = model.operation_model(operation)
        replacement = _replacement(op.documentation, operation, names)
        if op.deprecated or replacement:
            deprecated[xform_name(operation)] = replacement
    return deprecated


def _partial_failures(model) -> dict:
    found = {}
    for operation in sorted(model.operation_names):
        output = model.operation_model(operation).output_shape
        if output is None:
            continue
        keys = sorted(name for name in output.members if PARTIAL_FAILURE_MEMBER.match(name))
        if keys:
            found[xform_name(operation)] = keys
    return found


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


def build_table() -> dict:
    session = botocore.session.get_session()
    common, specific = _injected_methods(session)
    services = {}
    for service in sorted(session.get_available_services()):
        model = session.get_service_model(service)
        entry = {
            "operations": sorted(xform_name(name) for name in model.operation_names),
            "paginators": _paginators(session, service, model),
            "waiters": _waiters(session, service),
            "deprecated": _deprecated(model),
            "partial_failures": _partial_failures(model),
            "errors": _error_shapes(model),
            "head_operations": _head_operations(model),
        }
        if service in specific:
            entry["injected"] = specific[service]
        services[service] = {key: value for key, value in entry.items() if value}
    return {
        "botocore_version": botocore.__version__,
        "boto3_version": boto3.__version__,
        "client_methods": common,
        "client_exceptions_attributes": _client_exceptions_attributes(),
        "exceptions_without_error_response": _exceptions_without_error_response(),
        "services": services,
    }


def encode(table: dict) -> bytes:
    """Deterministic bytes: sorted keys, gzip without a timestamp."""
    raw = json.dumps(table, sort_keys=True, separators=(",", ":")).encode()
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0, compresslevel=9) as stream:
        stream.write(raw)
    return buffer.getvalue()


def main() -> int:
    data = encode(build_table())
    TABLE.parent.mkdir(parents=True, exist_ok=True)
    TABLE.write_bytes(data)
    print(f"wrote {TABLE.relative_to(ROOT)} ({len(data):,} bytes) from botocore {botocore.__version__}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
