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
from flake8_boto3.syntax import module

scope.MAX_CACHED_MODULES = int(sys.argv[1])
module.PROJECT_MODULES_BUDGET = int(sys.argv[2])
codes = [[f.code for f in check_file(name)] for name in sys.argv[3:]]
gc.unfreeze()
gc.set_debug(gc.DEBUG_SAVEALL)
gc.collect()
print(json.dumps({
    "codes": codes,
    "astroid": "astroid.manager" in sys.modules,
    "garbage": sorted({o.name for o in gc.garbage if isinstance(o, nodes.Module)}),
    "project_syntax_kept": sorted(modname for _, modname in module._PROJECT_MODULES),
    "syntax_objects": sum(isinstance(o, module.ModuleSyntax) for o in gc.get_objects()),
    "linted_trees_alive": sorted(
        o.name for o in gc.get_objects() if isinstance(o, nodes.Module) and hasattr(o, "flake8_boto3_built")
    ),
}))
"""


@pytest.mark.parametrize(
    ("cached_modules", "syntax_budget"),
    [(1500, 300_000), (0, 300_000), (1500, 0)],
    ids=["caches kept", "astroid's cache cleared after each file", "project syntax forgotten after each file"],
)
def test_no_tree_of_a_linted_file_outlives_it(tmp_path, cached_modules, syntax_budget):
    (tmp_path / "base.py").write_text(textwrap.dedent(BASE))
    files = []
    for n in range(4):
        (tmp_path / f"thing{n}.py").write_text(textwrap.dedent(DERIVED.format(n=n)))
        files.append(f"thing{n}.py")
    done = subprocess.run(
        [sys.executable, "-c", LEFT_OVER, str(cached_modules), str(syntax_budget), *files],
        cwd=tmp_path, capture_output=True, text=True, check=True,
    )
    left = json.loads(done.stdout)
    assert left["codes"] == [["BTO201"]] * 4
    assert left["astroid"]  # the attributes of a base class in another module are astroid's to infer
    assert left["linted_trees_alive"] == []
    assert left["garbage"] == []  # nothing was frozen that should have been collected
    if syntax_budget == 0:
        # base.py's syntax, followed for every file, is forgotten between files once no file uses it,
        # and parsed again: the findings are the same. The syntactic tier follows the class's base
        # into it (to learn that base's self.client is astroid's to tell), and a module the last file
        # used stays for the next file, whatever the budget (ModuleSyntax.trim_project_modules); no
        # other copy of it is left, paired with astroid's module or not.
        assert left["project_syntax_kept"] in ([], ["base"])
        assert left["syntax_objects"] == len(left["project_syntax_kept"])
    else:
        assert left["project_syntax_kept"] == ["base"]


def test_the_least_recently_used_project_modules_are_forgotten_first(tmp_path):
    from flake8_boto3.syntax import module

    saved = module._PROJECT_MODULES.copy()
    module._PROJECT_MODULES.clear()
    module._USED_SINCE_TRIM.clear()
    try:
        homes = {}
        for name in ("a", "b", "c"):  # one file uses three modules
            (tmp_path / f"{name}.py").write_text("x = 1\n" * 10)  # 60 characters each
            homes[name] = module.ModuleSyntax.of_project_file(str(tmp_path / f"{name}.py"), name)
        assert module.ModuleSyntax.trim_project_modules(budget=120) == []  # what a file just used stays
        assert module.ModuleSyntax.of_project_file(str(tmp_path / "a.py"), "a") is homes["a"]  # the next file
        forgotten = module.ModuleSyntax.trim_project_modules(budget=120)
        assert forgotten == [homes["b"]]
        assert [modname for _, modname in module._PROJECT_MODULES] == ["c", "a"]
        assert module.ModuleSyntax.trim_project_modules(budget=120) == []
    finally:
        module._PROJECT_MODULES.clear()
        module._PROJECT_MODULES.update(saved)
