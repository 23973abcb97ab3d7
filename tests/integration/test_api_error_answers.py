"""Answers the API fuzzer (tests/integration/test_api_fuzz.py) found outside the declared
contract: every error under /api/v1/ and from a report download is API.md's JSON error shape,
with a status the OpenAPI document declares for that operation."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from jsonschema import Draft202012Validator

from advisor import services

from .actors import WORKLOAD

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_password_hashing")]


@pytest.fixture
def document(client):
    return client.get("/api/v1/openapi.json").json()


def assert_error_shape(document: dict, response, status: int, code: str) -> None:
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    schema = {"$ref": "#/components/schemas/Error", "components": document["components"]}
    body = response.json()
    assert not list(Draft202012Validator(schema).iter_errors(body))
    assert body["error"]["code"] == code


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/v1/designs/not-a-number"),
        ("get", "/api/v1/designs/-1/versions/1"),
        ("patch", "/api/v1/designs/null,null"),
        ("post", "/api/v1/comparisons/true/retry"),
        ("delete", "/api/v1/teams/1.5/members/alice"),
        ("get", "/api/v1/no-such-endpoint"),
        ("get", "/api/v1/comparisons/line%0Abreak"),
    ],
)
@pytest.mark.parametrize("debug", [True, False])
def test_an_api_address_that_names_no_endpoint_is_a_json_404(
    client, settings, document, alice, method, path, debug
):
    settings.DEBUG = debug
    client.force_login(alice)
    response = getattr(client, method)(path)
    assert_error_shape(document, response, 404, "not_found")


@pytest.mark.parametrize("token", ["%C3%A9t%C3%A9", "two%20words", "a.b", "~"])
def test_a_report_download_whose_token_cannot_exist_is_a_json_404(client, document, token):
    response = client.get(f"/r/{token}.json")
    assert_error_shape(document, response, 404, "not_found")
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_a_report_download_whose_token_cannot_exist_is_plain_text_for_markdown(client):
    response = client.get("/r/%C3%A9t%C3%A9.md")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/plain")


def _body_operations(document: dict) -> list[tuple[str, str]]:
    return [
        (path, method)
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if isinstance(operation, dict) and "requestBody" in operation
    ]


def test_every_operation_that_takes_a_body_requires_it_and_declares_413_and_415(document):
    operations = _body_operations(document)
    assert len(operations) >= 9
    for path, method in operations:
        operation = document["paths"][path][method]
        assert operation["requestBody"].get("required") is True, (method, path)
        for status in ("413", "415"):
            assert status in operation["responses"], (method, path, status)


def test_a_body_sent_as_form_data_is_the_declared_415(client, document, alice):
    team = services.team_create(name="Payments", owner=alice)
    design = services.design_create(team=team, name="Orders", workload=WORKLOAD, author=alice)
    client.force_login(alice)
    for path, method in _body_operations(document):
        url = path.replace("{id}", str(design.pk if "designs" in path else team.pk))
        response = client.generic(
            method.upper(), url, "name=x", content_type="application/x-www-form-urlencoded"
        )
        assert_error_shape(document, response, 415, "unsupported_media_type")


def test_a_body_past_the_limit_is_the_declared_413(client, document):
    body = json.dumps({"name": "x" * 300_000})
    response = client.post("/api/v1/recommendations", body, content_type="application/json")
    assert_error_shape(document, response, 413, "too_large")


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_the_catalog_answers_other_methods_with_the_api_405(client, method):
    response = getattr(client, method)("/api/v1/catalog")
    assert response.status_code == 405
    assert response["Allow"] == "GET"
    assert response.json()["error"]["code"] == "method_not_allowed"


NUL = "a\u0000b"
SURROGATE = "a\ud800b"


@pytest.mark.parametrize("text", [NUL, SURROGATE], ids=["nul", "lone-surrogate"])
@pytest.mark.parametrize(
    ("method", "path", "body", "field"),
    [
        ("post", "/api/v1/teams", lambda t, d: {"name": t}, "name"),
        ("patch", "/api/v1/designs/{design}", lambda t, d: {"name": t}, "name"),
        (
            "post",
            "/api/v1/designs",
            lambda t, d: {"team": d.team_id, "name": "x", "workload": {**WORKLOAD, "name": t}},
            "workload.name",
        ),
        (
            "post",
            "/api/v1/designs/{design}/versions",
            lambda t, d: {"base_version": 1, "workload": {**WORKLOAD, "name": t}},
            "workload.name",
        ),
        (
            "post",
            "/api/v1/teams/{team}/members",
            lambda t, d: {"username": t, "role": "editor"},
            "username",
        ),
        ("post", "/api/v1/recommendations", lambda t, d: {**WORKLOAD, "name": t}, "name"),
        (
            "post",
            "/api/v1/designs/{design}/comparisons",
            lambda t, d: {"regions": ["us-east-1", t]},
            "regions.1",
        ),
        ("post", "/api/v1/teams", lambda t, d: {t: "x"}, "body"),
    ],
)
def test_text_with_nul_or_a_lone_surrogate_is_a_400_naming_where(
    client, document, alice, method, path, body, field, text
):
    # PostgreSQL refuses NUL in text and jsonb, and a lone surrogate has no UTF-8: both were
    # 500s (the surrogate on SQLite too) until json_body refused them.
    team = services.team_create(name="Payments", owner=alice)
    design = services.design_create(team=team, name="Orders", workload=WORKLOAD, author=alice)
    client.force_login(alice)
    url = path.format(design=design.pk, team=team.pk)
    # json.dumps writes both as \u escapes, as a client's encoder would.
    payload = json.dumps(body(text, design))
    response = client.generic(method.upper(), url, payload, content_type="application/json")
    assert_error_shape(document, response, 400, "invalid_input")
    assert field in response.json()["error"]["fields"]


def test_removing_a_member_whose_name_holds_nul_is_a_404(client, document, alice):
    team = services.team_create(name="Payments", owner=alice)
    client.force_login(alice)
    response = client.delete(f"/api/v1/teams/{team.pk}/members/a%00b")
    assert_error_shape(document, response, 404, "not_found")


def test_a_session_cookie_with_nul_is_no_session(client, document):
    # The key reached PostgreSQL's session look-up, which refuses NUL: a 500.
    client.cookies["sessionid"] = "abcdefgh\x00ijklmnop"
    response = client.get("/api/v1/teams")
    assert_error_shape(document, response, 401, "unauthenticated")
    assert client.get("/api/v1/catalog").status_code == 200


def test_a_real_session_still_logs_in(client, alice):
    client.force_login(alice)
    assert client.get("/api/v1/teams").status_code == 200


def _valid(document: dict, name: str, instance) -> bool:
    schema = {"$ref": f"#/components/schemas/{name}", "components": document["components"]}
    return Draft202012Validator(schema).is_valid(instance)


def test_an_estimate_request_ties_the_config_to_its_service_as_the_server_does(client, document):
    dynamodb = {
        "region": "us-east-1",
        "service": "dynamodb",
        "config": {"capacity_mode": "on_demand"},
    }
    rds_config = {"engine": "mysql", "instance_class": "db.r6g.large"}
    mixed = {**dynamodb, "config": rds_config}
    assert _valid(document, "EstimateRequest", dynamodb)
    assert not _valid(document, "EstimateRequest", mixed)
    assert not _valid(document, "EstimateRequest", {**dynamodb, "usage": {"hours": 3}})
    ok = client.post("/api/v1/estimates", json.dumps(dynamodb), content_type="application/json")
    assert ok.status_code == 200
    bad = client.post("/api/v1/estimates", json.dumps(mixed), content_type="application/json")
    assert_error_shape(document, bad, 400, "invalid_input")


@pytest.mark.parametrize(
    ("path", "method"), [("/api/v1/designs", "post"), ("/api/v1/designs/{id}/versions", "post")]
)
def test_saving_a_design_declares_the_workload_schema_the_server_validates(document, path, method):
    body = document["paths"][path][method]["requestBody"]["content"]["application/json"]["schema"]
    assert body["properties"]["workload"]["$ref"] == "#/components/schemas/Workload"
    assert "data_model" in document["components"]["schemas"]["Workload"]["required"]


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_a_report_download_answers_other_methods_405_not_a_csrf_403(method):
    client = Client(enforce_csrf_checks=True)  # as a browser or script meets the site
    response = getattr(client, method)("/r/some-token.json")
    assert response.status_code == 405


@pytest.mark.parametrize(("name", "accepted"), [("", False), ("   ", False), ("  Payments ", True)])
def test_a_team_name_the_document_allows_is_one_the_server_accepts(
    client, document, alice, name, accepted
):
    schema = document["paths"]["/api/v1/teams"]["post"]["requestBody"]["content"][
        "application/json"
    ]["schema"]
    assert Draft202012Validator(schema).is_valid({"name": name}) is accepted
    client.force_login(alice)
    response = client.post("/api/v1/teams", {"name": name}, content_type="application/json")
    assert response.status_code == (201 if accepted else 400)
