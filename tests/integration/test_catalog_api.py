"""GET /api/v1/catalog: the shape of /work/shared/API.md, filled from the current catalog."""

from __future__ import annotations

import pytest
from django.urls import reverse

from catalog.models import CatalogVersion
from catalog.services import pricebook_current

pytestmark = pytest.mark.django_db

URL = reverse("api-catalog")


@pytest.fixture
def answer(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def test_names_the_catalog_version_date_and_currency(answer):
    book = pricebook_current()
    assert answer["version"] == book.version
    assert answer["as_of"] == book.as_of.isoformat()
    assert answer["currency"] == "USD"
    assert answer["price_count"] == len(book)


def test_lists_every_region_with_code_and_name(answer):
    book = pricebook_current()
    assert answer["regions"] == [
        {"code": code, "name": book.regions[code].name} for code in sorted(book.regions)
    ]
    assert {"code": "us-east-1", "name": "US East (N. Virginia)"} in answer["regions"]


def test_has_the_five_services(answer):
    assert set(answer["services"]) == {"rds", "aurora", "elasticache", "dynamodb", "dms"}
    for body in answer["services"].values():
        assert body["dimensions"] and body["regions"]


def test_rds_engines_deployments_and_storage(answer):
    rds = answer["services"]["rds"]
    assert rds["engines"] == ["mariadb", "mysql", "oracle", "postgresql", "sqlserver"]
    assert rds["deployments"] == ["multi_az", "multi_az_cluster", "single_az"]
    assert {"gp2", "gp3", "io1", "io2", "magnetic"} <= set(rds["storage_types"])
    assert set(rds["editions"]["oracle"]) == {"ee", "se2"}
    assert "superseded" not in rds["reserved_terms"]


def test_instance_classes_carry_their_sourced_specs(answer):
    book = pricebook_current()
    classes = {c["name"]: c["specs"] for c in answer["services"]["rds"]["instance_classes"]}
    spec = book.instance_classes["db.r6g.large"]
    assert classes["db.r6g.large"] == {
        "vcpu": spec.vcpu,
        "memory_gib": str(spec.memory_gib.normalize()),
        "network": spec.network,
        "burstable": False,
        "arch": "arm64",
    }
    names = list(classes)
    # Smallest first within a family, as a person reads a size ladder.
    assert (
        names.index("db.r6g.large") < names.index("db.r6g.xlarge") < names.index("db.r6g.2xlarge")
    )


def test_a_class_without_sourced_specs_says_null_rather_than_inventing(answer):
    nodes = {n["name"]: n["specs"] for n in answer["services"]["elasticache"]["node_types"]}
    book = pricebook_current()
    for name, specs in nodes.items():
        assert (specs is None) == (name not in book.instance_classes), name
    assert nodes["cache.r7g.large"]["memory_gib"] == "13.07"


def test_aurora_dynamodb_elasticache_and_dms_bodies(answer):
    services = answer["services"]
    assert services["aurora"]["engines"] == ["aurora-mysql", "aurora-postgresql"]
    assert services["aurora"]["storage_configs"] == ["io_optimized", "standard"]
    assert {"valkey", "redis", "memcached"} == set(services["elasticache"]["engines"])
    dax = [n["name"] for n in services["dynamodb"]["dax_node_types"]]
    assert "dax.r5.large" in dax
    assert "superseded" not in services["dynamodb"]["reserved_terms"]
    assert services["dms"]["deployments"] == ["multi_az", "single_az"]
    dms = {c["name"]: c["specs"] for c in services["dms"]["replication_instance_classes"]}
    assert dms["dms.c5.large"]["vcpu"] == pricebook_current().instance_classes["dms.c5.large"].vcpu


def test_only_get_is_allowed(client):
    assert client.post(URL).status_code == 405


def test_without_a_current_catalog_answers_503_in_the_error_shape(client):
    CatalogVersion.objects.update(is_current=False)
    response = client.get(URL)
    assert response.status_code == 503
    error = response.json()["error"]
    assert error["code"] == "catalog_unavailable"
    assert "load_catalog" in error["message"]
    assert error["fields"] == {}
