"""Meta-tests of the rule registry: codes, modules, docs, README all agree."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

from flake8_boto3.registry import CODE_FORMAT, RULE_MODULES, RULES

ROOT = Path(__file__).resolve().parent.parent
SECTIONS = ("## What it does", "## Why is this bad?", "## Example", "## Use instead", "## Options", "## References")


def test_codes_are_unique_and_well_formed():
    codes = [rule.code for rule in RULES]
    assert len(codes) == len(set(codes))
    assert all(CODE_FORMAT.match(code) for code in codes)
    assert codes == sorted(codes)


def test_names_are_unique_kebab_case():
    names = [rule.name for rule in RULES]
    assert len(names) == len(set(names))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name) for name in names)


def test_every_rule_module_is_registered():
    on_disk = {
        f"flake8_boto3.rules.{p.stem}" for p in (ROOT / "flake8_boto3" / "rules").glob("bto*.py")
    }
    assert on_disk == set(RULE_MODULES)


def test_each_module_defines_one_rule_named_after_its_code():
    for name in RULE_MODULES:
        module = importlib.import_module(name)
        assert name.rsplit(".", 1)[-1].startswith(module.RULE.code.lower() + "_")


def test_every_rule_is_documented_in_the_house_format():
    for rule in RULES:
        doc = rule.documentation
        assert doc.startswith(f"# {rule.code} {rule.name}\n"), rule.code
        positions = [doc.find(section) for section in SECTIONS]
        assert all(p > 0 for p in positions) and positions == sorted(positions), rule.code
        assert f"Message: `{rule.code} " in doc


def test_links_are_https():
    for rule in RULES:
        if not rule.code.startswith("BTO9"):
            assert rule.link.startswith("https://"), rule.code


def test_readme_rules_table_matches_registry():
    readme = (ROOT / "README.md").read_text()
    rows = re.findall(r"^\| \[(BTO\d{3})\]\(docs/rules/\1\.md\) \| `([^`]+)` \| (on|off) \| (.+) \|$", readme, re.M)
    assert [(code, name, state, summary) for code, name, state, summary in rows] == [
        (r.code, r.name, "on" if r.enabled_by_default else "off", r.summary) for r in RULES
    ]


def test_rule_pages_are_generated_from_docstrings():
    for rule in RULES:
        page = ROOT / "docs" / "rules" / f"{rule.code}.md"
        assert page.read_text() == rule.documentation.strip() + "\n", (
            f"{page} is stale: run python scripts/generate_rule_docs.py"
        )
    pages = {p.stem for p in (ROOT / "docs" / "rules").glob("BTO*.md")}
    assert pages == {rule.code for rule in RULES}


def test_plugin_default_off_codes_match_the_registry():
    from flake8_boto3.plugin import DEFAULT_OFF_CODES as plugin_codes
    from flake8_boto3.registry import DEFAULT_OFF_CODES

    assert plugin_codes == DEFAULT_OFF_CODES


def test_plugin_codes_match_the_registry():
    from flake8_boto3.plugin import CODES
    from flake8_boto3.registry import RULES

    assert CODES == tuple(rule.code for rule in RULES)


def test_importing_the_plugin_does_not_import_astroid():
    import subprocess
    import sys

    code = "import sys, flake8_boto3.plugin; print('astroid' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "False"
