"""Keep CPython's complaints about astroid's abandoned generators off stderr.

astroid infers with chains of generators (``yield from``), and taking the first
answer of one (``next(node.infer())``, astroid's own ``safe_infer``) leaves the
chain suspended. Such chains sit in reference cycles with their inference
context, so the garbage collector finalises them, in whatever order it finds
them: closing an outer generator closes the inner one it delegates to, and when
the collector reaches that inner one as well, CPython reports
``ValueError: generator already executing`` through ``sys.unraisablehook``,
printing "Exception ignored in: <generator object _infer_attribute ...>" on
stderr. Nothing is lost (the generators were garbage), but a flake8 run must not
print astroid's noise. While :func:`quiet_generator_finalization` is active,
exactly that report, about a generator of astroid's own code, is dropped; every
other one goes to the hook that was there before.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import PurePath

ALREADY_EXECUTING = "generator already executing"


def is_astroid_generator_noise(unraisable) -> bool:
    """An abandoned astroid generator, finalised while the one delegating to it is being closed."""
    generator = getattr(unraisable, "object", None)
    error = getattr(unraisable, "exc_value", None)
    return (
        isinstance(generator, types.GeneratorType)
        and isinstance(error, ValueError)
        and str(error) == ALREADY_EXECUTING
        and "astroid" in PurePath(generator.gi_code.co_filename).parts
    )


@contextmanager
def quiet_generator_finalization() -> Iterator[None]:
    previous = sys.unraisablehook

    def hook(unraisable) -> None:
        if not is_astroid_generator_noise(unraisable):
            previous(unraisable)

    sys.unraisablehook = hook
    try:
        yield
    finally:
        if sys.unraisablehook is hook:
            sys.unraisablehook = previous
