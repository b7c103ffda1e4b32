"""Check the syntactic tier of the boto3 model against astroid on real code.

Every question the syntactic tier decides about the corpus (or the paths given) is asked of
astroid too; each difference is printed. The tier must never differ: what it cannot tell
exactly, it leaves to astroid. Also prints how many files never needed astroid.

    python bench/verify_syntax_tier.py [PATH ...]
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flake8_boto3 import checker  # noqa: E402
from flake8_boto3.model import VERIFY_VARIABLE, Boto3Model  # noqa: E402
from flake8_boto3.model.syntax_tier import UNDECIDED, SyntaxTier  # noqa: E402

QUESTIONS = ("value_of", "constructed_by", "literal_string", "sole_function", "functions_called",
             "infers_to_class", "infers_to_builtin_exception", "class_initialiser")

CORPUS = Path.home() / ".cache" / "flake8-boto3-bench" / "src"


def main(paths: list[str]) -> int:
    roots = [Path(p) for p in paths] or sorted(p for p in CORPUS.iterdir() if not p.name.startswith("django"))
    report = Path(tempfile.mkdtemp()) / "differences.txt"
    os.environ[VERIFY_VARIABLE] = str(report)
    analysed = astroid_free = 0
    undecided = False
    closing = Boto3Model.close

    def counting_close(model: Boto3Model) -> None:
        # Verifying asks astroid every question; a file would have needed it only for undecided ones.
        nonlocal analysed, astroid_free, undecided
        analysed += 1
        astroid_free += not undecided
        undecided = False
        closing(model)

    def noting(question):
        def ask(tier, *args):
            nonlocal undecided
            found = question(tier, *args)
            undecided = undecided or found is UNDECIDED
            return found

        return ask

    for name in QUESTIONS:
        setattr(SyntaxTier, name, noting(getattr(SyntaxTier, name)))
    Boto3Model.close = counting_close
    for root in roots:
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*.py") if p.is_file())
        for path in files:
            checker.check_file(str(path))
    differences = report.read_text().splitlines() if report.exists() else []
    for line in differences:
        print(line)
    print(f"{len(differences)} differences; {astroid_free} of {analysed} analysed files need no astroid tree")
    return 1 if differences else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
