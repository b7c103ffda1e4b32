"""Every fixture file's findings are exactly its ``# expect:`` comments."""

from __future__ import annotations

import pytest

from flake8_boto3.checker import check_file
from flake8_boto3.registry import RULES
from flake8_boto3.settings import Settings
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


DEFAULT_ON = tuple(rule.code for rule in RULES if rule.enabled_by_default)


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_a_run_of_the_default_codes_finds_what_a_run_of_every_code_reports_of_them(path):
    # flake8 runs without --select skip the analyses that only feed the default-off codes.
    every_code = [f for f in check_file(str(path)) if f.code in DEFAULT_ON]
    assert check_file(str(path), Settings(codes=DEFAULT_ON)) == every_code
