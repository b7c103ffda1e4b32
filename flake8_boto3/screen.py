"""The cheap syntactic screen: could any rule fire in this file?

Most Python files never touch boto3. The screen reads the source text once and
lets a file through to astroid only when boto3 objects can exist in it:

- it mentions the SDK itself (``boto3``, ``botocore``, ``aioboto3``, the
  ``mypy_boto3_*``/``types_boto3_*`` stubs, ``ClientError``) or boto 2; or
- it calls ``.client("ec2")``/``.resource("s3")`` with the name of a real AWS
  service (a session that comes from elsewhere, such as c7n's
  ``local_session(factory).client("ec2")``); or
- it imports from a module of the same project whose source mentions boto3
  (``from .aws import s3``, ``from shop.clients import get_table``): clients
  and factories that come from siblings. Those modules are read as text, once
  per process, never built.

Everything else (a plain Django view, the standard library) returns at once
with no astroid work, and so do files of the SDK itself vendored into a
project (``layers/python/botocore/...``): the SDK's own code is not a user
misusing the SDK.
"""

from __future__ import annotations

import re

from flake8_boto3 import project

SDK = re.compile(
    r"\b(?:boto3|botocore|aioboto3|aiobotocore|mypy_boto3_\w+|types_boto3_\w+|ClientError)\b"
    r"|^\s*(?:import|from)\s+boto\b",
    re.MULTILINE,
)
SESSION_CALL = re.compile(r"\.(?:client|resource|create_client)\(\s*(?:service_name\s*=\s*)?['\"]([a-z0-9-]+)['\"]")
IMPORT = re.compile(
    r"[ \t]*(?:from[ \t]+(?P<base>\.*[\w.]*)[ \t]+import[ \t]+(?P<names>\([^)]*\)|[\w \t,.*]+)"
    r"|import[ \t]+(?P<modules>[\w \t,.]+))",
)


def _import_statements(source: str):
    """The matches of ``IMPORT`` at the start of a line, as ``re.finditer`` with ``^`` and
    ``re.MULTILINE`` finds them, trying only the lines that hold the word ``import``: a regular
    expression anchored at every line start of a large file costs more than the whole screen."""
    resume = 0  # a match may span lines (a parenthesised list of names): go on after it
    position = source.find("import")
    while position != -1:
        line_start = source.rfind("\n", 0, position) + 1
        if line_start >= resume:
            match = IMPORT.match(source, line_start)
            if match is not None:
                yield match
                resume = match.end()  # past line_start: a match holds at least "import"
            else:
                resume = line_start + 1
        position = source.find("import", position + 6)


def imported_modules(source: str, path: str) -> set[str]:
    """Absolute names of the modules (and possible submodules) a file imports from."""
    statements = list(_import_statements(source))
    levels = max((_level(match.group("base") or "") for match in statements), default=0)
    modname, root = project.module_name_and_root(path, levels)
    project.set_current_root(root)
    is_package = path.endswith("__init__.py")
    package_parts = modname.split(".") if is_package else modname.split(".")[:-1]
    found: set[str] = set()
    for match in statements:
        if match.group("modules"):
            for part in match.group("modules").split(","):
                name = part.split(" as ")[0].strip()
                if name:
                    found.add(name)
            continue
        base = match.group("base")
        level = _level(base)
        relative = base[level:]
        if level:
            parents = package_parts[: len(package_parts) - (level - 1)] if level > 1 else package_parts
            absolute = ".".join([*parents, relative] if relative else parents)
        else:
            absolute = relative
        if not absolute:
            continue
        found.add(absolute)
        for name in match.group("names").strip("()").split(","):
            name = name.split(" as ")[0].split("#")[0].strip()
            if name and name != "*":
                found.add(f"{absolute}.{name}")
    return found


def _level(base: str) -> int:
    """2 for the ``..x`` of ``from ..x import y``."""
    return len(base) - len(base.lstrip("."))


def could_fire(source: str, path: str = "") -> bool:
    """True when the file needs the astroid analysis."""
    if project.is_sdk_source(path):
        return False
    # Substring tests first: far cheaper than any regular expression on large files.
    if ("boto" in source or "ClientError" in source) and SDK.search(source):
        return True
    services = set(SESSION_CALL.findall(source)) if ("client(" in source or "resource(" in source) else set()
    if services:
        from flake8_boto3.aws import service_names  # loaded only for files with such a call

        if not services.isdisjoint(service_names()):
            return True
    if "import" not in source:
        return False
    packages = set()  # the project packages imported from, whose __init__ may re-export a boto3 user
    imported = [name for name in imported_modules(source, path) if not project.is_stdlib_module(name)]
    for name in imported:
        found = project.project_file(name)
        if found is not None:
            if project.file_mentions_boto3(found):
                return True
            if found.name == "__init__.py":
                packages.add(name)
    return any(project.reexports_a_boto3_user(name) for name in imported if name.rpartition(".")[0] in packages)
