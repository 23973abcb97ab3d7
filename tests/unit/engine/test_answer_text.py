"""The API's answer text is exactly json.dumps of recommendation_to_json, byte for byte,
whatever the workload and whatever was encoded before it."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings

from advisor.engine import recommend, recommendation_to_json
from advisor.engine.answer_text import recommendation_json_text
from advisor.questionnaire import workload_from_json

from .strategies import valid_payloads

ORDERS = {
    "name": "주문 (orders)",  # non-ASCII text is escaped as json.dumps escapes it
    "data_model": "relational",
    "reads_per_sec": 4000,
    "writes_per_sec": 400,
    "storage_gb": 800,
    "latency_p99_ms": 4,
    "consistency": "eventual",
    "regions": ["us-east-1", "us-west-2"],
    "multi_region": "dr",
    "migration_source": {"engine": "mysql", "max_downtime_minutes": 15},
    "monthly_budget_usd": 100,
}


def _both(payload, book) -> tuple[str, str]:
    rec = recommend(workload_from_json(payload), book)
    return recommendation_json_text(rec), json.dumps(recommendation_to_json(rec))


def test_answer_text_is_json_dumps_of_the_answer_with_cache_migration_and_risks(book):
    text, expected = _both(ORDERS, book)
    data = json.loads(text)
    assert data["cache"] and data["migration"] and data["alternatives"] and data["rejected"]
    assert text == expected
    assert _both(ORDERS, book) == (expected, expected)  # again, from kept pieces


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(payload=valid_payloads())
def test_answer_text_is_json_dumps_of_the_answer_for_any_valid_workload(book, payload):
    text, expected = _both(payload, book)
    assert text == expected
