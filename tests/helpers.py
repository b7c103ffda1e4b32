"""Shared test helpers: expectations written inline in fixture files."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from flake8_boto3.checker import check_file

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
EXPECT = re.compile(r"#\s*expect:\s*((?:BTO\d{3}[,\s]*)+)")


def expected_findings(path: Path) -> set[tuple[int, str]]:
    """{(line, code)} from ``# expect: BTO101`` comments (several codes may follow)."""
    found = set()
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        match = EXPECT.search(line)
        if match:
            found |= {(number, code) for code in re.findall(r"BTO\d{3}", match.group(1))}
    return found


CHECKS = re.compile(r"^# checks: (BTO\d*)$", re.M)


def checked_prefix(path: Path) -> str:
    """A fixture may limit itself to one family with a ``# checks: BTO1`` line."""
    match = CHECKS.search(path.read_text())
    return match.group(1) if match else "BTO"


def actual_findings(path: Path) -> set[tuple[int, str]]:
    prefix = checked_prefix(path)
    return {(f.line, f.code) for f in check_file(str(path)) if f.code.startswith(prefix)}


def run_flake8(*args: str, cwd: Path | str | None = None, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "flake8", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
    )


def checkout_as_git_repository(destination: Path) -> Path:
    """This checkout as it is on disk (uncommitted changes too) as a one-commit Git repository.

    What users install from ``git+<URL of this repository>`` or clone with pre-commit, without the network.
    """
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT, capture_output=True, check=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        if (ROOT / name).is_file():
            (destination / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, destination / name)
    identity = ["-c", "user.email=ci@example.invalid", "-c", "user.name=CI"]
    for command in (["init", "-q"], ["add", "-A"], [*identity, "commit", "-qm", "checkout"]):
        subprocess.run(["git", *command], cwd=destination, check=True, capture_output=True)
    return destination


def git_url(repository: Path) -> str:
    """A ``file:`` URL of a local repository that pip accepts after ``git+`` (pip 23 wants a host in it)."""
    return f"file://localhost{repository.resolve().as_posix()}"
