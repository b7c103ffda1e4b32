"""# BTO401 client-error-code-ignored

Message: `BTO401 'except ClientError' loses the failure: every error code (AccessDenied, throttling, NoSuchKey...) ends the same way, with nothing kept for the caller; branch on e.response["Error"]["Code"] and re-raise the codes you don't handle`

## What it does
Flags an `except ClientError` handler that never branches on the error code and,
on some path through it, *loses the failure*:

- it says nothing and goes on: `pass`, `continue`, falling through;
- it gives the caller a "not there" value: `return None`, `False`, `[]`, `{}`,
  a literal or a default, falls off a function that returns values, or falls
  straight into the `return` of what the `try` was filling (`subs = {}`; `try:`
  ... `subs[user] = ...`; `except ClientError: log.error(...)`; `return subs`). Noting
  the error first at a level that says "expected" (`debug`/`info`/`warning`,
  `print` in a service) does not change that: AccessDenied still reads as "not
  there" to the caller, which is the very bug;
- it sets a "not found" stand-in (`found = False`, `policy = None`) and goes on
  (not when the `try` only reads and neither what it read nor the stand-in is
  read anywhere else in the function: a leftover that goes to no one);
- it only notes the error at a level that says "expected, carry on"
  (`debug`/`info`/`warning`, `print` in a service) and carries on without the
  data the `try` was fetching, or, in a function that answers HTTP requests (a
  web route, an API's Lambda handler), after a failed change, on to the answer
  that says it worked (a sign-up route that prints the error and redirects to
  "welcome");
- it goes on, whatever it logged, to delete the queue message it was handling
  (`sqs.delete_message(..., ReceiptHandle=record["receiptHandle"])` after the
  `try`): the queue takes the work for done and never delivers it again. Not
  when the handler sends the message on (`send_message` to a dead-letter
  queue) or `continue`s past the delete.

`with contextlib.suppress(ClientError):` says nothing and is judged the same
way. ClientError is recognised however it is reached:
`botocore.exceptions.ClientError`, an alias, `client.exceptions.ClientError`,
`resource.meta.client.exceptions.ClientError` (also of a client passed in as a
parameter, `def find(ec2, name)`: a client's exceptions' `ClientError` is
botocore's, whatever the service), or inside a tuple.

Looking at the code means branching on `e.response["Error"]["Code"]` (or its
`.get` chain, the HTTP status, the message, `str(e)`), directly, through a
local, a lookup table indexed by it, or a project function that reads it; such
handlers are BTO402's.

Not flagged, because the failure is passed on or handled:

- every path raises (`raise`, `raise X from e`, `sys.exit()`, `abort()`, a
  helper that always raises), or the handler sits in a retry loop that raises
  once the attempts run out (also a `for _ in range(n):` whose `else` raises
  or exits: no attempt succeeded), or returns a non-zero exit status (`return 1`)
  from a function whose every call the module hands to `sys.exit(...)`;
- it passes the failure on in another form: an error message shown to the
  app's user in the page they see (Streamlit's `st.error(...)`, or its
  `st.write(...)` saying it failed or carrying the error, Django's
  `messages.error(request, ...)`, Flask's `flash(...)` saying it failed or
  carrying the error), an explicit error response
  (`{"statusCode": 500}`, `jsonify(...), 500`, `Response(status=503)`, also
  with a named status: `status.HTTP_502_BAD_GATEWAY`, `HTTPStatus.NOT_FOUND`,
  `json_response(500, {"error": ...})`, a helper of the project given the error
  status it returns as `statusCode`: `cors(500, body)`, a result whose status says it failed:
  `{"status": "err", "msg": "could not lock the order"}`, `{"message": "there
  was a client error"}`, `return Level.error,
  [bucket, "ERR"]` (a member of a set of outcomes named for a failure), a result built from a
  sentence saying it failed (`return [build_issue("S3 enumeration failed",
  ...)]`), or one word that says so returned to a caller in place of the
  result (`return "ERROR"`, `"FAILED"`, `"NoPermission"`, `"AccessDenied"`,
  `return "Error", "Error"`): not from a Lambda handler, whose answer the
  runtime takes for success whatever it says, unless the handler answers its
  invoker a status word on every other path (`"OK"`, `"NOT_FOUND"`: a state
  machine's task, whose Choice state tells them apart) and takes no event
  source's batch (`Records`)), a sentence saying it failed in an AWS Config
  evaluation's annotation (`{"compliance_type": "NON_COMPLIANT", "annotation":
  "describe failed on group " + group_id}`), a value
  or `yield` built from the error, its details stored in a field, a result dict
  or a failures list (errors collected and raised after a loop; so is any list
  the failed item goes into, `missing.append(key)`, when the code right after
  the loop raises if it holds any), a sentence
  saying it failed put in a report (`report.append(f"{id} - ERROR - could not
  check")`, `details.append("Versioning: Unable to fetch")`) or a result that says so (`results.append({"key": k, "status":
  "error"})`, a sentence in any field: `{"Encryption": "Unexpected error"}`), a field that
  records the outcome (`user["PermissionsConfirmed"] = False`), a local that
  carries the details past the handler, or a local named for the outcome
  that is read after the `try` (`sync_success = False`, `failed = True`;
  `found = False` is a "not there" stand-in, not an outcome);
- it tries again, answering a call of its own function (`return
  analyze(image, preprocess=False)` in `analyze`): that attempt's failure is
  its handler's to decide;
- it falls back to a real alternative (`manager = Manager(assume=False)`), or
  goes on to the next place to look: the `try` only reads, and the
  statements after it in its block make the same operation again elsewhere
  (`get_object` from the private bucket, then from the public one), or test
  the name the `try` sets for having no value and read AWS again (`if not
  alias:` then `iam.list_account_aliases()`: another source of the same value),
  which fails on its own (a read after the loop the `try` sits in is no fallback);
- it checks before a removal: the `try` only reads a resource
  (`iam.get_role(RoleName=name)`) and the statements after it remove that same
  resource (`iam.delete_role(RoleName=name)`): on another failure than
  absence, the removal goes ahead or fails on its own (not a write:
  `put_bucket_policy` after a failed `get_bucket_policy` overwrites what the
  read missed);
- it fails closed: the `try` only reads to decide whether a change may go
  ahead (`describe_db_instances` before `delete_db_instance` in the same
  function), and the handler prints or logs the error and ends the function
  before the change;
- it returns `False` from a status function around a change: the `try` only
  writes, without a condition (`put_item` with no `ConditionExpression`; a
  method the class defines itself, `with self.get_table() as table:`, is its
  own code, not the Glue read of that name), and every other `return` of the function answers `True` or another non-empty
  value (the response, the key written; a guard ahead of the `try`, or inside
  it ahead of its first operation, giving the failure's answer, `if client is
  None: return False`, says "not done" too):
  `False` says the write did not go through, not that something is absent. So does `None` (or `""`,
  where the write answers the key it wrote, or `[]`, where it answers the
  items it was given and acted on: `return instance_ids` after
  `stop_instances`) from such a
  function, when the handler also prints or logs the error and the function
  cannot fall off its end (a silent `None`, which callers filter out as
  "nothing to report", stays flagged). A conditional write's `False` also
  means "already there", and stays flagged, unless the condition's failure
  never reaches that `False`: the handler tells it apart (`if code ==
  "ConditionalCheckFailedException":` creates the item, or `except
  ConditionalCheckFailedException:`) and answers it otherwise, or the write
  sits in an inner `try` whose handler does; so does a silent `False` that a
  caller in the module throws away (after printing or logging the error, a
  caller going on without the answer is a write's handler that logs and goes
  on: a best-effort notification). Likewise a dict whose flag the success
  answers `True`: `{"deleted": False}` against `{"deleted": True}` (not from a
  Lambda handler: the runtime takes any answer for success); and the
  object a Step Functions task hands back, logged and unmarked, where every
  other `return` gives it right after setting one status field
  (`event["TagStatus"] = "complete"; return event`): the state machine tells
  the failure by the missing mark, and tries again;
- it answers a status flag: a list or tuple equal to every other `return` of
  the function but for a `False` where they say `True` (`["create", False]`
  against `["create", True]`);
- it answers Go-style `return None, False`, and every call in the module
  unpacks that `False` into a success flag (`text, is_success = translate(...)`,
  `ok`): the caller reads "it did not succeed" (a flag named `found` still
  reads as "not there");
- it sends a failure status to whoever waits for the outcome
  (`cfnresponse.send(event, context, cfnresponse.FAILED, {})`, a custom
  resource's `respond(Status.FAILED, reason=...)`: the stack operation fails
  and shows the reason);
- it returns `None` where no other path of its function does (the function
  never falls off its end), and every caller in the module tests the result
  with `is None`, on its own (`if config is None or not config.get(...)`
  sends the `None` where "not enabled" goes: not told apart) (after
  `except s3.exceptions.NoSuchKey: return {}`, `None` says "could not tell",
  not "not there"), unless the caller's branch for `None` answers "not found"
  after all (`abort(404, "Bucket or path not found")`) or is missing (`if
  secret is not None: shown = secret["user"]` without `else`: the `None`
  keeps the caller's default, "not set"); or, whoever the
  callers are, another path answers "not there" in a way of its own (`False`,
  `[]`, `{"id_not_found": player_id}`), so the function keeps absence apart
  from the failure's `None`;
- it answers an empty value (`None`, `False`, `[]`, `""`) and every caller in
  the module tests the answer (also awaited: `user = await self._user_info(token)`)
  and reports an empty one as a failure: the
  branch reports an error (`st.error("Could not load the certificate")`,
  `log.error(...)`) or raises, exits or answers saying something failed
  (`raise LoadError("Failed to read ...")`, `abort(500)`), and says nothing of
  "not found". A branch that blames the input (`raise InvalidUsage("Invalid
  course id")`, a 400) takes the empty answer for absence, and an answer
  handed on untested may be taken so by anyone;
- it hands the exception to a project function (`print_exception(e)`,
  `handle_error(e)`: it decides, and records or reports it), whatever it then
  answers; or it logs the failure as an error (`log.error`, `log.exception`,
  `critical`) and then goes on with the next step or item: the debatable
  middle of "log and go on" is decided this way, by level. An error-level
  report says the step failed, and someone watching the errors sees it; a
  warning says it was expected. Logging does not make a stand-in answer any
  less of one when the handler itself returns it (`log.error(e); return
  None`, `return []`): the log tells an operator, while the caller still
  reads AccessDenied as "nothing there", and so does falling off the end of a
  function that returns values (Python's `return None`; a generator's
  iteration just ends). A handler that logs and falls through to the code
  after the `try` is judged as going on. (Held-out application code, 12 handlers that log an error and
  return a stand-in, judged when this was decided: 10 true, among them an
  inventory answering "0 instances" in a Region it could not read, a storage
  backend's listing answering `[]`, a security scan reporting "no risks"; on
  the corpus, 3 judged 1 false and 2 debatable: an Airflow sensor's `poke`
  answering "not yet", a deploy hook's `None` meaning "hook failed");
- a dry run (`start_instances(..., DryRun=True)`: EC2 checks the permission
  and changes nothing) followed by the same operation for real, which fails on
  its own with the same error;
- best-effort cleanup: a `finally:` block, a `cleanup`/`teardown`/`close`/
  `__exit__` function, a lock's release (`unlock`, `release_lock`: a lock
  left behind is taken over once it is stale), or a `try` that only deletes
  (`admin_delete_user` too), removes, detaches,
  deregisters, terminates or cancels (deleting a message that will be
  redelivered, removing targets before deleting a rule), besides reading what
  it deletes (`describe_model` then `delete_model`: delete it if it exists);
- a health probe (`is_healthy`, `check_health`, `ping`) whose every failure
  means "unhealthy", or a check of the credentials or the connection
  (`check_aws_credentials`, `test_connection`, `connect`, or a `try` whose only call is
  STS `get_caller_identity`, which needs no permission: only missing, invalid
  or expired credentials fail it) whose every failure means "AWS is not
  usable", or a function named for the permission it asks about
  (`check_describe_instances_permission`, `can_read_secret_permission`), whose
  answer is "not permitted" or, for the codes it does not name, "go on": the
  real call that follows fails on its own;
- a permission probe: the `try`, or its `else:`, records the response under
  the name of the operation that made it (`output["iam.list_user_policies"] =
  response`), building the list of calls that worked: the call that failed is
  the one missing from it (setting a "not there" flag as well stays flagged);
- a cache read (`get_cached_accounts`, `cache_table.get_item`) that answers
  "not cached" (`None`, `[]`, `None, False`), or falls through to the code after it that goes
  to the source: a miss;
- a cache write of the answer: the `try` writes to a cache (the function or
  the object is named for one) and the handler falls into `return result`, a
  local of the function that neither the `try` nor the handler sets: the
  caller gets the real answer, only not cached (a name the `try` was to set
  or fill, a module's `DEFAULT_PIN`, or a resource returned as "done" after
  any other write stays flagged);
- an advisory check: the `try` only reads, throws the responses away and ends
  a function that gives its callers nothing (`s3.get_object_tagging(...)`
  then `log.warning("cannot read the tags")`): nothing was fetched for anyone,
  the handler only decides what to say, and the work that needs the resource
  fails on its own;
- an existence check by HEAD request (`head_object`, `head_bucket`) that reads
  any failure as "absent" (answers so, or makes the call that creates what it
  did not find: `upload_file`, in the handler or on a flag it sets, `if not
  exists:`, or goes on to the next candidate key with `continue`): a HEAD error carries only the HTTP status, and S3
  answers 403 for a missing object when the caller lacks `s3:ListBucket`, so
  branching on the code could not tell "absent" from "denied" either;
- a fallback the handler makes itself: every path through it makes another
  AWS call (a statement of its own block, directly or through a function of
  the module: the plain alarm after the one with the recover action was
  refused), which fails on its own where the failure was AccessDenied; not a
  removal, which on any failure (a websocket connection's record deleted after
  a post that was only throttled) is the conflation itself;
- a get-or-create: the `try` only reads one thing (its helpers too), and
  every failure leads to creating it: the handler creates (`upload_*`,
  `create_*`, `register_*`), the failure falls into a statement that does
  (`_create_stack(...)` after a failed `describe_stacks`) or sets a flag that
  a later `if create:` creates on, or it answers
  "not there" to callers, all in sight, that each create on that answer (`if
  not self._registered(family): ecs.register_task_definition(...)`). When the
  read failed for another reason, the create fails on its own (the resource
  exists, or the permission is missing) or, for a registration, adds a
  revision. A failure that leads to overwriting (`put_bucket_policy` after a
  failed `get_bucket_policy`) stays flagged: a `put` succeeds and replaces
  what the read could not see;
- a create-or-reuse: the `try` only creates or imports (`create_bucket`,
  `import_key_pair`), the handler goes on without a word or with a note, and
  a later call of the function is given what named the resource
  (`import_key_pair(KeyName=user["login"])`, then `run_instances(...,
  KeyName=user["login"])`), or the `try` ends a function that makes sure the
  resource exists for its callers and returns nothing (`ensure_bucket()`,
  `create_table_if_missing()`): a failed create is taken for "it is there
  already", and when it is not, that use fails on its own. Not when the first
  use is a waiter (`bucket_exists`), which polls for minutes and then fails
  without the create's error, and not on the other codes of a handler that
  tests some;
- code that runs once per process (module level, `if __name__ == "__main__":`,
  `main()`, click/typer commands, and functions only they call, methods too
  through an instance they make, `agent = Agent(); agent.audit()`; not a Lambda
  handler that a `main()` calls to replay a saved event, nor one named `main`:
  the Lambda runtime calls it on every invocation) that tells the
  person running it (prints or logs the error; `click.echo` and
  `sys.stderr.write` print too) and ends the step. A `print`
  tells only when it carries the error or says that something failed ("could
  not copy", "Error", "Access denied"): `print("Trying another region")`
  after every failure of a loop over regions reads AccessDenied in the right
  region as "not here";
- a display step: the `try` only reads and prints what it read, keeping
  nothing (`for obj in resp["Contents"]: print(obj["Key"])`; no name it
  assigns is read outside it), in a function that gives its callers nothing,
  and the handler prints or logs the error, then ends or goes on with the
  next item (an audit printing each bucket's encryption or why it could not
  tell): what the step produces is its printed output, and the error stands
  there in place of the data (a handler that says nothing, or a step that
  also keeps, returns or later counts what it read, stays flagged). A display
  step may answer `True` for "it printed", whatever it read: the handler's
  `False` after printing the error is then the step's status ("listing
  failed"), not "nothing there";
- the same display step one call away: a function whose every caller only
  prints or logs each item it returns (`for event in _log_events(g, s):
  log.info(event["message"])`, keeping nothing, calling nothing else for its
  effect), when the handler prints or logs the error and returns nothing or
  an empty value; only for a function whose callers are all in sight (a
  private one, or one of a script), since a public function's callers
  elsewhere may take the empty answer for "nothing there".

What a `try` does is read from the operations it makes, a boto3 resource's
actions included: `s3.Object(b, k).load()` is `head_object`,
`queue.delete_messages(...)` is `delete_message_batch` (from boto3's resource
models).

Not a ClientError handler at all, never flagged: `except (ClientError,
Exception)`; a `try` that only waits on a waiter (`waiter.wait()` raises
`WaiterError`), only presigns (`generate_presigned_url` sends no request) or
only uploads a file (`upload_file` raises `S3UploadFailedError`), besides
calls that cannot raise ClientError either: printing, logging, string
methods, the standard library, a web framework's response helpers
(`render_template`, `jsonify`), building the client, and project functions
that make only such calls (`get_s3_client()`); a ClientError clause with the same body as the `except
Exception` right after it. Also never flagged: modelled exceptions (`except
s3.exceptions.NoSuchKey`), aws-error-utils' classes, `except Exception`, test
code, files of a vendored SDK.

The literal check of the design card, "every `except ClientError` that never
branches on the code", is available as the opt-in BTO406, which reports the
handlers this rule leaves alone because they pass the failure on.

## Why is this bad?
boto3 raises `ClientError` for nearly every AWS failure. A handler that never
looks at the code treats `AccessDenied` like `NoSuchKey` and throttling like a
missing table: permission bugs turn into "not found", outages turn into silent
data loss, and nobody sees it in the logs as anything but a generic warning.

## Example
```python
import boto3
from botocore.exceptions import ClientError

s3 = boto3.client("s3")


def read_config(bucket, key):
    try:
        return s3.get_object(Bucket=bucket, Key=key)["Body"].read()
    except ClientError:
        return None
```

## Use instead
```python
import boto3
from botocore.exceptions import ClientError

s3 = boto3.client("s3")


def read_config(bucket, key):
    try:
        return s3.get_object(Bucket=bucket, Key=key)["Body"].read()
    except ClientError as error:
        if error.response["Error"]["Code"] == "NoSuchKey":
            return None
        raise
```

## Options
None.

## References
- [boto3 guide: error handling](https://boto3.amazonaws.com/v1/documentation/api/latest/guide/error-handling.html)
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from flake8_boto3.context import FileContext
from flake8_boto3.rule import ERROR_HANDLING_GUIDE, Finding, Rule

MESSAGE = (
    "'{what}' loses the failure: every error code (AccessDenied, throttling, NoSuchKey...) ends the same"
    ' way, with nothing kept for the caller; branch on e.response["Error"]["Code"] and re-raise the codes you'
    " don't handle"
)


def check(context: FileContext) -> Iterator[Finding]:
    analysis = context.client_error_handlers
    for handler in analysis.handlers:
        if handler.branches_on_error or not handler.losing_paths:
            continue
        yield RULE.finding(handler.node, MESSAGE.format(what="except " + context.code.as_string(handler.node.type)))
    for call in analysis.losing_suppressions:
        yield RULE.finding(call, MESSAGE.format(what=context.code.as_string(call)))


RULE = Rule(
    code="BTO401",
    name="client-error-code-ignored",
    summary="except ClientError that never branches on the error code and loses the failure",
    link=ERROR_HANDLING_GUIDE,
    check=check,
    module=sys.modules[__name__],
)
