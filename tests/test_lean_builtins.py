"""astroid's builtins, bootstrapped with shared ``__class__`` nodes, are astroid's builtins.

Each build runs in its own interpreter (the bootstrap happens once per process): one with
astroid as it comes, one after :func:`flake8_boto3.inference.lean_builtins.install`. Every
function and method of the ``builtins`` module must have a ``__class__`` equal in everything
astroid reads from it (name, qualified name, bases, docstring, parent), and inference through
it must answer the same.
"""

from __future__ import annotations

import json
import subprocess
import sys

DUMP = """
import json, sys
from astroid import extract_node, nodes
from astroid.manager import AstroidManager

if sys.argv[1] == "lean":
    from flake8_boto3.inference import lean_builtins
    lean_builtins.install()
builtins = AstroidManager().ast_from_module_name("builtins")


def described(function):
    found = function.instance_attrs.get("__class__", [])
    return [
        (c.name, c.qname(), [b.as_string() for b in c.bases], repr(c.doc_node.value) if c.doc_node else None,
         c.parent.qname() if c.parent is not None else None)
        for c in found
    ]


functions, distinct = {}, set()
for node in builtins.nodes_of_class(nodes.FunctionDef):
    functions[node.qname()] = described(node)
    distinct.update(id(c) for c in node.instance_attrs.get("__class__", []))
inferred = [
    extract_node(code).inferred()[0].qname()
    for code in ("len.__class__", "'text'.upper.__class__", "[].append.__class__", "dict.fromkeys.__class__")
]
print(json.dumps({"functions": functions, "distinct": len(distinct), "inferred": inferred}))
"""


def _build(kind: str) -> dict:
    done = subprocess.run([sys.executable, "-c", DUMP, kind], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def test_shared_class_nodes_are_equal_to_astroids_own():
    plain, lean = _build("plain"), _build("lean")
    assert len(plain["functions"]) > 1000
    assert lean["functions"] == plain["functions"]
    assert lean["inferred"] == plain["inferred"]
    # One node per owner and kind of function, instead of one per function.
    assert lean["distinct"] < plain["distinct"] / 3


def test_install_is_idempotent():
    from astroid import raw_building

    from flake8_boto3.inference import lean_builtins

    lean_builtins.install()
    installed = raw_building._add_dunder_class
    lean_builtins.install()
    assert raw_building._add_dunder_class is installed
    assert getattr(installed, "flake8_boto3_shares", False)
