"""Run flake8-boto3 over pinned boto3-heavy packages from PyPI. Never part of the tests.

    python bench/corpus.py findings [--package NAME] [--out findings.json] [--show CODE]

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


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    findings = commands.add_parser("findings", help="findings per code and package")
    findings.add_argument("--package", action="append", help="only this package (repeatable)")
    findings.add_argument("--out", help="write all findings to this JSON file")
    findings.add_argument("--show", action="append", help="print the findings of this code (repeatable)")
    args = parser.parse_args(argv)
    return run_findings(args)


if __name__ == "__main__":
    sys.exit(main())
