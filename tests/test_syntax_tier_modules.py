"""The syntactic tier follows imports of the project's own modules, and answers as astroid would.

Each case lints ``app.py`` of a small package twice: with ``FLAKE8_BOTO3_VERIFY_SYNTAX`` set, so that
every question the syntactic tier decides is asked of astroid too (there must be no difference), and
as users run it, to see whether astroid's tree of the file was needed. Where the syntax decides every
question it is not; where it cannot (a name bound twice, a star import, a decorated function, a
submodule shadowed by its package), astroid answers. Each case has a package name of its own:
astroid caches modules by name for the process.
"""

from __future__ import annotations

import itertools
import textwrap

import pytest

from flake8_boto3 import checker
from flake8_boto3.model import VERIFY_VARIABLE

FACTORY = """
import boto3


def get_queue():
    return boto3.client("sqs")
"""

HANDLER_CALL = {
    "relative": "from .aws import get_queue\n\n\ndef handler(event, context):\n    q = get_queue(), event\n",
    "absolute": "from {pkg}.aws import get_queue\n\n\ndef handler(event, context):\n    q = get_queue(), event\n",
    "submodule": "from {pkg} import aws\n\n\ndef handler(event, context):\n    q = aws.get_queue(), event\n",
}
_NAMES = itertools.count()


def lint(tmp_path, monkeypatch, built, app, aws=FACTORY, init="", others=None):
    """(codes, differences between the tiers, whether the file needed astroid's tree)."""
    name = f"svc{next(_NAMES)}"
    package = tmp_path / name
    package.mkdir()
    (package / "__init__.py").write_text(init)
    (package / "aws.py").write_text(textwrap.dedent(aws))
    for module, text in (others or {}).items():
        (package / module).write_text(text)
    app = app.format(pkg=name)
    path = package / "app.py"
    path.write_text(app)
    findings = checker.check_source(app, str(path))
    needed_astroid = bool(built)
    report = tmp_path / "differences.txt"
    monkeypatch.setenv(VERIFY_VARIABLE, str(report))
    verified = checker.check_source(app, str(path))
    assert verified == findings
    return [f.code for f in findings], report.read_text() if report.exists() else "", needed_astroid


@pytest.mark.parametrize("how", sorted(HANDLER_CALL))
def test_a_factory_of_a_sibling_module_is_followed_by_the_syntax(tmp_path, monkeypatch, built, how):
    codes, differences, needed_astroid = lint(tmp_path, monkeypatch, built, HANDLER_CALL[how])
    assert codes == ["BTO101"]
    assert differences == ""
    assert not needed_astroid


@pytest.mark.parametrize(
    "aws",
    [
        FACTORY + "\n\ndef get_queue():\n    return None\n",
        FACTORY.replace("def get_queue", "@staticmethod\ndef get_queue"),
        "from .factories import *\n" + FACTORY,
    ],
    ids=["bound twice", "decorated", "star import"],
)
def test_what_the_syntax_cannot_decide_is_astroids(tmp_path, monkeypatch, built, aws):
    others = {"factories.py": ""}
    codes, differences, needed_astroid = lint(tmp_path, monkeypatch, built, HANDLER_CALL["relative"], aws, "", others)
    assert differences == ""
    assert needed_astroid


def test_a_package_attribute_shadowing_a_submodule_is_astroids(tmp_path, monkeypatch, built):
    init = "from .factories import make as aws\n"
    others = {"factories.py": "def make():\n    return None\n"}
    codes, differences, needed_astroid = lint(tmp_path, monkeypatch, built, HANDLER_CALL["submodule"], FACTORY,
                                              init, others)
    assert codes == []
    assert differences == ""
    assert needed_astroid


def test_a_class_of_a_sibling_module_is_no_function(tmp_path, monkeypatch, built):
    aws = FACTORY + "\n\nclass Queue:\n    pass\n"
    app = "from .aws import Queue\n\n\ndef handler(event, context):\n    q = Queue()\n"
    codes, differences, _ = lint(tmp_path, monkeypatch, built, app, aws)
    assert codes == []
    assert differences == ""


def test_an_instance_attribute_set_in_the_class_is_followed_by_the_syntax(tmp_path, monkeypatch, built):
    app = textwrap.dedent(
        """
        import boto3


        class Orders:
            def __init__(self):
                self.table = None
                self.client = boto3.client("dynamodb")

            def all(self):
                return self.client.scan(TableName="orders")["Items"]
        """
    )
    codes, differences, needed_astroid = lint(tmp_path, monkeypatch, built, app)
    assert codes == ["BTO201"]
    assert differences == ""
    assert not needed_astroid


def test_an_instance_attribute_of_a_derived_class_is_decided_through_its_bases(tmp_path, monkeypatch, built):
    app = textwrap.dedent(
        """
        import boto3

        from .aws import Base


        class Orders(Base):
            def __init__(self):
                self.client = boto3.client("dynamodb")

            def all(self):
                return self.client.scan(TableName="orders")["Items"]
        """
    )
    aws = "class Base:\n    def __init__(self):\n        self.client = None\n"
    codes, differences, needed_astroid = lint(tmp_path, monkeypatch, built, app, aws)
    assert codes == ["BTO201"]
    assert differences == ""
    assert not needed_astroid  # the class's own client, then the base's None: as astroid lists them


INHERITED_CLIENT = """
import boto3


class Store:
    def __init__(self, bucket):
        self.bucket = bucket
        self.s3 = boto3.client("s3")
"""


@pytest.mark.parametrize(
    "bases, astroid",
    [
        ("Store", False),  # a project class of a sibling module, which sets the client
        ("Store, Mapping", False),  # and a base of an unreadable module, which astroid skips
        ("Store, dict", True),  # a builtin class: its members are astroid's to tell
    ],
)
def test_a_client_set_by_a_base_class_of_another_module(tmp_path, monkeypatch, built, bases, astroid):
    app = textwrap.dedent(
        f"""
        from thirdparty.abc import Mapping

        from .aws import Store


        class Reports({bases}):
            def keys(self):
                return self.s3.list_objects_v2(Bucket=self.bucket)["Contents"]
        """
    )
    codes, differences, needed_astroid = lint(tmp_path, monkeypatch, built, app, INHERITED_CLIENT)
    assert codes == ["BTO201"]
    assert differences == ""
    assert needed_astroid is astroid


def test_a_base_class_with_a_metaclass_is_astroids(tmp_path, monkeypatch, built):
    aws = INHERITED_CLIENT.replace("class Store:", "class Store(metaclass=abc.ABCMeta):").replace(
        "import boto3", "import abc\n\nimport boto3"
    )
    app = (
        "from .aws import Store\n\n\nclass Reports(Store):\n    def keys(self):\n"
        "        return self.s3.list_objects_v2(Bucket='b')['Contents']\n"
    )
    codes, differences, needed_astroid = lint(tmp_path, monkeypatch, built, app, aws)
    assert codes == ["BTO201"]
    assert differences == ""
    assert needed_astroid


@pytest.mark.parametrize(
    ("imports", "decorator"),
    [
        ("from functools import cache", "@cache"),
        ("from functools import lru_cache", "@lru_cache(maxsize=None)"),
        ("import functools", "@functools.lru_cache"),
        ("import functools as tools", "@tools.cache"),
    ],
)
def test_a_factory_cached_by_functools_is_followed_by_the_syntax(tmp_path, monkeypatch, built, imports, decorator):
    """astroid infers the name of a function decorated by functools' caches to the function itself
    (a cache is no property), so the syntax decides it too: a cached factory is one client a process."""
    aws = f"{imports}\nimport boto3\n\n\n{decorator}\ndef get_queue():\n    return boto3.client('sqs')\n"
    codes, differences, needed_astroid = lint(tmp_path, monkeypatch, built, HANDLER_CALL["relative"], aws)
    assert codes == []
    assert differences == ""
    assert not needed_astroid


@pytest.mark.parametrize(
    "aws",
    [
        "import boto3\n\n\ndef cache(f):\n    return property(f)\n\n\n@cache\ndef get_queue():\n"
        "    return boto3.client('sqs')\n",
        "from functools import cache\nimport boto3\n\n\n@cache\n@staticmethod\ndef get_queue():\n"
        "    return boto3.client('sqs')\n",
    ],
    ids=["a cache of the module's own", "a cache over another decorator"],
)
def test_other_decorators_stay_astroids(tmp_path, monkeypatch, built, aws):
    _, differences, needed_astroid = lint(tmp_path, monkeypatch, built, HANDLER_CALL["relative"], aws)
    assert differences == ""
    assert needed_astroid


CLASS_OF_HELPERS = """
import boto3


class Arn:
    def __init__(self, text):
        self.text = text

    @classmethod
    def parse(cls, text):
        return cls(text)

    @staticmethod
    def region(text):
        return text.split(":")[3]

    def account(self):
        return self.text.split(":")[4]

    @property
    def service(self):
        return self.text.split(":")[2]
"""


@pytest.mark.parametrize(
    ("expression", "decided"),
    [
        ("Arn.parse(event['arn'])", True),
        ("Arn.region(event['arn'])", True),
        ("Arn.account(event)", True),
        ("Arn.service(event)", False),
    ],
    ids=["classmethod", "staticmethod", "plain method", "property"],
)
def test_a_method_of_a_sibling_class_is_told_apart_as_astroid_tells_it(tmp_path, monkeypatch, built, expression,
                                                                       decided):
    """astroid answers ``Arn.parse`` with a bound method and ``Arn.account`` with an unbound one (no
    function, no boto3 object), ``Arn.region`` with the static function itself; a property is its."""
    app = f"from .aws import Arn\n\n\ndef handler(event, context):\n    found = {expression}, event\n"
    codes, differences, needed_astroid = lint(tmp_path, monkeypatch, built, app, CLASS_OF_HELPERS)
    assert codes == []
    assert differences == ""
    assert needed_astroid is not decided


DECORATED_FACTORY = "import boto3\n\n\ndef traced(f):\n    return f\n\n\n@traced\ndef make():\n    return {returned}\n"


def test_each_root_answers_its_own_imports(tmp_path, monkeypatch):
    """Two Lambda functions linted in one process, each with its own ``utils.py``: astroid caches
    modules by name, and must not answer the second function's ``import utils`` with the first's
    (the decorated factory is astroid's to infer)."""
    sources = {
        "one": DECORATED_FACTORY.format(returned="boto3.client('s3')"),
        "two": DECORATED_FACTORY.format(returned="boto3"),
    }
    app = "from utils import make\n\n\ndef handler(event, context):\n    client = make(), event\n"
    found = {}
    for name, utils in sources.items():
        root = tmp_path / name
        root.mkdir()
        (root / "utils.py").write_text(utils)
        (root / "app.py").write_text(app)
        found[name] = [f.code for f in checker.check_source(app, str(root / "app.py"))]
    assert found == {"one": ["BTO101"], "two": []}


@pytest.mark.parametrize("condition", ["not resources", "resources is None", "isinstance(resources, list)"])
def test_a_parameter_tested_by_a_condition_is_decided_by_the_syntax(tmp_path, monkeypatch, built, condition):
    """astroid's constraints can only drop values, and keep an uninferable one: a parameter without a
    default is uninferable inside ``if <condition on it>:`` too."""
    app = textwrap.dedent(
        f"""
        import boto3

        client = boto3.client("s3")


        def handler(event, resources):
            if {condition}:
                return resources
            return client.list_objects_v2(Bucket=event["bucket"])["Contents"]
        """
    )
    codes, differences, needed_astroid = lint(tmp_path, monkeypatch, built, app)
    assert codes == ["BTO201"]
    assert differences == ""
    assert not needed_astroid


def test_a_narrowed_name_with_a_value_is_astroids(tmp_path, monkeypatch, built):
    app = textwrap.dedent(
        """
        import boto3


        def handler(event, context, client=None):
            if client is None:
                client = boto3.client("s3")
            if client:
                return client.list_objects_v2(Bucket=event["bucket"])["Contents"]
        """
    )
    codes, differences, needed_astroid = lint(tmp_path, monkeypatch, built, app)
    assert differences == ""
    assert needed_astroid


def test_a_module_imported_twice_is_one_value(tmp_path, monkeypatch, built):
    """astroid yields each node once per inference: ``boto3`` imported at the top and again in the
    ``__main__`` block is one module, whose ``client`` makes a client."""
    app = textwrap.dedent(
        """
        import boto3

        if __name__ == "__main__":
            import boto3

            s3 = boto3.client("s3")
            for obj in s3.list_objects_v2(Bucket="reports")["Contents"]:
                s3.delete_object(Bucket="reports", Key=obj["Key"])
        """
    )
    codes, differences, _ = lint(tmp_path, monkeypatch, built, app)
    assert codes == ["BTO201"]
    assert differences == ""


def test_an_sdk_submodule_reached_as_an_attribute_is_a_stand_in(tmp_path, monkeypatch, built):
    """``boto3.exceptions`` after ``import boto3`` alone: astroid imports it as a submodule of the
    stand-in, never from an installed boto3, so both tiers answer alike whether or not one is there."""
    app = textwrap.dedent(
        """
        import boto3

        s3 = boto3.client("s3")


        def exists(bucket, key):
            try:
                s3.head_object(Bucket=bucket, Key=key)
                return True
            except boto3.exceptions.botocore.exceptions.ClientError:
                return False
        """
    )
    _, differences, _ = lint(tmp_path, monkeypatch, built, app)
    assert differences == ""


REGISTERED_BASE = """
import boto3


class Registry:
    def register(self, name):
        def add(klass):
            return klass

        return add


filters = Registry()


@filters.register("store")
class Store:
    def __init__(self, manager=None):
        self.manager = manager
        self.s3 = boto3.client("s3")
"""


@pytest.mark.parametrize(
    ("decorator", "astroid"),
    [
        ('@filters.register("reports")', False),  # a registry's method: astroid applies no class decorator
        ("@Reports_registry.register", False),  # a method of an object a class of this module holds
        ("@dataclasses.dataclass", True),  # astroid's brain rewrites dataclasses: astroid's to tell
    ],
)
def test_a_registered_class_and_a_re_exported_base(tmp_path, monkeypatch, built, decorator, astroid):
    app = textwrap.dedent(
        """
        import dataclasses

        from botocore.exceptions import ClientError

        from .models import Store, filters


        class Reports_registry:
            register = staticmethod(lambda klass: klass)


        {decorator}
        class Reports(Store):
            def keys(self):
                try:
                    self.manager.refresh()
                except ClientError:
                    raise
                return self.s3.list_objects_v2(Bucket="b")["Contents"]
        """
    ).replace("{decorator}", decorator)
    others = {"models.py": "from .aws import Store, filters\n"}  # the names app.py imports, re-exported
    codes, differences, needed_astroid = lint(tmp_path, monkeypatch, built, app, REGISTERED_BASE, others=others)
    assert codes == ["BTO201"]
    assert differences == ""
    assert needed_astroid is astroid
