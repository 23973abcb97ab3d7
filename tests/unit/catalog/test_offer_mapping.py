"""Offer-file attributes -> catalog PriceKey attributes, family by family (pure, no files)."""

from __future__ import annotations

from catalog.offer_keys import Product, Skip, region_of, stem
from catalog.offer_mapping import map_product


def product(offer: str, family: str | None, **attrs) -> dict:
    base = {"servicecode": offer, "locationType": "AWS Region", "regionCode": "us-west-2"}
    return {"sku": "X", "productFamily": family, "attributes": {**base, **attrs}}


def test_region_prefix_is_stripped_but_the_standard_ia_prefix_stays():
    assert stem("USW2-Multi-AZUsage:db.m5.large") == "Multi-AZUsage:db.m5.large"
    assert stem("EU-InstanceUsage:db.t3.medium") == "InstanceUsage:db.t3.medium"
    assert stem("IA-TimedStorage-ByteHrs") == "IA-TimedStorage-ByteHrs"
    assert stem("USE1-IA-TimedStorage-ByteHrs") == "IA-TimedStorage-ByteHrs"


def test_location_display_names_map_to_codes_in_both_spellings():
    assert region_of({"location": "EU (Ireland)"}) == "eu-west-1"
    assert region_of({"location": "Europe (Ireland)"}) == "eu-west-1"
    assert region_of({"location": "Asia Pacific (Tokyo)"}) == "ap-northeast-1"
    assert region_of({"location": "Nowhere (Moon)"}) is None


def test_multi_az_db_cluster_instances_are_priced_per_cluster_hour():
    mapped = map_product(
        "AmazonRDS",
        product(
            "AmazonRDS", "Database Instance", instanceType="db.m6gd.large",
            databaseEngine="PostgreSQL", deploymentOption="Multi-AZ (readable standbys)",
            usagetype="USW2-Multi-AZClusterUsage:db.m6gd.large",
        ),
    )  # fmt: skip
    assert isinstance(mapped, Product)
    assert (mapped.deployment, mapped.unit) == ("multi_az_cluster", "per cluster-hour")


def test_deployment_option_contradicting_the_usage_type_is_skipped_not_guessed():
    mapped = map_product(
        "AmazonRDS",
        product(
            "AmazonRDS", "Database Instance", instanceType="db.m5.large", databaseEngine="MySQL",
            deploymentOption="Multi-AZ", usagetype="InstanceUsage:db.m5.large",
        ),
    )  # fmt: skip
    assert isinstance(mapped, Skip)


def test_rds_custom_and_outposts_variants_are_skipped():
    custom = product(
        "AmazonRDS", "Database Instance", instanceType="db.m5.large", databaseEngine="Oracle",
        databaseEdition="Enterprise", licenseModel="Bring your own license",
        deploymentOption="Single-AZ", usagetype="InstanceUsage:db.m5.large",
        deploymentModel="Custom",
    )  # fmt: skip
    assert map_product("AmazonRDS", custom) == Skip("deploymentModel Custom")
    outposts = product("AmazonRDS", "Database Storage", locationType="AWS Outposts")
    assert map_product("AmazonRDS", outposts) == Skip("locationType AWS Outposts")


def test_dms_replication_instances_get_the_dms_prefix_and_deployment_from_usage():
    mapped = map_product(
        "AWSDatabaseMigrationSvc",
        product(
            "AWSDatabaseMigrationSvc", "Compute Instance", instanceType="t3.medium",
            availabilityZone="Multiple", usagetype="USW2-Multi-AZUsg:dms.t3.medium",
        ),
    )  # fmt: skip
    assert isinstance(mapped, Product)
    assert (mapped.service, mapped.dimension, mapped.deployment, mapped.instance_class) == (
        "dms", "replication_instance_hours", "multi_az", "dms.t3.medium",
    )  # fmt: skip


def test_dax_nodes_are_dynamodb_dax_node_hours():
    mapped = map_product(
        "AmazonDAX", product("AmazonDAX", "DAX", usagetype="USW2-NodeUsage:dax.r5.large")
    )
    assert isinstance(mapped, Product)
    assert (mapped.service, mapped.dimension, mapped.instance_class) == (
        "dynamodb", "dax_node_hours", "dax.r5.large",
    )  # fmt: skip


def test_dynamodb_standard_ia_throughput_is_keyed_on_its_table_class():
    mapped = map_product(
        "AmazonDynamoDB",
        product(
            "AmazonDynamoDB", "Provisioned IOPS", group="DDB-WriteUnitsIA",
            usagetype="USW2-IA-WriteCapacityUnit-Hrs",
        ),
    )  # fmt: skip
    assert isinstance(mapped, Product)
    assert (mapped.dimension, mapped.table_class) == ("provisioned_wcu", "standard_ia")
