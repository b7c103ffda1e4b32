"""Asking astroid what the syntax cannot decide, about the same code, and answering in ``ast`` terms.

The bridge builds the astroid tree of the linted file from the ``ast`` tree flake8
parsed, the first time a question needs it (a file whose every question the
syntax decides never imports astroid), inside the plugin's lean analysis scope.
Each question names an ``ast`` node of the linted file or of a project module;
the bridge finds the astroid node built from it (:class:`~flake8_boto3.syntax.mapping.AstroidMap`),
asks the boto3 model's astroid tier (:mod:`flake8_boto3.inference`), and maps
the answer's nodes back: the call that created a boto3 object, the functions a
call calls, wherever they are in the project.

:meth:`AstroidBridge.close` drops what it built, as
:func:`flake8_boto3.inference.scope.release` explains.
"""

from __future__ import annotations

import ast
import contextlib
import sys
from dataclasses import dataclass
from functools import cached_property

from flake8_boto3 import budget
from flake8_boto3.model.values import Boto3Value, Kind
from flake8_boto3.syntax.module import ModuleSyntax


def _too_long_class_chain(home: ModuleSyntax) -> bool:
    """A module whose classes derive from each other in a chain longer than the budget allows is not
    given to astroid (see :data:`flake8_boto3.budget.MAX_CLASS_CHAIN`): the file's budget runs out."""
    length = home.longest_class_chain
    if length <= budget.MAX_CLASS_CHAIN:
        return False
    budget.exhaust(f"{length:,} classes deriving from each other in a chain, more than {budget.MAX_CLASS_CHAIN}")
    return True


def forget_pairings(forgotten: list[ModuleSyntax]) -> None:
    """astroid's cached modules paired with the syntax of project modules just forgotten
    (:meth:`ModuleSyntax.trim_project_modules`) drop the pairing, so that its memory goes; a later
    file pairs them with the module's syntax parsed afresh."""
    if not forgotten or "astroid.manager" not in sys.modules:
        return
    from astroid.manager import AstroidManager

    gone = {id(home) for home in forgotten}
    for module in AstroidManager().astroid_cache.values():
        pair = getattr(module, "flake8_boto3_syntax", None)
        if pair is not None and id(pair[0]) in gone:
            del module.flake8_boto3_syntax


@dataclass(frozen=True)
class FunctionRef:
    """A function of the project: its module's syntax and its ``ast`` node."""

    home: ModuleSyntax
    node: ast.FunctionDef | ast.AsyncFunctionDef


def _forget_inferences() -> None:
    """Empty astroid's cache of inference results before each question: what it inferred for an earlier
    question may differ from what a fresh inference gives (asking which function ``_utils.client`` is,
    among its 22 ``@overload`` stubs, made a later ``_utils.client(service_name="athena")`` infer to
    nothing), and the answers must not depend on which questions the rules asked before (the rules a
    run reports, the order they run in). It costs about 5 % of the plugin's time on c7n."""
    from astroid.context import InferenceContext

    InferenceContext().inferred.clear()


class AstroidBridge:
    """The astroid tier of the boto3 model for one linted file (see the module docs)."""

    def __init__(self, home: ModuleSyntax) -> None:
        self.home = home
        self._maps: dict[int, tuple[ModuleSyntax, object]] = {}  # id(astroid module) -> (syntax, map)
        self._exit = contextlib.ExitStack()
        self.used = False

    # -- building ----------------------------------------------------------------------------------

    @cached_property
    def _module(self):
        """The linted file's astroid module (built on first use, inside the analysis scope)."""
        from astroid.manager import AstroidManager

        from flake8_boto3.inference import build, scope
        from flake8_boto3.inference.quiet import quiet_generator_finalization

        self.used = True
        manager = AstroidManager()
        scope.bound_cache(manager)
        self._exit.enter_context(scope.analysis_scope(manager))
        self._exit.enter_context(quiet_generator_finalization())
        module = build.build_module(self.home.module, self.home.source, self.home.path)
        self._exit.callback(scope.release, manager, module)
        return module

    def _map_for(self, astroid_module) -> tuple[ModuleSyntax, object] | None:
        """(module syntax, node map) for an astroid module of the project, or None.

        The linted file's map was recorded while astroid's tree was built from it
        (:mod:`flake8_boto3.inference.build`). A project module's syntax is parsed and paired with
        astroid's tree by position the first time an analysis follows a call into it, and kept beside
        astroid's module for the next files."""
        from flake8_boto3.inference.build import built_from

        found = self._maps.get(id(astroid_module))
        if found is not None:
            return found
        if astroid_module is self._module:
            found = (self.home, built_from(astroid_module)[2])
        else:
            found = getattr(astroid_module, "flake8_boto3_syntax", None) or self._syntax_of(astroid_module)
            if found is None:
                return None
        self._maps[id(astroid_module)] = found
        return found

    @staticmethod
    def _syntax_of(astroid_module) -> tuple[ModuleSyntax, object] | None:
        from flake8_boto3.syntax.mapping import AstroidMap

        path = getattr(astroid_module, "file", None)
        home = ModuleSyntax.of_project_file(path, astroid_module.name) if path else None
        if home is None:
            return None
        found = (home, AstroidMap(home.tree, astroid_module))
        astroid_module.flake8_boto3_syntax = found
        return found

    def _astroid(self, home: ModuleSyntax, node: ast.AST):
        """The astroid node built from ``node`` (of the linted file or a project module), or None."""
        if _too_long_class_chain(home):
            return None
        if home is self.home:
            astroid_module = self._module
        else:
            from astroid.manager import AstroidManager

            self._module  # noqa: B018 - the analysis scope must be active
            try:
                astroid_module = AstroidManager().ast_from_module_name(home.modname)
            except Exception:  # noqa: BLE001 - astroid cannot load it: nothing known
                return None
        mapped = self._map_for(astroid_module)
        _forget_inferences()
        return mapped[1].to_astroid(node) if mapped is not None else None

    def _ast(self, astroid_node) -> tuple[ModuleSyntax, ast.AST] | None:
        """(module syntax, ``ast`` node) for an astroid node of the project, or None."""
        try:
            root = astroid_node.root()
        except Exception:  # noqa: BLE001
            return None
        mapped = self._map_for(root)
        if mapped is None:
            return None
        found = mapped[1].to_ast(astroid_node)
        return (mapped[0], found) if found is not None else None

    # -- questions ---------------------------------------------------------------------------------

    def value_of(self, home: ModuleSyntax, node: ast.AST) -> Boto3Value | None:
        """What astroid infers ``node`` to be, as far as boto3 goes."""
        from flake8_boto3.inference import infer_boto3

        counterpart = self._astroid(home, node)
        if counterpart is None:
            return None
        return self._value(infer_boto3(counterpart))

    def constructed_by(self, home: ModuleSyntax, call: ast.Call) -> Boto3Value | None:
        """The session, client or resource this very call creates, or None."""
        from flake8_boto3.inference.brain_boto3 import constructed_by

        counterpart = self._astroid(home, call)
        if counterpart is None:
            return None
        return self._value(constructed_by(counterpart))

    def literal_string(self, home: ModuleSyntax, node: ast.AST) -> str | None:
        from flake8_boto3.inference.brain_boto3 import literal_string

        counterpart = self._astroid(home, node)
        return literal_string(counterpart) if counterpart is not None else None

    def functions_called(self, home: ModuleSyntax, call: ast.Call) -> list[FunctionRef]:
        """The functions astroid infers ``call`` to call, in the project (none when it cannot tell)."""
        from astroid import nodes

        counterpart = self._astroid(home, call)
        if counterpart is None:
            return []
        try:
            inferred = [value for value in counterpart.func.infer() if isinstance(value, nodes.FunctionDef)]
        except Exception:  # noqa: BLE001 - inference errors of every kind: nothing known
            return []
        return [ref for function in inferred if (ref := self._function_ref(function)) is not None]

    def sole_function(self, home: ModuleSyntax, node: ast.AST) -> FunctionRef | None:
        """The function ``node`` infers to, when it infers to exactly one value and that is a function."""
        from astroid import nodes

        return self._function_ref(self._sole_value(home, node, nodes.FunctionDef))

    def class_initialiser(self, home: ModuleSyntax, node: ast.AST) -> FunctionRef | None:
        """The ``__init__`` the class ``node`` infers to (exactly one class) defines in its own body."""
        from astroid import nodes

        cls = self._sole_value(home, node, nodes.ClassDef)
        bindings = cls.locals.get("__init__", []) if cls is not None else []
        return self._function_ref(bindings[0]) if len(bindings) == 1 else None

    def _sole_value(self, home: ModuleSyntax, node: ast.AST, kind: type):
        """The one value astroid infers ``node`` to, when there is exactly one and it is a ``kind``."""
        counterpart = self._astroid(home, node)
        if counterpart is None:
            return None
        try:
            inferred = list(counterpart.infer())
        except Exception:  # noqa: BLE001 - inference errors of every kind: nothing known
            return None
        return inferred[0] if len(inferred) == 1 and isinstance(inferred[0], kind) else None

    def _function_ref(self, function) -> FunctionRef | None:
        """The ``def`` an astroid function is, in the syntax of its module (None for anything else)."""
        from astroid import nodes

        if not isinstance(function, nodes.FunctionDef):
            return None
        located = self._ast(function)
        if located is None or not isinstance(located[1], (ast.FunctionDef, ast.AsyncFunctionDef)):
            return None
        return FunctionRef(*located)

    def infers_to_class(self, home: ModuleSyntax, node: ast.AST, qualified_name: str) -> bool:
        """Does ``node`` infer to the class of that qualified name (``botocore.exceptions.ClientError``)?"""
        from astroid import nodes

        counterpart = self._astroid(home, node)
        if counterpart is None:
            return False
        try:
            return any(isinstance(v, nodes.ClassDef) and v.qname() == qualified_name for v in counterpart.infer())
        except Exception:  # noqa: BLE001
            return False

    def infers_to_builtin_exception(self, home: ModuleSyntax, node: ast.AST) -> bool:
        """Does every value ``node`` infers to name a built-in exception class (``OSError``, ``KeyError``)?"""
        from astroid import nodes

        counterpart = self._astroid(home, node)
        if counterpart is None:
            return False
        try:
            values = list(counterpart.infer())
            return bool(values) and all(
                isinstance(v, nodes.ClassDef)
                and v.root().name == "builtins"
                and (v.name == "BaseException" or v.is_subtype_of("builtins.BaseException"))
                for v in values
            )
        except Exception:  # noqa: BLE001
            return False

    def _value(self, found) -> Boto3Value | None:
        if found is None:
            return None
        origin = home = None
        elsewhere = False
        if found.origin is not None:
            located = self._ast(found.origin)
            if located is None:
                elsewhere = True
            else:
                home, origin = located
                elsewhere = home is not self.home
        type_name = found.type_name
        if found.kind.value == Kind.SESSION.value:
            type_name = _class_name(found)
        return Boto3Value(Kind(found.kind.value), found.service, origin, type_name, elsewhere, home)

    def close(self) -> None:
        self._exit.close()


def _class_name(found) -> str | None:
    """The qualified name of the class an astroid boto3 object is an instance of."""
    try:
        return found._proxied.qname()
    except Exception:  # noqa: BLE001
        return None
