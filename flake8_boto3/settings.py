"""The plugin's options, parsed once per flake8 run into a frozen object."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_HANDLER_NAMES = ("lambda_handler", "handler")
DEFAULT_HANDLER_DECORATORS = (
    "*.route",
    "*.get",
    "*.post",
    "*.put",
    "*.patch",
    "*.delete",
    "*.lambda_function",
)


@dataclass(frozen=True)
class Settings:
    """What the rules may be configured with; rules never see flake8's objects."""

    # Function names (fnmatch patterns) that are request handlers.
    handler_names: tuple[str, ...] = DEFAULT_HANDLER_NAMES
    # Decorators (fnmatch patterns on the dotted name, call arguments ignored)
    # that make a function a request handler.
    handler_decorators: tuple[str, ...] = DEFAULT_HANDLER_DECORATORS
    # The accounts the code runs in have raised service quotas: a quota's default (RDS's 40 DB
    # instances per Region) no longer keeps a result within one page (BTO201).
    raised_quotas: bool = False
    # The codes the run can report (flake8's --select/--ignore and the default-off codes decided), in
    # order; None: every code. Analyses that only feed codes outside it are skipped (see
    # :meth:`reports`), which changes no reported finding.
    codes: tuple[str, ...] | None = None

    def reports(self, code: str) -> bool:
        """Can the run report ``code``?"""
        return self.codes is None or code in self.codes


DEFAULT_SETTINGS = Settings()
