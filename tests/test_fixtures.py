"""Every fixture file's findings are exactly its ``# expect:`` comments."""

from __future__ import annotations

import pytest

from flake8_boto3.checker import check_file
from tests.helpers import FIXTURES, actual_findings, expected_findings

FIXTURE_FILES = sorted(p for p in FIXTURES.rglob("*.py") if p.name != "__init__.py")


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_fixture(path):
    expected = expected_findings(path)
    actual = actual_findings(path)
    missing = sorted(expected - actual)
    unexpected = sorted(actual - expected)
    assert not missing and not unexpected, f"missing: {missing}\nunexpected: {unexpected}"


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_fixture_is_analysed_without_internal_error(path):
    # A fixture whose header checks BTO4 would not show a BTO900 among its expectations.
    assert not [f for f in check_file(str(path)) if f.code in ("BTO900", "BTO901")]
