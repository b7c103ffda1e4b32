"""What an analysis may ask about code: one module's syntax seen through the boto3 model.

:class:`Code` is the analyses' only way to the tree, the names and boto3:
structure (parents, nodes of a kind, statements, enclosing functions), names
(astroid's lookup, answered by the syntactic tier, or by astroid where syntax
cannot decide), and boto3 (what an expression is, which call creates a client,
which functions a call calls). ``code.within(other_module)`` gives the same view
of a project module the analysis followed a call into.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass

from flake8_boto3.model import Boto3Model, Boto3Value
from flake8_boto3.syntax.module import ModuleSyntax
from flake8_boto3.syntax.scopes import BUILTINS
from flake8_boto3.syntax.tree import NodeTypes

FUNCTION_TYPES = (ast.FunctionDef, ast.AsyncFunctionDef)
COMPREHENSION_TYPES = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)
LOOP_TYPES = (ast.For, ast.AsyncFor, ast.While)
TRY_TYPES = tuple(getattr(ast, name) for name in ("Try", "TryStar") if hasattr(ast, name))


def always_leaves(
    statements: list[ast.stmt], leaving: tuple[type, ...] = (ast.Return, ast.Raise), through_try: bool = True
) -> bool:
    """The block never falls off its end: its last statement is one of ``leaving``, or an ``if`` whose
    every branch always leaves; with ``through_try``, also a ``try`` whose ``finally`` does, or whose
    body (its ``else`` when it has one) and every handler do."""
    if not statements:
        return False
    last = statements[-1]
    if isinstance(last, leaving):
        return True
    if isinstance(last, ast.If):
        return always_leaves(last.body, leaving, through_try) and always_leaves(last.orelse, leaving, through_try)
    if through_try and isinstance(last, TRY_TYPES):
        if last.finalbody and always_leaves(last.finalbody, leaving, through_try):
            return True
        main = last.orelse or last.body
        return always_leaves(main, leaving, through_try) and all(
            always_leaves(handler.body, leaving, through_try) for handler in last.handlers
        )
    return False


# Statements that end a loop's iteration for good.
LEAVING_A_LOOP = (ast.Return, ast.Raise, ast.Break)


def first_pass_only(code: Code, loop: ast.AST, through_try: bool = True) -> bool:
    """The loop's body always leaves the loop (``return``, ``break`` or ``raise`` on every path; through
    a ``try`` whose branches all do, with ``through_try``) and the loop has no ``continue`` of its own:
    its body runs once."""
    if not always_leaves(loop.body, LEAVING_A_LOOP, through_try):
        return False
    own_continues = code.nodes(ast.Continue, within=loop, skip=(*LOOP_TYPES, *FUNCTION_TYPES, ast.ClassDef))
    return next(own_continues, None) is None


def runs_node_at_most_once(code: Code, node: ast.AST, loop: ast.AST) -> bool:
    """Does ``loop`` evaluate ``node`` once, or again only after a failure?

    - ``node`` sits in an ``except`` clause inside the loop: it runs when that error happens;
    - every iteration leaves the loop (the body ends in ``return``, ``break`` or ``raise`` on every
      path, with no ``continue``): the body runs once;
    - a retry loop: ``node`` sits in a ``try`` whose success leaves the loop (``try: client = ...;
      return client.get_object(...)``, ``except ...: time.sleep(1)``): only failures go round again;
    - what follows ``node`` in its iteration always leaves the loop (``if count >= limit:
      send_email(); return name``): the iteration that runs it is the last;
    - ``node`` sets a name under a test that it is unset (``if s3 is None: s3 = boto3.client("s3")``)
      and nothing else in the loop sets it: the first pass that gets there builds it, the others find it.
    """
    if isinstance(loop, COMPREHENSION_TYPES):
        return False
    tries = []
    for ancestor in code.ancestors(node):
        if ancestor is loop:
            break
        if isinstance(ancestor, ast.ExceptHandler):
            return True
        if isinstance(ancestor, TRY_TYPES):
            tries.append(ancestor)
    if (
        first_pass_only(code, loop)
        or _picks_one_item(code, node, loop)
        or _leaves_right_after(code, node, loop)
        or _built_once_by_its_guard(code, node, loop)
    ):
        return True
    return any(
        always_leaves(attempt.orelse or attempt.body, LEAVING_A_LOOP, through_try=False)
        for attempt in tries
        if any(code.is_inside(node, statement) for statement in attempt.body)
    )


def tests_for_nothing(test: ast.AST, name: str) -> bool:
    """``not name`` or ``name is None``."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return isinstance(test.operand, ast.Name) and test.operand.id == name
    return (
        isinstance(test, ast.Compare)
        and isinstance(test.left, ast.Name)
        and test.left.id == name
        and len(test.ops) == 1
        and isinstance(test.ops[0], ast.Is)
        and isinstance(test.comparators[0], ast.Constant)
        and test.comparators[0].value is None
    )


def _built_once_by_its_guard(code: Code, node: ast.AST, loop: ast.AST) -> bool:
    """``if s3 is None: s3 = boto3.client("s3")`` (or ``if not s3:``) inside the loop, where nothing
    else in the loop sets or deletes ``s3``: a lazy cache of the function's own, built on the first
    pass that needs it."""
    statement = code.parent(node)
    while statement is not None and not isinstance(statement, ast.stmt):
        statement = code.parent(statement)
    if not (
        isinstance(statement, ast.Assign)
        and len(statement.targets) == 1
        and isinstance(statement.targets[0], ast.Name)
    ):
        return False
    target = statement.targets[0]
    guard = code.parent(statement)
    if not (isinstance(guard, ast.If) and statement in guard.body and tests_for_nothing(guard.test, target.id)):
        return False
    return all(
        name is target
        for name in code.nodes(ast.Name, within=loop)
        if name.id == target.id and not isinstance(name.ctx, ast.Load)
    )


def _leaves_right_after(code: Code, node: ast.AST, loop: ast.AST) -> bool:
    """The statements after ``node``'s own, in its block or in an enclosing one within the loop,
    always leave the loop (``send_email(); return name``), with no ``continue`` before they do."""
    statement = node
    while statement is not None and not isinstance(statement, ast.stmt):
        statement = code.parent(statement)
    # Inside a loop nested in ``loop``, a ``break`` leaves only the nested loop.
    nested = 0
    for ancestor in code.ancestors(statement) if statement is not None else ():
        if ancestor is loop:
            break
        nested += isinstance(ancestor, LOOP_TYPES)
    while statement is not None and statement is not loop:
        parent = code.parent(statement)
        leaving = LEAVING_A_LOOP if nested == 0 else (ast.Return, ast.Raise)
        for field in ("body", "orelse", "finalbody"):
            block = getattr(parent, field, None)
            if parent is loop and field != "body":
                continue  # a loop's else runs after it
            if isinstance(block, list) and statement in block:
                rest = block[block.index(statement) + 1:]
                if any(isinstance(n, ast.Continue) for s in rest for n in ast.walk(s)):
                    return False
                if rest and always_leaves(rest, leaving, through_try=False):
                    return True
        if isinstance(parent, LOOP_TYPES) and parent is not loop:
            nested -= 1
        statement = parent
    return False


def _picks_one_item(code: Code, node: ast.AST, loop: ast.AST) -> bool:
    """``for account in accounts: if account == master_id: ...``: the ``if`` holds for the one item that
    equals a value the loop does not change (the items of a listing are distinct)."""
    if not isinstance(loop, (ast.For, ast.AsyncFor)) or not isinstance(loop.target, ast.Name):
        return False
    item = loop.target.id
    changed = {name for statement in loop.body for name in code.assigned_names(statement)}
    child = node
    for ancestor in code.ancestors(node):
        if ancestor is loop:
            return False
        test = ancestor.test if isinstance(ancestor, ast.If) and child in ancestor.body else None
        if isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], (ast.Eq, ast.Is)):
            left, right = test.left, test.comparators[0]
            for side, other in ((left, right), (right, left)):
                if isinstance(side, ast.Name) and side.id == item and not _names_in(other) & (changed | {item}):
                    return True
        child = ancestor
    return False


def _names_in(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def _constant_test(test: ast.expr) -> bool | None:
    """What an ``if`` test always is: ``False``/``0``/``None`` and ``TYPE_CHECKING`` (true only for type
    checkers) never hold, ``True`` always does; None for any other test."""
    if isinstance(test, ast.Constant):
        return bool(test.value)
    name = test.attr if isinstance(test, ast.Attribute) else test.id if isinstance(test, ast.Name) else None
    return False if name == "TYPE_CHECKING" else None


@dataclass(frozen=True, eq=False)
class Function:
    """A function of the project, with the view of the module that holds it (one per node: equal
    and hashed by the node, whichever view found it)."""

    code: Code
    node: ast.FunctionDef | ast.AsyncFunctionDef

    @property
    def name(self) -> str:
        return self.node.name

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Function) and other.node is self.node

    def __hash__(self) -> int:
        return hash(self.node)


@dataclass(frozen=True, eq=False)
class Code:
    home: ModuleSyntax
    model: Boto3Model

    def within(self, home: ModuleSyntax) -> Code:
        return self if home is self.home else Code(home, self.model)

    @property
    def module(self) -> ast.Module:
        return self.home.module

    @property
    def path(self) -> str:
        return self.home.path

    # -- structure ------------------------------------------------------------------------------

    def parent(self, node: ast.AST) -> ast.AST | None:
        return self.home.tree.parent(node)

    def ancestors(self, node: ast.AST) -> Iterator[ast.AST]:
        return self.home.tree.ancestors(node)

    def nodes(self, types: NodeTypes, within: ast.AST | None = None, skip: NodeTypes = ()) -> Iterator[ast.AST]:
        """Nodes of these types in depth-first pre-order (``within`` itself included), not descending into
        ``skip`` types (astroid's ``nodes_of_class``)."""
        return self.home.tree.nodes_of(types, within, skip)

    def never_runs(self, node: ast.AST) -> bool:
        """``node`` sits in a branch that never runs: under ``if False:`` (Chalice's hints for its
        policy generator), ``if TYPE_CHECKING:``, or in the ``else`` of ``if True:``."""
        child = node
        for ancestor in self.ancestors(node):
            if isinstance(ancestor, ast.If) and child is not ancestor.test:
                always = _constant_test(ancestor.test)
                if always is not None and (child in ancestor.orelse) == always:
                    return True
            child = ancestor
        return False

    def statement(self, node: ast.AST) -> ast.AST | None:
        return self.home.tree.statement(node)

    def next_sibling(self, node: ast.AST) -> ast.AST | None:
        return self.home.tree.next_sibling(node)

    def following_siblings(self, node: ast.AST) -> Iterator[ast.AST]:
        """The statements after ``statement(node)`` in its block, in order."""
        following = self.next_sibling(node)
        while following is not None:
            yield following
            following = self.next_sibling(following)

    def previous_sibling(self, node: ast.AST) -> ast.AST | None:
        return self.home.tree.previous_sibling(node)

    def as_string(self, node: ast.AST) -> str:
        return self.home.tree.as_string(node)

    def enclosing_function(self, node: ast.AST) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
        """The nearest function whose code runs ``node`` (lambdas and comprehensions are seen through;
        a default value or a decorator runs where its ``def`` does)."""
        return next(self.home.tree.functions_running(node), None)

    def enclosing_functions(self, node: ast.AST) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]:
        """The functions whose code runs ``node``, innermost first."""
        return self.home.tree.functions_running(node)

    def enclosing_scope(self, node: ast.AST) -> ast.AST:
        """The function (or, at top level, the module) whose code runs ``node``."""
        return next(self.home.tree.functions_running(node), self.home.module)

    def enclosing_class(self, function: ast.AST) -> ast.ClassDef | None:
        parent = self.parent(function)
        return parent if isinstance(parent, ast.ClassDef) else None

    def names_own_method(self, method: ast.Attribute) -> bool:
        """``self.get_table`` (or ``cls.``) where the class of the method that says it defines a method
        of that name: the class's own code, not an AWS operation of the same name."""
        receiver = method.value
        if not (isinstance(receiver, ast.Name) and receiver.id in ("self", "cls")):
            return False
        for function in self.enclosing_functions(method):
            owner = self.enclosing_class(function)
            if owner is not None:
                return any(
                    isinstance(statement, FUNCTION_TYPES) and statement.name == method.attr for statement in owner.body
                )
        return False

    def innermost_loop(self, node: ast.AST) -> ast.AST | None:
        """The loop whose every iteration evaluates ``node``, within its function."""
        child, parent = node, self.parent(node)
        while parent is not None and not isinstance(parent, (*FUNCTION_TYPES, ast.Lambda, ast.Module)):
            if isinstance(parent, LOOP_TYPES) and child in parent.body:
                return parent
            if isinstance(parent, COMPREHENSION_TYPES) and not (parent.generators and child is parent.generators[0]):
                return parent
            child, parent = parent, self.parent(parent)
        return None

    def repeating_loop(self, node: ast.AST) -> ast.AST | None:
        """The innermost loop (within its function) that evaluates ``node`` again and again: loops that
        run ``node`` at most once are passed over (see :func:`runs_node_at_most_once`)."""
        loop = self.innermost_loop(node)
        while loop is not None and runs_node_at_most_once(self, node, loop):
            loop = self.innermost_loop(loop)
        return loop

    def is_inside(self, node: ast.AST, ancestor: ast.AST) -> bool:
        return node is ancestor or self.home.tree.is_ancestor(ancestor, node)

    # -- names ----------------------------------------------------------------------------------

    def lookup(self, node: ast.AST, name: str | None = None) -> tuple[ast.AST | None, list]:
        """(scope, bindings) of ``name`` (default: the node's own) as seen from ``node`` (astroid's lookup)."""
        found = self.home.scopes.lookup(node, name)
        return found.scope, list(found.bindings)

    def bindings(self, node: ast.AST, name: str | None = None) -> list:
        return self.lookup(node, name)[1]

    def sole_assignment(self, name: ast.Name) -> ast.Assign | None:
        """``name = value``, when that plain assignment (the name its only target) is the name's one
        binding as seen from ``name``."""
        bindings = self.bindings(name)
        if len(bindings) != 1 or not isinstance(bindings[0], ast.Name):
            return None  # (a parameter, an import, a builtin: no assignment)
        statement = self.parent(bindings[0])
        return statement if isinstance(statement, ast.Assign) and statement.targets == bindings else None

    def assigned_literal(self, node: ast.AST) -> ast.Constant | None:
        """``node`` when it is a literal, or the literal a name's one plain assignment gives it
        (``MAX_RUNNING_SCANS = 3``); None otherwise."""
        if isinstance(node, ast.Name):
            statement = self.sole_assignment(node)
            node = statement.value if statement is not None else node
        return node if isinstance(node, ast.Constant) else None

    @staticmethod
    def is_module_scope(scope: object) -> bool:
        """The module's own scope, or the builtins (where astroid's lookup ends)."""
        return isinstance(scope, ast.Module) or scope is BUILTINS

    def locals(self, scope: ast.AST) -> dict[str, list]:
        return self.home.scopes.locals(scope)

    def instance_attributes(self, cls: ast.ClassDef) -> dict[str, list[ast.Attribute]]:
        return self.home.scopes.instance_attributes(cls)

    # -- boto3 ----------------------------------------------------------------------------------

    def value_of(self, node: ast.AST) -> Boto3Value | None:
        """The boto3 object ``node`` evaluates to, or None."""
        return self.model.value_of(self.home, node)

    def constructed_by(self, call: ast.Call) -> Boto3Value | None:
        """The session, client or resource this very call creates, or None."""
        return self.model.constructed_by(self.home, call)

    def literal_string(self, node: ast.AST | None) -> str | None:
        return self.model.literal_string(self.home, node)

    def functions_called(self, call: ast.Call) -> list[Function]:
        """The project functions ``call`` calls, as far as can be told (none when unknown)."""
        return [Function(self.within(ref.home), ref.node) for ref in self.model.functions_called(self.home, call)]

    def sole_function(self, node: ast.AST) -> Function | None:
        """The project function ``node`` evaluates to, when that is all it can be."""
        found = self.model.sole_function(self.home, node)
        return Function(self.within(found.home), found.node) if found is not None else None

    def class_initialiser(self, node: ast.AST) -> Function | None:
        """The ``__init__`` of the project class ``node`` evaluates to, when its own body defines one."""
        found = self.model.class_initialiser(self.home, node)
        return Function(self.within(found.home), found.node) if found is not None else None

    def assigned_names(self, within: ast.AST) -> set[str]:
        """The names astroid's ``AssignName`` nodes bind in ``within``: assignment, loop and ``with``
        targets, parameters, ``except ... as`` names, match captures."""
        found: set[str] = set()
        for node in self.nodes((ast.Name, ast.arg, ast.ExceptHandler, ast.MatchAs, ast.MatchStar,
                                ast.MatchMapping), within=within):
            if isinstance(node, ast.Name):
                if isinstance(node.ctx, ast.Store):
                    found.add(node.id)
            elif isinstance(node, ast.arg):
                found.add(node.arg)
            elif isinstance(node, ast.MatchMapping):
                if node.rest:
                    found.add(node.rest)
            elif node.name:
                found.add(node.name)
        return found

    def infers_to_class(self, node: ast.AST, qualified_name: str) -> bool:
        return self.model.infers_to_class(self.home, node, qualified_name)

    def infers_to_builtin_exception(self, node: ast.AST) -> bool:
        """Does every value ``node`` can be name a built-in exception class?"""
        return self.model.infers_to_builtin_exception(self.home, node)
