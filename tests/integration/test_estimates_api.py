"""POST /api/v1/estimates through the test client: every service priced, bad bodies answered 400
with field errors, garbage never a 500, and the endpoint described in the OpenAPI document."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advisor.configs import CONFIG_TYPES, USAGE_TYPES

pytestmark = pytest.mark.django_db

URL = "/api/v1/estimates"

BODIES = {
    "rds": {
        "region": "us-east-1",
        "service": "rds",
        "config": {"engine": "mysql", "instance_class": "db.t3.large", "storage_type": "gp2"},
    },
    "aurora": {
        "region": "us-east-1",
        "service": "aurora",
        "config": {"engine": "aurora-mysql", "capacity": "serverless_v2", "min_acu": 5},
        "usage": {"storage_gb": 100, "io_requests_per_month": 52560000, "backup_storage_gb": 500},
    },
    "dynamodb": {
        "region": "us-east-1",
        "service": "dynamodb",
        "config": {
            "capacity_mode": "provisioned",
            "read_capacity_units": 30,
            "write_capacity_units": 20,
        },
        "usage": {"storage_gb": 230},
    },
    "elasticache": {
        "region": "us-east-1",
        "service": "elasticache",
        "config": {"engine": "valkey", "deployment": "serverless"},
        "usage": {"avg_data_gb": 2.5, "ecpu_per_month": "1000000000"},
    },
    "dms": {
        "region": "us-east-1",
        "service": "dms",
        "config": {
            "source_engine": "mysql",
            "target_engine": "aurora-mysql",
            "replication_instance_class": "dms.t3.micro",
            "multi_az": True,
        },
        "usage": {"hours": 730, "storage_gb": 70},
    },
}
EXPECTED_MONTHLY = {
    "rds": "101.58",  # 99.28 instance + 2.30 storage (Infracost db_instance_test)
    "aurora": "466.91",  # 438.00 + 10.00 + 10.51 + 8.40 (Infracost rds_cluster_test)
    "dynamodb": "69.84",  # 9.49 WCU + 2.85 RCU (730 h) + 57.50 storage
    "elasticache": "155.60",  # 2.5 GB x 730 h x $0.084 + 1,000 M ECPUs x $0.0023
    "dms": "31.76",  # 27.16 Multi-AZ t3.micro + 4.60 storage beyond 50 GB
}


def post(client, body, content_type="application/json"):
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post(URL, data=data, content_type=content_type)


def fields_of(response) -> dict:
    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert error["code"] == "invalid_input" and error["message"]
    return error["fields"]


@pytest.mark.parametrize("service", sorted(BODIES))
def test_every_service_is_priced_through_the_endpoint(client, service):
    response = post(client, BODIES[service])
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["catalog"] == {
        "version": "aws-2025-12-06",
        "as_of": "2025-12-06",
        "currency": "USD",
    }
    assert body["monthly_usd"] == EXPECTED_MONTHLY[service]
    assert body["upfront_usd"] == "0.00"
    assert body["cost_components"]
    for component in body["cost_components"]:
        assert {"name", "unit", "quantity", "unit_price_usd", "monthly_usd"} <= set(component)
        assert Decimal(component["quantity"]) > 0
        assert "E" not in component["unit_price_usd"] and "," not in component["quantity"]
        assert component["source"]
    lines = sum(Decimal(c["monthly_usd"]) for c in body["cost_components"])
    assert abs(lines - Decimal(body["monthly_usd"])) <= Decimal("0.01") * len(
        body["cost_components"]
    )


def test_reserved_terms_report_the_upfront_fee_apart(client):
    body = {
        "region": "us-east-1",
        "service": "rds",
        "config": {
            "engine": "postgresql",
            "instance_class": "db.m6g.xlarge",
            "pricing_term": "1yr_partial_upfront",
        },
    }
    answer = post(client, body).json()
    assert Decimal(answer["upfront_usd"]) > 0
    instance = answer["cost_components"][0]
    assert instance["upfront_usd"] == answer["upfront_usd"]
    assert "effective" in instance["note"]


def test_unknown_fields_are_rejected_by_name(client):
    body = {**BODIES["rds"], "colour": "red"}
    body["config"] = {**body["config"], "size": "large"}
    body["usage"] = {"hourz": 3}
    fields = fields_of(post(client, body))
    assert fields["colour"] == ["unknown field"]
    assert fields["config.size"] == ["unknown field"]
    assert fields["usage.hourz"] == ["unknown field"]


def test_missing_and_mistyped_fields_are_named(client):
    assert set(fields_of(post(client, {}))) == {"region", "service", "config"}
    body = {
        "region": 42,
        "service": "rds",
        "config": {
            "engine": "mysql",
            "instance_class": "db.t3.large",
            "allocated_storage_gb": "lots",
            "read_replicas": -1,
            "pitr": "yes",
            "dr_regions": "eu-west-1",
            "deployment": "everywhere",
        },
        "usage": {"backup_storage_gb": -5},
    }
    fields = fields_of(post(client, body))
    for name in (
        "region",
        "config.allocated_storage_gb",
        "config.read_replicas",
        "config.pitr",
        "config.dr_regions",
        "config.deployment",
        "usage.backup_storage_gb",
    ):
        assert name in fields, name


def test_an_unknown_service_is_named(client):
    assert "service" in fields_of(post(client, {**BODIES["rds"], "service": "redshift"}))


def test_a_region_outside_the_catalog_is_named(client):
    assert "region" in fields_of(post(client, {**BODIES["rds"], "region": "mars-north-1"}))


def test_a_configuration_the_catalog_cannot_price_is_400_naming_the_field(client):
    body = {**BODIES["rds"], "region": "eu-west-3"}
    body["config"] = {"engine": "mysql", "instance_class": "db.r7g.large"}
    fields = fields_of(post(client, body))
    assert list(fields) == ["config.instance_class"]
    assert "eu-west-3" in fields["config.instance_class"][0]
    body = {
        **BODIES["rds"],
        "config": {"engine": "mysql", "edition": "ee", "instance_class": "db.t3.large"},
    }
    assert list(fields_of(post(client, body))) == ["config.edition"]
    body = {
        **BODIES["rds"],
        "config": {
            "engine": "mysql",
            "instance_class": "db.t3.large",
            "storage_type": "io1",
            "allocated_storage_gb": 50,
            "provisioned_iops": 1000,
        },
    }
    assert list(fields_of(post(client, body))) == ["config.allocated_storage_gb"]


def test_a_get_is_405(client):
    response = client.get(URL)
    assert response.status_code == 405
    assert response["Allow"] == "POST"


def test_without_a_catalog_the_answer_is_503(client):
    from catalog.models import CatalogVersion

    CatalogVersion.objects.update(is_current=False)
    response = post(client, BODIES["rds"])
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "catalog_unavailable"


GARBAGE = [
    b"",
    b"not json",
    b"{",
    b"[1, 2, 3]",
    b'"rds"',
    b"null",
    b"\xff\xfe\x00",
    b"NaN",
    b'{"region": "us-east-1", "service": "rds", "config": {"engine": "mysql", '
    b'"instance_class": "db.t3.large", "allocated_storage_gb": NaN}}',
    b'{"region": "us-east-1", "service": "rds", "config": {"engine": "mysql", '
    b'"instance_class": "db.t3.large", "read_replicas": Infinity}}',
    b'{"region": "us-east-1", "service": "rds", "config": {"engine": "mysql", '
    b'"instance_class": "db.t3.large", "allocated_storage_gb": 1e999999999}}',
    b'{"region": "us-east-1", "service": "aurora", "config": {"engine": "aurora-mysql", '
    b'"capacity": "serverless_v2", "min_acu": 1e-999999999}}',
    b'{"region": "us-east-1", "service": "dms", "config": {"source_engine": "mysql", '
    b'"target_engine": "mysql"}, "usage": {"hours": 1e15, "storage_gb": 1e15}}',
    b'{"a": ' + b"9" * 5000 + b"}",
    b"[" * 100_000 + b"]" * 100_000,
    b'{"region": "us-east-1", "service": ["rds"], "config": {}}',
    b'{"region": {"code": "us-east-1"}, "service": {"x": 1}, "config": [], "usage": 7}',
    b'{"region": "us-east-1", "service": "dynamodb", "config": {"dax": "big"}}',
    b'{"region": "us-east-1", "service": "dynamodb", "config": {"dax": {"node_type": 5, '
    b'"nodes": -1, "colour": 1}}}',
    b'{"region": "us-east-1", "service": "elasticache", "config": {"shards": 1000000000, '
    b'"replicas_per_shard": 1000000000, "node_type": "cache.r7g.large"}}',
    b'{"region": "us-east-1", "service": "rds", "config": {"engine": "mysql", '
    b'"instance_class": "db.t3.large"}, "usage": {"hours_per_month": "1e14"}}',
]


@pytest.mark.parametrize("raw", GARBAGE, ids=range(len(GARBAGE)))
def test_garbage_is_answered_4xx_never_500(client, raw):
    response = client.post(URL, data=raw, content_type="application/json")
    assert 400 <= response.status_code < 500, response.content[:300]
    assert response.json()["error"]["code"]


def test_a_body_that_is_not_json_content_is_refused(client):
    response = client.post(URL, data="region=us-east-1", content_type="text/plain")
    assert response.status_code == 415


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=20)
    | st.sampled_from(["us-east-1", "db.r6g.large", "mysql", "gp3", "1e9"]),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


@st.composite
def estimate_bodies(draw):
    service = draw(st.sampled_from(sorted(CONFIG_TYPES)))
    config_fields = list(CONFIG_TYPES[service].__dataclass_fields__)
    usage_fields = list(USAGE_TYPES[service].__dataclass_fields__)
    config = draw(st.dictionaries(st.sampled_from(config_fields), json_values, max_size=6))
    usage = draw(st.dictionaries(st.sampled_from(usage_fields), json_values, max_size=4))
    body = {
        "region": draw(st.sampled_from(["us-east-1", "eu-west-1", "ap-northeast-2", "x"])),
        "service": service,
        "config": config,
    }
    if draw(st.booleans()):
        body["usage"] = usage
    return body


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=estimate_bodies())
def test_random_bodies_are_answered_200_or_400_never_500(body):
    response = Client().post(URL, data=json.dumps(body), content_type="application/json")
    assert response.status_code in (200, 400), (body, response.content[:300])
    if response.status_code == 400:
        assert response.json()["error"]["fields"], body


def test_openapi_describes_the_endpoint(client):
    document = client.get("/api/v1/openapi.json").json()
    operation = document["paths"]["/api/v1/estimates"]["post"]
    assert set(operation["responses"]) >= {"200", "400", "503"}
    schemas = document["components"]["schemas"]
    request = schemas["EstimateRequest"]
    assert request["required"] == ["region", "service", "config"]
    rds = schemas["RdsConfig"]
    assert rds["additionalProperties"] is False
    assert set(rds["required"]) == {"engine", "instance_class"}
    assert "multi_az_cluster" in rds["properties"]["deployment"]["enum"]
    assert rds["properties"]["edition"]["type"] == ["string", "null"]
    assert "replication_transfer_gb_per_month" in schemas["AuroraUsage"]["properties"]

    def refs(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "$ref":
                    yield value
                else:
                    yield from refs(value)
        elif isinstance(node, list):
            for value in node:
                yield from refs(value)

    for ref in refs(document):
        assert ref.removeprefix("#/components/schemas/") in schemas, ref
