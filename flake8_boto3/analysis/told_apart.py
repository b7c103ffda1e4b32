"""Does a handler's ``None`` reach callers that tell it apart from every other answer?

A function may answer ``None`` for "could not tell" and something else for
"not there" (``("", {})``, ``False``, ``[]``), and its callers test ``is None``
before anything else::

    def _nested_stack(cloudformation, stack, logical_id):
        '''("", {}) if it wasn't created, (None, None) if unreadable'''
        try:
            ...
        except ClientError as error:
            if "does not exist" in str(error):
                return "", {}
            LOG.debug("Could not read %s", logical_id, exc_info=error)
        return None, None

    child_stack, template = _nested_stack(cloudformation, stack, logical_id)
    if template is None:
        keep_everything()  # can't tell: the safe choice

Then the failure is passed on, in the one value no other path gives: AccessDenied
does not read as "not there". Decided from the syntax of the function and its
callers in the same module, and only when all of it holds:

- the failure's return gives a literal ``None`` (the whole value, or one place of
  a tuple);
- no other return of the function gives a literal ``None`` in that place (returns
  inside ``except`` clauses are failures too, and so is the ``return`` after the
  ``try`` when the ``try`` always returns; when it may fall through, a loop that
  finds nothing, that ``return`` answers for it too), and the function never falls off
  its end (an implicit ``None``): it ends in ``return`` or ``raise``, or in an
  ``if`` or ``try`` whose every branch does;
- the function is called in its module, and every call assigns the result (or
  unpacks the tuple) to a name that the calling function tests with ``is None``
  or ``is not None``, or tests the call itself so, in an ``if`` whose branch for
  ``None`` does something (an ``if x is not None:`` without ``else`` lets the
  ``None`` take the caller's default, absence after all) and does not answer
  "not found" (a 404, "... not found", "no such ...").

A function no caller in its module uses this way (a public function, a result
passed on) keeps its finding: whether its callers tell ``None`` apart is not known,
unless the function itself answers "not there" another way (``False``, ``[]``,
``{"id_not_found": ...}``): then ``None`` can only mean the failure
(:func:`absence_answered_apart`), unless a caller in the module takes it for
absence all the same (``if content is None: abort(404, "... not found")``).
"""

from __future__ import annotations

import ast
import re

from flake8_boto3.analysis import functions
from flake8_boto3.analysis.code import FUNCTION_TYPES, Code, always_leaves

WHOLE = -1  # the place of a value that is not a tuple
# What a caller says when it takes the None for absence.
NOT_FOUND_TEXT = re.compile(r"not found|not exist|n't exist|no such|missing", re.I)
# A key that marks an answer as "not there": {"id_not_found": ...}, {"missing": ...}.
NOT_FOUND_KEY = re.compile(r"not_?found|not_?exists?|missing|absent", re.I)


def callers_tell_apart(code: Code, function: ast.AST | None, returned: ast.AST | None, failure_returns: set) -> bool:
    """Does ``returned`` (a failure's return value in ``function``) carry a ``None`` that only failures
    give, tested by every caller in the module? ``failure_returns``: ``return`` statements failures
    reach outside ``except`` clauses (the statement after the ``try``)."""
    if not isinstance(function, FUNCTION_TYPES) or not never_falls_off(function):
        return False
    places = _none_places(returned)
    if not places:
        return False
    width = len(returned.elts) if isinstance(returned, ast.Tuple) else None
    others = [ret for ret in functions.returns_outside_except_clauses(code, function) if ret not in failure_returns]
    places = [place for place in places if all(_gives_a_value_at(ret.value, place, width) for ret in others)]
    if not places:
        return False
    calls = functions.module_calls_of(code, function)
    return bool(calls) and all(any(_tests_for_none(code, call, place, width) for place in places) for call in calls)


def absence_answered_apart(
    code: Code, function: ast.AST | None, returned: ast.AST | None, failure_returns: set
) -> bool:
    """Does ``returned`` (a failure's return value in ``function``) answer a ``None`` that no other path
    gives, while another path answers "not there" in a way of its own (``False``, ``[]``,
    ``{"id_not_found": player_id}``)? Then the function keeps absence apart from failure, whoever
    its callers are (``valid_session()``: ``None`` when the table cannot be read, ``False`` when
    there is no such session)."""
    if not isinstance(function, FUNCTION_TYPES) or not never_falls_off(function) or _none_places(returned) != [WHOLE]:
        return False
    others = [ret for ret in functions.returns_outside_except_clauses(code, function) if ret not in failure_returns]
    return (
        bool(others)
        and all(_gives_a_value_at(ret.value, WHOLE, None) for ret in others)
        and any(_answers_absence(ret.value) for ret in others)
        and not _a_caller_takes_none_for_absence(code, function)
    )


def _a_caller_takes_none_for_absence(code: Code, function: ast.AST) -> bool:
    """A caller in the module tests the result for ``None`` and answers "not found" there
    (``if content is None: abort(404, "Bucket or path not found")``): the failure told apart is taken
    for absence after all."""
    return any(
        _answers_not_found(code, compare)
        for call in functions.module_calls_of(code, function)
        for compare in _none_tests(code, call, WHOLE, None)
    )


def _answers_absence(value: ast.AST | None) -> bool:
    """``False``, an empty list or dict, ``"not found"``, ``{"id_not_found": ...}``."""
    if isinstance(value, ast.Constant):
        return value.value is False or (isinstance(value.value, str) and bool(NOT_FOUND_TEXT.search(value.value)))
    if isinstance(value, (ast.List, ast.Tuple, ast.Set)):
        return not value.elts
    if isinstance(value, ast.Dict):
        return not value.keys or any(
            isinstance(key, ast.Constant) and isinstance(key.value, str) and NOT_FOUND_KEY.search(key.value)
            for key in value.keys
        )
    return False


def never_falls_off(function: ast.AST) -> bool:
    """The function ends in ``return`` or ``raise`` on every path: it never answers an implicit ``None``."""
    return always_leaves(function.body)


def _is_none(node: ast.AST | None) -> bool:
    return node is None or (isinstance(node, ast.Constant) and node.value is None)


def _none_places(value: ast.AST | None) -> list[int]:
    if isinstance(value, ast.Tuple):
        return [index for index, element in enumerate(value.elts) if _is_none(element)]
    return [WHOLE] if _is_none(value) else []


def _gives_a_value_at(value: ast.AST | None, place: int, width: int | None) -> bool:
    """The return gives something other than a literal ``None`` in ``place``."""
    if place == WHOLE:
        return not _is_none(value)
    if not isinstance(value, ast.Tuple) or len(value.elts) != width or any(
        isinstance(element, ast.Starred) for element in value.elts
    ):
        return False
    return not _is_none(value.elts[place])


def _tests_for_none(code: Code, call: ast.Call, place: int, width: int | None) -> bool:
    """The call's result, in ``place``, is tested with ``is None``/``is not None`` by its caller, in a
    test whose branch for ``None`` does something and does not answer "not found". Not a test joined
    to another by ``and``/``or`` (``if cfg is None or not cfg.get("LoggingEnabled"):``): the ``None``
    shares its branch with another answer, and is not told apart from it."""
    return any(
        not isinstance(code.parent(compare), ast.BoolOp)
        and not _answers_not_found(code, compare)
        and not _none_branch_is_empty(code, compare)
        for compare in _none_tests(code, call, place, width)
    )


def _none_tests(code: Code, call: ast.Call, place: int, width: int | None) -> list[ast.Compare]:
    """The tests of the call's result, in ``place``, with ``is None``/``is not None``: of the call itself,
    or of the name the calling function assigns (unpacks) it to."""
    parent = code.parent(call)
    if place == WHOLE and compares_with_none(parent, call):
        return [parent]
    if not isinstance(parent, ast.Assign) or len(parent.targets) != 1:
        return []
    target = parent.targets[0]
    if place == WHOLE:
        name = target.id if isinstance(target, ast.Name) else None
    elif isinstance(target, (ast.Tuple, ast.List)) and len(target.elts) == width:
        element = target.elts[place]
        name = element.id if isinstance(element, ast.Name) else None
    else:
        name = None
    if name is None:
        return []
    scope = code.enclosing_scope(call)
    return [
        compare
        for compare in code.nodes(ast.Compare, within=scope, skip=(*FUNCTION_TYPES, ast.ClassDef))
        if isinstance(compare.left, ast.Name) and compare.left.id == name and compares_with_none(compare, compare.left)
    ]


def _none_branch_is_empty(code: Code, compare: ast.Compare) -> bool:
    """``if secret is not None: value = secret["flask"]`` with no ``else``: the ``None`` goes the way
    of the default the caller set before (``value = "not set"``), which is absence after all."""
    branch = code.parent(compare)
    return (
        isinstance(branch, ast.If)
        and branch.test is compare
        and isinstance(compare.ops[0], ast.IsNot)
        and (not branch.orelse or all(isinstance(statement, ast.Pass) for statement in branch.orelse))
    )


def _answers_not_found(code: Code, compare: ast.Compare) -> bool:
    """The branch the ``None`` takes answers "not found" (``abort(404, "Bucket or path not found")``):
    the caller tells the failure apart only to take it for absence after all."""
    branch = code.parent(compare)
    if not isinstance(branch, ast.If) or branch.test is not compare:
        return False
    return says_not_found(code, branch.body if isinstance(compare.ops[0], ast.Is) else branch.orelse)


def says_not_found(code: Code, statements: list[ast.stmt]) -> bool:
    """The statements answer "not found": a 404, or text such as "... not found", "no such ..."."""
    return any(
        isinstance(node, ast.Constant)
        and (node.value == 404 or (isinstance(node.value, str) and bool(NOT_FOUND_TEXT.search(node.value))))
        for statement in statements
        for node in code.nodes(ast.AST, within=statement)
    )


def compares_with_none(node: ast.AST | None, left: ast.AST) -> bool:
    """``node`` is ``left is None`` or ``left is not None``."""
    return (
        isinstance(node, ast.Compare)
        and node.left is left
        and len(node.ops) == 1
        and isinstance(node.ops[0], (ast.Is, ast.IsNot))
        and _is_none(node.comparators[0])
        and isinstance(node.comparators[0], ast.Constant)
    )
