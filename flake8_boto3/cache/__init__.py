"""The on-disk cache: findings of unchanged files are not analysed again.

One entry: :func:`findings_cache`, the cache the flake8 adapter consults
before analysing a file (see :mod:`.findings` for what an entry depends on and
:mod:`.store` for where entries live and how they are written).
"""

from __future__ import annotations

from pathlib import Path

from flake8_boto3.cache.findings import FindingsCache
from flake8_boto3.cache.store import Store, default_directory
from flake8_boto3.settings import Settings

__all__ = ["FindingsCache", "findings_cache"]


def findings_cache(settings: Settings, directory: str | None = None, enabled: bool = True) -> FindingsCache | None:
    """The cache in ``directory`` (default: ``$FLAKE8_BOTO3_CACHE_DIR`` or the user cache directory)."""
    if not enabled:
        return None
    return FindingsCache(Store(Path(directory).expanduser() if directory else default_directory()), settings)
