"""The hand-kept list of quota-bounded operations, checked against botocore's models.

Every entry must name an operation that exists and paginates, scope keywords the
operation takes (and values its model lists for them), a documentation URL on docs.aws.amazon.com, and a cap no larger
than the page one call returns, with that page taken from where the entry says.
"""

from __future__ import annotations

import re

import botocore.session
import pytest

from flake8_boto3.aws import quota_bounds, table

SESSION = botocore.session.get_session()
ENTRIES = sorted(quota_bounds().values(), key=lambda b: (b.service, b.operation))


def operation_model(bound):
    model = SESSION.get_service_model(bound.service)
    name = next(n for n in model.operation_names if botocore.xform_name(n) == bound.operation)
    return model.operation_model(name)


@pytest.mark.parametrize("bound", ENTRIES, ids=lambda b: f"{b.service}.{b.operation}")
def test_entry_is_a_paginated_operation_capped_below_one_page(bound):
    paginator = table().paginator(bound.service, bound.operation)
    assert paginator is not None, "the operation must exist and paginate"
    members = operation_model(bound).input_shape.members
    assert set(bound.scope) <= set(members), f"scope keywords {bound.scope} must be parameters"
    for keyword, values in bound.values:
        shape = members[keyword]
        allowed = shape.enum or re.findall(r"<code>([^<]+)</code>", shape.documentation)
        assert values and set(values) <= set(allowed), f"{keyword} in {values} must be values the model lists"
    assert bound.url.startswith("https://docs.aws.amazon.com/")
    assert bound.quota
    if bound.adjustable:
        assert "by default" in bound.quota, "an adjustable quota's cap is its default"
    assert 1 <= bound.cap <= bound.page, "the quota must fit in one page"
    if bound.page_source == "model default":
        assert paginator.page_default == bound.page, "the page must be the model's documented default"
    elif bound.page_source == "model minimum":
        assert paginator.page_default is None, "use the documented default where there is one"
        smallest = members[paginator.limit_key].metadata.get("min", 1) if paginator.limit_key else 1
        assert bound.page == smallest and bound.cap == 1
    else:
        assert bound.page_source == "operation documentation"
        documentation = re.sub(r"<[^>]+>", " ", operation_model(bound).documentation)
        assert f"{bound.page:,}" in documentation


def test_there_are_entries():
    assert len(ENTRIES) >= 15
