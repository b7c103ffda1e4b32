"""Where the linted project's own modules are (plain file lookups: no astroid here).

flake8 is usually run from a project's root with the project not installed, or
with a ``src/`` layout, so astroid's search of ``sys.path`` does not find
``from mypkg.aws import s3``. Modules are looked up under the root of the file
being linted (the directory above its top-level package), a few directories
above it (namespace packages have no ``__init__.py``), and the working
directory. Only source files are ever read.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

# Namespace packages (PEP 420) have no __init__.py: their modules are found this
# many directories above the nearest regular package too.
NAMESPACE_LEVELS = 3
BOTO3_MENTION = re.compile(r"\b(boto3|botocore|aioboto3|mypy_boto3_\w+|types_boto3_\w+)\b")

# Package trees of the SDK itself. Projects vendor them into Lambda layers
# (``layers/deps/python/botocore/...``); their code is the SDK, not a user of it.
SDK_PACKAGES = frozenset({"boto3", "botocore", "s3transfer", "aiobotocore"})

# The root of the file being linted: imports resolve against it.
_current_root = [""]
# While a file is analysed: the names of the project modules its analysis looked up (the
# cache of its findings is valid while they resolve to the same files with the same text).
_recorders: list[set[str]] = []


@contextmanager
def recording() -> Iterator[set[str]]:
    """Collect the project module names looked up inside the ``with`` block."""
    looked_up: set[str] = set()
    _recorders.append(looked_up)
    try:
        yield looked_up
    finally:
        _recorders.remove(looked_up)


def _note(modname: str) -> None:
    for looked_up in _recorders:
        looked_up.add(modname)


@lru_cache(maxsize=8192)
def module_name_and_root(path: str) -> tuple[str, str]:
    """``src/pkg/sub/mod.py`` -> (``pkg.sub.mod``, ``src``): walks up ``__init__.py`` files."""
    file = Path(path).resolve() if path and path not in ("-", "stdin") else Path("stdin.py").resolve()
    parts = [file.stem] if file.stem != "__init__" else []
    directory = file.parent
    while (directory / "__init__.py").is_file() and directory.parent != directory:
        parts.insert(0, directory.name)
        directory = directory.parent
    return ".".join(parts) or file.stem, str(directory)


def is_sdk_source(path: str) -> bool:
    """A file inside a copy of boto3, botocore, s3transfer or aiobotocore (a directory of that name)."""
    directories = path.replace("\\", "/").split("/")[:-1]
    return any(directory in SDK_PACKAGES for directory in directories)


def set_current_root(root: str) -> None:
    """The root of the file about to be screened or analysed."""
    _current_root[0] = root


@lru_cache(maxsize=256)
def _search_directories(root: str, cwd: str) -> tuple[Path, ...]:
    directories: list[Path] = []
    for start in (root, cwd) if root else (cwd,):
        path = Path(start)
        for candidate in (path, *list(path.parents)[:NAMESPACE_LEVELS]):
            if candidate not in directories:
                directories.append(candidate)
    return tuple(directories)


def search_directories() -> tuple[Path, ...]:
    return _search_directories(_current_root[0], os.getcwd())


def _valid(modname: str) -> bool:
    return bool(modname) and all(part.isidentifier() for part in modname.split("."))


def _places(modname: str, directories) -> Iterator[tuple[str, str]]:
    """Where ``modname`` is looked for, in order, as (kind, path): each directory's module file and
    package, then each directory as a namespace package (a "dir")."""
    # os.path rather than pathlib: this runs for every import of every screened file.
    relative = os.path.join(*modname.split("."))
    for directory in directories:
        base = os.path.join(directory, relative)
        yield "file", base + ".py"
        yield "file", os.path.join(base, "__init__.py")
    for directory in directories:
        yield "dir", os.path.join(directory, relative)


def _exists(kind: str, path: str) -> bool:
    return os.path.isfile(path) if kind == "file" else os.path.isdir(path)


@lru_cache(maxsize=16384)
def _project_file(modname: str, directories: tuple[Path, ...]) -> Path | None:
    for kind, path in _places(modname, directories):
        if kind == "file" and os.path.isfile(path):
            return Path(path)
    return None


def project_file(modname: str) -> Path | None:
    _note(modname)
    return _project_file(modname, search_directories()) if _valid(modname) else None


@lru_cache(maxsize=16384)
def _is_project_module(modname: str, directories: tuple[Path, ...]) -> bool:
    return any(_exists(kind, path) for kind, path in _places(modname, directories))


def is_project_module(modname: str) -> bool:
    """A module (or package, or namespace directory) of the project being linted."""
    _note(modname)
    return _valid(modname) and _is_project_module(modname, search_directories())


def resolution_evidence(modname: str) -> dict[str, list]:
    """What decides where ``modname`` resolves, as it is now: ``{path: [kind, exists]}`` for every
    place :func:`project_file` and :func:`is_project_module` look, in their order, up to the first
    that answers (``kind`` is "file" or "dir"). A module created or removed at one of those places
    flips one of them; files created elsewhere, in the same directories, do not."""
    if not _valid(modname):
        return {}
    evidence: dict[str, list] = {}
    for kind, path in _places(modname, search_directories()):
        exists = evidence.setdefault(path, [kind, _exists(kind, path)])[1]
        if exists:
            break
    return evidence


def still_resolves_alike(evidence: dict[str, list]) -> bool:
    """Is every place recorded by :func:`resolution_evidence` as it was?"""
    return all(_exists(kind, path) == exists for path, (kind, exists) in evidence.items())


@lru_cache(maxsize=4096)
def _file_mentions_boto3(path: Path) -> bool:
    try:
        text = path.read_text(errors="replace")
    except OSError:
        return False
    return "boto" in text and bool(BOTO3_MENTION.search(text))


def mentions_boto3(modname: str) -> bool:
    """Does the project module's source mention boto3 at all? (Read as text, never built.)"""
    path = project_file(modname)
    return path is not None and _file_mentions_boto3(path)
