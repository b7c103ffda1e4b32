"""The one list of rules: code, name, message, pattern link, default state.

Codes are ``BTO`` + three digits, grouped by family and never renumbered:
1xx clients and sessions, 2xx pagination and waiters, 3xx credentials, legacy
and deprecated APIs, 4xx error handling, 5xx calls that fail at run time,
9xx the plugin's own conditions. What a rule is (:class:`~flake8_boto3.rule.Rule`,
:class:`~flake8_boto3.rule.Finding`, the pattern links) is :mod:`flake8_boto3.rule`'s,
which the rules import; this module imports the rules.
"""

from __future__ import annotations

import importlib

from flake8_boto3.rule import (  # noqa: F401 - re-exported for the adapters and tools
    CODE_FORMAT,
    CLIENTS_GUIDE,
    LAMBDA_BEST_PRACTICES,
    PAGINATORS_GUIDE,
    WAITERS_GUIDE,
    ERROR_HANDLING_GUIDE,
    MODELED_EXCEPTIONS_GUIDE,
    CREDENTIALS_GUIDE,
    BOTO3_MIGRATION,
    SERVICE_REFERENCE,
    OPERATION_REFERENCE,
    DYNAMODB_PAGINATION,
    DYNAMODB_QUERY_PAGINATION,
    DYNAMODB_LIMIT_GUIDE,
    Finding,
    Rule,
)

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
    "flake8_boto3.rules.bto207_partition_query_reads_one_page",
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
