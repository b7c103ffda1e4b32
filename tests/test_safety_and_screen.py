"""Analysing code never imports or runs it; the screen skips files no rule cares about."""

from __future__ import annotations

import textwrap


from flake8_boto3 import checker, project
from tests.helpers import run_flake8

TRAP = """\
import pathlib

pathlib.Path({marker!r}).write_text("imported")
"""


def make_package(tmp_path, marker):
    package = tmp_path / "svc"
    package.mkdir()
    (package / "__init__.py").write_text(TRAP.format(marker=str(marker) + ".init"))
    (package / "aws.py").write_text(
        TRAP.format(marker=str(marker) + ".aws")
        + textwrap.dedent(
            """
            import boto3


            def get_queue():
                return boto3.client("sqs")
            """
        )
    )
    (package / "app.py").write_text(
        TRAP.format(marker=str(marker) + ".app")
        + textwrap.dedent(
            """
            from .aws import get_queue


            def lambda_handler(event, context):
                return get_queue().send_message(QueueUrl="q", MessageBody=event["body"])
            """
        )
    )
    return package


def test_linting_never_imports_the_analysed_code_or_its_siblings(tmp_path):
    marker = tmp_path / "trace"
    package = make_package(tmp_path, marker)
    result = run_flake8("--select", "BTO", str(package / "app.py"), cwd=tmp_path)
    assert "BTO101" in result.stdout  # the sibling factory was analysed...
    assert not list(tmp_path.glob("trace*"))  # ...but nothing was imported or run


def test_extension_modules_are_never_loaded():
    from astroid.manager import AstroidManager

    from flake8_boto3.inference import register

    register()
    assert AstroidManager().always_load_extensions is False


def test_a_plain_module_never_builds_an_astroid_tree(built):
    source = textwrap.dedent(
        """
        import json
        import os


        def load(path):
            with open(path) as stream:
                return json.load(stream), os.scandir(".")
        """
    )
    assert checker.check_source(source, "plain.py") == []
    assert built == []


def test_a_handler_using_only_a_sibling_factory_is_analysed(built, tmp_path):
    package = make_package(tmp_path, tmp_path / "unused")
    source = (package / "app.py").read_text()
    findings = checker.check_source(source, str(package / "app.py"))
    assert built == []  # the syntax follows the import into aws.py: no astroid tree at all
    assert [f.code for f in findings] == ["BTO101"]


def test_a_module_that_only_imports_a_client_from_a_sibling_is_analysed(built, tmp_path):
    package = tmp_path / "reports"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "aws.py").write_text("import boto3\n\ns3 = boto3.client('s3')\n")
    source = "from .aws import s3\n\n\ndef keys(bucket):\n    return s3.list_objects_v2(Bucket=bucket)['Contents']\n"
    path = package / "listing.py"
    path.write_text(source)
    findings = checker.check_source(source, str(path))
    assert built == [str(path)]
    assert [f.code for f in findings] == ["BTO201"]


def test_screen_reads_every_import_form(tmp_path):
    from flake8_boto3.screen import imported_modules

    source = (
        "from . import aws\nfrom .aws import (s3,\n    get_table as table)\nimport os, shop.clients as clients\n"
        "from ..shared.factories import make  # comment\n"
    )
    expected = {
        "pkg.sub", "pkg.sub.aws", "pkg.sub.aws.s3", "pkg.sub.aws.get_table", "os", "shop.clients",
        "pkg.shared.factories", "pkg.shared.factories.make",
    }
    (tmp_path / "pkg" / "sub").mkdir(parents=True)
    path = tmp_path / "pkg" / "sub" / "mod.py"
    # Namespace packages (no __init__.py): the relative imports say the module is pkg.sub.mod.
    assert imported_modules(source, str(path)) == expected
    (tmp_path / "pkg" / "__init__.py").write_text("")
    (tmp_path / "pkg" / "sub" / "__init__.py").write_text("")
    project.start_run()
    assert imported_modules(source, str(path)) == expected
