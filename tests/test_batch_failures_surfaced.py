"""The hand-kept list of batch operations whose failures a later operation surfaces, checked
against botocore's models.

Every entry must name a batch operation that reports failed entries, a later operation of the
same service, parameters each operation takes, and a documentation URL on docs.aws.amazon.com.
"""

from __future__ import annotations

import botocore.session
import pytest

from flake8_boto3.aws import batch_failures_surfaced, table

SESSION = botocore.session.get_session()
ENTRIES = sorted(batch_failures_surfaced().values(), key=lambda e: (e.service, e.operation))


def input_members(service: str, operation: str) -> set[str]:
    model = SESSION.get_service_model(service)
    name = next(n for n in model.operation_names if botocore.xform_name(n) == operation)
    return set(model.operation_model(name).input_shape.members)


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: f"{e.service}.{e.operation}")
def test_entry_pairs_a_batch_operation_with_a_later_one(entry):
    assert table().partial_failure_keys(entry.service, entry.operation), "must report failed entries"
    assert entry.then in table().operation_index, "the later operation must exist"
    assert entry.service in table().operation_index[entry.then]
    assert entry.same, "a parameter must tie the two calls to one resource"
    for mine, theirs in entry.same:
        assert mine in input_members(entry.service, entry.operation)
        assert theirs in input_members(entry.service, entry.then)
    assert entry.url.startswith("https://docs.aws.amazon.com/")
    assert entry.fact


def test_there_are_entries():
    assert ENTRIES
