"""astroid's structural notions, computed on a stdlib ``ast`` :class:`~.tree.Tree`.

Name lookup in astroid rests on a handful of node methods: ``parent``, ``scope()``, ``frame()``,
``statement()``, ``fromlineno``, ``assign_type()`` and ``are_exclusive()``. :class:`Semantics` gives
each of them for ``ast`` nodes, exactly as astroid computes them on the tree its rebuilder makes
from the same ``ast`` tree, including astroid's own peculiarities:

- astroid wraps decorators in a ``Decorators`` node whose scope and frame are those *around* the
  decorated definition; ``ast`` has no such node, so :meth:`Semantics.up` steps over the definition;
- a walrus (``NamedExpr``) directly in a function's parameters (defaults, annotations), in a
  keyword argument or in a comprehension's ``for``/``if`` belongs to the scope and frame *around*
  its parent's parent; elsewhere to the usual ones (so one in a class's bases belongs to the class);
- comprehensions are scopes but not frames; lambdas are both;
- a decorated function's ``fromlineno`` is its first decorator's line plus the number of lines its
  decorators span (the ``def`` line only when no blank line or comment separates them).

Bindings that have no ``ast`` node of their own are represented by the node that holds their name:
the ``ast.ExceptHandler`` for ``except ... as e``, the ``ast.MatchAs``/``MatchStar``/``MatchMapping``
for a capture pattern, the ``TypeVar``/``ParamSpec``/``TypeVarTuple`` for a type parameter (astroid
puts an ``AssignName`` with that node's position inside it). :meth:`Semantics.binding_parent`,
:meth:`Semantics.binding_statement` and :meth:`Semantics.assign_type` know this.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from flake8_boto3.syntax.tree import DEFINITION_TYPES, FUNCTION_TYPES, Tree

COMPREHENSION_TYPES = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)
FRAME_TYPES = (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)
SCOPE_TYPES = FRAME_TYPES + COMPREHENSION_TYPES
# PEP 695 type parameters (Python 3.12+).
TYPE_PARAM_TYPES = tuple(getattr(ast, name) for name in ("TypeVar", "ParamSpec", "TypeVarTuple") if hasattr(ast, name))
# Nodes that carry a bound name as a string: astroid gives the name an AssignName inside them.
NAME_HOLDER_TYPES = (ast.ExceptHandler, ast.MatchAs, ast.MatchStar, ast.MatchMapping, *TYPE_PARAM_TYPES)
# A walrus directly under one of these belongs to the scope around its parent's parent.
_WALRUS_LIFTING_PARENTS = (ast.arguments, ast.keyword, ast.comprehension)
# astroid's assign_type() of an AssignName is its parent's, through these containers.
_TARGET_CONTAINERS = (ast.Tuple, ast.List, ast.Starred)
# Assignments that may not happen (astroid's ``optional_assign``).
OPTIONAL_ASSIGN_TYPES = (ast.For, ast.AsyncFor, ast.comprehension, ast.NamedExpr)
# astroid's FilterStmtsBaseNode (their own statement decides); other assignment types are
# AssignTypeNode (the assignment itself, then its statement, decide).
_STATEMENT_FILTERED_TYPES = (ast.Import, ast.ImportFrom, *DEFINITION_TYPES, ast.Lambda, ast.comprehension)


class Semantics:
    """astroid's parent/scope/frame/statement/fromlineno/assign_type on one :class:`Tree`."""

    def __init__(self, tree: Tree) -> None:
        self.tree = tree
        self._fromlineno: dict[ast.AST, int] = {}
        self._scopes: dict[ast.AST, ast.AST] = {}
        self._frames: dict[ast.AST, ast.AST] = {}
        self._statements: dict[ast.AST, ast.AST | None] = {}

    # -- parents -----------------------------------------------------------------------------------

    def parent(self, node: ast.AST) -> ast.AST | None:
        """astroid's parent, except that a decorator's is its definition (astroid: ``Decorators``).

        ``ast.withitem`` is stepped over (astroid's ``With`` holds the expressions)."""
        parent = self.tree.parent(node)
        if type(parent) is ast.withitem:
            return self.tree.parent(parent)
        return parent

    def is_decorator(self, node: ast.AST) -> bool:
        """Whether ``node`` is one of a definition's decorators (astroid: its parent is ``Decorators``)."""
        parent = self.tree.parent(node)
        return isinstance(parent, DEFINITION_TYPES) and any(d is node for d in parent.decorator_list)

    def in_decorator(self, node: ast.AST) -> bool:
        """Whether ``node`` is within some decorator (astroid's ``_is_from_decorator``)."""
        child = node
        for parent in self.tree.ancestors(node):
            if isinstance(parent, DEFINITION_TYPES) and any(d is child for d in parent.decorator_list):
                return True
            child = parent
        return False

    def up(self, node: ast.AST) -> ast.AST | None:
        """The node whose ``scope()``/``frame()`` is ``node.parent.scope()``/``.frame()`` in astroid:
        the parent, or for a decorator the node around its definition (``Decorators.scope()``)."""
        parent = self.tree.parent(node)
        if isinstance(parent, DEFINITION_TYPES):
            if any(decorator is node for decorator in parent.decorator_list):
                return self.tree.parent(parent)
            return parent
        if type(parent) is ast.withitem:
            return self.tree.parent(parent)
        return parent

    def _lifted(self, walrus: ast.NamedExpr) -> ast.AST | None:
        """For a walrus astroid scopes around its parent's parent, the node to continue from (a
        decorator's parent is its definition here, ``Decorators`` in astroid: neither lifts)."""
        parent = self.parent(walrus)
        if isinstance(parent, _WALRUS_LIFTING_PARENTS):
            return self.up(self.parent(parent))
        return None

    def scope(self, node: ast.AST) -> ast.AST:
        """astroid's ``node.scope()``: Module, function, class, lambda or comprehension."""
        return self._enclosing(node, SCOPE_TYPES, self._scopes)

    def frame(self, node: ast.AST) -> ast.AST:
        """astroid's ``node.frame()``: Module, function, class or lambda."""
        return self._enclosing(node, FRAME_TYPES, self._frames)

    def _enclosing(self, node: ast.AST, kinds: tuple[type, ...], known: dict[ast.AST, ast.AST]) -> ast.AST:
        """The first node of ``kinds`` from ``node`` up astroid's way; every node passed on the way
        has the same answer, so all are remembered."""
        passed = []
        while not isinstance(node, kinds):
            found = known.get(node)
            if found is not None:
                node = found
                break
            passed.append(node)
            if type(node) is ast.NamedExpr:
                lifted = self._lifted(node)
                if lifted is not None:
                    node = lifted
                    continue
            node = self.up(node)
        for each in passed:
            known[each] = node
        return node

    def scope_above(self, node: ast.AST) -> ast.AST | None:
        """astroid's ``node.parent.scope()`` (``None`` for the module)."""
        above = self.up(node)
        return None if above is None else self.scope(above)

    def frame_above(self, node: ast.AST) -> ast.AST | None:
        """astroid's ``node.parent.frame()`` (``None`` for the module)."""
        above = self.up(node)
        return None if above is None else self.frame(above)

    def ancestors(self, node: ast.AST) -> Iterator[ast.AST]:
        """astroid's ``node.node_ancestors()`` as far as the lookup cares: the tree's ancestors
        (astroid's ``Decorators`` is missing, ``ast.withitem`` is extra: neither decides anything)."""
        return self.tree.ancestors(node)

    # -- statements and lines ----------------------------------------------------------------------

    def statement(self, node: ast.AST) -> ast.AST | None:
        """astroid's ``node.statement()`` (``None`` for the module, where astroid raises)."""
        found = self._statements.get(node)
        if found is None:
            found = self._statements[node] = self.tree.statement(node)
        return found

    def fromlineno(self, node: ast.AST) -> int:
        """astroid's ``node.fromlineno`` (0 for the module)."""
        cached = self._fromlineno.get(node)
        if cached is None:
            cached = self._fromlineno[node] = self._compute_fromlineno(node)
        return cached

    def _compute_fromlineno(self, node: ast.AST) -> int:
        if isinstance(node, FUNCTION_TYPES) and node.decorator_list:
            decorators = node.decorator_list
            return decorators[0].lineno + sum(d.end_lineno - d.lineno + 1 for d in decorators)
        if isinstance(node, ast.arguments):
            lines = [arg.lineno for arg in (*node.posonlyargs, *node.args, *node.kwonlyargs, node.vararg, node.kwarg)
                     if arg is not None]
            owner = self.tree.parent(node)
            own = min(lines) if lines else (owner.decorator_list[0].lineno if getattr(owner, "decorator_list", None)
                                            else owner.lineno)
            return max(own, self.fromlineno(owner))
        return getattr(node, "lineno", 0) or 0

    # -- bindings ----------------------------------------------------------------------------------

    def binding_parent(self, binding: ast.AST) -> ast.AST | None:
        """The astroid parent of a binding (a name holder is the parent of its own AssignName)."""
        if isinstance(binding, NAME_HOLDER_TYPES):
            return binding
        return self.parent(binding)

    def binding_ancestors(self, binding: ast.AST) -> Iterator[ast.AST]:
        """astroid's ``node_ancestors()`` of a binding."""
        if isinstance(binding, NAME_HOLDER_TYPES):
            yield binding
        yield from self.tree.ancestors(binding)

    def binding_statement(self, binding: ast.AST) -> ast.AST | None:
        """astroid's ``statement()`` of a binding."""
        return self.statement(binding)

    def assign_type(self, binding: ast.AST) -> ast.AST:
        """astroid's ``assign_type()`` of a binding: the assignment, loop, ``with``, import, definition,
        parameters, except clause or pattern that binds it."""
        if isinstance(binding, (ast.Name, ast.Attribute)):
            node = self.parent(binding)
            while isinstance(node, _TARGET_CONTAINERS):
                node = self.parent(node)
            return node
        if isinstance(binding, ast.arg):
            return self.tree.parent(binding)
        return binding

    def filtered_by_statement(self, assign_type: ast.AST, binding: ast.AST, kept: list, my_statement: ast.AST | None
                              ) -> tuple[list, bool]:
        """astroid's ``assign_type._get_filtered_stmts(lookup_node, binding, kept, my_statement)``."""
        statement = self.statement(assign_type)
        if isinstance(assign_type, _STATEMENT_FILTERED_TYPES):
            if statement is my_statement:
                return [binding], True
            return kept, False
        if assign_type is my_statement:
            return kept, True
        if statement is my_statement:
            return [binding], True
        return kept, False

    # -- exclusive branches ------------------------------------------------------------------------

    @staticmethod
    def paths_up(node: ast.AST, ancestors: Iterator[ast.AST]) -> dict[ast.AST, ast.AST]:
        """Each ancestor of ``node`` and its child on the way to ``node`` (for :meth:`are_exclusive`)."""
        below: dict[ast.AST, ast.AST] = {}
        previous = node
        for ancestor in ancestors:
            below[ancestor] = previous
            previous = ancestor
        return below

    def are_exclusive(self, below: dict[ast.AST, ast.AST], second: ast.AST, second_ancestors: Iterator[ast.AST]
                      ) -> bool:
        """astroid's ``are_exclusive(first, second)``, ``below`` being ``paths_up(first, ...)``: in
        different branches of one ``if`` or ``try`` (``try``/``except*`` never counts, as in astroid)."""
        previous = second
        for node in second_ancestors:
            if node in below:
                if isinstance(node, ast.If):
                    second_field = self._field(node, previous)
                    first_field = self._field(node, below[node])
                    if "test" in (first_field, second_field):
                        return False
                    if first_field != second_field:
                        return True
                elif isinstance(node, ast.Try):
                    second_field = self._field(node, previous)
                    first_field = self._field(node, below[node])
                    if first_field != second_field:
                        return {first_field, second_field} in ({"body", "handlers"}, {"orelse", "handlers"})
                    if first_field == "handlers":
                        return previous is not below[node]
                return False
            previous = node
        return False

    @staticmethod
    def _field(parent: ast.AST, child: ast.AST) -> str | None:
        for field in parent._fields:
            value = getattr(parent, field)
            if value is child or (type(value) is list and any(item is child for item in value)):
                return field
        return None
