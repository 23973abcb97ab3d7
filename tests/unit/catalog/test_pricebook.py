from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from catalog.pricebook import (
    PriceBook,
    PriceEntry,
    PriceKey,
    PriceMissing,
    Region,
    Tier,
    effective_hourly,
)


def mysql_instance(region: str = "us-east-1", cls: str = "db.t3.large", deployment="single_az"):
    return PriceKey(
        "rds", region, "instance_hours", engine="mysql", deployment=deployment, instance_class=cls
    )


def test_shipped_catalog_prices_mysql_db_t3_large_as_the_infracost_golden_file(book):
    # Infracost db_instance_test golden: $99.28 = 0.136 x 730 (pricing-examples.md B).
    entry = book.price(mysql_instance())
    assert entry.usd == Decimal("0.136")
    assert entry.usd * 730 == Decimal("99.280")
    assert entry.as_of == date(2025, 12, 6)
    assert "rds-mysql-ondemand" in entry.source


def test_single_az_and_multi_az_are_different_prices(book):
    single = book.price(mysql_instance()).usd
    multi = book.price(mysql_instance(deployment="multi_az")).usd
    assert multi == single * 2


def test_missing_price_raises_and_names_what_was_asked(book):
    with pytest.raises(PriceMissing) as info:
        book.price(mysql_instance(cls="db.z9.huge"))
    message = str(info.value)
    assert "db.z9.huge" in message
    assert "us-east-1" in message
    assert "not offered" in message


def test_missing_region_is_named_in_the_error(book):
    with pytest.raises(PriceMissing, match="region mars-north-1 is not in catalog"):
        book.price(mysql_instance(region="mars-north-1"))


def test_dax_has_no_price_in_seoul_as_the_feed_says(book):
    key = PriceKey("dynamodb", "ap-northeast-2", "dax_node_hours", instance_class="dax.r5.large")
    assert not book.has(key)
    assert book.has(
        PriceKey("dynamodb", "us-east-1", "dax_node_hours", instance_class="dax.r5.large")
    )


def test_offered_classes_lists_only_classes_priced_for_that_offer(book):
    key = PriceKey(
        "aurora", "us-east-1", "instance_hours", engine="aurora-postgresql", storage_type="standard"
    )
    classes = book.offered_classes(key)
    assert "db.r6g.large" in classes
    assert not any(c.startswith("db.m") for c in classes)  # Aurora here: t and r families
    # smallest first within a family
    r6g = [c for c in classes if c.startswith("db.r6g.")]
    assert r6g == ["db.r6g.large", "db.r6g.xlarge", "db.r6g.2xlarge", "db.r6g.4xlarge"]


def test_multi_az_db_cluster_classes_are_absent_in_us_west_1(book):
    key = PriceKey(
        "rds", "us-west-1", "instance_hours", engine="mysql", deployment="multi_az_cluster"
    )
    assert book.offered_classes(key) == ()


def test_tiered_price_walks_the_tiers():
    key = PriceKey("dynamodb", "us-east-1", "storage", table_class="standard")
    entry = PriceEntry(
        key=key,
        unit="GB-Mo",
        usd=Decimal("0.25"),
        source="test",
        as_of=date(2025, 1, 1),
        tiers=(
            Tier(Decimal(0), Decimal(25), Decimal(0)),
            Tier(Decimal(25), None, Decimal("0.25")),
        ),
    )
    assert entry.cost(Decimal(10)) == 0
    assert entry.cost(Decimal(27)) == Decimal("0.50")


def test_reserved_effective_hourly_spreads_the_upfront_fee_over_the_term():
    # 3-year Partial Upfront: 0.1729/h + 4545 upfront (aws-prices-notes.md hand check)
    assert effective_hourly(Decimal("0.1729"), Decimal(4545), "3yr_partial_upfront") == (
        Decimal("0.1729") + Decimal(4545) / 26280
    )


def test_price_book_build_indexes_regions_and_prices():
    key = PriceKey("dms", "us-east-1", "replication_instance_hours", deployment="single_az",
                   instance_class="dms.t3.micro")  # fmt: skip
    entry = PriceEntry(key, "hrs", Decimal("0.018"), "s", date(2025, 1, 1))
    book = PriceBook.build(
        version="v",
        as_of=date(2025, 1, 1),
        entries=[entry],
        regions=[Region("us-east-1", "N. Virginia")],
    )
    assert len(book) == 1
    assert book.region_name("us-east-1") == "N. Virginia"
    assert book.price(key) is entry
