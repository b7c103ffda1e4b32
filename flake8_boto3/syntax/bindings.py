"""Which names each scope binds, in astroid's order: astroid's ``scope.locals`` and ``instance_attrs``.

astroid fills ``locals`` while its rebuilder visits the ``ast`` tree, and the order of each name's
list decides lookups. :class:`ScopeLocals` reproduces it for one scope at a time, on first use:

- the visit order is the rebuilder's, which is not always the fields' order: a function's
  decorators, return annotation, parameters, then body; a class's ``metaclass=`` keyword, decorators,
  bases, body, then other keywords; parameters before their defaults and annotations, positional-only
  ones after keyword-only ones, ``*args``/``**kwargs`` last; a dict's value before its key; an
  ``assert``'s message before its test; a definition's own name after everything inside it;
- a binding goes to the scope ``set_local`` reaches from its parent, except that a walrus goes to its
  frame (see :mod:`.semantics`, so never to a comprehension) and that a name a function has declared
  ``global`` *earlier in the visit* goes to the module: names bound in that function's lambdas,
  comprehensions and nested class bodies too, not its own definitions' names, not ``*args``;
  ``from m import x`` follows every ``global x`` of the function, wherever it is; ``nonlocal`` and
  module-level ``global`` change nothing;
- names imported with ``from m import x`` are added after the whole module, and each such name's
  list is then sorted (stably) by line: an earlier ``from m import x`` goes before a later ``x = 1``
  even when it comes after it in the list, a later one after it;
- a class starts with ``__module__``, ``__qualname__`` and ``__annotations__`` (:class:`Implicit`),
  and ends with the attributes its classmethods set on ``cls`` (the plugin's
  :func:`flake8_boto3.inference.scope.register_instance_attribute`, which records ``self.x = ...`` of
  other methods as instance attributes).

``from m import *`` adds the public names of ``m`` when astroid can build ``m``, which syntax cannot
tell: :meth:`ScopeLocals.has_star_import` says where that may happen.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass

from flake8_boto3.syntax.names import dotted_name
from flake8_boto3.syntax.semantics import NAME_HOLDER_TYPES, SCOPE_TYPES, TYPE_PARAM_TYPES, Semantics
from flake8_boto3.syntax.tree import FUNCTION_TYPES, Tree, docstring_expr

CLASS_IMPLICIT_NAMES = ("__module__", "__qualname__", "__annotations__")
_NAME_KINDS = (ast.Name, ast.arg, *NAME_HOLDER_TYPES)  # astroid AssignName/DelName: _save_assignment
_SCOPE_WALK, _GLOBALS_WALK, _FULL_WALK = "scope", "globals", "full"


@dataclass(frozen=True)
class Builtin:
    """A name of the builtins module (astroid: a node of its builtins module)."""

    name: str


@dataclass(frozen=True, eq=False)
class Implicit:
    """A name Python defines without a binding in the source (astroid: a special attribute node):
    a module's ``__name__`` (twice: the module's name and ``"__main__"``), ``__doc__``, ``__file__``,
    ``__package__``, a package's ``__path__``; a class body's ``__module__``, ``__qualname__``,
    ``__annotations__``."""

    owner: ast.AST
    name: str
    index: int = 0


class ScopeLocals:
    """astroid's ``locals`` of every scope of one tree, and its classes' ``instance_attrs``."""

    def __init__(self, tree: Tree, semantics: Semantics) -> None:
        self.tree = tree
        self.semantics = semantics
        self._locals: dict[ast.AST, dict[str, list]] = {}
        self._star_scopes: set[ast.AST] = set()
        self._redirected: set[tuple[ast.AST, str]] | None = None
        self._step_indices: dict[ast.AST, dict[int, int]] = {}
        self._class_attributes: dict[ast.AST, tuple[dict[str, list], dict[str, list]]] = {}

    # -- public ------------------------------------------------------------------------------------

    def of(self, scope: ast.AST) -> dict[str, list]:
        """``scope.locals``: each name and its bindings, in astroid's order."""
        found = self._locals.get(scope)
        if found is None:
            found = self._locals[scope] = self._build(scope)
        return found

    def has_star_import(self, scope: ast.AST) -> bool:
        """Whether ``from m import *`` may add names to ``scope`` (astroid adds them if it builds ``m``)."""
        self.of(scope)
        return scope in self._star_scopes

    def instance_attributes(self, cls: ast.ClassDef) -> dict[str, list[ast.Attribute]]:
        """``cls.instance_attrs`` as the plugin records them: ``self.x = ...`` in its methods."""
        return self._attributes_of(cls)[1]

    def owner(self, binding: ast.AST, name: str) -> ast.AST:
        """The scope whose locals hold ``binding`` of ``name`` (astroid's ``set_local`` route)."""
        if (binding, name) in self._redirections():
            return self.tree.module
        node_type = type(binding)
        if node_type in (ast.Name, ast.arg) or isinstance(binding, NAME_HOLDER_TYPES):
            start = self.semantics.binding_parent(binding)
        else:  # imports, definitions, and the ``ast.arguments`` holding *args/**kwargs
            start = self.tree.parent(binding)
        semantics = self.semantics
        while not isinstance(start, SCOPE_TYPES):
            if type(start) is ast.NamedExpr:
                return semantics.frame(start)
            start = semantics.parent(start)
        return start

    # -- building ----------------------------------------------------------------------------------

    def _build(self, scope: ast.AST) -> dict[str, list]:
        names: dict[str, list] = {}
        if isinstance(scope, ast.ClassDef):
            for name in CLASS_IMPLICIT_NAMES:
                names[name] = [Implicit(scope, name)]
        own: list[tuple[ast.AST, str]] = []
        imported_from: list[tuple[ast.AST, str]] = []
        for node, name in self.walk(scope, _SCOPE_WALK):
            node_type = type(node)
            if node_type is ast.Global or node_type is ast.Attribute or self.owner(node, name) is not scope:
                continue
            (imported_from if node_type is ast.ImportFrom else own).append((node, name))
        if scope is self.tree.module:
            own, imported_from = self._with_redirected(own, imported_from)
        for node, name in own:
            names.setdefault(name, []).append(node)
        sorted_names: set[str] = set()
        for node, name in imported_from:
            if name == "*":
                self._star_scopes.add(scope)
                continue
            names.setdefault(name, []).append(node)
            sorted_names.add(name)
        line = self._sort_line
        for name in sorted_names:
            names[name].sort(key=line)
        if isinstance(scope, ast.ClassDef):
            for name, attributes in self._attributes_of(scope)[0].items():
                names.setdefault(name, []).extend(attributes)
        return names

    def _sort_line(self, binding: object) -> int:
        """astroid's ``fromlineno or 0``, the key of the sort after ``from ... import``."""
        if isinstance(binding, Implicit):
            return binding.owner.lineno
        return self.semantics.fromlineno(binding)

    # -- global declarations -----------------------------------------------------------------------

    def _redirections(self) -> set[tuple[ast.AST, str]]:
        """The bindings a ``global`` declaration sends to the module: (binding, name)."""
        if self._redirected is None:
            self._redirected = set()
            declaring: list[ast.AST] = []
            for declaration in self.tree.nodes_of(ast.Global):
                function = self.tree.enclosing_function(declaration)
                if function is not None and function not in declaring:
                    declaring.append(function)
            for function in declaring:
                self._redirect_within(function)
        return self._redirected

    def _redirect_within(self, function: ast.AST) -> None:
        declared: set[str] = set()
        every = {name for node in self.tree.nodes_of(ast.Global, within=function)
                 if self.tree.enclosing_function(node) is function for name in node.names}
        for node, name in self.walk(function, _GLOBALS_WALK):
            node_type = type(node)
            if node_type is ast.Global:
                declared.update(node.names)
            elif node_type is ast.ImportFrom:
                if name in every:
                    self._redirected.add((node, name))
            elif (node_type is ast.Import or isinstance(node, _NAME_KINDS)) and name in declared:
                self._redirected.add((node, name))

    def _with_redirected(self, own: list, imported_from: list) -> tuple[list, list]:
        """The module's own bindings merged, in the rebuilder's visit order, with those sent to it."""
        redirected = self._redirections()
        if not redirected:
            return own, imported_from
        moved = [entry for entry in redirected if type(entry[0]) is not ast.ImportFrom]
        moved_from = [entry for entry in redirected if type(entry[0]) is ast.ImportFrom]
        return self._merge(own, moved), self._merge(imported_from, moved_from)

    def _merge(self, own: list, moved: list) -> list:
        if not moved:
            return own
        merged = [(self._visit_position(node, name), node, name) for node, name in own + moved]
        merged.sort(key=lambda entry: entry[0])
        return [(node, name) for _, node, name in merged]

    def _visit_position(self, node: ast.AST, name: str) -> tuple[int, ...]:
        """Where the rebuilder records ``node``'s binding of ``name``: a path of step indices."""
        own_steps = self._steps(node, False, _FULL_WALK)
        path = [next(i for i, step in enumerate(own_steps) if type(step) is tuple and step == (node, name))]
        child, parent = node, self.tree.parent(node)
        while parent is not None:
            indices = self._step_indices.get(parent)
            if indices is None:
                steps = self._steps(parent, False, _FULL_WALK)
                indices = self._step_indices[parent] = {id(step): i for i, step in enumerate(steps)}
            path.append(indices[id(child)])
            child, parent = parent, self.tree.parent(parent)
        return tuple(reversed(path))

    # -- classes -----------------------------------------------------------------------------------

    def _attributes_of(self, cls: ast.ClassDef) -> tuple[dict[str, list], dict[str, list]]:
        """(attributes its classmethods set on ``cls``, attributes its methods set on ``self``)."""
        found = self._class_attributes.get(cls)
        if found is not None:
            return found
        on_class: dict[str, list] = {}
        on_instances: dict[str, list] = {}
        for method in self.tree.body(cls):
            if not isinstance(method, FUNCTION_TYPES):
                continue
            positional = [*method.args.posonlyargs, *method.args.args]
            decorators = {name.rsplit(".", 1)[-1] for name in map(dotted_name, method.decorator_list) if name}
            if not positional or "staticmethod" in decorators:
                continue
            owner = on_class if "classmethod" in decorators else on_instances
            for node in self._receiver_attributes(method, positional[0].arg):
                values = owner.setdefault(node.attr, [])
                if not any(value is node for value in values):
                    values.append(node)
        found = self._class_attributes[cls] = (on_class, on_instances)
        return found

    def _receiver_attributes(self, method: ast.AST, receiver: str) -> list[ast.Attribute]:
        """``receiver.x`` targets whose frame is ``method``, in the rebuilder's visit order.

        That is the tree's pre-order unless one is a comprehension's target, which may sit in a dict,
        an ``assert`` or a header the rebuilder visits in another order: then ``method`` is walked."""
        frame = self.semantics.frame
        found = [node for node in self.tree.nodes_of(ast.Attribute, within=method)
                 if type(node.ctx) is ast.Store and isinstance(node.value, ast.Name) and node.value.id == receiver
                 and frame(node) is method]
        if any(isinstance(self.semantics.assign_type(node), ast.comprehension) for node in found):
            found = [node for node, _ in self.walk(method, _SCOPE_WALK)
                     if type(node) is ast.Attribute and isinstance(node.value, ast.Name)
                     and node.value.id == receiver and frame(node) is method]
        return found

    # -- the rebuilder's visit ---------------------------------------------------------------------

    def walk(self, root: ast.AST, mode: str) -> Iterator[tuple[ast.AST, str | None]]:
        """The binding events under ``root`` in the rebuilder's visit order: (binding, name) for names,
        parameters, imports (each alias), definitions (after their content), ``*args``/``**kwargs``
        (the ``ast.arguments``), names of except clauses and patterns; (``ast.Global``, None); and
        (``ast.Attribute``, attr) for attribute targets. In ``scope`` mode only the headers of nested
        functions, classes and lambdas are visited; in ``globals`` mode nested functions are skipped
        (each has its own ``global`` declarations) and everything else visited."""
        stack: list = [root]
        pop, extend = stack.pop, stack.extend
        steps = self._steps
        while stack:
            item = pop()
            if type(item) is tuple:
                yield item
                continue
            found = steps(item, item is root, mode)
            if found:
                extend(reversed(found))

    def _steps(self, node: ast.AST, is_root: bool, mode: str) -> list:
        """What the rebuilder does visiting ``node``: children to visit and (binding, name) to record."""
        node_type = type(node)
        special = _STEPS.get(node_type)
        if special is not None:
            return special(self, node, is_root, mode)
        if node_type in TYPE_PARAM_TYPES:
            return [(node, node.name), *(child for child in (getattr(node, "bound", None),
                                                             getattr(node, "default_value", None)) if child)]
        return self.tree.children(node)

    def _function_steps(self, node: ast.AST, is_root: bool, mode: str) -> list:
        if not is_root and mode == _GLOBALS_WALK:
            return []
        steps: list = [*node.decorator_list, *([node.returns] if node.returns else []), node.args]
        if is_root or mode != _SCOPE_WALK:
            steps += _body(node)
            steps += getattr(node, "type_params", [])
        if not is_root:
            steps.append((node, node.name))
        return steps

    def _class_steps(self, node: ast.ClassDef, is_root: bool, mode: str) -> list:
        metaclass = next((keyword for keyword in node.keywords if keyword.arg == "metaclass"), None)
        steps: list = [*([metaclass] if metaclass else []), *node.decorator_list, *node.bases]
        if is_root or mode != _SCOPE_WALK:
            steps += _body(node)
        steps += [keyword for keyword in node.keywords if keyword.arg != "metaclass"]
        if is_root or mode != _SCOPE_WALK:
            steps += getattr(node, "type_params", [])
        if not is_root:
            steps.append((node, node.name))
        return steps

    def _lambda_steps(self, node: ast.Lambda, is_root: bool, mode: str) -> list:
        return [node.args, node.body] if is_root or mode != _SCOPE_WALK else [node.args]

    def _arguments_steps(self, node: ast.arguments, is_root: bool, mode: str) -> list:
        steps: list = [*node.args, *node.defaults]
        steps += [arg.annotation for arg in (node.vararg, node.kwarg) if arg is not None and arg.annotation]
        steps += node.kwonlyargs
        steps += [default for default in node.kw_defaults if default is not None]
        steps += [arg.annotation for arg in (*node.args, *node.kwonlyargs) if arg.annotation]
        steps += node.posonlyargs
        steps += [arg.annotation for arg in node.posonlyargs if arg.annotation]
        steps += [(node, arg.arg) for arg in (node.vararg, node.kwarg) if arg is not None]
        return steps


def _body(node: ast.AST) -> list[ast.stmt]:
    return node.body[1:] if docstring_expr(node) is not None else node.body


def _name_steps(_, node: ast.Name, is_root: bool, mode: str) -> list:
    return [] if type(node.ctx) is ast.Load else [(node, node.id)]


def _attribute_steps(_, node: ast.Attribute, is_root: bool, mode: str) -> list:
    return [(node, node.attr), node.value] if type(node.ctx) is ast.Store else [node.value]


def _dict_steps(_, node: ast.Dict, is_root: bool, mode: str) -> list:
    return [child for key, value in zip(node.keys, node.values) for child in (value, key) if child is not None]


def _assert_steps(_, node: ast.Assert, is_root: bool, mode: str) -> list:
    return [node.msg, node.test] if node.msg else [node.test]


def _handler_steps(_, node: ast.ExceptHandler, is_root: bool, mode: str) -> list:
    return [*([node.type] if node.type else []), *([(node, node.name)] if node.name else []), *node.body]


def _match_as_steps(_, node: ast.MatchAs, is_root: bool, mode: str) -> list:
    return [*([node.pattern] if node.pattern else []), *([(node, node.name)] if node.name else [])]


def _match_star_steps(_, node: ast.MatchStar, is_root: bool, mode: str) -> list:
    return [(node, node.name)] if node.name else []


def _match_mapping_steps(_, node: ast.MatchMapping, is_root: bool, mode: str) -> list:
    return [*node.keys, *node.patterns, *([(node, node.rest)] if node.rest else [])]


def _import_steps(_, node: ast.Import, is_root: bool, mode: str) -> list:
    return [(node, (alias.asname or alias.name).split(".")[0]) for alias in node.names]


def _import_from_steps(_, node: ast.ImportFrom, is_root: bool, mode: str) -> list:
    return [(node, alias.asname or alias.name) for alias in node.names]


def _arg_steps(_, node: ast.arg, is_root: bool, mode: str) -> list:
    return [(node, node.arg)]


def _global_steps(_, node: ast.Global, is_root: bool, mode: str) -> list:
    return [(node, None)]


def _module_steps(_, node: ast.Module, is_root: bool, mode: str) -> list:
    return _body(node)


_STEPS = {
    ast.Module: _module_steps,
    ast.FunctionDef: ScopeLocals._function_steps,
    ast.AsyncFunctionDef: ScopeLocals._function_steps,
    ast.ClassDef: ScopeLocals._class_steps,
    ast.Lambda: ScopeLocals._lambda_steps,
    ast.arguments: ScopeLocals._arguments_steps,
    ast.arg: _arg_steps,
    ast.Name: _name_steps,
    ast.Attribute: _attribute_steps,
    ast.Dict: _dict_steps,
    ast.Assert: _assert_steps,
    ast.ExceptHandler: _handler_steps,
    ast.MatchAs: _match_as_steps,
    ast.MatchStar: _match_star_steps,
    ast.MatchMapping: _match_mapping_steps,
    ast.Import: _import_steps,
    ast.ImportFrom: _import_from_steps,
    ast.Global: _global_steps,
}
