"""A run keeps no file's trees once the file is done: memory stays flat over thousands of files.

After each file whose analysis used astroid, what survives is frozen (the collector never scans it
again: :func:`flake8_boto3.model.settle_memory`). Anything of a file that is still referenced then and
dropped later is cyclic garbage for the rest of the run, so these checks run in a separate interpreter
(the test process's own collector state stays as it is), lint several files that need astroid, and
then look at everything, frozen objects included.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

BASE = """
import boto3


def make():
    return boto3.client("s3")


class Base:
    def __init__(self, manager):
        self.manager = manager
        self.client = make()
"""

DERIVED = """
from base import Base


class Thing{n}(Base):
    def run(self):
        if self.manager:
            return self.manager.get_model()
        return self.client.list_objects_v2(Bucket="b")
"""

LEFT_OVER = """
import gc, json, sys
from astroid import nodes
from flake8_boto3.checker import check_file
from flake8_boto3.inference import scope

scope.MAX_CACHED_MODULES = int(sys.argv[1])
codes = [[f.code for f in check_file(name)] for name in sys.argv[2:]]
gc.unfreeze()
gc.set_debug(gc.DEBUG_SAVEALL)
gc.collect()
print(json.dumps({
    "codes": codes,
    "astroid": "astroid.manager" in sys.modules,
    "garbage": sorted({o.name for o in gc.garbage if isinstance(o, nodes.Module)}),
    "linted_trees_alive": sorted(
        o.name for o in gc.get_objects() if isinstance(o, nodes.Module) and hasattr(o, "flake8_boto3_built")
    ),
}))
"""


@pytest.mark.parametrize("cached_modules", [1500, 0], ids=["cache kept", "cache cleared after each file"])
def test_no_tree_of_a_linted_file_outlives_it(tmp_path, cached_modules):
    (tmp_path / "base.py").write_text(textwrap.dedent(BASE))
    files = []
    for n in range(4):
        (tmp_path / f"thing{n}.py").write_text(textwrap.dedent(DERIVED.format(n=n)))
        files.append(f"thing{n}.py")
    done = subprocess.run(
        [sys.executable, "-c", LEFT_OVER, str(cached_modules), *files],
        cwd=tmp_path, capture_output=True, text=True, check=True,
    )
    left = json.loads(done.stdout)
    assert left["codes"] == [["BTO201"]] * 4
    assert left["astroid"]  # the attributes of a base class in another module are astroid's to infer
    assert left["linted_trees_alive"] == []
    assert left["garbage"] == []  # nothing was frozen that should have been collected
