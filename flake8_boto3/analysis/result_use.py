"""How code uses what one call returns: does it need every item, or only part of the first page?

Reading one page is a bug only when the code needs all the items. It does not
when it only

- tests whether there are any: ``if resp["Items"]:``, ``not resp.get("Users")``,
  ``len(resp["Keys"]) > 0``, ``any(resp["Keys"])``, ``bool(...)``;
- takes the first item: ``resp["Stacks"][0]``, ``next(iter(resp["Roles"]))``;
- takes a fixed prefix: ``resp["StackEvents"][:10]`` (services that order
  their results put the newest or the first in name order there).

The result is followed through one local name (``resp = client.op(...)``) and
through one name for the member (``items = resp["Items"]``). Any other use
(iterating, counting, returning or passing the response on) needs every item.
"""

from __future__ import annotations

from collections.abc import Iterator

from astroid import nodes

from flake8_boto3.analysis.names import FUNCTION_TYPES, bindings, dotted_name

EMPTINESS_FUNCTIONS = frozenset({"bool", "any"})
TEST_PARENTS = (nodes.If, nodes.While, nodes.IfExp, nodes.Assert)


def _assigned_name(node: nodes.NodeNG) -> nodes.AssignName | None:
    """``x`` when ``node`` is the whole value of ``x = node``."""
    parent = node.parent
    if isinstance(parent, nodes.Assign) and parent.value is node and len(parent.targets) == 1:
        target = parent.targets[0]
        return target if isinstance(target, nodes.AssignName) else None
    if isinstance(parent, nodes.AnnAssign) and parent.value is node and isinstance(parent.target, nodes.AssignName):
        return parent.target
    return None


def _loads_of(target: nodes.AssignName) -> list[nodes.Name] | None:
    """Every read of the name ``target`` binds, when that binding is the only one; None otherwise."""
    scope = target.scope()
    reads = []
    for name in scope.nodes_of_class(nodes.Name, skip_klass=FUNCTION_TYPES):
        if name.name != target.name:
            continue
        found = bindings(name)
        if found != [target]:
            return None  # rebound (a loop fetching pages, a conditional): too subtle to follow
        reads.append(name)
    return reads


def uses(node: nodes.NodeNG) -> list[nodes.NodeNG] | None:
    """The expressions through which ``node``'s value is used (None: it escapes where we cannot follow)."""
    target = _assigned_name(node)
    if target is None:
        return [node]
    return _loads_of(target)


def member_read(node: nodes.NodeNG) -> tuple[str, nodes.NodeNG] | None:
    """``("Items", resp["Items"])`` for ``resp["Items"]`` and ``resp.get("Items", [])``."""
    parent = node.parent
    if isinstance(parent, nodes.Subscript) and parent.value is node:
        key = parent.slice
        if isinstance(key, nodes.Const) and isinstance(key.value, str):
            return key.value, parent
    if isinstance(parent, nodes.Attribute) and parent.attrname == "get" and isinstance(parent.parent, nodes.Call):
        call = parent.parent
        if call.func is parent and call.args and isinstance(call.args[0], nodes.Const):
            return str(call.args[0].value), call
    return None


def _in_test(node: nodes.NodeNG) -> bool:
    """``node`` is evaluated only for its truth: an ``if``/``while`` test, ``not``, ``and``/``or`` there."""
    child, parent = node, node.parent
    while isinstance(parent, (nodes.BoolOp, nodes.UnaryOp)) and (
        not isinstance(parent, nodes.UnaryOp) or parent.op == "not"
    ):
        if isinstance(parent, nodes.UnaryOp):
            return True
        child, parent = parent, parent.parent
    return isinstance(parent, TEST_PARENTS) and parent.test is child


def _is_small_int(node: nodes.NodeNG, largest: int = 1) -> bool:
    return isinstance(node, nodes.Const) and isinstance(node.value, int) and 0 <= node.value <= largest


def _length_test(call: nodes.Call) -> bool:
    """``len(items)`` tested for emptiness: ``len(x) > 0``, ``len(x) == 0``, ``len(x) >= 1``, ``if len(x):``."""
    if _in_test(call):
        return True
    parent = call.parent
    if isinstance(parent, nodes.Compare) and len(parent.ops) == 1:
        other = parent.ops[0][1] if parent.left is call else parent.left
        return _is_small_int(other)
    return False


def _is_first_item(node: nodes.NodeNG) -> bool:
    parent = node.parent
    if isinstance(parent, nodes.Subscript) and parent.value is node:
        key = parent.slice
        if _is_small_int(key, 0):
            return True
        if isinstance(key, nodes.Slice) and key.step is None and (key.lower is None or _is_small_int(key.lower, 0)):
            upper = key.upper
            return isinstance(upper, nodes.Const) and isinstance(upper.value, int) and upper.value > 0
    # next(iter(items)), next(iter(items), None)
    if isinstance(parent, nodes.Call) and dotted_name(parent.func) == "iter" and parent.args[:1] == [node]:
        outer = parent.parent
        return isinstance(outer, nodes.Call) and dotted_name(outer.func) == "next" and outer.args[:1] == [parent]
    return False


def bounded_item_use(items: nodes.NodeNG, depth: int = 0) -> bool:
    """Is this list of items used only for emptiness, its first item or a fixed prefix?"""
    if _in_test(items) or _is_first_item(items):
        return True
    parent = items.parent
    if isinstance(parent, nodes.Call) and parent.args[:1] == [items] and len(parent.args) == 1:
        function = dotted_name(parent.func)
        if function in EMPTINESS_FUNCTIONS:
            return True
        if function == "len":
            return _length_test(parent)
    if depth == 0:
        target = _assigned_name(items)
        if target is not None:
            reads = _loads_of(target)
            return bool(reads) and all(bounded_item_use(read, depth + 1) for read in reads)
    return False


def result_items(call: nodes.Call, result_keys: tuple[str, ...]) -> Iterator[nodes.NodeNG] | None:
    """The reads of the call's result members (``resp["Contents"]``); None when the response escapes.

    Reads of other members (``ResponseMetadata``, a count) neither need the items nor escape.
    """
    reads = uses(call)
    if reads is None:
        return None
    found = []
    for read in reads:
        member = member_read(read)
        if member is None:
            if isinstance(read.parent, nodes.Expr):
                continue  # the call's value is thrown away
            return None  # returned, passed on, iterated as a whole
        key, items = member
        if key in result_keys:
            found.append(items)
    return iter(found)


def needs_only_part(call: nodes.Call, result_keys: tuple[str, ...]) -> bool:
    """The code uses the call's result only for emptiness, its first item or a fixed prefix."""
    items = result_items(call, result_keys)
    if items is None:
        return False
    found = list(items)
    return bool(found) and all(bounded_item_use(item) for item in found)


def iterated(items: nodes.NodeNG) -> Iterator[nodes.NodeNG]:
    """The loops (``for``, comprehensions) that go through these items, directly or through a name."""
    targets = [items]
    name = _assigned_name(items)
    if name is not None:
        targets += _loads_of(name) or []
    for node in targets:
        parent = node.parent
        if isinstance(parent, (nodes.For, nodes.AsyncFor)) and parent.iter is node:
            yield parent
        elif isinstance(parent, nodes.Comprehension) and parent.iter is node:
            yield parent.parent


def returned(node: nodes.NodeNG) -> bool:
    """The value is returned by its function, directly or through the name it was assigned to."""
    reads = uses(node)
    return any(isinstance(read.parent, nodes.Return) for read in reads or ())
