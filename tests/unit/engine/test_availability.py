"""Availability: every option that AWS commits to less than the target for carries a finding
saying what it reaches and what would meet the target, and loses fit for it."""

from __future__ import annotations

import pytest

from .helpers import Has, Lacks, answer, check

CASES = [
    pytest.param(
        {"availability_target": 99.999},
        {"option[rds].rationale": Has("availability.five_nines"),
         "option[aurora].rationale": Has("availability.five_nines"),
         "option[dynamodb].rationale": Has("availability.five_nines")},
        id="five-nines-in-one-region-is-a-risk-for-every-single-region-option",
    ),
    pytest.param(
        {"availability_target": 99.99, "exclude_services": ["aurora", "dynamodb"]},
        {"primary.service": "rds", "primary.rationale": Has("availability.sla")},
        id="99-99-is-above-rds-multi-az-99-95",
    ),
    pytest.param(
        {"availability_target": 99.99, "needs_joins": True},
        {"primary.service": "aurora", "primary.rationale": Lacks("availability.sla"),
         "option[rds].rationale": Has("availability.sla")},
        id="99-99-with-joins-prefers-aurora-across-azs-over-rds-multi-az",
    ),
    pytest.param(
        {"availability_target": 99.95},
        {"option[rds].rationale": Lacks("availability.sla", "availability.five_nines")},
        id="99-95-is-met-by-rds-multi-az",
    ),
    pytest.param(
        {"data_model": "in_memory", "rpo_seconds": None, "consistency": "eventual",
         "availability_target": 99.99},
        {"option[elasticache].rationale": Lacks("availability.sla"),
         "option[dynamodb].rationale": Lacks("availability.sla")},
        id="99-99-is-met-by-elasticache-multi-az-and-dynamodb",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("answers", "expected"), CASES)
def test_availability(book, answers, expected):
    check(answer(book, **answers), expected)


def _finding(data: dict, service: str, rule: str) -> dict:
    option = next(o for o in [data["primary"], *data["alternatives"]] if o["service"] == service)
    return next(f for f in option["rationale"] if f["rule"] == rule)


def test_the_finding_says_what_the_option_reaches_and_what_meets_the_target(book):
    data = answer(book, availability_target=99.99, needs_joins=True)
    found = _finding(data, "rds", "availability.sla")
    assert found["severity"] == "risk"
    assert "99.95%" in found["message"] and "99.99% target" in found["message"]
    assert "Aurora with a replica in another AZ (99.99%)" in found["message"]
    assert found["source"] == "https://aws.amazon.com/rds/sla/"


def test_five_nines_points_to_global_tables_only_where_dynamodb_can_hold_the_data(book):
    kv = answer(book, data_model="key_value", availability_target=99.999)
    assert (
        "DynamoDB global tables (99.999%"
        in _finding(kv, "dynamodb", "availability.five_nines")["message"]
    )
    oracle = answer(book, engine_preference="oracle", availability_target=99.999)
    text = _finding(oracle, "rds", "availability.five_nines")["message"]
    assert "neither can hold this workload" in text and "would meet it" not in text


def test_the_deployment_sentence_does_not_claim_a_target_it_misses(book):
    data = answer(book, availability_target=99.999, exclude_services=["aurora", "dynamodb"])
    deployment = _finding(data, "rds", "rds.deployment")["message"]
    assert "99.999% availability" not in deployment
    assert "below the 99.999% target" in deployment


def test_a_missed_target_lowers_the_fit(book):
    only_rds = {"exclude_services": ["aurora", "dynamodb"]}
    met = answer(book, availability_target=99.95, **only_rds)["primary"]["fit_score"]
    missed = answer(book, availability_target=99.99, **only_rds)["primary"]["fit_score"]
    assert missed < met


def test_development_may_trade_availability_a_warning_not_a_risk(book):
    data = answer(book, environment="development", availability_target=99.99)
    assert _finding(data, "rds", "availability.sla")["severity"] == "warning"
