"""Held-out samples: real application code outside this repository, judged finding by finding. Never part of the tests.

A judging round builds one sample folder outside the repository (``bench/heldout/README.md`` says how):

    DIR/src/<owner>__<repo>/<path>   the files, as the look-up tool stored them
    DIR/SOURCES.tsv                  local path (under src/), repository, path in it, commit, look-up id
    DIR/judged.tsv                   path (under src/), line, code, verdict, reason: one row per finding

    python bench/heldout.py findings DIR              # DIR/findings.txt, for a judging round (JUDGING.md)
    python bench/heldout.py precision DIR [DIR ...]   # per code: as judged, and now (this checkout's findings)
    python bench/heldout.py export DIR NAME           # bench/heldout/NAME.tsv and NAME.sources.tsv

"As judged" counts every verdict of the samples. "Now" runs this checkout's plugin over each
``DIR/src`` as users run it (``flake8 -j1`` in a separate process, default codes, no cache) and counts
the verdicts of the findings it still reports; findings nobody judged are listed as unjudged. Only the
first judging of a sample is a clean measure: once a change has been made while reading a sample's
findings, its "now" is fitted to it.
"""

from __future__ import annotations

import argparse
import collections
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "bench" / "heldout"
VERDICTS = ("true", "false", "debatable")
Key = tuple[str, int, str]  # path under src/, line, code


def judged(sample: Path) -> dict[Key, tuple[str, str]]:
    verdicts: dict[Key, tuple[str, str]] = {}
    for number, row in enumerate((sample / "judged.tsv").read_text().splitlines(), start=1):
        if not row.strip():
            continue
        fields = row.split("\t")
        if len(fields) < 4 or fields[3] not in VERDICTS or not fields[1].isdigit():
            raise SystemExit(f"{sample}/judged.tsv:{number}: expected path, line, code, verdict, reason")
        path, line, code, verdict = fields[:4]
        verdicts[(path.removeprefix("./"), int(line), code)] = (verdict, fields[4] if len(fields) > 4 else "")
    return verdicts


def finding_lines(sample: Path) -> list[str]:
    """This checkout's default-on findings over ``sample/src``, from a separate ``flake8`` process:
    ``path:line:col: BTOnnn message``, paths under ``src/``, sorted."""
    run = subprocess.run(
        [sys.executable, "-m", "flake8", "--isolated", "-j1", "--boto3-no-cache", "."],
        cwd=sample / "src", capture_output=True, text=True, check=False,
    )
    found = []
    for line in run.stdout.splitlines():
        path, number, col, message = line.split(":", 3)
        if message.split()[0].startswith("BTO"):
            found.append((path.removeprefix("./"), int(number), int(col), message.strip()))
    return [f"{path}:{number}:{col}: {message}" for path, number, col, message in sorted(found)]


def reported_now(sample: Path) -> set[Key]:
    found = set()
    for line in finding_lines(sample):
        path, number, _col, message = line.split(":", 3)
        found.add((path, int(number), message.split()[0]))
    return found


def run_findings(args) -> int:
    """``DIR/findings.txt``, the list a judging round judges (``bench/heldout/JUDGING.md``)."""
    sample = Path(args.sample)
    lines = finding_lines(sample)
    (sample / "findings.txt").write_text("".join(line + "\n" for line in lines))
    codes = collections.Counter(line.split(": ", 1)[1].split()[0] for line in lines)
    counts = ", ".join(f"{code} {count}" for code, count in sorted(codes.items()))
    print(f"{len(lines)} findings in {sample / 'findings.txt'}: {counts}")
    return 0


def run_precision(args) -> int:
    as_judged: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    now: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    unjudged: list[tuple[Path, Key]] = []
    for sample in map(Path, args.samples):
        verdicts = judged(sample)
        for (_path, _line, code), (verdict, _why) in verdicts.items():
            as_judged[code][verdict] += 1
        for key in sorted(reported_now(sample)):
            if key in verdicts:
                now[key[2]][verdicts[key][0]] += 1
            else:
                unjudged.append((sample, key))
    print(f"{'code':<7} {'as judged t/f/d':>17} {'precision':>9}   {'now t/f/d':>13} {'precision':>9}")

    def cells(row: collections.Counter) -> tuple[str, str]:
        total = sum(row[v] for v in VERDICTS)
        shown = f"{row['true'] / total:.2f}" if total else "-"
        return "/".join(str(row[v]) for v in VERDICTS), shown

    for code in sorted(set(as_judged) | set(now)):
        print(f"{code:<7} {'%s %s' % cells(as_judged[code]):>27}   {'%s %s' % cells(now[code]):>23}")
    total_judged = sum(as_judged.values(), collections.Counter())
    total_now = sum(now.values(), collections.Counter())
    print(f"{'all':<7} {'%s %s' % cells(total_judged):>27}   {'%s %s' % cells(total_now):>23}")
    print(f"\n{len(unjudged)} finding(s) reported now that no one judged")
    if args.verbose:
        for sample, (path, line, code) in unjudged:
            print(f"unjudged: {sample}/src/{path}:{line} {code}")
    return 0


def run_export(args) -> int:
    """The verdicts with where their files came from, so that a later session can fetch the same
    files again (by repository and path, or by the look-up tool's id) and measure anew."""
    sample = Path(args.sample)
    sources = {}
    for row in (sample / "SOURCES.tsv").read_text().splitlines():
        fields = row.split("\t")
        if len(fields) >= 5:
            sources[fields[0].removeprefix("src/").removeprefix("./")] = fields[1:5]
    rows = []
    for (path, line, code), (verdict, why) in sorted(judged(sample).items()):
        repository, repo_path, commit, lookup = sources.get(path, ["-", "-", "-", "-"])
        rows.append("\t".join([path, repository, repo_path, commit, lookup, str(line), code, verdict, why]))
    out = LABELS / f"{args.name}.tsv"
    out.write_text("".join(row + "\n" for row in rows))
    # Every file of the sample, with or without findings: a later version may report in any of them.
    files = LABELS / f"{args.name}.sources.tsv"
    files.write_text("".join("\t".join(fields) + "\n" for fields in ([path, *rest] for path, rest in sources.items())))
    print(f"{len(rows)} verdicts written to {out.relative_to(ROOT)}, {len(sources)} files to {files.relative_to(ROOT)}")
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    precision = commands.add_parser("precision", help="as judged and now, per code")
    precision.add_argument("samples", nargs="+", help="sample folders (DIR with src/ and judged.tsv)")
    precision.add_argument("-v", "--verbose", action="store_true", help="list the findings not judged")
    export = commands.add_parser("export", help="write a sample's verdicts and sources to bench/heldout/")
    export.add_argument("sample")
    export.add_argument("name")
    findings = commands.add_parser("findings", help="write DIR/findings.txt for a judging round")
    findings.add_argument("sample")
    args = parser.parse_args(argv)
    return {"precision": run_precision, "export": run_export, "findings": run_findings}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
