"""Shared by BTO203/BTO204: a name looked up on a client (paginator, waiter) that doesn't exist."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from flake8_boto3.analysis.aws_calls import AwsCall
from flake8_boto3.analysis.code import Code
from flake8_boto3.aws import table
from flake8_boto3.model import Kind


def unknown_lookups(
    code: Code, calls: list[AwsCall], method: str, keyword: str, names_of: Callable[[str], frozenset[str]]
) -> Iterator[tuple[AwsCall, str, frozenset[str]]]:
    """(call, looked-up name, the valid names) for lookups that fail at run time.

    With a known service, the name must be one of that service's; with an
    unknown service, only a name that no service has is reported.
    """
    for call in calls:
        if call.operation != method or call.receiver.kind is not Kind.CLIENT:
            continue
        argument = call.call.args[0] if call.call.args else next(
            (kw.value for kw in call.call.keywords or () if kw.arg == keyword), None
        )
        name = code.literal_string(argument)
        if name is None:
            continue
        service = call.service
        if service and table().has_service(service):
            valid = names_of(service)
            if name not in valid:
                yield call, name, valid
        elif service is None:
            everywhere = frozenset().union(*(names_of(s) for s in table().services))
            if name not in everywhere:
                yield call, name, everywhere
