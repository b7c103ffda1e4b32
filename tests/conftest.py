"""Every test gets a cache directory of its own: no test reads another's findings, none writes to the
user's cache directory."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def private_cache_directory(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("FLAKE8_BOTO3_CACHE_DIR", str(tmp_path_factory.mktemp("flake8-boto3-cache")))
