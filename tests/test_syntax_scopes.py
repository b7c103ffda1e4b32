"""The syntactic tier's name lookup gives astroid's answers: the tricky cases, then real files.

Every answer here is also astroid's, computed in the test on the tree the plugin builds
(``tests/syntax_differential.py``); the expected strings pin what that answer is, astroid's own
peculiarities included.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from astroid.manager import AstroidManager
from astroid.nodes.scoped_nodes.utils import builtin_lookup
from hypothesis import HealthCheck, given, settings

from flake8_boto3.inference.build import build_module
from flake8_boto3.inference import scope
from flake8_boto3.syntax import Builtin, Implicit, Scopes, Tree
from flake8_boto3.syntax.mapping import AstroidMap
from flake8_boto3.syntax.scopes import BUILTIN_NAMES
from tests.scoping_programs import scoping_programs
from tests.syntax_differential import astroid_answer, compare_files, compare_source, describe, same

ROOT = Path(__file__).resolve().parent.parent
STDLIB = Path(os.path.dirname(os.__file__))

# (source, line of the name looked up, the name, our answer: scope and bindings as type@line)
CASES = {
    "last unconditional assignment shadows": ("x = 1\nx = 2\nprint(x)\n", 3, "x", "Module: Name@2"),
    "if and else are exclusive": ("if c:\n    x = 1\nelse:\n    x = 2\nprint(x)\n", 5, "x", "Module: Name@2 Name@4"),
    "if without else keeps the earlier binding": (
        "x = 0\nif c:\n    x = 1\nprint(x)\n", 4, "x", "Module: Name@1 Name@3"),
    "try and except are exclusive": (
        "try:\n    x = 1\nexcept E:\n    x = 2\nprint(x)\n", 5, "x", "Module: Name@2 Name@4"),
    "except as, seen in its clause": (
        "try:\n    pass\nexcept E as e:\n    print(e)\n", 4, "e", "Module: ExceptHandler@3"),
    "except as, not seen after its clause": (
        "e = 0\ntry:\n    pass\nexcept E as e:\n    pass\nprint(e)\n", 6, "e", "Module: Name@1"),
    "each except clause sees its own name": (
        "try:\n    pass\nexcept A as e:\n    pass\nexcept B as e:\n    print(e)\n", 6, "e", "Module: ExceptHandler@5"),
    "loop variable, seen from its body": ("x = 0\nfor x in y:\n    print(x)\n", 3, "x", "Module: Name@2"),
    "loop variable, after the loop": ("x = 0\nfor x in y:\n    pass\nprint(x)\n", 4, "x", "Module: Name@1 Name@2"),
    "del clears": ("x = 1\ndel x\nprint(x)\n", 3, "x", "BUILTINS:"),
    "global sends a function's binding to the module": (
        "def f():\n    global g\n    g = 1\ng = 0\nprint(g)\n", 5, "g", "Module: Name@4"),
    "global sends the function's lambda parameters to the module too": (
        "def f():\n    global x\n    return lambda x: x\n", 3, "x", "Module: arg@3"),
    "nonlocal changes nothing": (
        "def f():\n    x = 1\n    def g():\n        nonlocal x\n        x = 2\n        return x\n", 6, "x",
        "FunctionDef g: Name@5"),
    "a class body is invisible to its methods": (
        "x = 0\nclass A:\n    x = 1\n    def f(self):\n        return x\n", 5, "x", "Module: Name@1"),
    "a class body sees itself": ("class A:\n    x = 1\n    y = x\n", 3, "x", "ClassDef A: Name@2"),
    "comprehension variable": ("y = [x for x in range(3)]\n", 1, "x", "ListComp: Name@1"),
    "nested comprehension": ("m = [[x for x in row] for row in rows]\n", 1, "row", "ListComp: Name@1"),
    "a walrus in a comprehension binds in the frame, twice": (
        "def f():\n    [(y := 1) for _ in ()]\n    return y\n", 3, "y", "FunctionDef f: Name@2 Name@2"),
    "a comprehension variable read in a walrus in its if is looked up outside": (
        "z = [y for y in w if (v := y)]\n", 1, "y", "BUILTINS:"),
    "walrus in an if": ("if (n := 10) > 5:\n    print(n)\n", 2, "n", "Module: Name@1 Name@1"),
    "walrus in nested ifs": ("if a:\n    if (n := 10) > 5:\n        pass\nprint(n)\n", 4, "n", "Module: Name@2"),
    "a default is looked up around its function": ("x = 1\ndef f(x=x):\n    return x\n", 2, "x", "Module: Name@1"),
    "a parameter in the body": ("x = 1\ndef f(x=x):\n    return x\n", 3, "x", "FunctionDef f: arg@2"),
    "a default named like its function": ("f = 1\ndef f(g=f):\n    pass\n", 2, "f", "Module: Name@1"),
    "a name within a default sees the parameters": ("def f(x=g(x)):\n    pass\n", 1, "x", "FunctionDef f: arg@1"),
    "a decorator named like its function": (
        "def deco(f):\n    return f\n@deco\ndef deco():\n    pass\n", 3, "deco", "Module: FunctionDef@1"),
    "a decorator named like a builtin, in a class body": (
        "class A:\n    property = 1\n    @property\n    def f(self):\n        pass\n", 3, "property",
        "BUILTINS: builtin"),
    "a decorator in a class body": (
        "class A:\n    wrap = staticmethod\n    @wrap\n    def f():\n        pass\n", 3, "wrap", "ClassDef A: Name@2"),
    "lambda parameter": ("a = 0\nf = lambda a, b=a: a + b\n", 2, "a", "Lambda: arg@2"),
    "an annotation sees its function": ("def f(x: f):\n    pass\n", 1, "f", "Module: FunctionDef@1"),
    "a base named like its class": ("class A:\n    pass\nclass A(A):\n    pass\n", 3, "A", "Module: ClassDef@1"),
    "the metaclass keyword is looked up in the class body": (
        "class A(metaclass=M):\n    M = 1\n", 1, "M", "ClassDef A: Name@2"),
    "an earlier from-import before a later assignment": (
        "from m import x\nx = 1\nprint(x)\n", 3, "x", "Module: Name@2"),
    "a later from-import after an assignment": ("x = 1\nfrom m import x\nprint(x)\n", 3, "x", "Module: ImportFrom@2"),
    "import binds the first part of a dotted name": ("import os.path\nprint(os)\n", 2, "os", "Module: Import@1"),
    "star args": ("def f(*args, **kw):\n    return args, kw\n", 2, "args", "FunctionDef f: arguments"),
    "__class__ in a method": (
        "class A:\n    def f(self):\n        return __class__\n", 3, "__class__", "FunctionDef f: ClassDef@1"),
    "the module's name": ("print(__name__)\n", 1, "__name__", "Module: implicit implicit"),
    "the module's name from a default": ("def f(x=__name__):\n    pass\n", 1, "__name__", "BUILTINS:"),
    "a class body's __module__": ("class A:\n    m = __module__\n", 2, "__module__", "ClassDef A: implicit"),
    "a class body's own __module__ after it is assigned": (
        "class A:\n    __module__ = 'm'\n    n = __module__\n", 3, "__module__", "ClassDef A: Name@2"),
    "a class keyword's __annotations__ and __qualname__": (
        "class A(x=__annotations__, y=__qualname__):\n    pass\n", 1, "__annotations__", "ClassDef A: implicit"),
    "__dict__": ("print(__dict__)\n", 1, "__dict__", "BUILTINS:"),
    "an attribute a classmethod sets, seen from the class body": (
        "class A:\n    @classmethod\n    def setup(cls):\n        cls.x = 1\n    y = x\n", 5, "x",
        "ClassDef A: Attribute@4"),
    "with as a tuple": ("with open(p) as (a, b):\n    print(a)\n", 2, "a", "Module: Name@1"),
    "a capture in its guard": (
        "match v:\n    case [p, *rest] if p:\n        print(rest)\n", 2, "p", "Module: MatchAs@2"),
    "the rest of a mapping pattern": (
        "match v:\n    case {'k': 1, **others}:\n        print(others)\n", 3, "others", "Module: MatchMapping@2"),
    "a subject bound by a capture of its own match": (
        "x = 1\nmatch x:\n    case x:\n        pass\n", 2, "x", "Module: MatchAs@3"),
    "an augmented assignment sees the binding before it": ("x = 1\nx += x\n", 2, "x", "Module: Name@1"),
}


def _answers(code: str, line: int, name: str, package: bool = False):
    """(our Lookup, our answer, astroid's answer) for the ``name`` read on ``line``."""
    tree = ast.parse(code)
    syntax = Tree(tree)
    reads = [n for n in syntax.nodes_of(ast.Name) if isinstance(n.ctx, ast.Load)]
    node = [n for n in reads if (n.id, n.lineno) == (name, line)][-1]
    ours = Scopes(syntax, package=package).lookup(node)
    with scope.analysis_scope(AstroidManager()):
        module = build_module(tree, code, "package/__init__.py" if package else "case.py")
        amap = AstroidMap(syntax, module)
        theirs = astroid_answer(amap, amap.to_astroid(node))
    return ours, (ours.scope, [describe(binding) for binding in ours.bindings]), theirs


def _summary(lookup) -> str:
    scope_node = lookup.scope
    where = type(scope_node).__name__ if isinstance(scope_node, ast.AST) else repr(scope_node)
    if isinstance(scope_node, (ast.FunctionDef, ast.ClassDef)):
        where += f" {scope_node.name}"
    shown = []
    for binding in lookup.bindings:
        if isinstance(binding, (Builtin, Implicit)):
            shown.append(type(binding).__name__.lower())
        else:
            shown.append(type(binding).__name__ + (f"@{binding.lineno}" if hasattr(binding, "lineno") else ""))
    return " ".join([f"{where}:", *shown])


@pytest.mark.parametrize("code, line, name, expected", CASES.values(), ids=CASES.keys())
def test_lookup_answers_what_astroid_answers(code, line, name, expected):
    ours, mine, theirs = _answers(code, line, name)
    assert same(mine, theirs), f"ours {mine}, astroid {theirs}"
    assert ours.certain
    assert _summary(ours) == expected


def test_a_packages_path():
    code = "print(__path__)\n"
    for package, expected in ((True, "Module: implicit"), (False, "Module:")):
        ours, mine, theirs = _answers(code, 1, "__path__", package)
        assert same(mine, theirs) and _summary(ours) == expected


LOCALS = '''\
"""Orders of locals and instance attributes that the rebuilder's visit decides."""
from m import late
d = {(a := 1): (a := 2)}
assert (b := 1), (b := 2)
def f(p, /, q, *r, s, **t):
    late = 1
    return p, q, r, s, t
@(f := decorate)
def f():
    pass
late = 2
from m import late
class C(Base):
    attribute = 1
    def __init__(self):
        self.x = 1
        self.y: int
        [0 for self.z in ()]
        def nested():
            self.hidden = 1
        self.x += 1
    @staticmethod
    def static(self):
        self.no = 1
    @classmethod
    def build(cls):
        cls.made = 1
    if True:
        def conditional(self):
            self.no = 2
'''


def test_locals_and_instance_attributes_are_astroids_in_its_order():
    assert not compare_source(LOCALS, "locals.py").differences
    syntax = Tree(ast.parse(LOCALS))
    scopes = Scopes(syntax)
    module, function, cls = syntax.module, syntax.module.body[4], syntax.module.body[-1]
    shown = {name: [b.lineno for b in found] for name, found in scopes.locals(module).items()}
    assert list(shown) == ["d", "a", "b", "f", "late", "C"]
    assert shown["a"] == [3, 3] and scopes.locals(module)["a"][0].col_offset > 10  # the value's walrus first
    assert shown["f"] == [5, 8, 9] and shown["late"] == [2, 11, 12]  # the import from line 2 sorted first
    assert list(scopes.locals(function)) == ["q", "s", "p", "r", "t", "late"]
    assert list(scopes.locals(cls)) == ["__module__", "__qualname__", "__annotations__", "attribute", "__init__",
                                        "static", "build", "conditional", "made"]
    assert {name: [a.lineno for a in found] for name, found in scopes.instance_attributes(cls).items()} == {
        "x": [16, 21], "y": [17], "z": [18]}


def test_a_star_import_leaves_what_it_may_bind_to_astroid():
    syntax = Tree(ast.parse("from m import *\ndef f(x):\n    return x, y\n"))
    scopes = Scopes(syntax)
    x, y = syntax.module.body[1].body[0].value.elts
    assert scopes.lookup(x).certain  # found in the function, the module is not consulted
    assert not scopes.lookup(y).certain


def test_builtin_names_are_those_of_astroids_builtins_module():
    assert BUILTIN_NAMES == set(builtin_lookup("len")[0].locals)


def test_lookup_in_code_nested_far_beyond_the_recursion_limit():
    at = {"lineno": 2, "col_offset": 0, "end_lineno": 2, "end_col_offset": 1}
    read = ast.Name("x", ast.Load(), **at)
    statement: ast.stmt = ast.Expr(read, **at)
    for _ in range(20_000):
        statement = ast.If(test=ast.Name("c", ast.Load(), **at), body=[statement], orelse=[], **at)
    bound = ast.Assign(targets=[ast.Name("x", ast.Store(), **{**at, "lineno": 1})], value=ast.Constant(1, **at),
                       lineno=1, col_offset=0, end_lineno=1, end_col_offset=5)
    scopes = Scopes(Tree(ast.Module(body=[bound, statement], type_ignores=[])))
    assert scopes.lookup(read).bindings == [bound.targets[0]]


def test_the_syntactic_tier_runs_without_astroid():
    code = textwrap.dedent(
        """
        import ast, sys
        from flake8_boto3.syntax import Scopes, Tree
        tree = Tree(ast.parse("import boto3\\ns3 = boto3.client('s3')\\ns3.list_buckets()\\n"))
        name = tree.module.body[-1].value.func.value
        assert Scopes(tree).lookup(name).bindings == [tree.module.body[1].targets[0]]
        assert "astroid" not in sys.modules, "astroid was imported"
        """
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


def test_every_name_of_this_repository_its_fixtures_and_some_of_the_stdlib():
    tops = ("flake8_boto3", "tests", "bench", "scripts", "examples")
    paths = sorted(path for top in tops for path in (ROOT / top).rglob("*.py"))
    paths += [STDLIB / "os.py", STDLIB / "argparse.py", STDLIB / "dataclasses.py"]
    comparison = compare_files(paths)
    assert comparison.differences == []
    assert comparison.unmapped == 0
    assert comparison.names > 15_000 and comparison.scopes > 1_500
    assert comparison.uncertain < comparison.names / 20  # os.py's ``from posix import *``


@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(scoping_programs())
def test_every_name_of_generated_programs(source):
    comparison = compare_source(source, "generated.py")
    assert comparison.differences == []
    assert comparison.unmapped == 0
