"""Names annotated with boto3 stub types are boto3 objects: the annotation, read syntactically.

``def f(s3: S3Client)`` with ``from mypy_boto3_s3 import S3Client`` (or ``types_boto3_s3``, a
``TYPE_CHECKING`` import, a string annotation, ``Optional[...]`` or ``X | None``) makes ``s3`` a client
of service ``s3``. The type is read from the import statement, never from the stub package itself,
so it works whether or not the stubs are installed. Both tiers use :func:`boto3_type`; the astroid
tier reads astroid nodes (:mod:`flake8_boto3.inference.annotated`), the syntactic tier ``ast`` nodes
(:func:`annotated_type`), with the same rules.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from flake8_boto3.model.values import Kind
from flake8_boto3.syntax.module import ModuleSyntax

TYPE_STUB_PREFIXES = ("mypy_boto3_", "types_boto3_")
# Generic botocore/boto3 classes used as annotations.
GENERIC_TYPES: dict[str, Kind] = {
    "botocore.client.BaseClient": Kind.CLIENT,
    "boto3.resources.base.ServiceResource": Kind.RESOURCE,
    "boto3.session.Session": Kind.SESSION,
    "boto3.Session": Kind.SESSION,
}
# Nodes astroid looks names up from (its LookupMixIn): names and scopes.
_LOOKUP_NODES = (ast.Name, ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda,
                 ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


def service_of_stub_module(module_name: str) -> str:
    """``mypy_boto3_cognito_idp.client`` -> ``cognito-idp``."""
    top = module_name.split(".", 1)[0]
    for prefix in TYPE_STUB_PREFIXES:
        if top.startswith(prefix):
            top = top[len(prefix) :]
    return top.replace("_", "-")


def boto3_type(qualified_name: str) -> tuple[Kind, str | None, str | None] | None:
    """(kind, service, resource type) for a stub type's qualified name."""
    if qualified_name in GENERIC_TYPES:
        return GENERIC_TYPES[qualified_name], None, None
    if not qualified_name.startswith(TYPE_STUB_PREFIXES):
        return None
    module_name, _, class_name = qualified_name.rpartition(".")
    service = service_of_stub_module(module_name)
    if class_name.endswith("ServiceResource"):
        return Kind.RESOURCE, service, None
    if class_name.endswith("Client"):
        return Kind.CLIENT, service, None
    if class_name.endswith("Paginator"):
        return Kind.PAGINATOR, service, None
    if class_name.endswith("Waiter"):
        return Kind.WAITER, service, None
    if module_name.endswith(".service_resource") and class_name[:1].isupper():
        return Kind.SUB_RESOURCE, service, class_name
    return None


def annotation_of(home: ModuleSyntax, binding: ast.AST) -> ast.AST | None:
    """The annotation that declares the type of a parameter, or of ``x: T`` / ``x: T = None``."""
    parent = home.tree.parent(binding)
    if isinstance(binding, ast.arg) and isinstance(parent, ast.arguments):
        if any(binding is arg for arg in (*parent.posonlyargs, *parent.args, *parent.kwonlyargs)):
            return binding.annotation
        return None
    if isinstance(binding, ast.Name) and isinstance(parent, ast.AnnAssign) and parent.target is binding:
        value = parent.value
        if value is None or (isinstance(value, ast.Constant) and value.value is None):
            return parent.annotation
    return None


def _type_names(annotation: ast.AST) -> Iterator[tuple[ast.AST, list[str]]]:
    """(node to resolve names from, dotted name) for each type an annotation names."""
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        text = annotation.value.strip()
        for part in text.replace("Optional[", "").replace("]", "").split("|"):
            dotted = part.strip().split(".")
            if all(piece.isidentifier() for piece in dotted):
                yield annotation, dotted
    elif isinstance(annotation, ast.Name):
        yield annotation, [annotation.id]
    elif isinstance(annotation, ast.Attribute):
        parts = []
        node: ast.AST = annotation
        while isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        if isinstance(node, ast.Name):
            yield annotation, [node.id, *reversed(parts)]
    elif isinstance(annotation, ast.Subscript):
        # Optional[S3Client], Union[S3Client, None]
        slice_ = annotation.slice
        members = slice_.elts if isinstance(slice_, ast.Tuple) else [slice_]
        for member in members:
            yield from _type_names(member)
    elif isinstance(annotation, ast.BinOp) and isinstance(annotation.op, ast.BitOr):
        yield from _type_names(annotation.left)
        yield from _type_names(annotation.right)


def imported_qualified_name(home: ModuleSyntax, scope_node: ast.AST, dotted: list[str]) -> str | None:
    """``S3Client`` -> ``mypy_boto3_s3.client.S3Client`` through the import binding it, looked up as
    astroid does from ``scope_node`` (from its nearest name or scope: a string annotation is a
    constant); None when the first part is not bound by an absolute import."""
    node: ast.AST | None = scope_node
    while node is not None and not isinstance(node, _LOOKUP_NODES):
        node = home.tree.parent(node)
    if node is None:
        return None
    for assignment in home.scopes.lookup(node, dotted[0]).bindings:
        if isinstance(assignment, ast.ImportFrom) and not assignment.level:
            for alias in assignment.names:
                if (alias.asname or alias.name) == dotted[0]:
                    return ".".join([assignment.module or "", alias.name, *dotted[1:]])
        if isinstance(assignment, ast.Import):
            for alias in assignment.names:
                if alias.asname == dotted[0]:
                    return ".".join([alias.name, *dotted[1:]])
                if alias.asname is None and alias.name.split(".")[0] == dotted[0]:
                    return ".".join(dotted)
    return None


def annotated_type(home: ModuleSyntax, binding: ast.AST) -> tuple[Kind, str | None, str | None] | None:
    """(kind, service, resource type) the binding's annotation declares, when it names a boto3 type."""
    annotation = annotation_of(home, binding)
    if annotation is None:
        return None
    for scope_node, dotted in _type_names(annotation):
        qualified_name = imported_qualified_name(home, scope_node, dotted)
        if qualified_name:
            found = boto3_type(qualified_name)
            if found:
                return found
    return None
