"""Huge, strange, broken and hostile input: always a clear outcome, never a traceback."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from flake8_boto3.checker import check_source
from tests.helpers import run_flake8

HANDLER = "import boto3\n\n\ndef lambda_handler(event, context):\n    return boto3.client('s3'), event\n"


def lint(tmp_path: Path, files: dict[str, str | bytes], target: str = "main.py", *args: str):
    for name, content in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
    result = run_flake8("--isolated", "--select", "E999,BTO", *args, target, cwd=tmp_path)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode in (0, 1), result.stderr
    codes = [line.split(" ")[1] for line in result.stdout.splitlines() if " " in line]
    assert "BTO900" not in codes, result.stdout
    return codes


def test_deeply_nested_expression():
    """5,000 nested binary operations. In-process: flake8's own pyflakes plugin fails on this
    file with RecursionError, which would hide what ours does."""
    expression = "+".join(["x"] * 5000)
    source = HANDLER + f"\n\ndef f(x):\n    return {expression}\n"
    findings = check_source(source, "deep.py")
    # Python 3.12 refuses to parse it at all (RecursionError during ast construction, so flake8
    # reports E999 and there is nothing to analyse); 3.11 and 3.13 parse it, and the plugin reads
    # the handler without recursing into the expression (its syntax tree is walked iteratively and
    # no question about boto3 touches the expression), or stops at the recursion limit if one does.
    codes = [f.code for f in findings]
    assert sorted(codes) in ([], ["BTO101"], ["BTO901"], ["BTO101", "BTO901"])
    if "BTO901" in codes:
        assert any("recursion limit" in f.message for f in findings)


def test_deeply_nested_parentheses(tmp_path):
    codes = lint(tmp_path, {"main.py": HANDLER + "\nvalue = " + "(" * 5000 + "1" + ")" * 5000 + "\n"})
    assert codes == ["E999"]  # Python's own parser refuses it: flake8's report is the only one


def test_fifty_thousand_line_file(tmp_path):
    body = "".join(f"value_{i} = {i}\n" for i in range(50_000))
    assert lint(tmp_path, {"main.py": HANDLER + body}) == ["BTO101"]


def _class_chain(length: int) -> str:
    classes = ["class C0:\n    def __init__(self):\n        self.client = boto3.client('s3')\n"]
    classes += [
        f"class C{i}(C{i - 1}):\n    def m{i}(self):\n        return self.client.list_objects_v2(Bucket='b')\n"
        for i in range(1, length)
    ]
    return "import boto3\n\n\n" + "\n\n".join(classes)


def test_long_inheritance_chain_exhausts_the_budget_at_once():
    """astroid's inference of ``self.client`` walks every ancestor: 400 classes deriving from each
    other took 10 s of inference before the time limit stopped it. A chain longer than any real
    hierarchy is not given to astroid; the file gets BTO901."""
    findings = check_source(_class_chain(400), "chain.py")
    assert [f.code for f in findings] == ["BTO901"]
    assert "400 classes deriving from each other" in findings[0].message


def test_ordinary_inheritance_is_analysed():
    codes = [f.code for f in check_source(_class_chain(5), "chain.py")]
    assert codes == ["BTO201"] * 4


@pytest.mark.parametrize(
    "source",
    [
        "a = b\nb = a\nimport boto3\nboto3.client(a)\n",
        "import boto3\n\ndef f(n):\n    return f(n - 1) if n else boto3.client('s3')\n\n"
        "def g():\n    return f(3).list_buckets()\n",
        "import boto3\nfrom os.path import *\nfrom boto3 import *\n\n"
        "def handler(event, context):\n    return client('s3')\n",
        "import boto3\nexec('x = 1')\neval('boto3.client(\"s3\")')\n",
        "import boto3\n\ndef __getattr__(name):\n    return boto3.client(name)\n\nclient = __getattr__('s3')\n",
        "import boto3\nclass Meta(type):\n    def __call__(cls, *a):\n        return boto3.client('s3')\n"
        "class C(metaclass=Meta):\n    pass\n\ndef f():\n    return C().list_buckets()\n",
        "import boto3\nimport functools\n" + "@functools.wraps(len)\n" * 200
        + "def f():\n    return boto3.client('s3')\n",
        "import boto3\nx = boto3\nfor _ in range(3):\n    x = x.client('s3') if False else x\n",
    ],
    ids=[
        "name-cycle", "recursion", "star-imports", "exec-eval", "module-getattr", "metaclass", "decorators", "rebinding"
    ],
)
def test_odd_but_valid_code(tmp_path, source):
    lint(tmp_path, {"main.py": source})


def test_self_and_mutually_importing_modules(tmp_path):
    files = {
        "pkg/__init__.py": "from .a import *\n",
        "pkg/a.py": "from . import b\nfrom .a import client\nimport boto3\nclient = b.make()\n",
        "pkg/b.py": "from . import a\nimport boto3\n\ndef make():\n    return a.client or boto3.client('s3')\n",
        "pkg/main.py": "from .a import client\n\ndef handler(event, context):\n    return client.list_buckets()\n",
    }
    lint(tmp_path, files, "pkg/main.py")


@pytest.mark.parametrize(
    "content, expected",
    [
        ("# -*- coding: latin-1 -*-\nimport boto3\nname = 'caf\xe9'\nboto3.client(name)\n".encode("latin-1"), []),
        (b"\xef\xbb\xbf" + HANDLER.encode(), ["BTO101"]),
        (b"", []),
        (b"# only\n# comments\n", []),
        (b"import boto3\ndef f(:\n    boto3.client('s3')\n", ["E999"]),
    ],
    ids=["latin-1-cookie", "bom", "empty", "only-comments", "syntax-error"],
)
def test_encodings_and_broken_files(tmp_path, content, expected):
    codes = lint(tmp_path, {"main.py": content})
    if expected is not None:
        assert codes == expected
    else:
        assert codes in (["E999"], ["BTO101"], [])


def test_nul_byte(tmp_path):
    """Depending on the Python version, flake8 reports E999 for a NUL byte or itself fails while
    parsing or tokenizing the file (3.10: ValueError in ast.parse; 3.13: SystemError in tokenize),
    before any plugin runs. flake8-boto3 has no part in either, and handles the text cleanly."""
    source = HANDLER + "\nx = '\x00'\n"
    (tmp_path / "main.py").write_bytes(source.encode())
    result = run_flake8("--isolated", "--select", "E999,BTO", "main.py", cwd=tmp_path)
    assert "flake8_boto3" not in result.stderr
    if "Traceback" not in result.stderr:
        assert result.stdout.split(" ")[1] == "E999"
    assert check_source(source, "main.py") == []


def test_stdin(tmp_path):
    result = run_flake8("--isolated", "--select", "BTO", "-", cwd=tmp_path, stdin=HANDLER)
    assert result.returncode == 1 and "stdin:5:12: BTO101" in result.stdout


def test_checker_never_raises_on_nonsense():
    for source in ["", "\x00", "def", "import boto3\n" + "(" * 300, textwrap.dedent("""
        import boto3
        async def handler(event, context):
            async with boto3.client('s3') as s3:
                yield [x async for x in s3]
    """)]:
        findings = check_source(source, "odd.py")
        assert all(f.code != "BTO900" for f in findings)


def test_astroid_generators_finalised_by_the_collector_print_nothing():
    """Abandoned astroid inference chains in garbage cycles: CPython reports 'generator already
    executing' when the collector closes an inner generator its outer one is closing. That report, about
    astroid's own generators only, stays off stderr while the plugin analyses and collects."""
    import sys
    import types

    import astroid

    from flake8_boto3.inference.quiet import quiet_generator_finalization

    def report(generator):
        return types.SimpleNamespace(
            exc_type=ValueError,
            exc_value=ValueError("generator already executing"),
            exc_traceback=None,
            err_msg=None,
            object=generator,
        )

    astroid_noise = report(astroid.extract_node("a.b").infer())
    our_own = report(x for x in ())
    other_error = types.SimpleNamespace(**{**vars(astroid_noise), "exc_value": ValueError("something else")})
    seen = []

    def collect(unraisable):
        seen.append(unraisable)

    previous = sys.unraisablehook
    sys.unraisablehook = collect
    try:
        with quiet_generator_finalization():
            for unraisable in (astroid_noise, our_own, other_error):
                sys.unraisablehook(unraisable)
        assert sys.unraisablehook is collect  # restored
    finally:
        sys.unraisablehook = previous
    assert seen == [our_own, other_error]
