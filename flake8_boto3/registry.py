"""The one list of rules: code, name, message, pattern link, default state.

Codes are ``BTO`` + three digits, grouped by family and never renumbered:
1xx clients and sessions, 2xx pagination and waiters, 3xx credentials, legacy
and deprecated APIs, 4xx error handling, 5xx calls that fail at run time,
9xx the plugin's own conditions.
"""

from __future__ import annotations

import importlib
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


# One module per rule, in code order. Each defines RULE.
RULE_MODULES = (
    "flake8_boto3.rules.bto101_client_in_handler",
    "flake8_boto3.rules.bto102_client_in_loop",
    "flake8_boto3.rules.bto103_client_in_function",
    "flake8_boto3.rules.bto104_client_per_call_arguments",
    "flake8_boto3.rules.bto201_paginated_call_without_paginator",
    "flake8_boto3.rules.bto202_table_scan_reads_one_page",
    "flake8_boto3.rules.bto203_unknown_paginator",
    "flake8_boto3.rules.bto204_unknown_waiter",
    "flake8_boto3.rules.bto205_polling_loop_instead_of_waiter",
    "flake8_boto3.rules.bto206_limit_with_filter_expression",
    "flake8_boto3.rules.bto301_hardcoded_credentials",
    "flake8_boto3.rules.bto302_legacy_sdk_import",
    "flake8_boto3.rules.bto303_deprecated_operation",
    "flake8_boto3.rules.bto401_client_error_code_ignored",
    "flake8_boto3.rules.bto402_client_error_swallows_other_codes",
    "flake8_boto3.rules.bto403_batch_partial_failures_ignored",
    "flake8_boto3.rules.bto404_modeled_exception_after_client_error",
    "flake8_boto3.rules.bto405_response_read_on_non_client_error",
    "flake8_boto3.rules.bto406_client_error_code_not_checked",
    "flake8_boto3.rules.bto501_unknown_operation",
    "flake8_boto3.rules.bto502_positional_arguments",
    "flake8_boto3.rules.bto503_unknown_modeled_exception",
    "flake8_boto3.rules.bto504_modeled_exception_on_head_request",
    "flake8_boto3.rules.bto900_internal_error",
    "flake8_boto3.rules.bto901_analysis_budget_exceeded",
)


def _load() -> tuple[Rule, ...]:
    return tuple(importlib.import_module(name).RULE for name in RULE_MODULES)


RULES: tuple[Rule, ...] = _load()
RULES_BY_CODE: dict[str, Rule] = {rule.code: rule for rule in RULES}
DEFAULT_OFF_CODES: tuple[str, ...] = tuple(rule.code for rule in RULES if not rule.enabled_by_default)
