"""A directory of small files, one per entry: safe to share, never a reason to fail.

- Location: ``--boto3-cache-dir``, else ``$FLAKE8_BOTO3_CACHE_DIR``, else the
  user cache directory of the platform (``$XDG_CACHE_HOME/flake8-boto3`` or
  ``~/.cache/flake8-boto3`` on Linux, ``~/Library/Caches/flake8-boto3`` on
  macOS, ``%LOCALAPPDATA%\\flake8-boto3\\Cache`` on Windows), never inside the
  linted project unless configured so.
- Writes are atomic: a temporary file in the same directory, then
  ``os.replace``. Concurrent writers (``flake8 -j N`` workers, several editor
  lints) each write their own temporary file, and the last complete one wins;
  readers see a whole entry or none.
- Bounded: past ``max_bytes`` the least recently written entries are removed.
- Any failure (a missing, unreadable or read-only directory, a truncated,
  corrupt or foreign entry) reads as "not cached" and writes nothing: the file is
  analysed as if there were no cache.
"""

from __future__ import annotations

import os
import sys
import tempfile
import zlib
from pathlib import Path

APP = "flake8-boto3"
ENVIRONMENT_VARIABLE = "FLAKE8_BOTO3_CACHE_DIR"
# Entries are named after their key's hash, in one sub-directory per layout version.
LAYOUT = "v1"
MAX_BYTES = 64 * 1024 * 1024
# How often (one write in this many) the directory's size is checked against its bound.
EVICTION_PERIOD = 128
MAGIC = b"flake8-boto3-cache\n"


def user_cache_directory() -> Path:
    """The platform's cache directory for this tool (platformdirs' rules, without the dependency)."""
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / APP / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / APP
    base = os.environ.get("XDG_CACHE_HOME") or ""
    return (Path(base) if os.path.isabs(base) else Path.home() / ".cache") / APP


def default_directory() -> Path:
    configured = os.environ.get(ENVIRONMENT_VARIABLE)
    return Path(configured).expanduser() if configured else user_cache_directory()


class Store:
    """Entries of bytes under a key; ``None`` from :meth:`get` whenever anything is wrong."""

    def __init__(self, directory: Path, max_bytes: int = MAX_BYTES) -> None:
        self.directory = Path(directory) / LAYOUT
        self.max_bytes = max_bytes
        self._writes = 0

    def _path(self, digest: str) -> Path:
        return self.directory / digest[:2] / digest[2:]

    def get(self, digest: str, key: bytes) -> bytes | None:
        """The value stored under ``key`` (whose hash is ``digest``), or None."""
        try:
            data = self._path(digest).read_bytes()
        except (OSError, ValueError):
            return None
        try:
            if not data.startswith(MAGIC):
                return None
            body = zlib.decompress(data[len(MAGIC) :])
        except (zlib.error, ValueError):
            return None  # truncated or corrupt
        stored_key, separator, value = body.partition(b"\0")
        if not separator or stored_key != key:
            return None  # a foreign entry (another key with the same name)
        return value

    def put(self, digest: str, key: bytes, value: bytes) -> None:
        """Store ``value`` under ``key``; silently nothing when the directory can't be written."""
        path = self._path(digest)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            try:
                with os.fdopen(descriptor, "wb") as stream:
                    stream.write(MAGIC + zlib.compress(key + b"\0" + value))
                os.replace(temporary, path)
            except BaseException:
                _remove(Path(temporary))
                raise
        except OSError:
            return
        self._writes += 1
        if self._writes % EVICTION_PERIOD == 1:
            self.evict()

    def evict(self) -> None:
        """Remove the least recently written entries until the directory fits its bound."""
        entries = []
        try:
            for child in self.directory.iterdir():
                for entry in child.iterdir() if child.is_dir() else ():
                    stat = entry.stat()
                    entries.append((stat.st_mtime_ns, stat.st_size, entry))
        except OSError:
            return
        total = sum(size for _, size, _ in entries)
        for _, size, entry in sorted(entries, key=lambda item: item[0]):
            if total <= self.max_bytes:
                break
            _remove(entry)
            total -= size


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass
