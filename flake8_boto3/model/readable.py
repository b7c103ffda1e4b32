"""Which modules the boto3 model reads: the linted project's own, the SDK stand-ins, and the few
standard modules whose meaning it relies on. Everything else is unresolvable, in both tiers.

The astroid tier enforces this with a module denylist (:mod:`flake8_boto3.inference.scope`); the
syntactic tier reads it to know that a name imported from anywhere else is nothing it can see.
"""

from __future__ import annotations

from flake8_boto3 import project
from flake8_boto3.model.sdk import is_stubbed_module

# Modules astroid itself needs, and the few whose meaning the model relies on:
# functools.cached_property/lru_cache/partial, typing's TYPE_CHECKING and overload, abc.
ALWAYS_ALLOWED = frozenset({"builtins", "__future__", "functools", "typing", "typing_extensions", "abc"})


def is_readable(modname: str) -> bool:
    """Whether the model may read this module (before astroid's own cache is considered)."""
    return modname in ALWAYS_ALLOWED or is_stubbed_module(modname) or project.is_project_module(modname)
