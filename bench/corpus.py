"""Run flake8-boto3 over pinned boto3-heavy packages from PyPI. Never part of the tests.

    python bench/corpus.py findings [--package NAME] [--out findings.json] [--show CODE]
    python bench/corpus.py perf [--package NAME] [--runs N]      # whole flake8 processes, with and without
    python bench/corpus.py crashes [--no-stdlib]                 # internal errors on the corpus and stdlib
    python bench/corpus.py precision [-v] [--findings F.json]    # judged findings (bench/labels/) per code
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
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.setrecursionlimit(max(sys.getrecursionlimit(), 3000))

from flake8_boto3.checker import check_file  # noqa: E402
from flake8_boto3.registry import RULES  # noqa: E402
from flake8_boto3.settings import Settings  # noqa: E402


def default_on_codes() -> tuple[str, ...]:
    return tuple(rule.code for rule in RULES if rule.enabled_by_default)


# The corpus: pinned so that runs compare. Libraries that wrap boto3 ...
LIBRARIES = {
    "c7n": "0.9.53",
    "apache-airflow-providers-amazon": "9.39.0",
    "awswrangler": "3.17.1",
    "prowler": "5.46.0",
    "aws-lambda-powertools": "3.37.0",
    "chalice": "1.34.0",
}
# ... and applications and tools that call it the way application code does
# (CLIs, deployers, auditors, integrations), so that precision is judged on both.
APPLICATIONS = {
    "ScoutSuite": "5.14.0",
    "pacu": "1.7.0",
    "runway": "2.8.4",
    "sceptre": "4.7.0",
    "aws-parallelcluster": "3.16.1",
    "aws-sam-cli": "1.170.0",
    "ecs-deploy": "1.17.0",
    "dagster-aws": "0.29.27",
    "prefect-aws": "0.7.12",
    "mlflow": "3.18.0",
}
PACKAGES = {**LIBRARIES, **APPLICATIONS}
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
    # Every code (the default-off ones too), or as flake8 runs without a selection: the default-on
    # codes only, whose analyses skip what feeds only the others.
    settings = Settings(codes=default_on_codes()) if args.default_codes else Settings()
    results: dict[str, list[dict]] = {}
    counts: dict[str, collections.Counter] = {}
    for name, version in PACKAGES.items():
        if args.package and name not in args.package:
            continue
        root = fetch(name, version)
        started = time.perf_counter()
        found = []
        for path in python_files(root):
            for finding in check_file(str(path), settings):
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


def run_perf(args) -> int:
    from bench import perf

    packages: dict[str, Path] = {}
    for name, version in PACKAGES.items():
        if not args.package or name in args.package:
            packages[name] = fetch(name, version)
    for name, version in BOTO3_FREE.items() if args.boto3_free else ():
        packages[name] = fetch(name, version)
    if args.stdlib:
        packages["python stdlib"] = Path(os.path.dirname(os.__file__))
    perf.run(packages, CACHE, args.runs, editor=not args.no_editor)
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


# --- precision ------------------------------------------------------------------------------------

LABELS = ROOT / "bench" / "labels"
VERDICTS = ("true", "false", "debatable")


@dataclass(frozen=True)
class Label:
    verdict: str
    why: str
    source: str  # file:line of the label


def read_labels(directory: Path = LABELS) -> dict[tuple[str, str, int, str], Label]:
    """(package, path, line, code) -> verdict, from every ``*.tsv`` under ``directory``."""
    labels: dict[tuple[str, str, int, str], Label] = {}
    for path in sorted(directory.glob("*.tsv")):
        for number, row in enumerate(path.read_text().splitlines(), start=1):
            if not row.strip() or row.startswith("#"):
                continue
            package, file, line, code, verdict, why = row.split("\t", 5)
            if verdict not in VERDICTS:
                raise SystemExit(f"{path.name}:{number}: verdict must be one of {VERDICTS}, not {verdict!r}")
            key = (package, file, int(line), code)
            if key in labels:
                raise SystemExit(f"{path.name}:{number}: {key} is judged twice (also {labels[key].source})")
            labels[key] = Label(verdict, why, f"{path.name}:{number}")
    return labels


def corpus_findings(packages) -> list[dict]:
    found = []
    for name in packages:
        root = fetch(name, PACKAGES[name])
        for path in python_files(root):
            for finding in check_file(str(path)):
                found.append({"package": name, "path": str(path.relative_to(root)), "line": finding.line,
                              "col": finding.col, "code": finding.code, "message": finding.message})
    return found


def run_precision(args) -> int:
    from flake8_boto3.registry import RULES_BY_CODE

    if args.findings:
        found = [f for group in json.loads(Path(args.findings).read_text()).values() for f in group]
    else:
        found = corpus_findings(args.package or PACKAGES)
    labels = read_labels()
    reported = {(f["package"], f["path"], f["line"], f["code"]): f for f in found}
    rows: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    unjudged: dict[str, list[dict]] = collections.defaultdict(list)
    for key, finding in sorted(reported.items()):
        code = key[3]
        rows[code]["findings"] += 1
        label = labels.get(key)
        if label is None:
            unjudged[code].append(finding)
        else:
            rows[code][label.verdict] += 1
    print(f"{'code':<7} {'default':>7} {'findings':>8} {'true':>5} {'false':>5} {'debat.':>6} {'precision':>9}"
          f" {'unjudged':>8}")
    failing = []
    for code in sorted(rows):
        row = rows[code]
        judged = row["true"] + row["false"] + row["debatable"]
        precision = row["true"] / judged if judged else None
        rule = RULES_BY_CODE.get(code)
        default = "on" if rule is None or rule.enabled_by_default else "off"
        shown = f"{precision:.2f}" if precision is not None else "-"
        print(f"{code:<7} {default:>7} {row['findings']:>8} {row['true']:>5} {row['false']:>5} {row['debatable']:>6}"
              f" {shown:>9} {len(unjudged[code]):>8}")
        if default == "on" and (
            (precision is not None and precision < args.min_precision)
            or len(unjudged[code]) > args.max_unjudged * row["findings"]
        ):
            failing.append(code)

    def default_on(code: str) -> bool:
        return code not in RULES_BY_CODE or RULES_BY_CODE[code].enabled_by_default

    judged_on = [k for k in reported if k in labels and default_on(k[3])]
    true_on = sum(labels[k].verdict == "true" for k in judged_on)
    if judged_on:
        print(f"{'all on':<7} {'':>7} {'':>8} {true_on:>5} {'':>5} {'':>6} {true_on / len(judged_on):>9.2f}")
    # Judged true but no longer reported: recall lost (unless the label was changed with a reason).
    in_scope = set(args.package or PACKAGES)
    gone = [k for k in labels if k[0] in in_scope and k not in reported]
    lost = sorted(k for k in gone if labels[k].verdict == "true")
    stale = sorted(k for k in gone if labels[k].verdict != "true")
    print(f"\n{len(lost)} finding(s) judged true are no longer reported; {len(stale)} judged not true are gone")
    for key in lost:
        print(f"  lost: {key[0]}/{key[1]}:{key[2]} {key[3]} ({labels[key].source}: {labels[key].why})")
    if args.verbose:
        for code in sorted(unjudged):
            for f in unjudged[code]:
                print(f"unjudged: {f['package']}\t{f['path']}\t{f['line']}\t{f['code']}\t{f['message']}")
    if failing or lost:
        print(f"\nbelow the bar: {', '.join(failing) or 'none'}; lost true findings: {len(lost)}")
        return 1
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    findings = commands.add_parser("findings", help="findings per code and package")
    findings.add_argument("--package", action="append", help="only this package (repeatable)")
    findings.add_argument("--out", help="write all findings to this JSON file")
    findings.add_argument(
        "--default-codes", action="store_true", help="only the default-on codes, as flake8 runs without --select"
    )
    findings.add_argument("--show", action="append", help="print the findings of this code (repeatable)")
    perf = commands.add_parser("perf", help="whole flake8 processes with and without the plugin (bench/perf.py)")
    perf.add_argument("--package", action="append", help="only this package (repeatable)")
    perf.add_argument("--runs", type=int, default=3, help="rounds of each measurement (median)")
    perf.add_argument("--no-editor", action="store_true", help="skip the editor lints (flake8 - on one file)")
    perf.add_argument("--boto3-free", action="store_true", help="also time boto3-free code (django)")
    perf.add_argument("--stdlib", action="store_true", help="also time the Python standard library")
    crashes = commands.add_parser("crashes", help="internal errors on the corpus and the standard library")
    crashes.add_argument("--no-stdlib", action="store_true")
    precision = commands.add_parser("precision", help="judged findings (bench/labels/*.tsv) and precision per code")
    precision.add_argument("--package", action="append", help="only this package (repeatable)")
    precision.add_argument("--findings", help="use findings written by `findings --out` instead of running")
    precision.add_argument("--min-precision", type=float, default=0.90, help="bar for default-on rules")
    precision.add_argument("--max-unjudged", type=float, default=0.10, help="largest unjudged share per rule")
    precision.add_argument("-v", "--verbose", action="store_true", help="list the findings not judged yet")
    args = parser.parse_args(argv)
    commands_by_name = {"findings": run_findings, "perf": run_perf, "crashes": run_crashes, "precision": run_precision}
    return commands_by_name[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
