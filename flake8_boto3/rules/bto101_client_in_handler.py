"""# BTO101 client-created-in-handler

Message: `BTO101 boto3 client 's3' created in Lambda handler 'handler' on every invocation; create it once at module level and reuse it`

## What it does
Flags a boto3 client, resource or session created inside a request handler: a
Lambda handler (a function whose first two parameters are `event`/`evt` and
`context`/`ctx`/`ctxt`/`lambda_context`, or whose name is in
`--boto3-handler-names` and that takes an argument: a `def lambda_handler():`
that a script calls is not one), a web route
(a function decorated with `@app.route`, `@app.get`, `@router.post`, ...,
`@app.lambda_function`; see `--boto3-handler-decorators`), or a function of
the same module that a handler calls, also a method of the module's classes
that it runs through an object it makes (`orders = Orders(name)` runs
`Orders.__init__`, and `orders.add(item)` runs `Orders.add`; an object made
once at module level runs its constructor once). Calls of project functions that return a
new client (factories) count as constructions too, and so do those that
return a table, bucket or other sub-resource of what another factory makes
(`resource = get_resource()`, then `return resource.Bucket(name)`), and
objects made of a class imported from another module of the project (also
through a package whose `__init__` re-exports it) whose own `__init__` makes a
client, resource or session on every call (`service = OrderService()`, where
`__init__` runs `self.table = boto3.resource("dynamodb").Table(...)`): not one
it makes only under an `if`, a `try` or a loop, only when the caller gives none
(`client or boto3.client("sqs")`), or caches on the class. Such an object's
client is hoistable when `__init__` builds it from literals and module-level
names only, whatever the handler passes the class (`UserPool(event)`). The message says "on every
invocation" for a Lambda handler and "on every request" for a web route.

Only *hoistable* constructions are flagged: their arguments are literals,
module-level names (`os.environ[...]`, a module-level `Config`) or values built
from those, so the client could have been created once at module load. A
session made only to read a setting (`region = boto3.session.Session().region_name`)
makes no client and is not flagged; the client made with that region is. A
parameter of an `@app.route("/s3/")` view that its URL rule does not name
(`def buckets(region=None)`) is its default on every request: Flask, Quart and
Chalice pass a view only the rule's variables (not with `defaults=` in the
route, and not for FastAPI's `@app.get`, which reads such a parameter from the
query string). Flask's
and Quart's context locals (`current_app`, `g`, `request`, `session`) are
module-level names that work only inside a request: `current_app.config[...]`
is per-call configuration, and so is a factory that builds the client from
them (`user = User.query.get(session["user_id"])`, then the user's own keys),
or from the request's user as Flask-Login and Flask-JWT-Extended give it
(`current_user`, `get_jwt_identity()`). A
construction that depends on the event or on parameters is reported by the
opt-in BTO104 instead, and so is a client built from temporary credentials the
handler fetches itself (`sts.assume_role()`, and every operation botocore's
models show returning credentials), or a call of a factory that fetches them
and returns a client built from them (`get_assumed_role_client(arn)`), or a
client of the session such a factory returns (`session = assumed_session(arn)`,
then `session.client("organizations")`):
hoisting it would reuse the credentials after they expire.

For a resource in a web route the message says to keep one per thread or use
a module-level client instead: web servers answer requests on several threads,
and boto3 documents that resources must not be shared across threads (a Lambda
environment handles one invocation at a time, so a module-level resource is
fine there, in a Chalice app's routes too: Chalice deploys them as Lambda
functions).

Of a conditional expression that creates the client either way
(`boto3.client("ec2", region_name=R) if R else boto3.client("ec2")`), only one
arm runs: one finding reports it (two when the arms differ, one made of the
event's values: that one is BTO104's).

A helper that creates a client and that the handler calls inside a loop is
reported as BTO102 ("on every iteration"), which is the truth of it. A function
that has a handler's `(event, context)` parameters only because the handler
hands them on (`attach_settings(event, context)`, called by `lambda_handler`)
is such a helper: the message names the handler that calls it.

Not request handlers: CloudFormation custom resource handlers (a handler that
dispatches on `event["RequestType"]`, functions registered with crhelper's
`@helper.create`/`update`/`delete`, Lambda handlers of a module that uses
`cfnresponse` or crhelper). They run a few times in a stack's life. Nor are
CodePipeline actions' handlers (the job read from `event["CodePipeline.job"]`):
they run once per execution of their stage, a few times per release. Nor are
jobs: a Lambda handler that reads nothing of its event (its first parameter,
whatever its name, `(context, event)` too; a comprehension's own variable of the same name is not the
event; the context may be `_`) but to log it (`print(event)`,
`logger.info(event)`: the work is the same whatever the event), to attach it
to an exception it raises (`error.args += (event,)`), or for the time
EventBridge stamps on it (`event["time"][:10]`, the day a scheduled rule's
tick stands for: a schedule's event carries nothing else),
undecorated or decorated only by instrumentation that observes the call
(Powertools' `@logger.inject_lambda_context`, also with `log_event=True`,
`@tracer.capture_lambda_handler`, `@metrics.log_metrics`; X-Ray's
`@xray_recorder.capture`; any other decorator may read the event for it), in a
module that builds no HTTP answer: no `"statusCode"` key in a dict it builds or
sets (reading one, `health_event.get("statusCode")`, builds nothing), unless only in
answers that carry nothing but a message and no headers (`{"statusCode": 200,
"body": f"Deleted {n} snapshots"}`, a string or `json.dumps` of one: the habit
of a job, not an answer serving data), or only a status code
(`{"statusCode": 200}`: nothing for a client to read), or whose status is a
sentence where a number goes (`{"statusCode": "done"}`: API Gateway, an ALB
and a function URL take a number; `"202"` is one), or whose data lies outside every member
API Gateway, an ALB or a function URL takes from an answer (`{"statusCode": 200,
"deleted": ids}`, for the state machine that reads it); `"body":
json.dumps(items)` or `"headers"` answer a client.
Such as `def handler(event, context): cleanup_old_snapshots()`. A schedule or a
person starts it (a nightly cleanup, a backup, a compliance scan), most often
cold, so a module-level client saves it next to nothing: the opt-in BTO103
(BTO104 for per-call arguments) reports what it creates, and BTO102 still
reports a helper it calls in a loop. Judged on held-out application code, 6 of
27 such findings were worth changing and 21 debatable; of 19 more in jobs that
answer only a status message or data outside an HTTP answer, none was (18
debatable, 1 false), nor of 7 in jobs that answer only a status code (all
debatable), nor of 14 in jobs that only log their event or attach it
to an exception (10 debatable, 4 false).

Nor are handlers of infrastructure events, judged the same way: a Lambda
handler that reads its event's EventBridge `detail` (`event["detail"]["instance-id"]`,
`event.get("detail")`) or an Auto Scaling lifecycle hook's or a CloudWatch
alarm's keys (`LifecycleHookName`, `LifecycleTransition`, `AlarmName`,
`NewStateValue`; also through a module constant, `LIFECYCLE_KEY =
"LifecycleHookName"`), or a Secrets Manager rotation function (it dispatches on
the rotation's step: `"createSecret"`, `"setSecret"`, `"testSecret"`,
`"finishSecret"`; four calls per rotation, every few days or weeks), or an
AWS Config rule's function (it reads `event["invokingEvent"]` or
`event["resultToken"]`). It runs
when the infrastructure changes (an instance starts or terminates, an alarm
fires, a VPC is created, a secret is rotated, a resource's configuration
changes) or on a periodic evaluation, a few times a day or less, most
often cold. Not S3's events sent through EventBridge (`event["detail"]["object"]["key"]`):
one per upload. Judged on held-out application code, 4 of 29 such findings were worth
changing (three handled an application's own events sent through
EventBridge, which can come often; one a Config rule over often-changing
resources) and 25 debatable. SQS, SNS, S3, Kinesis and
DynamoDB stream handlers stay request handlers: they run as often as messages
and uploads come.

Nor are handlers whose invocation waits on AWS, judged the same way: the
handler, or a function of the module it reaches, waits on a botocore waiter
(`ecs.get_waiter("services_stable").wait(...)`) or polls in a loop that
sleeps at least 5 seconds between its passes (a Textract or Glue job, a
snapshot copy). The invocation lasts as long as the resource takes, and
building a client is a negligible part of it (judged on held-out application
code: 7 such findings, all debatable). A retry's backoff (a sleep in an
`except` clause) and a one-second poll of a query an API answers are no such
waits.

A fallback for a parameter the caller leaves out (`if not table: table =
boto3.resource(...).Table(...)`, or `if table is None:`) runs only for such a
caller: when every call of the function in its module passes the parameter,
nothing here makes it (often a local-test default); a caller that leaves it
out keeps the finding.

Never run, never flagged (BTO101-BTO104): constructions under `if False:`
(Chalice scans the code for the calls it writes IAM policies for, and some
apps spell them out there), `if TYPE_CHECKING:`, or the `else` of `if True:`.

## Why is this bad?
Creating a client loads and parses the service model, resolves credentials and
builds a connection pool: tens to hundreds of milliseconds and several MB on
every request. Lambda keeps the execution environment between invocations, so a
client created at module level is reused by every warm invocation, together
with its open connections.

## Example
```python
import boto3


def lambda_handler(event, context):
    s3 = boto3.client("s3")
    return s3.get_object(Bucket="reports", Key=event["key"])["Body"].read()
```

## Use instead
```python
import boto3

s3 = boto3.client("s3")


def lambda_handler(event, context):
    return s3.get_object(Bucket="reports", Key=event["key"])["Body"].read()
```

## Options
- `--boto3-handler-names` (default `lambda_handler,handler`): function names, fnmatch patterns, that are Lambda handlers.
- `--boto3-handler-decorators` (default `*.route,*.get,*.post,*.put,*.patch,*.delete,*.lambda_function`): decorators, fnmatch patterns on the dotted name, that make a function a request handler.

## References
- [AWS Lambda best practices: initialize SDK clients outside the function handler](https://docs.aws.amazon.com/lambda/latest/dg/best-practices.html)
- [boto3 guide: clients](https://boto3.amazonaws.com/v1/documentation/api/latest/guide/clients.html)
- [boto3 guide: resources, multithreading or multiprocessing](https://boto3.amazonaws.com/v1/documentation/api/latest/guide/resources.html#multithreading-or-multiprocessing-with-resources)
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from flake8_boto3.analysis.functions import is_chalice_route, label
from flake8_boto3.analysis.lifecycle import Verdict
from flake8_boto3.context import FileContext
from flake8_boto3.model import Kind
from flake8_boto3.rule import LAMBDA_BEST_PRACTICES, Finding, Rule


def check(context: FileContext) -> Iterator[Finding]:
    for site in context.lifecycle.sites_with(Verdict.IN_HANDLER):
        handler = f"{site.handler_reason} '{site.handler.name}'"
        if site.function is not site.handler and site.function is not None:
            where = f"in '{label(context.code, site.function)}', which {handler} calls,"
        else:
            where = f"in {handler}"
        lambda_handler = site.handler_reason == "Lambda handler"
        every = "invocation" if lambda_handler else "request"
        advice = "create it once at module level and reuse it"
        if (
            site.construction.kind is Kind.RESOURCE
            and not lambda_handler
            and not is_chalice_route(context.code, site.handler)
        ):
            # A web server answers requests on several threads, and boto3 resources are not thread-safe.
            advice = "boto3 resources are not thread-safe: keep one per thread (threading.local) or use a client created once at module level"
        yield RULE.finding(site.call, f"{site.describe()} created {where} on every {every}; {advice}")


RULE = Rule(
    code="BTO101",
    name="client-created-in-handler",
    summary="boto3 client, resource or session created in a request handler",
    link=LAMBDA_BEST_PRACTICES,
    check=check,
    module=sys.modules[__name__],
)
