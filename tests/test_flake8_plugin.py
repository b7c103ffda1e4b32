"""The plugin as users run it: real ``flake8`` processes."""

from __future__ import annotations

import ast
import re
import textwrap
from pathlib import Path

from tests.helpers import run_flake8

ROOT = Path(__file__).resolve().parent.parent
LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<code>BTO\d{3}) (?P<text>.*)$")

PER_CALL = """\
import boto3


def upload(event, context):
    boto3.client("s3").upload_file(event["path"], "b", "k")


def regional(region):
    boto3.client("s3", region_name=region).head_bucket(Bucket="b")
"""


def function_at(path: Path, line: int) -> str:
    """The name of the function of ``path`` that holds ``line`` ("" at module level)."""
    functions = [n for n in ast.walk(ast.parse(path.read_text())) if isinstance(n, ast.FunctionDef)]
    return next((f.name for f in functions if f.lineno <= line <= f.end_lineno), "")


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text))
    return path


def bto_lines(output: str) -> list[re.Match]:
    return [m for m in map(LINE.match, output.splitlines()) if m]


def test_examples_show_the_rules_each_ending_with_its_link():
    result = run_flake8("--select", "BTO", "examples/", cwd=ROOT)
    findings = bto_lines(result.stdout)
    expected = {"BTO101", "BTO102", "BTO103", "BTO201", "BTO202", "BTO301", "BTO302", "BTO303", "BTO401", "BTO402"}
    assert expected | {"BTO403", "BTO404", "BTO405", "BTO501", "BTO502", "BTO504"} <= {m["code"] for m in findings}
    assert not [m.group(0) for m in findings if function_at(ROOT / m["path"], int(m["line"])).endswith("_fixed")]
    for m in findings:
        assert m["text"].split()[-1].startswith("https://")  # the pattern's link ends every message
        assert not m["text"].endswith(".")
    assert len(result.stdout.splitlines()) == len(findings)  # --select BTO shows only ours


def test_bto104_is_off_by_default_and_extend_select_turns_it_on(tmp_path):
    write(tmp_path, "app.py", PER_CALL)
    default = run_flake8("app.py", cwd=tmp_path)
    assert [m["code"] for m in bto_lines(default.stdout)] == ["BTO101"]
    selected = run_flake8("--extend-select", "BTO104", "app.py", cwd=tmp_path)
    assert [m["code"] for m in bto_lines(selected.stdout)] == ["BTO101", "BTO104"]
    write(tmp_path, "setup.cfg", "[flake8]\nextend-select = BTO104\n")
    configured = run_flake8("app.py", cwd=tmp_path)
    assert [m["code"] for m in bto_lines(configured.stdout)] == ["BTO101", "BTO104"]


def test_noqa_silences_one_line(tmp_path):
    write(tmp_path, "app.py", PER_CALL.replace('"k")', '"k")  # noqa: BTO101'))
    assert bto_lines(run_flake8("app.py", cwd=tmp_path).stdout) == []


def test_handler_options_from_config_files_and_command_line(tmp_path):
    write(
        tmp_path,
        "app.py",
        """\
        import boto3
        from app_framework import bus


        def entrypoint(payload):
            boto3.client("sqs").send_message(QueueUrl="q", MessageBody=payload)


        @bus.subscribe("topic")
        def on_message(message):
            boto3.client("sns").publish(TopicArn="t", Message=message)
        """,
    )
    default = [m["code"] for m in bto_lines(run_flake8("app.py", cwd=tmp_path).stdout)]
    assert default == []  # functions of unknown callers: only the opt-in BTO103 reports them
    opted_in = run_flake8("--extend-select", "BTO103", "app.py", cwd=tmp_path)
    assert [m["code"] for m in bto_lines(opted_in.stdout)] == ["BTO103", "BTO103"]
    from_cli = run_flake8(
        "--boto3-handler-names", "entry*", "--boto3-handler-decorators", "*.subscribe", "app.py", cwd=tmp_path
    )
    assert [m["code"] for m in bto_lines(from_cli.stdout)] == ["BTO101", "BTO101"]
    for config in ("setup.cfg", "tox.ini", ".flake8"):
        path = write(
            tmp_path,
            config,
            "[flake8]\nboto3-handler-names = entrypoint\nboto3-handler-decorators = *.subscribe\n",
        )
        found = [m["code"] for m in bto_lines(run_flake8("app.py", cwd=tmp_path).stdout)]
        assert found == ["BTO101", "BTO101"], config
        path.unlink()


def test_raised_quotas_option_stops_trusting_default_quotas(tmp_path):
    write(
        tmp_path,
        "audit.py",
        """\
        import boto3

        rds = boto3.client("rds")
        iam = boto3.client("iam")


        def databases():
            return rds.describe_db_instances()["DBInstances"]


        def keys(user):
            return iam.list_access_keys(UserName=user)["AccessKeyMetadata"]
        """,
    )
    assert bto_lines(run_flake8("audit.py", cwd=tmp_path).stdout) == []  # 40 DB instances by default < 100
    raised = bto_lines(run_flake8("--boto3-raised-quotas", "audit.py", cwd=tmp_path).stdout)
    assert [(m["code"], m["line"]) for m in raised] == [("BTO201", "8")]  # a user's 2 access keys: a hard quota
    write(tmp_path, "setup.cfg", "[flake8]\nboto3-raised-quotas = true\n")
    assert [m["code"] for m in bto_lines(run_flake8("audit.py", cwd=tmp_path).stdout)] == ["BTO201"]


def test_version_lists_the_plugin():
    assert "flake8-boto3" in run_flake8("--version").stdout


def test_help_shows_options_with_defaults():
    output = "".join(run_flake8("--help").stdout.split())  # argparse wraps anywhere
    assert "--boto3-handler-namesBOTO3_HANDLER_NAMES" in output and "Default:lambda_handler,handler" in output
    assert "--boto3-handler-decorators" in output and "Default:*.route,*.get,*.post" in output


def test_syntax_error_is_only_e999(tmp_path):
    write(tmp_path, "broken.py", "import boto3\ndef f(:\n    boto3.client('s3')\n")
    result = run_flake8("--select", "E999,BTO", "broken.py", cwd=tmp_path)
    assert [line.split(" ")[1] for line in result.stdout.splitlines()] == ["E999"]


def test_one_file_runs_find_what_a_run_over_the_project_finds(tmp_path):
    """After the only file of a run (stdin, or one file named), the plugin skips tidying memory for
    the files that would follow: the findings are the same."""
    (tmp_path / "base.py").write_text(
        'import boto3\n\n\nclass Base:\n    def __init__(self, manager):\n'
        '        self.manager = manager\n        self.client = boto3.client("s3")\n'
    )
    app = (
        "from base import Base\n\n\nclass Listing(Base):\n    def run(self):\n        if self.manager:\n"
        '            return self.manager.get_model()\n        return self.client.list_objects_v2(Bucket="b")\n'
    )
    (tmp_path / "app.py").write_text(app)
    common = ("--isolated", "--select", "BTO", "--boto3-no-cache")
    whole = run_flake8(*common, ".", cwd=tmp_path).stdout.splitlines()
    one = run_flake8(*common, "app.py", cwd=tmp_path).stdout.splitlines()
    stdin = run_flake8(*common, "--stdin-display-name", "./app.py", "-", cwd=tmp_path, stdin=app).stdout.splitlines()
    assert [line for line in whole if line.startswith("./app.py:")] == stdin
    assert one == [line.replace("./", "", 1) for line in stdin]
    assert any(":8:16: BTO201" in line for line in stdin)


def test_a_run_lints_one_file_when_it_reads_stdin_or_names_one_file(tmp_path):
    from flake8_boto3.plugin import _one_file

    (tmp_path / "app.py").write_text("")
    assert _one_file(["-"]) and _one_file([str(tmp_path / "app.py")])
    assert not _one_file([str(tmp_path)]) and not _one_file(["a.py", "b.py"]) and not _one_file([])


def test_a_run_analyses_for_the_codes_flake8_reports(tmp_path):
    # --select and --ignore decide which rules run at all; what they report is what a run of every rule
    # reports of those codes.
    write(tmp_path, "app.py", PER_CALL)
    every_code = run_flake8("--select", "BTO", "--extend-select", "BTO104", "--boto3-no-cache", "app.py", cwd=tmp_path)
    assert [m["code"] for m in bto_lines(every_code.stdout)] == ["BTO101", "BTO104"]
    only_104 = run_flake8("--select", "BTO104", "--boto3-no-cache", "app.py", cwd=tmp_path)
    assert [m["code"] for m in bto_lines(only_104.stdout)] == ["BTO104"]
    without_101 = run_flake8("--extend-ignore", "BTO101", "--boto3-no-cache", "app.py", cwd=tmp_path)
    assert bto_lines(without_101.stdout) == []


def test_the_codes_a_run_reports_are_flake8s_decision():
    from argparse import Namespace

    from flake8_boto3.plugin import DEFAULT_OFF_CODES, _decision_engine, _reported_codes
    from flake8_boto3.registry import RULES

    def options(**given):
        chosen = {"select": None, "extend_select": None, "ignore": None, "extend_ignore": None}
        defaults = {"extended_default_select": ["BTO"], "extended_default_ignore": list(DEFAULT_OFF_CODES)}
        return Namespace(**{**chosen, **given}, **defaults)

    default = _reported_codes(_decision_engine(options()))
    assert "BTO101" in default and "BTO201" in default and not set(DEFAULT_OFF_CODES) & set(default)
    assert "BTO104" in _reported_codes(_decision_engine(options(extend_select=["BTO104"])))
    # An explicit selection wins over the default-off list, as in flake8: BTO207 too.
    every = [rule.code for rule in RULES]
    only_bto2 = tuple(code for code in every if code.startswith("BTO2"))
    assert _reported_codes(_decision_engine(options(select=["BTO2"]))) == only_bto2
    assert "BTO101" not in _reported_codes(_decision_engine(options(extend_ignore=["BTO1"])))
    assert _reported_codes(_decision_engine(object())) is None  # options of another front end: every code
