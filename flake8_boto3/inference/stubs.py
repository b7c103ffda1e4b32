"""The stand-ins astroid builds for the boto3 family of modules (sources in
:mod:`flake8_boto3.model.stub_sources`, shared with the syntactic tier)."""

from flake8_boto3.model.stub_sources import CONSTRUCTOR_ARGS, SESSION_ARGS, STUB_MODULES  # noqa: F401
# Packages whose every other submodule is replaced by an empty module, so that
# astroid never falls back to reading the installed package.
from flake8_boto3.model.sdk import STUB_PACKAGES, TYPE_STUB_PREFIXES  # noqa: E402,F401 (one list for both tiers)
