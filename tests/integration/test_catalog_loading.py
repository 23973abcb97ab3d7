from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command

from catalog.models import CatalogVersion, Price
from catalog.pricebook import PriceKey
from catalog.services import (
    CatalogError,
    catalog_set_current,
    pricebook_current,
    pricebook_forget_all,
)
from catalog.shipped import shipped_pricebook

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _forget_books():
    pricebook_forget_all()
    yield
    pricebook_forget_all()


def test_load_catalog_is_idempotent(capsys):
    before = Price.objects.count()
    call_command("load_catalog")
    assert "already loaded" in capsys.readouterr().out
    assert Price.objects.count() == before
    assert CatalogVersion.objects.filter(is_current=True).count() == 1


def test_database_pricebook_equals_the_shipped_files():
    from_db = pricebook_current()
    from_files = shipped_pricebook()
    assert len(from_db) == len(from_files) == 26814
    for entry in from_files.entries():
        got = from_db.price(entry.key)
        assert got.usd == entry.usd, entry.key
        assert got.unit == entry.unit
    assert from_db.regions.keys() == from_files.regions.keys()


def test_current_version_switches_without_restart():
    first = pricebook_current()
    assert first.version == "aws-2025-12-06"
    newer = CatalogVersion.objects.create(label="test-newer", as_of=date(2026, 1, 1), source="t")
    Price.objects.create(
        version=newer, service="rds", region="us-east-1", dimension="instance_hours",
        engine="mysql", deployment="single_az", instance_class="db.t3.large",
        unit="per instance-hour", usd=Decimal("0.2"), as_of=date(2026, 1, 1),
    )  # fmt: skip
    catalog_set_current(version=newer)
    book = pricebook_current()
    assert book.version == "test-newer"
    key = PriceKey("rds", "us-east-1", "instance_hours", engine="mysql", deployment="single_az",
                   instance_class="db.t3.large")  # fmt: skip
    assert book.price(key).usd == Decimal("0.2")


def test_no_current_version_is_a_clear_error():
    CatalogVersion.objects.update(is_current=False)
    with pytest.raises(CatalogError, match="load_catalog"):
        pricebook_current()


@pytest.mark.postgres
def test_only_one_version_can_be_current_on_postgresql():
    from django.db import IntegrityError, transaction

    other = CatalogVersion.objects.create(label="x", as_of=date(2026, 1, 1), source="t")
    with pytest.raises(IntegrityError), transaction.atomic():
        CatalogVersion.objects.filter(pk=other.pk).update(is_current=True)
