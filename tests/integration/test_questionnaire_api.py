"""GET /api/v1/questionnaire: the questions from the one definition, regions from the catalog."""

from __future__ import annotations

import pytest
from django.test import Client

from advisor.questionnaire import QUESTIONS
from catalog.services import pricebook_current

pytestmark = pytest.mark.django_db

URL = "/api/v1/questionnaire"


def test_every_workload_field_has_its_question_in_form_order():
    response = Client().get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert [q["id"] for q in data["questions"]] == [q.id for q in QUESTIONS]
    assert [s["id"] for s in data["sections"]] == [
        "data", "traffic", "latency", "availability", "regions", "migration", "budget",
    ]  # fmt: skip
    for q in data["questions"]:
        assert {"id", "label", "help", "type", "choices", "minimum", "maximum", "unit",
                "default", "section", "advanced"} <= set(q)  # fmt: skip


def test_region_choices_are_the_catalogs_regions():
    data = Client().get(URL).json()
    regions = next(q for q in data["questions"] if q["id"] == "regions")
    book = pricebook_current()
    assert {c["value"] for c in regions["choices"]} == set(book.regions)
    assert data["catalog"]["version"] == book.version


def test_defaults_and_bounds_match_api_md():
    by_id = {q["id"]: q for q in Client().get(URL).json()["questions"]}
    assert by_id["latency_p99_ms"]["default"] == 20
    assert by_id["availability_target"]["default"] == 99.9
    assert by_id["regions"]["default"] == ["us-east-1"]
    assert by_id["backup_retention_days"]["maximum"] == 35
    assert by_id["data_model"]["required"] is True


def test_post_is_405_and_openapi_describes_it():
    assert Client().post(URL).status_code == 405
    document = Client().get("/api/v1/openapi.json").json()
    assert "/api/v1/questionnaire" in document["paths"]
    assert "Question" in document["components"]["schemas"]
