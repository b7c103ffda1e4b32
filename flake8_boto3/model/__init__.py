"""The boto3 model: what the code's expressions are, as far as boto3 goes.

:class:`Boto3Model` answers the analyses' questions about one linted file and
the project modules it reaches: what an expression is (:class:`~.values.Boto3Value`),
which call creates a session, client or resource, which functions a call calls.
The syntactic tier (:mod:`.syntax_tier`, one per module asked about: the linted
file and the project modules it reaches) decides what the syntax decides, exactly
as astroid would; the rest goes to astroid, through :class:`~.bridge.AstroidBridge`,
which builds astroid's tree only when a question needs it: a file whose every
question the syntax decides never imports astroid.

With ``FLAKE8_BOTO3_VERIFY_SYNTAX`` set to a file name, every question the
syntactic tier decides is asked of astroid too, and each difference is appended
to that file (``bench/verify_syntax_tier.py`` runs it over the corpus).
"""

from __future__ import annotations

import ast
import contextlib
import gc
import os
from collections.abc import Iterator
from dataclasses import replace

from flake8_boto3.model import passed_in
from flake8_boto3.model.bridge import AstroidBridge, FunctionRef, forget_pairings
from flake8_boto3.model.syntax_tier import UNDECIDED, SyntaxTier, may_construct
from flake8_boto3.model.values import CONSTRUCTED_KINDS, Boto3Value, Kind
from flake8_boto3.syntax.module import ModuleSyntax

__all__ = [
    "Boto3Model", "Boto3Value", "CONSTRUCTED_KINDS", "FunctionRef", "Kind", "forget_project_modules", "settle_memory",
]

_UNKNOWN = object()
VERIFY_VARIABLE = "FLAKE8_BOTO3_VERIFY_SYNTAX"


class Boto3Model:
    """The boto3 model for one linted file (see the module docs)."""

    def __init__(self, home: ModuleSyntax) -> None:
        self.home = home
        self.syntax = SyntaxTier(home)
        self._tiers: dict[ModuleSyntax, SyntaxTier] = {home: self.syntax}
        self.bridge = AstroidBridge(home)
        self._values: dict[ast.AST, Boto3Value | None] = {}
        self._constructions: dict[ast.AST, Boto3Value | None] = {}
        self._parameters: dict[ast.arg, Boto3Value | None] = {}
        self._verify = os.environ.get(VERIFY_VARIABLE)

    def _ask(self, question: str, home: ModuleSyntax, node: ast.AST, *args):
        """The syntactic tier's answer when it has one (about the linted file or a project module it
        reaches), else astroid's."""
        found = self._syntax_answer(question, home, node, *args)
        if found is not UNDECIDED:
            return found
        return getattr(self.bridge, question)(home, node, *args)

    def _syntax_answer(self, question: str, home: ModuleSyntax, node: ast.AST, *args):
        """The syntactic tier's answer, or UNDECIDED."""
        found = getattr(self._tier(home), question)(node, *args)
        if isinstance(found, Boto3Value) and found.origin is not None and (found.home is not self.home) != (
            found.created_elsewhere
        ):
            found = replace(found, created_elsewhere=found.home is not self.home)  # made in a project module
        if found is UNDECIDED:
            return found
        if self._verify:
            self._compare(question, home, node, args, found)
        return _functions(home, found) if question in _FUNCTION_QUESTIONS else found

    def _tier(self, home: ModuleSyntax) -> SyntaxTier:
        tier = self._tiers.get(home)
        if tier is None:
            tier = self._tiers[home] = SyntaxTier(home)
        return tier

    def _compare(self, question: str, home: ModuleSyntax, node: ast.AST, args: tuple, found) -> None:
        expected = getattr(self.bridge, question)(home, node, *args)
        if question in _FUNCTION_QUESTIONS:
            found = _functions(home, found)
        if expected != found:
            with open(self._verify, "a", encoding="utf-8") as report:
                report.write(
                    f"{home.path}:{getattr(node, 'lineno', 0)}: {question}({ast.unparse(node)[:80]!r}):"
                    f" syntax {_describe(found)} astroid {_describe(expected)}\n"
                )

    def value_of(self, home: ModuleSyntax, node: ast.AST) -> Boto3Value | None:
        """The boto3 object ``node`` evaluates to, or None when it is not one (or nothing is known).
        A parameter neither tier can tell is what every call of its function in the module passes
        for it, when that is one kind of boto3 object (:mod:`.passed_in`)."""
        found = self._values.get(node, _UNKNOWN)
        if found is _UNKNOWN:
            found = self._ask("value_of", home, node)
            if isinstance(node, ast.Name) and (found is None or _generic(found)):
                passed = self._passed_in(home, node)
                if passed is not None and (found is None or _refines(found, passed)):
                    found = passed  # `table: ServiceResource`, and every caller passes a DynamoDB Table
            self._values[node] = found
        return found

    def _passed_in(self, home: ModuleSyntax, name: ast.Name) -> Boto3Value | None:
        """What every call in the module passes for the parameter ``name`` reads, when each argument is
        told (a parameter of the caller in turn too): by the syntax, else by astroid. (Asking astroid
        only where the file's analysis had built its trees already made the answer depend on which
        questions came first; asking always builds them for 6 more of the corpus's 1,554 files.)"""
        parameter = passed_in.parameter_read(home, name)
        if parameter is None:
            return None
        found = self._parameters.get(parameter, _UNKNOWN)
        if found is _UNKNOWN:
            self._parameters[parameter] = None  # while it is worked out: a recursive call passing it on
            values = []
            for argument in passed_in.arguments_for(home, parameter) or ():
                value = self._syntax_answer("value_of", home, argument)
                if value is UNDECIDED:
                    value = self.bridge.value_of(home, argument)
                if value is None and isinstance(argument, ast.Name):
                    value = self._passed_in(home, argument)
                values.append(value)
            found = None
            if values and all(isinstance(v, Boto3Value) for v in values) and len({v.kind for v in values}) == 1:
                services = {v.service for v in values}
                found = values[0] if len(services) == 1 else values[0].without_service()
            self._parameters[parameter] = found
        return found

    def constructed_by(self, home: ModuleSyntax, call: ast.Call) -> Boto3Value | None:
        """The session, client or resource this very call creates, or None."""
        found = self._constructions.get(call, _UNKNOWN)
        if found is _UNKNOWN:
            may = may_construct(home, call)
            found = self._constructions[call] = self._ask("constructed_by", home, call) if may else None
        return found

    def sole_function(self, home: ModuleSyntax, node: ast.AST) -> FunctionRef | None:
        """The function ``node`` evaluates to, when that is all it can be (one value, a function)."""
        return self._ask("sole_function", home, node)

    def class_initialiser(self, home: ModuleSyntax, node: ast.AST) -> FunctionRef | None:
        """The ``__init__`` of the one class ``node`` evaluates to, defined in that class's own body."""
        return self._ask("class_initialiser", home, node)

    def literal_string(self, home: ModuleSyntax, node: ast.AST | None) -> str | None:
        """The string ``node`` evaluates to, when it can be told."""
        if node is None:
            return None
        if isinstance(node, ast.Constant):
            return node.value if isinstance(node.value, str) else None
        return self._ask("literal_string", home, node)

    def functions_called(self, home: ModuleSyntax, call: ast.Call) -> list[FunctionRef]:
        return self._ask("functions_called", home, call)

    def infers_to_class(self, home: ModuleSyntax, node: ast.AST, qualified_name: str) -> bool:
        return self._ask("infers_to_class", home, node, qualified_name)

    def infers_to_builtin_exception(self, home: ModuleSyntax, node: ast.AST) -> bool:
        return self._ask("infers_to_builtin_exception", home, node)

    @property
    def used_astroid(self) -> bool:
        return self.bridge.used

    def close(self) -> bool:
        """Drop astroid's trees of the file; whether astroid was used (see :func:`settle_memory`)."""
        self.bridge.close()
        return self.bridge.used


def forget_project_modules() -> None:
    """Between two files: keep the syntax of the project modules analyses followed within its memory
    budget (:meth:`ModuleSyntax.trim_project_modules`), and unpair what was forgotten from astroid's
    modules. Nothing of it is cyclic: it is freed at once, frozen or not."""
    forget_pairings(ModuleSyntax.trim_project_modules())


def settle_memory(collect: bool = True) -> None:
    """After a file whose analysis used astroid, once nothing of the file is referenced any more.

    The garbage is collected, then everything that survived (astroid's builtins,
    the stand-ins, cached siblings, the botocore table) is frozen: Python's
    collector never scans it again. Without this, every later full collection,
    during flake8's own checks too, walks hundreds of thousands of astroid
    nodes: on c7n that doubled the time of a whole run. Each collection now
    scans only what one file allocated. Freezing while the file's own trees are
    still referenced would keep them (and their cycles) for the rest of the run.
    Collecting finalises astroid's abandoned inference generators quietly
    (:mod:`flake8_boto3.inference.quiet`). When modules have left astroid's
    cache since (its size bound, a run moving to another root), the frozen
    objects are collected too: those modules' trees are garbage now.

    ``collect=False`` after the last file of a process: the garbage is frozen
    with the rest (it goes when the process ends, a few milliseconds later),
    which still spares flake8's own checks of the file from scanning it.
    """
    if collect:
        from flake8_boto3.inference.quiet import quiet_generator_finalization
        from flake8_boto3.inference.scope import took_dropped_modules

        if took_dropped_modules():
            gc.unfreeze()
        with quiet_generator_finalization():
            gc.collect()
    gc.freeze()


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """While one file is analysed: Python's cyclic collector does not run.

    Building astroid's builtins and a file's trees allocates hundreds of thousands of objects,
    and each few hundred allocations start a collection that scans the young ones, each few
    thousand one that scans everything not frozen yet: a fifth of an editor lint went there.
    What the analysis leaves as cyclic garbage is collected once after the file instead
    (:func:`settle_memory`), or, after the last file of a process, frozen and left to the exit.
    The file's budget bounds how long (and so how much) the analysis allocates meanwhile.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


_FUNCTION_QUESTIONS = ("sole_function", "functions_called", "class_initialiser")


def _functions(home: ModuleSyntax, found):
    """The syntactic tier names functions of the linted file by node (and of other modules by
    FunctionRef); the model answers FunctionRefs."""
    if isinstance(found, list):
        return [_function(home, node) for node in found]
    return _function(home, found) if found is not None else None


def _function(home: ModuleSyntax, found) -> FunctionRef:
    return found if isinstance(found, FunctionRef) else FunctionRef(home, found)


def _describe(answer) -> str:
    if isinstance(answer, list):
        return "[" + ", ".join(map(_describe, answer)) + "]"
    if isinstance(answer, FunctionRef):
        return f"{answer.node.name}@{answer.home.path}:{answer.node.lineno}"
    if isinstance(answer, Boto3Value):
        where = ""
        if answer.origin is not None:
            where = f"@{getattr(answer.home, 'path', None)}:{getattr(answer.origin, 'lineno', None)}"
        return f"{answer.kind.value}({answer.service}, {answer.type_name}){where}"
    return repr(answer)


def _generic(value: Boto3Value) -> bool:
    """An object of no known service, made nowhere the plugin sees: what a generic annotation says
    (``table: ServiceResource``, ``client: BaseClient``)."""
    return value.service is None and value.origin is None


def _refines(generic: Boto3Value, passed: Boto3Value) -> bool:
    """What every caller passes is the generic object, told more precisely: a client of a service for
    ``BaseClient``; a service resource or one of its resources (a ``Table``) for ``ServiceResource``."""
    if passed.service is None:
        return False
    if generic.kind is Kind.RESOURCE:
        return passed.kind in (Kind.RESOURCE, Kind.SUB_RESOURCE)
    return passed.kind is generic.kind
