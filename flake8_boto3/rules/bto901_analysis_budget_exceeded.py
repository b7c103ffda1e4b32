"""# BTO901 analysis-budget-exceeded

Message: `BTO901 analysis budget exceeded (more than 20,000 inference steps); BTO rules after this point were not checked in this file`

## What it does
Reported once, on line 1, when flake8-boto3 stops analysing a file because the
file needs more inference than the per-file budget allows (20,000 inference
steps or 10 seconds), nests deeper than Python's recursion limit allows, or
holds a chain of more than 50 classes each deriving from the one before (the
cost of inferring `self.x` grows with the square of the chain's length; real
class hierarchies are a few classes deep).
Findings reported before that point stand; the rest of the file is not
flagged. The rest of the flake8 run is unaffected.

## Why is this bad?
It is not a problem in your code, but it means the BTO rules covered that file
only partly. Generated code, huge literal tables and deeply nested expressions
are the usual causes.

## Example
```python
# No code fires this rule on purpose.
```

## Use instead
```python
# Splitting a huge generated module helps; otherwise silence it with `extend-ignore = BTO901`
# or a per-file-ignores entry for that file.
```

## Options
None. `per-file-ignores = generated/*: BTO901` hides it for generated code.

## References
- The project's issue tracker, if an ordinary file hits the budget.
"""

from __future__ import annotations

import sys

from flake8_boto3.rule import Finding, Rule


def check(context) -> list[Finding]:
    return []  # reported by the checker when the budget runs out, not found in code


def finding_for(reason: str) -> Finding:
    return Finding(
        1, 0, RULE.code, f"analysis budget exceeded ({reason}); BTO rules after this point were not checked in this file", ""
    )


RULE = Rule(
    code="BTO901",
    name="analysis-budget-exceeded",
    summary="analysis of this file stopped early: coverage is partial",
    link="",
    check=check,
    module=sys.modules[__name__],
)
