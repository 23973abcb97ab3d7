"""Properties over the Workload: every valid one gets a recommendation whose cost components
add up to its totals; every invalid one fails validation naming the field."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advisor.engine import recommend, recommendation_to_json
from advisor.questionnaire import WorkloadInvalid, workload_from_json

from .strategies import BREAKAGES, valid_payloads

MONEY = re.compile(r"^\d+\.\d{2}$")
FAST = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(payload=valid_payloads())
def test_every_valid_workload_gets_a_recommendation_whose_components_add_up(book, payload):
    data = recommendation_to_json(recommend(workload_from_json(payload), book))
    options = [data["primary"], data["cache"], data["migration"], *data["alternatives"]]
    for option in filter(None, options):
        parts = [Decimal(c["monthly_usd"]) for c in option["cost_components"]]
        assert sum(parts, Decimal(0)) == Decimal(option["monthly_usd"]), option["label"]
        assert MONEY.match(option["monthly_usd"]) and MONEY.match(option["upfront_usd"])
        assert 0 <= option["fit_score"] <= 100
        assert option["rationale"], option["label"]
        for c in option["cost_components"]:
            assert Decimal(c["unit_price_usd"]) >= 0 and "E" not in c["unit_price_usd"]
    expected = Decimal(0)
    for option in (data["primary"], data["cache"]):
        expected += Decimal(option["monthly_usd"]) if option else 0
    assert Decimal(data["total_monthly_usd"]) == expected
    assert MONEY.match(data["total_monthly_usd"])
    if data["primary"] is None:
        assert "recommendation.none_feasible" in [f["rule"] for f in data["findings"]]
    ranked = [o for o in [data["primary"], *data["alternatives"]] if o]
    scores = [o["fit_score"] for o in ranked]
    assert scores == sorted(scores, reverse=True)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(payload=valid_payloads())
def test_the_recommendation_is_deterministic(book, payload):
    workload = workload_from_json(payload)
    assert recommendation_to_json(recommend(workload, book)) == recommendation_to_json(
        recommend(workload, book)
    )


@settings(max_examples=60, deadline=None)
@given(payload=valid_payloads(), breakage=st.sampled_from(BREAKAGES))
def test_every_invalid_workload_fails_validation_naming_the_field(payload, breakage):
    field, breaker = breakage
    with pytest.raises(WorkloadInvalid) as info:
        workload_from_json(breaker(payload))
    assert field in info.value.fields
    assert all(info.value.fields[field])
