"""What astroid may do while flake8-boto3 analyses a file: the lean analysis scope.

Inside :func:`analysis_scope`:

- astroid builds only the linted project's own modules and the boto3 stand-ins.
  The standard library and third-party packages are treated as unresolvable
  (their names infer to nothing), which the rules never need and which would
  otherwise cost more than flake8 itself: inferring one ``json.dumps`` builds
  the whole ``json`` package with every transform.
- only the boto3 model's transforms run, not astroid's ~70 brain modules
  (namedtuple, enum, six, typing...), none of which the rules look at.
- ``self.x = ...`` in a method registers ``x`` as an instance attribute of the
  method's class directly, as astroid's builder does, but without inferring
  ``self`` for every assignment (a third of the build time on class-heavy
  code).

Both are restored afterwards, so other users of astroid in the same process
see astroid as usual (modules built during the analysis stay cached without
brain transforms: a separate process is the way to combine this plugin with
another astroid-based tool that needs them).
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager

import astroid
from astroid import nodes
from astroid.bases import Proxy
from astroid.builder import AstroidBuilder
from astroid.context import _invalidate_cache as invalidate_inference_cache
from astroid.inference_tip import clear_inference_tip_cache
from astroid.interpreter.objectmodel import ObjectModel
from astroid.manager import AstroidManager
from astroid.nodes import ClassDef
from astroid.nodes._base_nodes import LookupMixIn

from flake8_boto3 import project
from flake8_boto3.inference.names import decorator_names
from flake8_boto3.inference.brain_boto3 import model_transforms
from flake8_boto3.model.readable import ALWAYS_ALLOWED, is_readable
from flake8_boto3.model.sdk import is_stubbed_module

# astroid's cache is cleared when it holds more modules than this (memory bound).
MAX_CACHED_MODULES = 1500


class ProjectModulesOnly(set):
    """An astroid module denylist that denies every module except the project's own."""

    def __contains__(self, modname: object) -> bool:
        if not isinstance(modname, str):
            return True
        if modname in AstroidManager.brain["astroid_cache"]:
            return False
        return not is_readable(modname)


_POLICY = ProjectModulesOnly()


def register_instance_attribute(builder: AstroidBuilder, node: nodes.AssignAttr) -> None:
    """``self.x = v`` / ``cls.x = v`` in a method: what astroid's ``delayed_assattr`` records."""
    expr = node.expr
    function = node.frame()
    if not isinstance(expr, nodes.Name) or not isinstance(function, nodes.FunctionDef):
        return
    cls = function.parent
    positional = [*(function.args.posonlyargs or []), *(function.args.args or [])]
    if not isinstance(cls, nodes.ClassDef) or not positional or positional[0].name != expr.name:
        return
    decorators = {name.rsplit(".", 1)[-1] for name in decorator_names(function)}
    if "staticmethod" in decorators:
        return
    owner = cls.locals if "classmethod" in decorators else cls.instance_attrs
    values = owner.setdefault(node.attrname, [])
    if node not in values:
        values.append(node)


@contextmanager
def analysis_scope(manager: AstroidManager) -> Iterator[None]:
    visitor = manager._transform
    saved_transforms = visitor.transforms
    saved_denylist = AstroidManager.brain["module_denylist"]
    saved_global = astroid.MANAGER.module_denylist
    lean = defaultdict(list)
    for node_class, transforms in model_transforms().items():
        lean[node_class] = list(transforms)
    visitor.transforms = lean
    saved_assattr = AstroidBuilder.delayed_assattr
    AstroidBuilder.delayed_assattr = register_instance_attribute
    AstroidManager.brain["module_denylist"] = _POLICY
    astroid.MANAGER.module_denylist = _POLICY
    manager.module_denylist = _POLICY
    try:
        yield
    finally:
        AstroidBuilder.delayed_assattr = saved_assattr
        visitor.transforms = saved_transforms
        AstroidManager.brain["module_denylist"] = saved_denylist
        astroid.MANAGER.module_denylist = saved_global
        manager.module_denylist = saved_denylist


def bound_cache(manager: AstroidManager) -> None:
    """Start afresh whenever astroid's module cache grows past its bound (memory), and forget the
    project modules of another root (:func:`forget_other_roots`)."""
    directories = project.search_directories()
    if _searched[0] is not None and _searched[0] != directories:
        forget_other_roots(manager)
    _searched[0] = directories
    if len(manager.astroid_cache) > MAX_CACHED_MODULES:
        manager.clear_cache()
        _dropped[0] = True


_dropped: list[bool] = [False]  # modules left astroid's cache since the last settle_memory()


def took_dropped_modules() -> bool:
    """Whether modules have left astroid's cache since the last call. They were frozen with the rest
    (:func:`flake8_boto3.model.settle_memory`), and their trees are cyclic garbage that only a
    collection of the frozen objects too can free."""
    dropped, _dropped[0] = _dropped[0], False
    return dropped


_searched: list = [None]  # the search directories of the last file astroid analysed


def forget_other_roots(manager: AstroidManager) -> None:
    """astroid caches modules by name for the process. In a run over several roots (a repository of
    Lambda functions, each with its own ``utils.py``), one root's ``import utils`` must not be answered
    with another's: cached modules that the current root resolves elsewhere, or not at all, are
    dropped, and with them astroid's cache of where module names were found. The standard modules
    the analysis reads and the stand-ins stay."""
    for name, module in list(manager.astroid_cache.items()):
        path = getattr(module, "file", None)
        if not path or name in ALWAYS_ALLOWED or is_stubbed_module(name) or not os.path.isfile(path):
            continue
        current = project.resolves_to(name)
        if current is None or os.path.realpath(current) != os.path.realpath(path):
            del manager.astroid_cache[name]
            _dropped[0] = True
    manager._mod_file_cache.clear()


def release(manager: AstroidManager, module: nodes.Module) -> None:
    """Drop the linted file's tree and the inference results about it (sibling modules it imported
    stay cached for the next files). Collecting and freezing what survives is the checker's, once
    nothing of the file is referenced any more (:func:`flake8_boto3.model.settle_memory`)."""
    if manager.astroid_cache.get(module.name) is module:
        del manager.astroid_cache[module.name]
    invalidate_inference_cache()
    clear_inference_tip_cache()
    # astroid's lru caches keyed by nodes and inference contexts (those its clear_cache() clears).
    LookupMixIn.lookup.cache_clear()
    ClassDef._metaclass_lookup_attribute.cache_clear()
    _forget_tracebacks(manager)
    _forget_object_model_instances()


def _forget_object_model_instances() -> None:
    """astroid answers special attributes (``__class__``, ``__dict__``...) through one model object
    per node or proxy class (``Instance.special_attributes``), a descriptor that keeps the last
    object it was reached through. That object's tree would outlive the file: frozen by
    :func:`~flake8_boto3.model.settle_memory`, then dropped when the next file replaces it, it stays
    as garbage the collector never scans (a tree per file: about 60 MB of peak RSS over c7n)."""
    pending: list[type] = [nodes.NodeNG, Proxy]
    seen: set[type] = set()
    while pending:
        cls = pending.pop()
        if cls in seen:
            continue
        seen.add(cls)
        model = vars(cls).get("special_attributes")
        if isinstance(model, ObjectModel):
            model._instance = None
        pending.extend(cls.__subclasses__())


def _forget_tracebacks(manager: AstroidManager) -> None:
    """astroid caches the error of each failed module lookup and raises that very object again on
    the next lookup: each raise leaves on it (and on the errors it carries: the ``ImportError``, the
    ``KeyError`` that one was raised during) a traceback whose frames hold the analysis of the file
    at the time, its astroid and ``ast`` trees included, for the rest of the run."""
    for value in manager._mod_file_cache.values():
        pending = [value]
        while pending:
            error = pending.pop()
            if isinstance(error, BaseException):
                error.__traceback__ = None
                pending += [error.__context__, error.__cause__, getattr(error, "error", None)]
                error.__context__ = error.__cause__ = None
