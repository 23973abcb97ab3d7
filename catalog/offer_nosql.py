"""ElastiCache, DynamoDB, DAX and DMS offer-file products, mapped to catalog PriceKey terms."""

from __future__ import annotations

import re

from .offer_keys import Product, Reserved, Skip, stem

# --- ElastiCache ---------------------------------------------------------------------------

CACHE_ENGINES = {"Redis": "redis", "Valkey": "valkey", "Memcached": "memcached"}
# The reserved-node prices of Redis OSS and Memcached SKUs are one table, filed under
# "redis_memcached" (aws-prices-notes.md, prices-more.csv part 2); Valkey's are its own.
CACHE_RI_ENGINES = {"redis": "redis_memcached", "memcached": "redis_memcached", "valkey": "valkey"}
_NODE_USAGE = re.compile(r"^NodeUsage:(cache\.[\w.-]+)$")


def cache_node(attrs: dict, region: str) -> Product | Skip:
    # Only "NodeUsage:<class>" is the node-hour. Add-ons filed as Cache Instance SKUs with the
    # same class and engine (Valkey synchronous durability, Extended Support) have other usage
    # types and must not become node prices.
    usage = stem(attrs.get("usagetype", ""))
    match = _NODE_USAGE.match(usage)
    if not match:
        return Skip(f"usagetype {usage.split(':', 1)[0]}")
    engine = CACHE_ENGINES.get(attrs.get("cacheEngine", ""))
    if engine is None:
        return Skip(f"cacheEngine {attrs.get('cacheEngine', '(none)')}")
    return Product(
        "elasticache",
        region,
        "node_hours",
        "per node-hour",
        engine=engine,
        instance_class=match.group(1),
        reserved=Reserved("reserved_hours", "reserved_upfront", CACHE_RI_ENGINES[engine]),
        upfront_unit="per node (one-time)",
    )


def cache_snapshot(attrs: dict, region: str) -> Product | Skip:
    return Product("elasticache", region, "backup_storage", "per GB-month")


def cache_serverless(attrs: dict, region: str) -> Product | Skip:
    # Unverified against a real file: keyed on the usage type's wording (ECPU vs data stored).
    usage = stem(attrs.get("usagetype", ""))
    engine = CACHE_ENGINES.get(attrs.get("cacheEngine", ""))
    if engine is None:
        return Skip(f"cacheEngine {attrs.get('cacheEngine', '(none)')}")
    if "ProcessingUnits" in usage or "ECPU" in usage:
        return Product("elasticache", region, "serverless_ecpu", "per ECPU", engine=engine)
    if "CachedData" in usage or "DataStored" in usage:
        return Product(
            "elasticache", region, "serverless_data_storage", "per GB-hour", engine=engine
        )
    return Skip(f"usagetype {usage}")


# --- DynamoDB (offer AmazonDynamoDB) -------------------------------------------------------

# Families, groups and usage types as Infracost filters the real price list
# (internal/resources/aws/dynamodb_table.go).
_DDB_GROUPS = {
    "Amazon DynamoDB PayPerRequest Throughput": {
        "DDB-ReadUnits": ("on_demand_read", "per RRU"),
        "DDB-WriteUnits": ("on_demand_write", "per WRU"),
        "DDB-ReplicatedWriteUnits": ("replicated_write_request", "per rWRU"),
    },
    "Provisioned IOPS": {
        "DDB-ReadUnits": ("provisioned_rcu", "per RCU-hour"),
        "DDB-WriteUnits": ("provisioned_wcu", "per WCU-hour"),
    },
    "DDB-Operation-ReplicatedWrite": {
        "DDB-ReplicatedWriteUnits": ("replicated_wcu", "per rWCU-hour"),
    },
}
# Reserved capacity is bought for provisioned RCU/WCU: an upfront fee plus an hourly fee.
_DDB_RESERVED = {
    "provisioned_rcu": Reserved("reserved_rcu_hours", "reserved_rcu_upfront", "", False),
    "provisioned_wcu": Reserved("reserved_wcu_hours", "reserved_wcu_upfront", "", False),
}
_DDB_UPFRONT_UNITS = {
    "provisioned_rcu": "per RCU (one-time)",
    "provisioned_wcu": "per WCU (one-time)",
}


def _table_class(usage: str, group: str) -> str:
    # Standard-IA rates carry an "IA-" usage-type stem ("IA-TimedStorage-ByteHrs") and an
    # "...IA" group (offer-file-format.md §3, AmazonDynamoDB).
    ia = usage.startswith("IA-") or group.endswith("IA")
    return "standard_ia" if ia else "standard"


def dynamodb_throughput(family: str):
    groups = _DDB_GROUPS[family]

    def mapper(attrs: dict, region: str) -> Product | Skip:
        group = attrs.get("group", "")
        base = group[:-2] if group.endswith("IA") else group
        base = base.rstrip("-")
        if base not in groups:
            return Skip(f"group {group or '(none)'}")
        dimension, unit = groups[base]
        return Product(
            "dynamodb",
            region,
            dimension,
            unit,
            table_class=_table_class(stem(attrs.get("usagetype", "")), group),
            reserved=_DDB_RESERVED.get(dimension),
            upfront_unit=_DDB_UPFRONT_UNITS.get(dimension, ""),
        )

    return mapper


def dynamodb_storage(attrs: dict, region: str) -> Product | Skip:
    usage = stem(attrs.get("usagetype", ""))
    if usage == "TimedStorage-ByteHrs":
        return Product("dynamodb", region, "storage", "per GB-month", table_class="standard")
    if usage == "IA-TimedStorage-ByteHrs":
        return Product("dynamodb", region, "storage", "per GB-month", table_class="standard_ia")
    if usage == "TimedPITRStorage-ByteHrs":
        return Product("dynamodb", region, "pitr_backup_storage", "per GB-month")
    return Skip(f"usagetype {usage}")


def dynamodb_backup(attrs: dict, region: str) -> Product | Skip:
    return Product("dynamodb", region, "on_demand_backup_storage", "per GB-month")


def dynamodb_restore(attrs: dict, region: str) -> Product | Skip:
    return Product("dynamodb", region, "restore", "per GB")


def dynamodb_api(attrs: dict, region: str) -> Product | Skip:
    if "DDB-StreamsReadRequests" in attrs.get("group", ""):
        return Product("dynamodb", region, "streams_read", "per streams read request unit")
    return Skip(f"group {attrs.get('group', '(none)')}")


# --- DAX (offer AmazonDAX) and DMS (offer AWSDatabaseMigrationSvc) -------------------------

_DAX_USAGE = re.compile(r"^NodeUsage:(dax\.[\w.-]+)$")
# DMS usage types abbreviate "Usage" ("InstanceUsg:dms.t3.medium", "Multi-AZUsg:dms.t2.small");
# instanceType has no "dms." prefix (Infracost dms_replication_instance.go).
_DMS_USAGE = re.compile(r"^(InstanceUs(?:a)?g(?:e)?|Multi-AZUs(?:a)?g(?:e)?):(dms\.[\w.-]+)$")
_DMS_AZ = {"Single": "single_az", "Multiple": "multi_az"}


def dax_node(attrs: dict, region: str) -> Product | Skip:
    match = _DAX_USAGE.match(stem(attrs.get("usagetype", "")))
    if not match:
        return Skip(f"usagetype {stem(attrs.get('usagetype', ''))}")
    return Product(
        "dynamodb", region, "dax_node_hours", "per node-hour", instance_class=match.group(1)
    )


def dms_any(attrs: dict, region: str) -> Product | Skip:
    """DMS families are told apart by usage type and attributes, not by family name."""
    usage = stem(attrs.get("usagetype", ""))
    deployment = _DMS_AZ.get(attrs.get("availabilityZone", ""))
    match = _DMS_USAGE.match(usage)
    if match:
        kind, klass = match.groups()
        expected = "multi_az" if kind.startswith("Multi") else "single_az"
        if deployment and deployment != expected:
            return Skip("availabilityZone does not match usagetype")
        return Product(
            "dms", region, "replication_instance_hours", "per instance-hour",
            deployment=expected, instance_class=klass,
        )  # fmt: skip
    if attrs.get("storageMedia") == "SSD" and deployment:
        return Product("dms", region, "replication_storage", "per GB-month", deployment=deployment)
    return Skip(f"usagetype {usage}")
