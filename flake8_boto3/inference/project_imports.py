"""astroid's failed-import hook for the linted project's own modules.

flake8 is usually run from a project's root with the project not installed, or
with a ``src/`` layout, so astroid's search of ``sys.path`` does not find
``from mypkg.aws import s3``; :mod:`flake8_boto3.project` knows where they are.
"""

from __future__ import annotations

from astroid import nodes
from astroid.exceptions import AstroidImportError
from astroid.manager import AstroidManager

from flake8_boto3.project import project_file


def find_project_module(modname: str) -> nodes.Module:
    path = project_file(modname)
    if path is None:
        raise AstroidImportError(f"{modname} is not a module of the linted project")
    return AstroidManager().ast_from_file(str(path), modname, fallback=False)


def register(manager: AstroidManager) -> None:
    if find_project_module not in manager._failed_import_hooks:
        manager.register_failed_import_hook(find_project_module)
