"""Is one page of a paginated call all the code needs?

A call of a paginated operation that reads one page is fine when:

- the code handles the continuation itself: it passes the input token
  (``ContinuationToken``, ``ExclusiveStartKey``, ``NextToken``...) or reads the
  output token or more-results flag (``NextContinuationToken``, ``IsTruncated``,
  ``LastEvaluatedKey``), or, in a loop, passes a value the loop takes from the
  last item of the response (``StartAfter=last_key``, ``last_key = page["Contents"][-1]["Key"]``);
- it asks for a bounded page with the limit key (``MaxKeys=1``, ``Limit=10``),
  unless the code then acts on every item of that page as if it were all of
  them (a purge loop over ``describe_snapshots(MaxResults=20)``), or unless a
  DynamoDB ``FilterExpression`` makes ``Limit`` count items read before the
  filter (then the page may hold fewer matches than asked for, or none: BTO206);
- it names the exact resources it wants: identifier lists (``InstanceIds=[...]``,
  ``...Arns=``), the one resource the operation describes
  (``describe_stacks(StackName=...)``, ``describe_export_tasks(taskId=...)``),
  an EC2 filter on the listed resources' own ids (``Filters=[{"Name":
  "volume-id", ...}]``, ``resource-id`` for ``describe_tags``), or one
  resource's tags (AWS allows 50 per resource, fewer than any page), a DynamoDB
  ``query`` of a table with both key attributes matched with "=" (one item);
- it uses the result only for emptiness, its first item or a fixed prefix, also
  through a private or a script's function that returns it to callers that do (not
  after a DynamoDB ``FilterExpression``: the filter runs on the 1 MB read, so a
  first page can hold no match while later ones do), or
  not at all (:mod:`.result_use`), or looks for the exact name it passed as a name prefix
  (``describe_log_groups(logGroupNamePrefix=x)`` then ``== x``: in name order
  the exact name comes first);
- it drains: in a ``while`` loop, every item of the page goes to an operation of
  the same client that removes it, and the next pass lists what remains.

What AWS itself bounds (documented quotas, operations whose call without a
limit returns everything) comes from the boto3 model and is decided by the
rules with :mod:`flake8_boto3.aws`.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable
from functools import cache

from flake8_boto3.analysis import result_use
from flake8_boto3.analysis.code import Code
from flake8_boto3.analysis.names import call_name
from flake8_boto3.analysis.syntax_helpers import compare_pairs
from flake8_boto3.aws import read_verb_pattern, table

# Keyword arguments listing the exact resources wanted (`InstanceIds`, `ResourceARNList`): one
# page holds them all when they name what the operation lists, not a parent (`OwnerIds`).
IDENTIFIER_LIST = re.compile(
    r"^(?P<stem>\w*?)(?:Ids|IDs|Names|Arns|ARNs|Identifiers|(?:Id|ID|Arn|ARN|Name)List)(?:List)?$"
)
# DynamoDB's placeholders for attribute names (``{"#o": "order"}``) in a scan or query: a map of names
# used by the expressions, not a list of the items wanted.
PLACEHOLDER_MAPS = frozenset({"ExpressionAttributeNames"})
# Listing one resource's tags: AWS caps tags at 50 per resource, below every page size.
TAG_LISTING = re.compile(r"^list_(\w+_)?tags(_for_resource|_of_resource|_for_stream|_for_domain)?$")
SINGLE_IDENTIFIER = re.compile(r"(Name|Id|ID|Identifier|Arn|ARN)$")
# A bare identifier keyword (`name=`, `Id=`) names the listed resource itself.
BARE_IDENTIFIERS = frozenset({"name", "Name", "id", "Id", "ID", "identifier", "Identifier", "arn", "Arn", "ARN"})
VERBS = ("describe_", "list_", "get_", "search_")
# Records kept many to a parent, which a bare `Id`/`Name` of the operation names: a statement's results
# (redshift-data get_statement_result(Id=...)), a parameter's history, a workflow's runs, a document's versions.
CHILD_RECORDS = frozenset({"result", "history", "run", "version", "revision", "update", "event", "execution", "record"})
# Records AWS keeps one of per resource: describe_instance_status, describe_volumes_modifications.
PER_RESOURCE_RECORDS = ("status", "modification", "attribute")
# Operations that change what they are given: reading one page and acting on every item of it
# means the limit was not meant as the whole answer.
READ_ONLY_VERB = read_verb_pattern("validate")
PREFIX_KEYWORD = re.compile(r"Prefix$", re.I)
# DynamoDB scan/query: continuation, limit and result members.
DYNAMODB_TOKENS = ("ExclusiveStartKey", "LastEvaluatedKey")
DYNAMODB_LIMIT = ("Limit",)
DYNAMODB_RESULTS = ("Items",)
DYNAMODB_READS = frozenset({"scan", "query"})


def mentioned_keys(code: Code, scope: ast.AST) -> set[str]:
    """String constants and keyword-argument names used in a function (or module)."""
    found: set[str] = set()
    for node in code.nodes((ast.Constant, ast.keyword), within=scope):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and len(node.value) < 64:
            found.add(node.value)
        elif isinstance(node, ast.keyword) and node.arg:
            found.add(node.arg)
    return found


def keywords_of(call: ast.Call) -> set[str]:
    return {kw.arg for kw in call.keywords or () if kw.arg}


def keyword_value(call: ast.Call, name: str) -> ast.expr | None:
    return next((kw.value for kw in call.keywords or () if kw.arg == name), None)


# --- naming the exact resources ----------------------------------------------------------------


def singular(word: str) -> str:
    if word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    return word.removesuffix("s")


# The words of a CamelCase name: ``ResourceARNList`` -> Resource, ARN, List.
CAMEL_WORDS = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+")
# `list_versions_by_function`, `list_policies_for_target`: what follows names the parent.
CONNECTORS = frozenset({"by", "for", "of", "in", "from", "on", "with", "to"})


def listed_words(operation: str) -> list[str] | None:
    """``["stack", "event"]`` for ``describe_stack_events``: what the operation lists, singular."""
    for verb in VERBS:
        if operation.startswith(verb):
            return [singular(word) for word in operation[len(verb) :].split("_")]
    return None


def listed_noun(operation: str) -> str | None:
    """``stackevent`` for ``describe_stack_events``: the listed words run together."""
    words = listed_words(operation)
    return "".join(words) if words is not None else None


def names_the_result(operation: str, keywords: set[str]) -> bool:
    """``describe_stacks(StackName=...)``, ``describe_export_tasks(taskId=...)``: the call names
    the one resource it describes.

    The keyword must name the operation's own result (``Stack`` for
    ``describe_stacks``, ``Task`` for ``describe_export_tasks``), not a parent:
    ``describe_stack_events(StackName=...)`` still pages through events.
    """
    words = listed_words(operation)
    if words is None:
        return False
    if keywords & BARE_IDENTIFIERS and not (len(words) > 1 and words[-1] in CHILD_RECORDS):
        return True
    noun = "".join(words)
    for name in keywords:
        match = SINGLE_IDENTIFIER.search(name)
        if not match:
            continue
        stem = name[: match.start()].lower()
        # StackName for describe_stacks, DBInstanceAutomatedBackupsArn for its automated backups; not
        # UserPoolId for list_users or DBParameterGroupName for describe_db_parameters: a parent.
        if len(noun) > 2 and noun in (stem, singular(stem), singular(stem + "s")):
            return True
        # taskId for describe_export_tasks: the last word of what is listed, unless it names a parent
        # (`list_versions_by_function(FunctionName=...)`) or is also the first word (`stack` events).
        if len(words) > 1 and stem == words[-1] and stem != words[0] and not CONNECTORS & set(words):
            return True
    return False


# Result keys that name no kind of item (``Items``, ``...Summaries``, ``DistributionList``): the listed
# resources themselves, whatever the operation calls them.
CONTAINER_WORDS = frozenset(
    {"item", "summary", "data", "result", "entry", "list", "set", "detail", "info", "output", "response", "page"}
)


def pages_members_of_the_result(operation: str, result_keys: tuple[str, ...]) -> bool:
    """``describe_stream(StreamName=...)`` describes one stream, and pages through its shards
    (``StreamDescription.Shards``); ``get_group(GroupName=...)`` one group, and pages its ``Users``:
    the items paged are members of the one resource named, not it (no word of the result key is one
    of the operation's noun, or a container's). Naming the resource bounds them only when the code
    reads none of them (its status, its ARN)."""
    words = listed_words(operation)
    if not result_keys or words is None:
        return False
    for key in result_keys:
        key_words = set(_result_key_words(key))
        if not key_words or key_words & (set(words) | CONTAINER_WORDS):
            return False
    return True


def _result_key_words(key: str) -> list[str]:
    """``["shard"]`` for ``StreamDescription.Shards``: the words of the key's last member, singular."""
    return [singular(word.lower()) for word in CAMEL_WORDS.findall(key.rsplit(".", 1)[-1])]


def _literal_list(code: Code, node: ast.AST | None) -> ast.List | None:
    """The list literal ``node`` is, or the one a local name is bound to once."""
    if isinstance(node, ast.List):
        return node
    if isinstance(node, ast.Name):
        found = code.bindings(node)
        if len(found) == 1 and isinstance(found[0], (ast.Name, ast.arg)):  # an AssignName in astroid
            statement = code.parent(found[0])
            if isinstance(statement, ast.Assign) and isinstance(statement.value, ast.List):
                return statement.value
    return None


def filter_names(code: Code, call: ast.Call) -> list[str] | None:
    """The ``Name`` of each EC2-style filter (``Filters=[{"Name": "vpc-id", "Values": [...]}]``; five EC2
    operations, such as ``describe_nat_gateways`` and ``describe_flow_logs``, call the list ``Filter``)."""
    filters = _literal_list(code, keyword_value(call, "Filters") or keyword_value(call, "Filter"))
    if filters is None:
        return None
    names = []
    for element in filters.elts:
        if not isinstance(element, ast.Dict):
            return None
        name = next(
            (
                value
                for key, value in zip(element.keys, element.values)
                if isinstance(key, ast.Constant) and key.value == "Name"
            ),
            None,
        )
        if not isinstance(name, ast.Constant) or not isinstance(name.value, str):
            return None
        names.append(name.value)
    return names


def filters_by_own_ids(code: Code, call: ast.Call, operation: str) -> bool:
    """An EC2 filter on the ids of the very resources listed (``describe_volumes_modifications`` by
    ``volume-id``), or on ``resource-id`` for ``describe_tags``: one page holds them all."""
    names = filter_names(code, call)
    noun = listed_noun(operation)
    if not names or noun is None:
        return False
    for name in names:
        if name == "resource-id" and noun == "tag":
            return True
        if name.endswith("-id"):
            own = "".join(singular(word) for word in name[: -len("-id")].split("-"))
            if noun == own or any(noun == own + record for record in PER_RESOURCE_RECORDS):
                return True
    return False


def is_listed_resource(stem: str, words: list[str]) -> bool:
    """Does ``stem`` (``instance`` of ``InstanceIds``) name what an operation lists (``words``)?

    The whole noun, the noun with a per-resource record (``instance`` for
    ``describe_instance_status``, ``config rule`` for
    ``describe_config_rule_evaluation_status``: one status per rule named), or
    its last word (``instance`` for ``describe_auto_scaling_instances``) unless a
    connector makes that a parent. An empty stem (``Names=[...]``) names the
    listed resources themselves.
    """
    stem = "".join(singular(word) for word in CAMEL_WORDS.findall(stem)).lower()
    noun = "".join(words)
    if not stem or stem == noun or any(noun == stem + record for record in PER_RESOURCE_RECORDS):
        return True
    if words[-1] in PER_RESOURCE_RECORDS and not CONNECTORS & set(words):
        # the named resources' own records, whatever words qualify them (evaluation status)
        if any("".join(words[:n]) == stem for n in range(1, len(words) - 1)):
            return True
    return len(words) > 1 and stem == words[-1] and not CONNECTORS & set(words)


def lists_exact_identifiers(operation: str, keywords: set[str], result_keys: tuple[str, ...] = ()) -> bool:
    """``describe_instances(InstanceIds=[...])``, ``get_resources(ResourceARNList=[...])``. For an
    operation whose name does not say what it lists (``filter_log_events``), the first member its
    pages hold says it (``events``): ``logStreamNames`` names the streams the events come from, a
    parent, not the events."""
    words = listed_words(operation)
    if words is None and result_keys:
        words = _result_key_words(result_keys[0]) or None
    for name in keywords - PLACEHOLDER_MAPS:
        match = IDENTIFIER_LIST.match(name)
        if match and (words is None or is_listed_resource(match.group("stem"), words)):
            return True
    return False


def lists_the_items_wanted(call: ast.Call, operation: str) -> bool:
    """A literal list under the name of what the operation lists: ``describe_launch_template_versions(
    LaunchTemplateId=..., Versions=["$Default"])`` asks for those versions, and one page holds them."""
    words = listed_words(operation)
    if not words:
        return False
    plural = words[-1].capitalize() + "s"
    return any(kw.arg == plural and isinstance(kw.value, (ast.List, ast.Tuple)) for kw in call.keywords or ())


# A filter expression matching an identifying attribute exactly: Cognito ListUsers' 'email = "x"' finds
# that user ('^=' is a prefix; 'cognito:user_status = "CONFIRMED"' matches any number of users).
EXACT_MATCH_FILTER = re.compile(r'^\s*"?(?:username|email|phone_number|preferred_username|sub)"?\s*=\s*"')


def _leading_text(node: ast.AST | None) -> str | None:
    """The literal text a string expression starts with: a constant, an f-string's first part, or the
    template of ``"...".format(...)`` and ``"..." % (...)``."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        text = ""
        for part in node.values:
            if not (isinstance(part, ast.Constant) and isinstance(part.value, str)):
                break
            text += part.value
        return text
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        return _leading_text(node.func.value)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
        return _leading_text(node.left)
    return None


def filters_by_exact_match(call: ast.Call) -> bool:
    """``list_users(UserPoolId=pool, Filter=f'email = "{email}"')``: the users with that very value."""
    text = _leading_text(keyword_value(call, "Filter"))
    return text is not None and bool(EXACT_MATCH_FILTER.match(text))


# A key condition that names the whole primary key: the partition key and the sort key, both with "=".
FULL_KEY_CONDITION = re.compile(r"^\s*[#\w.]+\s*=\s*:\w+\s+AND\s+[#\w.]+\s*=\s*:\w+\s*$", re.I)


def _key_equals(node: ast.AST) -> bool:
    """``Key("id").eq(x)`` (boto3.dynamodb.conditions)."""
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "eq"
        and isinstance(node.func.value, ast.Call)
        and call_name(node.func.value) == "Key"
    )


def queries_one_item(code: Code, call: ast.Call, operation: str) -> bool:
    """A DynamoDB ``query`` of a table (not an index) whose key condition names the whole primary
    key with "=", so one item at most (an index's keys need not be unique, so ``IndexName`` does not
    count): the partition key and the sort key, or the partition key alone of a table that the
    module reads or writes by that key alone (see :func:`_whole_key_of_named_table`)."""
    if operation != "query" or "IndexName" in keywords_of(call):
        return False
    condition = keyword_value(call, "KeyConditionExpression")
    if isinstance(condition, ast.BinOp) and isinstance(condition.op, ast.BitAnd):
        return _key_equals(condition.left) and _key_equals(condition.right)
    text = code.literal_string(condition)
    if text is None:
        return False
    if FULL_KEY_CONDITION.match(text):
        return True
    single = SINGLE_KEY_CONDITION.match(text)
    return single is not None and _whole_key_of_named_table(code, call, _attribute_name(code, call, single[1]))


# A key condition that names one attribute with "=": ``entidad = :nombre``.
SINGLE_KEY_CONDITION = re.compile(r"^\s*([#\w.]+)\s*=\s*:\w+\s*$")
# The operations that take a table's whole primary key as ``Key``.
WHOLE_KEY_OPERATIONS = frozenset({"get_item", "delete_item", "update_item"})


def _attribute_name(code: Code, call: ast.Call, name: str) -> str | None:
    """``name`` itself, or the attribute a ``#placeholder`` stands for in ``ExpressionAttributeNames``."""
    if not name.startswith("#"):
        return name
    names = keyword_value(call, "ExpressionAttributeNames")
    if not isinstance(names, ast.Dict):
        return None
    for key, value in zip(names.keys, names.values):
        if key is not None and code.literal_string(key) == name:
            return code.literal_string(value)
    return None


def _whole_key_of_named_table(code: Code, call: ast.Call, attribute: str | None) -> bool:
    """A client call of the module names the same ``TableName`` with ``Key={attribute: ...}`` alone
    (``get_item``, ``delete_item``, ``update_item`` need the whole primary key): the table has no
    sort key, and ``attribute`` is all of its key."""
    table_name = code.literal_string(keyword_value(call, "TableName"))
    if attribute is None or table_name is None:
        return False
    for other in code.nodes(ast.Call):
        if not isinstance(other.func, ast.Attribute) or other.func.attr not in WHOLE_KEY_OPERATIONS:
            continue
        key = keyword_value(other, "Key")
        if (
            isinstance(key, ast.Dict)
            and len(key.keys) == 1
            and key.keys[0] is not None
            and code.literal_string(key.keys[0]) == attribute
            and code.literal_string(keyword_value(other, "TableName")) == table_name
        ):
            return True
    return False


def names_exact_resources(code: Code, call: ast.Call, operation: str, result_keys: tuple[str, ...] = ()) -> bool:
    keywords = keywords_of(call)
    if lists_exact_identifiers(operation, keywords, result_keys):
        return True
    if names_the_result(operation, keywords) and not (
        pages_members_of_the_result(operation, result_keys) and result_use.reads_members_paged(code, call, result_keys)
    ):
        return True
    if lists_the_items_wanted(call, operation):
        return True
    if filters_by_exact_match(call) or queries_one_item(code, call, operation):
        return True
    if TAG_LISTING.match(operation) and any(SINGLE_IDENTIFIER.search(name) for name in keywords):
        return True
    return filters_by_own_ids(code, call, operation)


# --- the limit key -------------------------------------------------------------------------------


def limit_with_filter_expression(call: ast.Call, limit_keys: Iterable[str]) -> bool:
    """DynamoDB ``scan``/``query`` with ``Limit`` and ``FilterExpression``: the limit counts items
    read before the filter, so the page may hold fewer matches than asked for, or none."""
    keywords = keywords_of(call)
    return bool(keywords & set(limit_keys)) and "FilterExpression" in keywords


def acts_on_every_item(code: Code, call: ast.Call, result_keys: tuple[str, ...]) -> bool:
    """A loop over the page's items changes each one (``delete_snapshot``, ``terminate_instances``)."""
    items = result_use.result_items(code, call, result_keys)
    for item in items or ():
        for loop in result_use.iterated(code, item):
            for inner in code.nodes(ast.Call, within=loop):
                name = call_name(inner)
                if (
                    inner is not call
                    and name in table().operation_index
                    and not READ_ONLY_VERB.match(name)
                    and isinstance(inner.func, ast.Attribute)
                ):
                    return True
    return False


# Operations that take away what they are given: a loop that lists, removes every item of the page and
# lists again reads the first page of what remains, until nothing remains.
REMOVING_VERB = re.compile(r"^(?:batch_)?(?:delete|remove|deregister|terminate|purge|detach|disassociate|release)_")


def drains_in_a_loop(code: Code, call: ast.Call, result_keys: tuple[str, ...]) -> bool:
    """Inside a ``while`` loop, the items of the page go one by one (a ``for`` loop or a comprehension,
    also over a list of their names mapped first) to an operation of the same client that removes them
    (``s3.delete_objects``, ``lam.delete_function``): the next pass lists what remains. Not after a DynamoDB
    ``FilterExpression``: a first page can hold no match while later pages do."""
    loop = code.innermost_loop(call)
    if not isinstance(loop, ast.While) or not isinstance(call.func, ast.Attribute) or filters_after_reading(code, call):
        return False
    receiver = code.as_string(call.func.value)
    removals = [
        inner
        for inner in code.nodes(ast.Call, within=loop)
        if isinstance(inner.func, ast.Attribute)
        and REMOVING_VERB.match(inner.func.attr)
        and inner.func.attr in table().operation_index
        and code.as_string(inner.func.value) == receiver
    ]
    if not removals:
        return False
    for item in result_use.result_items(code, call, result_keys) or ():
        for each in result_use.iterated(code, item):
            # also through a list the loop maps every item to first: names = [s["Name"] for s in page]
            # (not one that filters them: a page without a match ends the loop, later pages unread)
            maps_every_item = isinstance(each, (ast.ListComp, ast.GeneratorExp)) and not any(
                generator.ifs for generator in each.generators
            )
            mapped = list(result_use.iterated(code, each)) if maps_every_item else []
            for going in (each, *mapped):
                if any(code.is_inside(removal, going) or code.is_inside(going, removal) for removal in removals):
                    return True
    return False


def deliberate_limit(
    code: Code,
    call: ast.Call,
    limit_keys: Iterable[str],
    result_keys: tuple[str, ...],
    operation: str = "",
    short_pages: bool = False,
) -> bool:
    """The call asks for a bounded page (also in a dict of arguments it unpacks: ``**{"Limit": 10}``,
    or a local bound once to one) and the code treats it as one. Not a DynamoDB ``Limit`` with a
    filter (BTO206's), not in a ``while`` loop that calls it again in a function that names a
    continuation token (it means to page on, and only fails to pass the token right), and not
    ``limit=1`` where a page before the last may be empty (CloudWatch Logs): it asks whether there is
    any, which such a page cannot say."""
    unpacked = unpacked_arguments(code, call, set_later=False)
    limits = set(limit_keys)
    if not (keywords_of(call) | set(unpacked)) & limits:
        return False
    if operation in DYNAMODB_READS and filters_after_reading(code, call):
        return False
    if isinstance(code.repeating_loop(call), ast.While) and _names_a_token(code, call):
        return False
    sizes = [keyword_value(call, key) or unpacked.get(key) for key in limits]
    if short_pages and any(isinstance(size, ast.Constant) and size.value == 1 for size in sizes):
        return False
    return (
        not limit_with_filter_expression(call, limit_keys)
        and not acts_on_every_item(code, call, result_keys)
        and not looks_for_a_value(code, call, result_keys)
    )


def looks_for_a_value(code: Code, call: ast.Call, result_keys: tuple[str, ...]) -> bool:
    """The page is searched for a given value (``if email not in resp["Identities"]:``): the answer
    "not there" needs every item, whatever page size the call asked for."""
    items = result_use.result_items(code, call, result_keys)
    return any(result_use.searched_for_a_value(code, item) for item in items or ())


# --- the continuation and the use of the result ---------------------------------------------


def handles_tokens(code: Code, call: ast.Call, token_keys: Iterable[str]) -> bool:
    """Passes the input token or reads the output token (also through ``**kwargs`` built nearby): the
    function mentions one, and not only about another call's response (see
    :func:`_read_without_tokens`)."""
    tokens = set(token_keys)
    if keywords_of(call) & tokens:
        return True
    return _mentions_tokens(code, call, tokens) and not _read_without_tokens(code, call, tokens)


def resumes_after_the_page(code: Code, call: ast.Call) -> bool:
    """In a loop, the call is given a name that the loop binds again from the last item of this call's
    response: the code pages by hand, resuming after the last item it saw (``StartAfter=last_key``,
    then ``last_key = contents[-1]["Key"]`` with ``contents = response["Contents"]``: S3's StartAfter,
    which botocore's paginator does not use). Not a name taken from any other item (``prefix =
    resp["CommonPrefixes"][0]["Prefix"]`` goes down a level, and reads one page of each)."""
    loop = code.repeating_loop(call)
    parent = code.parent(call)
    if loop is None or not (isinstance(parent, ast.Assign) and len(parent.targets) == 1):
        return False
    if not isinstance(parent.targets[0], ast.Name):
        return False
    from_the_page = {parent.targets[0].id}  # the response, and names the loop binds from it
    assignments = [
        node for node in code.nodes(ast.Assign, within=loop)
        if len(node.targets) == 1 and isinstance(node.targets[0], ast.Name) and node is not parent
    ]
    for _ in range(3):  # response -> contents -> last key
        for assignment in assignments:
            if any(isinstance(n, ast.Name) and n.id in from_the_page for n in ast.walk(assignment.value)):
                from_the_page.add(assignment.targets[0].id)
    resumed = {
        assignment.targets[0].id for assignment in assignments
        if any(_last_item_of(node, from_the_page) for node in ast.walk(assignment.value))
    }
    given = {kw.value.id for kw in call.keywords if kw.arg and isinstance(kw.value, ast.Name)}
    return bool(given & resumed)


def _last_item_of(node: ast.AST, names: set[str]) -> bool:
    """``contents[-1]``, ``response["Contents"][-1]``: the last item of something read from the page."""
    if not (isinstance(node, ast.Subscript) and isinstance(node.slice, ast.UnaryOp)):
        return False
    index = node.slice
    if not (isinstance(index.op, ast.USub) and isinstance(index.operand, ast.Constant) and index.operand.value == 1):
        return False
    return any(isinstance(n, ast.Name) and n.id in names for n in ast.walk(node.value))


def loops_without_passing_the_token(code: Code, call: ast.Call, input_tokens: set[str]) -> bool:
    """The call repeats in a ``while`` loop, and nothing in its function ever passes a continuation token: no
    call is given the input token (``NextToken=...``, ``**kwargs``), and no dict gets it as a key
    (``{"NextToken": token}``, ``params["NextToken"] = token``). Whatever token the loop reads
    (``token = data.get("NextPageToken"); if not token: break``), every pass asks for the first page
    again: an endless loop once there is a second page."""
    if not input_tokens or not isinstance(code.repeating_loop(call), ast.While):
        return False  # (a `for` loop makes one call per item: one page each, no endless loop)
    for node in code.nodes((ast.keyword, ast.Constant), within=code.enclosing_scope(call)):
        if isinstance(node, ast.keyword):
            if node.arg is None or node.arg in input_tokens:
                return False
        elif isinstance(node.value, str) and node.value in input_tokens:
            parent = code.parent(node)
            if isinstance(parent, ast.Dict) and any(key is node for key in parent.keys):
                return False
            if isinstance(parent, ast.Subscript) and not isinstance(parent.ctx, ast.Load):
                return False
            func = parent.func if isinstance(parent, ast.Call) else None
            if func is not None and not (isinstance(func, ast.Attribute) and func.attr == "get"):
                return False  # setdefault("NextToken", ...), a helper building the arguments
    return True


def _mentions_tokens(code: Code, call: ast.Call, tokens: set[str]) -> bool:
    """The function mentions a continuation key: as a string (``resp["NextToken"]``), or as a keyword,
    unless it is given to another operation (``list_subscriptions(NextToken=token)`` continues that
    listing, not ``list_subscriptions_by_topic``)."""
    operations = table().operation_index
    operation = call.func.attr if isinstance(call.func, ast.Attribute) else None
    for node in code.nodes((ast.Constant, ast.keyword), within=code.enclosing_scope(call)):
        if isinstance(node, ast.Constant):
            if isinstance(node.value, str) and node.value in tokens:
                return True
        elif node.arg in tokens:
            owner = code.parent(node)
            method = owner.func.attr if isinstance(owner, ast.Call) and isinstance(owner.func, ast.Attribute) else None
            if method is not None and method != operation and method in operations:
                continue  # another operation's continuation
            return True
    return False


def _read_without_tokens(code: Code, call: ast.Call, tokens: set[str]) -> bool:
    """Every read of this call's response takes a member other than a continuation key
    (``reg = table2.scan(); for item in reg["Items"]``, or ``scan()["Items"]`` in place), so the
    key the function mentions is another call's (the loop over the first table's pages). A call
    given ``**kwargs`` or made in a loop, and a response handed on, returned, tested with ``in`` or
    held by a name the code rebinds (a loop fetching pages), may be where the token is handled."""
    if any(kw.arg is None for kw in call.keywords) or code.innermost_loop(call) is not None:
        return False  # **kwargs may carry the token; in a loop, the next pass reads what this one fetched
    reads = result_use.uses(code, call)
    if not reads:
        return False
    for read in reads:
        member = result_use.member_read(code, read)
        if member is None or member[0] in tokens:
            return False
    return True


def exact_match_after_prefix(code: Code, call: ast.Call) -> bool:
    """``describe_log_groups(logGroupNamePrefix=name)`` then ``... == name``: in name order the exact
    name sorts first, so the first page has it. Likewise ``list_queues(QueueNamePrefix=name)`` then
    ``name in url``: only names that begin with the whole name come back."""
    prefixes = [code.as_string(kw.value) for kw in call.keywords or () if kw.arg and PREFIX_KEYWORD.search(kw.arg)]
    if not prefixes:
        return False
    for compare in code.nodes(ast.Compare, within=code.enclosing_scope(call)):
        if _only_skips(code, compare):
            continue  # `if key == prefix: continue`: the folder marker left out, every other item used
        pairs = compare_pairs(compare)
        operators = [op for op, _ in pairs]
        if operators == ["=="]:
            sides = {code.as_string(compare.left), code.as_string(pairs[0][1])}
            if sides & set(prefixes):
                return True
        elif operators == ["in"] and code.as_string(compare.left) in prefixes:
            return True  # the name looked for in each result (a queue URL ends with its name)
    return False


def _only_skips(code: Code, compare: ast.Compare) -> bool:
    """The comparison is (part of) an ``if`` test whose body only goes on to the next item."""
    node, parent = compare, code.parent(compare)
    while isinstance(parent, (ast.BoolOp, ast.UnaryOp)):
        node, parent = parent, code.parent(parent)
    return (
        isinstance(parent, ast.If)
        and parent.test is node
        and len(parent.body) == 1
        and isinstance(parent.body[0], ast.Continue)
    )


def passes_the_callers_arguments_through(code: Code, call: ast.Call) -> bool:
    """A thin wrapper of the operation: the call passes on the function's own ``**kwargs`` and the
    function returns the whole response (``def describe_alarms(self, **kwargs): return
    self.client.describe_alarms(**kwargs)``). The caller's arguments may hold the continuation
    token, and the response holds the next one: the continuation is the caller's."""
    function = code.enclosing_function(call)
    if function is None or function.args.kwarg is None:
        return False
    passed = [keyword.value for keyword in call.keywords if keyword.arg is None]
    if not any(isinstance(value, ast.Name) and value.id == function.args.kwarg.arg for value in passed):
        return False
    return isinstance(code.parent(call), ast.Return) or result_use.returned(code, call)


def one_page_is_enough(
    code: Code,
    call: ast.Call,
    operation: str,
    token_keys: Iterable[str],
    limit_keys: Iterable[str],
    result_keys: tuple[str, ...],
    page: result_use.Page = result_use.ANY_PAGE,
) -> bool:
    """The code handles the continuation, or one page has everything it uses (see the module docs).
    ``page``: what the model says of a page (its items' order, its size)."""
    # Where a page before the last may hold fewer items than the maximum, or none (page.short), the
    # emptiness, first item or count of the first page stands for nothing.
    return (
        handles_tokens(code, call, token_keys)
        or resumes_after_the_page(code, call)
        or deliberate_limit(code, call, limit_keys, result_keys, operation, page.short)
        or names_exact_resources(code, call, operation, result_keys)
        or (
            result_use.needs_only_part(code, call, result_keys, page)
            and not filters_after_reading(code, call)
            and not page.short
        )
        or result_use.never_read(code, call)
        or exact_match_after_prefix(code, call)
        or drains_in_a_loop(code, call, result_keys)
    )


def dynamodb_page_unhandled(code: Code, call: ast.Call, operation: str) -> bool:
    """A DynamoDB ``scan``/``query`` whose one page the code takes for all of it: not ``Limit`` with a
    ``FilterExpression`` (BTO206's), and one page is not enough (see :func:`one_page_is_enough`)."""
    if limit_with_filter_expression(call, DYNAMODB_LIMIT):
        return False
    return not one_page_is_enough(code, call, operation, DYNAMODB_TOKENS, DYNAMODB_LIMIT, DYNAMODB_RESULTS)


# DynamoDB filters what a page read, after reading it (1 MB before the filter): a page may hold no
# match, or not the first one, while later pages do.
FILTERS_AFTER_READING = frozenset({"FilterExpression", "ScanFilter", "QueryFilter"})


def filters_after_reading(code: Code, call: ast.Call) -> bool:
    """A DynamoDB ``scan``/``query`` with a filter: its first page's emptiness or first item says
    nothing about the matches (``scan(FilterExpression=Attr("email").eq(x))["Items"][0]``), also when
    the filter comes in a dict the call unpacks (``**{"FilterExpression": ...}``, or a local bound
    once to such a dict)."""
    return bool((keywords_of(call) | _unpacked_keys(code, call)) & FILTERS_AFTER_READING)


def _unpacked_keys(code: Code, call: ast.Call) -> set[str]:
    """The constant keys of the dicts a call unpacks with ``**``: a dict display, or a name whose only
    binding is an assignment of one (with the keys the code sets on it: ``kwargs["FilterExpression"]
    = ...``)."""
    return set(unpacked_arguments(code, call))


@cache
def _token_names() -> frozenset[str]:
    """The names, lowercased, that botocore's paginators give continuation tokens, in any service."""
    aws = table()
    return frozenset(
        token.lower()
        for service in aws.services
        for operation in aws.paginator_names(service)
        for paginator in [aws.paginator(service, operation)]
        for token in (*paginator.input_token, *paginator.output_token)
        if token.isidentifier()
    )


def _names_a_token(code: Code, call: ast.Call) -> bool:
    """The function names a continuation token, of this service or another (``"NextToken"`` for RDS's
    ``Marker``): it means to page on, however it goes about it."""
    names = _token_names()
    return any(key.lower() in names for key in mentioned_keys(code, code.enclosing_scope(call)))


def unpacked_arguments(code: Code, call: ast.Call, set_later: bool = True) -> dict[str, ast.AST]:
    """{key: value} of the dicts a call unpacks (see :func:`_unpacked_keys`); a key set in several
    places keeps one of its values. Without ``set_later``, only the keys of the dict display itself:
    a key the code sets afterwards may be set only sometimes (``if limit: kwargs["Limit"] = limit``)."""
    found: dict[str, ast.AST] = {}
    for kw in call.keywords or ():
        if kw.arg is not None:
            continue
        value, name = kw.value, None
        if isinstance(value, ast.Name):
            statement = code.sole_assignment(value)
            name, value = value, (statement.value if statement is not None else None)
        if not isinstance(value, ast.Dict):
            continue
        found.update(
            (key.value, item)
            for key, item in zip(value.keys, value.values)
            if isinstance(key, ast.Constant) and isinstance(key.value, str)
        )
        if name is not None and set_later:
            for assign in code.nodes(ast.Assign, within=code.enclosing_scope(call)):
                for target in assign.targets:
                    if (
                        isinstance(target, ast.Subscript)
                        and isinstance(target.value, ast.Name)
                        and target.value.id == name.id
                        and isinstance(target.slice, ast.Constant)
                        and isinstance(target.slice.value, str)
                    ):
                        found[target.slice.value] = assign.value
    return found
