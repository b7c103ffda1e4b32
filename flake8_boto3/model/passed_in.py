"""What a parameter is given: the arguments every call of its function in the module passes for it.

A helper that takes its client as a parameter (``def purge(s3, bucket): s3.list_objects_v2(...)``)
has no annotation to tell what the parameter is, and inference stops there. When the module
calls the function, and every call passes an argument for the parameter, those arguments are
what the parameter can be: :func:`arguments_for` lists them, for the model to ask what they are
(``purge(boto3.client("s3"), name)``: an S3 client).

Decided from the syntax of the module alone, and only when all of it holds:

- the parameter belongs to a ``def`` without decorators (a decorator may call it with anything),
  is neither ``*args``/``**kwargs`` nor a method's ``self``/``cls``, and has no default (a call
  that leaves it out gives the default);
- every name in the module that refers to the function is the callee of a call: a function handed
  on (``map(purge, ...)``, a callback, ``__all__``) may be called with anything;
- the module calls it at least once, and each call passes the parameter, by position or keyword,
  without ``*``/``**`` unpacking. A method is called as ``self.name(...)``/``cls.name(...)`` from
  the methods of its class, or on an object of its class the module makes (``crawler =
  Crawler(...)``, then ``crawler.run(glue)``), and is not referred to in any other way in the module.

Callers in other modules are not seen: a public function whose module never calls it decides
nothing.
"""

from __future__ import annotations

import ast

from flake8_boto3.syntax.module import ModuleSyntax
from flake8_boto3.syntax.names import arguments_bound, parameter_default
from flake8_boto3.syntax.tree import FUNCTION_TYPES


def parameter_read(home: ModuleSyntax, name: ast.Name) -> ast.arg | None:
    """The parameter ``name`` reads, when that is the one thing it can be."""
    found = home.scopes.lookup(name)
    if not found.certain or len(found.bindings) != 1 or not isinstance(found.bindings[0], ast.arg):
        return None
    return found.bindings[0]


def arguments_for(home: ModuleSyntax, parameter: ast.arg) -> list[ast.AST] | None:
    """The arguments the module's calls pass for ``parameter``, or None (see the module docs)."""
    arguments = home.tree.parent(parameter)
    function = home.tree.parent(arguments)
    if not isinstance(function, FUNCTION_TYPES) or function.decorator_list:
        return None
    owner = home.scopes.frame_of(home.tree.parent(function))
    method = isinstance(owner, ast.ClassDef)
    if not _must_be_passed(arguments, parameter, method):
        return None
    calls = _calls_of(home, function, owner)
    if not calls:
        return None
    passed = [(arguments_bound(function, call, skip_first=method) or {}).get(parameter.arg) for call in calls]
    return None if any(argument is None for argument in passed) else passed


def _must_be_passed(arguments: ast.arguments, parameter: ast.arg, method: bool) -> bool:
    """Every call passes the parameter: it has no default, and it is no ``self``/``cls`` (a method's
    first parameter, bound by the receiver) and no ``*args``/``**kwargs``."""
    positional = [*arguments.posonlyargs, *arguments.args]
    if method and positional[:1] == [parameter]:
        return False
    if parameter not in positional and parameter not in arguments.kwonlyargs:
        return False  # *args, **kwargs
    return parameter_default(arguments, parameter) is None


def _calls_of(home: ModuleSyntax, function: ast.AST, owner: ast.AST) -> list[ast.Call] | None:
    """Every call of ``function`` in the module, when the module refers to it only by calling it."""
    calls: list[ast.Call] = []
    if isinstance(owner, ast.ClassDef):
        for node in home.tree.nodes_of(ast.Attribute):
            if node.attr != function.name:
                continue
            call = home.tree.parent(node)
            receiver = node.value
            if not (isinstance(call, ast.Call) and call.func is node):
                return None  # handed on: its callers are not all in sight
            if _made_here(home, receiver, owner):
                calls.append(call)  # crawler = Crawler(...), then crawler.run(glue)
                continue
            if not isinstance(receiver, ast.Name) or receiver.id not in ("self", "cls"):
                return None  # called on something else
            if not _in_class(home, call, owner):
                return None
            calls.append(call)
        return calls
    for node in home.tree.nodes_of(ast.Name):
        if node.id != function.name or not isinstance(node.ctx, ast.Load):
            continue
        looked_up = home.scopes.lookup(node)
        if function not in looked_up.bindings:
            continue  # another binding of the same name
        if not looked_up.certain or len(looked_up.bindings) != 1:
            return None
        call = home.tree.parent(node)
        if not (isinstance(call, ast.Call) and call.func is node):
            return None  # handed on: called elsewhere with anything
        calls.append(call)
    return calls


def _made_here(home: ModuleSyntax, receiver: ast.AST, cls: ast.ClassDef) -> bool:
    """An object of ``cls`` the module makes: ``Crawler(...)``, or a name whose one binding is an
    assignment of it (``crawler = Crawler(...)``)."""
    if isinstance(receiver, ast.Name):
        found = home.scopes.lookup(receiver)
        if not found.certain or len(found.bindings) != 1 or not isinstance(found.bindings[0], ast.Name):
            return False
        statement = home.tree.parent(found.bindings[0])
        if not (isinstance(statement, ast.Assign) and statement.targets == [found.bindings[0]]):
            return False
        receiver = statement.value
    if not (isinstance(receiver, ast.Call) and isinstance(receiver.func, ast.Name)):
        return False
    found = home.scopes.lookup(receiver.func)
    return found.certain and found.bindings == [cls]


def _in_class(home: ModuleSyntax, node: ast.AST, cls: ast.ClassDef) -> bool:
    """``node`` is in a method of ``cls`` (not of a class nested in it)."""
    function = home.scopes.frame_of(node)
    return isinstance(function, FUNCTION_TYPES) and home.scopes.frame_of(home.tree.parent(function)) is cls
