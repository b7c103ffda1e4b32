"""One file's findings, reused until the file or anything its analysis looked at changes.

An entry is keyed by everything the findings depend on: the plugin's version
and its code (each module's size and modification time), the Python version,
the shipped AWS data (the botocore table and the hand-kept facts, every data
file by content), the rules' settings, the file's path and the working
directory (they decide how its imports resolve) and the file's text. It records
the findings and what decided the project modules the analysis looked up: the
files they resolved to (size, modification time, content hash) and, for each,
the places its resolution looked at before it answered (whether each file or
directory exists: a module created or removed there changes it; other files
created in those directories, an editor's atomic save next door, do not). An
entry counts only while all of them are as recorded (a file touched but not
changed still counts); otherwise the file is analysed again and the entry
replaced.

Findings of files whose analysis failed or ran out of budget (BTO900, BTO901)
are never stored: the next run tries again.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import sys
from collections.abc import Iterable
from functools import cache
from importlib import resources

from flake8_boto3 import __version__, project
from flake8_boto3.cache.store import Store
from flake8_boto3.settings import Settings

# A finding as flake8 reports it: (line, column, message).
Reported = tuple[int, int, str]
NOT_STORED = ("BTO900", "BTO901")


def data_files() -> list:
    """Every shipped data file: the botocore table and the hand-kept AWS facts."""
    data = resources.files("flake8_boto3.data")
    return sorted((e for e in data.iterdir() if e.name.endswith((".json", ".json.gz"))), key=lambda e: e.name)


@cache
def _data_fingerprint() -> str:
    digest = hashlib.sha256()
    for entry in data_files():
        digest.update(entry.name.encode())
        digest.update(entry.read_bytes())
    return digest.hexdigest()


@cache
def _file_digest(path: str, mtime_ns: int, size: int) -> str | None:
    """The content hash of a project file (once per process for each version of it)."""
    try:
        with open(path, "rb") as stream:
            return hashlib.sha256(stream.read()).hexdigest()
    except OSError:
        return None


@cache
def _code_fingerprint() -> str:
    """The plugin's own code as installed: each module's path, size and modification time. The
    version number alone would let a cache written by one build of the plugin answer for another
    build of the same version (an editable install, a pre-commit hook moved to a newer commit)."""
    return fingerprint_of_modules(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def fingerprint_of_modules(root: str) -> str:
    """A digest of the ``.py`` files under ``root``: their relative paths, sizes and modification times."""
    digest = hashlib.sha256()
    for directory, subdirectories, files in sorted(os.walk(root)):
        subdirectories[:] = sorted(d for d in subdirectories if d != "__pycache__")
        for name in sorted(files):
            if name.endswith(".py"):
                path = os.path.join(directory, name)
                digest.update(f"{os.path.relpath(path, root)}:{_stat(path)}\n".encode())
    return digest.hexdigest()


def _stat(path: str) -> tuple[int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


def dependencies(looked_up: Iterable[str]) -> dict:
    """What decided the project modules the analysis looked up, as it is now: the files they resolved
    to (size, modification time, content hash) and the places their resolution looked at."""
    files: dict[str, list] = {}
    places: dict[str, list] = {}
    for modname in looked_up:
        path = project.project_file(modname)
        if path is not None and str(path) not in files:
            stat = _stat(str(path))
            if stat is not None:
                files[str(path)] = [*stat, _file_digest(str(path), *stat)]
        places.update(project.resolution_evidence(modname))
    return {"files": files, "places": places}


def unchanged(recorded: dict) -> bool:
    if not project.still_resolves_alike(recorded["places"]):
        return False
    for path, (mtime_ns, size, digest) in recorded["files"].items():
        stat = _stat(path)
        if stat is None:
            return False
        if stat != (mtime_ns, size) and _file_digest(path, *stat) != digest:
            return False
    return True


@dataclasses.dataclass
class FindingsCache:
    store: Store
    settings: Settings

    def _key(self, source: str, path: str) -> tuple[str, bytes]:
        key = json.dumps(
            {
                "plugin": [__version__, _code_fingerprint()],
                "python": [sys.implementation.name, *sys.version_info[:2]],
                "data": _data_fingerprint(),
                "settings": dataclasses.asdict(self.settings),
                "path": os.path.abspath(path) if path else "",
                "cwd": os.getcwd(),
                "source": hashlib.sha256(source.encode("utf-8", "surrogateescape")).hexdigest(),
            },
            sort_keys=True,
        ).encode()
        return hashlib.sha256(key).hexdigest(), key

    def lookup(self, source: str, path: str) -> list[Reported] | None:
        """The stored findings, when the entry is still valid; else None."""
        digest, key = self._key(source, path)
        value = self.store.get(digest, key)
        if value is None:
            return None
        try:
            entry = json.loads(value)
            if not unchanged(entry["dependencies"]):
                return None
            return [(int(line), int(col), str(message)) for line, col, message in entry["findings"]]
        except (ValueError, TypeError, KeyError):
            return None  # an entry this version cannot read

    def save(self, source: str, path: str, findings: list[Reported], looked_up: Iterable[str]) -> None:
        if any(message.split(" ", 1)[0] in NOT_STORED for _, _, message in findings):
            return
        digest, key = self._key(source, path)
        entry = {"findings": findings, "dependencies": dependencies(sorted(looked_up))}
        self.store.put(digest, key, json.dumps(entry).encode())
