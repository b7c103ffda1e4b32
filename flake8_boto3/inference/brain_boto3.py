"""Astroid inference tips that teach astroid what boto3 constructors return.

Registered like astroid's own ``brain_*.py`` modules, with :func:`register`.
Once registered, ``boto3.client("s3")``, ``boto3.Session().resource("s3")``,
``botocore.session.get_session().create_client("s3")`` and friends infer to a
:class:`~flake8_boto3.inference.objects.Boto3Object` carrying its kind and service,
wherever astroid's inference reaches them: through ``self.x``, return values,
local aliases and sibling modules. Parameters and attributes annotated with the
``mypy_boto3_*`` / ``types_boto3_*`` stub types infer the same way (see
:mod:`.annotated`).
"""

from __future__ import annotations

from collections.abc import Iterator

from astroid import bases, nodes
from astroid.builder import AstroidBuilder
from astroid.context import InferenceContext
from astroid.exceptions import InferenceError, UseInferenceDefault
from astroid.inference_tip import inference_tip
from astroid.manager import AstroidManager
from astroid.util import UninferableBase, safe_infer

from flake8_boto3 import budget
from flake8_boto3.inference.names import bindings, call_name
from flake8_boto3.inference import annotated, stubs
from flake8_boto3.inference.objects import Boto3Object, Kind
from flake8_boto3.model.sdk import is_stubbed_module

# Qualified names of the stub callables (see .stubs) and what calling them builds.
CONSTRUCTORS: dict[str, Kind] = {
    "boto3.client": Kind.CLIENT,
    "boto3.resource": Kind.RESOURCE,
    "boto3.session.Session": Kind.SESSION,
    "boto3.session.Session.client": Kind.CLIENT,
    "boto3.session.Session.resource": Kind.RESOURCE,
    "botocore.session.Session": Kind.SESSION,
    "botocore.session.get_session": Kind.SESSION,
    "botocore.session.Session.create_client": Kind.CLIENT,
}

# The stub class each kind of object is an instance of: (module, class).
PROXIED_CLASS: dict[Kind, tuple[str, str]] = {
    Kind.SESSION: ("boto3.session", "Session"),
    Kind.CLIENT: ("botocore.client", "BaseClient"),
    Kind.RESOURCE: ("boto3.resources.base", "ServiceResource"),
    Kind.SUB_RESOURCE: ("boto3.resources.base", "ServiceResource"),
    Kind.RESOURCE_META: ("boto3.resources.base", "ResourceMeta"),
    Kind.EXCEPTIONS: ("botocore.client", "ClientExceptions"),
    Kind.PAGINATOR: ("botocore.client", "Paginator"),
    Kind.WAITER: ("botocore.client", "Waiter"),
}

# Names of the calls that build a session, client or resource.
CONSTRUCTOR_NAMES = frozenset({"client", "resource", "Session", "create_client", "get_session"})
# Method names through which boto3 objects are made or derived; only calls of
# these (and of capitalised resource attributes such as ``Table``) get the tip.
CONSTRUCTOR_METHOD_NAMES = CONSTRUCTOR_NAMES | {"get_paginator", "get_waiter"}


def stub_class(kind: Kind) -> nodes.ClassDef:
    module_name, class_name = PROXIED_CLASS[kind]
    module = AstroidManager().ast_from_module_name(module_name)
    return module.getattr(class_name)[0]


def make_object(
    kind: Kind,
    service: str | None,
    origin: nodes.NodeNG | None,
    type_name: str | None = None,
    proxied: nodes.ClassDef | None = None,
) -> Boto3Object:
    return Boto3Object(proxied or stub_class(kind), kind, service, origin, type_name)


def derived_attribute(obj: Boto3Object, name: str) -> Boto3Object | None:
    """Attributes of boto3 objects that are boto3 objects themselves."""
    if name == "meta" and obj.kind in (Kind.RESOURCE, Kind.SUB_RESOURCE):
        return obj.derive(Kind.RESOURCE_META, stub_class(Kind.RESOURCE_META))
    if name == "client" and obj.kind is Kind.RESOURCE_META:
        return obj.derive(Kind.CLIENT, stub_class(Kind.CLIENT))
    if name == "exceptions" and obj.kind is Kind.CLIENT:
        return obj.derive(Kind.EXCEPTIONS, stub_class(Kind.EXCEPTIONS))
    return None


# --- calls ------------------------------------------------------------------


def may_construct(call: nodes.Call) -> bool:
    """Could this call build a session, client or resource? (Cheap: names and imports only.)"""
    name = call_name(call)
    if name in CONSTRUCTOR_NAMES:
        return True
    return isinstance(call.func, nodes.Name) and is_imported_from_boto3_family(call.func)


def constructed_by(call: nodes.Call) -> Boto3Object | None:
    """The session, client or resource this very call creates, or None."""
    if not may_construct(call):
        return None
    from flake8_boto3.inference import infer_boto3

    found = infer_boto3(call)
    if found is None or found.origin is not call or not found.is_constructed:
        return None
    return found


def _looks_like_boto3_call(call: nodes.Call) -> bool:
    name = call_name(call)
    if name is None:
        return False
    if name in CONSTRUCTOR_METHOD_NAMES:
        return True
    if isinstance(call.func, nodes.Name):
        # `from boto3 import client as make_client`
        return is_imported_from_boto3_family(call.func)
    # resource.Table("x"), s3.Bucket("b"): sub-resources of a service resource; and the resources
    # actions answer (sqs.get_queue_by_name(...): a Queue).
    return isinstance(call.func, nodes.Attribute) and (name[:1].isupper() or _answers_a_resource(name))


def _answers_a_resource(name: str) -> bool:
    from flake8_boto3.aws import table  # loaded by the rules already wherever astroid runs

    return name in table().resource_returning_actions


def is_imported_from_boto3_family(name: nodes.Name) -> bool:
    assignments = bindings(name)
    return any(
        isinstance(assignment, nodes.ImportFrom) and not assignment.level and is_stubbed_module(assignment.modname)
        for assignment in assignments
    )


def _argument(call: nodes.Call, position: int, keyword: str) -> nodes.NodeNG | None:
    for kw in call.keywords or ():
        if kw.arg == keyword:
            return kw.value
    if len(call.args) > position and not isinstance(call.args[position], nodes.Starred):
        return call.args[position]
    return None


def literal_string(node: nodes.NodeNG | None, context: InferenceContext | None = None) -> str | None:
    """The string a node evaluates to, when astroid can tell."""
    if node is None:
        return None
    if isinstance(node, nodes.Const):
        return node.value if isinstance(node.value, str) else None
    inferred = safe_infer(node, context)
    if isinstance(inferred, nodes.Const) and isinstance(inferred.value, str):
        return inferred.value
    return None


def _qualified_name(callee) -> str | None:
    if isinstance(callee, (nodes.FunctionDef, nodes.ClassDef, bases.BoundMethod, bases.UnboundMethod)):
        try:
            return callee.qname()
        except Exception:  # a proxy without a usable qname
            return None
    return None


def _sole_value_but_none(node: nodes.NodeNG, context: InferenceContext | None) -> object | None:
    """The one value ``node`` infers to besides ``None`` (a global set lazily: ``_dynamo = None``, then
    ``_dynamo = boto3.resource(...)`` in the function that first needs it) and besides what astroid
    cannot infer, when a boto3 object is that value (a parameter with a fallback: ``if not dynamodb:
    dynamodb = boto3.resource("dynamodb")``, as :func:`flake8_boto3.inference.infer_boto3` passes
    over it), else None (astroid's ``safe_infer`` otherwise: no value, an inference error, or
    several)."""
    try:
        values = [value for value in node.infer(context=context) if not _is_none(value)]
        known = [value for value in values if not isinstance(value, UninferableBase)]
        if len(known) == 1 and isinstance(known[0], Boto3Object):
            values = known
    except InferenceError:
        return None
    return values[0] if len(values) == 1 else None


def _is_none(value: object) -> bool:
    return isinstance(value, nodes.Const) and value.value is None


def _infer_derived_object(call: nodes.Call, name: str, context: InferenceContext | None) -> Iterator[Boto3Object]:
    """``client.get_paginator("op")``, ``client.get_waiter("w")``, ``resource.Table("t")``,
    ``bucket.Object("k")``."""
    receiver = _sole_value_but_none(call.func.expr, context) if isinstance(call.func, nodes.Attribute) else None
    if not isinstance(receiver, Boto3Object):
        raise UseInferenceDefault
    if name in ("get_paginator", "get_waiter") and receiver.kind is Kind.CLIENT:
        kind = Kind.PAGINATOR if name == "get_paginator" else Kind.WAITER
        keyword = "operation_name" if kind is Kind.PAGINATOR else "waiter_name"
        yield receiver.derive(kind, stub_class(kind), literal_string(_argument(call, 0, keyword), context))
    elif name[:1].isupper() and receiver.kind in (Kind.RESOURCE, Kind.SUB_RESOURCE):
        yield receiver.derive(Kind.SUB_RESOURCE, stub_class(Kind.SUB_RESOURCE), name)
    else:
        raise UseInferenceDefault


def _resource_answered(call: nodes.Call, name: str, context: InferenceContext | None) -> Boto3Object | None:
    """The resource a resource's action answers (``sqs.get_queue_by_name(...)``: a ``Queue``), or None."""
    receiver = _sole_value_but_none(call.func.expr, context) if isinstance(call.func, nodes.Attribute) else None
    if not isinstance(receiver, Boto3Object) or receiver.kind not in (Kind.RESOURCE, Kind.SUB_RESOURCE):
        return None
    if not receiver.service:
        return None
    from flake8_boto3.aws import table

    owner = receiver.type_name if receiver.kind is Kind.SUB_RESOURCE else "ServiceResource"
    answered = table().resource_action_type(receiver.service, owner or "", name)
    return receiver.derive(Kind.SUB_RESOURCE, stub_class(Kind.SUB_RESOURCE), answered) if answered else None


def _infer_boto3_call(call: nodes.Call, context: InferenceContext | None = None) -> Iterator[Boto3Object]:
    budget.charge()
    name = call_name(call) or ""
    if name in ("get_paginator", "get_waiter") or (name[:1].isupper() and name not in CONSTRUCTOR_METHOD_NAMES):
        yield from _infer_derived_object(call, name, context)
        return
    if name[:1].islower() and name not in CONSTRUCTOR_METHOD_NAMES and _answers_a_resource(name):
        answered = _resource_answered(call, name, context)
        if answered is not None:
            yield answered
            return

    if _session_method_on_function_result(call, name):
        yield make_object(SESSION_METHODS[name], _real_service(call), call)
        return
    callee = safe_infer(call.func, context)
    kind = CONSTRUCTORS.get(_qualified_name(callee) or "")
    if kind is None:
        kind = _unresolved_session_method(call, name, context)
    if kind is None:
        raise UseInferenceDefault
    if kind is Kind.SESSION:
        if isinstance(callee, nodes.ClassDef):
            proxied = callee
        else:
            proxied = AstroidManager().ast_from_module_name("botocore.session").getattr("Session")[0]
        yield make_object(kind, None, call, proxied=proxied)
        return
    service = literal_string(_argument(call, 0, "service_name"), context)
    yield make_object(kind, service, call)


# Methods of a session (boto3's or botocore's) that build a client or resource.
SESSION_METHODS = {"client": Kind.CLIENT, "resource": Kind.RESOURCE, "create_client": Kind.CLIENT}


def _real_service(call: nodes.Call) -> str | None:
    """The service a ``.client("ec2")`` call asks for, when it is a literal naming a real AWS service."""
    value = _argument(call, 0, "service_name")
    if not (isinstance(value, nodes.Const) and isinstance(value.value, str)):
        return None
    from flake8_boto3.aws import table  # the table loads only when such a call is seen

    return value.value if table().has_service(value.value) else None


def _session_method_on_function_result(call: nodes.Call, name: str) -> bool:
    """``local_session(factory).client("ec2")``: a real AWS service asked of what a function returns.

    Decided without inference: inferring the function's result at each of its call sites (c7n has
    about two thousand) costs more than the rest of the analysis, and whether the function returns a
    boto3 session or something astroid cannot see, the answer is the same client. Only functions
    (never classes: ``Vault().client("s3")``) defined in or imported into the module count.
    """
    if name not in SESSION_METHODS or not isinstance(call.func, nodes.Attribute):
        return False
    receiver = call.func.expr
    if not isinstance(receiver, nodes.Call):
        return False
    root = receiver.func
    while isinstance(root, nodes.Attribute):
        root = root.expr
    if not isinstance(root, nodes.Name):
        return False
    found = bindings(root)
    if not found:
        return False
    for binding in found:
        if isinstance(binding, nodes.ImportFrom):
            if is_stubbed_module(binding.modname) or receiver.func.as_string()[:1].isupper():
                return False
        elif isinstance(binding, nodes.Import):
            if any(is_stubbed_module(imported) for imported, _ in binding.names):
                return False
            if isinstance(receiver.func, nodes.Attribute) and receiver.func.attrname[:1].isupper():
                return False  # a class from that module
        elif not isinstance(binding, (nodes.FunctionDef, nodes.AsyncFunctionDef)):
            return False
    return _real_service(call) is not None


def _unresolved_session_method(call: nodes.Call, name: str, context: InferenceContext | None) -> Kind | None:
    """``session.client("ec2")`` on a session astroid cannot resolve (a parameter, a factory's result).

    Counted as a client only when the service is a literal naming a real AWS
    service and nothing at all is known about the receiver: the name-based
    fallback layer of type resolution, kept deliberately narrow. Or when the
    receiver is one of several sessions (``session = Session(profile_name=p)``
    under an ``if``, ``Session()`` under its ``else``): each one's method makes it.
    """
    if name not in SESSION_METHODS or not isinstance(call.func, nodes.Attribute) or _real_service(call) is None:
        return None
    try:
        values = list(call.func.expr.infer(context))
    except Exception:
        return SESSION_METHODS[name]
    if all(isinstance(value, UninferableBase) for value in values):
        return SESSION_METHODS[name]
    if values and all(isinstance(value, Boto3Object) and value.kind is Kind.SESSION for value in values):
        return SESSION_METHODS[name]
    return None


# --- registration -------------------------------------------------------------


def _build_stub_module(manager: AstroidManager, name: str, source: str = "") -> nodes.Module:
    module = AstroidBuilder(manager).string_build(source, modname=name)
    # Every stand-in may have submodules: let astroid look for them as in a package, among the
    # stand-ins only (see _importing_stand_ins).
    module.package = True
    module.import_module = _importing_stand_ins(manager, module)
    return module


def _importing_stand_ins(manager: AstroidManager, module: nodes.Module):
    """``module.import_module`` for a stand-in: a module of the SDK's packages it reaches is a stand-in
    too. ``boto3.exceptions`` reached as an attribute after ``import boto3`` (astroid's
    ``Module.getattr`` imports it as a submodule) would otherwise be read from the installed boto3
    where there is one, and be nothing where there is none: results must not depend on it."""
    import_module = module.import_module

    def import_stand_in(modname: str, relative_only: bool = False, level: int | None = None, use_cache: bool = True):
        absolute = module.relative_to_absolute_name(modname, 0 if relative_only and level is None else level)
        if is_stubbed_module(absolute):
            return _ensure_stub_module(manager, absolute)
        return import_module(modname, relative_only, level, use_cache)

    return import_stand_in


def _ensure_stub_module(manager: AstroidManager, name: str) -> nodes.Module:
    """The stand-in for a boto3-family module and for each of its parents."""
    parts = name.split(".")
    for i in range(1, len(parts) + 1):
        prefix = ".".join(parts[:i])
        if prefix not in manager.astroid_cache:
            _build_stub_module(manager, prefix, stubs.STUB_MODULES.get(prefix, ""))
    return manager.astroid_cache[name]


def _ensure_stub_modules(manager: AstroidManager) -> None:
    for name in stubs.STUB_MODULES:
        _ensure_stub_module(manager, name)


def _stub_imported_modules(node: nodes.Import | nodes.ImportFrom) -> nodes.NodeNG:
    """Give every boto3-family module an import statement names a stand-in.

    Runs as a transform while a module is built, before anything is inferred, so
    astroid finds the stand-in in its cache instead of the installed package.
    """
    manager = AstroidManager()
    if isinstance(node, nodes.Import):
        for name, _ in node.names:
            if is_stubbed_module(name):
                _ensure_stub_module(manager, name)
        return node
    module = _ensure_stub_module(manager, node.modname)
    for name, _ in node.names:
        # `from boto3.dynamodb import conditions` imports a submodule.
        if name != "*" and name not in module.locals:
            _ensure_stub_module(manager, f"{node.modname}.{name}")
    return node


def _mentions_stubbed_module(node: nodes.Import | nodes.ImportFrom) -> bool:
    if isinstance(node, nodes.ImportFrom):
        return bool(node.modname) and not node.level and is_stubbed_module(node.modname)
    return any(is_stubbed_module(name) for name, _ in node.names)


_call_tip = inference_tip(_infer_boto3_call)
_annotation_tip = inference_tip(annotated.infer_annotated_name)


def model_transforms() -> dict:
    """The boto3 model's transforms, by node class: all that analysis needs astroid to run."""
    return {
        nodes.Call: [(_call_tip, _looks_like_boto3_call)],
        nodes.AssignName: [(_annotation_tip, annotated.has_boto3_annotation)],
        nodes.Import: [(_stub_imported_modules, _mentions_stubbed_module)],
        nodes.ImportFrom: [(_stub_imported_modules, _mentions_stubbed_module)],
    }


def _is_registered(manager: AstroidManager) -> bool:
    call_transforms = manager._transform.transforms.get(nodes.Call, [])
    return any(transform is _call_tip for transform, _ in call_transforms)


def register(manager: AstroidManager) -> None:
    """Register the boto3 model with astroid; idempotent.

    Safe to call before every file: astroid's ``clear_cache()`` drops both
    non-astroid transforms and cached modules, and this puts back whatever is
    missing.
    """
    _ensure_stub_modules(manager)
    if _is_registered(manager):
        return
    for node_class, transforms in model_transforms().items():
        for transform, predicate in transforms:
            manager.register_transform(node_class, transform, predicate)
