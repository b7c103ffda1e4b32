"""Each rule page's Example fires exactly its code; its Use instead fires nothing."""

from __future__ import annotations

import re

import pytest

from flake8_boto3.checker import check_source
from flake8_boto3.registry import RULES

CODE_BLOCK = re.compile(r"```python\n(.*?)```", re.S)
TRIGGERABLE = [rule for rule in RULES if not rule.code.startswith("BTO9")]


def section(doc: str, title: str) -> str:
    start = doc.index(f"## {title}\n")
    end = doc.find("\n## ", start + 1)
    block = CODE_BLOCK.search(doc[start : end if end > 0 else None])
    assert block, f"no python block under {title}"
    return block.group(1)


@pytest.mark.parametrize("rule", TRIGGERABLE, ids=lambda r: r.code)
def test_example_fires_exactly_its_code(rule):
    codes = {f.code for f in check_source(section(rule.documentation, "Example"), "example.py")}
    assert codes == {rule.code}


@pytest.mark.parametrize("rule", TRIGGERABLE, ids=lambda r: r.code)
def test_use_instead_fires_nothing(rule):
    assert check_source(section(rule.documentation, "Use instead"), "example.py") == []
