"""The hand-kept lists of operations a later one settles, checked against botocore's models.

Every entry must name a later operation of the same service, parameters each operation takes, and
a documentation URL on docs.aws.amazon.com; a batch operation whose failures the later one surfaces
must report failed entries, and a listing its parent's deletion empties, or refuses to leave
behind, must paginate.
"""

from __future__ import annotations

import botocore.session
import pytest

from flake8_boto3.aws import batch_failures_surfaced, deleted_with_the_parent, refused_while_items_remain, table

SESSION = botocore.session.get_session()
BATCHES = sorted(batch_failures_surfaced().values(), key=lambda e: (e.service, e.operation))
LISTINGS = sorted(deleted_with_the_parent().values(), key=lambda e: (e.service, e.operation))
REFUSALS = sorted(refused_while_items_remain().values(), key=lambda e: (e.service, e.operation))


def input_members(service: str, operation: str) -> set[str]:
    model = SESSION.get_service_model(service)
    name = next(n for n in model.operation_names if botocore.xform_name(n) == operation)
    return set(model.operation_model(name).input_shape.members)


def assert_pairs_two_operations(entry):
    assert entry.then in table().operation_index, "the later operation must exist"
    assert entry.service in table().operation_index[entry.then]
    assert entry.same, "a parameter must tie the two calls to one resource"
    for mine, theirs in entry.same:
        assert mine in input_members(entry.service, entry.operation)
        assert theirs in input_members(entry.service, entry.then)
    assert entry.url.startswith("https://docs.aws.amazon.com/")
    assert entry.fact
    assert {name for name, _ in entry.given} <= input_members(entry.service, entry.then)


@pytest.mark.parametrize("entry", BATCHES, ids=lambda e: f"{e.service}.{e.operation}")
def test_entry_pairs_a_batch_operation_with_a_later_one(entry):
    assert table().partial_failure_keys(entry.service, entry.operation), "must report failed entries"
    assert_pairs_two_operations(entry)


@pytest.mark.parametrize("entry", LISTINGS, ids=lambda e: f"{e.service}.{e.operation}")
def test_entry_pairs_a_listing_with_its_parents_deletion(entry):
    assert table().paginator(entry.service, entry.operation) is not None, "must paginate"
    assert_pairs_two_operations(entry)


@pytest.mark.parametrize("entry", REFUSALS, ids=lambda e: f"{e.service}.{e.operation}")
def test_entry_pairs_a_listing_with_a_deletion_that_refuses_while_items_remain(entry):
    assert table().paginator(entry.service, entry.operation) is not None, "must paginate"
    assert entry.then.startswith("delete_"), "the later operation deletes the parent"
    assert entry.bound, "says what keeps the items few"
    assert_pairs_two_operations(entry)


def test_there_are_entries():
    assert BATCHES and LISTINGS and REFUSALS
