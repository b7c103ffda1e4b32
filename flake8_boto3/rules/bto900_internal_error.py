"""# BTO900 internal-error

Message: `BTO900 internal error: KeyError: 'x' (please report)`

## What it does
Reported once, on line 1, when flake8-boto3 itself fails while analysing a
file. The rest of the flake8 run goes on: the other files are checked and
every other plugin reports as usual. Only the BTO rules are missing for that
file.

## Why is this bad?
It is a bug in flake8-boto3, not in your code. Please report it with the file
(or a reduced version of it) and the message.

## Example
```python
# No code fires this rule on purpose.
```

## Use instead
```python
# Nothing to change in your code.
```

## Options
None. To hide it, `extend-ignore = BTO900`.

## References
- The project's issue tracker: report the file and the message there.
"""

from __future__ import annotations

import sys

from flake8_boto3.rule import Finding, Rule


def check(context) -> list[Finding]:
    return []  # reported by the checker when analysis fails, not found in code


def finding_for(error: BaseException) -> Finding:
    message = " ".join(str(error).split())[:200]
    return Finding(1, 0, RULE.code, f"internal error: {type(error).__name__}: {message} (please report)", "")


RULE = Rule(
    code="BTO900",
    name="internal-error",
    summary="flake8-boto3 failed on this file (please report)",
    link="",
    check=check,
    module=sys.modules[__name__],
)
