"""Names annotated with boto3 stub types infer to boto3 objects.

``def f(s3: S3Client)`` with ``from mypy_boto3_s3 import S3Client`` (or
``types_boto3_s3``, a ``TYPE_CHECKING`` import, a string annotation,
``Optional[...]`` or ``X | None``) makes ``s3`` a client of service ``s3``.
The type is read from the import statement, never from the stub package itself,
so it works whether or not the stubs are installed.
"""

from __future__ import annotations

from collections.abc import Iterator

from astroid import nodes
from astroid.context import InferenceContext
from astroid.exceptions import UseInferenceDefault

from flake8_boto3.inference.names import imported_qualified_name
from flake8_boto3.inference.objects import Boto3Object, Kind
from flake8_boto3.model.annotations import boto3_type


def annotation_of(name: nodes.AssignName) -> nodes.NodeNG | None:
    """The annotation that declares ``name``'s type, if any."""
    parent = name.parent
    if isinstance(parent, nodes.Arguments):
        for params, param_annotations in (
            (parent.posonlyargs, parent.posonlyargs_annotations),
            (parent.args or [], parent.annotations),
            (parent.kwonlyargs, parent.kwonlyargs_annotations),
        ):
            for param, annotation in zip(params, param_annotations):
                if param is name:
                    return annotation
        return None
    if isinstance(parent, nodes.AnnAssign) and parent.target is name:
        value = parent.value
        if value is None or (isinstance(value, nodes.Const) and value.value is None):
            return parent.annotation
    return None


def _type_names(annotation: nodes.NodeNG) -> Iterator[tuple[nodes.NodeNG, list[str]]]:
    """(node to resolve names from, dotted name) for each type an annotation names."""
    if isinstance(annotation, nodes.Const) and isinstance(annotation.value, str):
        text = annotation.value.strip()
        for part in text.replace("Optional[", "").replace("]", "").split("|"):
            dotted = part.strip().split(".")
            if all(piece.isidentifier() for piece in dotted):
                yield annotation, dotted
    elif isinstance(annotation, nodes.Name):
        yield annotation, [annotation.name]
    elif isinstance(annotation, nodes.Attribute):
        parts = []
        node: nodes.NodeNG = annotation
        while isinstance(node, nodes.Attribute):
            parts.append(node.attrname)
            node = node.expr
        if isinstance(node, nodes.Name):
            yield annotation, [node.name, *reversed(parts)]
    elif isinstance(annotation, nodes.Subscript):
        # Optional[S3Client], Union[S3Client, None]
        slice_ = annotation.slice
        members = slice_.elts if isinstance(slice_, nodes.Tuple) else [slice_]
        for member in members:
            yield from _type_names(member)
    elif isinstance(annotation, nodes.BinOp) and annotation.op == "|":
        yield from _type_names(annotation.left)
        yield from _type_names(annotation.right)


def annotated_type(name: nodes.AssignName) -> tuple[Kind, str | None, str | None] | None:
    annotation = annotation_of(name)
    if annotation is None:
        return None
    for scope_node, dotted in _type_names(annotation):
        qualified_name = imported_qualified_name(scope_node, dotted)
        if qualified_name:
            found = boto3_type(qualified_name)
            if found:
                return found
    return None


def has_boto3_annotation(name: nodes.AssignName) -> bool:
    return annotation_of(name) is not None and annotated_type(name) is not None


def infer_annotated_name(name: nodes.AssignName, context: InferenceContext | None = None) -> Iterator[Boto3Object]:
    from flake8_boto3.inference.brain_boto3 import make_object

    found = annotated_type(name)
    if found is None:
        raise UseInferenceDefault
    kind, service, type_name = found
    yield make_object(kind, service, None, type_name)
