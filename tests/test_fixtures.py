"""Every fixture file's findings are exactly its ``# expect:`` comments."""

from __future__ import annotations

import pytest

from tests.helpers import FIXTURES, actual_findings, expected_findings

FIXTURE_FILES = sorted(p for p in FIXTURES.rglob("*.py") if p.name != "__init__.py")


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_fixture(path):
    expected = expected_findings(path)
    actual = actual_findings(path)
    missing = sorted(expected - actual)
    unexpected = sorted(actual - expected)
    assert not missing and not unexpected, f"missing: {missing}\nunexpected: {unexpected}"
