"""pre-commit, python-lsp-server and the README's install commands, driven for real. Marked ``integration``.

pre-commit and pip install flake8 and astroid from PyPI (this plugin itself always comes from this
checkout); run offline with ``pytest -m "not integration"``.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import yaml

import flake8_boto3
from tests.helpers import checkout_as_git_repository, git_url
from tests.readme import REPOSITORY_URL, code_blocks, install_commands, install_requirement

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parent.parent

MISUSE = """\
import boto3


def lambda_handler(event, context):
    s3 = boto3.client("s3")
    return s3.head_object(Bucket="b", Key=event["key"])
"""
FIXED = """\
import boto3

s3 = boto3.client("s3")


def lambda_handler(event, context):
    return s3.head_object(Bucket="b", Key=event["key"])
"""


def git(*args, cwd):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture
def repository(tmp_path):
    repo = tmp_path / "service"
    repo.mkdir()
    git("init", "-q", cwd=repo)
    git("config", "user.email", "ci@example.invalid", cwd=repo)
    git("config", "user.name", "CI", cwd=repo)
    (repo / "handler.py").write_text(MISUSE)
    git("add", ".", cwd=repo)
    git("commit", "-qm", "misuse", cwd=repo)
    return repo


def pre_commit(*args, cwd):
    env = {**os.environ, "PRE_COMMIT_COLOR": "never"}
    executable = Path(sys.executable).with_name("pre-commit")
    return subprocess.run([str(executable), *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=900)


def test_readme_hook_id_is_the_one_this_repository_ships():
    [snippet, _] = code_blocks("pre-commit", "yaml")
    hook_ids = [hook["id"] for repo in yaml.safe_load(snippet)["repos"] for hook in repo["hooks"]]
    shipped = [hook["id"] for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())]
    assert hook_ids == shipped == ["flake8-boto3"]


def test_pre_commit_hook_fails_on_misuse_and_passes_once_fixed(repository):
    failing = pre_commit("try-repo", str(ROOT), "flake8-boto3", "--all-files", cwd=repository)
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert "handler.py:5:10: BTO101" in failing.stdout
    (repository / "handler.py").write_text(FIXED)
    passing = pre_commit("try-repo", str(ROOT), "flake8-boto3", "--all-files", cwd=repository)
    assert passing.returncode == 0, passing.stdout + passing.stderr


def test_flake8_hook_with_the_plugin_as_additional_dependency(repository, tmp_path):
    """The README's alternative: flake8's own hook with this package next to it (as a local hook here,
    since the upstream repository cannot be fetched in the test), installed from the README's
    requirement with the Git URL of this checkout."""
    [_, snippet] = code_blocks("pre-commit", "yaml")
    hook = yaml.safe_load(snippet)[0]["hooks"][0]
    assert hook["additional_dependencies"] == [install_requirement()]
    checkout = checkout_as_git_repository(tmp_path / "checkout")
    [requirement] = [dependency.replace(REPOSITORY_URL, git_url(checkout)) for dependency in hook[
        "additional_dependencies"]]
    config = {
        "repos": [
            {
                "repo": "local",
                "hooks": [
                    {
                        "id": hook["id"],
                        "name": "flake8",
                        "entry": "flake8 --select BTO",
                        "language": "python",
                        "types": ["python"],
                        "additional_dependencies": ["flake8", requirement],
                    }
                ],
            }
        ]
    }
    (repository / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config))
    result = pre_commit("run", "--all-files", cwd=repository)
    assert result.returncode == 1 and "BTO101" in result.stdout, result.stdout + result.stderr


# What each hook of ruff-pre-commit runs (its .pre-commit-hooks.yaml), for local hooks that use the
# ruff of the test extras: ruff-pre-commit itself cannot be fetched in the test.
RUFF_PRE_COMMIT_ENTRIES = {"ruff": "check --force-exclude", "ruff-format": "format --force-exclude"}


def hook_outputs(pre_commit_stdout: str) -> dict[str, str]:
    """What each failing hook printed, by hook id."""
    chunks = pre_commit_stdout.split("- hook id: ")[1:]
    return {chunk.split("\n", 1)[0].strip(): chunk for chunk in chunks}


def test_ruff_project_pre_commit_config_runs_ruff_and_the_bto_rules(repository, tmp_path):
    """The README's configuration for projects on ruff, with real pre-commit: ruff from the test extras
    as local hooks, this checkout as the flake8-boto3 hook repository."""
    [snippet, _] = code_blocks("Projects that use ruff", "yaml")
    ruff_repository, boto3_repository = yaml.safe_load(snippet)["repos"]
    assert ruff_repository["repo"] == "https://github.com/astral-sh/ruff-pre-commit"
    assert boto3_repository["repo"] == REPOSITORY_URL
    assert [hook["id"] for hook in boto3_repository["hooks"]] == ["flake8-boto3"]
    ruff = Path(sys.executable).with_name("ruff")
    local_ruff = [
        {"id": hook["id"], "name": hook["id"], "entry": f"{ruff} {RUFF_PRE_COMMIT_ENTRIES[hook['id']]}",
         "language": "system", "types_or": ["python", "pyi"], "require_serial": True}
        for hook in ruff_repository["hooks"]
    ]
    checkout = checkout_as_git_repository(tmp_path / "checkout")
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=checkout, capture_output=True, text=True, check=True)
    config = {"repos": [
        {"repo": "local", "hooks": local_ruff},
        {**boto3_repository, "repo": str(checkout), "rev": head.stdout.strip()},
    ]}
    (repository / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config))
    (repository / "handler.py").write_text("import os\n" + MISUSE)
    failing = pre_commit("run", "--all-files", cwd=repository)
    assert failing.returncode == 1, failing.stdout + failing.stderr
    outputs = hook_outputs(failing.stdout)
    assert "F401" in outputs["ruff"] and "BTO" not in outputs["ruff"]
    assert "handler.py:6:10: BTO101" in outputs["flake8-boto3"] and "F401" not in outputs["flake8-boto3"]
    (repository / "handler.py").write_text(FIXED)
    passing = pre_commit("run", "--all-files", cwd=repository)
    assert passing.returncode == 0, passing.stdout + passing.stderr


# --- the README's install commands ---------------------------------------------------------


@pytest.mark.parametrize("way", ["from the Git URL", "from a wheel"])
def test_readme_install_commands_give_a_flake8_that_reports_bto(way, repository, tmp_path):
    """Each way the Install section gives, followed in a fresh venv, with this checkout standing in
    for the repository users clone."""
    from_git_url, from_wheel = install_commands()
    commands = from_git_url if way == "from the Git URL" else from_wheel
    checkout = checkout_as_git_repository(tmp_path / "checkout")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    for command in commands:
        arguments = shlex.split(command.replace(REPOSITORY_URL, git_url(checkout)))
        assert arguments[0] == "pip", command
        installed = subprocess.run(
            [str(python), "-m", *arguments], cwd=checkout, capture_output=True, text=True, timeout=900
        )
        assert installed.returncode == 0, installed.stdout + installed.stderr
    version = subprocess.run(
        [str(python), "-c", "import importlib.metadata as m; print(m.version('flake8-boto3'))"],
        capture_output=True, text=True, check=True,
    )
    assert version.stdout.strip() == flake8_boto3.__version__  # this project, not r2c's 0.3.0
    flake8 = venv / "bin" / "flake8"
    assert "flake8-boto3" in subprocess.run([str(flake8), "--version"], capture_output=True, text=True).stdout
    result = subprocess.run([str(flake8), "handler.py"], cwd=repository, capture_output=True, text=True)
    assert result.returncode == 1 and "handler.py:5:10: BTO101" in result.stdout, result.stdout + result.stderr


# --- python-lsp-server ------------------------------------------------------------------


class LanguageServer:
    """A minimal LSP client over stdio."""

    def __init__(self, cwd: Path) -> None:
        executable = Path(sys.executable).with_name("pylsp")
        self.process = subprocess.Popen(
            [str(executable)], cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        self.messages: list[dict] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        self.next_id = 0

    def _read(self) -> None:
        stream = self.process.stdout
        while True:
            headers = {}
            while True:
                line = stream.readline()
                if not line:
                    return
                line = line.decode().strip()
                if not line:
                    break
                key, _, value = line.partition(":")
                headers[key.lower()] = value.strip()
            body = stream.read(int(headers["content-length"]))
            self.messages.append(json.loads(body))

    def send(self, method: str, params: dict, request: bool = False) -> None:
        message = {"jsonrpc": "2.0", "method": method, "params": params}
        if request:
            self.next_id += 1
            message["id"] = self.next_id
        data = json.dumps(message).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(data) + data)
        self.process.stdin.flush()

    def wait_for(self, predicate, timeout: float = 120.0) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for message in list(self.messages):
                if predicate(message):
                    return message
            time.sleep(0.05)
        raise AssertionError(f"no matching message in {timeout}s; got {self.messages}")

    def close(self) -> None:
        try:
            self.send("shutdown", {}, request=True)
            self.send("exit", {})
            self.process.wait(timeout=10)
        except Exception:
            self.process.kill()


def test_python_lsp_server_publishes_bto_diagnostics(tmp_path):
    project = tmp_path / "workspace"
    shutil.copytree(ROOT / "tests" / "fixtures" / "project" / "src", project)
    path = project / "shop" / "handlers.py"
    uri = path.as_uri()
    server = LanguageServer(project)
    try:
        server.send(
            "initialize",
            {"processId": os.getpid(), "rootUri": project.as_uri(), "capabilities": {}},
            request=True,
        )
        server.wait_for(lambda m: m.get("id") == 1 and "result" in m)
        server.send("initialized", {})
        [settings] = [json.loads(block) for block in code_blocks("VS Code and python-lsp-server", "json")]
        server.send("workspace/didChangeConfiguration", {"settings": settings})
        server.send(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": path.read_text()}},
        )
        message = server.wait_for(
            lambda m: m.get("method") == "textDocument/publishDiagnostics"
            and m["params"]["uri"] == uri
            and any(str(d.get("code")).startswith("BTO") for d in m["params"]["diagnostics"])
        )
    finally:
        server.close()
    diagnostics = [d for d in message["params"]["diagnostics"] if str(d.get("code")).startswith("BTO")]
    first = diagnostics[0]
    assert first["code"] == "BTO101"
    factory_call = next(i for i, line in enumerate(path.read_text().splitlines()) if 'get_table("audit")' in line)
    assert first["range"]["start"]["line"] == factory_call  # LSP lines are 0-based
    assert "created in Lambda handler 'lambda_handler'" in first["message"]
