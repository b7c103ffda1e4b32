"""# BTO103 client-created-in-function

Message: `BTO103 boto3 client 's3' created on every call of 'upload_report'; create it once at module level (or cache it) and reuse it`

## What it does
Flags a boto3 client or resource created inside a function that runs again and
again, when its arguments are hoistable (literals, module-level names, values
built from those): nothing stops it being created once.

Not flagged, because they run once per process or are the intended place:
module level and class bodies; `if __name__ == "__main__":`; functions named
`main` (unless another function of the module calls it: a Lambda handler's
`main()` runs on every invocation) and click/typer commands; functions reached
only from those: a function
whose every use in its module is a call from code that runs once (directly or
through other such functions: scenario and demo functions, `usage_demo()`
called from `main()`, `app = create_app()`, a method called on an instance
such code makes: `agent = Agent(); agent.audit()`) runs once too, while one that is
never called in its module, or is passed around as a callback, may be called
on every request by code elsewhere and is still flagged; CloudFormation custom
resource handlers and what they call; functions whose result is cached
(`functools.cache`, `lru_cache`, `cached_property`, cachetools' `cached`);
lazy singletons (assignment to a `global`, or to an attribute or cache entry
guarded by an `is None`/`not in` check; also whatever else the block that sets
the global makes, such as the session it reads the region from); `__init__`, alternate constructors (a `@classmethod` that returns `cls(...)`,
such as `from_env()`), `__post_init__`,
`__enter__`/`__aenter__`, `setUp`/`setup_method`; a factory function that
returns the new client (its call sites are judged instead); a function that
works through a batch it is given (it iterates over one of its parameters:
`process(self, resources)`, `chunks(snapshots, 25)`, `executor.map(f, buckets)`;
not a member of one, `bucket["Rules"]`): it creates one client per batch, and
the items share it; test code (test
functions, pytest fixtures, `test_*.py`, `*_test.py`, `conftest.py`, methods of
`Test*`/`TestCase` classes). Creating a `Session` in a function is never BTO103: boto3
recommends a session per thread.

Off by default: whether a function runs once per process or on every request
depends on callers in other modules that a linter reading one file cannot see,
and on application code most such functions turn out to run once (a CLI
command, a deploy step, a custom resource). Judged finding by finding on the
bench corpus, 1 of 26 was worth changing; following helpers into the loops
that call them was no better (0 of 10: retry loops, a few configuration
entries, interactive menus). Where the repetition is visible in the module, the
default-on rules say so: BTO101 for a function a request handler calls, BTO102
for a loop in the function or in the handler that calls it. Turn BTO103 on
(`extend-select = BTO103`) in code where functions are known to run per request,
such as a service's library of handlers' helpers.

## Why is this bad?
A client is expensive to create (service model, credentials, connection pool)
and is thread-safe once created. Creating one per call throws that work and
the pooled connections away every time.

## Example
```python
import boto3


def upload_report(path):
    s3 = boto3.client("s3")
    s3.upload_file(path, "reports", "latest.csv")
```

## Use instead
```python
import boto3

s3 = boto3.client("s3")


def upload_report(path):
    s3.upload_file(path, "reports", "latest.csv")
```

## Options
Off by default: `extend-select = BTO103`.

## References
- [boto3 guide: clients](https://boto3.amazonaws.com/v1/documentation/api/latest/guide/clients.html)
- [boto3 guide: multithreading](https://boto3.amazonaws.com/v1/documentation/api/latest/guide/clients.html#multithreading-or-multiprocessing-with-clients)
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from flake8_boto3.analysis.lifecycle import Verdict
from flake8_boto3.context import FileContext
from flake8_boto3.rule import CLIENTS_GUIDE, Finding, Rule


def check(context: FileContext) -> Iterator[Finding]:
    for site in context.lifecycle.sites_with(Verdict.IN_FUNCTION):
        yield RULE.finding(
            site.call,
            f"{site.describe()} created on every call of '{site.function.name}';"
            " create it once at module level (or cache it) and reuse it",
        )


RULE = Rule(
    code="BTO103",
    name="client-created-in-function",
    summary="boto3 client or resource created on every call of a function (opt-in)",
    link=CLIENTS_GUIDE,
    check=check,
    module=sys.modules[__name__],
    enabled_by_default=False,
)
