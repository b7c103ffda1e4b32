"""``python -m flake8_boto3 rules`` / ``explain``."""

from __future__ import annotations

import subprocess
import sys

from flake8_boto3.registry import RULES


def run(*args):
    return subprocess.run([sys.executable, "-m", "flake8_boto3", *args], capture_output=True, text=True)


def test_rules_lists_every_code_with_its_default_state():
    result = run("rules")
    assert result.returncode == 0
    for rule in RULES:
        line = next(line for line in result.stdout.splitlines() if line.startswith(rule.code))
        assert rule.name in line
        assert ("on" if rule.enabled_by_default else "off") in line.split()


def test_explain_prints_the_rule_documentation():
    result = run("explain", "bto101")
    assert result.returncode == 0
    assert result.stdout.startswith("# BTO101 client-created-in-handler")
    assert "## Use instead" in result.stdout


def test_explain_unknown_code_fails_clearly():
    result = run("explain", "BTO999")
    assert result.returncode == 2
    assert "unknown rule" in result.stderr
