"""`manage.py import_aws_offer` against the database: one new version per import, nothing
committed when a file is bad, and keys the estimator finds in the shipped catalog."""

from __future__ import annotations

import json
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from catalog import offer_import
from catalog.models import CatalogVersion, InstanceClass, Price, Region
from catalog.pricebook import PriceKey
from catalog.services import pricebook_for_version, pricebook_forget_all

pytestmark = pytest.mark.django_db

OFFERS = Path(__file__).resolve().parents[1] / "fixtures" / "offers"
MYSQL = PriceKey(
    "rds", "us-east-1", "instance_hours", engine="mysql", deployment="single_az",
    instance_class="db.m5.large",
)  # fmt: skip
GP3 = PriceKey("rds", "us-east-1", "storage", deployment="single_az", storage_type="gp3")


@pytest.fixture(autouse=True)
def _forget_books():
    pricebook_forget_all()
    yield
    pricebook_forget_all()


def run(*args: str) -> str:
    out = StringIO()
    call_command("import_aws_offer", *args, stdout=out)
    return out.getvalue()


def snapshot() -> tuple:
    return (
        tuple(CatalogVersion.objects.order_by("pk").values_list("pk", "label", "is_current")),
        Price.objects.count(),
        InstanceClass.objects.count(),
        Region.objects.count(),
    )


def test_import_creates_a_new_version_and_reports_counts_per_dimension_and_skips():
    current = CatalogVersion.objects.get(is_current=True)
    out = run(*(str(OFFERS / n) for n in ("rds.json", "elasticache.json", "dynamodb.json")), "--label", "offer-test")  # fmt: skip
    version = CatalogVersion.objects.get(label="offer-test")
    assert version.prices.count() == 38
    assert str(version.as_of) == "2025-11-01"  # the files' publicationDate
    assert CatalogVersion.objects.get(is_current=True) == current  # not switched unless asked
    assert "rds          instance_hours                          6" in out
    assert "skipped       1 SKUs  Cache Instance: usagetype SyncDurability" in out
    assert "(no family): foreign product AWSDataTransfer" in out


def test_imported_pricebook_answers_the_shipped_key_shape_for_rds_mysql_and_gp3(book):
    run(str(OFFERS / "rds.json"), "--label", "offer-shape")
    imported = pricebook_for_version(CatalogVersion.objects.get(label="offer-shape").pk)
    for key in (MYSQL, GP3):
        assert book.has(key), f"shipped catalog lacks {key.describe()}"
        assert imported.has(key), f"import lacks {key.describe()}"
        assert imported.price(key).unit == book.price(key).unit
    assert imported.price(MYSQL).usd == Decimal("0.171")
    assert imported.price(GP3).usd == Decimal("0.115")
    assert imported.instance_classes["db.m5.large"].vcpu == 2
    assert imported.offered_classes(MYSQL) == ("db.m5.large",)


def test_imported_tiers_reach_the_pricebook_as_tiers():
    run(str(OFFERS / "rds.json"), "--label", "offer-tiers")
    imported = pricebook_for_version(CatalogVersion.objects.get(label="offer-tiers").pk)
    io2 = imported.price(
        PriceKey("rds", "us-east-1", "provisioned_iops", deployment="single_az", storage_type="io2")
    )
    assert len(io2.tiers) == 3
    # 40,000 IOPS: 32,000 at 0.10 + 8,000 at 0.07.
    assert io2.cost(Decimal(40000)) == Decimal("3760")


def test_make_current_switches_the_current_version():
    run(str(OFFERS / "rds.json"), "--label", "offer-current", "--make-current")
    assert CatalogVersion.objects.get(is_current=True).label == "offer-current"


def test_region_filter_imports_only_those_regions():
    run(str(OFFERS / "rds.json"), "--label", "offer-eu", "--region", "eu-west-1")
    version = CatalogVersion.objects.get(label="offer-eu")
    assert set(version.prices.values_list("region", flat=True)) == {"eu-west-1"}
    assert version.prices.count() == 1


@pytest.mark.parametrize(
    ("fixture", "message"),
    [
        ("rds_truncated.json", r"ends early at byte \d+"),
        ("rds_malformed.json", r"malformed JSON near byte \d+"),
    ],
)
def test_truncated_file_and_malformed_json_leave_the_catalog_unchanged(fixture, message):
    before = snapshot()
    # The good file first: its rows are written before the bad one fails, then rolled back.
    with pytest.raises(CommandError, match=message):
        run(str(OFFERS / "elasticache.json"), str(OFFERS / fixture), "--label", "offer-bad")
    assert snapshot() == before


def test_the_same_rows_from_two_files_are_refused_and_nothing_is_committed():
    before = snapshot()
    with pytest.raises(CommandError, match="already priced"):
        run(str(OFFERS / "rds.json"), str(OFFERS / "rds.json"), "--label", "offer-twice")
    assert snapshot() == before


def test_an_existing_label_is_refused():
    run(str(OFFERS / "dynamodb.json"), "--label", "offer-dup")
    with pytest.raises(CommandError, match="already exists"):
        run(str(OFFERS / "dynamodb.json"), "--label", "offer-dup")


def prices_of(label: str) -> list[tuple]:
    fields = ("sku", "service", "region", "dimension", "engine", "edition", "license_model",
              "deployment", "instance_class", "storage_type", "table_class", "term", "unit",
              "usd", "begin_range", "end_range", "label", "source", "as_of")  # fmt: skip
    return sorted(Price.objects.filter(version__label=label).values_list(*fields))


def test_sqlite_multi_row_inserts_write_every_row_as_one_row_inserts_do(monkeypatch):
    if connection.vendor != "sqlite":
        pytest.skip("multi-row INSERTs are the SQLite path (PostgreSQL uses COPY)")
    run(str(OFFERS / "rds.json"), "--label", "offer-rows-1")
    monkeypatch.setattr(offer_import, "ROWS_PER_INSERT", 4)  # 22 rows: 5 of 4, then 2 of 1
    run(str(OFFERS / "rds.json"), "--label", "offer-rows-4")
    one_by_one = prices_of("offer-rows-1")
    assert len(one_by_one) == 22
    assert prices_of("offer-rows-4") == one_by_one


def test_text_with_tabs_newlines_and_backslashes_is_stored_as_written(tmp_path):
    # COPY's text format gives tab, newline, backslash and \\N a meaning; psycopg escapes them.
    data = json.loads((OFFERS / "rds.json").read_text())
    term = data["terms"]["OnDemand"]["PGM5LSAZUSE1PGS"]["PGM5LSAZUSE1PGS.JRTCKXETXF"]
    label = "per hour\tof db.m5.large\nPostgreSQL \\N C:\\path"
    next(iter(term["priceDimensions"].values()))["description"] = label
    path = tmp_path / "rds.json"
    path.write_text(json.dumps(data))
    run(str(path), "--label", "offer-text")
    price = Price.objects.get(version__label="offer-text", sku="PGM5LSAZUSE1PGS")
    assert (price.label, price.usd, price.end_range) == (label, Decimal("0.178"), None)


def test_a_publication_date_that_is_not_a_date_is_refused_and_nothing_is_committed(tmp_path):
    data = json.loads((OFFERS / "dynamodb.json").read_text())
    data["publicationDate"] = "last Tuesday"
    path = tmp_path / "dynamodb.json"
    path.write_text(json.dumps(data))
    before = snapshot()
    with pytest.raises(CommandError, match="publicationDate 'last Tuesday' is not a date"):
        run(str(OFFERS / "rds.json"), str(path), "--label", "offer-bad-date")
    assert snapshot() == before
