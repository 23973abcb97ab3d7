"""AWS DMS: the migration plan when a migration source is given.

Full load or full load + CDC from the downtime allowed (DMS-01); schema conversion exactly
when the engine family changes (DMS-02/03); replication instance from the data size and the
change rate (DMS-05); Multi-AZ for long-running replication (DMS-06); LOB handling (DMS-08).
"""

from __future__ import annotations

from decimal import Decimal

from advisor.configs import DmsConfig, DmsUsage
from advisor.questionnaire import Workload
from catalog.pricebook import PriceBook, PriceKey, PriceMissing

from .derived import Derived, ceil, fmt, usd
from .dynamodb import NEW_TABLE_WRITES, POINTER_ITEM_KB
from .findings import info, warning
from .model import Finding, Option
from .options import PricingFailed, priced_option
from .relational import ENGINE_NAMES
from .sizing import cheapest_fitting, largest, offered

D = Decimal
# Engine families: a move inside one needs no schema conversion (DMS-03 treats the
# MySQL-compatible engines, MariaDB included, as one family).
FAMILY = {
    "mysql": "mysql", "mariadb": "mysql", "aurora-mysql": "mysql",
    "postgresql": "postgresql", "aurora-postgresql": "postgresql",
    "oracle": "oracle", "sqlserver": "sqlserver", "mongodb": "mongodb",
    "cassandra": "cassandra", "dynamodb": "dynamodb", "redis": "redis", "valkey": "redis",
}  # fmt: skip
RELATIONAL = ("mysql", "postgresql", "oracle", "sqlserver")
# Full-load throughput per vCPU of the replication instance, with 8 tables loaded in parallel
# (ours: a planning figure; DMS-05 says memory and disk, LOBs and TPS decide it).
GB_PER_HOUR_PER_VCPU = D(25)
CDC_RUN_HOURS = D(336)  # two weeks of ongoing replication to validate and cut over (ours)
LOB_KB = 32  # DMS-08: limited LOB mode is fast below 32 KB
CUTOVER_MARGIN = D("1.25")
# Fit points a migration loses when the data model must be redesigned by hand (ours).
REMODEL_PENALTY = 20
KB_PER_GB = D(1024 * 1024)  # a GB of the source counted as a GiB, as elsewhere (ours)
# An item holds at least one byte: the questionnaire takes any size above 0 (API.md), and the
# count of items to load divides by it.
MIN_ITEM_KB = D(1) / 1024
# Replication instance storage: the default allocation, and AWS's ceiling per instance (6 TiB).
DEFAULT_STORAGE_GB, BURSTABLE_STORAGE_GB, MAX_STORAGE_GB = 100, 50, 6_144
CACHE_HEADROOM = D("1.5")  # ours: room for the logs and the task's own swap files


def plan(w: Workload, d: Derived, book: PriceBook, primary: Option | None):
    """(Option or None, findings): the DMS plan for the primary's target engine."""
    source = w.migration_source
    if source is None or primary is None:
        return None, []
    target = _target_engine(primary)
    if source.engine == "redis":
        return None, [info("dms.not_a_source", "DMS does not migrate Redis: restore a Redis "
            "snapshot (RDB) into ElastiCache, or replicate with the engine's own tools.",
            "migration_source")]  # fmt: skip
    if source.engine == "cassandra" and target == "dynamodb":
        return None, [info("dms.cassandra_agent", "Apache Cassandra is not an AWS DMS source. AWS "
            "SCT's data extraction agent for Cassandra, on an EC2 instance, reads a clone data "
            "center of the cluster (so production is not slowed), stages the data in Amazon S3, "
            "and SCT creates the matching DynamoDB tables and loads them. The agent's instance "
            "and the staging are not priced here.", "migration_source")]  # fmt: skip
    size = source.size_gb if source.size_gb is not None else w.storage_gb
    homogeneous = FAMILY[source.engine] == FAMILY.get(target, target)
    conversion, findings, penalty = _conversion(source.engine, target, homogeneous)
    via_s3 = source.engine == "cassandra"  # not a DMS source: its tables come through S3
    multi_az = d.production
    vcpu = 2 if size <= 500 else 4 if size <= 2_000 else 8 if size <= 10_000 else 16
    memory_heavy = w.item_size_kb > LOB_KB or d.peak_writes > 1_000
    memory = D(vcpu) * (8 if memory_heavy else 2)
    key = PriceKey("dms", w.primary_region, "replication_instance_hours",
                   deployment="multi_az" if multi_az else "single_az")  # fmt: skip
    choices = offered(book, key, allow_burstable=size <= 100 and not d.production)
    instance = cheapest_fitting(choices, memory_gib=memory, vcpu=D(vcpu)) or largest(choices)
    if instance is None:
        return None, [*findings, warning("dms.instance", f"No DMS replication instance is priced "
            f"in {w.primary_region}.", "regions")]  # fmt: skip
    hours = max(D(1), (size / (GB_PER_HOUR_PER_VCPU * instance.spec.vcpu))).quantize(D("0.1"))
    downtime = source.max_downtime_minutes
    cdc = not via_s3 and (downtime is None or D(downtime) < hours * 60 * CUTOVER_MARGIN)
    migration_type = "full_load_and_cdc" if cdc else "full_load"
    run_hours = hours + (CDC_RUN_HOURS if cdc else 0)
    findings.append(info("dms.instance", f"{instance.name} ({instance.spec.vcpu} vCPU, "
        f"{fmt(instance.spec.memory_gib)} GiB): {fmt(size)} GB loads in about {fmt(hours)} h at "
        f"{fmt(GB_PER_HOUR_PER_VCPU)} GB/h per vCPU (our planning figure)"
        + ("; memory-optimised for " + ("large objects" if w.item_size_kb > LOB_KB else
           "a high change rate") if memory_heavy else "") + ".", "migration_source",
        "writes_per_sec"))  # fmt: skip
    if cdc:
        why = ("no downtime limit is stated" if downtime is None else
               f"{fmt(downtime)} minutes of downtime is less than the load takes")  # fmt: skip
        findings.append(
            info(
                "dms.migration_type",
                f"Full load + CDC, as {why}: changes made "
                "during the load are applied after it and replication keeps the target in sync "
                f"until cut-over ({fmt(run_hours)} h in all, with two weeks of replication"
                + ("; priced per month of running" if run_hours > 730 else "")
                + ").",
                "migration_source",
            )  # fmt: skip
        )
    elif via_s3:
        findings.append(info("dms.migration_type", "Full load only: the export is a snapshot "
            "and nothing carries Cassandra's later changes to DMS, so writes stop from the "
            "export until the cut-over.", "migration_source"))  # fmt: skip
    else:
        findings.append(info("dms.migration_type", f"Full load only: it fits in the "
            f"{fmt(downtime)}-minute window with the application stopped.", "migration_source"))  # fmt: skip
    storage = BURSTABLE_STORAGE_GB if instance.spec.burstable else DEFAULT_STORAGE_GB
    if cdc:
        # DMS-01/05: changes made while a table loads are cached on the replication instance
        # and applied after it; what memory cannot hold spills to its disk.
        cached = d.avg_writes * w.item_size_kb * hours * 3600 / KB_PER_GB
        if cached * CACHE_HEADROOM > storage:
            storage = min(MAX_STORAGE_GB, ceil(cached * CACHE_HEADROOM))
            findings.append(info("dms.instance", f"Replication storage of {fmt(storage)} GB: "
                f"the changes made during the {fmt(hours)} h load (about {fmt(ceil(cached))} GB at "
                f"the average write rate) are cached on the instance until the load ends, "
                f"beyond the {DEFAULT_STORAGE_GB} GB allocated by default.", "writes_per_sec",
                "migration_source"))  # fmt: skip
    if multi_az:
        findings.append(info("dms.multi_az", "Multi-AZ replication instance: a synchronous "
            "standby keeps a production migration going through an AZ failure.",
            "environment"))  # fmt: skip
    if target == "dynamodb":
        findings += _dynamodb_load(w, book, primary, size, hours, source.engine)
    if w.item_size_kb > LOB_KB:
        findings.append(warning("dms.lob", f"Rows of {fmt(w.item_size_kb)} KB carry large "
            "objects: limited LOB mode truncates beyond its maximum size, full LOB mode is "
            "slow; set the LOB size per table.", "item_size_kb"))  # fmt: skip
    config = DmsConfig(
        source_engine=source.engine, target_engine=target, replication_instance_class=instance.name,
        homogeneous=homogeneous, schema_conversion=conversion, migration_type=migration_type,
        multi_az=multi_az, estimated_full_load_hours=hours,
        allocated_storage_gb=storage,
    )  # fmt: skip
    label = (f"DMS {'full load + CDC' if cdc else 'full load'}"
             f"{' from an Amazon S3 export' if via_s3 else ''}, {instance.name}"
             f"{' Multi-AZ' if multi_az else ''}, {ENGINE_NAMES.get(source.engine, source.engine)}"
             f" to {ENGINE_NAMES.get(target, target)}")  # fmt: skip
    try:
        # An estimate covers one month (at most 744 hours): a longer run is priced per month.
        option = priced_option(book, w.primary_region, "dms", label, config,
                               DmsUsage(hours=min(run_hours, D(730))), findings,
                               penalty=penalty)  # fmt: skip
    except PricingFailed as exc:
        return None, [warning("dms.instance", f"The migration cannot be priced: "
                              f"{getattr(exc, 'message', exc)}", "regions")]  # fmt: skip
    return option, []


def _dynamodb_load(
    w: Workload, book: PriceBook, primary: Option, size: Decimal, hours: Decimal, source: str
) -> list[Finding]:
    """What the full load writes into the DynamoDB table (DDB-CU-02: a write unit per KB of
    item), at what rate against the table's capacity (DDB-CAP-03), and what that costs once;
    for a MongoDB source, that DocumentDB would keep the document model (not priced)."""
    config, region = primary.config, primary.region
    item_kb = POINTER_ITEM_KB if config.large_items_in_s3 else w.item_size_kb
    items = size * KB_PER_GB / max(w.item_size_kb, MIN_ITEM_KB)
    units = items * max(1, ceil(item_kb))
    rate = units / (hours * 3600)
    key = PriceKey("dynamodb", region, "on_demand_write", table_class=config.table_class)
    try:
        cost = f"about {usd(book.price(key).cost(units))} of on-demand write request units, once"
    except PriceMissing:
        cost = f"on-demand write request units the catalog does not price in {region}"
    if config.capacity_mode == "provisioned":
        table = (f"against the {fmt(config.write_capacity_units)} WCU provisioned for the "
                 "workload: switch the table to on-demand for the load (mode switches are "
                 "limited to about one a day) or raise its provisioned WCU until the cut-over")  # fmt: skip
    else:
        table = "on the on-demand table"
    out = [warning("dms.target_capacity", f"The full load writes about {fmt(units)} write "
        f"units into DynamoDB in ~{fmt(hours)} h, ~{fmt(ceil(rate))} a second, {table}; a new "
        f"on-demand table takes {fmt(NEW_TABLE_WRITES)} writes a second at once, so pre-warm "
        f"it to the load's rate. The load's writes cost {cost}, not in the monthly totals.",
        "migration_source", "item_size_kb")]  # fmt: skip
    if source == "mongodb":
        out.append(info("dms.documentdb", "Amazon DocumentDB (MongoDB-compatible, not in this "
            "catalog) keeps the MongoDB API, drivers and documents, so the data model need "
            "not be remodelled; DMS migrates MongoDB to it.", "migration_source",
            "data_model"))  # fmt: skip
    return out


def _conversion(source: str, target: str, homogeneous: bool):
    """(schema_conversion, findings, fit penalty): what converts the schema, if anything does.
    AWS SCT and DMS Schema Conversion convert between relational engines (DMS-02, DMS-04); no
    AWS tool turns documents or Cassandra tables into relational tables, or rows into items."""
    name, goal = ENGINE_NAMES.get(source, source), ENGINE_NAMES.get(target, target)
    if homogeneous:
        return "none", [info("dms.schema_conversion", f"{name} to {goal} stays in one engine "
            "family: no schema conversion.", "migration_source")], 0  # fmt: skip
    if FAMILY[source] in RELATIONAL and FAMILY.get(target) in RELATIONAL:
        return "dms_schema_conversion", [warning("dms.schema_conversion", f"The engine changes "
            f"({name} to {goal}): convert the schema and code (views, procedures, functions) "
            "with DMS Schema Conversion (managed, in the console); what it cannot convert is "
            "flagged for manual work.", "migration_source")], 0  # fmt: skip
    findings = []
    if source == "cassandra":
        findings.append(warning("dms.not_a_source", "Apache Cassandra is not an AWS DMS "
            "source, and AWS SCT's Cassandra agent loads only DynamoDB: export the tables to "
            "CSV files in Amazon S3 and load them with DMS, which reads Amazon S3 as a "
            "source.", "migration_source", source_key="DMS-S3"))  # fmt: skip
    if FAMILY.get(target) in RELATIONAL:
        what = {"mongodb": "documents (nested fields and arrays)",
                "cassandra": "tables (one per query pattern)"}.get(source, "items")  # fmt: skip
        how = (" DMS reads MongoDB in table mode (top-level fields become columns; nested "
               "documents and arrays stay JSON) or document mode (one JSON column per "
               "document)." if source == "mongodb" else "")  # fmt: skip
        findings.append(warning("dms.remodel", f"{name} {what} must be remodelled into "
            f"{goal} tables, keys and joins, by hand: no AWS tool converts the data model."
            f"{how}", "migration_source", "data_model",
            source_key="DMS-MONGODB" if source == "mongodb" else None))  # fmt: skip
        return "none", findings, REMODEL_PENALTY
    findings.append(warning("dms.remodel", f"{name} to {goal} changes the data model: map "
        "the source's tables or collections to keys and items with DMS table-mapping rules; "
        "no AWS tool converts the schema into a key-value store.", "migration_source"))  # fmt: skip
    return "none", findings, 0


def _target_engine(option: Option) -> str:
    config = option.config
    if option.service in ("rds", "aurora"):
        return config.engine
    if option.service == "elasticache":
        return config.engine
    return "dynamodb"
