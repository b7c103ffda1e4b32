"""astroid's statement filtering: which of a scope's bindings of a name are seen from a node.

:func:`filter_statements` is ``astroid.filter_statements._filter_stmts`` on ``ast`` nodes, branch for
branch (see :mod:`.semantics` for the node methods it relies on). In short, walking the scope's
bindings of the name in ``locals`` order:

- in the node's own frame, bindings on lines after the node's statement end the walk (the list's
  order, not the lines, decides what comes after: see :mod:`.bindings`);
- a binding in the node's own statement decides alone (``x = [x for x in y]``, ``if (x := f()) and x:``);
- an unconditional assignment in the node's block replaces the bindings before it, one in a loop,
  comprehension or walrus does not, a loop variable seen from its loop's body replaces everything;
- bindings in exclusive branches (``if``/``else``, ``try``/``except``, two ``except`` clauses) of the
  node are dropped; ``except ... as e`` is seen only from its own clause, and hides earlier bindings;
- ``del x`` clears everything before it.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from flake8_boto3.syntax.bindings import Implicit
from flake8_boto3.syntax.semantics import NAME_HOLDER_TYPES, OPTIONAL_ASSIGN_TYPES, Semantics

_ASSIGN_NAME_TYPES = (ast.arg, *NAME_HOLDER_TYPES)  # besides ast.Name (Store): astroid's AssignName


def _is_assign_name(binding: object) -> bool:
    """astroid's ``isinstance(node, (NamedExpr, AssignName))`` for a binding."""
    if type(binding) is ast.Name:
        return type(binding.ctx) is ast.Store
    return isinstance(binding, _ASSIGN_NAME_TYPES)


def _is_del_name(binding: object) -> bool:
    return type(binding) is ast.Name and type(binding.ctx) is ast.Del


def _index_of(items: list, wanted: object) -> int | None:
    return next((i for i, item in enumerate(items) if item is wanted), None)


class _Bindings:
    """The per-binding facts the filter needs, with astroid's view of :class:`Implicit` class names
    (a ``Const``, or for ``__annotations__`` an ``Unknown``, whose parent is the class)."""

    def __init__(self, semantics: Semantics) -> None:
        self.semantics = semantics

    def statement(self, binding: object) -> ast.AST | None:
        if isinstance(binding, Implicit):
            return binding.owner
        return self.semantics.binding_statement(binding)

    def ancestors(self, binding: object) -> Iterator[ast.AST]:
        if isinstance(binding, Implicit):
            yield binding.owner
            yield from self.semantics.ancestors(binding.owner)
        else:
            yield from self.semantics.binding_ancestors(binding)

    def assign_type(self, binding: object) -> object:
        if isinstance(binding, Implicit):
            return binding  # astroid: a builtins ClassDef, or the Unknown itself; an ancestor of nothing
        return self.semantics.assign_type(binding)

    def filtered(self, assign_type: object, binding: object, kept: list, my_statement: ast.AST | None
                 ) -> tuple[list, bool]:
        if isinstance(assign_type, Implicit):
            if assign_type.name == "__annotations__" and assign_type.owner is my_statement:
                return [binding], True
            return kept, False
        return self.semantics.filtered_by_statement(assign_type, binding, kept, my_statement)

    def is_ancestor(self, ancestor: object, node: ast.AST) -> bool:
        if isinstance(ancestor, Implicit):
            return False
        return self.semantics.tree.is_ancestor(ancestor, node)


def filter_statements(semantics: Semantics, base_node: ast.AST, bindings: list, frame: ast.AST, offset: int) -> list:
    """The bindings (of one name, in ``frame``'s locals order) that ``base_node`` may see."""
    tree = semantics.tree
    facts = _Bindings(semantics)
    has_parent = tree.parent(base_node) is not None
    if offset == -1:
        my_frame = semantics.frame_above(semantics.frame(base_node))
    else:
        my_frame = semantics.frame(base_node)
        if has_parent and semantics.statement(base_node) is my_frame and tree.parent(my_frame) is not None:
            my_frame = semantics.frame_above(my_frame)
    my_statement = semantics.statement(base_node) if has_parent else None
    if my_frame is frame and my_statement is not None:
        my_line = semantics.fromlineno(my_statement) + offset
    else:
        my_line = 0

    statements = [(binding, facts.statement(binding)) for binding in bindings]
    if len(statements) > 1 and all(isinstance(statement, ast.ExceptHandler) for _, statement in statements):
        statements = [(b, s) for b, s in statements if tree.is_ancestor(s, base_node)]

    base_paths = None
    in_decorator = None
    kept: list = []
    kept_parents: list = []
    for binding, statement in statements:
        line = semantics.fromlineno(statement)
        if line and line > my_line > 0:
            break
        if my_statement is statement:
            if in_decorator is None:
                in_decorator = semantics.in_decorator(base_node)
            if in_decorator:
                continue
        if isinstance(binding, ast.ClassDef) and any(base is base_node for base in binding.bases):
            break
        assign_type = facts.assign_type(binding)
        kept, done = facts.filtered(assign_type, binding, kept, my_statement)
        if done:
            break
        statement_parent = tree.parent(statement)
        optional = isinstance(assign_type, OPTIONAL_ASSIGN_TYPES)
        if optional and facts.is_ancestor(assign_type, base_node):
            kept, kept_parents = [binding], [statement_parent]
            continue
        if isinstance(assign_type, ast.NamedExpr):
            if_parent = next((p for p in tree.ancestors(assign_type) if isinstance(p, ast.If)), None)
            if if_parent is not None and any(isinstance(p, ast.If) for p in tree.ancestors(if_parent)):
                optional = False
                kept.append(binding)
                kept_parents.append(statement_parent)
            else:
                kept, kept_parents = [binding], [statement_parent]
        index = _index_of(kept_parents, statement_parent)
        if index is not None:
            if facts.is_ancestor(facts.assign_type(kept[index]), assign_type):
                continue
            earlier = kept[index]
            if not optional and not semantics.are_exclusive(semantics.paths_up(earlier, facts.ancestors(earlier)),
                                                            binding, facts.ancestors(binding)):
                del kept_parents[index]
                del kept[index]
        if base_paths is None:
            base_paths = semantics.paths_up(base_node, semantics.ancestors(base_node))
        if semantics.are_exclusive(base_paths, binding, facts.ancestors(binding)):
            continue
        if _is_assign_name(binding):
            if isinstance(statement, ast.ExceptHandler):
                if not tree.is_ancestor(statement, base_node):
                    continue
                kept, kept_parents = [], []
            elif not optional and my_statement is not None and statement_parent is tree.parent(my_statement):
                kept, kept_parents = [], []
        elif _is_del_name(binding):
            kept, kept_parents = [], []
            continue
        kept.append(binding)
        kept_parents.append(statement if isinstance(binding, (ast.arguments, ast.arg)) else statement_parent)
    return kept
