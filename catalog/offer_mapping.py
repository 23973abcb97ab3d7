"""Which mapper prices which product family of which offer file, and the one entry point
`map_product` that catalog.offerfile calls once per SKU.

A family missing from FAMILIES is not priced by the product: its SKUs are counted and skipped
(never an error), so a new family in a future file shows up in the import report.
"""

from __future__ import annotations

from collections.abc import Callable

from . import offer_nosql as nosql
from . import offer_rds as rds
from .offer_keys import OFFER_CODES, Product, Skip, region_of

Mapper = Callable[[dict, str], Product | Skip]

FAMILIES: dict[tuple[str, str], Mapper] = {
    ("AmazonRDS", "Database Instance"): rds.rds_instance,
    ("AmazonRDS", "Database Storage"): rds.rds_storage,
    ("AmazonRDS", "Provisioned IOPS"): rds.rds_iops,
    ("AmazonRDS", "Provisioned Throughput"): rds.rds_throughput,
    ("AmazonRDS", "System Operation"): rds.rds_operation,
    ("AmazonRDS", "Storage Snapshot"): rds.rds_snapshot,
    ("AmazonRDS", "ServerlessV2"): rds.aurora_serverless_v2,
    ("AmazonElastiCache", "Cache Instance"): nosql.cache_node,
    ("AmazonElastiCache", "Storage Snapshot"): nosql.cache_snapshot,
    ("AmazonElastiCache", "ElastiCache Serverless"): nosql.cache_serverless,
    **{
        ("AmazonDynamoDB", family): nosql.dynamodb_throughput(family)
        for family in (
            "Amazon DynamoDB PayPerRequest Throughput",
            "Provisioned IOPS",
            "DDB-Operation-ReplicatedWrite",
        )
    },
    ("AmazonDynamoDB", "Database Storage"): nosql.dynamodb_storage,
    ("AmazonDynamoDB", "Amazon DynamoDB On-Demand Backup Storage"): nosql.dynamodb_backup,
    ("AmazonDynamoDB", "Amazon DynamoDB Restore Data Size"): nosql.dynamodb_restore,
    ("AmazonDynamoDB", "API Request"): nosql.dynamodb_api,
}
# DAX and DMS family names were not seen in a real file; their SKUs are recognised by usage
# type whatever the family (see offer_nosql.dax_node / dms_any).
ANY_FAMILY: dict[str, Mapper] = {
    "AmazonDAX": nosql.dax_node,
    "AWSDatabaseMigrationSvc": nosql.dms_any,
}


def map_product(offer_code: str, product: dict) -> Product | Skip:
    """One `products` entry of an offer file -> what it is in catalog terms, or why not."""
    attrs = product.get("attributes")
    if not isinstance(attrs, dict):
        return Skip("no attributes")
    servicecode = attrs.get("servicecode", offer_code)
    family = product.get("productFamily") or ""
    # Offer files carry products of other services (AWSDataTransfer inside AmazonRDS, with no
    # productFamily: lyft/awspricing tests/data/rds_offer.py); they are not ours to price.
    if servicecode != offer_code or not family:
        return Skip(f"foreign product {servicecode}")
    location_type = attrs.get("locationType", "AWS Region")
    if location_type != "AWS Region":
        return Skip(f"locationType {location_type}")
    mapper = FAMILIES.get((offer_code, family)) or ANY_FAMILY.get(offer_code)
    if mapper is None:
        return Skip(f"family {family}")
    region = region_of(attrs)
    if not region:
        return Skip(f"unknown location {attrs.get('location', '(none)')}")
    return mapper(attrs, region)


__all__ = ["OFFER_CODES", "FAMILIES", "Product", "Skip", "map_product"]
