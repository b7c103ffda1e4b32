"""Run flake8-boto3 over pinned boto3-heavy packages from PyPI. Never part of the tests.

    python bench/corpus.py findings [--package NAME] [--out findings.json] [--show CODE]
    python bench/corpus.py perf [--package NAME] [--no-memory]   # time and memory against plain flake8
    python bench/corpus.py crashes [--no-stdlib]                 # internal errors on the corpus and stdlib
    python bench/compare_findings.py before.json after.json      # findings changed by an optimisation

Wheels are downloaded with pip (no dependencies) into a cache directory outside
the repository (``$FLAKE8_BOTO3_BENCH_CACHE`` or ``~/.cache/flake8-boto3-bench``)
and unpacked there once; later runs reuse them.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.setrecursionlimit(max(sys.getrecursionlimit(), 3000))

from flake8_boto3.checker import check_file  # noqa: E402

# The corpus: pinned so that runs compare.
PACKAGES = {
    "c7n": "0.9.53",
    "apache-airflow-providers-amazon": "9.39.0",
    "awswrangler": "3.17.1",
    "prowler": "5.46.0",
    "aws-lambda-powertools": "3.37.0",
    "chalice": "1.34.0",
}
CACHE = Path(os.environ.get("FLAKE8_BOTO3_BENCH_CACHE", Path.home() / ".cache" / "flake8-boto3-bench"))


def fetch(name: str, version: str) -> Path:
    """The unpacked wheel of ``name==version`` (downloaded on first use)."""
    target = CACHE / "src" / f"{name}-{version}"
    if (target / ".complete").exists():
        return target
    wheels = CACHE / "wheels"
    wheels.mkdir(parents=True, exist_ok=True)
    pattern = f"{name.replace('-', '_')}-{version}-*.whl"
    if not list(wheels.glob(pattern)):
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary", ":all:",
             "-d", str(wheels), f"{name}=={version}"],
            check=True,
        )
    wheel = next(wheels.glob(pattern))
    target.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(target)
    (target / ".complete").write_text(wheel.name)
    return target


def python_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.py") if ".dist-info" not in str(p))


def run_findings(args) -> int:
    results: dict[str, list[dict]] = {}
    counts: dict[str, collections.Counter] = {}
    for name, version in PACKAGES.items():
        if args.package and name not in args.package:
            continue
        root = fetch(name, version)
        started = time.perf_counter()
        found = []
        for path in python_files(root):
            for finding in check_file(str(path)):
                found.append({"package": name, "path": str(path.relative_to(root)), "line": finding.line,
                              "col": finding.col, "code": finding.code, "message": finding.message})
        results[name] = found
        counts[name] = collections.Counter(f["code"] for f in found)
        print(f"{name}=={version}: {len(python_files(root))} files, {len(found)} findings,"
              f" {time.perf_counter() - started:.1f}s", file=sys.stderr)
    codes = sorted({code for counter in counts.values() for code in counter})
    width = max(len(name) for name in counts) if counts else 10
    print(f"{'package':<{width}}  " + "  ".join(f"{code:>6}" for code in codes))
    for name, counter in counts.items():
        print(f"{name:<{width}}  " + "  ".join(f"{counter[code]:>6}" for code in codes))
    total = collections.Counter()
    for counter in counts.values():
        total.update(counter)
    print(f"{'total':<{width}}  " + "  ".join(f"{total[code]:>6}" for code in codes))
    if args.show:
        for found in results.values():
            for f in found:
                if f["code"] in args.show:
                    print(f"{f['package']}/{f['path']}:{f['line']}:{f['col'] + 1}: {f['message']}")
    if args.out:
        Path(args.out).write_text(json.dumps(results, indent=1, sort_keys=True))
    return 0


# --- perf -----------------------------------------------------------------------------------

# Boto3-free code for the "costs nothing" target.
BOTO3_FREE = {"django": "5.2.8"}


def _flake8_application():
    from flake8.main.application import Application

    app = Application()
    app.initialize(["--isolated", "-j1"])
    return app


def time_file(path: Path, app, plain_checkers, our_class) -> tuple[float, float, int, int]:
    """(plain flake8 s, plugin s, lines, findings) for one file, in this process."""
    from flake8.checker import FileChecker

    started = time.perf_counter()
    checker = FileChecker(filename=str(path), plugins=plain_checkers, options=app.options)
    checker.run_checks()
    plain = time.perf_counter() - started
    processor = checker.processor
    if processor is None:
        return plain, 0.0, 0, 0
    try:
        tree = processor.build_ast()
    except (SyntaxError, ValueError):
        return plain, 0.0, len(processor.lines), 0
    started = time.perf_counter()
    findings = list(our_class(tree, str(path), processor.lines).run())
    return plain, time.perf_counter() - started, len(processor.lines), len(findings)


def peak_rss_kib(paths: list[Path], with_plugin: bool) -> int:
    command = [sys.executable, str(ROOT / "bench" / "flake8_runner.py"), *map(str, paths)]
    if not with_plugin:
        command.insert(2, "--without-plugin")
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return int(result.stderr.strip().splitlines()[-1])


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else 0.0


def perf_row(name: str, per_file: list[tuple[float, float, int, int]]) -> tuple:
    """(name, files, lines, flake8 s, plugin s, p50 ms, p99 ms, findings) from per-file timings."""
    plugin_ms = [plugin * 1000 for _, plugin, _, _ in per_file]
    return (
        name,
        len(per_file),
        sum(lines for _, _, lines, _ in per_file),
        sum(plain for plain, _, _, _ in per_file),
        sum(plugin for _, plugin, _, _ in per_file),
        percentile(plugin_ms, 0.5),
        percentile(plugin_ms, 0.99),
        sum(findings for _, _, _, findings in per_file),
    )


def run_perf(args) -> int:
    from flake8.plugins.finder import Checkers

    from bench.flake8_runner import without_plugin
    from flake8_boto3.plugin import Boto3Checker

    app = _flake8_application()
    plain_checkers: Checkers = without_plugin(app.plugins).checkers
    packages = dict(PACKAGES)
    if args.boto3_free:
        packages.update(BOTO3_FREE)
    measured: list[tuple[str, list]] = []  # (name, per-file timings), in table order
    roots = []
    for name, version in packages.items():
        if args.package and name not in args.package:
            continue
        root = fetch(name, version)
        roots.append(root)
        measured.append((name, [time_file(path, app, plain_checkers, Boto3Checker) for path in python_files(root)]))
    if args.stdlib:
        stdlib = Path(os.path.dirname(os.__file__))
        files = [p for p in sorted(stdlib.rglob("*.py")) if "site-packages" not in p.parts and "test" not in p.parts]
        measured.append(("python stdlib (no tests)", [time_file(p, app, plain_checkers, Boto3Checker) for p in files]))
    corpus = [timing for name, per_file in measured if name in PACKAGES for timing in per_file]
    rows = [perf_row(name, per_file) for name, per_file in measured]
    if corpus:
        count = sum(name in PACKAGES for name, _ in measured)
        rows.append(perf_row(f"boto3 corpus ({count} packages)", corpus))
    print(f"{'package':<34} {'files':>6} {'lines':>8} {'flake8 s':>9} {'plugin s':>9} {'ratio':>7} "
          f"{'p50 ms':>7} {'p99 ms':>7} {'findings':>8}")
    for name, files, lines, plain, plugin, p50, p99, findings in rows:
        ratio = plugin / plain if plain else 0.0
        print(f"{name:<34} {files:>6} {lines:>8} {plain:>9.2f} {plugin:>9.2f} {ratio:>6.1%} "
              f"{p50:>7.1f} {p99:>7.1f} {findings:>8}")
    if not args.no_memory and roots:
        corpus_roots = [r for r in roots if not any(r.name.startswith(f"{n}-") for n in BOTO3_FREE)]
        without = peak_rss_kib(corpus_roots, with_plugin=False)
        with_plugin = peak_rss_kib(corpus_roots, with_plugin=True)
        print(f"peak RSS, flake8 -j1 over the corpus: {without / 1024:.0f} MB without the plugin,"
              f" {with_plugin / 1024:.0f} MB with it (+{(with_plugin - without) / 1024:.0f} MB)")
    return 0


# --- crashes -------------------------------------------------------------------------------------


def run_crashes(args) -> int:
    roots = [(name, fetch(name, version)) for name, version in PACKAGES.items()]
    if not args.no_stdlib:
        roots.append(("python stdlib", Path(os.path.dirname(os.__file__))))
    timings: list[tuple[float, str]] = []
    errors: list[str] = []
    print(f"{'corpus':<34} {'files':>6} {'findings':>9} {'BTO900':>7} {'BTO901':>7}")
    for name, root in roots:
        files = [p for p in python_files(root) if "site-packages" not in p.parts]
        count = internal = budget = 0
        for path in files:
            started = time.perf_counter()
            findings = check_file(str(path))
            timings.append((time.perf_counter() - started, str(path)))
            count += len(findings)
            for finding in findings:
                if finding.code == "BTO900":
                    internal += 1
                    errors.append(f"{path}: {finding.message}")
                budget += finding.code == "BTO901"
        print(f"{name:<34} {len(files):>6} {count:>9} {internal:>7} {budget:>7}")
    print("\nslowest files:")
    for seconds, path in sorted(timings, reverse=True)[:10]:
        print(f"  {seconds * 1000:8.0f} ms  {path}")
    for line in errors:
        print(line)
    return 1 if errors else 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    findings = commands.add_parser("findings", help="findings per code and package")
    findings.add_argument("--package", action="append", help="only this package (repeatable)")
    findings.add_argument("--out", help="write all findings to this JSON file")
    findings.add_argument("--show", action="append", help="print the findings of this code (repeatable)")
    perf = commands.add_parser("perf", help="plugin time and memory against plain flake8, per package")
    perf.add_argument("--package", action="append", help="only this package (repeatable)")
    perf.add_argument("--no-memory", action="store_true", help="skip the two whole-corpus memory runs")
    perf.add_argument("--boto3-free", action="store_true", help="also time boto3-free code (django)")
    perf.add_argument("--stdlib", action="store_true", help="also time the Python standard library")
    crashes = commands.add_parser("crashes", help="internal errors on the corpus and the standard library")
    crashes.add_argument("--no-stdlib", action="store_true")
    args = parser.parse_args(argv)
    return {"findings": run_findings, "perf": run_perf, "crashes": run_crashes}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
