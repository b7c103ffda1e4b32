"""Where the linted project's modules are found (flake8_boto3.project).

The lookups answer from directory listings; these tests hold them to the plain
order of ``project._places`` (a module file, then a package, per directory; then
namespace directories), which is also what the findings cache records as evidence.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from flake8_boto3 import project


def _reference_file(modname: str, directories) -> Path | None:
    for kind, path in project._places(modname, directories):
        if kind == "file" and os.path.isfile(path):
            return Path(path)
    return None


def _reference_is_module(modname: str, directories) -> bool:
    return any(project._exists(kind, path) for kind, path in project._places(modname, directories))


def _write(path: Path, text: str = "") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


@pytest.fixture
def layout(tmp_path):
    """Two search directories with shadowing, packages, namespace directories and links."""
    first, second = tmp_path / "first", tmp_path / "second"
    _write(first / "shop" / "__init__.py")
    _write(first / "shop" / "aws.py", "import boto3\n")
    _write(first / "both.py")  # a module file wins over a package of the same name
    _write(first / "both" / "__init__.py")
    _write(first / "namespace" / "inner.py")  # no __init__.py: a namespace package
    _write(second / "shop" / "orders.py")  # shadowed package: found only where first lacks it
    _write(second / "lonely.py")
    (first / "notes.py").mkdir()  # a directory named like a module is not a module file
    _write(second / "notes.py")
    _write(tmp_path / "real" / "__init__.py")
    _write(tmp_path / "real" / "target.py")
    (first / "linked").symlink_to(tmp_path / "real", target_is_directory=True)
    (first / "alias.py").symlink_to(tmp_path / "real" / "target.py")
    (first / "dangling.py").symlink_to(tmp_path / "missing.py")
    return (first, second)


NAMES = [
    "shop", "shop.aws", "shop.orders", "shop.missing", "both", "namespace", "namespace.inner", "lonely",
    "notes", "linked", "linked.target", "alias", "dangling", "missing", "missing.deeper", "shop.aws.client",
    "1bad", "shop..aws", "",
]


@pytest.mark.parametrize("modname", NAMES)
def test_lookups_answer_as_the_search_order_does(layout, modname):
    finder = project._Finder(layout)
    expected_file = _reference_file(modname, layout) if project._valid(modname) else None
    assert finder.file(modname) == expected_file
    if project._valid(modname):
        assert finder.is_module(modname) == _reference_is_module(modname, layout)


def test_a_module_file_is_found_before_a_package_and_the_first_directory_first(layout):
    first, second = layout
    finder = project._Finder(layout)
    assert finder.file("both") == first / "both.py"
    assert finder.file("shop.orders") == second / "shop" / "orders.py"
    assert finder.file("notes") == second / "notes.py"
    assert finder.is_module("namespace") and finder.file("namespace") is None


def test_module_names_follow_packages_and_links(tmp_path, monkeypatch):
    _write(tmp_path / "src" / "pkg" / "__init__.py")
    _write(tmp_path / "src" / "pkg" / "sub" / "__init__.py")
    _write(tmp_path / "src" / "pkg" / "sub" / "mod.py")
    (tmp_path / "link.py").symlink_to(tmp_path / "src" / "pkg" / "sub" / "mod.py")
    (tmp_path / "linkdir").symlink_to(tmp_path / "src" / "pkg" / "sub", target_is_directory=True)
    src = str((tmp_path / "src").resolve())
    monkeypatch.chdir(tmp_path / "src" / "pkg" / "sub")
    for path in (
        str(tmp_path / "src" / "pkg" / "sub" / "mod.py"),
        str(tmp_path / "link.py"),  # a linked file is named after its target
        str(tmp_path / "linkdir" / "mod.py"),
        str(tmp_path / "src" / "pkg" / "sub" / ".." / "sub" / "mod.py"),
        "mod.py",
        "../sub/mod.py",
    ):
        assert project.module_name_and_root(path) == ("pkg.sub.mod", src), path
    assert project.module_name_and_root(str(tmp_path / "src" / "pkg" / "__init__.py")) == ("pkg", src)


def test_a_new_run_sees_the_modules_as_they_are_now(tmp_path, monkeypatch):
    """A language server that runs flake8 in its own process lints again after an edit."""
    _write(tmp_path / "shop" / "__init__.py")
    _write(tmp_path / "shop" / "orders.py", "import json\n")
    monkeypatch.chdir(tmp_path)
    project.start_run()
    project.set_current_root(project.module_name_and_root(str(tmp_path / "shop" / "orders.py"))[1])
    assert not project.mentions_boto3("shop.orders")
    assert project.project_file("shop.clients") is None
    _write(tmp_path / "shop" / "orders.py", "import boto3\n")
    _write(tmp_path / "shop" / "clients.py", "import boto3\n")
    evidence = project.resolution_evidence("shop.payments")
    assert project.still_resolves_alike(evidence)
    _write(tmp_path / "shop" / "payments.py")
    project.start_run()
    assert project.mentions_boto3("shop.orders")
    assert project.project_file("shop.clients") == tmp_path / "shop" / "clients.py"
    assert not project.still_resolves_alike(evidence)


def test_relative_imports_name_the_namespace_packages_they_need(tmp_path, monkeypatch):
    # PEP 420: without __init__.py, `from .connection import x` still makes core/aws.py core.aws.
    monkeypatch.chdir(tmp_path)
    project.start_run()
    core = tmp_path / "core" / "aws.py"
    assert project.module_name_and_root(str(core)) == ("aws", str(tmp_path / "core"))
    assert project.module_name_and_root(str(core), 1) == ("core.aws", str(tmp_path / "core"))
    handler = tmp_path / "src" / "lambdas" / "sweep" / "handler.py"
    assert project.module_name_and_root(str(handler), 3)[0] == "src.lambdas.sweep.handler"
    _write(tmp_path / "src" / "lambdas" / "__init__.py")
    project.start_run()  # a regular package below the namespace one
    assert project.module_name_and_root(str(handler), 3)[0] == "src.lambdas.sweep.handler"
    assert project.relative_import_levels(compile_statements("from ...common.aws import table\n")) == 3
    guarded = "try:\n    from . import a\nexcept ImportError:\n    a = None\n"
    assert project.relative_import_levels(compile_statements(guarded)) == 1


def compile_statements(source: str):
    import ast

    return ast.parse(source).body


def test_a_factory_imported_relatively_in_namespace_packages_is_followed(tmp_path, monkeypatch):
    from flake8_boto3.checker import check_file

    monkeypatch.chdir(tmp_path)
    project.start_run()
    factory = "import boto3\n\n\ndef sqs_client():\n    return boto3.client('sqs')\n"
    _write(tmp_path / "src" / "common" / "aws.py", factory)
    handler = tmp_path / "src" / "lambdas" / "sender" / "handler.py"
    _write(
        handler,
        "from ...common.aws import sqs_client\n\n\ndef lambda_handler(event, context):\n"
        "    for record in event['Records']:\n"
        "        sqs_client().send_message(QueueUrl='q', MessageBody=record['body'])\n",
    )
    assert [f.code for f in check_file(str(handler.relative_to(tmp_path)))] == ["BTO102"]
