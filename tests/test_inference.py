"""The boto3 model: what astroid infers to be a boto3 object, and what not."""

from __future__ import annotations

import ast
import textwrap

import astroid
import pytest
from astroid import nodes
from astroid.manager import AstroidManager

from flake8_boto3.inference.build import build_module
from flake8_boto3.inference import Kind, infer_boto3, register

register()


def infer(code: str):
    register()  # idempotent; other tests may have cleared astroid's cache in between
    return infer_boto3(astroid.extract_node(textwrap.dedent(code)))


def test_client_through_self_attribute_set_in_init():
    found = infer(
        """
        import boto3
        class Store:
            def __init__(self):
                self.s3 = boto3.client("s3")
            def get(self):
                self.s3 #@
        """
    )
    assert (found.kind, found.service) == (Kind.CLIENT, "s3")


def test_client_through_a_function_return_value():
    found = infer(
        """
        import boto3 as b3
        def make():
            return b3.client("sqs")
        make() #@
        """
    )
    assert (found.kind, found.service) == (Kind.CLIENT, "sqs")


@pytest.mark.parametrize(
    "annotation, imports",
    [
        ("S3Client", "from mypy_boto3_s3 import S3Client"),
        ("'S3Client'", "from mypy_boto3_s3.client import S3Client"),
        ("Optional[S3Client]", "from typing import Optional\nfrom types_boto3_s3 import S3Client"),
        ("S3Client | None", "from mypy_boto3_s3 import S3Client"),
        ("mypy_boto3_s3.S3Client", "import mypy_boto3_s3"),
    ],
)
def test_client_through_an_annotation(annotation, imports):
    register()
    code = "\n".join([imports, f"def f(s3: {annotation}):", "    s3 #@"])
    found = infer_boto3(astroid.extract_node(code))
    assert (found.kind, found.service) == (Kind.CLIENT, "s3")


def test_resource_and_table_annotations():
    table = infer(
        """
        from mypy_boto3_dynamodb.service_resource import Table, DynamoDBServiceResource
        def f(table: Table, db: DynamoDBServiceResource):
            table #@
        """
    )
    assert (table.kind, table.service, table.type_name) == (Kind.SUB_RESOURCE, "dynamodb", "Table")


def test_client_through_a_sibling_module_import(tmp_path):
    package = tmp_path / "shop"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "clients.py").write_text("import boto3\n\nddb = boto3.client('dynamodb')\n")
    source = "from .clients import ddb\n\nddb\n"
    path = package / "app.py"
    path.write_text(source)
    module = build_module(ast.parse(source), source, str(path))
    expression = module.body[-1].value
    found = infer_boto3(expression)
    assert (found.kind, found.service) == (Kind.CLIENT, "dynamodb")


@pytest.mark.parametrize(
    "code, kind, service",
    [
        ("import boto3\nboto3.resource('s3').meta.client #@", Kind.CLIENT, "s3"),
        ("import boto3\nboto3.resource('dynamodb').Table('t') #@", Kind.SUB_RESOURCE, "dynamodb"),
        ("from boto3 import client as mk\nmk('sns') #@", Kind.CLIENT, "sns"),
        ("import boto3\nboto3.Session().client('kms') #@", Kind.CLIENT, "kms"),
        ("import boto3.session\nboto3.session.Session() #@", Kind.SESSION, None),
        ("from botocore.session import get_session\nget_session().create_client('ec2') #@", Kind.CLIENT, "ec2"),
        ("import boto3\nNAME = 'sqs'\nboto3.client(NAME) #@", Kind.CLIENT, "sqs"),
        ("import boto3\ndef f(name):\n    boto3.client(name) #@", Kind.CLIENT, None),
        ("import boto3\nboto3.client('s3').get_paginator('list_objects_v2') #@", Kind.PAGINATOR, "s3"),
    ],
)
def test_constructors(code, kind, service):
    register()
    found = infer_boto3(astroid.extract_node(code))
    assert (found.kind, found.service) == (kind, service)


@pytest.mark.parametrize(
    "code",
    [
        "import redis\nredis.Redis().scan #@",
        "import redis\nredis.Redis() #@",
        "import os\nos.scandir #@",
        "import os\nos.scandir('.') #@",
        "class Repo:\n    def list_users(self): ...\nRepo() #@",
        "class Repo:\n    def list_users(self): ...\nRepo().list_users #@",
        "import requests\nrequests.Session() #@",
        "class Session:\n    def client(self, n): return n\nSession().client('s3') #@",
        "def f(client):\n    return client #@",
    ],
)
def test_lookalikes_are_not_boto3(code):
    register()
    assert infer_boto3(astroid.extract_node(code)) is None


def test_installed_boto3_is_never_read(tmp_path, monkeypatch):
    """Results must not depend on whether boto3 is installed: astroid gets stand-ins."""
    fake = tmp_path / "boto3"
    fake.mkdir()
    (fake / "__init__.py").write_text("def client(*a, **k):\n    return 42\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    found = infer("import boto3\nboto3.client('s3') #@")
    assert found is not None and found.kind is Kind.CLIENT
    assert str(tmp_path) not in (AstroidManager().ast_from_module_name("boto3").file or "")


def test_registration_survives_clear_cache():
    manager = AstroidManager()
    manager.clear_cache()
    register(manager)
    register(manager)  # idempotent
    assert infer("import boto3\nboto3.client('s3') #@").kind is Kind.CLIENT
    calls = [t for t, _ in manager._transform.transforms[nodes.Call]]
    assert len(calls) == len(set(map(id, calls)))
