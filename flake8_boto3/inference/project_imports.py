"""Resolve imports of the linted project's own modules.

flake8 is usually run from a project's root with the project not installed, or
with a ``src/`` layout, so astroid's search of ``sys.path`` does not find
``from mypkg.aws import s3``. This failed-import hook looks for the module under
the roots of the files being linted (the directory above each file's top-level
package) and under the working directory. It only ever reads source files.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path

from astroid import nodes
from astroid.exceptions import AstroidImportError
from astroid.manager import AstroidManager

_roots: list[str] = []


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


def add_root(root: str) -> None:
    if root not in _roots:
        _roots.append(root)
        is_project_module.cache_clear()
        mentions_boto3.cache_clear()


@lru_cache(maxsize=4096)
def is_project_module(modname: str) -> bool:
    """A module (or package, or namespace directory) under one of the project roots."""
    if not modname or not all(part.isidentifier() for part in modname.split(".")):
        return False
    relative = Path(*modname.split("."))
    for directory in search_directories():
        base = directory / relative
        try:
            if base.with_suffix(".py").is_file() or base.is_dir():
                return True
        except OSError:
            continue
    return False


# Namespace packages (PEP 420) have no __init__.py: their modules are found this
# many directories above the nearest regular package too.
NAMESPACE_LEVELS = 3


def search_directories() -> list[Path]:
    directories: list[Path] = []
    for root in [*_roots, os.getcwd()]:
        path = Path(root)
        for candidate in [path, *list(path.parents)[:NAMESPACE_LEVELS]]:
            if candidate not in directories:
                directories.append(candidate)
    return directories


def _candidate_files(modname: str):
    relative = Path(*modname.split("."))
    for directory in search_directories():
        base = directory / relative
        yield base.with_suffix(".py")
        yield base / "__init__.py"


def project_file(modname: str) -> Path | None:
    if not modname or not all(part.isidentifier() for part in modname.split(".")):
        return None
    for candidate in _candidate_files(modname):
        try:
            if candidate.is_file():
                return candidate
        except OSError:
            continue
    return None


BOTO3_MENTION = re.compile(r"\b(boto3|botocore|aioboto3|mypy_boto3_\w+|types_boto3_\w+)\b")


@lru_cache(maxsize=4096)
def mentions_boto3(modname: str) -> bool:
    """Does the project module's source mention boto3 at all? (Read as text, never built.)"""
    path = project_file(modname)
    if path is None:
        return False
    try:
        return bool(BOTO3_MENTION.search(path.read_text(errors="replace")))
    except OSError:
        return False


def find_project_module(modname: str) -> nodes.Module:
    path = project_file(modname)
    if path is None:
        raise AstroidImportError(f"{modname} is not a module of the linted project")
    return AstroidManager().ast_from_file(str(path), modname, fallback=False)


def register(manager: AstroidManager) -> None:
    if find_project_module not in manager._failed_import_hooks:
        manager.register_failed_import_hook(find_project_module)
