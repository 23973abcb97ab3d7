"""RDS and Aurora products of the AmazonRDS offer file, mapped to catalog PriceKey terms."""

from __future__ import annotations

import re

from .offer_keys import Product, Reserved, Skip, stem

# --- RDS and Aurora (offer AmazonRDS) ------------------------------------------------------

RDS_ENGINES = {
    "MySQL": "mysql",
    "PostgreSQL": "postgresql",
    "MariaDB": "mariadb",
    "Oracle": "oracle",
    "SQL Server": "sqlserver",
}
AURORA_ENGINES = {"Aurora MySQL": "aurora-mysql", "Aurora PostgreSQL": "aurora-postgresql"}
EDITIONS = {
    "oracle": {"Standard Two": "se2", "Enterprise": "ee", "Standard One": "se1", "Standard": "se"},
    "sqlserver": {"Express": "ex", "Web": "web", "Standard": "se", "Enterprise": "ee"},
}
LICENSES = {
    "License included": "license_included",
    "Bring your own license": "bring_your_own",
    "No license required": "",
}
# Instance usage types; Aurora's I/O-Optimized configuration is its own SKU with the same
# attributes but this usage type (Infracost db_instance.go: "/InstanceUsageIOOptimized:/").
_INSTANCE_USAGE = re.compile(
    r"^(InstanceUsage|Multi-AZUsage|Multi-AZClusterUsage)(IOOptimized)?:(db\.[\w.-]+)$"
)
_USAGE_DEPLOYMENT = {
    "InstanceUsage": "single_az",
    "Multi-AZUsage": "multi_az",
    "Multi-AZClusterUsage": "multi_az_cluster",
}
VOLUME_TYPES = {
    "General Purpose": "gp2",
    "General Purpose-GP3": "gp3",
    "Provisioned IOPS": "io1",
    "Provisioned IOPS-IO2": "io2",
    "Magnetic": "magnetic",
}


def deployment_of(option: str) -> str | None:
    """deploymentOption -> ours. Multi-AZ DB clusters (two readable standbys) are their own
    deployment (aws-prices-notes.md, prices-extra.csv section 2)."""
    if option == "Single-AZ":
        return "single_az"
    if option == "Multi-AZ":
        return "multi_az"
    if option.startswith("Multi-AZ") and ("readable" in option or "Cluster" in option):
        return "multi_az_cluster"
    return None


def _says_io_optimized(storage: str) -> bool:
    text = storage.lower().replace("/", "").replace("-", " ")
    return "io optimiz" in text


def _rds_common(attrs: dict) -> Skip | None:
    # RDS Custom and Outposts variants carry a deploymentModel; we price neither
    # (Infracost pins deploymentModel="" for the same reason).
    if attrs.get("deploymentModel"):
        return Skip(f"deploymentModel {attrs['deploymentModel']}")
    return None


def rds_instance(attrs: dict, region: str) -> Product | Skip:
    skip = _rds_common(attrs)
    if skip:
        return skip
    usage = _INSTANCE_USAGE.match(stem(attrs.get("usagetype", "")))
    if not usage:
        return Skip(f"usagetype {stem(attrs.get('usagetype', ''))}")
    kind, io_optimized, klass = usage.groups()
    if attrs.get("instanceType") != klass:
        return Skip("instanceType does not match usagetype")
    engine_name = attrs.get("databaseEngine", "")
    if engine_name in AURORA_ENGINES:
        # Aurora instances are priced per cluster storage configuration, not per deployment.
        if kind != "InstanceUsage":
            return Skip(f"Aurora usagetype {kind}")
        # The two configurations' SKUs differ only in usagetype and the storage attribute;
        # a storage attribute naming I/O optimisation on a plain InstanceUsage SKU is a
        # contradiction we do not guess our way through.
        if _says_io_optimized(attrs.get("storage", "")) and not io_optimized:
            return Skip("storage attribute contradicts usagetype")
        return Product(
            "aurora",
            region,
            "instance_hours",
            "per instance-hour",
            engine=AURORA_ENGINES[engine_name],
            instance_class=klass,
            storage_type="io_optimized" if io_optimized else "standard",
            reserved=Reserved("reserved_hours", "reserved_upfront", AURORA_ENGINES[engine_name]),
            upfront_unit="per instance (one-time)",
        )
    engine = RDS_ENGINES.get(engine_name)
    if engine is None:
        return Skip(f"databaseEngine {engine_name or '(none)'}")
    if io_optimized:
        return Skip(f"usagetype {kind}IOOptimized for {engine_name}")
    deployment = deployment_of(attrs.get("deploymentOption", ""))
    if deployment != _USAGE_DEPLOYMENT[kind]:
        return Skip("deploymentOption does not match usagetype")
    edition = ""
    if engine in EDITIONS:
        edition = EDITIONS[engine].get(attrs.get("databaseEdition", ""), "")
        if not edition:
            return Skip(f"databaseEdition {attrs.get('databaseEdition', '(none)')}")
    license_name = attrs.get("licenseModel", "No license required")
    if license_name not in LICENSES:
        return Skip(f"licenseModel {license_name}")
    license_model = LICENSES[license_name] if engine in EDITIONS else ""
    if engine in EDITIONS and not license_model:
        return Skip(f"licenseModel {license_name} for {engine_name}")
    return Product(
        "rds",
        region,
        "instance_hours",
        "per cluster-hour" if deployment == "multi_az_cluster" else "per instance-hour",
        engine=engine,
        edition=edition,
        license_model=license_model,
        deployment=deployment,
        instance_class=klass,
        reserved=Reserved("reserved_hours", "reserved_upfront", engine),
        upfront_unit="per instance (one-time)",
    )


def rds_storage(attrs: dict, region: str) -> Product | Skip:
    skip = _rds_common(attrs)
    if skip:
        return skip
    usage = stem(attrs.get("usagetype", ""))
    if usage == "Aurora:StorageUsage":
        return Product("aurora", region, "storage", "per GB-month", storage_type="standard")
    if usage == "Aurora:IO-OptimizedStorageUsage":
        return Product("aurora", region, "storage", "per GB-month", storage_type="io_optimized")
    if usage.startswith("Aurora:"):
        return Skip(f"usagetype {usage}")
    storage_type = VOLUME_TYPES.get(attrs.get("volumeType", ""))
    deployment = deployment_of(attrs.get("deploymentOption", ""))
    if storage_type is None or deployment is None:
        return Skip(f"volumeType {attrs.get('volumeType', '(none)')}")
    return Product(
        "rds", region, "storage", "per GB-month", deployment=deployment, storage_type=storage_type
    )


def rds_iops(attrs: dict, region: str) -> Product | Skip:
    skip = _rds_common(attrs)
    if skip:
        return skip
    usage = stem(attrs.get("usagetype", ""))
    deployment = deployment_of(attrs.get("deploymentOption", ""))
    if deployment is None:
        return Skip(f"deploymentOption {attrs.get('deploymentOption', '(none)')}")
    # gp3 IOPS above the baseline: groupDescription "RDS Provisioned GP3 IOPS", usage type
    # "RDS:GP3-PIOPS" / "RDS:Multi-AZ-GP3-PIOPS" (Infracost db_instance.go).
    if "GP3" in usage or "GP3" in attrs.get("groupDescription", ""):
        return Product(
            "rds", region, "gp3_extra_iops", "per IOPS-month", deployment=deployment,
            storage_type="gp3",
        )  # fmt: skip
    storage_type = "io2" if ("IO2" in usage or "IO2" in attrs.get("volumeType", "")) else "io1"
    return Product(
        "rds", region, "provisioned_iops", "per IOPS-month", deployment=deployment,
        storage_type=storage_type,
    )  # fmt: skip


def rds_throughput(attrs: dict, region: str) -> Product | Skip:
    deployment = deployment_of(attrs.get("deploymentOption", ""))
    if deployment is None:
        return Skip(f"deploymentOption {attrs.get('deploymentOption', '(none)')}")
    return Product(
        "rds", region, "gp3_extra_throughput", "per MiBps-month", deployment=deployment,
        storage_type="gp3",
    )  # fmt: skip


def rds_operation(attrs: dict, region: str) -> Product | Skip:
    usage = stem(attrs.get("usagetype", ""))
    engine = AURORA_ENGINES.get(attrs.get("databaseEngine", ""), "")
    if usage == "Aurora:StorageIOUsage":
        return Product("aurora", region, "io_requests", "per I/O request", storage_type="standard")
    if usage == "RDS:StorageIOUsage":
        return Product(
            "rds", region, "magnetic_io_requests", "per I/O request", storage_type="magnetic"
        )
    if usage == "Aurora:BacktrackUsage":
        return Product("aurora", region, "backtrack", "per change record", engine="aurora-mysql")
    if usage == "Aurora:ReplicatedWriteIO" and engine:
        return Product(
            "aurora", region, "global_db_replicated_write_io", "per replicated write I/O",
            engine=engine,
        )  # fmt: skip
    if usage == "Aurora:SnapshotExportToS3" and engine:
        return Product(
            "aurora", region, "snapshot_export", "per GB of snapshot exported", engine=engine
        )
    if usage == "RDS:SnapshotExportToS3":
        return Product("rds", region, "snapshot_export", "per GB of snapshot exported")
    return Skip(f"usagetype {usage}")


def rds_snapshot(attrs: dict, region: str) -> Product | Skip:
    usage = stem(attrs.get("usagetype", ""))
    if usage == "RDS:ChargedBackupUsage":
        return Product("rds", region, "backup_storage", "per GB-month")
    engine = AURORA_ENGINES.get(attrs.get("databaseEngine", ""))
    if usage == "Aurora:BackupUsage" and engine:
        return Product("aurora", region, "backup_storage", "per GB-month", engine=engine)
    return Skip(f"usagetype {usage}")


def aurora_serverless_v2(attrs: dict, region: str) -> Product | Skip:
    usage = stem(attrs.get("usagetype", ""))
    engine = AURORA_ENGINES.get(attrs.get("databaseEngine", ""))
    config = {
        "Aurora:ServerlessV2Usage": "standard",
        "Aurora:ServerlessV2IOOptimizedUsage": "io_optimized",
    }.get(usage)
    if not engine or not config:
        return Skip(f"usagetype {usage}")
    return Product(
        "aurora", region, "serverless_v2_capacity", "per ACU-hour", engine=engine,
        storage_type=config,
    )  # fmt: skip
