"""``python -m flake8_boto3 rules`` and ``python -m flake8_boto3 explain BTO101``."""

from __future__ import annotations

import argparse
import sys

from flake8_boto3.registry import RULES, RULES_BY_CODE


def rules_table() -> str:
    rows = [("Code", "Name", "Default", "Summary")]
    rows += [(r.code, r.name, "on" if r.enabled_by_default else "off", r.summary) for r in RULES]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    return "\n".join(
        f"{row[0]:<{widths[0]}}  {row[1]:<{widths[1]}}  {row[2]:<{widths[2]}}  {row[3]}" for row in rows
    )


def explain(code: str) -> str | None:
    rule = RULES_BY_CODE.get(code.upper())
    return rule.documentation if rule else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m flake8_boto3", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("rules", help="list every rule with its code, name and default state")
    explain_parser = commands.add_parser("explain", help="show a rule's full documentation")
    explain_parser.add_argument("code", help="a rule code, e.g. BTO101")
    args = parser.parse_args(argv)
    if args.command == "rules":
        print(rules_table())
        return 0
    text = explain(args.code)
    if text is None:
        print(f"unknown rule {args.code!r}; see `python -m flake8_boto3 rules`", file=sys.stderr)
        return 2
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
