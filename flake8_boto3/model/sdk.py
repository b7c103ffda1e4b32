"""The names of the SDK's packages and of its type stubs (no astroid here: the syntactic tier uses them)."""

from __future__ import annotations

# Packages the model stands in for (see flake8_boto3.inference.stubs): astroid never reads their source.
STUB_PACKAGES = ("boto3", "botocore", "aiobotocore", "aioboto3")

# Packages of type stubs: their names are read from the import statements
# (see flake8_boto3.inference.annotated), the modules themselves are empty.
TYPE_STUB_PREFIXES = ("mypy_boto3_", "types_boto3_", "types_aiobotocore_", "types_aioboto3")


def is_stubbed_module(name: str) -> bool:
    """A module of the boto3 family or of its type stubs (``boto3.session``, ``mypy_boto3_s3.client``)."""
    top = name.split(".", 1)[0]
    return top in STUB_PACKAGES or top.startswith(TYPE_STUB_PREFIXES)
