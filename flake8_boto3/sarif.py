"""``flake8 --format=sarif``: one SARIF 2.1.0 document per run, for GitHub code scanning.

The formatter is an adapter: flake8 hands it every reported finding (BTO and those
of every other plugin), and at the end of the run it writes one ``sarifLog`` with
one ``run``. Nothing is fetched: each BTO rule's entry comes from the registry
(name, summary, the rule page as help in text and Markdown, its link). Codes of
other plugins get a minimal entry.

- Levels: BTO rules ``warning``, BTO9xx (the plugin's own conditions) ``note``;
  files flake8 could not read or parse (E9xx), undefined names (F821-F823) and
  statements Python rejects (F7xx) ``error``; other pycodestyle E and pyflakes F
  codes ``warning``; pycodestyle W and mccabe C90 ``note``; other plugins ``warning``.
- Locations: URIs relative to the working directory, with forward slashes and
  ``uriBaseId`` ``%SRCROOT%`` (a file outside it gets an absolute ``file:`` URI).
  Lines and columns are 1-based; flake8 already hands formatters 1-based columns
  (it adds 1 to every plugin's offset). Columns count code points: BTO columns are
  ``ast`` offsets in UTF-8 bytes and are converted; other plugins' columns are
  written as flake8 reports them.
- Fingerprints: ``primaryLocationLineHash`` is a hash of the rule id, the path and
  the line's text with its whitespace normalised, then ``:`` and the how-manieth
  such line of the file it is, so an alert keeps its identity when lines are
  inserted above it.
- Output: the document goes where flake8 sends a report (``--output-file``,
  ``--tee``, standard output), but the file is replaced rather than appended to,
  since a second document appended to the first is no longer JSON.
  ``--statistics`` and ``--benchmark`` go to standard error for the same reason.

Importing this module stays cheap, as flake8 imports every installed formatter on
every run: the registry (and with it astroid) is imported only when a run reports
a BTO code.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import sys
import tokenize
from collections import Counter
from pathlib import Path
from urllib.parse import quote

from flake8 import utils
from flake8.formatting.base import BaseFormatter
from flake8.violation import Violation

from flake8_boto3 import __url__, __version__

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SOURCE_ROOT = "%SRCROOT%"
TOOL_NAME = "flake8-boto3"
# GitHub shows at most this many characters of a rule's full description.
FULL_DESCRIPTION_LIMIT = 1024

ERROR_PREFIXES = ("E9", "F7", "F821", "F822", "F823")
NOTE_PREFIXES = ("BTO9", "W", "C90")
# The tag of each BTO family (the hundreds digit; see flake8_boto3.registry).
FAMILY_TAGS = {
    "1": "performance",
    "2": "correctness",
    "3": "maintainability",
    "4": "reliability",
    "5": "correctness",
    "9": "analysis-coverage",
}
# Rules whose findings GitHub treats as security alerts (7.0-8.9 shows as "high").
SECURITY_RULES = {"BTO301": ("7.5", "external/cwe/cwe-798")}
PROBLEM_SEVERITY = {"error": "error", "warning": "warning", "note": "recommendation"}
# Where the codes of flake8 itself and of its default plugins are listed.
TOOL_DOCUMENTATION = {
    "flake8": "https://flake8.pycqa.org/en/latest/user/error-codes.html",
    "pyflakes": "https://flake8.pycqa.org/en/latest/user/error-codes.html",
    "pycodestyle": "https://pycodestyle.pycqa.org/en/latest/intro.html#error-codes",
}
MARKDOWN_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")


def level_for(code: str) -> str:
    if code.startswith(ERROR_PREFIXES):
        return "error"
    if code.startswith(NOTE_PREFIXES):
        return "note"
    return "warning"


def reporting_tool(code: str) -> str | None:
    """The flake8 plugin that reports a code that is not ours, as far as its code tells."""
    from flake8.plugins.pyflakes import FLAKE8_PYFLAKES_CODES

    if code.startswith("E9"):
        return "flake8"
    if code in FLAKE8_PYFLAKES_CODES.values():
        return "pyflakes"
    if code.startswith(("E", "W")):
        return "pycodestyle"
    if code.startswith("C90"):
        return "mccabe"
    return None


def markdown_as_text(markdown: str) -> str:
    """A rule page without its markup: headings as plain lines, code blocks indented, links spelled out."""
    lines = []
    in_code_block = False
    for line in markdown.splitlines():
        if line.startswith("```"):
            in_code_block = not in_code_block
        elif in_code_block:
            lines.append(f"    {line}" if line else "")
        else:
            line = MARKDOWN_LINK.sub(r"\1 (\2)", re.sub(r"^#+ ", "", line))
            lines.append(line.replace("`", ""))
    return "\n".join(lines)


def first_paragraph(documentation: str, section: str) -> str:
    """The first paragraph of a section of a rule page, as one line of text GitHub will show whole."""
    heading = f"## {section}\n"
    start = documentation.index(heading) + len(heading)
    paragraph = " ".join(markdown_as_text(documentation[start:].split("\n\n", 1)[0]).split())
    if len(paragraph) <= FULL_DESCRIPTION_LIMIT:
        return paragraph
    return paragraph[: FULL_DESCRIPTION_LIMIT - 1].rsplit(" ", 1)[0] + "\u2026"


def bto_rule_descriptor(rule) -> dict:
    """A registry rule as a SARIF ``reportingDescriptor``: everything GitHub shows next to an alert."""
    level = level_for(rule.code)
    tags = ["boto3", FAMILY_TAGS[rule.code[3]]]
    properties: dict = {"precision": "high" if rule.enabled_by_default else "medium"}
    if rule.code in SECURITY_RULES:
        severity, weakness = SECURITY_RULES[rule.code]
        tags += ["security", weakness]
        properties["security-severity"] = severity
    else:
        properties["problem.severity"] = PROBLEM_SEVERITY[level]
    descriptor = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": first_paragraph(rule.documentation, "What it does")},
        "defaultConfiguration": {"level": level},
        "help": {"text": markdown_as_text(rule.documentation), "markdown": rule.documentation},
        "properties": {"tags": tags, **properties},
    }
    if rule.link:
        descriptor["helpUri"] = rule.link
    return descriptor


def other_rule_descriptor(code: str) -> dict:
    """The minimal entry for a code of another flake8 plugin (E, W, F, C90, ...)."""
    tool = reporting_tool(code)
    reporter = tool or "a flake8 plugin"
    description = f"{code}, reported through flake8 by {reporter}"
    descriptor = {
        "id": code,
        "shortDescription": {"text": description},
        "fullDescription": {"text": f"{description}; its documentation says what the code means."},
        "defaultConfiguration": {"level": level_for(code)},
        "help": {"text": f"See the documentation of {reporter} for {code}."},
        "properties": {"tags": [tool or "flake8"]},
    }
    if tool in TOOL_DOCUMENTATION:
        descriptor["helpUri"] = TOOL_DOCUMENTATION[tool]
    return descriptor


def rule_descriptors(codes: set[str]) -> list[dict]:
    """One entry per code that appears, ordered by code."""
    rules_by_code: dict = {}
    if any(code.startswith("BTO") for code in codes):
        from flake8_boto3.registry import RULES_BY_CODE as rules_by_code
    return [
        bto_rule_descriptor(rules_by_code[code]) if code in rules_by_code else other_rule_descriptor(code)
        for code in sorted(codes)
    ]


def artifact_location(filename: str) -> dict:
    """The file relative to the working directory (the checkout), or absolute when it lies outside."""
    path = os.path.abspath(filename)
    relative = os.path.relpath(path)
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return {"uri": Path(path).as_uri()}
    return {"uri": quote(Path(relative).as_posix()), "uriBaseId": SOURCE_ROOT}


def source_lines(filename: str, options) -> list[str] | None:
    """The lines of the file as flake8 checked it (standard input included), or None if unreadable."""
    if utils.is_using_stdin(options.filenames) and filename == options.stdin_display_name:
        text = utils.stdin_get_value()  # read once by flake8 in this process, and cached
    else:
        try:
            with tokenize.open(filename) as file:
                text = file.read()
        except (OSError, SyntaxError, UnicodeDecodeError, LookupError):
            return None
    return [line.rstrip("\r\n") for line in io.StringIO(text)]


def code_point_column(line: str, utf8_column: int) -> int:
    """A 1-based column counted in UTF-8 bytes (``ast``'s col_offset + 1), counted in code points."""
    return len(line.encode("utf-8")[: utf8_column - 1].decode("utf-8", errors="ignore")) + 1


def line_hash(code: str, uri: str, line: str) -> str:
    normalized = " ".join(line.split())
    return hashlib.sha256(f"{code}\0{uri}\0{normalized}".encode()).hexdigest()[:16]


class SarifFormatter(BaseFormatter):
    """flake8 formatter ``sarif``."""

    def after_init(self) -> None:
        self.results: list[dict] = []
        self.filename_lines: tuple[str, list[str] | None] | None = None
        self.line_hashes: Counter[str] = Counter()

    def start(self) -> None:
        if self.filename:
            os.makedirs(os.path.dirname(os.path.abspath(self.filename)), exist_ok=True)
            self.output_fd = open(self.filename, "w", encoding="utf-8")

    def beginning(self, filename: str) -> None:
        self.filename_lines = None
        self.line_hashes = Counter()

    def handle(self, error: Violation) -> None:
        self.results.append(self.result(error))

    def lines_of(self, filename: str) -> list[str] | None:
        """Read once per file, and only for files with findings."""
        if self.filename_lines is None or self.filename_lines[0] != filename:
            self.filename_lines = (filename, source_lines(filename, self.options))
        return self.filename_lines[1]

    def result(self, error: Violation) -> dict:
        lines = self.lines_of(error.filename)
        line_number = max(error.line_number, 1)
        text = lines[line_number - 1] if lines is not None and line_number <= len(lines) else None
        column = max(error.column_number, 1)
        if text is not None and error.code.startswith("BTO"):
            column = code_point_column(text, column)
        region = {"startLine": line_number, "startColumn": column, "endLine": line_number}
        if text is not None:
            region["endColumn"] = max(len(text) + 1, column)
        location = artifact_location(error.filename)
        digest = line_hash(error.code, location["uri"], text or "")
        self.line_hashes[digest] += 1
        return {
            "ruleId": error.code,
            "level": level_for(error.code),
            "message": {"text": error.text},
            "locations": [{"physicalLocation": {"artifactLocation": location, "region": region}}],
            "partialFingerprints": {"primaryLocationLineHash": f"{digest}:{self.line_hashes[digest]}"},
        }

    def sarif_log(self) -> dict:
        rules = rule_descriptors({result["ruleId"] for result in self.results})
        rule_index = {rule["id"]: index for index, rule in enumerate(rules)}
        for result in self.results:
            result["ruleIndex"] = rule_index[result["ruleId"]]
        working_directory = Path.cwd().as_uri().rstrip("/") + "/"
        driver = {"name": TOOL_NAME, "version": __version__, "informationUri": __url__, "rules": rules}
        return {
            "$schema": SARIF_SCHEMA,
            "version": "2.1.0",
            "runs": [
                {
                    "tool": {"driver": driver},
                    "originalUriBaseIds": {SOURCE_ROOT: {"uri": working_directory}},
                    "columnKind": "unicodeCodePoints",
                    "results": self.results,
                }
            ],
        }

    def stop(self) -> None:
        # BaseFormatter._write routes the document as flake8 routes any report.
        super()._write(json.dumps(self.sarif_log(), indent=2))
        super().stop()

    def _write(self, output: str) -> None:
        """``--statistics`` and ``--benchmark`` lines: to standard error, keeping the document valid."""
        print(output, file=sys.stderr)
