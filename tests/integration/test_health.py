from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_healthz_reports_each_part_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["parts"]) == {"database", "cache", "broker", "catalog"}
    assert body["parts"]["catalog"]["version"] == "aws-2025-12-06"


def test_healthz_is_503_naming_the_part_that_is_down(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["down"] == ["broker"]
    assert body["parts"]["broker"]["ok"] is False


def test_healthz_without_a_catalog_names_the_catalog(client):
    from catalog.models import CatalogVersion

    CatalogVersion.objects.update(is_current=False)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["down"] == ["catalog"]
    assert "load_catalog" in response.json()["parts"]["catalog"]["error"]
