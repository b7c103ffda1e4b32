"""Budget, fault isolation, safety and fuzzing: the plugin never takes a flake8 run down."""

from __future__ import annotations

import ast
import dataclasses
import json
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flake8_boto3 import budget, checker
from flake8_boto3.checker import check_source
from flake8_boto3.registry import RULES_BY_CODE

MANY_CALLS = (
    "import boto3\n\n"
    + "".join(f"s3_{i} = boto3.client('s3')\n" for i in range(200))
    + "\n\ndef f(keys):\n"
    + "".join(f"    keys += s3_{i}.list_objects_v2(Bucket='b{i}')['Contents']\n" for i in range(200))
)


def test_budget_exhaustion_reports_bto901_once_and_keeps_earlier_findings(monkeypatch):
    unlimited = [f.code for f in check_source(MANY_CALLS, "many.py")]
    assert unlimited.count("BTO201") == 200 and "BTO901" not in unlimited
    monkeypatch.setattr(budget, "MAX_INFERENCE_STEPS", 700)  # the whole file needs 800, BTO1xx about 600
    limited = check_source(MANY_CALLS, "many.py")
    codes = [f.code for f in limited]
    assert codes.count("BTO901") == 1
    bto901 = next(f for f in limited if f.code == "BTO901")
    assert (bto901.line, bto901.col) == (1, 0)
    assert "analysis budget exceeded" in bto901.message
    assert 0 < codes.count("BTO201") < 200  # degraded to "not flagged" for the rest


def test_an_exception_in_one_file_is_one_bto900_and_the_run_goes_on(tmp_path, monkeypatch, capsys):
    from flake8.main.cli import main as flake8_main

    for name in ("broken.py", "fine.py"):
        (tmp_path / name).write_text("import boto3\n\n\ndef lambda_handler(event, context):\n    boto3.client('s3'), event\n")  # noqa: E501
    rule = RULES_BY_CODE["BTO101"]

    def faulty(context):
        if context.path.endswith("broken.py"):
            raise KeyError("injected fault")
        return rule.check(context)

    patched = tuple(dataclasses.replace(r, check=faulty) if r is rule else r for r in checker.RULES)
    monkeypatch.setattr(checker, "RULES", patched)
    monkeypatch.chdir(tmp_path)
    status = flake8_main(["--isolated", "--select", "BTO", "--jobs", "1", "broken.py", "fine.py"])
    output = capsys.readouterr().out.splitlines()
    assert status == 1
    assert len(output) == 2
    assert output[0] == "broken.py:1:1: BTO900 internal error: KeyError: 'injected fault' (please report)"
    assert output[1].startswith("fine.py:5:5: BTO101 ")


AUDITED = r"""
import json, sys
from flake8_boto3.checker import check_file
events = []
PROJECT = sys.argv[1]
def hook(event, args):
    if event == "open" and len(args) > 1 and isinstance(args[1], str) and set(args[1]) & set("wax+"):
        events.append([event, str(args[0])])
    elif event == "exec" and PROJECT in getattr(args[0], "co_filename", ""):
        events.append([event, args[0].co_filename])
    elif event in ("socket.connect", "socket.getaddrinfo", "subprocess.Popen", "os.system", "ctypes.dlopen"):
        events.append([event, str(args[0])[:100]])
    elif event == "import" and args[0].split(".")[0] == "svc":
        events.append([event, args[0]])
sys.addaudithook(hook)
findings = [f.code for path in sys.argv[2:] for f in check_file(path)]
print(json.dumps({"events": events, "findings": findings}))
"""

TRAP = (
    "import pathlib, socket\n"
    "pathlib.Path({marker!r}).write_text('ran')\n"
    "socket.create_connection(('127.0.0.1', 9))\n"
)


def test_the_tree_flake8_shares_with_other_plugins_is_left_as_it_was():
    source = (
        '"""Module docstring."""\nimport boto3\n\n\nclass Store:\n    """Class docstring."""\n\n'
        '    def get(self):\n        """Method docstring."""\n        return boto3.client("s3").list_buckets()\n'
    )
    tree = ast.parse(source)
    before = ast.dump(tree, include_attributes=True)
    assert check_source(source, "store.py", tree=tree)  # analysed: astroid rebuilt this very tree
    assert ast.dump(tree, include_attributes=True) == before  # astroid takes docstrings out of bodies


def test_analysis_imports_nothing_runs_nothing_connects_nowhere_writes_nothing(tmp_path):
    package = tmp_path / "svc"
    package.mkdir()
    marker = tmp_path / "trace"
    (package / "__init__.py").write_text(TRAP.format(marker=str(marker)))
    (package / "aws.py").write_text(
        TRAP.format(marker=str(marker)) + "import boto3\n\n\ndef queue():\n    return boto3.client('sqs')\n"
    )
    (package / "app.py").write_text(
        TRAP.format(marker=str(marker))
        + "from .aws import queue\n\n\ndef lambda_handler(event, context):\n"
        + "    return queue().list_queues(QueueNamePrefix=event['prefix'])\n"
        + "exec(compile('x = 1', 'x', 'exec'))\n"
    )
    before = sorted(p.name for p in tmp_path.rglob("*"))
    result = subprocess.run(
        [sys.executable, "-c", AUDITED, str(tmp_path), str(package / "app.py")],
        capture_output=True,
        text=True,
        check=True,
    )
    report = json.loads(result.stdout)
    assert "BTO101" in report["findings"]  # the sibling module was analysed
    assert report["events"] == []
    assert sorted(p.name for p in tmp_path.rglob("*")) == before  # no file written, no __pycache__


# --- fuzzing -------------------------------------------------------------------------------

hypothesmith = pytest.importorskip("hypothesmith")

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)


@FUZZ
@given(hypothesmith.from_grammar())
def test_any_valid_program(source):
    assert all(f.code != "BTO900" for f in check_source(source, "fuzzed.py"))


SERVICES = st.sampled_from(["s3", "ec2", "dynamodb", "sqs", "sns", "lambda", "nonexistent", ""])
RECEIVERS = st.sampled_from(["boto3", "b3", "session", "self.client", "client", "resource", "table", "make()"])
OPERATIONS = st.sampled_from(
    ["client", "resource", "Session", "list_objects_v2", "scan", "query", "get_paginator", "get_waiter",
     "describe_instances", "batch_write_item", "list_object_v2", "get_object", "Table", "meta", "exceptions"]
)


@st.composite
def boto3_expressions(draw):
    receiver = draw(RECEIVERS)
    for _ in range(draw(st.integers(1, 3))):
        operation = draw(OPERATIONS)
        args = draw(st.sampled_from(["", f"'{draw(SERVICES)}'", "name", "Bucket='b'", "'b', 'k'", "**kwargs"]))
        attribute = operation in ("meta", "exceptions")
        receiver = f"{receiver}.{operation}" if attribute else f"{receiver}.{operation}({args})"
    return receiver


@st.composite
def boto3_programs(draw):
    lines = ["import boto3", "import boto3 as b3", "from botocore.exceptions import ClientError", "import time"]
    lines.append(f"client = {draw(boto3_expressions())}")
    for index in range(draw(st.integers(1, 4))):
        signature = draw(st.sampled_from(["event, context", "self, event, context", "name", "", "*args, **kwargs"]))
        body = [f"x = {draw(boto3_expressions())}"]
        shape = draw(st.sampled_from(["plain", "loop", "while", "try", "comprehension", "nested"]))
        if shape == "loop":
            body = ["for item in range(3):"] + [f"    {line}" for line in body]
        elif shape == "while":
            body = ["while True:", f"    {body[0]}", "    time.sleep(1)", "    break"]
        elif shape == "try":
            code_check = draw(
                st.sampled_from(["pass", "raise", "return None", "if e.response['Error']['Code'] == 'X': return 1"])
            )
            body = ["try:", f"    {body[0]}", "except ClientError as e:", f"    {code_check}"]
        elif shape == "comprehension":
            body = [f"return [{draw(boto3_expressions())} for name in range(2)]"]
        elif shape == "nested":
            body = ["def inner(event, context):", f"    return {draw(boto3_expressions())}", "return inner"]
        lines.append(f"def function_{index}({signature}):")
        lines += [f"    {line}" for line in body]
    return "\n".join(lines) + "\n"


@FUZZ
@given(boto3_programs())
def test_boto3_shaped_programs(source):
    compile(source, "generated.py", "exec")  # the generator only makes valid programs
    assert all(f.code != "BTO900" for f in check_source(source, "generated.py"))
