"""What an expression of the linted file is, as far as boto3 goes: a session, a client of a service...

The analyses see :class:`Boto3Value` whichever tier decided it (the syntax, or
astroid where the syntax cannot tell), so they never depend on astroid objects.
"""

from __future__ import annotations

import ast
import enum
from dataclasses import dataclass, replace


class Kind(str, enum.Enum):
    SESSION = "session"
    CLIENT = "client"
    RESOURCE = "resource"
    SUB_RESOURCE = "sub-resource"  # e.g. a DynamoDB Table, an S3 Bucket
    RESOURCE_META = "resource meta"  # resource.meta, whose .client is a client
    EXCEPTIONS = "exceptions"  # client.exceptions
    PAGINATOR = "paginator"
    WAITER = "waiter"


# What a construction builds; sub-resources, meta objects and the like are views
# onto an existing client and cost nothing to make.
CONSTRUCTED_KINDS = frozenset({Kind.SESSION, Kind.CLIENT, Kind.RESOURCE})


@dataclass(frozen=True)
class Boto3Value:
    """A boto3 object: its kind, its service when known, and the call that created it.

    ``origin`` is that call, in the module ``home`` (the linted file or another
    project module: ``created_elsewhere``); ``None`` when the object comes from an
    annotation, or from code the plugin cannot see.
    """

    kind: Kind
    service: str | None = None
    origin: ast.AST | None = None
    # The resource type of a sub-resource ("Table"), a paginator's operation, a session's class
    # ("boto3.session.Session" or "botocore.session.Session").
    type_name: str | None = None
    created_elsewhere: bool = False
    home: object = None  # the ModuleSyntax that holds ``origin``

    @property
    def is_constructed(self) -> bool:
        return self.kind in CONSTRUCTED_KINDS

    def derive(self, kind: Kind, type_name: str | None = None) -> Boto3Value:
        """An object of another kind for the same service and origin (``client.exceptions``...)."""
        return replace(self, kind=kind, type_name=type_name)

    def without_service(self) -> Boto3Value:
        return replace(self, service=None)
