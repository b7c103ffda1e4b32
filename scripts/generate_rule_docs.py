"""Write docs/rules/BTOxxx.md from each rule module's docstring.

The docstring is the single source; a test fails when the pages are stale.
Run: python scripts/generate_rule_docs.py   (--check: fail when a page is stale)
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flake8_boto3.registry import RULES  # noqa: E402

DOCS = ROOT / "docs" / "rules"


def page(rule) -> str:
    return rule.documentation.strip() + "\n"


def main() -> int:
    if "--check" in sys.argv:
        stale = [rule.code for rule in RULES if not (DOCS / f"{rule.code}.md").is_file()
                 or (DOCS / f"{rule.code}.md").read_text() != page(rule)]
        if stale:
            print(f"stale rule pages: {', '.join(stale)}; run python scripts/generate_rule_docs.py")
            return 1
        return 0
    DOCS.mkdir(parents=True, exist_ok=True)
    for rule in RULES:
        (DOCS / f"{rule.code}.md").write_text(page(rule))
    print(f"wrote {len(RULES)} pages to {DOCS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
