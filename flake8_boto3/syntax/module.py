"""One module's syntax, as the analyses use it: its tree index and scopes, with where it lives.

The linted file is read from the ``ast`` tree flake8 already parsed; a project
module it imports (a sibling whose factory or client a rule needs to look at)
is parsed from its file when an analysis follows a call into it.
"""

from __future__ import annotations

import ast
import os
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import cached_property

from flake8_boto3 import project
from flake8_boto3.syntax.scopes import Scopes
from flake8_boto3.syntax.tree import Tree


@dataclass(eq=False)
class ModuleSyntax:
    """A module's ``ast`` tree with its :class:`Tree` index and :class:`Scopes`."""

    module: ast.Module
    source: str
    path: str  # as flake8 names it ("-" or the display name for stdin)
    modname: str
    is_package: bool = False
    tree: Tree = field(init=False)

    def __post_init__(self) -> None:
        self.tree = Tree(self.module)

    @cached_property
    def scopes(self) -> Scopes:
        return Scopes(self.tree, package=self.is_package)

    @cached_property
    def binding_statements(self) -> dict[str, list[ast.AST]] | None:
        """Every ``def`` and import statement anywhere in the module, by the name it binds, or None when
        a star import may bind any name. A scope lookup can only find a function or an import among
        these: a name with none (``len``, ``str``, a local) needs no lookup to tell it is neither."""
        found: dict[str, list[ast.AST]] = {}
        for node in self.tree.nodes_of((ast.FunctionDef, ast.AsyncFunctionDef, ast.Import, ast.ImportFrom)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                found.setdefault(node.name, []).append(node)
                continue
            for alias in node.names:
                if alias.name == "*":
                    return None
                found.setdefault(alias.asname or alias.name.split(".")[0], []).append(node)
        return found

    @cached_property
    def longest_class_chain(self) -> int:
        """How many classes the longest chain of this module's classes holds, each deriving from the
        one before by a plain name (``class C2(C1)``): 1 with no inheritance inside the module."""
        chain_at: dict[str, int] = {}
        longest = 0
        for cls in self.tree.nodes_of(ast.ClassDef):  # in source order: a base is defined before use
            length = 1 + max((chain_at.get(base.id, 0) for base in cls.bases if isinstance(base, ast.Name)), default=0)
            chain_at[cls.name] = length
            longest = max(longest, length)
        return longest

    @classmethod
    def of_file(cls, module: ast.Module, source: str, path: str) -> ModuleSyntax:
        """The linted file, from the tree flake8 parsed."""
        modname, _ = project.module_name_and_root(path, project.relative_import_levels(module.body))
        return cls(module, source, path, modname, os.path.basename(path or "") == "__init__.py")

    @classmethod
    def of_project_file(cls, path: str, modname: str) -> ModuleSyntax | None:
        """A module of the project, parsed from its file (None when it cannot be read or parsed).

        One object per file and module name, kept for the next files until
        :meth:`trim_project_modules` forgets it between two files: both tiers of the boto3 model name
        the same ``ast`` nodes of it, and the analyses tell functions apart by node."""
        key = (os.path.realpath(path), modname)
        if key in _PROJECT_MODULES:
            _PROJECT_MODULES.move_to_end(key)  # most recently used last
        else:
            _PROJECT_MODULES[key] = cls._parse(path, modname)
        _USED_SINCE_TRIM.add(key)
        return _PROJECT_MODULES[key]

    @staticmethod
    def trim_project_modules(budget: int | None = None) -> list[ModuleSyntax]:
        """Between two files: forget the least recently used project modules until the sources of
        those kept add up to ``budget`` characters at most (their trees and indexes take about 50
        bytes of memory a character); the forgotten ones are returned. The modules the file just
        analysed used stay whatever their size, for the next file (often a neighbour that imports
        the same ones). Never during a file's analysis: both tiers must name the same nodes of a
        module while a file is analysed."""
        budget = PROJECT_MODULES_BUDGET if budget is None else budget
        kept = sum(len(home.source) for home in _PROJECT_MODULES.values() if home is not None)
        forgotten: list[ModuleSyntax] = []
        while kept > budget and _PROJECT_MODULES and next(iter(_PROJECT_MODULES)) not in _USED_SINCE_TRIM:
            _, home = _PROJECT_MODULES.popitem(last=False)
            if home is not None:
                kept -= len(home.source)
                forgotten.append(home)
        _USED_SINCE_TRIM.clear()
        return forgotten

    @classmethod
    def _parse(cls, path: str, modname: str) -> ModuleSyntax | None:
        try:
            with open(path, "rb") as stream:
                source = stream.read().decode("utf-8", "surrogateescape")
            module = ast.parse(source, path)
        except (OSError, SyntaxError, ValueError, RecursionError):
            return None
        return cls(module, source, path, modname, os.path.basename(path) == "__init__.py")


# The project modules parsed for the process, by real path and module name, least recently used first.
_PROJECT_MODULES: OrderedDict[tuple[str, str], ModuleSyntax | None] = OrderedDict()
# Characters of source whose syntax is kept between files (about 10 MB of trees and indexes). From
# 300,000 to 200,000 on 2026-12-01: 3.8 MB less peak RSS over c7n (+58.6 MB over plain flake8, the
# issue's bar is 60) and 3.0 MB less over apache-airflow-providers-amazon, for re-parsing what was
# forgotten (cold runs 0.94x on c7n, 1.03x on airflow, median of 4 pairs; the spread was 0.89-1.19).
PROJECT_MODULES_BUDGET = 200_000
# The project modules asked for since the last trim (the file just analysed used them).
_USED_SINCE_TRIM: set[tuple[str, str]] = set()
