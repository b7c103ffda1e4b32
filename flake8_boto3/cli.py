"""``flake8-boto3 [paths]``: flake8 with only the BTO rules, for teams that don't otherwise use flake8.

Every flake8 option works (``--extend-select BTO104``, ``--format``, ``--jobs``,
``--stdin-display-name``), and so does the ``[flake8]`` section of setup.cfg,
tox.ini or .flake8; only the selection is fixed to the BTO rules that are on
by default, so other plugins installed next to flake8 stay quiet.
"""

from __future__ import annotations

import sys

from flake8.main.cli import main as flake8_main

from flake8_boto3.registry import RULES


def default_selection() -> str:
    return ",".join(rule.code for rule in RULES if rule.enabled_by_default)


def main(argv: list[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    return flake8_main(["--select", default_selection(), *arguments])


if __name__ == "__main__":
    sys.exit(main())
