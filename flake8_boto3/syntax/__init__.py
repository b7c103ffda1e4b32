"""The syntactic tier: questions about a file answered on the stdlib ``ast`` tree flake8 already parsed.

Most files never need astroid's tree, inference or garbage. This package gives the analyses astroid's
answers to the questions that are decided by syntax alone, exactly as astroid gives them:

- :mod:`.tree`: the :class:`~.tree.Tree` index (parents, children in astroid's order, node lists by
  type, statements, siblings) built in one pass;
- :mod:`.scopes`: :class:`~.scopes.Scopes`, astroid's name lookup (``node.lookup(name)``), scope locals
  and instance attributes, on that tree;
- :mod:`.mapping`: :class:`~.mapping.AstroidMap` between an ``ast`` tree and the astroid tree built
  from it, for the questions only astroid can answer (the only module here that imports astroid).
"""

from flake8_boto3.syntax.scopes import Builtin, Implicit, Lookup, Scopes
from flake8_boto3.syntax.tree import Tree

__all__ = ["Builtin", "Implicit", "Lookup", "Scopes", "Tree"]
