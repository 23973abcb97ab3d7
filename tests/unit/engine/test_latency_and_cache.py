"""Latency targets an option cannot be expected to meet, and the cache layer shown with the
recommended design (its wording and its fit)."""

from __future__ import annotations

import pytest

from .helpers import Between, Has, Lacks, answer, check

KV = {"data_model": "key_value", "reads_per_sec": 5000, "writes_per_sec": 500, "storage_gb": 50}
LEADERBOARD = {"data_model": "in_memory", "reads_per_sec": 20000, "writes_per_sec": 5000,
               "item_size_kb": 0.2, "storage_gb": 10, "latency_p99_ms": 1, "rpo_seconds": 60}  # fmt: skip

CASES = [
    pytest.param(
        {**KV, "consistency": "strong", "latency_p99_ms": 2},
        {"primary.service": "dynamodb", "primary.config.dax": None,
         "primary.rationale": Has("latency.p99_unmet")},
        id="strong-reads-below-dynamodb-latency-with-no-dax-are-a-risk",
    ),
    pytest.param(
        {**KV, "consistency": "eventual", "latency_p99_ms": 2},
        {"option[dynamodb].rationale": Lacks("latency.p99_unmet")},
        id="eventual-reads-through-dax-meet-a-2ms-p99",
    ),
    pytest.param(
        {**KV, "consistency": "strong", "latency_p99_ms": 5},
        {"option[dynamodb].rationale": Lacks("latency.p99_unmet")},
        id="a-5ms-p99-is-within-dynamodb-single-digit-milliseconds",
    ),
    pytest.param(
        LEADERBOARD,
        {"primary.service": "elasticache", "primary.rationale": Lacks("latency.p99_unmet"),
         "option[dynamodb].rationale": Has("latency.p99_unmet"),
         "option[rds].rationale": Has("latency.p99_unmet")},
        id="a-1ms-leaderboard-flags-its-disk-backed-alternatives",
    ),
    pytest.param(
        {"consistency": "strong", "latency_p99_ms": 2},
        {"cache": None, "primary.rationale": Has("latency.p99_unmet")},
        id="strong-relational-reads-below-5ms-with-no-cache-are-a-risk",
    ),
    pytest.param(
        {"consistency": "eventual", "latency_p99_ms": 2},
        {"cache.fit_score": Between(1, 100), "primary.rationale": Lacks("latency.p99_unmet")},
        id="the-cache-layer-gets-a-fit-of-its-own",
    ),
    pytest.param(
        {**KV, "consistency": "strong", "latency_p99_ms": 0.5, "reads_per_sec": 20000},
        {"primary.service": "dynamodb",
         "primary.rationale": Has("constraint.sub_ms_needs_memory"),
         "option[dynamodb].rationale": Lacks("latency.p99_unmet")},
        id="a-relaxed-sub-ms-target-is-said-once-not-twice",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("answers", "expected"), CASES)
def test_latency_and_cache(book, answers, expected):
    check(answer(book, **answers), expected)


def _cache_note(data: dict) -> str:
    return next(f["message"] for f in data["cache"]["rationale"] if f["rule"] == "cache.layer")


def test_a_cache_in_front_of_dynamodb_says_why_dynamodb_needs_it(book):
    data = answer(book, **KV, consistency="eventual", latency_p99_ms=1,
                  regions=["ap-northeast-2"])  # fmt: skip
    assert data["primary"]["service"] == "dynamodb"
    note = _cache_note(data)
    assert "DAX is not offered" in note and "relational" not in note


def test_a_cache_in_front_of_a_relational_database_says_why_it_needs_it(book):
    data = answer(book, consistency="eventual", latency_p99_ms=2)
    assert data["primary"]["service"] in ("rds", "aurora")
    assert "relational database" in _cache_note(data)
