"""Compare two findings files written by ``bench/corpus.py findings --out``.

    python bench/compare_findings.py before.json after.json

Exit status 0 when the findings are identical, 1 otherwise (the differences are printed).
"""

from __future__ import annotations

import json
import sys


def keyed(path: str) -> set[tuple]:
    data = json.load(open(path))
    return {(f["package"], f["path"], f["line"], f["col"], f["message"]) for found in data.values() for f in found}


def main(argv: list[str]) -> int:
    before, after = keyed(argv[0]), keyed(argv[1])
    for item in sorted(before - after):
        print("- " + ":".join(map(str, item)))
    for item in sorted(after - before):
        print("+ " + ":".join(map(str, item)))
    print(f"{len(before)} findings before, {len(after)} after, {len(before ^ after)} differ")
    return 0 if before == after else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
