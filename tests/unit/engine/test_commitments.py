"""A one-year commitment beside the recommended design: priced from the catalog's reserved
rows for steady or predictable production load, never changing the on-demand price, and
silent where a reservation does not suit the load or the catalog has no reserved price."""

from __future__ import annotations

import re

import pytest

from .helpers import answer

POSTGRES = {"data_model": "relational", "needs_joins": True, "reads_per_sec": 2000,
            "writes_per_sec": 200, "storage_gb": 300, "engine_preference": "postgresql"}  # fmt: skip
KEY_VALUE = {"data_model": "key_value", "reads_per_sec": 20000, "writes_per_sec": 20000,
             "storage_gb": 300}  # fmt: skip


def _reserved(option: dict) -> list[str]:
    return [f["message"] for f in option["rationale"] if f["rule"] == "pricing.reserved"]


def test_steady_production_rds_says_what_reserved_instances_would_cost(book):
    data = answer(book, **POSTGRES, traffic_pattern="steady")
    primary = data["primary"]
    assert primary["service"] == "rds"
    (note,) = _reserved(primary)
    on_demand = re.search(r"against \$([\d,.]+) a month on demand", note).group(1)
    assert on_demand == f"{float(primary['monthly_usd']):,.2f}"  # the option stays on demand
    reserved = re.search(r"comes to \$([\d,.]+) a month with nothing upfront \((\d+)% less\)", note)
    assert reserved, note
    saved = 1 - float(reserved.group(1).replace(",", "")) / float(primary["monthly_usd"])
    assert round(saved * 100) == int(reserved.group(2))


def test_steady_provisioned_dynamodb_says_what_reserved_capacity_would_cost(book):
    data = answer(book, **KEY_VALUE, traffic_pattern="steady")
    primary = data["primary"]
    assert primary["service"] == "dynamodb"
    assert primary["config"]["capacity_mode"] == "provisioned"
    (note,) = _reserved(primary)
    assert "reserved capacity for one year" in note and "upfront" in note


@pytest.mark.parametrize(
    "changes",
    [
        pytest.param({"traffic_pattern": "spiky"}, id="spiky-load-would-pay-for-idle-hours"),
        pytest.param(
            {"traffic_pattern": "steady", "environment": "development"},
            id="development-is-not-committed-to",
        ),  # fmt: skip
        pytest.param(
            {"traffic_pattern": "steady", "engine_preference": "oracle"},
            id="no-reserved-price-in-the-catalog-says-nothing",
        ),  # fmt: skip
    ],
)
def test_no_commitment_is_suggested_where_it_does_not_suit_or_is_not_priced(book, changes):
    data = answer(book, **{**POSTGRES, **changes})
    for option in [data["primary"], data["cache"], *data["alternatives"]]:
        if option:
            assert _reserved(option) == []


def test_the_commitment_note_does_not_make_the_budget_findings_compare_the_primary_with_itself(
    book,
):
    data = answer(book, **POSTGRES, traffic_pattern="steady", monthly_budget_usd=10)
    assert _reserved(data["primary"])
    cheapest = [f["message"] for f in data["findings"] if f["rule"] == "budget.none_feasible"]
    assert cheapest
    assert f"The cheapest feasible option is {data['primary']['label']}" not in cheapest[0]
