"""The synthetic objects that boto3 constructors infer to.

A :class:`Boto3Object` is an astroid ``Instance`` of a stub class (see
:mod:`.stubs`) that also carries what the rules need to know: its kind
(session, client, resource, ...), the AWS service name when it is known, and
the call that created it.
"""

from __future__ import annotations

from collections.abc import Iterator

from astroid import bases, nodes
from astroid.context import InferenceContext

from flake8_boto3.model.values import CONSTRUCTED_KINDS, Kind  # one Kind for both tiers of the model

__all__ = ["Boto3Object", "CONSTRUCTED_KINDS", "Kind"]


class Boto3Object(bases.Instance):
    """An instance of a boto3 class, as far as static analysis can tell."""

    def __init__(
        self,
        proxied: nodes.ClassDef,
        kind: Kind,
        service: str | None = None,
        origin: nodes.NodeNG | None = None,
        type_name: str | None = None,
    ) -> None:
        super().__init__(proxied)
        self.kind = kind
        self.service = service
        # The call that created the object (None when it comes from an annotation).
        self.origin = origin
        # The resource type of a sub-resource ("Table"), the operation of a paginator.
        self.type_name = type_name

    def __repr__(self) -> str:
        service = f" {self.service}" if self.service else ""
        return f"<Boto3Object {self.kind.value}{service} at 0x{id(self):x}>"

    def pytype(self) -> str:
        return f"boto3.{self.kind.value}"

    def display_type(self) -> str:
        return f"boto3 {self.kind.value}"

    def derive(self, kind: Kind, proxied: nodes.ClassDef, type_name: str | None = None) -> Boto3Object:
        """An object of another kind for the same service and origin."""
        return Boto3Object(proxied, kind, self.service, self.origin, type_name)

    def igetattr(self, name: str, context: InferenceContext | None = None) -> Iterator:
        # Imported late: the brain module imports this one.
        from flake8_boto3.inference.brain_boto3 import derived_attribute

        derived = derived_attribute(self, name)
        if derived is not None:
            yield derived
            return
        yield from super().igetattr(name, context)

    @property
    def is_constructed(self) -> bool:
        return self.kind in CONSTRUCTED_KINDS
