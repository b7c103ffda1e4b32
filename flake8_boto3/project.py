"""Where the linted project's own modules are (plain file lookups: no astroid here).

flake8 is usually run from a project's root with the project not installed, or
with a ``src/`` layout, so astroid's search of ``sys.path`` does not find
``from mypkg.aws import s3``. Modules are looked up under the root of the file
being linted (the directory above its top-level package), a few directories
above it (namespace packages have no ``__init__.py``), and the working
directory. Only source files are ever read.
"""

from __future__ import annotations

import ast
import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

# Namespace packages (PEP 420) have no __init__.py: their modules are found this
# many directories above the nearest regular package too.
NAMESPACE_LEVELS = 3
BOTO3_MENTION = re.compile(r"\b(boto3|botocore|aioboto3|mypy_boto3_\w+|types_boto3_\w+)\b")
# ``from .vlpool import VLpool``, ``from pkg.core import (a, b)`` at the start of a line: the imports a
# package's ``__init__`` re-exports from (level dots, module, names).
FROM_IMPORT = re.compile(r"^[ \t]*from[ \t]+(\.*)([\w.]*)[ \t]+import[ \t]+(?:\(([^)]*)\)|([^\n#;]*))", re.M)

# Package trees of the SDK itself. Projects vendor them into Lambda layers
# (``layers/deps/python/botocore/...``); their code is the SDK, not a user of it.
SDK_PACKAGES = frozenset({"boto3", "botocore", "s3transfer", "aiobotocore"})

# Top-level modules of the standard library: never the project's, and none sends an AWS request.
STDLIB = frozenset(sys.stdlib_module_names)

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


def module_name_and_root(path: str, relative_levels: int = 0) -> tuple[str, str]:
    """``src/pkg/sub/mod.py`` -> (``pkg.sub.mod``, ``src``): walks up ``__init__.py`` files.

    ``relative_levels``: how far up the module's relative imports go (2 for ``from ..x import y``).
    Python resolves them in namespace packages too (PEP 420: directories without ``__init__.py``), so
    a module whose regular packages are fewer than that is named within as many directories above
    them (``core/aws.py`` importing ``from .connection import connect``, with no ``__init__.py``, is
    ``core.aws``); the root stays the directory above its regular packages.

    A relative path is relative to the working directory of the call (a language server that runs
    flake8 in its own process lints several workspaces)."""
    if not path or path in ("-", "stdin"):
        path = "stdin.py"
    name, root = _module_name_and_root(os.path.join(os.getcwd(), path))
    if relative_levels:
        name = _within_namespace_packages(name, root, os.path.basename(path) == "__init__.py", relative_levels)
    return name, root


def _within_namespace_packages(name: str, root: str, is_package: bool, levels: int) -> str:
    parts = name.split(".")
    missing = levels - (len(parts) if is_package else len(parts) - 1)
    directory = Path(root)
    above: list[str] = []
    for _ in range(max(missing, 0)):
        if not directory.name.isidentifier() or directory.parent == directory:
            return name  # the imports go above what can be a package: Python fails too
        above.insert(0, directory.name)
        directory = directory.parent
    return ".".join([*above, *parts])


def relative_import_levels(statements: list[ast.stmt]) -> int:
    """How far up the relative imports among ``statements`` go (also in ``if``/``try``/``with`` blocks
    and function bodies): 0 for none, 1 for ``from . import x``, 2 for ``from ..x import y``."""
    deepest = 0
    pending = list(statements)
    while pending:
        statement = pending.pop()
        if isinstance(statement, ast.ImportFrom):
            deepest = max(deepest, statement.level or 0)
        for block in ("body", "orelse", "finalbody", "handlers"):
            pending.extend(getattr(statement, block, ()))
    return deepest


@lru_cache(maxsize=8192)
def _module_name_and_root(path: str) -> tuple[str, str]:
    if os.path.islink(path):
        path = os.path.realpath(path)
    # A file that is no link resolves to its resolved directory's entry: files of one directory
    # share the directory's resolution and walk.
    package, root = _package_and_root(os.path.dirname(path))
    stem = Path(path).stem
    parts = [*package, stem] if stem != "__init__" else list(package)
    return ".".join(parts) or stem, root


@lru_cache(maxsize=1024)
def _package_and_root(directory: str) -> tuple[tuple[str, ...], str]:
    """The package names ``directory`` is inside (outermost first) and the directory above them."""
    current = Path(directory).resolve()
    parts: list[str] = []
    while (current / "__init__.py").is_file() and current.parent != current:
        parts.insert(0, current.name)
        current = current.parent
    return tuple(parts), str(current)


def is_sdk_source(path: str) -> bool:
    """A file inside a copy of boto3, botocore, s3transfer or aiobotocore (a directory of that name; not
    one that exists without an ``__init__.py``: a project's folder of scripts named ``boto3/``, which
    ``import boto3`` never reaches past the installed package)."""
    directories = path.replace("\\", "/").split("/")[:-1]
    for index, directory in enumerate(directories):
        if directory in SDK_PACKAGES:
            folder = "/".join(directories[: index + 1]) or "/"
            if os.path.isdir(folder) and not os.path.isfile(os.path.join(folder, "__init__.py")):
                continue
            return True
    return False


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


# What the file system answered during this run: ``(kind, path) -> exists``. Cached entries name the
# same places again and again (every file of a package imports the same modules).
_seen_this_run: dict[tuple[str, str], bool] = {}


def _exists_this_run(kind: str, path: str) -> bool:
    found = _seen_this_run.get((kind, path))
    if found is None:
        found = _seen_this_run[(kind, path)] = _exists(kind, path)
    return found


def start_run() -> None:
    """Forget what the file system looked like: a new flake8 run begins.

    Within a run the project's files are taken not to change. A language server that runs flake8 in
    its own process starts a run for each lint, and must see the modules created, removed or edited
    since the last one."""
    _seen_this_run.clear()
    for cached in (
        _module_name_and_root, _package_and_root, _search_directories, _finder, file_mentions_boto3,
        _package_imports, _reexports_a_boto3_user,
    ):
        cached.cache_clear()


class _Finder:
    """Module lookups under one tuple of search directories, answered from directory listings.

    Each directory is listed once (``os.scandir``) instead of testing every candidate path with
    a ``stat``: a boto3-free project imports thousands of names that are no project module
    (``from django.db.models import Q``, third-party packages), and each miss would otherwise cost
    a ``stat`` per search directory. The answers are those of the ``_places`` order: the first
    directory holding ``a/b/c.py`` or ``a/b/c/__init__.py``, or, for :meth:`is_module`, a
    directory ``a/b/c``.
    """

    def __init__(self, directories: tuple[Path, ...]) -> None:
        self.directories = directories
        self._listings: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
        self._files: dict[str, Path | None] = {}
        self._modules: dict[str, bool] = {}

    def _listing(self, directory: str) -> tuple[frozenset[str], frozenset[str]]:
        """(files, directories) directly inside ``directory``; symbolic links count as what they point to."""
        found = self._listings.get(directory)
        if found is None:
            files: set[str] = set()
            subdirectories: set[str] = set()
            try:
                with os.scandir(directory) as entries:
                    for entry in entries:
                        try:
                            if entry.is_dir():
                                subdirectories.add(entry.name)
                            elif entry.is_file():
                                files.add(entry.name)
                        except OSError:
                            continue
            except OSError:
                pass
            found = self._listings[directory] = (frozenset(files), frozenset(subdirectories))
        return found

    def _package_directory(self, directory: str, parts: list[str]) -> str | None:
        """``directory/parts[0]/.../parts[-1]`` when each of them is a directory, else None."""
        for part in parts:
            if part not in self._listing(directory)[1]:
                return None
            directory = os.path.join(directory, part)
        return directory

    def file(self, modname: str) -> Path | None:
        if modname in self._files:
            return self._files[modname]
        *packages, last = modname.split(".")
        found = None
        for directory in self.directories if _valid(modname) else ():
            parent = self._package_directory(str(directory), packages)
            if parent is None:
                continue
            files, subdirectories = self._listing(parent)
            if last + ".py" in files:
                found = Path(parent, last + ".py")
                break
            if last in subdirectories and "__init__.py" in self._listing(os.path.join(parent, last))[0]:
                found = Path(parent, last, "__init__.py")
                break
        self._files[modname] = found
        return found

    def is_module(self, modname: str) -> bool:
        if modname not in self._modules:
            parts = modname.split(".")
            self._modules[modname] = self.file(modname) is not None or any(
                self._package_directory(str(directory), parts) is not None for directory in self.directories
            )
        return self._modules[modname]


@lru_cache(maxsize=256)
def _finder(directories: tuple[Path, ...]) -> _Finder:
    return _Finder(directories)


def project_file(modname: str) -> Path | None:
    _note(modname)
    return _finder(search_directories()).file(modname)


def resolves_to(modname: str) -> Path | None:
    """The file ``modname`` resolves to for the current root, like :func:`project_file`, without
    recording the lookup as one the current file's analysis made."""
    return _finder(search_directories()).file(modname)


def is_stdlib_module(modname: str) -> bool:
    """``json``, ``os.path``: a module of the standard library (by its top-level name)."""
    return modname.split(".", 1)[0] in STDLIB


def is_project_module(modname: str) -> bool:
    """A module (or package, or namespace directory) of the project being linted."""
    _note(modname)
    return _valid(modname) and _finder(search_directories()).is_module(modname)


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
    return all(_exists_this_run(kind, path) == exists for path, (kind, exists) in evidence.items())


@lru_cache(maxsize=4096)
def file_mentions_boto3(path: Path) -> bool:
    """Does the file's text mention boto3 (or botocore, or their stubs)?"""
    try:
        text = path.read_text(errors="replace")
    except OSError:
        return False
    return "boto" in text and bool(BOTO3_MENTION.search(text))


def mentions_boto3(modname: str) -> bool:
    """Does the project module's source mention boto3 at all? (Read as text, never built.)"""
    path = project_file(modname)
    return path is not None and file_mentions_boto3(path)


def reexports_a_boto3_user(modname: str) -> bool:
    """Is ``modname`` a name a project package's ``__init__`` imports from a module that mentions
    boto3 (``cognito_pool.VLpool``, where ``cognito_pool/__init__.py`` holds ``from .vlpool import
    VLpool``)? It may then be a factory, or a class that makes a client. One hop, read as text;
    asked for every name a file imports, so answered once per run and project."""
    return _reexports_a_boto3_user(modname, search_directories())


@lru_cache(maxsize=8192)
def _reexports_a_boto3_user(modname: str, _directories: tuple[Path, ...]) -> bool:
    package, _, name = modname.rpartition(".")
    path = project_file(package) if package else None
    if path is None or path.name != "__init__.py":
        return False
    parts = package.split(".")
    for dots, module, original in _package_imports(path).get(name, ()):
        if dots:
            parents = parts[: len(parts) - (len(dots) - 1)] if len(dots) > 1 else parts
            base = ".".join([*parents, module] if module else parents)
        else:
            base = module
        if base and (mentions_boto3(base) or mentions_boto3(f"{base}.{original}")):
            return True
    return False


@lru_cache(maxsize=1024)
def _package_imports(path: Path) -> dict[str, list[tuple[str, str, str]]]:
    """The ``from ... import`` statements of a package's ``__init__``, by the name each binds:
    (level dots, module, the name imported)."""
    try:
        text = path.read_text(errors="replace")
    except OSError:
        return {}
    found: dict[str, list[tuple[str, str, str]]] = {}
    for dots, module, grouped, names in FROM_IMPORT.findall(text):
        for imported in (grouped or names).split(","):
            original, _, alias = imported.split("#")[0].strip().partition(" as ")
            if original.strip():
                found.setdefault((alias or original).strip(), []).append((dots, module, original.strip()))
    return found
