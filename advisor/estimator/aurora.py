"""Aurora (MySQL- and PostgreSQL-compatible): instances or Serverless v2, storage, I/O, backup,
Global Database.

Pricing page: https://aws.amazon.com/rds/aurora/pricing/ ; billing rules in
../shared/data/aws-prices-notes.md and domain-facts.md (AUR-*).

Assumptions, each visible where it is applied:
- Instances are billed per instance (writer + replicas) at the Standard or I/O-Optimized rate
  of config.storage_config; the cluster volume is billed once (AUR-01), whatever the count.
- multi_az means at least one Aurora Replica in another AZ: with replicas=0 one is priced.
- Serverless v2 bills ACU-hours per instance: usage.avg_acu (default config.min_acu) x hours.
- I/O requests are billed only on Aurora Standard; I/O-Optimized has no I/O charge
  (Infracost #3591 billed it anyway).
- Backup storage is free up to the cluster volume; beyond it, the backup rate.
- Global Database: each secondary Region runs a secondary cluster with the primary's instance
  topology and a full copy of the volume, plus replicated write I/Os (usage figure per
  secondary, billed at the secondary Region's rate; charged on I/O-Optimized too, since the
  catalog's rate has no storage configuration). Inter-Region transfer is priced only when
  usage.replication_transfer_gb_per_month is given.
- Not priced: reserved instances (no Aurora RI rows in the catalog), Backtrack, snapshot export,
  I/O of reads served by secondary clusters.
"""

from __future__ import annotations

from decimal import Decimal

from advisor.configs import AuroraConfig, AuroraUsage
from catalog.pricebook import PriceBook, PriceKey

from .base import (
    MILLION,
    CostComponent,
    EstimateError,
    check,
    class_field,
    month_hours,
    priced,
    transfer_out,
)

ENGINE_LABELS = {"aurora-mysql": "Aurora MySQL", "aurora-postgresql": "Aurora PostgreSQL"}
STORAGE_LABELS = {"standard": "Aurora Standard", "io_optimized": "I/O-Optimized"}
MAX_REPLICAS = 15  # AUR-03
MAX_SECONDARY_REGIONS = 10  # AUR-08
MAX_ACU = Decimal(256)  # AUR-06
MAX_VOLUME_GIB = 131_072  # AUR-02: 128 TiB, the safe bound


def build(
    region: str, config: AuroraConfig, usage: AuroraUsage, book: PriceBook
) -> list[CostComponent]:
    check(isinstance(config, AuroraConfig), "config", "must be an Aurora configuration")
    check(isinstance(usage, AuroraUsage), "usage", "must be Aurora usage")
    check(config.engine in ENGINE_LABELS, "config.engine", "unknown Aurora engine")
    check(config.storage_config in STORAGE_LABELS, "config.storage_config", "unknown")
    check(config.replicas <= MAX_REPLICAS, "config.replicas", "at most 15 Aurora Replicas (AUR-03)")
    check(
        usage.storage_gb <= MAX_VOLUME_GIB,
        "usage.storage_gb",
        "an Aurora cluster volume is at most 128 TiB (AUR-02)",
    )
    hours = month_hours(usage.hours_per_month, "usage.hours_per_month")
    replicas = config.replicas
    if config.multi_az and replicas == 0:
        replicas = 1  # Multi-AZ in Aurora = a replica in another AZ to fail over to (AUR-04)
    instances = 1 + replicas

    components = _compute(book, region, config, usage, hours, instances, where="")
    components += _storage(book, region, config, usage.storage_gb, where="")
    if usage.io_requests_per_month and config.storage_config == "standard":
        components.append(
            priced(
                book,
                PriceKey("aurora", region, "io_requests", storage_type="standard"),
                name="I/O requests (Aurora Standard)",
                unit="1M requests",
                quantity=usage.io_requests_per_month / MILLION,
                per=MILLION,
                field="usage.io_requests_per_month",
            )
        )
    # I/O-Optimized: no I/O component at all, whatever usage.io_requests_per_month says.
    billed_backup = usage.backup_storage_gb - usage.storage_gb
    if billed_backup > 0:
        components.append(
            priced(
                book,
                PriceKey("aurora", region, "backup_storage", engine=config.engine),
                name="Backup storage beyond the cluster volume",
                unit="GB-months",
                quantity=billed_backup,
                field="usage.backup_storage_gb",
                note=f"{usage.backup_storage_gb:,} GB total - {usage.storage_gb:,} GB free "
                "(the cluster volume)",
            )
        )
    components += _global_database(book, region, config, usage, hours, instances)
    return components


def _compute(book, region, config, usage, hours, instances, *, where) -> list[CostComponent]:
    tier = STORAGE_LABELS[config.storage_config]
    place = f" in {where}" if where else ""
    if config.capacity == "serverless_v2":
        acu = _average_acu(config, usage)
        return [
            priced(
                book,
                PriceKey(
                    "aurora",
                    where or region,
                    "serverless_v2_capacity",
                    engine=config.engine,
                    storage_type=config.storage_config,
                ),
                name=f"Serverless v2 capacity{place} ({instances} x {acu.normalize():f} ACU "
                f"average, {tier})",
                unit="ACU-hours",
                quantity=acu * hours * instances,
                field="config.secondary_regions" if where else "config.capacity",
                note="ACU-hours = average ACUs x hours, per instance",
            )
        ]
    check(config.capacity == "provisioned", "config.capacity", "unknown capacity")
    check(
        bool(config.instance_class),
        "config.instance_class",
        "provisioned Aurora needs an instance class",
    )
    key = PriceKey(
        "aurora",
        where or region,
        "instance_hours",
        engine=config.engine,
        instance_class=config.instance_class,
        storage_type=config.storage_config,
    )
    field = class_field(book, key, "config.instance_class", "config.storage_config")
    if where:
        field = "config.secondary_regions"
    label = "Instances" if where else "Writer instance"
    out = [
        priced(
            book,
            key,
            name=f"{label}{place} ({f'{instances} x ' if where else ''}{config.instance_class}, {tier})",
            unit="hours",
            quantity=hours * (instances if where else 1),
            field=field,
        )
    ]
    if not where and instances > 1:
        out.append(
            priced(
                book,
                key,
                name=f"Aurora Replicas ({instances - 1} x {config.instance_class}, {tier})",
                unit="hours",
                quantity=hours * (instances - 1),
                field=field,
                note="each replica is billed as an instance; it adds no storage",
            )
        )
    return out


def _average_acu(config: AuroraConfig, usage: AuroraUsage) -> Decimal:
    check(
        config.instance_class in (None, "", "db.serverless"),
        "config.instance_class",
        "Serverless v2 instances have no instance class: leave it null",
    )
    check(config.min_acu is not None, "config.min_acu", "Serverless v2 needs min_acu")
    # AUR-06: capacity moves in half-ACU steps from 0.5 (0 with auto-pause) to 256.
    for value, field in ((config.min_acu, "config.min_acu"), (config.max_acu, "config.max_acu")):
        if value is not None:
            check(
                value == 0 or (Decimal("0.5") <= value <= MAX_ACU and (value * 2) % 1 == 0),
                field,
                "ACUs go in half steps from 0.5 (or 0 with auto-pause) to 256 (AUR-06)",
            )
    top = config.max_acu if config.max_acu is not None else MAX_ACU
    check(top >= config.min_acu, "config.max_acu", "must be at least min_acu")
    acu = usage.avg_acu if usage.avg_acu is not None else config.min_acu
    check(
        config.min_acu <= acu <= top,
        "usage.avg_acu",
        f"must be between min_acu ({config.min_acu}) and max_acu ({top})",
    )
    return acu


def _storage(book, region, config, gb, *, where) -> list[CostComponent]:
    if not gb:
        return []
    tier = STORAGE_LABELS[config.storage_config]
    place = f" in {where}" if where else ""
    note = "no I/O charge on I/O-Optimized" if config.storage_config == "io_optimized" else ""
    return [
        priced(
            book,
            PriceKey("aurora", where or region, "storage", storage_type=config.storage_config),
            name=f"Cluster storage{place} ({tier})",
            unit="GB-months",
            quantity=gb,
            field="config.secondary_regions" if where else "config.storage_config",
            note=note,
        )
    ]


def _global_database(book, region, config, usage, hours, instances) -> list[CostComponent]:
    if not config.global_database:
        check(
            not config.secondary_regions,
            "config.secondary_regions",
            "secondary Regions need global_database",
        )
        return []
    regions = config.secondary_regions
    check(bool(regions), "config.secondary_regions", "a Global Database needs a secondary Region")
    check(
        len(regions) <= MAX_SECONDARY_REGIONS,
        "config.secondary_regions",
        "at most 10 secondary Regions (AUR-08)",
    )
    check(len(set(regions)) == len(regions), "config.secondary_regions", "lists a Region twice")
    out: list[CostComponent] = []
    for secondary in regions:
        check(secondary != region, "config.secondary_regions", f"{secondary} is the primary")
        check(
            secondary in book.regions,
            "config.secondary_regions",
            f"{secondary} is not in catalog {book.version}",
        )
        try:
            out += _compute(book, region, config, usage, hours, instances, where=secondary)
            out += _storage(book, region, config, usage.storage_gb, where=secondary)
        except EstimateError as exc:
            raise EstimateError("config.secondary_regions", exc.message) from None
        if usage.replicated_write_ios_per_month:
            out.append(
                priced(
                    book,
                    PriceKey(
                        "aurora", secondary, "global_db_replicated_write_io", engine=config.engine
                    ),
                    name=f"Replicated write I/Os to {secondary}",
                    unit="1M requests",
                    quantity=usage.replicated_write_ios_per_month / MILLION,
                    per=MILLION,
                    field="usage.replicated_write_ios_per_month",
                )
            )
        if usage.replication_transfer_gb_per_month:
            out.append(
                transfer_out(
                    book, "aurora", region, secondary, usage.replication_transfer_gb_per_month
                )
            )
    return out
