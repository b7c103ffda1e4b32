"""The on-disk cache: reused only while valid, shared safely, never a reason for a different result."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from flake8_boto3.cache import findings_cache
from flake8_boto3.cache.store import LAYOUT, Store, user_cache_directory
from flake8_boto3.settings import DEFAULT_SETTINGS
from tests.helpers import run_flake8

HANDLER = """\
from .aws import make_queue


def lambda_handler(event, context):
    return make_queue().send_message(QueueUrl="q", MessageBody=event["body"])
"""
FACTORY = "import boto3\n\n\ndef make_queue():\n    return boto3.client('sqs')\n"
NOT_A_FACTORY = "def make_queue():\n    return object()\n"


def project(tmp_path: Path) -> Path:
    package = tmp_path / "project" / "svc"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "aws.py").write_text(FACTORY)
    (package / "app.py").write_text(HANDLER)
    return package.parent


def lint(root: Path, cache: Path, *arguments: str, stdin: str | None = None) -> list[str]:
    env_args = ("--isolated", "--select", "BTO", "--boto3-cache-dir", str(cache))
    result = run_flake8(*env_args, *arguments, cwd=root, stdin=stdin)
    assert result.returncode in (0, 1), result.stderr
    return sorted(result.stdout.splitlines())


def entries(cache: Path) -> list[Path]:
    return sorted(p for p in (cache / LAYOUT).rglob("*") if p.is_file()) if (cache / LAYOUT).exists() else []


# --- the store ------------------------------------------------------------------------------------


def test_store_round_trip_and_every_kind_of_bad_entry_reads_as_missing(tmp_path):
    store = Store(tmp_path / "cache")
    store.put("ab" * 32, b"key", b"value")
    assert store.get("ab" * 32, b"key") == b"value"
    assert store.get("ab" * 32, b"another key") is None  # foreign: same name, other key
    assert store.get("cd" * 32, b"key") is None  # missing
    [entry] = entries(tmp_path / "cache")
    data = entry.read_bytes()
    entry.write_bytes(data[: len(data) // 2])  # truncated
    assert store.get("ab" * 32, b"key") is None
    entry.write_bytes(b"\x00garbage\xff" * 10)  # corrupt
    assert store.get("ab" * 32, b"key") is None
    entry.write_bytes(b"")
    assert store.get("ab" * 32, b"key") is None


def test_writes_are_atomic_and_leave_no_temporary_files(tmp_path):
    store = Store(tmp_path / "cache")
    for i in range(20):
        store.put(f"{i:064x}", b"k", b"v" * i)
    assert not [p for p in (tmp_path / "cache").rglob(".tmp-*")]
    assert len(entries(tmp_path / "cache")) == 20


def test_eviction_keeps_the_directory_within_its_bound(tmp_path):
    store = Store(tmp_path / "cache", max_bytes=4096)
    for i in range(200):
        store.put(f"{i:064x}", b"k", os.urandom(200))  # incompressible: about 230 bytes an entry
    store.evict()
    assert sum(p.stat().st_size for p in entries(tmp_path / "cache")) <= 4096
    assert store.get(f"{199:064x}", b"k") is not None  # the newest entries stay


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="root writes anywhere")
def test_a_read_only_directory_is_never_an_error(tmp_path):
    directory = tmp_path / "cache"
    directory.mkdir()
    directory.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        store = Store(directory)
        store.put("ab" * 32, b"key", b"value")
        assert store.get("ab" * 32, b"key") is None
    finally:
        directory.chmod(stat.S_IRWXU)


def test_an_unwritable_location_is_never_an_error(tmp_path):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the cache directory would be")
    store = Store(blocker)
    store.put("ab" * 32, b"key", b"value")  # mkdir fails: nothing written, nothing raised
    assert store.get("ab" * 32, b"key") is None


def test_default_location_follows_the_platform(monkeypatch, tmp_path):
    if sys.platform.startswith("linux"):
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
        assert user_cache_directory() == tmp_path / "xdg" / "flake8-boto3"
        monkeypatch.setenv("XDG_CACHE_HOME", "relative/is/ignored")
        assert user_cache_directory() == Path.home() / ".cache" / "flake8-boto3"
    assert "flake8-boto3" in str(user_cache_directory())


# --- findings, as flake8 runs them ----------------------------------------------------------------


def test_warm_runs_give_the_cold_run_and_follow_changes_of_what_the_analysis_read(tmp_path):
    root = project(tmp_path)
    cache = tmp_path / "cache"
    cold = lint(root, cache, "svc")
    assert any("BTO101" in line for line in cold) and entries(cache)
    assert lint(root, cache, "svc") == cold
    # the sibling the finding came from changes: the cached findings of app.py no longer hold
    (root / "svc" / "aws.py").write_text(NOT_A_FACTORY)
    assert lint(root, cache, "svc") == lint(root, tmp_path / "fresh", "svc") != cold
    (root / "svc" / "aws.py").write_text(FACTORY)
    assert lint(root, cache, "svc") == cold


def test_a_module_that_appears_later_is_seen(tmp_path):
    root = project(tmp_path)
    (root / "svc" / "aws.py").unlink()
    cache = tmp_path / "cache"
    before = lint(root, cache, "svc")
    assert not any("BTO101" in line for line in before)
    (root / "svc" / "aws.py").write_text(FACTORY)  # created after the first run
    assert any("BTO101" in line for line in lint(root, cache, "svc"))


def test_files_created_next_to_the_modules_keep_the_entries(tmp_path):
    # An editor's atomic save of another file, a new unrelated module, files at the root: none of them
    # changes where svc.aws resolves, so the second run reuses every entry (none is written again).
    root = project(tmp_path)
    cache = tmp_path / "cache"
    cold = lint(root, cache, "svc")
    written = {path: path.stat().st_mtime_ns for path in entries(cache)}
    (root / "svc" / "notes.txt").write_text("x")
    (root / "svc" / "other.py").write_text("VALUE = 1\n")
    (root / ".app.py.swp").write_text("x")
    (root / "svc" / ".README.tmp").write_text("readme")
    os.replace(root / "svc" / ".README.tmp", root / "svc" / "README")
    assert lint(root, cache, "svc") == cold
    assert {path: path.stat().st_mtime_ns for path in entries(cache)} == written


def test_a_module_that_comes_first_in_the_search_is_seen(tmp_path):
    # svc/aws/__init__.py would not shadow svc/aws.py, but a removed aws.py makes it the one found.
    root = project(tmp_path)
    cache = tmp_path / "cache"
    assert any("BTO101" in line for line in lint(root, cache, "svc"))
    (root / "svc" / "aws.py").unlink()
    (root / "svc" / "aws").mkdir()
    (root / "svc" / "aws" / "__init__.py").write_text(NOT_A_FACTORY)
    assert not any("BTO101" in line for line in lint(root, cache, "svc"))


def test_jobs_two_and_stdin_give_the_same_findings_with_a_warm_cache(tmp_path):
    root = project(tmp_path)
    cache = tmp_path / "cache"
    one = lint(root, cache, "--jobs", "1", "svc")
    assert lint(root, tmp_path / "other", "--jobs", "2", "svc") == one  # cold, in two workers
    assert lint(root, cache, "--jobs", "2", "svc") == one  # warm
    app = root / "svc" / "app.py"
    from_stdin = lint(root, cache, "--stdin-display-name", "svc/app.py", "-", stdin=app.read_text())
    assert from_stdin == [line for line in one if line.startswith("svc/app.py:")]


def test_a_damaged_cache_gives_the_findings_of_no_cache(tmp_path):
    root = project(tmp_path)
    cache = tmp_path / "cache"
    expected = lint(root, cache, "svc")
    for entry in entries(cache):
        entry.write_bytes(entry.read_bytes()[:7])
    assert lint(root, cache, "svc") == expected
    for entry in entries(cache):
        entry.write_bytes(b"not a cache entry")
    assert lint(root, cache, "svc") == expected


def test_no_cache_option_reads_and_writes_nothing(tmp_path):
    root = project(tmp_path)
    cache = tmp_path / "cache"
    result = run_flake8("--isolated", "--select", "BTO", "--boto3-cache-dir", str(cache), "--boto3-no-cache",
                        "svc", cwd=root)
    assert "BTO101" in result.stdout and not cache.exists()


def test_the_environment_variable_chooses_the_directory(tmp_path):
    root = project(tmp_path)
    cache = tmp_path / "from-env"
    result = subprocess.run([sys.executable, "-m", "flake8", "--isolated", "--select", "BTO", "svc"], cwd=root,
                            capture_output=True, text=True, env={**os.environ, "FLAKE8_BOTO3_CACHE_DIR": str(cache)})
    assert "BTO101" in result.stdout and entries(cache)


def test_findings_of_failed_analyses_are_not_stored(tmp_path, monkeypatch):
    cache = findings_cache(DEFAULT_SETTINGS, str(tmp_path / "cache"))
    cache.save("x = 1\n", "a.py", [(1, 0, "BTO900 internal error: boom (please report)")], [])
    cache.save("x = 2\n", "b.py", [(1, 0, "BTO901 analysis budget exceeded: ...")], [])
    assert not entries(tmp_path / "cache")
    cache.save("x = 3\n", "c.py", [(3, 4, "BTO101 something")], [])
    assert cache.lookup("x = 3\n", "c.py") == [(3, 4, "BTO101 something")]
    assert cache.lookup("x = 3  # changed\n", "c.py") is None


AUDITED_FLAKE8 = textwrap.dedent(
    r"""
    import json, os, sys
    writes = []
    def hook(event, args):
        if event == "open" and len(args) > 1 and isinstance(args[1], str) and set(args[1]) & set("wax+"):
            writes.append(os.path.abspath(str(args[0])))
        elif event in ("os.rename", "os.replace", "os.mkdir", "os.remove", "os.unlink"):
            writes.append(os.path.abspath(str(args[0])))
    sys.addaudithook(hook)
    from flake8.main.cli import main
    try:
        main(sys.argv[1:])
    except SystemExit:
        pass
    print(json.dumps(writes), file=sys.stderr)
    """
)


def test_a_run_writes_nothing_outside_the_cache_directory(tmp_path):
    root = project(tmp_path)
    cache = tmp_path / "cache"
    for _ in range(2):  # cold, then warm
        result = subprocess.run(
            [sys.executable, "-c", AUDITED_FLAKE8, "--isolated", "--select", "BTO", "--boto3-cache-dir", str(cache),
             "svc"],
            cwd=root, capture_output=True, text=True,
        )
        writes = json.loads(result.stderr.strip().splitlines()[-1])
        assert "BTO101" in result.stdout
        assert [w for w in writes if not w.startswith(str(cache))] == []
    assert entries(cache)


def test_every_shipped_data_file_keys_the_entries():
    # The findings depend on the hand-kept facts as much as on the botocore table.
    import flake8_boto3.data
    from flake8_boto3.cache.findings import data_files

    shipped = {p.name for p in Path(flake8_boto3.data.__file__).parent.iterdir() if ".json" in p.name}
    assert {entry.name for entry in data_files()} == shipped
    assert {
        "botocore_table.json.gz", "quota_bounded.json", "batch_failures_surfaced.json", "deleted_with_the_parent.json",
        "refused_while_items_remain.json",
    } <= shipped


def test_another_build_of_the_plugin_does_not_reuse_the_entries(tmp_path, monkeypatch):
    # The version number stays the same between builds (an editable install, a pre-commit hook moved
    # to a newer commit); the plugin's own code keys the entries too.
    from flake8_boto3.cache import findings

    cache = findings_cache(DEFAULT_SETTINGS, str(tmp_path / "cache"))
    cache.save("x = 3\n", "c.py", [(3, 4, "BTO101 something")], [])
    assert cache.lookup("x = 3\n", "c.py") == [(3, 4, "BTO101 something")]
    monkeypatch.setattr(findings, "_code_fingerprint", lambda: "another build")
    assert cache.lookup("x = 3\n", "c.py") is None


def test_the_code_fingerprint_follows_the_modules(tmp_path):
    from flake8_boto3.cache.findings import fingerprint_of_modules

    (tmp_path / "pkg" / "__pycache__").mkdir(parents=True)
    module = tmp_path / "pkg" / "rule.py"
    module.write_text("x = 1\n")
    (tmp_path / "pkg" / "__pycache__" / "rule.cpython-311.pyc").write_bytes(b"")
    before = fingerprint_of_modules(str(tmp_path))
    assert fingerprint_of_modules(str(tmp_path)) == before
    (tmp_path / "pkg" / "__pycache__" / "other.pyc").write_bytes(b"")
    assert fingerprint_of_modules(str(tmp_path)) == before  # compiled files are not the code
    stat = module.stat()
    os.utime(module, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert fingerprint_of_modules(str(tmp_path)) != before
