"""What rules see of one file: its code (syntax and boto3 model), the settings and shared analyses."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from functools import cached_property

from flake8_boto3.analysis import functions
from flake8_boto3.analysis.aws_calls import AwsCalls
from flake8_boto3.analysis.client_errors import ClientErrorHandlers
from flake8_boto3.analysis.code import Code
from flake8_boto3.analysis.exception_classes import ExceptionClasses
from flake8_boto3.analysis.lifecycle import Lifecycle
from flake8_boto3.analysis.run_once import OncePerProcess
from flake8_boto3.settings import Settings


@dataclass
class FileContext:
    code: Code
    settings: Settings

    @property
    def module(self) -> ast.Module:
        return self.code.module

    @property
    def path(self) -> str:
        return self.code.path

    @cached_property
    def is_test_file(self) -> bool:
        return functions.is_test_file(self.path)

    @cached_property
    def once_per_process(self) -> OncePerProcess:
        return OncePerProcess(self.code)

    @cached_property
    def lifecycle(self) -> Lifecycle:
        return Lifecycle(self.code, self.settings, self.is_test_file, self.once_per_process)

    @cached_property
    def client_error_handlers(self) -> ClientErrorHandlers:
        return ClientErrorHandlers(self.code, self.is_test_file, self.once_per_process, self.settings)

    @cached_property
    def aws_calls(self) -> AwsCalls:
        return AwsCalls(self.code)

    @cached_property
    def exception_classes(self) -> ExceptionClasses:
        return ExceptionClasses(self.code, self.aws_calls)
