"""Does the code around a paginated call handle the continuation itself?

Manual pagination is correct: passing the input token (``ContinuationToken``,
``ExclusiveStartKey``, ``NextToken``...), reading the output token or the
more-results flag (``NextContinuationToken``, ``IsTruncated``,
``LastEvaluatedKey``), asking for a bounded page with the limit key, or naming
the exact resources wanted (``InstanceIds=[...]``), where one page is complete.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from astroid import nodes

from flake8_boto3.analysis.names import enclosing_scope

# Keyword arguments that name the exact resources wanted: one page holds them all.
IDENTIFIER_FILTER = re.compile(r"^\w*(Ids|IDs|Names|Arns|ARNs)(List)?$|^\w*(Id|ID|Arn|ARN|Name)List$")
# Listing one resource's tags: AWS caps tags at 50 per resource, below every page size.
TAG_LISTING = re.compile(r"^list_(\w+_)?tags(_for_resource|_of_resource|_for_stream|_for_domain)?$")


def mentioned_keys(scope: nodes.NodeNG) -> set[str]:
    """String constants and keyword-argument names used in a function (or module)."""
    found: set[str] = set()
    for node in scope.nodes_of_class((nodes.Const, nodes.Keyword)):
        if isinstance(node, nodes.Const) and isinstance(node.value, str) and len(node.value) < 64:
            found.add(node.value)
        elif isinstance(node, nodes.Keyword) and node.arg:
            found.add(node.arg)
    return found


SINGLE_IDENTIFIER = re.compile(r"(Name|Id|ID|Identifier|Arn|ARN)$")
# A bare identifier keyword (`name=`, `Id=`) names the listed resource itself.
BARE_IDENTIFIERS = frozenset({"name", "Name", "id", "Id", "ID", "identifier", "Identifier", "arn", "Arn", "ARN"})
VERBS = ("describe_", "list_", "get_", "search_")


def names_the_result(operation: str, keywords: set[str]) -> bool:
    """``describe_stacks(StackName=...)``: the call names the one resource it describes.

    The keyword must name the operation's own result (``Stack`` for
    ``describe_stacks``), not a parent: ``describe_stack_events(StackName=...)``
    still pages through events.
    """
    noun = operation
    for verb in VERBS:
        if noun.startswith(verb):
            noun = noun[len(verb) :]
            break
    else:
        return False
    if keywords & BARE_IDENTIFIERS:
        return True
    singular = noun.replace("_", "").removesuffix("es" if noun.endswith("sses") else "s").lower()
    return any(
        SINGLE_IDENTIFIER.search(name) and name.lower().startswith(singular) and len(singular) > 2 for name in keywords
    )


def handles_continuation(
    call: nodes.Call, token_keys: Iterable[str], limit_keys: Iterable[str], operation: str = ""
) -> bool:
    keywords = {kw.arg for kw in call.keywords or () if kw.arg}
    if keywords & set(limit_keys):
        return True  # a deliberately bounded page
    if any(IDENTIFIER_FILTER.match(name) for name in keywords) or names_the_result(operation, keywords):
        return True  # InstanceIds=[...], StackName=...: one page is complete
    if TAG_LISTING.match(operation) and any(SINGLE_IDENTIFIER.search(name) for name in keywords):
        return True  # one resource's tags fit in one page
    mentioned = mentioned_keys(enclosing_scope(call))
    return bool(mentioned & set(token_keys))
