"""Snippets of the README, so that the tests run exactly what users copy."""

from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def section(title: str) -> str:
    text = README.read_text()
    start = text.index(f"### {title}\n")
    end = text.find("\n##", start + 1)
    return text[start:end]


def code_blocks(title: str, language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", section(title), re.S)


def commands(title: str, program: str = "flake8") -> list[str]:
    """Command lines of a CI snippet that run ``program``."""
    found = []
    for block in code_blocks(title, "yaml"):
        for line in block.splitlines():
            match = re.match(rf"\s*-?\s*(?:run:\s*)?({program} .*)$", line)
            if match:
                found.append(match.group(1).strip())
    return found
