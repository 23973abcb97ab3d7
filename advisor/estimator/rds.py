"""RDS (MySQL, PostgreSQL, MariaDB, Oracle, SQL Server): instances, storage, IOPS, backups, DR.

Pricing pages: https://aws.amazon.com/rds/pricing/ (per engine, e.g. /rds/mysql/pricing/),
billing rules in ../shared/data/aws-prices-notes.md and the fact ids of domain-facts.md.

Assumptions, each visible where it is applied:
- A Multi-AZ DB instance deployment is its own SKU (catalog deployment "multi_az") and so are its
  storage and IOPS rates; a Multi-AZ DB cluster has ONE rate per cluster-hour covering the writer
  and both readable standbys, and cluster storage/IOPS rates applied once to the allocated size.
- Read replicas (in-Region) and cross-Region DR replicas are Single-AZ instances of the same class,
  engine, edition and licence, each with its own copy of the storage (same type, size and IOPS).
- Reserved terms (config.pricing_term) apply to every instance of the configuration.
- Backup storage is free up to the database storage in the Region (the primary plus in-Region
  replicas); cross-Region backup copies get no allowance in the destination Region.
- Cross-Region DR ships data to each DR Region: usage.replication_transfer_gb_per_month is priced
  at the inter-Region rate, which the catalog files under "aurora" (its feed label is "RDS
  DataTransfer InterRegion Outbound": one rate for RDS and Aurora).
- Not priced: Extended Support, Performance Insights, RDS Proxy.
- IOPS:GiB and throughput:IOPS ratios (RDS-STO-06/07) are not checked; sizes and IOPS are.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from advisor.configs import PRICING_TERMS, RdsConfig, RdsUsage
from catalog.pricebook import ON_DEMAND, PriceBook, PriceKey

from .base import (
    MILLION,
    CostComponent,
    EstimateError,
    check,
    month_hours,
    priced,
    reserved,
    transfer_out,
)
from .rds_rules import (
    DEPLOYMENT_LABELS,
    DEPLOYMENTS,
    EDITIONS,
    ENGINE_LABELS,
    MAX_CROSS_REGION_REPLICAS,
    MAX_GP3,
    MAX_REPLICAS,
    check_engine,
    check_storage,
    gp3_baseline,
)


def build(region: str, config: RdsConfig, usage: RdsUsage, book: PriceBook) -> list[CostComponent]:
    check(isinstance(config, RdsConfig), "config", "must be an RDS configuration")
    check(isinstance(usage, RdsUsage), "usage", "must be RDS usage")
    check(config.pricing_term in PRICING_TERMS, "config.pricing_term", "unknown pricing term")
    check_engine(config)
    check_storage(config)
    hours = month_hours(usage.hours_per_month, "usage.hours_per_month")
    deployment = DEPLOYMENTS.get(config.deployment)
    check(deployment is not None, "config.deployment", "unknown deployment")
    if deployment == "multi_az_cluster":
        # RDS-HA-04: Multi-AZ DB clusters exist only for MySQL and PostgreSQL.
        check(
            config.engine in ("mysql", "postgresql"),
            "config.deployment",
            "Multi-AZ DB clusters exist only for RDS for MySQL and PostgreSQL (RDS-HA-04)",
        )
        check(
            config.storage_type in ("gp3", "io1", "io2"),
            "config.storage_type",
            "a Multi-AZ DB cluster uses gp3, io1 or io2 storage",
        )

    components = [_instances(book, region, config, deployment, hours, count=1)]
    components += _storage(book, region, config, deployment, count=1)
    if config.storage_type == "magnetic" and usage.io_requests_per_month:
        components.append(
            priced(
                book,
                PriceKey("rds", region, "magnetic_io_requests", storage_type="magnetic"),
                name="I/O requests (magnetic storage)",
                unit="1M requests",
                quantity=usage.io_requests_per_month / MILLION,
                per=MILLION,
                field="usage.io_requests_per_month",
            )
        )
    components += _read_replicas(book, region, config, hours)
    components += _backup(book, region, config, usage)
    components += _cross_region(book, region, config, usage, hours)
    return components


# ----- components -----------------------------------------------------------------------------


def _instance_key(config: RdsConfig, region: str, deployment: str, term: str) -> PriceKey:
    licensed = config.engine in EDITIONS
    return PriceKey(
        "rds",
        region,
        "instance_hours" if term == ON_DEMAND else "reserved_hours",
        engine=config.engine,
        edition=config.edition or "",
        license_model=config.license_model if licensed else "",
        deployment=deployment,
        instance_class=config.instance_class,
        term=term,
    )


def _instance_label(config: RdsConfig) -> str:
    label = ENGINE_LABELS[config.engine]
    if config.edition:
        label += f" {config.edition.upper()}"
        label += " BYOL" if config.license_model == "bring_your_own" else " LI"
    return label


def _instances(
    book: PriceBook,
    region: str,
    config: RdsConfig,
    deployment: str,
    hours: Decimal,
    *,
    count: int,
    what: str = "Database instance",
) -> CostComponent:
    key = _instance_key(config, region, deployment, ON_DEMAND)
    many = f"{count} x " if count > 1 else ""
    detail = DEPLOYMENT_LABELS[deployment]
    unit, note = "hours", ""
    if deployment == "multi_az_cluster":
        # aws-prices-notes.md (prices-extra, part 2): one rate per cluster-hour covers all
        # three instances; multiplying it by 3 would bill the cluster three times over.
        detail += ": writer + 2 readable standbys"
        unit, note = (
            "cluster-hours",
            "one rate per cluster-hour covers the writer and both standbys",
        )
    name = f"{what} ({many}{config.instance_class}, {_instance_label(config)}, {detail})"
    if config.pricing_term != ON_DEMAND:
        rkey = _instance_key(config, region, deployment, config.pricing_term)
        return reserved(
            book,
            rkey,
            replace(rkey, dimension="reserved_upfront"),
            name=name,
            unit=unit,
            count=Decimal(count),
            field=_missing_field(book, rkey, config),
        )
    return priced(
        book,
        key,
        name=name,
        unit=unit,
        quantity=hours * count,
        field=_missing_field(book, key, config),
        note=note,
    )


def _missing_field(book: PriceBook, key: PriceKey, config: RdsConfig) -> str:
    """The field to name when an instance price is missing."""
    if book.offered_classes(key):
        return "config.instance_class"  # the combination exists, not in this class
    if key.term != ON_DEMAND:
        return "config.pricing_term"  # e.g. no reserved rows for Oracle, MariaDB, clusters
    if config.edition and not book.offered_classes(replace(key, deployment="single_az")):
        return "config.edition"
    return "config.deployment"  # e.g. SQL Server Express is Single-AZ only


def _storage(
    book: PriceBook,
    region: str,
    config: RdsConfig,
    deployment: str,
    *,
    count: int,
    what: str = "Storage",
) -> list[CostComponent]:
    kind = config.storage_type
    dep = DEPLOYMENT_LABELS[deployment]
    size = Decimal(config.allocated_storage_gb)
    copies = f"{count} x {config.allocated_storage_gb} GB " if count > 1 else ""
    key = PriceKey("rds", region, "storage", deployment=deployment, storage_type=kind)
    note = "cluster rate covers the three copies" if deployment == "multi_az_cluster" else ""
    out = [
        priced(
            book,
            key,
            name=f"{what} ({copies}{kind}, {dep})",
            unit="GB-months",
            quantity=size * count,
            field="config.storage_type",
            note=note,
        )
    ]
    if kind in ("io1", "io2"):
        out.append(
            priced(
                book,
                replace(key, dimension="provisioned_iops"),
                name=f"{what}: provisioned IOPS ({kind}, {dep})",
                unit="IOPS-months",
                quantity=Decimal(config.provisioned_iops) * count,
                field="config.provisioned_iops",
            )
        )
    elif kind == "gp3":
        out += _gp3_extras(book, key, config, dep, count=count, what=what)
    return out


def _gp3_extras(book, key, config, dep, *, count, what) -> list[CostComponent]:
    """Only IOPS and throughput above the included baseline are billed (RDS-STO-06), at
    Multi-AZ rates for Multi-AZ (Infracost #2575 priced them at $0). The cluster baseline is
    assumed to be the same (aws-prices-notes.md: not verified)."""
    base_iops, base_mibps = gp3_baseline(config.engine, config.allocated_storage_gb)
    top_iops, top_mibps = MAX_GP3.get(config.engine, (64_000, 4_000))
    threshold = 200 if config.engine == "oracle" else 400
    # Below the size threshold RDS fixes gp3 at the baseline: more cannot be provisioned.
    fixed = config.engine != "sqlserver" and config.allocated_storage_gb < threshold
    out = []
    for value, base, top, field, dimension, unit, label in (
        (config.provisioned_iops, base_iops, top_iops, "config.provisioned_iops",
         "gp3_extra_iops", "IOPS-months", "IOPS"),
        (config.storage_throughput_mibps, base_mibps, top_mibps, "config.storage_throughput_mibps",
         "gp3_extra_throughput", "MiBps-months", "MiB/s"),
    ):  # fmt: skip
        if value is None or value <= base:
            continue  # within what gp3 includes at this size
        check(
            not fixed,
            field,
            f"gp3 below {threshold} GiB is fixed at {base:,} {label}; allocate at least "
            f"{threshold} GiB to provision more (RDS-STO-06)",
        )
        check(value <= top, field, f"gp3 takes at most {top:,} {label} for this engine")
        out.append(
            priced(
                book,
                replace(key, dimension=dimension),
                name=f"{what}: gp3 {label} above the {base:,} included ({dep})",
                unit=unit,
                quantity=Decimal(value - base) * count,
                field=field,
                note=f"{value:,} provisioned - {base:,} included",
            )
        )
    return out


def _read_replicas(book, region, config, hours) -> list[CostComponent]:
    count = config.read_replicas
    if not count:
        return []
    top = MAX_REPLICAS.get(config.engine, 15)
    check(count <= top, "config.read_replicas", f"at most {top} for this engine (RDS-RR-02)")
    try:
        out = [
            _instances(book, region, config, "single_az", hours, count=count, what="Read replica")
        ]
        out += _storage(book, region, config, "single_az", count=count, what="Read replica storage")
    except EstimateError as exc:
        raise EstimateError(
            exc.field, f"read replicas are Single-AZ instances of the same class: {exc.message}"
        ) from None
    return out


def _backup(book, region, config, usage) -> list[CostComponent]:
    # Free backup storage up to the database storage in the Region (RDS pricing page, as
    # quoted by the AWS Database Blog "Demystifying Amazon RDS backup storage costs"; the
    # RDS User Guide's reserved-instance example bills 600 GiB with 400 GiB free).
    allowance = Decimal(config.allocated_storage_gb) * (1 + config.read_replicas)
    billed = usage.backup_storage_gb - allowance
    if billed <= 0:
        return []
    return [
        priced(
            book,
            PriceKey("rds", region, "backup_storage"),
            name="Backup storage beyond the free allowance",
            unit="GB-months",
            quantity=billed,
            field="usage.backup_storage_gb",
            note=f"{usage.backup_storage_gb:,} GB total - {allowance:,} GB free "
            "(the database storage in the Region)",
        )
    ]


def _cross_region(book, region, config, usage, hours) -> list[CostComponent]:
    mode = config.cross_region_dr
    if mode == "none":
        check(not config.dr_regions, "config.dr_regions", "cross_region_dr is none")
        return []
    regions = config.dr_regions
    check(bool(regions), "config.dr_regions", f"{mode} needs at least one DR Region")
    check(len(set(regions)) == len(regions), "config.dr_regions", "lists a Region twice")
    for dr in regions:
        check(dr != region, "config.dr_regions", f"{dr} is the primary Region")
        check(dr in book.regions, "config.dr_regions", f"{dr} is not in catalog {book.version}")
    cluster = config.deployment == "multi_az_cluster"
    out: list[CostComponent] = []
    if mode in ("read_replica", "mounted_replica"):
        # RDS-RR-05: mounted (no reads) replicas are an Oracle feature for cross-Region DR.
        check(
            mode == "read_replica" or config.engine == "oracle",
            "config.cross_region_dr",
            "mounted replicas exist only for Oracle (RDS-RR-05)",
        )
        check(
            len(regions) <= MAX_CROSS_REGION_REPLICAS,
            "config.dr_regions",
            "AWS supports at most five cross-Region replicas per source (RDS-RR-06)",
        )
        what = "Mounted replica" if mode == "mounted_replica" else "Cross-Region read replica"
        for dr in regions:
            out.append(_dr_instance(book, dr, config, hours, what))
            out += _storage(book, dr, config, "single_az", count=1, what=f"{what} storage in {dr}")
        return out + _transfer(book, region, regions, usage)
    # RDS-RR-08 / RDS-HA-05: no cross-Region automated backups or snapshot copy for clusters.
    check(
        not cluster,
        "config.cross_region_dr",
        "Multi-AZ DB clusters have no cross-Region automated backups or snapshot copy (RDS-HA-05)",
    )
    copied = usage.backup_storage_gb or Decimal(config.allocated_storage_gb)
    label = "Replicated automated backups" if mode == "backup_replication" else "Snapshot copies"
    for dr in regions:
        out.append(
            priced(
                book,
                PriceKey("rds", dr, "backup_storage"),
                name=f"{label} in {dr}",
                unit="GB-months",
                quantity=copied,
                field="config.cross_region_dr",
                note="backup storage in the DR Region, no free allowance there; "
                + (
                    "usage.backup_storage_gb copied"
                    if usage.backup_storage_gb
                    else "one full copy of the allocated storage assumed"
                ),
            )
        )
    return out + _transfer(book, region, regions, usage)


def _transfer(book, region, regions, usage) -> list[CostComponent]:
    gb = usage.replication_transfer_gb_per_month
    check(gb >= 0, "usage.replication_transfer_gb_per_month", "must be 0 or more")
    if not gb:
        return []
    # The catalog keeps RDS's inter-Region rate under "aurora" (one SKU for both).
    return [transfer_out(book, "aurora", region, dr, gb) for dr in regions]


def _dr_instance(book, dr, config, hours, what) -> CostComponent:
    try:
        return _instances(book, dr, config, "single_az", hours, count=1, what=f"{what} in {dr}")
    except EstimateError as exc:
        raise EstimateError("config.dr_regions", exc.message) from None
