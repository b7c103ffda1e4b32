"""How code uses what one call returns: does it need every item, or only part of the first page?

Reading one page is a bug only when the code needs all the items. It does not
when it only

- tests whether there are any: ``if resp["Items"]:``, ``not resp.get("Users")``,
  ``len(resp["Keys"]) > 0``, ``any(resp["Keys"])``, ``bool(...)``;
- takes the first item: ``resp["Stacks"][0]``, ``next(iter(resp["Roles"]))``,
  ``next((a["Name"] for a in resp["Aggregators"]), None)`` (with no ``if``: that searches), a
  ``for`` loop whose body always returns or breaks (every branch of its last ``if``);
- takes a fixed prefix: ``resp["StackEvents"][:10]`` (services that order
  their results put the newest or the first in name order there), also of a
  comprehension that maps every item (``[g["logGroupName"] for g in
  resp["logGroups"]][:10]``);
- takes the newest by one of the items' timestamps (``max(runs, key=lambda r:
  r["StartedOn"])``, a prefix of ``sorted(runs, key=..., reverse=True)``) where
  the service documents that it returns them newest first (the rule passes
  those timestamps in :class:`Page`);
- compares how many there are with a count smaller than a full page
  (``len(resp["taskArns"]) >= MAX_RUNNING``, the constant 3, where a page holds
  100): a full page holds more than the count, so the first page answers the
  question as all of them would (only where the rule knows the page's size).

A read inside the arguments of a logging call (``logger.debug("got %s", resp)``,
``log.info(f"{len(items)} items")``) is diagnostic output: it neither needs the
items nor passes them on. ``print`` is not logging: a script's output is its result.

The result is followed through one local name (``resp = client.op(...)``) and
through one name for the member (``items = resp["Items"]``), and, when the
items are returned by a function whose every caller is in sight (a private
one, or one of a script), to those callers. Any other use (iterating,
counting, returning from a public function or passing the response on) needs
every item.
A response nobody reads (a permission probe, a timing loop), or whose items go to a local
that nothing reads, needs none.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass

from flake8_boto3.analysis import functions
from flake8_boto3.analysis.code import LEAVING_A_LOOP, Code, always_leaves, first_pass_only
from flake8_boto3.analysis.logging_calls import in_log_message
from flake8_boto3.analysis.names import FUNCTION_TYPES, dotted_name
from flake8_boto3.analysis.syntax_helpers import compare_pairs
from flake8_boto3.analysis.told_apart import compares_with_none

EMPTINESS_FUNCTIONS = frozenset({"bool", "any"})
# Calls that read a function's local names without naming them.
NAMESPACE_READERS = ("locals", "vars", "eval", "exec")
TEST_PARENTS = (ast.If, ast.While, ast.IfExp, ast.Assert)


@dataclass(frozen=True)
class Page:
    """What the rule knows of one page of the operation: the items' timestamps by which the service
    returns them newest first, how many items a page holds when it is not the last (None: the model
    does not say), and whether such a page may hold fewer."""

    newest: frozenset[str] = frozenset()
    size: int | None = None
    # A page before the last may hold fewer items than the maximum, or none (CloudWatch Logs
    # filter_log_events): no part of it stands for the rest.
    short: bool = False


ANY_PAGE = Page()


def _assigned_name(code: Code, node: ast.AST) -> ast.Name | None:
    """``x`` when ``node`` is the whole value of ``x = node``."""
    parent = code.parent(node)
    if isinstance(parent, ast.Assign) and parent.value is node and len(parent.targets) == 1:
        target = parent.targets[0]
        return target if isinstance(target, ast.Name) else None
    if isinstance(parent, ast.AnnAssign) and parent.value is node and isinstance(parent.target, ast.Name):
        return parent.target
    return None


def _loads_of(code: Code, target: ast.Name, only_its_own: bool = False) -> list[ast.Name] | None:
    """Every read of the value the name ``target`` binds; None when a read may see it or another
    (``only_its_own``: such reads are left out instead, and the reads that see nothing else are given).

    A read that only a later assignment reaches (``response`` reused for the next query) reads
    another value, and is not one of them."""
    scope = code.home.scopes.scope_of(target)
    reads = []
    for name in code.nodes(ast.Name, within=scope, skip=FUNCTION_TYPES):
        if not isinstance(name.ctx, ast.Load) or name.id != target.id:
            continue  # astroid's Name: reads only
        found = code.bindings(name)
        if target not in found:
            continue  # the name holds another value there
        if found != [target]:
            if only_its_own:
                continue
            return None  # rebound (a loop fetching pages, a conditional): too subtle to follow
        reads.append(name)
    return reads


def only_logged(code: Code, node: ast.AST) -> bool:
    """``node`` is evaluated only to build a logging call's message (see the module docs); in a Lambda
    function's module, ``print`` writes to its log too."""
    return in_log_message(code, node, print_logs=functions.is_lambda_module(code))


def uses(code: Code, node: ast.AST, only_its_own: bool = False) -> list[ast.AST] | None:
    """The expressions through which ``node``'s value is used (None: it escapes where we cannot follow;
    ``only_its_own``: the uses that can see no other value, when some can)."""
    target = _assigned_name(code, node)
    if target is None:
        return [node]
    return _loads_of(code, target, only_its_own)


def member_read(code: Code, node: ast.AST) -> tuple[str, ast.AST] | None:
    """``("Items", resp["Items"])`` for ``resp["Items"]`` and ``resp.get("Items", [])``; for ``"Contents"
    in resp`` (or ``not in``), the test itself: whether the member is there, which the service leaves
    out of an empty page (S3's ``Contents``), is all that is read of it."""
    parent = code.parent(node)
    if (
        isinstance(parent, ast.Compare) and len(parent.ops) == 1 and isinstance(parent.ops[0], (ast.In, ast.NotIn))
        and parent.comparators[0] is node and isinstance(parent.left, ast.Constant)
        and isinstance(parent.left.value, str)
    ):
        return parent.left.value, parent
    if isinstance(parent, ast.Subscript) and parent.value is node:
        key = parent.slice
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            return key.value, parent
    if isinstance(parent, ast.Attribute) and parent.attr == "get" and isinstance(code.parent(parent), ast.Call):
        call = code.parent(parent)
        if call.func is parent and call.args and isinstance(call.args[0], ast.Constant):
            return str(call.args[0].value), call
    return None


def members_read(code: Code, call: ast.Call) -> frozenset[str]:
    """The members of the call's response the code reads (``"Reservations"`` of ``resp["Reservations"]``)."""
    return frozenset(
        member[0] for read in uses(code, call) or () if (member := member_read(code, read)) is not None
    )


def _in_test(code: Code, node: ast.AST) -> bool:
    """``node`` is evaluated only for its truth: an ``if``/``while`` test, ``not``, ``and``/``or`` there."""
    child, parent = node, code.parent(node)
    while isinstance(parent, (ast.BoolOp, ast.UnaryOp)) and (
        not isinstance(parent, ast.UnaryOp) or isinstance(parent.op, ast.Not)
    ):
        if isinstance(parent, ast.UnaryOp):
            return True
        child, parent = parent, code.parent(parent)
    return isinstance(parent, TEST_PARENTS) and parent.test is child


def _is_small_int(node: ast.AST, largest: int = 1) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, int) and 0 <= node.value <= largest


def _constant_int(code: Code, node: ast.AST) -> int | None:
    """A literal int, or a name whose one binding assigns one (``MAX_RUNNING_SCANS = 3``)."""
    literal = code.assigned_literal(node)
    if literal is not None and isinstance(literal.value, int) and not isinstance(literal.value, bool):
        return literal.value
    return None


def _length_test(code: Code, call: ast.Call, page: Page = ANY_PAGE) -> bool:
    """``len(items)`` tested for emptiness (``len(x) > 0``, ``len(x) == 0``, ``len(x) >= 1``, ``if
    len(x):``), or compared with a count below the size of a full page (``len(x) >= 3`` where a page
    holds 100): with more items than the count, the first page holds more than the count too."""
    if _in_test(code, call):
        return True
    parent = code.parent(call)
    if isinstance(parent, ast.Compare) and len(parent.ops) == 1:
        other = compare_pairs(parent)[0][1] if parent.left is call else parent.left
        count = _constant_int(code, other)
        if _is_small_int(other) or (count is not None and page.size is not None and 0 <= count < page.size):
            return True
    return False


# Items read at fixed positions among the first ten are a fixed prefix of the page (Athena's
# ``Rows[1]``: the row after the header of a ``SELECT COUNT(*)``).
FIXED_POSITIONS = 10


def _is_first_item(code: Code, node: ast.AST) -> bool:
    parent = code.parent(node)
    if isinstance(parent, ast.Subscript) and parent.value is node:
        key = parent.slice
        if _is_small_int(key, FIXED_POSITIONS - 1):
            return True
        if isinstance(key, ast.Slice) and key.step is None and (key.lower is None or _is_small_int(key.lower, 0)):
            upper = key.upper
            return isinstance(upper, ast.Constant) and isinstance(upper.value, int) and upper.value > 0
    # for item in items: ... return/break (the body never comes round for a second item)
    if isinstance(parent, (ast.For, ast.AsyncFor)) and parent.iter is node:
        return first_pass_only(code, parent, through_try=False)  # it sees one item
    # next(iter(items)), next(iter(items), None)
    if isinstance(parent, ast.Call) and dotted_name(parent.func) == "iter" and parent.args[:1] == [node]:
        outer = code.parent(parent)
        return isinstance(outer, ast.Call) and dotted_name(outer.func) == "next" and outer.args[:1] == [parent]
    # next((a["Name"] for a in items), None): the first item, mapped (with an `if`, a search of the page)
    if isinstance(parent, ast.comprehension) and parent.iter is node and not parent.ifs:
        generator = code.parent(parent)
        outer = code.parent(generator)
        return (
            isinstance(generator, ast.GeneratorExp)
            and generator.generators == [parent]
            and isinstance(outer, ast.Call)
            and dotted_name(outer.func) == "next"
            and outer.args[:1] == [generator]
        )
    return False


def _compared_with_empty(code: Code, node: ast.AST) -> bool:
    """``items == []``, ``items != []``: an emptiness test."""
    parent = code.parent(node)
    if not isinstance(parent, ast.Compare) or len(parent.ops) != 1:
        return False
    if not isinstance(parent.ops[0], (ast.Eq, ast.NotEq)):
        return False
    other = parent.comparators[0] if parent.left is node else parent.left
    return isinstance(other, (ast.List, ast.Tuple)) and not other.elts


def _by_timestamp(code: Code, call: ast.Call, newest: frozenset[str]) -> bool:
    """``sorted``/``max`` of one list, by one of the items' timestamps (``key=lambda r: r["StartedOn"]``,
    ``lambda r: r.get("Timestamp")``, ``itemgetter("StartedOn")``), with nothing else but ``reverse``."""
    keywords = {keyword.arg: keyword.value for keyword in call.keywords}
    key = keywords.get("key")
    if len(call.args) != 1 or key is None or set(keywords) - {"key", "reverse"}:
        return False
    if isinstance(key, ast.Lambda):
        parameters = key.args
        if len(parameters.args) != 1 or parameters.vararg or parameters.kwarg or parameters.kwonlyargs:
            return False
        if isinstance(key.body, ast.Call) and (len(key.body.args) != 1 or key.body.keywords):
            return False  # item.get("X", default): not the member as the service gave it
        item = parameters.args[0].arg
        reads = (member_read(code, n) for n in ast.walk(key.body) if isinstance(n, ast.Name) and n.id == item)
        read = next(reads, None)
        return read is not None and read[1] is key.body and read[0] in newest  # the body is item["X"] itself
    if isinstance(key, ast.Call) and dotted_name(key.func) in ("itemgetter", "operator.itemgetter"):
        return len(key.args) == 1 and not key.keywords and _constant_string(key.args[0]) in newest
    return False


def _constant_string(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _newest_first_order(call: ast.Call) -> bool:
    """``sorted(..., reverse=True)``: the newest first, as the service returns them."""
    return any(
        keyword.arg == "reverse" and isinstance(keyword.value, ast.Constant) and keyword.value.value is True
        for keyword in call.keywords
    )


def bounded_item_use(code: Code, items: ast.AST, depth: int = 0, page: Page = ANY_PAGE) -> bool:
    """Is this list of items used only for emptiness, its first item, a fixed prefix or a log? With
    the timestamps by which the service returns them newest first: or for the newest of them? With the
    page's size: or for how many there are, compared with a smaller count?"""
    if _in_test(code, items) or _compared_with_empty(code, items) or _is_first_item(code, items):
        return True
    if isinstance(items, ast.Compare):
        return True  # "Contents" in resp (see member_read): a bool, whatever is done with it
    if only_logged(code, items):
        return True
    parent = code.parent(items)
    if isinstance(parent, ast.comprehension) and parent.iter is items and not parent.ifs:
        # [g["logGroupName"] for g in items][:10]: a comprehension that maps every item keeps their order
        comprehension = code.parent(parent)
        # (only for a prefix or the first item: `any(u["UserName"] == name for u in items)` searches them all)
        if isinstance(comprehension, (ast.ListComp, ast.GeneratorExp)) and len(comprehension.generators) == 1:
            if _is_first_item(code, comprehension):
                return True
            # ids.extend(j["jobId"] for j in items) ... `if ids:`: the list keeps the items' order
            collected = _extended_list_reads(code, comprehension) if depth < MAX_RETURN_DEPTH else None
            return bool(collected) and all(bounded_item_use(code, read, depth + 1, page) for read in collected)
    if isinstance(parent, (ast.For, ast.AsyncFor)) and parent.iter is items and depth < MAX_RETURN_DEPTH:
        # for s in items: names.append(s["Name"]) ... names[0]: the list keeps the items' order
        collected = _collected_in_order(code, parent)
        if collected is not None:
            return bool(collected) and all(bounded_item_use(code, read, depth + 1, page) for read in collected)
    if isinstance(parent, ast.Call) and parent.args[:1] == [items] and len(parent.args) == 1:
        function = dotted_name(parent.func)
        if function in EMPTINESS_FUNCTIONS:
            return True
        if function == "len":
            return _length_test(code, parent, page) or _callers_test_the_length(code, parent, depth, page)
        by_timestamp = bool(page.newest) and _by_timestamp(code, parent, page.newest)
        if by_timestamp and function == "max":
            return True  # max(items, key=lambda r: r["StartedOn"]): the newest, which the first page holds
        if by_timestamp and function == "sorted" and _newest_first_order(parent):
            # the same order as the page's: a prefix of it is a prefix of the page (also through its own name)
            in_order = bounded_item_use(code, parent, depth, page)
            return in_order or _assigned_and_bounded(code, parent, depth + 1, page)
    if depth == 0:
        target = _assigned_name(code, items)
        if target is not None and _unread_in_its_function(code, target):
            return True  # bound to a local nothing reads (`existing = resp.get("QueueUrls", [])`): no item is used
        if target is not None:
            reads = _loads_of(code, target)
            return bool(reads) and all(bounded_item_use(code, read, depth + 1, page) for read in reads)
    if isinstance(parent, ast.Return) and parent.value is items:
        return _callers_use_only_part(code, code.enclosing_function(items), depth, page)
    return False


def _extended_list_reads(code: Code, comprehension: ast.AST) -> list[ast.AST] | None:
    """The reads of the list a comprehension that maps every item extends (``ids.extend(j["jobId"]
    for j in items)``, into a list bound once to ``[]``), other than the calls that add to it; None
    for anything else."""
    call = code.parent(comprehension)
    if not (
        isinstance(call, ast.Call)
        and isinstance(call.func, ast.Attribute)
        and call.func.attr == "extend"
        and isinstance(call.func.value, ast.Name)
        and call.args == [comprehension]
        and not call.keywords
    ):
        return None
    return _reads_of_a_list_built_here(code, call.func.value)


def _reads_of_a_list_built_here(code: Code, name: ast.Name) -> list[ast.AST] | None:
    """The reads of the list ``name`` holds, when it is bound once, to ``[]``, leaving out the
    ``append``/``extend`` calls that fill it."""
    bindings = code.bindings(name)
    statement = code.parent(bindings[0]) if len(bindings) == 1 else None
    if not (isinstance(statement, (ast.Assign, ast.AnnAssign)) and isinstance(statement.value, ast.List)):
        return None
    if statement.value.elts:
        return None
    reads = _loads_of(code, bindings[0])
    if reads is None:
        return None
    return [read for read in reads if not _fills(code, read)]


def _fills(code: Code, read: ast.AST) -> bool:
    """``read`` is the receiver of an ``append``/``extend`` call: it adds to the list, it reads nothing."""
    attribute = code.parent(read)
    return (
        isinstance(attribute, ast.Attribute)
        and attribute.attr in ("append", "extend")
        and isinstance(code.parent(attribute), ast.Call)
        and code.parent(attribute).func is attribute
    )


def _collected_in_order(code: Code, loop: ast.For | ast.AsyncFor) -> list[ast.AST] | None:
    """The reads of the list a loop fills with one value per item, in order (``for s in items:
    names.append(s["Name"])``, the loop's only statement, into a list bound once to ``[]`` before it),
    other than the appends; None for any other loop."""
    if loop.orelse or len(loop.body) != 1 or not isinstance(loop.body[0], ast.Expr):
        return None
    call = loop.body[0].value
    if not (
        isinstance(call, ast.Call)
        and isinstance(call.func, ast.Attribute)
        and call.func.attr == "append"
        and isinstance(call.func.value, ast.Name)
        and len(call.args) == 1
        and not call.keywords
    ):
        return None
    return _reads_of_a_list_built_here(code, call.func.value)


# Members counting the items of the page (DynamoDB's Count, S3's KeyCount): 0 only when it has none.
COUNT_KEYS = ("Count", "KeyCount")
# How many functions deep a returned page is followed to its callers.
MAX_RETURN_DEPTH = 2


def _callers_use_only_part(code: Code, function: ast.AST | None, depth: int, page: Page) -> bool:
    """The function returns the items, and every caller of it uses them only for emptiness, the
    first item or a fixed prefix (``events = show_events(group)`` then ``if len(events) == 0``).

    Only for a function whose callers are all in sight: a private one (``_events()``) or one of a
    script (a module with an ``if __name__ == "__main__":`` block). A public function of a library
    promises its callers elsewhere the whole list."""
    if function is None or depth >= MAX_RETURN_DEPTH or not functions.callers_in_sight(code, function):
        return False
    calls = functions.module_calls_of(code, function)
    return bool(calls) and all(
        bounded_item_use(code, call, depth + 1, page) or _assigned_and_bounded(code, call, depth + 1, page)
        for call in calls
    )


def _callers_test_the_length(code: Code, length: ast.Call, depth: int, page: Page) -> bool:
    """``return len(resp["Users"])`` from a function whose every caller (all in sight) tests the count
    for emptiness, or against a count below a page: ``self._user_count(client, group) > 0``."""
    if not isinstance(code.parent(length), ast.Return) or depth >= MAX_RETURN_DEPTH:
        return False
    function = code.enclosing_function(length)
    if function is None or not functions.callers_in_sight(code, function):
        return False
    calls = functions.module_calls_of(code, function)
    return bool(calls) and all(_length_test(code, call, page) for call in calls)


def _assigned_and_bounded(code: Code, call: ast.Call, depth: int, page: Page) -> bool:
    """``events = show_events(group)``, then every read of ``events`` uses only part of it."""
    target = _assigned_name(code, call)
    if target is None:
        return False
    reads = _loads_of(code, target)
    return bool(reads) and all(bounded_item_use(code, read, depth, page) for read in reads)


def result_items(code: Code, call: ast.Call, result_keys: tuple[str, ...]) -> Iterator[ast.AST] | None:
    """The reads of the call's result members (``resp["Contents"]``); None when the response escapes.

    Reads of other members (``ResponseMetadata``, a count) neither need the items nor escape.
    """
    members = _member_reads(code, call)
    return None if members is None else iter([items for key, items in members if key in result_keys])


def _member_reads(code: Code, call: ast.AST) -> list[tuple[str, ast.AST]] | None:
    """(member, read) for each read of a member of the call's response (or of any value); None when
    it escapes (returned, passed on, iterated as a whole). A value thrown away or only logged is no read."""
    reads = uses(code, call)
    if reads is None:
        return None
    found = []
    for read in reads:
        member = member_read(code, read)
        if member is None:
            if isinstance(code.parent(read), ast.Expr) or only_logged(code, read):
                continue  # the call's value is thrown away, or only logged
            if compares_with_none(code.parent(read), read):
                continue  # `response is None`: whether there is a response at all reads no item of it
            return None
        found.append(member)
    return found


def _reads_below(code: Code, node: ast.AST, path: list[str]) -> list[ast.AST] | None:
    """The reads of the member at ``path`` below ``node`` (``rs["Rows"]`` below ``rs = resp["ResultSet"]``);
    None when the value escapes before it."""
    if not path:
        return [node]
    members = _member_reads(code, node)
    if members is None:
        return None
    found: list[ast.AST] = []
    for key, read in members:
        if key == path[0]:
            below = _reads_below(code, read, path[1:])
            if below is None:
                return None
            found += below
    return found


def reads_members_paged(code: Code, call: ast.Call, result_keys: tuple[str, ...]) -> bool:
    """Some read of the response reaches the items a page holds, through the members above them
    (``["StreamDescription"]["Shards"]`` of Kinesis ``describe_stream``). A response handed on whole
    is not seen to."""
    return _reaches(code, call, [key.split(".") for key in result_keys])


def _reaches(code: Code, node: ast.AST, paths: list[list[str]]) -> bool:
    for key, read in _member_reads(code, node) or ():
        below = [path[1:] for path in paths if path[0] == key]
        if any(not path for path in below) or (below and _reaches(code, read, below)):
            return True
    return False


def never_read(code: Code, call: ast.Call) -> bool:
    """Nothing reads the call's response: the call is a statement of its own (``iam.list_users()``
    to probe permissions), or its value goes to a local name that nothing in the function reads but
    a logging call, not even a nested function (``result = client.scan(**params)`` in a timing loop);
    or it goes straight into a logging call (``print(efs.describe_file_systems())`` in a Lambda
    function's module, see :func:`only_logged`)."""
    if isinstance(code.parent(call), ast.Expr) or only_logged(code, call):
        return True
    target = _assigned_name(code, call)
    if target is None:
        return False
    if isinstance(code.home.scopes.scope_of(target), ast.Module):
        return _overwritten_unread(code, target)
    return _unread_in_its_function(code, target)


def _unread_in_its_function(code: Code, target: ast.Name) -> bool:
    """``target`` is a local of a function that nothing in the function reads but a logging call, its
    nested functions included, by name or through ``locals()``/``eval``. Not a module's or a class's
    name, nor one the function declares ``global`` or ``nonlocal``: those are read from elsewhere."""
    scope = code.home.scopes.scope_of(target)
    if not isinstance(scope, FUNCTION_TYPES):
        return False
    for node in code.nodes((ast.Name, ast.Global, ast.Nonlocal), within=scope):
        if isinstance(node, (ast.Global, ast.Nonlocal)):
            if target.id in node.names:
                return False
        elif (
            isinstance(node.ctx, ast.Load)
            and node.id in (target.id, *NAMESPACE_READERS)
            and not (node.id == target.id and only_logged(code, node))
        ):
            return False
    return True


def _overwritten_unread(code: Code, target: ast.Name) -> bool:
    """A module-level name bound again further down, and read nowhere the first value can reach: a
    script's ``response = logs.describe_log_groups()`` probe, the name reused for the next answer.

    A read sees the value only if no rebinding stands between them in one block (the rebinding
    earlier in a block that holds the read, and after the call there): every path to the read then
    passes the rebinding. A function or class body reading the global may run at any time, so any
    such read counts. A name the module binds once may be a module attribute others import; one it
    reuses for another value is a script's scratch name."""
    tree = code.home.tree
    bound_at = tree.index(target)
    rebindings = [
        name
        for name in code.nodes(ast.Name)
        if name is not target
        and name.id == target.id
        and isinstance(name.ctx, ast.Store)
        and isinstance(code.parent(name), (ast.Assign, ast.AnnAssign))
        and code.home.scopes.frame_of(name) is code.module
        and tree.index(name) > bound_at
    ]
    if not rebindings:
        return False
    for name in code.nodes(ast.Name):
        if not isinstance(name.ctx, ast.Load) or name.id not in (target.id, *NAMESPACE_READERS):
            continue
        if name.id == target.id and only_logged(code, name):
            continue
        if code.home.scopes.frame_of(name) is not code.module:
            if name.id != target.id or _reads_the_global(code, name):
                return False  # a function or class reading the global, run who knows when
            continue
        if tree.index(name) > bound_at and not any(
            _cuts_off(code, code.parent(rebinding), target, name) for rebinding in rebindings
        ):
            return False
    return True


def _cuts_off(code: Code, rebinding: ast.stmt, target: ast.Name, read: ast.Name) -> bool:
    """``rebinding`` runs on every path from ``target``'s binding to ``read``: both it and the
    statement holding ``read`` are in one block, the rebinding first, and ``target``'s statement is
    not in that block after it (a loop would bring the value round again)."""
    block = _block_of(code, rebinding)
    read_at = _position_in(code, block, read)
    if read_at is None:
        return False
    at = block.index(rebinding)
    target_at = _position_in(code, block, target)
    return at < read_at and (target_at is None or target_at < at)


def _block_of(code: Code, statement: ast.stmt) -> list[ast.stmt]:
    """The statements of the block that holds ``statement`` (its parent's field)."""
    located = code.home.tree.locate(statement)
    return located[1] if located is not None and isinstance(located[1], list) else [statement]


def _position_in(code: Code, block: list[ast.stmt], node: ast.AST) -> int | None:
    """The index in ``block`` of the statement that holds ``node``, or None when none does."""
    for ancestor in code.ancestors(node):
        for index, statement in enumerate(block):
            if statement is ancestor:
                return index
    return None


def _reads_the_global(code: Code, name: ast.Name) -> bool:
    """No function or class around ``name`` binds it: it reads the module's name."""
    scopes = code.home.scopes
    frame = scopes.frame_of(name)
    innermost = True
    while frame is not code.module:
        # A class body's names are not seen from the methods inside it.
        if (innermost or not isinstance(frame, ast.ClassDef)) and name.id in scopes.locals(frame):
            return False
        frame, innermost = scopes.frame_of(code.parent(frame)), False
    return True


def needs_only_part(code: Code, call: ast.Call, result_keys: tuple[str, ...], page: Page = ANY_PAGE) -> bool:
    """The code uses the call's result only for emptiness, its first item or a fixed prefix (or, by
    what the rule knows of the page, for its newest items or a count below a page: see
    :func:`bounded_item_use`); or reads only how many items the page holds, to test for none
    (``scan()["Count"] == 0``)."""
    members = _member_reads(code, call)
    if members is None:
        return False
    found = [items for key, items in members if key in result_keys]
    for key, read in members:
        for nested in (result for result in result_keys if result.startswith(key + ".")):
            below = _reads_below(code, read, nested.split(".")[1:])  # Athena's ResultSet.Rows
            if below is None:
                return False
            found += below
    counts = [count for key, count in members if key in COUNT_KEYS]
    return bool(found or counts) and (
        all(bounded_item_use(code, item, 0, page) for item in found)
        and all(_count_test(code, count, page) for count in counts)
    )


def _count_test(code: Code, count: ast.AST, page: Page) -> bool:
    """The page's ``Count`` tested as :func:`_length_test` tests a length, directly or through the name
    it is assigned to (``count = resp["Count"]``, then ``return count > 0``)."""
    name = _assigned_name(code, count)
    if name is None:
        return _length_test(code, count, page)
    reads = _loads_of(code, name)
    return bool(reads) and all(_length_test(code, read, page) for read in reads)


def _it_and_its_name(code: Code, node: ast.AST) -> list[ast.AST]:
    """``node`` and the reads of the name it is assigned to (``items = resp["Items"]``), if any."""
    name = _assigned_name(code, node)
    return [node, *((_loads_of(code, name) or []) if name is not None else [])]


def iterated(code: Code, items: ast.AST) -> Iterator[ast.AST]:
    """The loops (``for``, comprehensions) that go through these items, directly or through a name."""
    for node in _it_and_its_name(code, items):
        parent = code.parent(node)
        if isinstance(parent, (ast.For, ast.AsyncFor)) and parent.iter is node:
            yield parent
        elif isinstance(parent, ast.comprehension) and parent.iter is node:
            yield code.parent(parent)


def searched_for_a_value(code: Code, items: ast.AST) -> bool:
    """The items are searched for a value, directly or through a name: ``email not in items``, or a
    loop that leaves as soon as an item's member equals it (``for kb in items: if kb["name"] == name:
    return kb["id"]``), or ``any(kb["name"] == name for kb in items)``."""
    for node in _it_and_its_name(code, items):
        parent = code.parent(node)
        if isinstance(parent, ast.Compare) and len(parent.ops) == 1 and parent.comparators[0] is node:
            if isinstance(parent.ops[0], (ast.In, ast.NotIn)):
                return True
    for loop in iterated(code, items):
        if isinstance(loop, (ast.For, ast.AsyncFor)) and isinstance(loop.target, ast.Name):
            item = loop.target.id
            tests = [
                statement.test
                for statement in code.nodes(ast.If, within=loop, skip=FUNCTION_TYPES)
                if always_leaves(statement.body, LEAVING_A_LOOP, through_try=False)
            ]
        elif isinstance(loop, ast.GeneratorExp) and len(loop.generators) == 1:
            generator = loop.generators[0]
            if not isinstance(generator.target, ast.Name):
                continue
            item = generator.target.id
            caller = code.parent(loop)
            searcher = dotted_name(caller.func) if isinstance(caller, ast.Call) else None
            if searcher not in ("any", "next"):
                continue
            tests = [*generator.ifs, *([loop.elt] if searcher == "any" else [])]
        else:
            continue
        if any(_compares_an_item_member(test, item) for test in tests):
            return True
    return False


def _compares_an_item_member(test: ast.AST, item: str) -> bool:
    """``kb["name"] == name`` (also inside ``and``): the item's member against a value the code is
    given (not a constant: ``job["Status"] == "Completed"`` picks by state, not a given one)."""
    for compare in ast.walk(test):
        if not isinstance(compare, ast.Compare) or len(compare.ops) != 1 or not isinstance(compare.ops[0], ast.Eq):
            continue
        if isinstance(compare.left, ast.Constant) or isinstance(compare.comparators[0], ast.Constant):
            continue
        for side in (compare.left, compare.comparators[0]):
            if isinstance(side, ast.Subscript):
                owner = side.value  # kb["name"]
            else:
                owner = getattr(getattr(side, "func", None), "value", None)  # kb.get("name")
            if isinstance(owner, ast.Name) and owner.id == item:
                return True
    return False


def returned(code: Code, node: ast.AST) -> bool:
    """The value is returned by its function, directly or through the name it was assigned to."""
    reads = uses(code, node)
    return any(isinstance(code.parent(read), ast.Return) for read in reads or ())
