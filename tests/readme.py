"""Snippets of the README, so that the tests run exactly what users copy."""

from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"
# What users replace with the Git URL of this repository.
REPOSITORY_URL = "<URL of this repository>"


def section(title: str, level: int = 3) -> str:
    text = README.read_text()
    start = text.index(f"{'#' * level} {title}\n")
    end = text.find("\n##", start + 1)
    return text[start:end]


def code_blocks(title: str, language: str, level: int = 3) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", section(title, level), re.S)


def commands(title: str, program: str = "flake8") -> list[str]:
    """Command lines of a CI snippet that run ``program``."""
    found = []
    for block in code_blocks(title, "yaml"):
        for line in block.splitlines():
            match = re.match(rf"\s*-?\s*(?:run:\s*)?({program} .*)$", line)
            if match:
                found.append(match.group(1).strip())
    return found


def install_commands() -> list[list[str]]:
    """The Install section's ways to install: each a list of command lines (from the Git URL; from a wheel)."""
    return [block.strip().splitlines() for block in code_blocks("Install", "console", level=2)]


def install_requirement() -> str:
    """What the README passes to pip for this plugin (``flake8-boto3 @ git+<URL of this repository>``)."""
    [[command], _] = install_commands()
    match = re.fullmatch(r'pip install "([^"]+)"', command)
    assert match, command
    return match.group(1)
