"""What messages say, and which files are analysed at all: facts the fixtures' codes cannot show."""

from __future__ import annotations

import textwrap

from flake8_boto3.checker import check_source


def findings(source: str, path: str = "app.py", code: str = "BTO") -> list:
    return [f for f in check_source(textwrap.dedent(source), path) if f.code.startswith(code)]


def test_vendored_six_still_exists_and_is_never_said_to_be_removed():
    [six] = findings("from botocore.vendored import six\n")
    assert "private copy of six" in six.message and "removed" not in six.message
    [requests] = findings("from botocore.vendored import requests\n")
    assert "removed" in requests.message
    [attribute] = findings("import botocore\n\nbotocore.vendored.requests.get('u')\n")
    assert "removed" in attribute.message


VENDORED_SDK_FILE = """\
import boto
from botocore.exceptions import ClientError


def f(client):
    try:
        client.close()
    except ClientError:
        pass
"""


def test_files_of_a_vendored_sdk_are_not_analysed():
    assert findings(VENDORED_SDK_FILE, "app.py")
    for tree in ("boto3", "botocore", "s3transfer", "aiobotocore"):
        assert findings(VENDORED_SDK_FILE, f"layers/deps/python/{tree}/client.py") == []
        assert findings(VENDORED_SDK_FILE, f"layers\\python\\{tree}\\sub\\client.py") == []
    # only directories of those names: a module called botocore.py in a project is the project's
    assert findings(VENDORED_SDK_FILE, "src/app/botocore.py")
