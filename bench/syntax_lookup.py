"""The syntactic tier's name lookup against astroid's on the corpus. Never part of the tests.

    python bench/syntax_lookup.py [--package NAME ...] [--django] [--stdlib] [--show N]
    python bench/syntax_lookup.py --fuzz 2000     # generated programs instead (tests/scoping_programs.py)

For every ``ast.Name`` read in every file of the pinned packages of ``bench/corpus.py`` (downloaded
once, as there), compares :class:`flake8_boto3.syntax.scopes.Scopes` with astroid's lookup on the
tree the plugin builds (``tests/syntax_differential.py``), as well as every scope's locals and every
class's instance attributes, and prints per package: files, names compared, names whose answer the
tier leaves to astroid (``certain=False``), names that could not be paired with an astroid node,
scopes compared, differences. Then times the tier alone on each package: build the
``Tree`` and look up every name (parsing excluded).
"""

from __future__ import annotations

import argparse
import ast
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.setrecursionlimit(max(sys.getrecursionlimit(), 3000))

from bench.corpus import BOTO3_FREE, PACKAGES, fetch, python_files  # noqa: E402
from flake8_boto3.syntax import Scopes, Tree  # noqa: E402
from tests.syntax_differential import Comparison, compare_files, compare_source  # noqa: E402


def parsed(paths: list[Path]) -> list[ast.Module]:
    trees = []
    for path in paths:
        try:
            trees.append(ast.parse(path.read_bytes().decode("utf-8", "surrogateescape")))
        except (SyntaxError, ValueError):
            continue
    return trees


def time_the_tier(trees: list[ast.Module]) -> tuple[float, float, int]:
    """(seconds to build every Tree, seconds to then look up every name read, names)."""
    started = time.perf_counter()
    indexed = [Tree(tree) for tree in trees]
    built = time.perf_counter() - started
    names = 0
    started = time.perf_counter()
    for tree in indexed:
        scopes = Scopes(tree)
        for name in tree.nodes_of(ast.Name):
            if type(name.ctx) is ast.Load:
                scopes.lookup(name)
                names += 1
    return built, time.perf_counter() - started, names


def fuzz(examples: int, show: int) -> int:
    """Compare on ``examples`` generated scoping-heavy programs; print the smallest that differ."""
    from hypothesis import HealthCheck, given, settings

    from tests.scoping_programs import scoping_programs

    total = Comparison()
    failing: list[tuple[str, list[str]]] = []

    @settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(scoping_programs())
    def compare(source: str) -> None:
        comparison = compare_source(source, "generated.py")
        total.add(comparison)
        if comparison.differences:
            failing.append((source, comparison.differences))

    compare()
    print(f"programs {total.files} names {total.names} uncertain {total.uncertain} unmapped {total.unmapped}"
          f" scopes {total.scopes} differences {len(total.differences)} in {len(failing)} programs")
    for source, differences in sorted(failing, key=lambda failure: len(failure[0]))[:show]:
        print("\n".join(differences), source, sep="\n")
    return 1 if failing else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--package", action="append", help="only this package (repeatable)")
    parser.add_argument("--django", action="store_true", help="also the boto3-free package (django)")
    parser.add_argument("--stdlib", action="store_true", help="also the Python standard library")
    parser.add_argument("--show", type=int, default=20, help="differences to print per package")
    parser.add_argument("--fuzz", type=int, metavar="N", help="compare on N generated programs instead")
    args = parser.parse_args()
    if args.fuzz:
        return fuzz(args.fuzz, args.show)
    packages = {name: version for name, version in PACKAGES.items() if not args.package or name in args.package}
    roots = {f"{name}-{version}": fetch(name, version) for name, version in packages.items()}
    if args.django:
        roots.update({f"{name}-{version}": fetch(name, version) for name, version in BOTO3_FREE.items()})
    if args.stdlib:
        roots["python stdlib"] = Path(os.path.dirname(os.__file__))
    total = Comparison()
    print(f"{'package':<45} {'files':>6} {'names':>8} {'uncertain':>9} {'unmapped':>8} {'scopes':>7} {'differ':>6}"
          f" {'seconds':>8} {'tree ms':>8} {'lookup ms':>9}")
    for label, root in roots.items():
        paths = python_files(root)
        started = time.perf_counter()
        comparison = compare_files(paths)
        elapsed = time.perf_counter() - started
        built, looked_up, _ = time_the_tier(parsed(paths))
        total.add(comparison)
        print(f"{label:<45} {comparison.files:>6} {comparison.names:>8} {comparison.uncertain:>9}"
              f" {comparison.unmapped:>8} {comparison.scopes:>7} {len(comparison.differences):>6} {elapsed:>8.1f}"
              f" {built * 1000:>8.0f} {looked_up * 1000:>9.0f}", flush=True)
        for difference in comparison.differences[: args.show]:
            print("   ", difference)
    print(f"{'total':<45} {total.files:>6} {total.names:>8} {total.uncertain:>9} {total.unmapped:>8}"
          f" {total.scopes:>7} {len(total.differences):>6}")
    return 1 if total.differences else 0


if __name__ == "__main__":
    sys.exit(main())
