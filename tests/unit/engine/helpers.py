"""Table-test helpers: a workload from a few answers, and checks on the JSON answer by path.

Paths read the API answer (recommendation_to_json), so the tables also prove the shape:
  "primary.service", "primary.config.deployment", "cache", "migration.config.migration_type",
  "option[aurora].config.storage_config"       the first option (primary or alternative) of a service,
  "option[aurora:capacity=serverless_v2].config.min_acu"   ... whose config has that value,
  "rejected[dynamodb]"    the rule ids rejecting that service (checked with "has"),
  "findings", "primary.rationale", "option[rds].rationale"  rule ids (checked with "has").
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from advisor.engine import recommend, recommendation_to_json
from advisor.questionnaire import workload_from_json

BASE = {"data_model": "relational", "reads_per_sec": 500, "writes_per_sec": 50, "storage_gb": 100}


def answer(book, **answers: Any) -> dict:
    payload = {**BASE, **answers}
    return recommendation_to_json(recommend(workload_from_json(payload), book))


class Has:
    """Expect these rule ids (or values) among a list, in any order."""

    def __init__(self, *items: str) -> None:
        self.items = items

    def __repr__(self) -> str:
        return f"Has{self.items}"


class Lacks(Has):
    """Expect none of these among a list."""


class Between:
    def __init__(self, low, high) -> None:
        self.low, self.high = Decimal(str(low)), Decimal(str(high))

    def __repr__(self) -> str:
        return f"Between({self.low}, {self.high})"


class Prefix:
    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return f"Prefix({self.text!r})"


_OPTION = re.compile(r"^option\[(\w+)(?::(\w+)=([\w.-]+))?\]$")


def resolve(data: dict, path: str) -> Any:
    parts = path.split(".")
    head, rest = parts[0], parts[1:]
    match = _OPTION.match(head)
    if match:
        service, key, value = match.groups()
        node = next(
            (
                o
                for o in [data["primary"], *data["alternatives"]]
                if o and o["service"] == service and (key is None or str(o["config"][key]) == value)
            ),
            None,
        )
        assert node is not None, f"no {head} option; options: {labels(data)}"
    elif head.startswith("rejected["):
        service = head[len("rejected[") : -1]
        return [
            f["rule"] for r in data["rejected"] if r["service"] == service for f in r["reasons"]
        ]
    else:
        node = data[head]
    for part in rest:
        assert node is not None, f"{path}: {part} of null; options: {labels(data)}"
        node = node[part]
        if part in ("rationale", "findings"):
            return [f["rule"] for f in node]
    if head == "findings":
        return [f["rule"] for f in node]
    return node


def labels(data: dict) -> list[str]:
    return [o["label"] for o in [data["primary"], *data["alternatives"]] if o]


def check(data: dict, expected: dict[str, Any]) -> None:
    for path, want in expected.items():
        got = resolve(data, path)
        if isinstance(want, Lacks):
            assert not set(want.items) & set(got), f"{path}: {got} has one of {want.items}"
        elif isinstance(want, Has):
            assert set(want.items) <= set(got), f"{path}: {got} lacks {want.items}"
        elif isinstance(want, Between):
            assert want.low <= Decimal(str(got)) <= want.high, f"{path}: {got} not in {want}"
        elif isinstance(want, Prefix):
            assert str(got).startswith(want.text), f"{path}: {got!r} does not start {want.text!r}"
        else:
            assert got == want, f"{path}: {got!r} != {want!r}; options: {labels(data)}"
