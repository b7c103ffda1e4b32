"""An index of one module's stdlib ``ast`` tree: parents, children, node lists, statements.

:class:`Tree` is built in one iterative depth-first pre-order pass over the ``ast.Module`` flake8
parsed, so it copes with code nested deeper than the recursion limit, and keys everything by node
identity. It presents the tree the way astroid's ``get_children`` does:

- a docstring (the first statement of a module, class or function, when it is a string constant) is
  not a child of its owner: astroid keeps it aside as ``doc_node``. :meth:`Tree.docstring` returns it;
  :meth:`Tree.parent` still knows its parent;
- a function's children are its decorators, arguments, return annotation, then body; a class's its
  decorators, bases, keywords, then body (``ast`` puts decorators last);
- a dict's children alternate key and value (``ast`` lists every key before any value);
- a parameter's annotation is a child of the ``ast.arguments``, not of its ``ast.arg``, as astroid
  keeps annotations in ``Arguments``: positional-only parameters and their annotations, parameters,
  defaults, keyword-only parameters, their defaults, then the other annotations;
- the ``ast`` singletons for contexts and operators (``Load``, ``Add``...) are not nodes of the tree.

Differences from astroid that no analysis is expected to notice:

- ``ast.withitem`` and ``ast.alias`` are nodes here; astroid has (expr, vars) and (name, asname) pairs;
- the ``ast.arg`` of ``*args``/``**kwargs`` come last among the children of ``ast.arguments``; astroid
  leaves its ``AssignName`` out of ``get_children`` and makes the function its parent;
- a class's ``metaclass=`` keyword is a child here; astroid leaves it out of ``get_children``;
- a decorator's parent is its function or class; astroid puts a ``Decorators`` node in between.
"""

from __future__ import annotations

import ast
from bisect import bisect_left, bisect_right
from collections.abc import Iterator

FUNCTION_TYPES = (ast.FunctionDef, ast.AsyncFunctionDef)
DEFINITION_TYPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
# astroid's Statement nodes: every ast.stmt, and except clauses.
STATEMENT_TYPES = (ast.stmt, ast.ExceptHandler)

NodeTypes = type | tuple[type, ...]

# Fields in astroid's get_children order where it differs from ast's field order.
_FIELD_ORDER: dict[type, tuple[str, ...]] = {
    ast.FunctionDef: ("decorator_list", "args", "returns", "type_params", "body"),
    ast.AsyncFunctionDef: ("decorator_list", "args", "returns", "type_params", "body"),
    ast.ClassDef: ("decorator_list", "bases", "keywords", "type_params", "body"),
}
# Fields that never hold tree nodes (contexts and operators are shared singletons).
_SCALAR_FIELDS = frozenset(
    {"ctx", "op", "ops", "type_ignores", "id", "arg", "attr", "module", "level", "is_async", "simple",
     "kind", "conversion", "type_comment", "asname", "tag", "kwd_attrs", "rest"}
)
_NO_CHILDREN = (ast.Name, ast.Constant, ast.Global, ast.Nonlocal, ast.MatchSingleton, ast.alias, ast.arg,
                ast.Pass, ast.Break, ast.Continue)
_DOCUMENTED = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)


def _child_fields(node_type: type) -> tuple[str, ...]:
    if issubclass(node_type, _NO_CHILDREN):
        return ()
    order = _FIELD_ORDER.get(node_type) or node_type._fields
    name_is_node = getattr(ast, "TypeAlias", None) is node_type
    return tuple(
        field for field in order
        if field not in _SCALAR_FIELDS and (field != "name" or name_is_node)
    )


_FIELDS_BY_TYPE: dict[type, tuple[str, ...]] = {}


def docstring_expr(node: ast.AST) -> ast.Expr | None:
    """The statement astroid takes as ``node``'s docstring (its ``doc_node`` is the constant in it)."""
    if isinstance(node, _DOCUMENTED) and node.body:
        first = node.body[0]
        if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
            return first
    return None


def children_of(node: ast.AST) -> list[ast.AST]:
    """``node``'s children in astroid's order (see the module docstring), computed afresh."""
    node_type = type(node)
    fields = _FIELDS_BY_TYPE.get(node_type)
    if fields is None:
        fields = _FIELDS_BY_TYPE[node_type] = _child_fields(node_type)
    if not fields:
        return []
    if node_type is ast.Dict:
        return [child for pair in zip(node.keys, node.values) for child in pair if child is not None]
    if node_type is ast.arguments:
        return _arguments_children(node)
    children: list[ast.AST] = []
    for field in fields:
        value = getattr(node, field, None)
        if value is None:
            continue
        if type(value) is list:
            if field == "body" and node_type in _DOCUMENTED and docstring_expr(node) is not None:
                value = value[1:]
            children.extend(child for child in value if child is not None)
        else:
            children.append(value)
    return children


def _arguments_children(node: ast.arguments) -> list[ast.AST]:
    """astroid's ``Arguments.get_children`` order, then the ``*args``/``**kwargs`` parameters."""
    variadic = [arg for arg in (node.vararg, node.kwarg) if arg is not None]
    children: list[ast.AST] = [*node.posonlyargs]
    children += [arg.annotation for arg in node.posonlyargs if arg.annotation]
    children += node.args
    children += node.defaults
    children += node.kwonlyargs
    children += [default for default in node.kw_defaults if default is not None]
    children += [arg.annotation for arg in (*node.args, *variadic) if arg.annotation]
    children += [arg.annotation for arg in node.kwonlyargs if arg.annotation]
    return children + variadic


class Tree:
    """One module's ``ast`` tree, indexed in a single pre-order pass (see the module docstring)."""

    def __init__(self, module: ast.Module) -> None:
        self.module = module
        parents: dict[ast.AST, ast.AST | None] = {module: None}
        children: dict[ast.AST, list[ast.AST]] = {}
        order: list[ast.AST] = []
        by_type: dict[type, list[ast.AST]] = {}
        stack = [module]
        pop, push, append = stack.pop, stack.append, order.append
        while stack:
            node = pop()
            append(node)
            node_type = type(node)
            same_type = by_type.get(node_type)
            if same_type is None:
                by_type[node_type] = [node]
            else:
                same_type.append(node)
            kids = children_of(node)
            if kids:
                children[node] = kids
                for kid in reversed(kids):
                    parents[kid] = node
                    push(kid)
            if node_type in _DOCUMENTED:
                doc = docstring_expr(node)
                if doc is not None:  # outside the pre-order, as astroid keeps it outside get_children
                    parents[doc] = node
                    parents[doc.value] = doc
        self._parents = parents
        self._children = children
        self._order = order
        self._index = {node: position for position, node in enumerate(order)}
        self._by_type = by_type
        self._type_positions: dict[type, list[int]] = {}
        self._concrete: dict[NodeTypes, tuple[type, ...]] = {}
        self._strings: dict[ast.AST, str] = {}

    # -- structure ---------------------------------------------------------------------------------

    def parent(self, node: ast.AST) -> ast.AST | None:
        """The node's parent (``None`` for the module)."""
        return self._parents[node]

    def children(self, node: ast.AST) -> list[ast.AST]:
        """The node's children, in astroid's ``get_children`` order (see the module docstring)."""
        return self._children.get(node, [])

    def __contains__(self, node: object) -> bool:
        return node in self._parents

    def index(self, node: ast.AST) -> int:
        """The node's position in the depth-first pre-order of the whole tree."""
        return self._index[node]

    def ancestors(self, node: ast.AST) -> Iterator[ast.AST]:
        """The node's parent, grandparent... up to the module."""
        parents = self._parents
        parent = parents[node]
        while parent is not None:
            yield parent
            parent = parents[parent]

    def is_ancestor(self, ancestor: ast.AST, node: ast.AST) -> bool:
        """Whether ``ancestor`` is a strict ancestor of ``node`` (astroid's ``ancestor.parent_of(node)``)."""
        return any(parent is ancestor for parent in self.ancestors(node))

    def docstring(self, node: ast.AST) -> ast.Constant | None:
        """The docstring of a module, class or function (astroid's ``doc_node``), outside its children."""
        expr = docstring_expr(node)
        return expr.value if expr is not None else None

    def body(self, node: ast.AST) -> list[ast.stmt]:
        """The node's ``body`` as astroid has it: without the docstring."""
        body = node.body
        return body[1:] if docstring_expr(node) is not None else body

    def locate(self, node: ast.AST) -> tuple[str, ast.AST | list[ast.AST]] | None:
        """The parent's field holding ``node`` and its value (astroid's ``parent.locate_child(node)``)."""
        parent = self._parents.get(node)
        if parent is None:
            return None
        for field in _FIELD_ORDER.get(type(parent)) or parent._fields:
            value = getattr(parent, field, None)
            if value is node:
                return field, value
            if type(value) is list and any(child is node for child in value):
                if field == "body" and isinstance(parent, _DOCUMENTED):
                    value = self.body(parent)
                return field, value
        return None

    # -- queries -----------------------------------------------------------------------------------

    def of_type(self, types: NodeTypes) -> list[ast.AST]:
        """Every node of the tree that is an instance of ``types``, in pre-order."""
        return list(self.nodes_of(types))

    def nodes_of(self, types: NodeTypes, within: ast.AST | None = None, skip: NodeTypes = ()) -> Iterator[ast.AST]:
        """astroid's ``within.nodes_of_class(types, skip)``: ``within`` (default: the module) itself if
        it is of ``types``, then its descendants of ``types`` in pre-order, not descending into nodes of
        ``skip`` types, which are not yielded either (``within`` itself is never skipped)."""
        root = self.module if within is None else within
        if isinstance(root, types):
            yield root
        first, last = self._index[root] + 1, self._last_descendant(root)
        if last < first:
            return
        candidates = self._positions_between(types, first, last)
        if not skip or not candidates:
            order = self._order
            for position in candidates:
                yield order[position]
            return
        excluded_until = -1
        skipped = iter(self._positions_between(skip, first, last))
        next_skipped = next(skipped, None)
        order = self._order
        for position in candidates:
            while next_skipped is not None and next_skipped <= position:
                if next_skipped > excluded_until:
                    excluded_until = self._last_descendant(order[next_skipped])
                next_skipped = next(skipped, None)
            if position > excluded_until:
                yield order[position]

    def _last_descendant(self, node: ast.AST) -> int:
        children = self._children
        while node in children:
            node = children[node][-1]
        return self._index[node]

    def _positions_between(self, types: NodeTypes, first: int, last: int) -> list[int]:
        concrete = self._concrete.get(types)
        if concrete is None:
            concrete = self._concrete[types] = tuple(t for t in self._by_type if issubclass(t, types))
        found: list[int] = []
        for node_type in concrete:
            positions = self._type_positions.get(node_type)
            if positions is None:
                index = self._index
                positions = self._type_positions[node_type] = [index[n] for n in self._by_type[node_type]]
            found.extend(positions[bisect_left(positions, first):bisect_right(positions, last)])
        if len(concrete) > 1:
            found.sort()
        return found

    # -- statements and functions ------------------------------------------------------------------

    def statement(self, node: ast.AST) -> ast.stmt | ast.ExceptHandler | None:
        """The statement containing ``node`` (``node`` itself if it is one; astroid counts except
        clauses as statements, not match cases); ``None`` for the module."""
        parents = self._parents
        while node is not None and not isinstance(node, STATEMENT_TYPES):
            node = parents[node]
        return node

    def next_sibling(self, node: ast.AST) -> ast.AST | None:
        """The statement after ``statement(node)`` in its block, or ``None`` (astroid's ``next_sibling``)."""
        return self._sibling(node, 1)

    def previous_sibling(self, node: ast.AST) -> ast.AST | None:
        """The statement before ``statement(node)`` in its block, or ``None``."""
        return self._sibling(node, -1)

    def _sibling(self, node: ast.AST, step: int) -> ast.AST | None:
        statement = self.statement(node)
        located = self.locate(statement) if statement is not None else None
        if located is None:
            return None
        sequence = located[1]
        if not isinstance(sequence, list):
            return None
        position = next(i for i, child in enumerate(sequence) if child is statement) + step
        return sequence[position] if 0 <= position < len(sequence) else None

    def enclosing_function(self, node: ast.AST) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
        """The nearest function around ``node`` (lambdas and comprehensions are seen through), as
        :func:`flake8_boto3.analysis.names.enclosing_function`."""
        return next((parent for parent in self.ancestors(node) if isinstance(parent, FUNCTION_TYPES)), None)

    def enclosing_functions(self, node: ast.AST) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]:
        """The functions around ``node``, innermost first."""
        return (parent for parent in self.ancestors(node) if isinstance(parent, FUNCTION_TYPES))

    def functions_running(self, node: ast.AST) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]:
        """The functions whose own code runs ``node``, innermost first: as :meth:`enclosing_functions`,
        but a default value, a decorator or a return annotation runs where the ``def`` does, once,
        not in the function it belongs to (``def handler(event, context, s3=boto3.client("s3"))``
        makes one client). (astroid counts those as the function's nodes; the syntactic tier mirrors
        astroid with :meth:`enclosing_function`.)"""
        child, in_default = node, False
        for parent in self.ancestors(node):
            if isinstance(parent, ast.arguments):
                in_default = any(child is d for d in parent.defaults) or any(child is d for d in parent.kw_defaults)
            elif isinstance(parent, FUNCTION_TYPES):
                outside = (child is parent.args and in_default) or child is parent.returns or any(
                    child is d for d in parent.decorator_list
                )
                if not outside:
                    yield parent
            child = parent

    def enclosing_scope(self, node: ast.AST) -> ast.AST:
        """The function (or, at top level, the module) whose code contains ``node``, as
        :func:`flake8_boto3.analysis.names.enclosing_scope`."""
        return next((p for p in self.ancestors(node) if isinstance(p, (*FUNCTION_TYPES, ast.Module))), self.module)

    # -- text --------------------------------------------------------------------------------------

    def as_string(self, node: ast.AST) -> str:
        """``ast.unparse(node)``, cached (astroid's ``as_string`` may quote and space differently).
        ``ast.unparse`` is recursive: it raises RecursionError on code nested beyond the limit."""
        text = self._strings.get(node)
        if text is None:
            text = self._strings[node] = ast.unparse(node)
        return text

    def walk(self) -> Iterator[ast.AST]:
        """Every node of the tree in pre-order."""
        return iter(self._order)
