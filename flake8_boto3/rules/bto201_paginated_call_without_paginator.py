"""# BTO201 paginated-call-without-paginator

Message: `BTO201 s3.list_objects_v2() returns one page of 'Contents' (up to 1,000 per call); iterate s3.get_paginator("list_objects_v2").paginate(...)`

## What it does
Flags a call of an AWS operation that botocore paginates for that service
(`list_objects_v2`, `describe_vpc_endpoints`, `scan`, `list_users`, ...) when
nothing around it handles the continuation. Which operations paginate comes
from botocore's own models: many `list_*`/`describe_*` operations do not
(`sqs.list_queue_tags`, `ec2.describe_addresses`) and are never flagged, while
`scan`, `query` and many `get_*`/`search_*` operations do.

The receiver must be a boto3 client as inferred by the boto3 model (a
constructor, `self.client` set in `__init__`, a factory's return value, a
`mypy_boto3_*` annotation, an import from a sibling module);
`redis.Redis().scan()`, `re.search()` or your own `repo.list_users()` are
never flagged. With an unknown service (`boto3.client(name)`), the operation
is flagged only when every service that has it paginates it, and judged as the
services whose response members the code reads (`["Reservations"]` makes
`describe_instances` EC2's, which returns every instance without `MaxResults`,
not GameLift's). A client of a service botocore's table does not have (one
newer than the table, or removed, such as OpsWorks) is never flagged: its
`describe_stacks` is not CloudFormation's.

Some services send a continuation token only when the call sets the limit
key: botocore's model says so for SQS `list_queues` and
`list_dead_letter_source_queues` ("You must set MaxResults to receive a value
for NextToken in the response"). There, handling `NextToken` without passing
`MaxResults` continues nothing (the loop ends after the first 1,000 queues),
and neither does a paginator without a page size: boto3's paginator passes the
limit key only from `PaginationConfig={"PageSize": ...}`, so
`get_paginator("list_queues").paginate()` ends after one page too (boto3
issue #3406). Both are flagged; a call with `MaxResults`, `**kwargs`, or a
`PaginationConfig` the syntax cannot read is not. Resource collections
(`sqs.queues.all()`, which needs `.page_size(1000)`) are not followed.

Not flagged when one page is all the code needs:
- it handles the continuation itself: it passes the operation's input token
  (`ContinuationToken`, `ExclusiveStartKey`, `NextToken`, `Marker`, ...),
  also through `**kwargs` built in the same function, or reads the output
  token or more-results key (`NextContinuationToken`, `IsTruncated`,
  `LastEvaluatedKey`, ...), or, in a loop, passes a value the loop takes from
  the last item of the response (S3's `StartAfter=last_key`, then `last_key =
  contents[-1]["Key"]`: resuming after the last item seen; not a value from
  another item, `prefix = folders[0]["Prefix"]`, which goes down a level and
  reads one page of each). A function that loops over one call's pages and
  reads another call's response only for its items (`counted =
  other.scan(); counted["Items"]`, or `list_x()["Items"]` in place, outside a
  loop and without `**kwargs`) handles the first call's continuation, not the
  other's;
- it passes the limit key (`MaxKeys`, `Limit`, `MaxResults`; also in a dict of
  arguments the call unpacks, `**{"Limit": 10, ...}` or a local bound once to
  one, not a key the code sets on it only sometimes, `if limit: kwargs["Limit"]
  = limit`): a deliberately bounded page (not the largest page botocore's model allows, by its maximum
  or in the documentation's words, "up to 1,000" objects, "between 1 and 100":
  `cognito.list_users(UserPoolId=p, Limit=60)` asks for as many users as one
  call returns, and the 61st is silently missing; so does
  `ecs.list_services(maxResults=100)`). Not when a loop then acts on every item of that page as if it
  were all of them (deletes, terminates or updates each: a purge loop over
  `describe_snapshots(MaxResults=20)` purges 20), not in a `while` loop that
  calls it again in a function naming a continuation token (`"NextToken"` for
  RDS's `Marker`: it means to page on, and stops after one page), not `limit=1`
  where a page before the last may be empty (CloudWatch Logs
  `filter_log_events`: it asks whether there is any, which such a page cannot
  say), not when the code searches
  the page for a value it is given (`email in ses.list_identities(MaxItems=10)["Identities"]`,
  a loop that returns as soon as `role["RoleName"] == name`, `any(u["UserName"]
  == name for u in ...)`: "not there" needs every item; picking by a constant,
  `stream["storedBytes"] == 0`, among a deliberate window is no such search), and not for DynamoDB
  `scan`/`query` with a `FilterExpression`, where `Limit` counts the items
  read before the filter (that is BTO206), and not for a limit key botocore's
  model requires (Cognito `list_user_pools(MaxResults=60)`, `cognito-identity`
  `list_identity_pools`): every call passes it, so it is no bound the code
  chose, and a pool past the first 60 reads as "not there";
- it names the exact resources it wants, where one page is complete:
  identifier lists (`InstanceIds=...`, `Names=...`, `...Arns=...`,
  `ResourceARNList=...`, naming what the operation lists, or for an operation
  whose name does not say, what its pages hold: `filter_log_events(logStreamNames=...)`
  names the streams of the `events`, a parent; a literal list under the name of what is listed:
  `describe_launch_template_versions(LaunchTemplateId=..., Versions=["$Default"])`), the one resource the operation describes
  (`describe_stacks(StackName=...)`, `describe_db_instances(DBInstanceIdentifier=...)`,
  `describe_export_tasks(taskId=...)`, `list_x(name=...)`; not a parent:
  `list_users(UserPoolId=...)` names the pool, `describe_db_parameters(
  DBParameterGroupName=...)` the group, and a bare `Id`/`Name` of an
  operation that lists a parent's results, history, runs, versions, revisions,
  updates, events, executions or records names the parent:
  `get_statement_result(Id=...)`, `get_parameter_history(Name=...)`; nor the
  members of the one resource described, which the operation pages when the
  code reads them: Kinesis `describe_stream(StreamName=...)` pages its
  `StreamDescription.Shards`, IAM `get_group(GroupName=...)` its `Users`,
  while the stream's `StreamStatus` or the group's `Arn` needs no more than
  one page), an exact-match filter on an
  identifying attribute (`list_users(UserPoolId=p, Filter=f'email = "{email}"')`;
  `^=` is a prefix), an EC2 filter on
  the listed resources' own ids (`Filters=[{"Name": "volume-id", ...}]` for
  `describe_volumes_modifications`, `resource-id` for `describe_tags`;
  `Filter=[{"Name": "nat-gateway-id", ...}]` where the operation calls the list
  `Filter`, as `describe_nat_gateways` and `describe_flow_logs` do), or the
  tags of one resource (`list_tags_for_resource(ResourceArn=...)`: AWS allows
  at most 50 tags per resource, fewer than any page), or a DynamoDB `query` of
  a table (not an index) whose key condition matches both key attributes with
  "=" (`"pk = :p AND sk = :s"`: one item at most), or its one key attribute
  when the module reads or writes the same `TableName` by that attribute alone
  (`get_item`, `update_item` or `delete_item` with `Key={"pk": ...}`, which
  take the whole primary key: the table has no sort key). `ExpressionAttributeNames`
  is a map of placeholders, not a list of the items wanted;
- it drains: inside a `while` loop, every item of the page goes (through a
  `for` loop or a comprehension, also over a list of their names mapped first:
  `names = [s["logStreamName"] for s in page]`) to an operation of the same client that
  removes it (`s3.delete_objects`, `lam.delete_function`), and the next pass
  lists what remains, until nothing does. Not when the loop removes only the
  items it picked from the page (`if not old: break` stops at the first page
  without old items), and not after a DynamoDB `FilterExpression`;
- it is a relevance-ranked search whose input says how many of the best
  matches to return (`topK`, `numberOfResults`: S3 Vectors `query_vectors`,
  Bedrock `retrieve` and `rerank`, AgentCore `retrieve_memory_records`; read
  from the botocore model): the first page holds them, best first;
- it uses the result only to test for emptiness (`if resp["Users"]:`,
  `len(...) > 0`, also a `len(...)` a private function returns to callers that
  only compare it with 0, `== []`, `any(...)`, the page's count: `resp["KeyCount"] == 0` (also through a name),
  whether the member is there at all: `"Contents" not in resp`, which S3
  leaves out of an empty page; a test of the response itself, `resp is None`,
  reads no item), or to compare how many there are with a
  count below a full page (`len(resp["taskArns"]) >= MAX_RUNNING`, a
  constant 3, where ECS `list_tasks` returns 100 a page: with more tasks than
  that, the first page holds more too; not a count of a page or more, one
  the code computes, nor where botocore's model documents no page size),
  takes its first item (`[0]`,
  `next(iter(...))`, `next((r["RoleName"] for r in roles), None)` with no `if`
  in it, a `for` loop whose first pass always returns or breaks),
  an item at a fixed position among the first ten (`rows[1]`: the row after
  the header of an Athena `SELECT COUNT(*)`; also of a result nested in the
  response, Athena's `ResultSet.Rows`; not `[-1]`, the last of the page)
  or a fixed prefix (`[:10]`: `describe_stack_events` lists
  the newest first), or, where the operation's documentation says the
  results come newest first (botocore's model: CloudFormation
  `describe_stack_events`, Glue `get_job_runs`, Step Functions
  `list_executions`...), the newest by one of the items' timestamps:
  `max(runs, key=lambda r: r["StartedOn"])`, or a prefix of `sorted(runs,
  key=itemgetter("StartedOn"), reverse=True)` (not the oldest, not the largest
  by anything else, and not for operations that document no order), or any
  of them when the call is made again on every pass of a loop that sleeps
  between its passes (a deploy script tailing `describe_stack_events` every 5
  seconds: each pass needs only what happened since the last, at the head of
  the list), also of a comprehension that maps every item
  (`[g["logGroupName"] for g in groups][:10]`; one with an `if` filters, and
  `any(...)` over one searches every item) or of a list that a loop fills with
  one value per item (`for s in page: names.append(s["Name"])`, the loop's
  only statement, or `ids.extend(j["jobId"] for j in page)`, then `names[0]`), also through a `return`, when every caller in the module
  uses what it returns so (for a private function, `_events()`, or one of a
  script with an `if __name__ == "__main__":` block; a public function of a
  library promises its callers elsewhere the whole list), never reads it (`iam.list_users()` as a permission probe,
  a scan timed in a loop, items put in a function's local that nothing reads,
  `existing = resp.get("QueueUrls", [])` left over from code taken out; a script's module-level `response` bound again
  further down before any read: a read after the new binding in the same
  block sees the new value, while a function reading the global may run at
  any time, and a name the module binds once may be imported elsewhere; a
  logging call's arguments, `log.debug("got %s", resp)`, are not a read,
  nor is `print` in the module of a Lambda function, which writes to its log,
  though `print` in a script is), or looks for the exact name it passed as a name prefix
  (`describe_log_groups(logGroupNamePrefix=name)` then `== name`: in name order
  the exact name comes first; `list_queues(QueueNamePrefix=name)` then `name in
  url`: only queues whose names begin with the whole name come back; not a
  test that only skips that name, `if key == prefix: continue`, which leaves out
  the folder marker and uses every other item). Not the emptiness or the first item of a
  DynamoDB `scan`/`query` with a `FilterExpression` (also one passed in a dict
  the call unpacks, `**{"FilterExpression": ...}`): the filter runs on each
  1 MB read, so the first page can hold no match while later pages do. Nor of
  an operation whose documentation says a page before the last may hold fewer
  items than the maximum, or none (botocore's model: CloudWatch Logs
  `filter_log_events`, "A returned page might only be partially full, or even
  empty"; Auto Scaling's `describe_*`, "fewer items than the value specified by
  MaxRecords, even when more items remain"; RAM, Service Quotas, IAM Identity
  Center: "fewer results than the maximum even when there are more");
- AWS bounds the result below one page: a documented quota caps it (an IAM
  user's access keys, 2; a policy's versions, 5; an account's aliases, 1; a
  GuardDuty detector per Region; an account-level IAM Access Analyzer analyzer
  of a type per Region (`list_analyzers(type="ACCOUNT")`); a log group's subscription filters, 2; a KMS
  key's aliases, 50; an IAM user's inline policies, which share 2,048
  characters, so 34 at most; ...: the list, with the quota's documentation, is in
  `flake8_boto3/data/quota_bounded.json`), or, in accounts that kept AWS's
  default quota, the default does: RDS's 40 DB instances and 40 DB clusters
  per Region against a page of 100, 20 Classic Load Balancers per Region
  against 400, EKS's 100 clusters per Region and 30 node groups per cluster
  against 100, IAM's 20 server certificates per account against 100, RDS's
  100 manual DB snapshots and 100 manual DB cluster snapshots per Region
  against 100, when the call asks for `SnapshotType="manual"` (automated
  snapshots are not counted by the quota) (a scanner or an auto-stop job over
  every database of an account, a job that deletes old manual snapshots; see
  Options for accounts whose quotas were raised), or botocore's model documents that a
  call without the limit key returns every item: EC2 `describe_security_groups`
  ("If this parameter is not specified, then all items are returned"), and EC2
  `describe_instances`, `describe_images`, `describe_volumes`,
  `describe_snapshots`, `describe_tags` and `describe_network_interfaces`, whose
  documentation says "Unpaginated requests are susceptible to throttling and
  timeouts": a real cost on large accounts, but not a cut-off page; likewise
  EC2's VPC describe actions, whose documentation says "The default is to
  describe all your VPCs" (`describe_vpcs`, `describe_subnets`,
  `describe_route_tables`, `describe_internet_gateways`,
  `describe_nat_gateways`, `describe_network_acls`, `describe_vpc_endpoints`,
  ...), and whose `MaxResults` is opt-in: EC2 documents calls without it as
  unpaginated ones. With `MaxResults` these operations page like any other.
- the code then deletes the parent, which removes every item with it:
  `list_subscriptions_by_topic(TopicArn=t)` followed by `delete_topic(TopicArn=t)`
  on the same topic, in the same function, a helper of the module it calls, or
  every caller of the listing's function (SNS: "Deletes a topic and all its
  subscriptions"; ECR's `list_images` then `delete_repository(..., force=True)`,
  which deletes every image; the pairs, with their documentation, are in
  `flake8_boto3/data/deleted_with_the_parent.json`), or which AWS refuses
  while any item remains, for items it keeps few: `list_role_policies(RoleName=r)`
  then `delete_role(RoleName=r)` (DeleteConflict while an inline policy is
  left; a role's inline policies share 10,240 characters),
  `list_targets_by_rule(Rule=r)` then `delete_rule(Name=r)` (5 targets per
  rule at most): a second page would make the deletion fail, not vanish
  (`flake8_boto3/data/refused_while_items_remain.json`; not a bucket's
  objects, which commonly pass a page: the deletion would fail on every large
  bucket);
- it is a DynamoDB `query` of one entity's partition, named by a value the
  code computes (`KeyConditionExpression="user_id = :u"` with
  `{":u": {"S": user_id}}`): the opt-in BTO207's (see BTO202).
- it reads the results of an Athena query whose SQL returns fewer rows than a
  page holds (999 after the header row): an aggregate with no `GROUP BY`
  (`SELECT count(*) FROM t WHERE ...`, also after `WITH` clauses) or a query
  ending in `LIMIT 30`, started by `start_query_execution` in the same function
  with a `QueryString` the code gives literally (an f-string or a `.format`
  template filling in values only), or through a parameter of a function only
  its module calls (a private one, or one of a script) for which every call
  passes such a query (`def _athena_rows(sql)` called with `"SELECT count(*)
  ..."`); a `LIMIT` the code fills in, a query id handed in, or a public
  function of a library module, decides nothing;
- it is a thin wrapper of the operation: the call passes on its function's own
  `**kwargs` and the function returns the whole response (`def
  describe_alarms(self, **kwargs): return self.client.describe_alarms(**kwargs)`,
  a retrying wrapper): the caller's arguments may carry the continuation token
  and the response carries the next one, so the continuation is the caller's.

Reading the token is not handling it when nothing passes it back: a call
repeated in a `while` loop whose function reads the token (`marker =
page.get("Marker"); if not marker: break`) but never gives any call the
input token (as a keyword, through `**kwargs`, or as a key of a dict of
arguments) asks for the first page on every pass, an endless loop once there
is a second page. The message says so.

The message states the page size a call returns when botocore's model documents
it, and says nothing about it where the model says nothing. Where the function
names the token in another case than the service's (`NextToken` for ECR's
`nextToken`), the message says so: such a loop reads `None` and stops after the
first page, and passing the wrong name fails validation. Where the model says
a call without the limit key never returns a continuation token (SQS
`list_queues`: "You must set MaxResults to receive a value for NextToken"), a
paginator without a page size would stop after the same first page, so the
message asks for one: `PaginationConfig={"PageSize": ...}`.

## Why is this bad?
A paginated operation returns one page: S3 `list_objects_v2` at most 1,000
keys, DynamoDB `scan`/`query` at most 1 MB, most list and describe calls 50 to
1,000 items. Code that ignores the rest works in development and silently
drops data in production once the account grows.

## Example
```python
import boto3

s3 = boto3.client("s3")


def keys(bucket):
    return [obj["Key"] for obj in s3.list_objects_v2(Bucket=bucket).get("Contents", [])]
```

## Use instead
```python
import boto3

s3 = boto3.client("s3")


def keys(bucket):
    paginator = s3.get_paginator("list_objects_v2")
    return [obj["Key"] for page in paginator.paginate(Bucket=bucket) for obj in page.get("Contents", [])]
```

## Options
`--boto3-raised-quotas` (`boto3-raised-quotas = true` in the flake8
configuration): the accounts the code runs in have raised service quotas, so a
quota's default (RDS's 40 DB instances per Region) no longer keeps a result
within one page, and calls that only such a default bounds are flagged too.
Hard quotas still count.

## References
- [boto3 guide: paginators](https://boto3.amazonaws.com/v1/documentation/api/latest/guide/paginators.html)
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator

from flake8_boto3.analysis import bounded_query, continuation, later_operation, partition_query, polling, result_use
from flake8_boto3.analysis.code import Code
from flake8_boto3.aws import Paginator, deleted_with_the_parent, quota_bounds, refused_while_items_remain, table
from flake8_boto3.context import FileContext
from flake8_boto3.model import Kind
from flake8_boto3.rule import PAGINATORS_GUIDE, Finding, Rule


def paginators_of(code, call) -> list[Paginator]:
    """The paginators that apply: the service's, or (unknown service) every service's, narrowed to the
    services whose input the call fits (``list_queues(QueueNamePrefix=...)`` is SQS's, not Connect's,
    which needs an ``InstanceId``, nor MediaConvert's, which takes no prefix) and to
    those whose result the code reads (``["Reservations"]`` is EC2's ``describe_instances``, not
    GameLift's)."""
    services = call.services()
    paginators = [table().paginator(service, call.operation) for service in sorted(services)]
    if not paginators or any(p is None for p in paginators):
        return []  # not paginated (for at least one candidate service)
    if len(paginators) > 1 and all(keyword.arg is not None for keyword in call.call.keywords):
        # A call without what a service's operation requires is not that service's (list_queues()
        # is SQS's, not Connect's, which needs an InstanceId).
        passed = continuation.keywords_of(call.call)
        paginators = [p for p in paginators if set(p.required) <= passed <= p.accepts] or paginators
    if len(paginators) > 1:
        read = result_use.members_read(code, call.call)
        matching = [p for p in paginators if read & set(p.result_keys)]
        paginators = matching or paginators
    return paginators


def bounded_by_aws(
    code: Code, call, paginators: list[Paginator], keywords: set[str], raised_quotas: bool = False
) -> bool:
    """A documented quota caps the result below one page, or the model says one call returns everything."""
    if not keywords & {p.limit_key for p in paginators if p.limit_key} and all(p.returns_all for p in paginators):
        return True

    def literal_argument(keyword: str) -> str | None:
        return code.literal_string(continuation.keyword_value(call.call, keyword))

    bounds = [quota_bounds().get((service, call.operation)) for service in sorted(call.services())]
    return all(bound is not None and bound.applies_to(keywords, raised_quotas, literal_argument) for bound in bounds)


def parent_deleted_after(context: FileContext, call) -> bool:
    """The code goes on to delete the parent the listing was of, which removes every item with it
    (``data/deleted_with_the_parent.json``: a topic's subscriptions go with the topic), or which fails
    while any item remains, for items AWS keeps few (``data/refused_while_items_remain.json``: a
    rule's five targets)."""
    for facts in (deleted_with_the_parent(), refused_while_items_remain()):
        entries = [facts.get((service, call.operation)) for service in sorted(call.services())]
        if entries and all(
            entry is not None and later_operation.follows(context.code, context.aws_calls, call, entry)
            for entry in entries
        ):
            return True
    return False


def _misspelled_token(code: Code, call, paginator: Paginator) -> str:
    """``; the code uses 'NextToken', but the token is 'nextToken'`` when the function names the token in
    another case (ECR, Lambda and most newer services spell it ``nextToken``): such a loop ends after the
    first page, or fails with ParamValidationError on the second call."""
    tokens = {token for token in (*paginator.input_token, *paginator.output_token) if token.isidentifier()}
    mentioned = continuation.mentioned_keys(code, code.enclosing_scope(call.call))
    for token in sorted(tokens):
        wrong = sorted(key for key in mentioned if key.lower() == token.lower() and key not in tokens)
        if wrong:
            return f"; the code uses '{wrong[0]}', but the token is '{token}'"
    return ""


def _message(code: Code, call, paginators: list[Paginator], keywords: set[str]) -> str:
    receiver = call.receiver_text
    advice = f'iterate {receiver}.get_paginator("{call.operation}").paginate(...)'
    if len({p.result_keys for p in paginators}) > 1:
        # A client of unknown service, which several services' operations fit: say nothing of one of them.
        keys = [f"'{key}'" for key in dict.fromkeys(k for p in paginators for k in p.result_keys)]
        listed = ", ".join(keys[:-1]) + f" or {keys[-1]}"
        return f"{receiver}.{call.operation}() returns one page of its results ({listed}, by service); {advice}"
    paginator = paginators[0]
    results = " and ".join(f"'{key}'" for key in paginator.result_keys) or "results"
    if paginator.limit_required:
        return (
            f"{receiver}.{call.operation}() returns one page of {results} ({paginator.limit_key} sizes the page,"
            f" and every call must pass it); {advice}"
        )
    largest = _largest_page(call, paginator)
    if largest is not None:
        return (
            f"{receiver}.{call.operation}() returns one page of {results} ({paginator.limit_key}={largest} is the"
            f" most one call returns, not every item); {advice}"
        )
    if paginator.limit_key in keywords and continuation.looks_for_a_value(code, call.call, paginator.result_keys):
        return (
            f"{receiver}.{call.operation}() returns one page of {results} ({paginator.limit_key} bounds the page:"
            f" what the code looks for may be on the next); {advice}"
        )
    if paginator.limit_key in keywords:
        return (
            f"{receiver}.{call.operation}() returns one page of {results} ({paginator.limit_key} bounds the page,"
            f" not the items the loop acts on); {advice}"
        )
    if paginator.token_needs_limit:
        # Without the limit key the service never continues: a paginator needs a page size too.
        return (
            f"{receiver}.{call.operation}() returns one page of {results} and no {paginator.output_token[0]}"
            f" unless {paginator.limit_key} is set; iterate {receiver}.get_paginator(\"{call.operation}\")"
            f'.paginate(..., PaginationConfig={{"PageSize": ...}})'
        )
    misspelled = _misspelled_token(code, call, paginator)
    size = f" (up to {paginator.page_default:,} per call)" if paginator.page_default else ""
    return f"{receiver}.{call.operation}() returns one page of {results}{size}{misspelled}; {advice}"


def _token_handled_without_limit(call, paginators: list[Paginator]) -> str:
    """The message for a call that passes or reads the continuation token of an operation whose
    service sends one only when the limit key is set (SQS ``list_queues``, ``NextToken`` only with
    ``MaxResults``), without the limit key: the loop around it stops after the first page."""
    paginator = paginators[0]
    token, limit = paginator.output_token[0], paginator.limit_key
    return (
        f"{call.receiver_text}.{call.operation}() returns {token} only when {limit} is set, and this call"
        f" passes none: the loop over {token} ends after the first page; pass {limit}, or iterate"
        f' {call.receiver_text}.get_paginator("{call.operation}").paginate(..., PaginationConfig={{"PageSize": ...}})'
    )


def _token_never_passed(call, paginators: list[Paginator]) -> str:
    paginator = paginators[0]
    out_token, in_token = paginator.output_token[0], paginator.input_token[0]
    return (
        f"{call.receiver_text}.{call.operation}() is called again in a loop that reads {out_token} but never"
        f" passes it back as {in_token}: every pass gets the first page again, an endless loop once there is a"
        f' second page; pass {in_token}=..., or iterate {call.receiver_text}.get_paginator("{call.operation}").paginate(...)'
    )


def _page(call, paginators: list[Paginator]) -> result_use.Page:
    """What every candidate service's model says of a page: the timestamps it returns its items newest
    first by (CloudFormation's events), and the fewest items a page that is not the last holds (the
    documented default, or the smaller limit the call passes)."""
    newest = frozenset.intersection(*(p.newest_first for p in paginators))
    if any(p.short_pages for p in paginators):
        return result_use.Page(newest, short=True)
    sizes = []
    for paginator in paginators:
        limit = continuation.keyword_value(call.call, paginator.limit_key) if paginator.limit_key else None
        if isinstance(limit, ast.Constant) and type(limit.value) is int and limit.value > 0:
            sizes.append(limit.value if paginator.page_default is None else min(limit.value, paginator.page_default))
        elif paginator.page_default is not None and not paginator.returns_all:
            sizes.append(paginator.page_default)
        else:
            return result_use.Page(newest)
    return result_use.Page(newest, min(sizes))


def _largest_page(call, paginator: Paginator) -> int | None:
    """The limit the call passes, when it is the largest page botocore's model allows for it."""
    if paginator.limit_key is None or paginator.limit_max is None:
        return None
    value = continuation.keyword_value(call.call, paginator.limit_key)
    if isinstance(value, ast.Constant) and value.value == paginator.limit_max:
        return paginator.limit_max
    return None


def _needs_the_limit_for_a_token(call, paginators: list[Paginator], keywords: set[str]) -> bool:
    """Without the limit key, the service sends no continuation token at all (botocore's model: "You
    must set MaxResults to receive a value for NextToken"), so handling one continues nothing."""
    limits = {p.limit_key for p in paginators}
    unpacks = any(keyword.arg is None for keyword in call.call.keywords)
    return all(p.token_needs_limit for p in paginators) and not keywords & limits and not unpacks


def paginators_without_page_size(context: FileContext) -> Iterator[Finding]:
    """``get_paginator("list_queues").paginate()`` without a page size: the paginator makes one call
    without the limit key, the service sends no token, and the iteration ends after the first page."""
    code = context.code
    named = {node.value for node in code.nodes(ast.Constant) if isinstance(node.value, str)}
    if not named & table().operations_whose_token_needs_limit:
        return  # no get_paginator("list_queues") here: no receiver worth inferring
    for call in code.nodes(ast.Call):
        if not (isinstance(call.func, ast.Attribute) and call.func.attr == "paginate"):
            continue
        receiver = context.aws_calls.infer_receiver(call.func.value)
        if receiver is None or receiver.kind is not Kind.PAGINATOR:
            continue
        service, operation = receiver.service, receiver.type_name
        if service is None or operation is None:
            continue
        paginator = table().paginator(service, operation)
        if paginator is None or not paginator.token_needs_limit or _sets_the_page_size(call, paginator):
            continue
        yield RULE.finding(
            call,
            f"the {operation} paginator ends after the first page: {service} returns"
            f" {paginator.output_token[0]} only when {paginator.limit_key} is set, which a paginator sends"
            f' only with a page size; pass PaginationConfig={{"PageSize": ...}}',
        )


def _sets_the_page_size(call, paginator: Paginator) -> bool:
    """``paginate(PaginationConfig={"PageSize": 1000})``, ``paginate(MaxResults=1000)``, or arguments
    the syntax cannot read (``**kwargs``, a configuration built elsewhere)."""
    for keyword in call.keywords:
        if keyword.arg is None or keyword.arg == paginator.limit_key:
            return True
        if keyword.arg == "PaginationConfig":
            config = keyword.value
            if not isinstance(config, ast.Dict):
                return True
            if any(key is None or (isinstance(key, ast.Constant) and key.value == "PageSize") for key in config.keys):
                return True
            return any(not isinstance(key, ast.Constant) for key in config.keys)
    return False


def check(context: FileContext) -> Iterator[Finding]:
    yield from paginators_without_page_size(context)
    for call in context.aws_calls.on(Kind.CLIENT):
        paginators = paginators_of(context.code, call)
        if not paginators:
            continue
        keywords = continuation.keywords_of(call.call)
        tokens = {key for p in paginators for key in (*p.input_token, *p.output_token, p.more_results) if key}
        # A limit key the model requires (Cognito's list_user_pools) is passed by every call, and the largest
        # page the model allows (list_users(Limit=60)) asks for as much as one call gives: no bound chosen.
        limits = {
            p.limit_key for p in paginators if p.limit_key and not p.limit_required and not _largest_page(call, p)
        }
        results = tuple(key for p in paginators for key in p.result_keys)
        if all(p.ranked for p in paginators):
            continue  # a ranked search: its first page holds the best matches, as many as it asks for
        raised_quotas = context.settings.raised_quotas
        if bounded_by_aws(context.code, call, paginators, keywords, raised_quotas) or continuation.limit_with_filter_expression(call.call, limits):
            continue  # the second is BTO206's
        if _needs_the_limit_for_a_token(call, paginators, keywords):
            if continuation.handles_tokens(context.code, call.call, tokens):
                yield RULE.finding(call.call, _token_handled_without_limit(call, paginators))
                continue
            tokens = set()  # no token comes back: nothing else here continues the listing either
        input_tokens = {key for p in paginators for key in p.input_token if key.isidentifier()}
        if tokens and continuation.handles_tokens(context.code, call.call, tokens):
            if continuation.loops_without_passing_the_token(context.code, call.call, input_tokens):
                yield RULE.finding(call.call, _token_never_passed(call, paginators))
                continue
        page = _page(call, paginators)
        if continuation.one_page_is_enough(context.code, call.call, call.operation, tokens, limits, results, page):
            continue
        if page.newest and polling.polled(context.code, call.call):
            continue  # a newest-first listing read again on every pass of a poll: each needs only what is new
        if partition_query.reads_one_partition(call):
            continue  # a DynamoDB query of one entity's partition: BTO207 (opt-in)
        if call.operation == "get_query_results" and call.services() == {"athena"}:
            if bounded_query.rows_fit_one_page(context.code, call.call):
                continue  # the query's SQL returns fewer rows than a page holds
        if parent_deleted_after(context, call):
            continue  # the topic's deletion removes the subscriptions the page missed
        if continuation.passes_the_callers_arguments_through(context.code, call.call):
            continue  # a thin wrapper: the token comes in with **kwargs and goes out in the response
        yield RULE.finding(call.call, _message(context.code, call, paginators, keywords))


RULE = Rule(
    code="BTO201",
    name="paginated-call-without-paginator",
    summary="paginated AWS operation called once, its continuation never handled",
    link=PAGINATORS_GUIDE,
    check=check,
    module=sys.modules[__name__],
)
