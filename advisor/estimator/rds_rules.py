"""RDS configuration rules: what AWS lets you run, checked before anything is priced.

Each rule names the config field at fault and cites its domain-facts.md id (../shared/data/).
"""

from __future__ import annotations

from advisor.configs import RdsConfig

from .base import check

ENGINE_LABELS = {
    "mysql": "MySQL",
    "postgresql": "PostgreSQL",
    "mariadb": "MariaDB",
    "oracle": "Oracle",
    "sqlserver": "SQL Server",
}
EDITIONS = {"oracle": ("se2", "ee"), "sqlserver": ("ex", "web", "se", "ee")}
# config value -> catalog deployment: the Multi-AZ instance SKU is "multi_az" in the catalog.
DEPLOYMENTS = {
    "single_az": "single_az",
    "multi_az_instance": "multi_az",
    "multi_az_cluster": "multi_az_cluster",
}
DEPLOYMENT_LABELS = {
    "single_az": "Single-AZ",
    "multi_az": "Multi-AZ",
    "multi_az_cluster": "Multi-AZ DB cluster",
}
STORAGE_TYPES = ("gp2", "gp3", "io1", "io2", "magnetic")

# RDS-STO-02: a primary volume is at most 64 TiB; RDS-STO-04: magnetic at most 3 TiB.
MAX_STORAGE_GIB = 65_536
MAX_MAGNETIC_GIB = 3_072
# CreateDBInstance AllocatedStorage: General Purpose from 20 GiB, Provisioned IOPS from 100 GiB
# (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html).
MIN_GP_GIB = 20
MIN_PIOPS_GIB = 100  # also Infracost's io1 minimum (aws-prices-notes.md)
MIN_PIOPS = 1_000  # RDS-STO-07: io1 from 1,000 IOPS
MAX_PIOPS = {"sqlserver": 64_000}  # RDS-STO-07; others 256,000 (RDS-STO-08)
MAX_GP3 = {"sqlserver": (16_000, 1_000)}  # RDS-STO-06: (IOPS, MiB/s); others (64,000, 4,000)
MAX_REPLICAS = {"oracle": 5, "sqlserver": 5}  # RDS-RR-02/03; others 15
MAX_CROSS_REGION_REPLICAS = 5  # RDS-RR-06


def check_engine(config: RdsConfig) -> None:
    label = ENGINE_LABELS.get(config.engine)
    check(label is not None, "config.engine", "unknown RDS engine")
    editions = EDITIONS.get(config.engine)
    if editions is None:
        check(
            config.edition is None,
            "config.edition",
            f"{label} has no editions: leave edition null",
        )
        check(
            config.license_model == "license_included",
            "config.license_model",
            f"{label} has no licence to bring: use license_included (the default)",
        )
        return
    check(
        config.edition in editions,
        "config.edition",
        f"{label} needs an edition: one of {', '.join(editions)}",
    )
    # RDS-ORA-LIC / RDS-ENG-01: licence included only for Oracle SE2; EE is bring-your-own.
    if config.engine == "oracle" and config.edition == "ee":
        check(
            config.license_model == "bring_your_own",
            "config.license_model",
            "Oracle Enterprise Edition is offered only as bring_your_own (RDS-ENG-01)",
        )
    # aws-prices-notes.md: the SQL Server feed has only licence-included rates (no BYOL).
    if config.engine == "sqlserver":
        check(
            config.license_model == "license_included",
            "config.license_model",
            "SQL Server on RDS is priced only as license_included",
        )


def check_storage(config: RdsConfig) -> None:
    kind, size = config.storage_type, config.allocated_storage_gb
    check(kind in STORAGE_TYPES, "config.storage_type", "unknown storage type")
    check(size <= MAX_STORAGE_GIB, "config.allocated_storage_gb", "at most 65,536 GiB (64 TiB)")
    if kind in ("io1", "io2"):
        # Below the minimum is an error, not silently rounded up (as Infracost does).
        check(
            size >= MIN_PIOPS_GIB,
            "config.allocated_storage_gb",
            f"{kind} needs at least {MIN_PIOPS_GIB} GiB",
        )
        check(
            config.provisioned_iops is not None,
            "config.provisioned_iops",
            f"{kind} needs provisioned IOPS (at least {MIN_PIOPS:,})",
        )
        top = MAX_PIOPS.get(config.engine, 256_000)
        check(
            MIN_PIOPS <= config.provisioned_iops <= top,
            "config.provisioned_iops",
            f"{kind} takes {MIN_PIOPS:,} to {top:,} IOPS",
        )
    elif kind == "gp3":
        check(size >= MIN_GP_GIB, "config.allocated_storage_gb", "gp3 needs at least 20 GiB")
    else:
        check(
            config.provisioned_iops is None,
            "config.provisioned_iops",
            f"{kind} storage has no provisioned IOPS (RDS-STO-05)",
        )
        if kind == "gp2":
            check(size >= MIN_GP_GIB, "config.allocated_storage_gb", "gp2 needs at least 20 GiB")
        else:
            check(
                size <= MAX_MAGNETIC_GIB,
                "config.allocated_storage_gb",
                "magnetic storage is at most 3 TiB (RDS-STO-04)",
            )
            check(size > 0, "config.allocated_storage_gb", "must be more than 0")
    if kind != "gp3":
        check(
            config.storage_throughput_mibps is None,
            "config.storage_throughput_mibps",
            "storage throughput is set only for gp3",
        )


def gp3_baseline(engine: str, allocated_gib: int) -> tuple[int, int]:
    """IOPS and MiB/s included with gp3 storage (RDS-STO-06, infracost db_instance.go):
    3,000 IOPS / 125 MiB/s below 400 GiB (200 GiB for Oracle: Infracost #2487 used 400),
    12,000 / 500 at or above; SQL Server is not striped and stays at 3,000 / 125."""
    if engine == "sqlserver":
        return 3_000, 125
    return (12_000, 500) if allocated_gib >= gp3_striped_from(engine) else (3_000, 125)


def gp3_striped_from(engine: str) -> int:
    """The allocated GiB from which RDS stripes gp3 and includes 12,000 IOPS (RDS-STO-06)."""
    return 200 if engine == "oracle" else 400
