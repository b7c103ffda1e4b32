"""# BTO302 legacy-sdk-import

Message: `BTO302 'boto' is boto 2, unmaintained since 2018 and unaware of current AWS services, regions and signing; use boto3`

## What it does
Flags imports of boto 2 (`import boto`, `import boto.s3`, `from boto.s3.connection
import S3Connection`) and of `botocore.vendored` (`from botocore.vendored import
requests`, or the attribute `botocore.vendored.requests`). `boto3`,
`botocore`, `aioboto3` and other packages whose names merely start with `boto`
are never flagged, and neither are imports of the exception classes that
botocore keeps in `botocore.vendored.requests` for compatibility (they are
still the base classes of botocore's own timeout and connection errors) or
fallback imports inside `try: ... except ImportError:`.

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

from astroid import nodes

from flake8_boto3.analysis.names import bindings
from flake8_boto3.context import FileContext
from flake8_boto3.registry import BOTO3_MIGRATION, Finding, Rule

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


def _only_compat_exceptions(node: nodes.ImportFrom) -> bool:
    """``from botocore.vendored.requests.exceptions import ReadTimeout``: kept for compatibility, and
    still the base classes of botocore's own exceptions."""
    if not node.modname.startswith("botocore.vendored"):
        return False
    return node.modname.endswith(".exceptions") or all(EXCEPTION_NAME.search(name) for name, _ in node.names)


def _guarded_by_import_error(node: nodes.NodeNG) -> bool:
    """A fallback import inside ``try: ... except ImportError:``."""
    parent = node.parent
    while parent is not None and not isinstance(parent, nodes.Module):
        if isinstance(parent, nodes.ExceptHandler) and parent.type is not None:
            if "ImportError" in parent.type.as_string() or "ModuleNotFoundError" in parent.type.as_string():
                return True
        parent = parent.parent
    return False


def _vendored_attribute_problem(node: nodes.Attribute) -> str | None:
    """``botocore.vendored(.x)`` reached through ``import botocore`` (its imports are flagged already)."""
    if node.attrname != "vendored" or not isinstance(node.expr, nodes.Name) or node.expr.name != "botocore":
        return None
    imports = [b for b in bindings(node.expr) if isinstance(b, nodes.Import)]
    if not imports or any(_problem(name) for b in imports for name, _ in b.names):
        return None
    parent = node.parent
    submodule = parent.attrname if isinstance(parent, nodes.Attribute) and parent.expr is node else None
    return _problem(f"botocore.vendored.{submodule}" if submodule else "botocore.vendored")


def check(context: FileContext) -> Iterator[Finding]:
    for node in context.module.nodes_of_class((nodes.Import, nodes.ImportFrom, nodes.Attribute)):
        if isinstance(node, nodes.Import):
            problems = {_problem(name) for name, _ in node.names} - {None}
        elif isinstance(node, nodes.ImportFrom):
            if node.level or _only_compat_exceptions(node) or _guarded_by_import_error(node):
                continue
            if node.modname == "botocore.vendored":  # the most specific: what is imported from it
                problems = {_problem(f"{node.modname}.{name}") for name, _ in node.names}
            else:
                problems = {_problem(node.modname)} | {_problem(f"{node.modname}.{name}") for name, _ in node.names}
            problems -= {None}
        else:
            problems = {_vendored_attribute_problem(node)} - {None}
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
