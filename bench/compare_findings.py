"""Compare two findings files written by ``bench/corpus.py findings --out``.

    python bench/compare_findings.py before.json after.json [--codes BTO101,BTO201,...]

``--codes`` compares only those codes' findings (a run of every code against one of
``findings --default-codes``, say).

Exit status 0 when the findings are identical, 1 otherwise (the differences are printed).
"""

from __future__ import annotations

import argparse
import json
import sys


def keyed(path: str, codes: set[str] | None = None) -> set[tuple]:
    data = json.load(open(path))
    return {
        (f["package"], f["path"], f["line"], f["col"], f["message"])
        for found in data.values()
        for f in found
        if codes is None or f["code"] in codes
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Compare two findings files of bench/corpus.py findings --out.")
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("--codes", help="comma-separated codes: compare only their findings")
    args = parser.parse_args(argv)
    codes = set(args.codes.split(",")) if args.codes else None
    before, after = keyed(args.before, codes), keyed(args.after, codes)
    for item in sorted(before - after):
        print("- " + ":".join(map(str, item)))
    for item in sorted(after - before):
        print("+ " + ":".join(map(str, item)))
    print(f"{len(before)} findings before, {len(after)} after, {len(before ^ after)} differ")
    return 0 if before == after else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
