"""astroid's builtins bootstrap with one ``__class__`` node per kind of builtin function and owner.

Every process that needs astroid first builds its ``builtins`` module from the
living interpreter (``raw_building``). For each of the 5,600 builtin functions and
method descriptors it meets, astroid builds a fresh class node for the function's
``__class__`` (``builtin_function_or_method``, ``method_descriptor``,
``wrapper_descriptor``...) and stores it in the function node's
``instance_attrs``. Those nodes are identical for every function of one owner
(the class or module they are built under, their parent) and one Python type:
same name, bases, docstring and parent, so the same qualified name. Building them
was about half of the bootstrap (0.1 s of every editor lint that needs astroid)
and held 9 MB for the whole run.

:func:`install` makes astroid build that node once per owner and type and give
the same node to each such function: what inference answers is unchanged (the
node is equal in everything but identity; nothing writes to it), and the test
suite compares the two builds member by member. The shared nodes hang off their
owner, so they go when astroid drops its builtins (``clear_cache()``). With an
astroid whose function has another shape, nothing is changed.
"""

from __future__ import annotations

import inspect

from astroid import raw_building

_SHARED = "flake8_boto3_dunder_classes"  # on each owner: Python type -> the shared class node
_NONE = object()  # astroid gave no ``__class__`` to this type (a type without a name)
_UNOWNED: dict[type, object] = {}  # astroid 3, whose nodes have no owner: parentless, shareable as is


def install() -> None:
    """Make astroid's bootstrap share the ``__class__`` nodes (idempotent)."""
    original = getattr(raw_building, "_add_dunder_class", None)
    if original is None or getattr(original, "flake8_boto3_shares", False):
        return
    parameters = list(inspect.signature(original).parameters)
    if parameters == ["func", "parent", "member"]:  # astroid 4
        raw_building._add_dunder_class = _sharing(original, owned=True)
    elif parameters == ["func", "member"]:  # astroid 3
        raw_building._add_dunder_class = _sharing(original, owned=False)


def _sharing(original, owned: bool):
    def add_dunder_class(func, *arguments) -> None:
        member = arguments[-1]
        shared = _shared_of(arguments[0]) if owned else _UNOWNED
        found = shared.get(member.__class__) if shared is not None else None
        if found is None:
            original(func, *arguments)
            if shared is not None:
                made = func.instance_attrs.get("__class__")
                shared[member.__class__] = made[0] if made else _NONE
        elif found is not _NONE:
            func.instance_attrs["__class__"] = [found]

    add_dunder_class.flake8_boto3_shares = True
    add_dunder_class.__wrapped__ = original
    return add_dunder_class


def _shared_of(owner) -> dict | None:
    """The owner's own table of shared nodes (None when the owner cannot hold one: astroid's own)."""
    shared = getattr(owner, _SHARED, None)
    if shared is None:
        try:
            shared = {}
            setattr(owner, _SHARED, shared)
        except (AttributeError, TypeError):
            return None
    return shared
