"""What a rule is: its :class:`Rule` record, the :class:`Finding` it reports, and the pages of the
patterns its warnings link to.

Below the rules, which import it; :mod:`flake8_boto3.registry` lists the rules themselves.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flake8_boto3.context import FileContext

CODE_FORMAT = re.compile(r"^BTO[1-9]\d\d$")

CLIENTS_GUIDE = "https://boto3.amazonaws.com/v1/documentation/api/latest/guide/clients.html"
LAMBDA_BEST_PRACTICES = "https://docs.aws.amazon.com/lambda/latest/dg/best-practices.html"
PAGINATORS_GUIDE = "https://boto3.amazonaws.com/v1/documentation/api/latest/guide/paginators.html"
WAITERS_GUIDE = "https://boto3.amazonaws.com/v1/documentation/api/latest/guide/clients.html#waiters"
ERROR_HANDLING_GUIDE = "https://boto3.amazonaws.com/v1/documentation/api/latest/guide/error-handling.html"
MODELED_EXCEPTIONS_GUIDE = f"{ERROR_HANDLING_GUIDE}#catching-exceptions-when-using-a-low-level-client"
CREDENTIALS_GUIDE = "https://boto3.amazonaws.com/v1/documentation/api/latest/guide/credentials.html"
BOTO3_MIGRATION = "https://boto3.amazonaws.com/v1/documentation/api/latest/guide/migration.html"
SERVICE_REFERENCE = "https://boto3.amazonaws.com/v1/documentation/api/latest/reference/services/{service}.html"
OPERATION_REFERENCE = (
    "https://boto3.amazonaws.com/v1/documentation/api/latest/reference/services/{service}/client/{operation}.html"
)
DYNAMODB_PAGINATION = "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Scan.html#Scan.Pagination"
DYNAMODB_QUERY_PAGINATION = "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.Pagination.html"
DYNAMODB_LIMIT_GUIDE = "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Scan.html#Scan.Limit"


@dataclass(frozen=True)
class Finding:
    line: int
    col: int
    code: str
    text: str  # what is wrong; what to do (no code, no link)
    link: str

    @property
    def message(self) -> str:
        return f"{self.code} {self.text} {self.link}" if self.link else f"{self.code} {self.text}"


@dataclass(frozen=True)
class Rule:
    code: str
    name: str  # kebab-case, as in `python -m flake8_boto3 rules`
    summary: str  # one line, for the rules table
    link: str  # the pattern every warning of this rule links to
    check: Callable[["FileContext"], Iterable[Finding]]
    module: ModuleType
    enabled_by_default: bool = True

    @property
    def documentation(self) -> str:
        return inspect.cleandoc(self.module.__doc__ or "")

    def finding(self, node, text: str, link: str | None = None) -> Finding:
        return Finding(node.lineno, node.col_offset, self.code, text, link or self.link)
