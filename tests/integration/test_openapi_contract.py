"""The OpenAPI document is valid OpenAPI 3.1, and real answers match the schemas it declares."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def schema_of(document: dict, path: str, method: str, status: str) -> dict:
    responses = document["paths"][path][method]["responses"]
    return responses[status]["content"]["application/json"]["schema"]


def check(document: dict, schema: dict, body: dict) -> None:
    # Resolve "#/components/..." against the whole document.
    wrapped = {**schema, "components": document["components"]}
    errors = sorted(Draft202012Validator(wrapped).iter_errors(body), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])


def test_document_is_valid_openapi_3_1(document):
    assert document["openapi"].startswith("3.1")
    validate(document)


def test_every_api_md_endpoint_is_described(document):
    paths = set(document["paths"])
    for path in (
        "/api/v1/catalog",
        "/api/v1/questionnaire",
        "/api/v1/recommendations",
        "/api/v1/estimates",
        "/api/v1/teams",
        "/api/v1/designs",
        "/api/v1/comparisons/{id}",
    ):
        assert path in paths, path


def test_a_recommendation_matches_its_declared_schema(client, document):
    body = {
        "data_model": "relational",
        "reads_per_sec": 1500,
        "writes_per_sec": 200,
        "storage_gb": 300,
        "migration_source": {"engine": "mysql", "location": "on_premises"},
    }
    response = client.post(
        "/api/v1/recommendations", data=json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 200
    check(document, schema_of(document, "/api/v1/recommendations", "post", "200"), response.json())


def test_an_estimate_and_an_error_match_their_declared_schemas(client, document):
    body = {
        "region": "us-east-1",
        "service": "dynamodb",
        "config": {"capacity_mode": "on_demand"},
        "usage": {"storage_gb": 50, "read_request_units_per_month": 1000000},
    }
    ok = client.post("/api/v1/estimates", data=json.dumps(body), content_type="application/json")
    assert ok.status_code == 200
    check(document, schema_of(document, "/api/v1/estimates", "post", "200"), ok.json())
    bad = client.post(
        "/api/v1/estimates",
        data=json.dumps({**body, "config": {"capacity_mode": "sometimes"}}),
        content_type="application/json",
    )
    assert bad.status_code == 400
    check(document, schema_of(document, "/api/v1/estimates", "post", "400"), bad.json())
