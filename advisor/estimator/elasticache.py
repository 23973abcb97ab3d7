"""ElastiCache (Valkey, Redis OSS, Memcached): nodes or Serverless, backups, Global Datastore.

Pricing page: https://aws.amazon.com/elasticache/pricing/ ; billing rules in
../shared/data/aws-prices-notes.md and domain-facts.md (EC-*).

Assumptions, each visible where it is applied:
- Node-based: nodes = shards x (1 primary + replicas_per_shard), each billed per node-hour at
  the plain on-demand node rate of its engine. Only the node SKU is used: add-on SKUs (such as
  the SyncDurability rows that instances.vantage.sh mixed into node prices, its issue #909) are
  never summed into a node price.
- Reserved nodes (config.pricing_term): the catalog's RI table has no engine field and is
  keyed "redis_memcached" (it serves Redis OSS and Memcached); there are no Valkey RI rows, so
  a reserved Valkey estimate is an error, never a guess.
- Serverless: GB-hours of average data stored, but at least the minimum metered per cache
  (1 GB Redis OSS / Memcached, 100 MB Valkey: domain-facts EC-08), and ECPUs.
- Backups (Valkey/Redis OSS): one backup per cluster is free (archived ElastiCache User Guide,
  redis/backups.md); what exceeds it is billed at the backup rate, which the catalog has in
  only three Regions; elsewhere that is an error naming usage.backup_storage_gb. The size of
  one backup is usage.avg_data_gb when given, else the total spread evenly over the retention
  days.
- Global Datastore: each secondary Region runs a cluster with the primary's node topology.
  Inter-Region transfer for it is not priced (the catalog has no ElastiCache transfer rows).
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from advisor.configs import PRICING_TERMS, ElastiCacheConfig, ElastiCacheUsage
from catalog.pricebook import ON_DEMAND, PriceBook, PriceKey

from .base import MILLION, CostComponent, check, class_field, month_hours, priced
from .base import reserved as reserved_component

ENGINE_LABELS = {"redis": "Redis OSS", "valkey": "Valkey", "memcached": "Memcached"}
# EC-08: the least data a Serverless cache is billed for, per hour.
SERVERLESS_MIN_GB = {"redis": Decimal(1), "memcached": Decimal(1), "valkey": Decimal("0.1")}
MAX_SHARDS = 500  # EC-05
MAX_REPLICAS_PER_SHARD = 5  # EC-05
MAX_SECONDARY_REGIONS = 2  # EC-07
RI_ENGINE = "redis_memcached"


def build(
    region: str, config: ElastiCacheConfig, usage: ElastiCacheUsage, book: PriceBook
) -> list[CostComponent]:
    check(isinstance(config, ElastiCacheConfig), "config", "must be an ElastiCache configuration")
    check(isinstance(usage, ElastiCacheUsage), "usage", "must be ElastiCache usage")
    check(config.engine in ENGINE_LABELS, "config.engine", "unknown ElastiCache engine")
    check(config.pricing_term in PRICING_TERMS, "config.pricing_term", "unknown pricing term")
    hours = month_hours(usage.hours_per_month, "usage.hours_per_month")
    if config.deployment == "serverless":
        components = _serverless(book, region, config, usage, hours)
    else:
        check(config.deployment == "node_based", "config.deployment", "unknown deployment")
        _check_topology(config)
        components = [_nodes(book, region, config, hours, where="")]
    components += _backup(book, region, config, usage)
    components += _global_datastore(book, region, config, hours)
    return components


def _check_topology(config: ElastiCacheConfig) -> None:
    check(bool(config.node_type), "config.node_type", "node-based clusters need a node type")
    check(1 <= config.shards <= MAX_SHARDS, "config.shards", "1 to 500 shards (EC-05)")
    check(
        config.replicas_per_shard <= MAX_REPLICAS_PER_SHARD,
        "config.replicas_per_shard",
        "at most 5 replicas per shard (EC-05)",
    )
    if config.engine == "memcached":
        # EC-03: Memcached has no replication; its nodes are counted as shards.
        check(
            config.replicas_per_shard == 0,
            "config.replicas_per_shard",
            "Memcached has no replicas (EC-03): count its nodes as shards",
        )
        return
    check(
        config.cluster_mode or config.shards == 1,
        "config.shards",
        "cluster mode disabled means one shard (EC-05)",
    )
    check(
        not config.multi_az or config.replicas_per_shard >= 1,
        "config.multi_az",
        "Multi-AZ needs at least one replica per shard to fail over to (EC-06)",
    )


def _node_count(config: ElastiCacheConfig) -> int:
    return config.shards * (1 + config.replicas_per_shard)


def _nodes(book, region, config, hours, *, where) -> CostComponent:
    count = _node_count(config)
    engine = ENGINE_LABELS[config.engine]
    place = f" in {where}" if where else ""
    what = "Global Datastore secondary" if where else "Cache nodes"
    replicas = config.replicas_per_shard
    layout = f"{_plural(config.shards, 'shard')} x (1 primary + {_plural(replicas, 'replica')})"
    name = f"{what}{place} ({count} x {config.node_type}, {engine})"
    key = PriceKey(
        "elasticache",
        where or region,
        "node_hours",
        engine=config.engine,
        instance_class=config.node_type,
    )
    if config.pricing_term != ON_DEMAND:
        check(
            config.engine != "valkey",
            "config.pricing_term",
            "the catalog has no reserved-node prices for Valkey; price it on_demand",
        )
        rkey = replace(key, dimension="reserved_hours", engine=RI_ENGINE, term=config.pricing_term)
        field = class_field(book, rkey, "config.node_type", "config.pricing_term")
        return reserved_component(
            book,
            rkey,
            replace(rkey, dimension="reserved_upfront"),
            name=name,
            unit="node-hours",
            count=Decimal(count),
            field="config.secondary_regions" if where else field,
            what="node",
        )
    return priced(
        book,
        key,
        name=name,
        unit="node-hours",
        quantity=hours * count,
        field="config.secondary_regions" if where else "config.node_type",
        note=layout if config.engine != "memcached" else f"{count} nodes",
    )


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _serverless(book, region, config, usage, hours) -> list[CostComponent]:
    check(
        not config.node_type,
        "config.node_type",
        "Serverless caches have no node type: leave it null",
    )
    check(
        config.pricing_term == ON_DEMAND,
        "config.pricing_term",
        "reserved nodes do not apply to Serverless",
    )
    engine = ENGINE_LABELS[config.engine]
    minimum = SERVERLESS_MIN_GB[config.engine]
    metered = max(usage.avg_data_gb, minimum)
    note = f"average {usage.avg_data_gb.normalize():f} GB"
    if metered > usage.avg_data_gb:
        note = f"{usage.avg_data_gb.normalize():f} GB stored; minimum metered {minimum} GB (EC-08)"
    out = [
        priced(
            book,
            PriceKey("elasticache", region, "serverless_data_storage", engine=config.engine),
            name=f"Serverless data stored ({engine})",
            unit="GB-hours",
            quantity=metered * hours,
            field="config.engine",
            note=note,
        )
    ]
    if usage.ecpu_per_month:
        out.append(
            priced(
                book,
                PriceKey("elasticache", region, "serverless_ecpu", engine=config.engine),
                name=f"Serverless ECPUs ({engine})",
                unit="1M ECPUs",
                quantity=usage.ecpu_per_month / MILLION,
                per=MILLION,
                field="usage.ecpu_per_month",
            )
        )
    return out


def _backup(book, region, config, usage) -> list[CostComponent]:
    total = usage.backup_storage_gb
    if not total:
        return []
    check(
        config.engine != "memcached",
        "usage.backup_storage_gb",
        "Memcached has no backups (EC-03)",
    )
    if usage.avg_data_gb:
        free = usage.avg_data_gb
        how = "one backup of the average data"
    else:
        free = total / max(config.snapshot_retention_days, 1)
        how = f"the total over {max(config.snapshot_retention_days, 1)} retained daily snapshots"
    billed = total - free
    if billed <= 0:
        return []
    return [
        priced(
            book,
            PriceKey("elasticache", region, "backup_storage"),
            name="Backup storage beyond the one free backup",
            unit="GB-months",
            quantity=billed,
            field="usage.backup_storage_gb",
            note=f"{total:,} GB total - {free.normalize():f} GB free ({how})",
        )
    ]


def _global_datastore(book, region, config, hours) -> list[CostComponent]:
    regions = config.secondary_regions
    if not config.global_datastore:
        check(not regions, "config.secondary_regions", "secondary Regions need global_datastore")
        return []
    # EC-07: Valkey/Redis OSS node-based clusters only, up to two secondary Regions.
    check(config.engine != "memcached", "config.global_datastore", "not for Memcached (EC-07)")
    check(
        config.deployment == "node_based",
        "config.global_datastore",
        "Global Datastore is for node-based clusters only (EC-07)",
    )
    check(bool(regions), "config.secondary_regions", "a Global Datastore needs a secondary Region")
    check(
        len(regions) <= MAX_SECONDARY_REGIONS,
        "config.secondary_regions",
        "at most two secondary Regions (EC-07)",
    )
    check(len(set(regions)) == len(regions), "config.secondary_regions", "lists a Region twice")
    out = []
    for secondary in regions:
        check(secondary != region, "config.secondary_regions", f"{secondary} is the primary")
        check(
            secondary in book.regions,
            "config.secondary_regions",
            f"{secondary} is not in catalog {book.version}",
        )
        out.append(_nodes(book, region, config, hours, where=secondary))
    return out
