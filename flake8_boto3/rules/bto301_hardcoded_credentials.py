"""# BTO301 hardcoded-credentials

Message: `BTO301 hardcoded AWS credentials passed as aws_secret_access_key; leave them out and let boto3's credential chain find them (environment, profile, IAM role)`

## What it does
Flags a string literal, or a name bound only to a string literal, passed as
`aws_access_key_id`, `aws_secret_access_key` or `aws_session_token` to a
client, resource or session constructor, by keyword or by position
(`boto3.Session(key, secret)`, the 7th to 9th positional arguments of
`boto3.client(service, region, api_version, use_ssl, verify, endpoint_url, key,
secret, token, config)`), or to a botocore session's `set_credentials`. Test
code is checked too: a real key in a test leaks just the same.

A literal default of an environment read counts as the literal it is
(`aws_secret_access_key=os.getenv("S3_SECRET_KEY", "<the real key>")`): the
key ships with the code whether or not the variable is set.

Not flagged: values from `os.environ`/`os.getenv` (without such a default),
parameters, function
results, STS `assume_role` credentials; and the obvious placeholders used with
moto, LocalStack and MinIO (`"testing"`, `"test"`, `"fake"`, `"dummy"`,
`"xxxx"`, `"<your key>"`, `"${KEY}"`, empty strings, `"fake-..."`), and values
that cannot be credentials by their shape: an access key id is 16 to 128
upper-case letters and digits, a secret key or session token at least 20
characters without spaces. A value shaped like an access key id (`AKIA...`,
`ASIA...`) is always flagged.

## Why is this bad?
Keys in source end up in version control, in wheels and in container images,
where they are found and abused within minutes of being pushed to a public
repository. boto3 finds credentials by itself: environment variables, the
shared credentials file and profiles, SSO, and the instance, task or function
role, which rotate automatically.

## Example
```python
import boto3

s3 = boto3.client(
    "s3",
    aws_access_key_id="AKIAIOSFODNN7EXAMPLE",
    aws_secret_access_key="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
)
```

## Use instead
```python
import boto3

s3 = boto3.client("s3")
```

## Options
None.

## References
- [boto3 guide: credentials](https://boto3.amazonaws.com/v1/documentation/api/latest/guide/credentials.html)
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator

import ast

from flake8_boto3.analysis.code import Code
from flake8_boto3.analysis.names import dotted_name
from flake8_boto3.context import FileContext
from flake8_boto3.model import Kind
from flake8_boto3.rule import CREDENTIALS_GUIDE, Finding, Rule

CREDENTIAL_KEYWORDS = ("aws_access_key_id", "aws_secret_access_key", "aws_session_token")
# Where each credential sits among the positional arguments.
CLIENT_POSITIONS = {6: "aws_access_key_id", 7: "aws_secret_access_key", 8: "aws_session_token"}
SESSION_POSITIONS = {0: "aws_access_key_id", 1: "aws_secret_access_key", 2: "aws_session_token"}
SET_CREDENTIALS_POSITIONS = {0: "aws_access_key_id", 1: "aws_secret_access_key", 2: "aws_session_token"}
SET_CREDENTIALS_KEYWORDS = {"access_key": "aws_access_key_id", "secret_key": "aws_secret_access_key", "token": "aws_session_token"}
CONSTRUCTOR_KEYWORDS = {keyword: keyword for keyword in CREDENTIAL_KEYWORDS}

ACCESS_KEY_ID = re.compile(r"^(AKIA|ASIA|AIDA|AROA|ANPA|AGPA)[A-Z0-9]{12,}$")
PLACEHOLDER_WORDS = frozenset(
    {"test", "testing", "fake", "dummy", "mock", "moto", "localstack", "minioadmin", "minio", "foo", "bar",
     "none", "null", "changeme", "placeholder", "example", "key", "secret", "token", "access", "local"}
)
PLACEHOLDER_PREFIX = re.compile(r"^(fake|dummy|test|testing|mock|example|placeholder|your|my)[-_ ]", re.I)


# What real credentials look like: key ids are 16-128 upper-case letters and digits,
# secret keys 40 characters, session tokens hundreds.
KEY_ID_SHAPE = re.compile(r"^[A-Z0-9]{16,128}$")
MIN_SECRET_LENGTH = 20


def is_placeholder(value: str, parameter: str = "aws_secret_access_key") -> bool:
    text = value.strip()
    if ACCESS_KEY_ID.match(text):
        return False
    if parameter == "aws_access_key_id" and not KEY_ID_SHAPE.match(text):
        return True  # "never", "my-key": not an access key id
    if parameter != "aws_access_key_id" and (len(text) < MIN_SECRET_LENGTH or " " in text):
        return True  # "found", "secret", "change me": too short to be a secret key or token
    if not text or len(set(text)) == 1:  # "", "xxxxxxxx", "00000000"
        return True
    if text.lower() in PLACEHOLDER_WORDS or PLACEHOLDER_PREFIX.match(text):
        return True
    return (text[0], text[-1]) in {("<", ">"), ("{", "}"), ("[", "]")} or text.startswith("${")


def literal_value(code: Code, node: ast.AST, literal_names: frozenset[str] | None = None) -> str | None:
    """The string a literal holds, or the literal default of an environment read
    (``os.getenv("AWS_SECRET_ACCESS_KEY", "wJalr...")``: the default ships with the code), directly
    or through a name bound only to such values. ``literal_names``: the module's
    :func:`names_assigned_literals`, when known (a name outside it is not looked up)."""
    found = _literal_or_env_default(node)
    if found is not None or not (isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)):
        return found
    if literal_names is not None and node.id not in literal_names:
        return None
    values = []
    for binding in code.bindings(node):
        if not isinstance(binding, ast.Name):
            return None  # an import, a parameter, a builtin, the module's own __name__...
        parent = code.parent(binding)
        if not isinstance(parent, (ast.Assign, ast.AnnAssign)):
            return None
        value = _literal_or_env_default(parent.value) if parent.value is not None else None
        if value is None:
            return None
        values.append(value)
    return values[0] if values else None


def names_assigned_literals(code: Code) -> frozenset[str]:
    """The names some plain assignment of the module binds to a literal string or an environment read's
    literal default: only these can be bound *only* to such values (:func:`literal_value`), so no other
    name needs its bindings looked up."""
    found = set()
    for node in code.nodes((ast.Assign, ast.AnnAssign)):
        if node.value is None or _literal_or_env_default(node.value) is None:
            continue
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        found.update(target.id for target in targets if isinstance(target, ast.Name))
    return frozenset(found)


# Reads of the environment that take a default: os.getenv(name, default), os.environ.get(name, default).
ENVIRONMENT_READS = frozenset({"os.getenv", "getenv", "os.environ.get", "environ.get"})


def _literal_or_env_default(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant):
        return node.value if isinstance(node.value, str) else None
    if isinstance(node, ast.Call) and dotted_name(node.func) in ENVIRONMENT_READS:
        default = node.args[1] if len(node.args) > 1 else next(
            (kw.value for kw in node.keywords if kw.arg == "default"), None
        )
        if isinstance(default, ast.Constant) and isinstance(default.value, str):
            return default.value
    return None


def _constructor_positions(code: Code, call: ast.Call) -> dict[int, str] | None:
    """Where the credentials sit in this constructor call, or None if it is not one."""
    found = code.constructed_by(call)
    if found is None:
        return None
    if found.kind is not Kind.SESSION:
        return CLIENT_POSITIONS
    # botocore sessions take no credentials in their constructor.
    return SESSION_POSITIONS if found.type_name == "boto3.session.Session" else None


def _is_session_set_credentials(code: Code, call: ast.Call) -> bool:
    """``botocore.session.get_session().set_credentials(key, secret)``."""
    if not isinstance(call.func, ast.Attribute) or call.func.attr != "set_credentials":
        return False
    found = code.value_of(call.func.value)
    return found is not None and found.kind is Kind.SESSION


def credential_arguments(code: Code, call: ast.Call) -> Iterator[tuple[str, ast.AST]]:
    """(parameter, argument) for each credential passed to a constructor or set_credentials."""
    if _is_session_set_credentials(code, call):
        yield from _arguments_at(call, SET_CREDENTIALS_POSITIONS, SET_CREDENTIALS_KEYWORDS)
        return
    positions = _constructor_positions(code, call)
    if positions is not None:
        yield from _arguments_at(call, positions, CONSTRUCTOR_KEYWORDS)


def _arguments_at(call: ast.Call, positions: dict[int, str], keywords: dict[str, str]):
    """(parameter, argument) for the arguments at those positions and keywords."""
    for index, argument in enumerate(call.args):
        if index in positions and not isinstance(argument, ast.Starred):
            yield positions[index], argument
    for keyword in call.keywords or ():
        if keyword.arg in keywords:
            yield keywords[keyword.arg], keyword.value


# Where each kind of call takes credentials: client and resource constructors, boto3's Session, and a
# botocore session's set_credentials.
CREDENTIAL_PLACES = (
    (CLIENT_POSITIONS, CONSTRUCTOR_KEYWORDS),
    (SESSION_POSITIONS, CONSTRUCTOR_KEYWORDS),
    (SET_CREDENTIALS_POSITIONS, SET_CREDENTIALS_KEYWORDS),
)


def _may_hold_credentials(code: Code, call: ast.Call, literal_names: frozenset[str]) -> bool:
    """Does an argument where some constructor (or ``set_credentials``) takes a credential hold a
    literal that is no placeholder? Syntax only: what the call constructs, which takes inference, is
    asked only of calls that pass this test (most ``.client("s3")`` calls do not)."""
    return any(
        _holds_credential(code, argument, parameter, literal_names)
        for positions, keywords in CREDENTIAL_PLACES
        for parameter, argument in _arguments_at(call, positions, keywords)
    )


def _holds_credential(code: Code, argument: ast.AST, parameter: str, literal_names: frozenset[str]) -> bool:
    value = literal_value(code, argument, literal_names)
    return value is not None and not is_placeholder(value, parameter)


def check(context: FileContext) -> Iterator[Finding]:
    code = context.code
    literal_names = names_assigned_literals(code)
    for call in code.nodes(ast.Call):
        if not _may_hold_credentials(code, call, literal_names):
            continue
        for parameter, argument in credential_arguments(code, call):
            if not _holds_credential(code, argument, parameter, literal_names):
                continue
            yield RULE.finding(
                argument,
                f"hardcoded AWS credentials passed as {parameter}; leave them out and let boto3's credential chain"
                " find them (environment, profile, IAM role)",
            )


RULE = Rule(
    code="BTO301",
    name="hardcoded-credentials",
    summary="string literal passed as an AWS access key, secret key or session token",
    link=CREDENTIALS_GUIDE,
    check=check,
    module=sys.modules[__name__],
)
