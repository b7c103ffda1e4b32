"""What users pay for the plugin: whole flake8 processes, with it and without it.

    python bench/corpus.py perf [--package NAME] [--runs N] [--no-editor] [--boto3-free] [--stdlib]

Every figure is a separate process, timed from outside (wall time and peak RSS
from the operating system's accounting of the finished child):

- whole runs: ``flake8 -j1 --isolated`` over a package, by plain flake8 (a venv
  holding the same flake8 version and nothing else, made once in the bench
  cache), by flake8 with the plugin and an empty cache (cold), and again with
  the cache that run left (warm). "With the plugin" is a second venv holding
  the same flake8 and this working tree installed as users install it (not
  editable, with its dependencies and nothing else), so the two differ by the
  plugin alone: the development venv's test packages and editable-install hook
  cost every process start-up time users do not pay. Rounds alternate the three; the table shows
  medians and the median of the per-round ratios;
- editor lints: ``flake8 --stdin-display-name FILE -`` with the file on stdin,
  as editors run it on every save, cold (an empty cache each time) and warm,
  as milliseconds added to plain flake8's median.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Editor lints: (package, file inside it) or a file of this repository.
EDITOR_FILES = (
    ("c7n", "c7n/resources/ec2.py"),
    ("apache-airflow-providers-amazon", "airflow/providers/amazon/aws/hooks/s3.py"),
    (None, "examples/lambda_function.py"),
)


@dataclass(frozen=True)
class Measured:
    seconds: float
    peak_kib: int


def measure(command: list[str], cwd: Path, env: dict, stdin: Path | None = None) -> Measured:
    """Run ``command`` to completion and return its wall time and peak RSS (output discarded)."""
    import time

    with open(stdin, "rb") if stdin else open(os.devnull, "rb") as source:
        started = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=cwd, env=env, stdin=source, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(command)} exited with {process.returncode}")
    kib = usage.ru_maxrss // 1024 if sys.platform == "darwin" else usage.ru_maxrss
    return Measured(elapsed, kib)


def _flake8_venv(cache: Path, name: str) -> Path:
    """A venv in the bench cache holding the flake8 version installed here (made once); its python."""
    from flake8 import __version__ as version

    venv = cache / f"{name}-{version}"
    python = venv / ("Scripts" if os.name == "nt" else "bin") / "python"
    if not (venv / ".complete").exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", f"flake8=={version}"], check=True)
        (venv / ".complete").write_text(version)
    return python


def plain_flake8(cache: Path) -> list[str]:
    """flake8 alone, the same version as the one installed next to the plugin."""
    return [str(_flake8_venv(cache, "plain-flake8")), "-m", "flake8"]


def plugin_flake8(cache: Path) -> list[str]:
    """The same flake8 with this working tree's plugin installed as users install it: not editable,
    with its dependencies, reinstalled on every call so the figures are those of the tree as it is."""
    python = _flake8_venv(cache, "plugin-flake8")
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    with tempfile.TemporaryDirectory(prefix="bto-bench-source-") as copy:
        # Built from a copy: an in-tree build leaves build/ behind, whose stale files a later build packages.
        source = shutil.copytree(
            ROOT, Path(copy) / "source", ignore=shutil.ignore_patterns(".*", "build", "*.egg-info", "__pycache__")
        )
        subprocess.run([*pip, str(source)], check=True)  # dependencies, the first time
        subprocess.run([*pip, "--force-reinstall", "--no-deps", str(source)], check=True)
    return [str(python), "-m", "flake8"]


def environment(cache_dir: Path | None) -> dict:
    env = dict(os.environ)
    env.pop("FLAKE8_BOTO3_CACHE_DIR", None)
    if cache_dir is not None:
        env["FLAKE8_BOTO3_CACHE_DIR"] = str(cache_dir)
    return env


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else 0.0


# Parts of a tree that are not the code to time (the standard library's tests and installed packages).
EXCLUDED = "site-packages,test,tests,idle_test"


def whole_runs(name: str, root: Path, plain: list[str], with_plugin: list[str], runs: int) -> str:
    arguments = ["--isolated", "-j1", "--exit-zero", f"--extend-exclude={EXCLUDED}", "."]
    rounds = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="bto-bench-cache-") as cache_dir:
            base = measure([*plain, *arguments], root, environment(None))
            cold = measure([*with_plugin, *arguments], root, environment(Path(cache_dir)))
            warm = measure([*with_plugin, *arguments], root, environment(Path(cache_dir)))
        rounds.append((base, cold, warm))
    plain_s = _median([b.seconds for b, _, _ in rounds])
    cold_s = _median([c.seconds for _, c, _ in rounds])
    warm_s = _median([w.seconds for _, _, w in rounds])
    cold_ratio = _median([c.seconds / b.seconds for b, c, _ in rounds])
    warm_ratio = _median([w.seconds / b.seconds for b, _, w in rounds])
    plain_mb = _median([b.peak_kib for b, _, _ in rounds]) / 1024
    plugin_mb = _median([c.peak_kib for _, c, _ in rounds]) / 1024
    return (
        f"{name:<34} {plain_s:>8.2f} {cold_s:>8.2f} {cold_ratio:>6.2f}x {warm_s:>8.2f} {warm_ratio:>6.2f}x"
        f" {plain_mb:>8.0f} {plugin_mb:>9.0f} {plugin_mb - plain_mb:>+6.0f}"
    )


def editor_lints(file: Path, cwd: Path, display: str, plain: list[str], with_plugin: list[str], runs: int) -> str:
    arguments = ["--stdin-display-name", display, "-"]
    base, cold, warm = [], [], []
    with tempfile.TemporaryDirectory(prefix="bto-bench-cache-") as warm_cache:
        measure([*with_plugin, *arguments], cwd, environment(Path(warm_cache)), file)  # fills the cache
        for _ in range(runs):
            base.append(measure([*plain, *arguments], cwd, environment(None), file).seconds)
            with tempfile.TemporaryDirectory(prefix="bto-bench-cache-") as cold_cache:
                cold.append(measure([*with_plugin, *arguments], cwd, environment(Path(cold_cache)), file).seconds)
            warm.append(measure([*with_plugin, *arguments], cwd, environment(Path(warm_cache)), file).seconds)
    plain_ms = _median(base) * 1000
    return (
        f"{display[-48:]:<48} {len(file.read_text().splitlines()):>6} {plain_ms:>9.0f}"
        f" {_median(cold) * 1000 - plain_ms:>+9.0f} {_median(warm) * 1000 - plain_ms:>+9.0f}"
    )


def run(packages: dict[str, Path], cache: Path, runs: int, editor: bool) -> None:
    plain = plain_flake8(cache)
    with_plugin = plugin_flake8(cache)
    print(f"whole runs: flake8 -j1 over the package, median of {runs} rounds (plain, cold, warm alternating)")
    print(f"{'package':<34} {'plain s':>8} {'cold s':>8} {'ratio':>7} {'warm s':>8} {'ratio':>7}"
          f" {'plain MB':>8} {'plugin MB':>9} {'+MB':>6}")
    for name, root in packages.items():
        print(whole_runs(name, root, plain, with_plugin, runs), flush=True)
    if not editor:
        return
    print(f"\neditor lints: flake8 --stdin-display-name FILE - (median of {runs}; cold: empty cache)")
    print(f"{'file':<48} {'lines':>6} {'plain ms':>9} {'cold +ms':>9} {'warm +ms':>9}")
    for package, relative in EDITOR_FILES:
        if package is None:
            print(editor_lints(ROOT / relative, ROOT, relative, plain, with_plugin, runs), flush=True)
        elif package in packages:
            root = packages[package]
            print(editor_lints(root / relative, root, relative, plain, with_plugin, runs), flush=True)
