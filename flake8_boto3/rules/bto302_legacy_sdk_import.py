"""# BTO302 legacy-sdk-import

Message: `BTO302 'boto' is boto 2, unmaintained since 2018 and unaware of current AWS services, regions and signing; use boto3`

## What it does
Flags imports of boto 2 (`import boto`, `import boto.s3`, `from boto.s3.connection
import S3Connection`) and of `botocore.vendored` (`from botocore.vendored import
requests`, or the attribute `botocore.vendored.requests`). `boto3`,
`botocore`, `aioboto3` and other packages whose names merely start with `boto`
are never flagged, and neither are imports of the exception classes that
botocore keeps in `botocore.vendored.requests` for compatibility (they are
still the base classes of botocore's own timeout and connection errors; nor
reads of them through the module, `except
botocore.vendored.requests.exceptions.ConnectionError:`),
fallback imports inside `try: ... except ImportError:` (but a fallback to
`botocore.vendored.requests` itself, which is no fallback: its functions are
gone), or a `from
botocore.vendored import requests` whose name the module never uses, or an
`import botocore.vendored.requests` whose module it never reaches (no
`botocore.vendored` read): the import still works, nothing fails: it is dead
code, which pyflakes' F401 reports.

## Why is this bad?
boto 2 has been unmaintained since 2018: it knows none of the services,
regions and request-signing changes since, and does not support Python 3.12.
`botocore.vendored.requests` was a private copy of requests that botocore
deprecated in 2018; since botocore 1.13 only its exception classes remain, so
`requests.get` and friends fail at run time with current botocore.
`botocore.vendored.six` is still shipped, but as botocore's private copy for
its own use, not part of its API: import `six` itself (or drop it with Python 2).

Files inside a copy of the SDK itself (`boto3/`, `botocore/`, `s3transfer/`,
`aiobotocore/` directories, as vendored into Lambda layers) are never checked
by any rule: the SDK's own code is not a user misusing the SDK.

## Example
```python
from boto.s3.connection import S3Connection

connection = S3Connection()
```

## Use instead
```python
import boto3

s3 = boto3.client("s3")
```

## Options
None.

## References
- [boto3: migrating from boto 2](https://boto3.amazonaws.com/v1/documentation/api/latest/guide/migration.html)
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator

import ast

from flake8_boto3.analysis.code import Code
from flake8_boto3.context import FileContext
from flake8_boto3.rule import BOTO3_MIGRATION, Finding, Rule

BOTO2 = "'boto' is boto 2, unmaintained since 2018 and unaware of current AWS services, regions and signing; use boto3"
VENDORED_REQUESTS = (
    "botocore.vendored is botocore's private compatibility shim: requests' functions were removed from it"
    " in botocore 1.13 and only its exception classes remain; install and import requests itself"
)
VENDORED_SIX = (
    "botocore.vendored.six is botocore's private copy of six, kept for its own use and not part of its API;"
    " import six itself"
)
VENDORED = (
    "botocore.vendored is botocore's private compatibility shim (only six and requests' exception classes"
    " remain in it); import the packages themselves"
)
EXCEPTION_NAME = re.compile(r"(Error|Exception|Timeout|Redirects|Required)$")


def _problem(module_name: str) -> str | None:
    if module_name == "boto" or module_name.startswith("boto."):
        return BOTO2
    for prefix, problem in (("botocore.vendored.requests", VENDORED_REQUESTS), ("botocore.vendored.six", VENDORED_SIX)):
        if module_name == prefix or module_name.startswith(prefix + "."):
            return problem
    if module_name == "botocore.vendored" or module_name.startswith("botocore.vendored."):
        return VENDORED
    return None


def _only_compat_exceptions(node: ast.ImportFrom) -> bool:
    """``from botocore.vendored.requests.exceptions import ReadTimeout``: kept for compatibility, and
    still the base classes of botocore's own exceptions."""
    modname = node.module or ""
    if not modname.startswith("botocore.vendored"):
        return False
    return modname.endswith(".exceptions") or all(EXCEPTION_NAME.search(alias.name) for alias in node.names)


def _unused_vendored_import(code: Code, node: ast.Import | ast.ImportFrom) -> bool:
    """``from botocore.vendored import requests`` whose name the module never reads, or ``import
    botocore.vendored.requests`` whose module it never reaches (no ``botocore.vendored`` read): the
    import itself still works, and nothing else touches the shim."""
    if isinstance(node, ast.Import):
        if not all(alias.name.startswith("botocore.vendored") for alias in node.names):
            return False
        renamed = {alias.asname for alias in node.names if alias.asname}
        if len(renamed) < len(node.names) and any(
            isinstance(read.ctx, ast.Load) and _is_botocore_vendored(read) for read in code.nodes(ast.Attribute)
        ):
            return False
        bound = renamed
    elif (node.module or "").startswith("botocore.vendored"):
        bound = {alias.asname or alias.name for alias in node.names}
    else:
        return False
    return not any(
        isinstance(name.ctx, ast.Load) and name.id in bound for name in code.nodes(ast.Name)
    )


def _guarded_by_import_error(code: Code, node: ast.AST) -> bool:
    """A fallback import inside ``try: ... except ImportError:``."""
    for parent in code.ancestors(node):
        if isinstance(parent, ast.ExceptHandler) and parent.type is not None:
            caught = code.as_string(parent.type)
            if "ImportError" in caught or "ModuleNotFoundError" in caught:
                return True
    return False


def _imports_vendored_requests(node: ast.Import | ast.ImportFrom) -> bool:
    """``import botocore.vendored.requests`` or ``from botocore.vendored import requests``: requests
    itself, whose functions botocore removed, so a fallback to it is no fallback (``requests.get``
    fails when the real one is missing)."""
    if isinstance(node, ast.Import):
        return any(alias.name == "botocore.vendored.requests" for alias in node.names)
    return node.module == "botocore.vendored" and any(alias.name == "requests" for alias in node.names)


def _is_botocore_vendored(node: ast.Attribute) -> bool:
    """The attribute ``botocore.vendored``."""
    return node.attr == "vendored" and isinstance(node.value, ast.Name) and node.value.id == "botocore"


def _vendored_attribute_problem(code: Code, node: ast.Attribute) -> str | None:
    """``botocore.vendored(.x)`` reached through ``import botocore`` (its imports are flagged already)."""
    if not _is_botocore_vendored(node):
        return None
    imports = [b for b in code.bindings(node.value) if isinstance(b, ast.Import)]
    if not imports or any(_problem(alias.name) for b in imports for alias in b.names):
        return None
    parent = code.parent(node)
    submodule = parent.attr if isinstance(parent, ast.Attribute) and parent.value is node else None
    if submodule is not None and _reads_compat_exceptions(code, parent):
        return None
    return _problem(f"botocore.vendored.{submodule}" if submodule else "botocore.vendored")


def _reads_compat_exceptions(code: Code, node: ast.Attribute) -> bool:
    """``botocore.vendored.requests.exceptions.ConnectionError``: one of the exception classes botocore
    keeps there, read through the module as its import would name it."""
    parent = code.parent(node)
    return isinstance(parent, ast.Attribute) and parent.value is node and parent.attr == "exceptions"


def check(context: FileContext) -> Iterator[Finding]:
    code = context.code
    for node in code.nodes((ast.Import, ast.ImportFrom, ast.Attribute)):
        if isinstance(node, ast.Import):
            if _guarded_by_import_error(code, node) and not _imports_vendored_requests(node):
                continue
            if _unused_vendored_import(code, node):
                continue  # dead code, nothing fails: pyflakes' F401 reports it
            problems = {_problem(alias.name) for alias in node.names} - {None}
        elif isinstance(node, ast.ImportFrom):
            if node.level or _only_compat_exceptions(node):
                continue
            if _guarded_by_import_error(code, node) and not _imports_vendored_requests(node):
                continue
            if _unused_vendored_import(code, node):
                continue  # dead code, nothing fails: pyflakes' F401 reports it
            modname = node.module or ""
            names = [alias.name for alias in node.names]
            if modname == "botocore.vendored":  # the most specific: what is imported from it
                problems = {_problem(f"{modname}.{name}") for name in names}
            else:
                problems = {_problem(modname)} | {_problem(f"{modname}.{name}") for name in names}
            problems -= {None}
        elif isinstance(node.ctx, ast.Load):
            problems = {_vendored_attribute_problem(code, node)} - {None}
        else:
            continue
        for problem in sorted(problems):
            yield RULE.finding(node, problem)


RULE = Rule(
    code="BTO302",
    name="legacy-sdk-import",
    summary="import of boto 2 or of botocore.vendored",
    link=BOTO3_MIGRATION,
    check=check,
    module=sys.modules[__name__],
)
