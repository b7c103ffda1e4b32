"""The flake8 adapter: options in, findings out. All analysis lives elsewhere.

Importing this module stays cheap (no astroid): flake8 imports every plugin on
every run, and an editor runs flake8 on every save. The analysis is imported
the first time a file passes the screen.
"""

from __future__ import annotations

import ast
import dataclasses
import os
from collections.abc import Iterator
from typing import TYPE_CHECKING

from flake8_boto3 import __version__, project, screen
from flake8_boto3.settings import DEFAULT_HANDLER_DECORATORS, DEFAULT_HANDLER_NAMES, Settings

if TYPE_CHECKING:
    from flake8_boto3.cache import FindingsCache

# Codes that are off unless selected; tests/test_registry.py keeps this in step with the registry.
DEFAULT_OFF_CODES = ("BTO103", "BTO104", "BTO207", "BTO406")
# Every code, in the registry's order (kept in step the same way): which of them a run reports is
# worked out without importing the rules, which a run whose findings all come from the cache never needs.
CODES = (
    "BTO101", "BTO102", "BTO103", "BTO104", "BTO201", "BTO202", "BTO203", "BTO204", "BTO205", "BTO206", "BTO207",
    "BTO301", "BTO302", "BTO303", "BTO401", "BTO402", "BTO403", "BTO404", "BTO405", "BTO406", "BTO501", "BTO502",
    "BTO503", "BTO504", "BTO900", "BTO901",
)


class Boto3Checker:
    """flake8 entry point ``BTO``."""

    name = "flake8-boto3"
    version = __version__
    settings: Settings = Settings()
    cache_directory: str | None = None
    cache_enabled: bool = True
    _cache: FindingsCache | None = None
    _cache_opened = False
    # Decides which codes flake8 reports in this run (its --select, --ignore and the default-off codes).
    _decisions = None
    one_file = False  # the run lints one file (an editor's `flake8 -`): nothing follows it

    def __init__(self, tree: ast.Module, filename: str, lines: list[str]) -> None:
        self.tree = tree
        self.filename = filename
        self.lines = lines

    @classmethod
    def add_options(cls, option_manager) -> None:
        option_manager.add_option(
            "--boto3-handler-names",
            comma_separated_list=True,
            parse_from_config=True,
            default=",".join(DEFAULT_HANDLER_NAMES),
            help="Function names (fnmatch patterns) that are AWS Lambda handlers (BTO101)."
            f" Default: {','.join(DEFAULT_HANDLER_NAMES)}",
        )
        option_manager.add_option(
            "--boto3-handler-decorators",
            comma_separated_list=True,
            parse_from_config=True,
            default=",".join(DEFAULT_HANDLER_DECORATORS),
            help="Decorators (fnmatch patterns on the dotted name) that make a function a request handler"
            f" (BTO101). Default: {','.join(DEFAULT_HANDLER_DECORATORS)}",
        )
        option_manager.add_option(
            "--boto3-raised-quotas",
            action="store_true",
            parse_from_config=True,
            default=False,
            help="The AWS accounts this code runs in have raised service quotas: BTO201 stops trusting a quota's"
            " default (RDS's 40 DB instances per Region) to keep a result within one page",
        )
        option_manager.add_option(
            "--boto3-cache-dir",
            parse_from_config=True,
            default=None,
            help="Directory of flake8-boto3's cache of findings of unchanged files. Default:"
            " $FLAKE8_BOTO3_CACHE_DIR, else the user cache directory (~/.cache/flake8-boto3 on Linux)",
        )
        option_manager.add_option(
            "--boto3-no-cache",
            action="store_true",
            parse_from_config=True,
            default=False,
            help="Analyse every file, without reading or writing flake8-boto3's cache",
        )
        option_manager.extend_default_ignore(list(DEFAULT_OFF_CODES))

    @classmethod
    def parse_options(cls, options) -> None:
        cls.settings = Settings(
            handler_names=tuple(options.boto3_handler_names),
            handler_decorators=tuple(options.boto3_handler_decorators),
            raised_quotas=bool(options.boto3_raised_quotas),
        )
        project.start_run()
        cls.cache_directory = options.boto3_cache_dir
        cls.cache_enabled = not options.boto3_no_cache
        cls._cache, cls._cache_opened = None, False
        cls._decisions = _decision_engine(options)
        cls.one_file = _one_file(getattr(options, "filenames", None))

    @classmethod
    def findings_cache(cls) -> FindingsCache | None:
        """The cache, opened when the first file passes the screen: a run over boto3-free code never
        imports it (hashing, the store), and never touches the cache directory. The settings learn
        then which codes the run reports."""
        if not cls._cache_opened:
            from flake8_boto3.cache import findings_cache

            cls.settings = dataclasses.replace(cls.settings, codes=_reported_codes(cls._decisions))
            cls._cache = findings_cache(cls.settings, cls.cache_directory, cls.cache_enabled)
            cls._cache_opened = True
        return cls._cache

    def run(self) -> Iterator[tuple[int, int, str, type]]:
        source = "".join(self.lines)
        with project.recording() as looked_up:
            try:
                if not screen.could_fire(source, self.filename):
                    return
                screened = True
            except Exception:  # noqa: BLE001 - the checker screens again and reports it as BTO900
                screened = False
            cache = self.findings_cache()
            cached = cache.lookup(source, self.filename) if cache is not None else None
            if cached is None:
                from flake8_boto3 import checker

                findings = checker.check_source(
                    source, self.filename, self.settings, self.tree, screened, more_files=not self.one_file
                )
                cached = [(finding.line, finding.col, finding.message) for finding in findings]
                if cache is not None:
                    cache.save(source, self.filename, cached, looked_up)
        for line, col, message in cached:
            yield line, col, message, type(self)


def _decision_engine(options):
    """flake8's own decision of which codes a run reports, or None where this flake8 has none."""
    try:
        from flake8.style_guide import DecisionEngine

        return DecisionEngine(options)
    except Exception:  # noqa: BLE001 - another flake8, or options made by another front end
        return None


def _reported_codes(decisions) -> tuple[str, ...] | None:
    """The plugin's codes that flake8 reports in this run, or None (all of them) when it cannot say.
    ``# noqa`` and per-file ignores only drop more codes, so no file reports a code left out here."""
    if decisions is None:
        return None
    try:
        from flake8.style_guide import Decision

        return tuple(code for code in CODES if decisions.decision_for(code) is Decision.Selected)
    except Exception:  # noqa: BLE001
        return None


def _one_file(filenames) -> bool:
    """Does the run lint one file only: the text on stdin (``flake8 -``, as editors run it on every
    save), or a single file named on the command line?"""
    if not filenames or len(filenames) != 1:
        return False
    return filenames[0] == "-" or os.path.isfile(filenames[0])
