"""DynamoDB: request or capacity units, storage, backups, global tables, Streams, DAX.

Pricing pages: https://aws.amazon.com/dynamodb/pricing/on-demand/ and
https://aws.amazon.com/dynamodb/pricing/provisioned/ ; billing rules in
../shared/data/aws-prices-notes.md and domain-facts.md (DDB-*).

Assumptions, each visible where it is applied:
- usage carries request units already sized (eventual reads are half an RRU per 4 KB,
  transactional twice: DDB-CU-01/02); the estimator does not resize them by read_consistency.
- Provisioned capacity is billed for config units x usage.hours_per_month (730 by default).
- No account-wide Free Tier (API.md): not the 25 GB of storage, not the 25 RCU/WCU. The Streams
  allowance of 2.5 M reads a month is part of the price and is applied (API.md).
- PITR is billed on usage.pitr_storage_gb, by default the table size (usage.storage_gb).
- Global tables: every write is replicated to each replica Region and billed there as a
  replicated write (rWRU on-demand, rWCU-hours provisioned; DDB-CAP-08), and each replica holds
  a full copy of the table. Provisioned replicas keep the table's read capacity. Reads are
  billed in the primary Region only (usage has one read figure). Inter-Region transfer is
  priced only when usage.replication_transfer_gb_per_month is given: from the primary to each
  replica, or, with usage.replication_from_every_region (active-active), an even share from
  every Region to every other at the source Region's rate.
- Reserved capacity (1-year, Standard table class only: DDB-TC-03) is bought in blocks of 100
  units; units beyond the last full block are billed at the provisioned rate (DynamoDB
  Developer Guide, "DynamoDB reserved capacity"). Replicated WCUs cannot be reserved.
- Not priced: restores, exports, imports, Kinesis CDC (one-off or separate products), S3 for
  large_items_in_s3, TTL (deletes are free: DDB-TTL-01).
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from advisor.configs import DynamoDBConfig, DynamoDBUsage
from catalog.pricebook import PriceBook, PriceKey

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

CLASS_LABELS = {"standard": "Standard", "standard_ia": "Standard-IA"}
STREAMS_FREE_READS = Decimal(2_500_000)  # per month, part of the Streams price (API.md)
RESERVED_BLOCK = 100
RESERVED_TERM = "1yr_reserved"
MAX_DAX_NODES = 11  # a DAX cluster has 1 to 11 nodes (DAX developer guide, cluster components)


def build(
    region: str, config: DynamoDBConfig, usage: DynamoDBUsage, book: PriceBook
) -> list[CostComponent]:
    check(isinstance(config, DynamoDBConfig), "config", "must be a DynamoDB configuration")
    check(isinstance(usage, DynamoDBUsage), "usage", "must be DynamoDB usage")
    table_class = config.table_class
    check(table_class in CLASS_LABELS, "config.table_class", "unknown table class")
    hours = month_hours(usage.hours_per_month, "usage.hours_per_month")

    components = _throughput(book, region, config, usage, hours)
    if usage.storage_gb:
        components.append(_storage(book, region, table_class, usage.storage_gb, where=""))
    components += _backups(book, region, config, usage)
    components += _global_tables(book, region, config, usage, hours)
    components += _streams(book, region, config, usage)
    components += _dax(book, region, config, hours)
    return components


def _throughput(book, region, config, usage, hours) -> list[CostComponent]:
    label = CLASS_LABELS[config.table_class]
    if config.capacity_mode == "on_demand":
        check(
            not config.reserved_capacity,
            "config.reserved_capacity",
            "reserved capacity is for provisioned capacity only",
        )
        out = []
        for amount, dimension, unit, what, field in (
            (usage.read_request_units_per_month, "on_demand_read", "1M RRUs",
             "Read request units", "usage.read_request_units_per_month"),
            (usage.write_request_units_per_month, "on_demand_write", "1M WRUs",
             "Write request units", "usage.write_request_units_per_month"),
        ):  # fmt: skip
            if amount:
                out.append(
                    priced(
                        book,
                        PriceKey("dynamodb", region, dimension, table_class=config.table_class),
                        name=f"{what} (on-demand, {label})",
                        unit=unit,
                        quantity=amount / MILLION,
                        per=MILLION,
                        field=field,
                    )
                )
        return out
    check(config.capacity_mode == "provisioned", "config.capacity_mode", "unknown capacity mode")
    out = []
    for units, kind, field in (
        (config.read_capacity_units, "rcu", "config.read_capacity_units"),
        (config.write_capacity_units, "wcu", "config.write_capacity_units"),
    ):
        # DDB-CAP-06: at least 1 RCU and 1 WCU per provisioned table.
        check(units is not None and units >= 1, field, "provisioned capacity needs at least 1")
        out += _capacity(book, region, config, units, kind, hours, field)
    return out


def _capacity(book, region, config, units, kind, hours, field) -> list[CostComponent]:
    label = CLASS_LABELS[config.table_class]
    unit_name = kind.upper()
    reserved_units = 0
    out = []
    if config.reserved_capacity:
        check(
            config.table_class == "standard",
            "config.reserved_capacity",
            "reserved capacity is not offered for Standard-IA (DDB-TC-03)",
        )
        reserved_units = units // RESERVED_BLOCK * RESERVED_BLOCK
        if reserved_units:
            key = PriceKey(
                "dynamodb",
                region,
                f"reserved_{kind}_hours",
                table_class="standard",
                term=RESERVED_TERM,
            )
            out.append(
                reserved(
                    book,
                    key,
                    replace(key, dimension=f"reserved_{kind}_upfront"),
                    name=f"{'Read' if kind == 'rcu' else 'Write'} capacity ({reserved_units:,} {unit_name})",
                    unit=f"{unit_name}-hours",
                    count=Decimal(reserved_units),
                    field="config.reserved_capacity",
                    what=unit_name,
                )
            )
    rest = units - reserved_units
    if rest:
        note = f"{rest:,} {unit_name} beyond the reserved blocks of 100" if reserved_units else ""
        out.append(
            priced(
                book,
                PriceKey("dynamodb", region, f"provisioned_{kind}", table_class=config.table_class),
                name=f"Provisioned {'read' if kind == 'rcu' else 'write'} capacity "
                f"({rest:,} {unit_name}, {label})",
                unit=f"{unit_name}-hours",
                quantity=Decimal(rest) * hours,
                field=field,
                note=note,
            )
        )
    return out


def _storage(book, region, table_class, gb, *, where) -> CostComponent:
    place = f" in {where}" if where else ""
    return priced(
        book,
        PriceKey("dynamodb", where or region, "storage", table_class=table_class),
        name=f"{'Replica' if where else 'Table'} storage{place} ({CLASS_LABELS[table_class]})",
        unit="GB-months",
        quantity=gb,
        field="config.replica_regions" if where else "usage.storage_gb",
        note="" if where else "no Free Tier applied",
    )


def _backups(book, region, config, usage) -> list[CostComponent]:
    out = []
    if config.pitr:
        gb = usage.pitr_storage_gb if usage.pitr_storage_gb is not None else usage.storage_gb
        if gb:
            out.append(
                priced(
                    book,
                    PriceKey("dynamodb", region, "pitr_backup_storage"),
                    name="Point-in-time recovery (continuous backups)",
                    unit="GB-months",
                    quantity=gb,
                    field="usage.pitr_storage_gb",
                    note="billed on the table size",
                )
            )
    else:
        check(
            not usage.pitr_storage_gb,
            "usage.pitr_storage_gb",
            "config.pitr is false: there is no PITR storage to bill",
        )
    if usage.backup_storage_gb:
        out.append(
            priced(
                book,
                PriceKey("dynamodb", region, "on_demand_backup_storage"),
                name="On-demand backups",
                unit="GB-months",
                quantity=usage.backup_storage_gb,
                field="usage.backup_storage_gb",
            )
        )
    return out


def _global_tables(book, region, config, usage, hours) -> list[CostComponent]:
    regions = config.replica_regions
    if not config.global_tables:
        check(not regions, "config.replica_regions", "replica Regions need global_tables")
        return []
    check(bool(regions), "config.replica_regions", "global tables need a replica Region")
    check(len(set(regions)) == len(regions), "config.replica_regions", "lists a Region twice")
    label = CLASS_LABELS[config.table_class]
    out: list[CostComponent] = []
    for replica in regions:
        check(replica != region, "config.replica_regions", f"{replica} is the primary Region")
        check(
            replica in book.regions,
            "config.replica_regions",
            f"{replica} is not in catalog {book.version}",
        )
        try:
            out += _replica(book, replica, config, usage, hours, label)
        except EstimateError as exc:
            raise EstimateError("config.replica_regions", exc.message) from None
        if usage.replication_transfer_gb_per_month and not usage.replication_from_every_region:
            out.append(
                transfer_out(
                    book, "dynamodb", region, replica, usage.replication_transfer_gb_per_month
                )
            )
    if usage.replication_transfer_gb_per_month and usage.replication_from_every_region:
        # Each Region originates an even share of the writes and sends it to every other.
        everywhere = (region, *regions)
        share = usage.replication_transfer_gb_per_month / len(everywhere)
        for source in everywhere:
            for to in everywhere:
                if to != source:
                    out.append(transfer_out(book, "dynamodb", source, to, share))
    return out


def _replica(book, replica, config, usage, hours, label) -> list[CostComponent]:
    out = []
    tc = config.table_class
    if config.capacity_mode == "on_demand":
        if usage.write_request_units_per_month:
            out.append(
                priced(
                    book,
                    PriceKey("dynamodb", replica, "replicated_write_request", table_class=tc),
                    name=f"Replicated writes in {replica} (on-demand, {label})",
                    unit="1M rWRUs",
                    quantity=usage.write_request_units_per_month / MILLION,
                    per=MILLION,
                    field="config.replica_regions",
                    note="every write is replicated to this Region",
                )
            )
    else:
        out.append(
            priced(
                book,
                PriceKey("dynamodb", replica, "replicated_wcu", table_class=tc),
                name=f"Replicated write capacity in {replica} "
                f"({config.write_capacity_units:,} rWCU, {label})",
                unit="rWCU-hours",
                quantity=Decimal(config.write_capacity_units) * hours,
                field="config.replica_regions",
                note="replicated WCUs cannot be reserved",
            )
        )
        out.append(
            priced(
                book,
                PriceKey("dynamodb", replica, "provisioned_rcu", table_class=tc),
                name=f"Replica read capacity in {replica} "
                f"({config.read_capacity_units:,} RCU, {label})",
                unit="RCU-hours",
                quantity=Decimal(config.read_capacity_units) * hours,
                field="config.replica_regions",
                note="the replica keeps the table's read capacity",
            )
        )
    if usage.storage_gb:
        out.append(_storage(book, replica, tc, usage.storage_gb, where=replica))
    return out


def _streams(book, region, config, usage) -> list[CostComponent]:
    reads = usage.stream_read_request_units_per_month
    if not config.streams:
        check(not reads, "usage.stream_read_request_units_per_month", "config.streams is false")
        return []
    billed = reads - STREAMS_FREE_READS
    if billed <= 0:
        return []
    return [
        priced(
            book,
            PriceKey("dynamodb", region, "streams_read"),
            name="Streams read requests beyond the 2.5M free",
            unit="1M requests",
            quantity=billed / MILLION,
            per=MILLION,
            field="usage.stream_read_request_units_per_month",
            note=f"{reads:,} reads - 2,500,000 free each month",
        )
    ]


def _dax(book, region, config, hours) -> list[CostComponent]:
    dax = config.dax
    if dax is None:
        return []
    check(
        1 <= dax.nodes <= MAX_DAX_NODES,
        "config.dax.nodes",
        f"a DAX cluster has 1 to {MAX_DAX_NODES}",
    )
    return [
        priced(
            book,
            PriceKey("dynamodb", region, "dax_node_hours", instance_class=dax.node_type),
            name=f"DAX nodes ({dax.nodes} x {dax.node_type})",
            unit="node-hours",
            quantity=Decimal(dax.nodes) * hours,
            field="config.dax.node_type",
        )
    ]
