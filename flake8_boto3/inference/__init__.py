"""The boto3 model: what astroid inference knows about boto3 objects."""

from __future__ import annotations

from astroid import nodes
from astroid.exceptions import AstroidError
from astroid.manager import AstroidManager
from astroid.util import UninferableBase

from flake8_boto3 import budget
from flake8_boto3.inference import brain_boto3, lean_builtins, project_imports
from flake8_boto3.inference.objects import CONSTRUCTED_KINDS, Boto3Object, Kind

__all__ = ["Boto3Object", "Kind", "CONSTRUCTED_KINDS", "register", "infer_boto3"]


def register(manager: AstroidManager | None = None) -> None:
    """Install the boto3 model into astroid (idempotent, survives ``clear_cache()``)."""
    manager = manager or AstroidManager()
    # Never load C extensions: analysing code must not execute anything.
    manager.always_load_extensions = False
    lean_builtins.install()  # before the stub modules below make astroid bootstrap its builtins
    brain_boto3.register(manager)
    project_imports.register(manager)


def _says_nothing(value) -> bool:
    if isinstance(value, UninferableBase):
        return True
    return isinstance(value, nodes.Const) and (value.value is None or value.value is Ellipsis)


def infer_boto3(node: nodes.NodeNG) -> Boto3Object | None:
    """The boto3 object ``node`` evaluates to, or None when it is not (or unknown).

    Ambiguous nodes count when every inferred value is a boto3 object of the same
    kind (a client of one of two services is still a client). Values that say
    nothing (``None`` of an optional attribute, the ``...`` body of a
    ``typing.overload`` stub, what astroid cannot infer) are passed over when a
    boto3 object is among the values; anything else, including errors inside
    astroid, degrades to None.
    """
    budget.charge()
    found: Boto3Object | None = None
    try:
        for value in node.infer():
            if _says_nothing(value):
                continue
            if not isinstance(value, Boto3Object):
                return None
            if found is None:
                found = value
            elif found.kind is not value.kind:
                return None
            elif found.service != value.service:
                found = Boto3Object(found._proxied, found.kind, None, found.origin, found.type_name)
    except (AstroidError, StopIteration):
        return None
    except RecursionError:
        budget.exhaust("nesting deeper than the recursion limit")
        raise budget.BudgetExceeded("nesting deeper than the recursion limit") from None
    return found
