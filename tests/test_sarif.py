"""``flake8 --format=sarif``, run for real in subprocesses: what GitHub code scanning reads, offline."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import flake8_boto3
from flake8_boto3.registry import RULES_BY_CODE
from flake8_boto3.sarif import level_for
from tests.code_scanning import check_code_scanning_accepts, validate_against_schema
from tests.helpers import run_flake8

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<column>\d+): (?P<code>[A-Z]+\d+) (?P<text>.*)$")

HANDLER = """\
import boto3


def lambda_handler(event, context):
    s3 = boto3.client("s3")
    return s3.head_object(Bucket="b", Key=event["key"])
"""


@pytest.fixture
def project(tmp_path) -> Path:
    """The examples in a directory of their own (this repository's [flake8] section excludes them)."""
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    return tmp_path


def sarif(*args: str, cwd: Path, stdin: str | None = None) -> dict:
    result = run_flake8("--format=sarif", *args, cwd=cwd, stdin=stdin)
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)


def results_of(document: dict) -> list[dict]:
    [run] = document["runs"]
    return run["results"]


def rules_of(document: dict) -> dict[str, dict]:
    [run] = document["runs"]
    return {rule["id"]: rule for rule in run["tool"]["driver"]["rules"]}


def location(result: dict) -> tuple[str, int, int]:
    physical = result["locations"][0]["physicalLocation"]
    return physical["artifactLocation"]["uri"], physical["region"]["startLine"], physical["region"]["startColumn"]


def test_examples_become_a_document_code_scanning_accepts(project):
    document = sarif("examples", cwd=project)
    check_code_scanning_accepts(document)
    default = [DEFAULT_LINE.match(line) for line in run_flake8("examples", cwd=project).stdout.splitlines()]
    expected = sorted((m["path"], int(m["line"]), int(m["column"]), m["code"], m["text"]) for m in default)
    written = sorted((*location(r), r["ruleId"], r["message"]["text"]) for r in results_of(document))
    assert written == expected  # every finding, BTO and the others (the examples are ASCII: same columns)
    codes = {r["ruleId"] for r in results_of(document)}
    assert {"BTO101", "BTO102", "BTO201", "BTO301", "BTO401", "BTO501", "E501"} <= codes  # default rules only
    assert set(rules_of(document)) == codes
    validate_against_schema(document)  # last: it skips on Python 3.10, where the schema's package is missing


def test_each_bto_rule_carries_its_page_and_link_from_the_registry(project):
    rules = rules_of(sarif("--select", "BTO", "examples", cwd=project))
    assert rules
    for code, entry in rules.items():
        rule = RULES_BY_CODE[code]
        assert entry["name"] == rule.name
        assert entry["shortDescription"]["text"] == rule.summary
        # The first paragraph of "What it does", cut at GitHub's limit with an ellipsis when longer.
        full = entry["fullDescription"]["text"]
        assert len(full) <= 1024 and full.removesuffix("…") in " ".join(rule.documentation.replace("`", "").split())
        assert entry["help"]["markdown"] == rule.documentation
        assert "What it does" in entry["help"]["text"] and "```" not in entry["help"]["text"]
        assert entry["helpUri"] == rule.link
        assert entry["defaultConfiguration"]["level"] == "warning"
        assert "boto3" in entry["properties"]["tags"]
    assert rules["BTO301"]["properties"]["security-severity"] == "7.5"
    assert "security" in rules["BTO301"]["properties"]["tags"]


def test_driver_names_this_tool(project):
    [run] = sarif("examples", cwd=project)["runs"]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"], driver["informationUri"]) == (
        "flake8-boto3", flake8_boto3.__version__, flake8_boto3.__url__,
    )
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == project.resolve().as_uri() + "/"


def test_other_plugins_get_a_minimal_rule_each(project):
    (project / "style.py").write_text("import os\nx = undefined_name  \n")
    rules = rules_of(sarif("style.py", cwd=project))
    assert set(rules) == {"F401", "F821", "W291"}
    assert rules["F401"]["shortDescription"]["text"] == "F401, reported through flake8 by pyflakes"
    assert rules["W291"]["helpUri"] == "https://pycodestyle.pycqa.org/en/latest/intro.html#error-codes"
    assert {code: rule["defaultConfiguration"]["level"] for code, rule in rules.items()} == {
        "F401": "warning", "F821": "error", "W291": "note",
    }


AUDITED_FLAKE8 = r"""
import sys
from flake8.main.cli import main
connections = []
def hook(event, args):
    if event in ("socket.connect", "socket.getaddrinfo", "urllib.Request"):
        connections.append(event)
sys.addaudithook(hook)
status = main(sys.argv[1:])
assert not connections, connections
sys.exit(status)
"""


def test_nothing_is_fetched(project):
    result = subprocess.run(
        [sys.executable, "-c", AUDITED_FLAKE8, "--format=sarif", "--output-file=results.sarif", "examples"],
        cwd=project, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 1, result.stderr
    assert rules_of(json.loads((project / "results.sarif").read_text()))["BTO101"]["help"]["markdown"]


def test_output_file_tee_and_exit_zero_behave_as_in_flake8(project):
    to_stdout = run_flake8("--format=sarif", "examples", cwd=project)
    to_file = run_flake8("--format=sarif", "--output-file=reports/results.sarif", "examples", cwd=project)
    assert to_file.stdout == "" and to_file.returncode == to_stdout.returncode == 1
    written = (project / "reports" / "results.sarif").read_text()
    assert written == to_stdout.stdout
    teed = run_flake8("--format=sarif", "--output-file=reports/results.sarif", "--tee", "--exit-zero", "examples",
                      cwd=project)
    assert teed.returncode == 0
    # One document per run: the second run replaced the file instead of appending a second document.
    assert teed.stdout == (project / "reports" / "results.sarif").read_text() == written


def test_statistics_and_benchmarks_keep_the_document_valid(project):
    result = run_flake8("--format=sarif", "--statistics", "--benchmark", "examples", cwd=project)
    assert json.loads(result.stdout)["version"] == "2.1.0"
    assert "BTO101" in result.stderr and "seconds elapsed" in result.stderr


def test_jobs_two_writes_the_document_of_jobs_one(project):
    one = run_flake8("--format=sarif", "--jobs=1", "examples", cwd=project)
    two = run_flake8("--format=sarif", "--jobs=2", "examples", cwd=project)
    assert one.stdout == two.stdout
    assert len(results_of(json.loads(two.stdout))) > 20


def test_stdin_writes_the_document_of_the_file(project):
    path = "examples/lambda_function.py"
    from_file = sarif(path, cwd=project)
    from_stdin = sarif("--stdin-display-name", path, "-", cwd=project, stdin=(project / path).read_text())
    assert from_stdin == from_file
    assert {r["ruleId"] for r in results_of(from_stdin)} >= {"BTO101"}


def test_columns_are_one_based_and_count_characters(tmp_path):
    source = HANDLER + '\n\ndef handler(event, context):\n    label = "é"; s3 = boto3.client("s3")\n'
    source += "    return s3, event\n"
    (tmp_path / "app.py").write_text(source, encoding="utf-8")
    default = run_flake8("--select", "BTO,E7", "app.py", cwd=tmp_path).stdout
    # flake8 itself: 1-based columns (col_offset + 1); for BTO (ast offsets) in UTF-8 bytes.
    assert "app.py:5:10: BTO101" in default and "app.py:10:24: BTO101" in default
    assert "app.py:10:16: E702" in default
    document = sarif("--select", "BTO,E7", "app.py", cwd=tmp_path)
    found = {(r["ruleId"], location(r)[1]): location(r)[2] for r in results_of(document)}
    line_10 = source.splitlines()[9]
    assert found == {
        ("BTO101", 5): 10,  # `    s3 = boto3.client("s3")`: the call starts at the 10th character
        ("BTO101", 10): line_10.index("boto3.client") + 1,  # 23: "é" is one character, two bytes
        ("E702", 10): line_10.index(";") + 1,  # pycodestyle counts characters already
    }
    assert document["runs"][0]["columnKind"] == "unicodeCodePoints"


def fingerprints(document: dict) -> list[str]:
    return [r["partialFingerprints"]["primaryLocationLineHash"] for r in results_of(document)]


def test_fingerprints_are_stable_across_runs_and_inserted_lines(tmp_path):
    app = tmp_path / "app.py"
    app.write_text(HANDLER + "\n\ndef handler(event, context):\n    s3 = boto3.client(\"s3\")\n    return s3, event\n")
    before = sarif("--select", "BTO", "app.py", cwd=tmp_path)
    assert fingerprints(before) == fingerprints(sarif("--select", "BTO", "app.py", cwd=tmp_path))
    # The same line twice: the same hash, told apart by the occurrence counter.
    [first, second] = fingerprints(before)
    assert first.split(":")[0] == second.split(":")[0] and (first[-2:], second[-2:]) == (":1", ":2")
    app.write_text('"""A docstring that moves everything down."""\n\n' + app.read_text())
    after = sarif("--select", "BTO", "app.py", cwd=tmp_path)
    assert [location(r)[1] for r in results_of(after)] == [location(r)[1] + 2 for r in results_of(before)]
    assert fingerprints(after) == fingerprints(before)


def test_uris_are_relative_to_the_working_directory(tmp_path):
    (tmp_path / "src" / "my app").mkdir(parents=True)
    (tmp_path / "src" / "my app" / "handler.py").write_text(HANDLER)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "job.py").write_text(HANDLER)
    checkout = tmp_path / "src"
    document = sarif("--select", "BTO", "./my app/handler.py", "../elsewhere/job.py", cwd=checkout)
    check_code_scanning_accepts(document)
    locations = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in results_of(document)]
    assert sorted(locations, key=str) == sorted([
        {"uri": "my%20app/handler.py", "uriBaseId": "%SRCROOT%"},
        {"uri": (tmp_path / "elsewhere" / "job.py").resolve().as_uri()},
    ], key=str)


def test_levels():
    assert {code: level_for(code) for code in ("BTO101", "BTO301", "BTO502", "BTO900", "BTO901")} == {
        "BTO101": "warning", "BTO301": "warning", "BTO502": "warning", "BTO900": "note", "BTO901": "note",
    }
    others = ("E999", "E902", "F821", "F706", "F401", "E501", "W291", "C901", "B006")
    assert {code: level_for(code) for code in others} == {
        "E999": "error", "E902": "error", "F821": "error", "F706": "error",
        "F401": "warning", "E501": "warning", "W291": "note", "C901": "note", "B006": "warning",
    }


def test_unreadable_and_unparsable_files_still_give_a_valid_document(tmp_path):
    (tmp_path / "broken.py").write_text("def f(:\n")
    document = sarif("broken.py", "missing.py", cwd=tmp_path)
    check_code_scanning_accepts(document)
    assert sorted(r["ruleId"] for r in results_of(document)) == ["E902", "E999"]
    validate_against_schema(document)


def test_importing_the_formatter_leaves_the_registry_and_astroid_unloaded():
    probe = "import sys, flake8_boto3.sarif; print(sorted({'flake8_boto3.registry', 'astroid'} & set(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
