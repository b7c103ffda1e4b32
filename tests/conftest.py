"""Every test gets a cache directory of its own: no test reads another's findings, none writes to the
user's cache directory. ``built`` lists the files whose astroid tree an analysis built."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def private_cache_directory(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("FLAKE8_BOTO3_CACHE_DIR", str(tmp_path_factory.mktemp("flake8-boto3-cache")))


@pytest.fixture
def built(monkeypatch):
    """The paths of the files whose astroid tree is built while the test runs."""
    from flake8_boto3.inference import build

    calls = []
    real = build.build_module

    def counting(tree, source, path):
        calls.append(path)
        return real(tree, source, path)

    monkeypatch.setattr(build, "build_module", counting)
    return calls
