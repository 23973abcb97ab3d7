"""The offer-file reader on small files in the real AWS Price List layout (tests/fixtures/offers/,
written by make_offers.py). No database: catalog.offerfile is pure. One test per known trap."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from catalog.offer_stream import find_terms_key
from catalog.offerfile import OfferError, OfferReader, PriceRow
from catalog.pricebook import PriceKey

OFFERS = Path(__file__).resolve().parents[2] / "fixtures" / "offers"


def read(name: str, **kwargs) -> tuple[dict[tuple, list[PriceRow]], OfferReader]:
    reader = OfferReader(OFFERS / name, **kwargs)
    rows: dict[tuple, list[PriceRow]] = {}
    for row in reader.rows():
        rows.setdefault(row.key, []).append(row)
    return rows, reader


def only(rows: dict, key: PriceKey) -> PriceRow:
    assert key in rows, f"missing {key.describe()}"
    assert len(rows[key]) == 1, f"{key.describe()} has {len(rows[key])} rows"
    return rows[key][0]


@pytest.fixture(scope="module")
def rds():
    return read("rds.json")


def mysql(deployment: str = "single_az", region: str = "us-east-1", **kw) -> PriceKey:
    return PriceKey(
        "rds", region, "instance_hours", engine="mysql", deployment=deployment,
        instance_class="db.m5.large", **kw,
    )  # fmt: skip


def test_aurora_io_optimized_and_standard_skus_differing_only_in_storage_get_their_own_keys(rds):
    rows, _ = rds
    key = PriceKey(
        "aurora",
        "us-east-1",
        "instance_hours",
        engine="aurora-mysql",
        instance_class="db.r6g.large",
    )
    standard = only(rows, PriceKey(**{**_fields(key), "storage_type": "standard"}))
    io_optimized = only(rows, PriceKey(**{**_fields(key), "storage_type": "io_optimized"}))
    assert (standard.usd, standard.sku) == (Decimal("0.26"), "AURSTDR6GLUSE1X")
    assert (io_optimized.usd, io_optimized.sku) == (Decimal("0.338"), "AURIOPR6GLUSE1X")
    storage = {
        r.key.storage_type: r.usd for k, rs in rows.items() for r in rs if k.dimension == "storage"
    }
    assert storage["io_optimized"] == Decimal("0.225") and storage["standard"] == Decimal("0.1")


def test_elasticache_sync_durability_add_on_skus_do_not_become_node_prices():
    rows, reader = read("elasticache.json")
    node = only(
        rows,
        PriceKey(
            "elasticache", "us-east-1", "node_hours", engine="valkey",
            instance_class="cache.m7g.large",
        ),
    )  # fmt: skip
    assert (node.usd, node.sku) == (Decimal("0.1264"), "VALKEYM7GLUSE1X")
    assert all(r.sku != "VALKEYSYNCDURXX" for rs in rows.values() for r in rs)
    assert reader.stats.skipped["Cache Instance: usagetype SyncDurability"] == 1


def test_elasticache_redis_and_memcached_reserved_rows_merge_into_one_redis_memcached_key():
    rows, reader = read("elasticache.json")
    key = PriceKey(
        "elasticache", "us-east-1", "reserved_hours", engine="redis_memcached",
        instance_class="cache.m7g.large", term="1yr_no_upfront",
    )  # fmt: skip
    assert only(rows, key).usd == Decimal("0.11")
    assert reader.stats.merged == 3 and reader.stats.ambiguous == []


def test_single_az_beside_multi_az_are_two_keys_with_their_own_rates(rds):
    rows, _ = rds
    assert only(rows, mysql("single_az")).usd == Decimal("0.171")
    assert only(rows, mysql("multi_az")).usd == Decimal("0.342")


def test_license_included_beside_byol_are_two_keys_with_their_own_rates(rds):
    rows, _ = rds
    base = {
        "engine": "oracle",
        "edition": "se2",
        "deployment": "single_az",
        "instance_class": "db.m5.large",
    }
    li = only(rows, PriceKey("rds", "us-east-1", "instance_hours", license_model="license_included", **base))  # fmt: skip
    byol = only(rows, PriceKey("rds", "us-east-1", "instance_hours", license_model="bring_your_own", **base))  # fmt: skip
    assert (li.usd, byol.usd) == (Decimal("0.464"), Decimal("0.171"))


def test_tiered_prices_keep_every_tier_with_its_range(rds):
    rows, _ = rds
    key = PriceKey(
        "rds", "us-east-1", "provisioned_iops", deployment="single_az", storage_type="io2"
    )
    tiers = sorted((r.begin_range, r.end_range, r.usd) for r in rows[key])
    assert tiers == [
        (Decimal(0), Decimal(32000), Decimal("0.1")),
        (Decimal(32000), Decimal(64000), Decimal("0.07")),
        (Decimal(64000), None, Decimal("0.049")),
    ]


def test_tiered_free_tier_is_a_zero_priced_first_tier():
    rows, _ = read("dynamodb.json")
    key = PriceKey("dynamodb", "us-east-1", "storage", table_class="standard")
    assert sorted((r.begin_range, r.usd) for r in rows[key]) == [
        (Decimal(0), Decimal(0)),
        (Decimal(25), Decimal("0.25")),
    ]


def test_reserved_terms_beside_on_demand_become_hourly_and_upfront_rows(rds):
    rows, _ = rds
    assert only(rows, mysql()).usd == Decimal("0.171")
    hours = PriceKey(**{**_fields(mysql()), "dimension": "reserved_hours", "term": "1yr_partial_upfront"})  # fmt: skip
    upfront = PriceKey(**{**_fields(hours), "dimension": "reserved_upfront"})
    assert only(rows, hours).usd == Decimal("0.057")
    assert only(rows, upfront).usd == Decimal(500)
    assert only(rows, upfront).unit == "per instance (one-time)"
    no_upfront = PriceKey(**{**_fields(hours), "term": "1yr_no_upfront"})
    assert only(rows, no_upfront).usd == Decimal("0.12")
    assert PriceKey(**{**_fields(upfront), "term": "1yr_no_upfront"}) not in rows


def test_dynamodb_reserved_capacity_is_named_by_length_only():
    rows, _ = read("dynamodb.json")
    key = PriceKey(
        "dynamodb", "us-east-1", "reserved_rcu_upfront", table_class="standard",
        term="1yr_reserved",
    )  # fmt: skip
    assert only(rows, key).usd == Decimal("0.3")


def test_unit_case_varies_but_rows_still_map(rds):
    rows, _ = rds
    text = (OFFERS / "rds.json").read_text()
    assert '"unit" : "hrs"' in text and '"unit" : "Hrs"' in text
    assert only(rows, mysql("multi_az")).unit == "per instance-hour"  # the "hrs" SKU


def test_location_name_without_region_code_maps_to_the_code(rds):
    rows, _ = rds
    product = json.loads((OFFERS / "rds.json").read_text())["products"]["MYSQLM5LSAZEUW1"]
    assert "regionCode" not in product["attributes"]
    assert only(rows, mysql(region="eu-west-1")).usd == Decimal("0.19")


def test_foreign_products_and_unpriced_families_are_counted_not_errors(rds):
    _, reader = rds
    assert reader.stats.skipped["(no family): foreign product AWSDataTransfer"] == 1
    assert reader.stats.skipped["Performance Insights: family Performance Insights"] == 1
    assert reader.stats.skipped["Database Instance: usagetype ExtendedSupport"] == 1


def test_region_filter_reads_only_those_regions():
    rows, reader = read("rds.json", regions={"eu-west-1"})
    assert {k.region for k in rows} == {"eu-west-1"}
    assert reader.stats.skipped["other regions"] > 0


def test_truncated_file_is_an_error_that_says_where():
    with pytest.raises(OfferError, match=r"ends early at byte \d+.*truncated"):
        read("rds_truncated.json")


def test_malformed_json_is_an_error_naming_the_byte_offset():
    data = (OFFERS / "rds_malformed.json").read_bytes()
    with pytest.raises(OfferError, match=r"malformed JSON near byte (\d+)") as err:
        read("rds_malformed.json")
    offset = int(err.value.args[0].split("near byte ")[1].split()[0])
    # yajl stops just after the offending token: the key with no colon is right before.
    assert data[offset - 45 : offset].count(b'"description"  "per GB-month') == 1


def test_two_skus_with_one_key_but_different_rates_are_dropped_and_reported(tmp_path):
    data = json.loads((OFFERS / "elasticache.json").read_text())
    memcached = "MEMCDM7GLUSE1XX"
    term = next(iter(data["terms"]["Reserved"][memcached].values()))
    next(iter(term["priceDimensions"].values()))["pricePerUnit"]["USD"] = "0.9990000000"
    path = tmp_path / "elasticache.json"
    path.write_text(json.dumps(data, indent=2))
    rows, reader = read_path(path)
    assert not any(k.engine == "redis_memcached" and k.term == term_name(term) for k in rows)
    assert any("differ" in line for line in reader.stats.ambiguous)


def test_a_non_price_is_an_error_naming_the_json_path_and_sku(tmp_path):
    data = json.loads((OFFERS / "rds.json").read_text())
    term = data["terms"]["OnDemand"]["PGM5LSAZUSE1PGS"]["PGM5LSAZUSE1PGS.JRTCKXETXF"]
    next(iter(term["priceDimensions"].values()))["pricePerUnit"] = {"EUR": "0.1"}
    path = tmp_path / "rds.json"
    path.write_text(json.dumps(data))
    with pytest.raises(
        OfferError, match=r"terms\.OnDemand\.PGM5LSAZUSE1PGS\..*SKU PGM5LSAZUSE1PGS"
    ):
        read_path(path)


def test_a_file_of_another_service_is_refused(tmp_path):
    path = tmp_path / "ec2.json"
    path.write_text(json.dumps({"formatVersion": "v1.0", "offerCode": "AmazonEC2", "products": {}}))
    with pytest.raises(OfferError, match="AmazonEC2 is not one we price"):
        read_path(path)


def test_instance_class_specs_come_from_product_attributes(rds):
    _, reader = rds
    spec = reader.stats.classes["db.r6g.large"]
    assert (spec.service, spec.vcpu, spec.memory_gib, spec.arch) == ("rds", 2, Decimal(8), "arm64")
    assert reader.stats.classes["db.m5.large"].arch == "x86_64"


def rows_of(path: Path, **kwargs) -> tuple[list[tuple], OfferReader]:
    reader = OfferReader(path, **kwargs)
    rows = sorted(
        (tuple(_fields(r.key).values()), r.sku, r.unit, r.usd, r.begin_range, r.end_range or -1)
        for r in reader.rows()
    )
    return rows, reader


def test_products_are_parsed_once_when_the_terms_follow_them():
    _, reader = rows_of(OFFERS / "rds.json")
    assert reader.stats.single_products_pass


def test_a_nested_terms_key_in_the_products_reads_every_section_from_the_start(tmp_path):
    # A "terms" member inside a product looks like the top-level key to the byte search; the
    # products parser proves it is not, and the reader falls back without losing a row.
    data = json.loads((OFFERS / "rds.json").read_text())
    data["products"]["MYSQLM5LSAZUSE1"]["attributes"]["terms"] = "decoy"
    path = tmp_path / "rds.json"
    path.write_text(json.dumps(data, indent=2))
    expected, _ = rows_of(OFFERS / "rds.json")
    rows, reader = rows_of(path)
    assert rows == expected
    assert not reader.stats.single_products_pass


def test_terms_before_products_read_the_same_rows(tmp_path):
    data = json.loads((OFFERS / "rds.json").read_text())
    terms_first = {k: v for k, v in data.items() if k not in ("products", "terms")}
    terms_first.update(terms=data["terms"], products=data["products"])
    path = tmp_path / "rds.json"
    path.write_text(json.dumps(terms_first))
    expected, _ = rows_of(OFFERS / "rds.json")
    assert rows_of(path)[0] == expected


def test_the_terms_key_is_found_across_read_blocks(tmp_path):
    path = tmp_path / "offer.json"
    path.write_bytes(b'{"a" : {"terms" : 1, "b" : "\\"terms\\":"},\n  "terms"\n\n  : {}}')
    at = path.read_bytes().index(b'"terms"\n')
    assert {find_terms_key(path, block=size) for size in (3, 5, 7, 8, 16, 4096)} == {at}


def test_malformed_json_in_the_products_is_reported_where_it_is(tmp_path):
    data = (OFFERS / "rds.json").read_bytes()
    at = data.index(b'"databaseEngine"', data.index(b'"ORASE2LIM5LUSE1"'))
    path = tmp_path / "rds.json"
    path.write_bytes(data[:at] + b"}" + data[at:])
    with pytest.raises(OfferError, match=r"malformed JSON near byte (\d+)") as err:
        read_path(path)
    offset = int(err.value.args[0].split("near byte ")[1].split()[0])
    assert abs(offset - at) < 64


def test_a_file_cut_in_the_on_demand_terms_is_reported_as_truncated(tmp_path):
    data = (OFFERS / "rds.json").read_bytes()
    path = tmp_path / "rds.json"
    path.write_bytes(data[: data.index(b'"Reserved"') - 200])
    with pytest.raises(OfferError, match=rf"ends early at byte {path.stat().st_size}\b"):
        read_path(path)


def read_path(path: Path):
    reader = OfferReader(path)
    rows: dict[PriceKey, list[PriceRow]] = {}
    for row in reader.rows():
        rows.setdefault(row.key, []).append(row)
    return rows, reader


def term_name(term: dict) -> str:
    attrs = term["termAttributes"]
    option = attrs["PurchaseOption"].lower().replace(" ", "_")
    return f"{attrs['LeaseContractLength']}_{option}"


def _fields(key: PriceKey) -> dict:
    return {f: getattr(key, f) for f in key.__dataclass_fields__}
