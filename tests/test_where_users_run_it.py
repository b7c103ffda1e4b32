"""CI, editors and the command line, with the real tools (flake8 itself; no mocks).

The pre-commit and python-lsp-server tests are in test_integration.py.
"""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from tests.code_scanning import check_code_scanning_accepts, validate_against_schema
from tests.helpers import FIXTURES, run_flake8
from tests.readme import README, code_blocks, commands, install_requirement, section

ROOT = Path(__file__).resolve().parent.parent


def copy_project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(ROOT / "examples", project / "examples")
    shutil.copytree(FIXTURES / "project" / "src", project / "src")
    return project


def test_stdin_gives_the_same_results_as_the_file():
    """Sibling-module imports and test-file detection use the display name."""
    paths = sorted((FIXTURES / "project" / "src" / "shop").glob("*.py")) + [
        FIXTURES / "lifecycle" / "test_moto_style.py",
        FIXTURES / "pagination" / "paginated_calls.py",
    ]
    for path in paths:
        relative = str(path.relative_to(ROOT))
        from_file = run_flake8("--select", "BTO", relative, cwd=ROOT).stdout
        from_stdin = run_flake8(
            "--select", "BTO", "--stdin-display-name", relative, "-", cwd=ROOT, stdin=path.read_text()
        ).stdout
        assert from_stdin == from_file, relative
    # the sibling-module case really found something through stdin
    assert "BTO101" in run_flake8(
        "--select", "BTO", "--stdin-display-name", "tests/fixtures/project/src/shop/handlers.py", "-",
        cwd=ROOT, stdin=(FIXTURES / "project/src/shop/handlers.py").read_text(),
    ).stdout


def test_jobs_two_gives_exactly_the_output_of_jobs_one():
    # --isolated: this repository's own [flake8] section excludes the fixtures.
    one = run_flake8("--isolated", "--select", "BTO", "--jobs", "1", "tests/fixtures", "examples", cwd=ROOT)
    two = run_flake8("--isolated", "--select", "BTO", "--jobs", "2", "tests/fixtures", "examples", cwd=ROOT)
    assert one.stdout and sorted(one.stdout.splitlines()) == sorted(two.stdout.splitlines())
    assert one.returncode == two.returncode == 1


def run_snippet(found: list[str], project: Path) -> subprocess.CompletedProcess:
    """Run the one ``flake8-boto3`` command of a CI snippet, as the installed console script."""
    [command] = found
    script = Path(sys.executable).parent / "flake8-boto3"
    return subprocess.run([str(script), *shlex.split(command)[1:]], cwd=project, capture_output=True, text=True)


def test_github_actions_snippet_produces_annotations(tmp_path):
    project = copy_project(tmp_path)
    result = run_snippet(commands("GitHub Actions", "flake8-boto3"), project)
    lines = result.stdout.splitlines()
    assert result.returncode == 1
    assert lines and all(line.startswith("::") for line in lines)
    assert any("BTO101" in line and "file=examples/lambda_function.py" in line for line in lines)
    assert not any("BTO103" in line for line in lines)  # the snippets run the default-on rules only


def test_code_scanning_workflow_uploads_a_document_code_scanning_accepts(tmp_path):
    project = copy_project(tmp_path)
    [workflow] = [yaml.safe_load(block) for block in code_blocks("GitHub code scanning", "yaml")]
    [job] = workflow["jobs"].values()
    assert job["permissions"]["security-events"] == "write"
    runs = [step["run"] for step in job["steps"] if "run" in step]
    assert runs[0] == f'pip install "{install_requirement()}"'
    [upload] = [step for step in job["steps"] if step.get("uses", "").startswith("github/codeql-action/upload-sarif@")]
    result = run_snippet(commands("GitHub code scanning", "flake8-boto3"), project)
    assert result.returncode == 0, result.stderr  # --exit-zero: the upload step runs, code scanning decides
    document = json.loads((project / upload["with"]["sarif_file"]).read_text())
    check_code_scanning_accepts(document)
    [run] = document["runs"]
    codes = {result["ruleId"] for result in run["results"]}
    assert {"BTO101", "BTO102", "BTO201", "BTO301"} <= codes and "BTO103" not in codes  # opt-in
    assert all(code.startswith("BTO") for code in codes)
    assert all(rule["help"]["markdown"].startswith(f"# {rule['id']} ") for rule in run["tool"]["driver"]["rules"])
    validate_against_schema(document)


def test_gitlab_snippet_writes_a_code_quality_report(tmp_path):
    project = copy_project(tmp_path)
    result = run_snippet(commands("GitLab CI", "flake8-boto3"), project)
    assert result.returncode == 0  # --exit-zero: the report carries the findings
    report = json.loads((project / "gl-code-quality-report.json").read_text())
    codes = {issue["description"].rsplit("[", 1)[-1].rstrip("]") for issue in report}
    assert {"BTO101", "BTO102"} <= codes and "BTO103" not in codes  # opt-in
    assert all(issue["location"]["path"] for issue in report)


def test_standalone_command_runs_only_the_default_bto_rules(tmp_path):
    bad = tmp_path / "app.py"
    bad.write_text(
        "import os\nimport boto3\n\n\ndef handler(event, context):\n"
        "    boto3.client('s3', region_name=event['region']).head_bucket(Bucket='b')\n"
        "    boto3.client('s3').head_bucket(Bucket='b')\n"
    )
    script = Path(sys.executable).with_name("flake8-boto3")
    result = subprocess.run([str(script), "app.py"], cwd=tmp_path, capture_output=True, text=True)
    codes = [line.split()[1] for line in result.stdout.splitlines()]
    assert codes == ["BTO101"]  # no F401 for the unused os, no opt-in BTO104
    assert result.returncode == 1
    extended = subprocess.run(
        [str(script), "--extend-select", "BTO104", "app.py"], cwd=tmp_path, capture_output=True, text=True
    )
    assert [line.split()[1] for line in extended.stdout.splitlines()] == ["BTO104", "BTO101"]


def test_extend_ignore_and_per_file_ignores(tmp_path):
    (tmp_path / "jobs").mkdir()
    source = "import boto3\n\n\ndef handler(event, context):\n    boto3.client('s3').head_bucket(Bucket=event['b'])\n"
    (tmp_path / "app.py").write_text(source)
    (tmp_path / "jobs" / "nightly.py").write_text(source)
    both = run_flake8("--select", "BTO", ".", cwd=tmp_path).stdout
    assert both.count("BTO101") == 2
    per_file = run_flake8("--select", "BTO", "--per-file-ignores", "jobs/*:BTO101", ".", cwd=tmp_path).stdout
    assert per_file.count("BTO101") == 1 and "nightly" not in per_file
    assert run_flake8(".", cwd=tmp_path).stdout.count("BTO101") == 2
    (tmp_path / ".flake8").write_text("[flake8]\nextend-ignore = BTO101\n")
    assert "BTO101" not in run_flake8(".", cwd=tmp_path).stdout


def test_readme_never_installs_the_unrelated_package_that_has_our_name_on_pypi():
    """On PyPI, ``flake8-boto3`` is r2c's 2020 package: every snippet installs from this repository,
    and the Install section mentions the bare name only in its prose."""
    requirement = install_requirement()
    assert requirement == "flake8-boto3 @ git+<URL of this repository>"
    text = README.read_text()
    snippets = re.findall(r"```\w*\n(.*?)```", text, re.S)
    snippets += re.findall(r"`([^`\n]+)`", text.replace(section("Install", level=2), ""))
    installs = [line for snippet in snippets for line in snippet.splitlines()
                if "pip install" in line or "additional_dependencies" in line]
    assert sum(requirement in line for line in installs) == 8  # Install, pre-commit, 2 editors, 4 CI snippets
    for line in installs:
        assert not re.search(r"(?<![\w./-])flake8-boto3(?![\w-])", line.replace(requirement, "")), line


RUFF_AND_BTO = (
    "import os\nimport boto3\n\n\ndef handler(event, context):\n    return boto3.client('s3').head_bucket(Bucket='b')\n"
)


def test_ruff_ci_snippet_runs_ruff_and_the_bto_rules_without_overlap(tmp_path):
    project = copy_project(tmp_path)
    (project / "app.py").write_text(RUFF_AND_BTO)
    [install] = [line for line in section("Projects that use ruff").splitlines() if "pip install" in line]
    assert install.split("run: ", 1)[1] == f'pip install ruff "{install_requirement()}"'
    [ruff_command] = commands("Projects that use ruff", "ruff")
    ruff = subprocess.run(
        [str(Path(sys.executable).parent / "ruff"), *shlex.split(ruff_command)[1:]],
        cwd=project, capture_output=True, text=True,
    )
    assert ruff.returncode == 1 and "F401" in ruff.stdout and "BTO" not in ruff.stdout
    ours = run_snippet(commands("Projects that use ruff", "flake8-boto3"), project)
    codes = {line.split()[1] for line in ours.stdout.splitlines()}
    assert ours.returncode == 1 and {"BTO101", "BTO102"} <= codes and "BTO103" not in codes  # opt-in
    assert all(code.startswith("BTO") for code in codes)


def test_flake8_section_for_ruff_projects_leaves_ruffs_checks_to_ruff(tmp_path):
    source = RUFF_AND_BTO.replace(
        "def handler(event, context):", "def handler(event, context):\n    boto3.client('s3', region_name=event['r'])  "
    )
    (tmp_path / "app.py").write_text(source)
    everything = {line.split()[1] for line in run_flake8("--isolated", "app.py", cwd=tmp_path).stdout.splitlines()}
    assert {"F401", "W291", "BTO101"} <= everything
    [ini] = code_blocks("Projects that use ruff", "ini")
    (tmp_path / ".flake8").write_text(ini)
    codes = [line.split()[1] for line in run_flake8("app.py", cwd=tmp_path).stdout.splitlines()]
    assert codes == ["BTO101"]  # no E, W, F, C90; no opt-in BTO104
