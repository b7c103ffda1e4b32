"""The cheap syntactic screen: could any rule fire in this file?

Most Python files never touch boto3. The screen reads the source text once and
lets a file through to astroid only when it mentions something a rule looks at:
a boto3-family module, a constructor-shaped or factory-shaped call, a
handler-shaped function (which may call a factory imported from a sibling
module), or a method call named like an AWS operation a rule looks at (a
client imported from a sibling module). Everything else returns at once with no astroid work.
"""

from __future__ import annotations

import re
from functools import cache

from flake8_boto3.settings import Settings

_ALWAYS = re.compile(
    r"""
    \b(?:boto3|botocore|aioboto3|aiobotocore|mypy_boto3_\w+|types_boto3_\w+|ClientError)\b  # the SDK
    | \b(?:client|resource|create_client|Session)\s*\(                          # constructors
    | \w*(?:client|resource|session|table|conn)\w*\s*\(                        # factories by name
    | \bdef\s+\w+\s*\(\s*(?:self\s*,\s*)?_?event\b                              # Lambda handlers
    | ^\s*(?:import|from)\s+boto\b                                                # boto 2
    """,
    re.VERBOSE | re.IGNORECASE | re.MULTILINE,
)


_METHOD_CALL = re.compile(r"\.([a-z][a-z0-9]*_[a-z0-9_]+)\s*\(")


@cache
def _operation_names() -> frozenset[str]:
    """AWS operations a rule looks at, with an underscore in their name.

    One-word operations (``scan``, ``query``, ``search``, ``publish``) are shared
    by far too much other code to let a file through on their own.
    """
    from flake8_boto3.analysis.aws_calls import interesting_methods

    return frozenset(name for name in interesting_methods() if "_" in name)


def could_fire(source: str, settings: Settings) -> bool:
    """True when the file needs the astroid analysis."""
    if _ALWAYS.search(source) or _mentions_configured_handler(source, settings):
        return True
    # A client imported from elsewhere: `s3.list_objects_v2(...)`.
    called = set(_METHOD_CALL.findall(source))
    return bool(called) and not called.isdisjoint(_operation_names())


def _mentions_configured_handler(source: str, settings: Settings) -> bool:
    for pattern in settings.handler_names:
        literal = pattern.replace("*", "")
        if literal and f"def {literal}" in source:
            return True
    for pattern in settings.handler_decorators:
        literal = pattern.rsplit(".", 1)[-1].replace("*", "")
        if literal and f".{literal}" in source and "@" in source:
            return True
    return False
