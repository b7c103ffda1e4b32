"""A bounded amount of analysis per file.

Inference is charged at the points where the model starts it (each
expression the syntactic tier works out, each ``infer_boto3``, each inference
tip of the astroid tier); when a file runs out of inference steps
or of time, analysis of that file stops with :class:`BudgetExceeded`, the rules
report what they found so far, and BTO901 tells the user coverage was partial.
The step count makes the outcome the same on every machine for all but
pathological files; the time limit is a safety net.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

MAX_INFERENCE_STEPS = 20_000
MAX_SECONDS = 10.0
# astroid's inference of ``self.x`` walks the class's ancestors, so its cost grows with the square of
# an inheritance chain's length: a module-made chain of 400 classes took 10 s of inference at ~1,200
# steps. Real hierarchies are a few classes deep; a longer chain is treated as an exhausted budget.
MAX_CLASS_CHAIN = 50


class BudgetExceeded(Exception):
    """The file's analysis budget ran out."""


@dataclass
class Budget:
    max_steps: int = MAX_INFERENCE_STEPS
    max_seconds: float = MAX_SECONDS
    steps: int = 0
    deadline: float = field(default=0.0)
    # Why the budget ran out; once set, every further charge fails at once.
    exceeded: str | None = None

    def charge(self) -> None:
        if self.exceeded is None:
            self.steps += 1
            if self.steps > self.max_steps:
                self.exceeded = f"more than {self.max_steps:,} inference steps"
            elif self.steps % 64 == 0 and time.perf_counter() > self.deadline:
                self.exceeded = f"more than {self.max_seconds:g} s"
        if self.exceeded is not None:
            raise BudgetExceeded(self.exceeded)

    def exhaust(self, reason: str) -> None:
        if self.exceeded is None:
            self.exceeded = reason


_current: Budget | None = None


def charge() -> None:
    """Count one unit of inference against the file being analysed (if any)."""
    if _current is not None:
        _current.charge()


def exceeded() -> str | None:
    """Why the current file's budget ran out, or None."""
    return _current.exceeded if _current is not None else None


def exhaust(reason: str) -> None:
    """Spend the rest of the budget: analysis that cannot go on (too deep) stops here."""
    if _current is not None:
        _current.exhaust(reason)


@contextmanager
def budget_for_file(max_steps: int | None = None, max_seconds: float | None = None) -> Iterator[Budget]:
    global _current
    previous = _current
    max_steps = MAX_INFERENCE_STEPS if max_steps is None else max_steps
    max_seconds = MAX_SECONDS if max_seconds is None else max_seconds
    _current = Budget(max_steps, max_seconds, deadline=time.perf_counter() + max_seconds)
    try:
        yield _current
    finally:
        _current = previous
