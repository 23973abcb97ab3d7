"""POST /api/v1/recommendations through the test client: API.md's answer shape, the error
shape for bad input (unknown fields by name), garbage never a 500, and its OpenAPI part."""

from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advisor.recommending import recommendation_for_payload
from catalog.services import pricebook_current
from tests.unit.engine.strategies import BREAKAGES, valid_payloads

pytestmark = pytest.mark.django_db

URL = "/api/v1/recommendations"
WORKLOAD = {"data_model": "relational", "reads_per_sec": 800, "writes_per_sec": 80,
            "storage_gb": 250, "migration_source": {"engine": "mysql"}}  # fmt: skip
MONEY = re.compile(r"^\d+\.\d{2}$")
OPTION_KEYS = {"service", "label", "config", "monthly_usd", "upfront_usd", "cost_components",
               "rationale", "fit_score"}  # fmt: skip
ANSWER_KEYS = {"workload", "catalog", "primary", "cache", "migration", "alternatives",
               "rejected", "findings", "total_monthly_usd"}  # fmt: skip


def post(body, client=None, content_type="application/json"):
    raw = body if isinstance(body, str | bytes) else json.dumps(body)
    return (client or Client()).post(URL, raw, content_type=content_type)


def test_answer_has_api_md_shape_with_defaults_filled_and_catalog_echoed():
    response = post(WORKLOAD)
    assert response.status_code == 200
    data = response.json()
    assert set(data) >= ANSWER_KEYS
    assert data["workload"]["regions"] == ["us-east-1"]
    assert data["workload"]["rpo_seconds"] == 3600 and data["workload"]["consistency"] == "strong"
    book = pricebook_current()
    assert data["catalog"] == {"version": book.version, "as_of": book.as_of.isoformat(),
                               "currency": "USD"}  # fmt: skip
    for option in [data["primary"], data["migration"], *data["alternatives"]]:
        assert set(option) >= OPTION_KEYS
        assert MONEY.match(option["monthly_usd"]) and MONEY.match(option["upfront_usd"])
        for component in option["cost_components"]:
            assert set(component) >= {"name", "unit", "quantity", "unit_price_usd", "monthly_usd"}
            assert MONEY.match(component["monthly_usd"])
        for finding in option["rationale"]:
            assert set(finding) >= {"rule", "severity", "message", "source"}
            assert finding["source"].startswith("https://")
    assert data["migration"]["service"] == "dms"
    assert MONEY.match(data["total_monthly_usd"])


def test_api_and_service_function_give_the_same_answer():
    data = post(WORKLOAD).json()
    assert data == json.loads(json.dumps(recommendation_for_payload(WORKLOAD, pricebook_current())))


def test_a_name_in_any_script_comes_back_as_utf8_json():
    response = post({**WORKLOAD, "name": "주문 DB \u2014 prod"})
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content.decode("utf-8"))["workload"]["name"] == "주문 DB \u2014 prod"


def test_unit_prices_keep_full_precision():
    data = post({"data_model": "key_value", "reads_per_sec": 100, "writes_per_sec": 10,
                 "storage_gb": 5, "traffic_pattern": "spiky"}).json()  # fmt: skip
    prices = [c["unit_price_usd"] for c in data["primary"]["cost_components"]]
    assert any(len(p.split(".")[-1]) > 2 for p in prices), prices


@pytest.mark.parametrize(
    ("body", "field", "fragment"),
    [
        ({**WORKLOAD, "avg_reads_per_sec": 900}, "avg_reads_per_sec", "cannot exceed peak reads"),
        ({**WORKLOAD, "colour": "red"}, "colour", "unknown field"),
        ({**WORKLOAD, "regions": ["xx-nowhere-1"]}, "regions", "xx-nowhere-1"),
        ({**WORKLOAD, "reads_per_sec": -3}, "reads_per_sec", "at least 0"),
        ({k: v for k, v in WORKLOAD.items() if k != "storage_gb"}, "storage_gb", "is required"),
        ({**WORKLOAD, "migration_source": {"engine": "mysql", "size": 3}},
         "migration_source.size", "unknown field"),
    ],
    ids=["average-above-peak", "unknown-field-named", "unknown-region", "negative-rate",
         "missing-required", "unknown-nested-field"],
)  # fmt: skip
def test_bad_answers_are_400_with_api_md_error_shape(body, field, fragment):
    response = post(body)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid_input" and error["message"]
    assert any(fragment in m for m in error["fields"][field]), error["fields"]


@pytest.mark.parametrize(
    ("raw", "content_type", "status"),
    [
        ("{not json", "application/json", 400),
        ("[]", "application/json", 400),
        ("null", "application/json", 400),
        ('"text"', "application/json", 400),
        ("1" * 5000, "application/json", 400),
        ("[" * 10000 + "]" * 10000, "application/json", 400),
        (json.dumps({**WORKLOAD, "storage_gb": 1e308}), "application/json", 400),
        ('{"data_model": "relational", "reads_per_sec": NaN, "writes_per_sec": 1, "storage_gb": 1}',
         "application/json", 400),
        ('{"data_model": "relational", "reads_per_sec": 1e999999, "writes_per_sec": 1, "storage_gb": 1}',
         "application/json", 400),
        ("data_model=relational", "application/x-www-form-urlencoded", 415),
        (b"\xff\xfe", "application/json", 400),
    ],
    ids=["broken-json", "array", "null", "string", "huge-integer", "deep-nesting", "1e308",
         "nan", "1e999999", "form-encoded", "not-utf8"],
)  # fmt: skip
def test_garbage_is_a_4xx_never_a_500(raw, content_type, status):
    response = post(raw, content_type=content_type)
    assert response.status_code == status
    assert "error" in response.json()


def test_get_is_405_with_allow_header():
    response = Client().get(URL)
    assert response.status_code == 405 and response["Allow"] == "POST"


def test_needs_no_login_and_no_csrf_token():
    response = post(WORKLOAD, client=Client(enforce_csrf_checks=True))
    assert response.status_code == 200


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.function_scoped_fixture])  # fmt: skip
@given(payload=valid_payloads(), breakage=st.sampled_from(BREAKAGES))
def test_every_invalid_workload_is_a_400_naming_the_field(payload, breakage):
    field, breaker = breakage
    response = post(json.loads(json.dumps(breaker(payload), default=str)))
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.function_scoped_fixture])  # fmt: skip
@given(payload=valid_payloads())
def test_every_valid_workload_is_a_200_whose_components_add_up(payload):
    body = json.loads(json.dumps(payload, default=float))
    response = post(body)
    assert response.status_code == 200, response.content[:500]
    data = response.json()
    for option in filter(None, [data["primary"], data["cache"], *data["alternatives"]]):
        total = sum((Decimal(c["monthly_usd"]) for c in option["cost_components"]), Decimal(0))
        assert total == Decimal(option["monthly_usd"])


def test_openapi_describes_the_recommendations_endpoint_and_workload():
    document = Client().get("/api/v1/openapi.json").json()
    post_op = document["paths"]["/api/v1/recommendations"]["post"]
    assert set(post_op["responses"]) >= {"200", "400"}
    workload = document["components"]["schemas"]["Workload"]
    assert set(workload["required"]) == {"data_model", "reads_per_sec", "writes_per_sec",
                                         "storage_gb"}  # fmt: skip
    assert workload["additionalProperties"] is False
    assert workload["properties"]["item_size_kb"]["maximum"] == 10240
    recommendation = document["components"]["schemas"]["Recommendation"]
    assert set(recommendation["required"]) == ANSWER_KEYS
