"""Amazon ElastiCache (Valkey, Redis OSS, Memcached): the in-memory primary for in-memory data,
and the cache layer in front of another database when it earns its place.

Engine (EC-01/02/03), node-based or Serverless (EC-08), memory with reserved memory and
overhead (EC-MEMORY), shards and replicas (EC-05/06), Global Datastore (EC-07).
"""

from __future__ import annotations

from decimal import Decimal

from advisor.configs import ElastiCacheConfig, ElastiCacheUsage
from advisor.questionnaire import Workload
from catalog.pricebook import PriceBook, PriceKey

from .derived import SECONDS_PER_MONTH, Derived, ceil, choice, fmt, listed, plural
from .findings import info, risk, warning
from .model import Finding, Option, Rejected, evolve
from .options import PricingFailed, priced_option, unpriced
from .relational import replication_gb_per_month
from .sizing import CACHE_OVERHEAD, CACHE_RESERVED, offered, plan_cache

D = Decimal
SERVERLESS_PATTERNS = ("spiky", "unpredictable", "mostly_idle")
MAX_SHARDS = 500  # EC-05
NAMES = {"valkey": "Valkey", "redis": "Redis OSS", "memcached": "Memcached"}
SNAPSHOT_INTERVAL_S = 86_400  # automatic backups are daily (EC-11)
# Fit points Memcached gives up (ours): the answers cannot tell that the data needs no sorted
# sets, hashes or failover (EC-02/03), so it ranks first only when clearly cheaper.
MEMCACHED_PENALTY = 15


def options(
    w: Workload, d: Derived, book: PriceBook, relaxed: tuple[Finding, ...] = ()
) -> tuple[list[Option], list[Rejected]]:
    """ElastiCache as the primary store of in-memory data (sessions, leaderboards)."""
    rejected: list[Rejected] = []
    if d.durable:
        rejected.append(Rejected("elasticache", "ElastiCache for Memcached", (risk(
            "constraint.memcached_not_durable", "Memcached has no replication, failover or "
            "backups: a node failure loses its data, and this data must survive (an RPO is "
            "set). Valkey or Redis OSS replicate and snapshot.", "rpo_seconds"),)))  # fmt: skip
    out: list[Option] = []
    ops = d.peak_reads + d.peak_writes
    for deployment in ("node_based", "serverless"):
        label = f"ElastiCache for Valkey ({deployment.replace('_', '-')})"
        try:
            option = _store(w, d, book, deployment, w.storage_gb, ops, relaxed, primary=True)
        except PricingFailed as exc:
            rejected.append(unpriced("elasticache", label, exc))
            continue
        if isinstance(option, Rejected):
            rejected.append(option)
        elif option is not None:
            out.append(option)
    if not d.durable and not (w.migration_source and w.migration_source.engine == "redis"):
        try:
            memcached = _memcached(w, d, book, ops, relaxed)
        except PricingFailed as exc:
            rejected.append(unpriced("elasticache", "ElastiCache for Memcached", exc))
        else:
            if memcached is not None:
                out.append(memcached)
    return out, rejected


def _memcached(w, d, book, ops, relaxed) -> Option | None:
    """EC-02/03: Memcached for data that may be lost (no RPO): multi-threaded nodes, scaled
    by adding nodes, no replicas, failover or snapshots, plain values only."""
    region = w.primary_region
    choices = offered(book, PriceKey("elasticache", region, "node_hours", engine="memcached"),
                      allow_burstable=not d.production)  # fmt: skip
    # Memcached keeps no snapshots, but the same headroom is kept (ours: conservative).
    plan = plan_cache(choices, w.storage_gb, ops, nodes_per_shard=1, max_shards=MAX_SHARDS)
    if plan is None:
        return None
    config = ElastiCacheConfig(engine="memcached", deployment="node_based",
                               node_type=plan.node.name, shards=plan.shards)  # fmt: skip
    notes = [
        info("elasticache.engine", "Memcached: the simplest cache for data that may be lost "
             "(no RPO is set), multi-threaded nodes scaled by adding nodes; values are plain "
             "strings, with no sorted sets, hashes or streams.", "data_model",
             "rpo_seconds"),
        info("elasticache.memory", f"{fmt(w.storage_gb)} GB of data plus ~10% for keys needs "
             f"{fmt(plan.memory_needed_gib, 1)} GiB; {plan.node.name} is counted at "
             f"{fmt(plan.usable_gib, 2)} GiB (75% of its memory, as for Valkey): "
             f"{plural(plan.shards, 'node')}.", "storage_gb"),
        warning("elasticache.durability", "No replicas, failover or snapshots: a node failure "
                "loses the keys on that node (sessions on it start over) until the "
                "application writes them again.", "rpo_seconds", "availability_target"),
        *relaxed,
    ]  # fmt: skip
    return priced_option(book, region, "elasticache", _label(config, True), config,
                         ElastiCacheUsage(), notes, penalty=MEMCACHED_PENALTY)  # fmt: skip


def cache_reason(w: Workload, d: Derived, service: str) -> str | None:
    """Why a cache layer in front of `service` earns its place, or None."""
    if d.sub_ms:
        return f"the {fmt(w.latency_p99_ms)} ms p99 needs reads from memory"
    if service == "dynamodb" and w.latency_p99_ms < 5:
        # Asked only when DAX is not offered in the Region (dynamodb._dax).
        return (f"DAX is not offered here, and a {fmt(w.latency_p99_ms)} ms p99 is below the "
                "single-digit milliseconds DynamoDB reads take")  # fmt: skip
    if service in ("rds", "aurora") and w.consistency != "strong":
        if w.latency_p99_ms < 5:
            return f"a {fmt(w.latency_p99_ms)} ms p99 is tight for a relational database under load"
        if d.peak_reads >= 10_000 and d.peak_reads >= 10 * max(d.peak_writes, D(1)):
            return f"{fmt(d.peak_reads)} reads/s, mostly repeated, are cheaper served from memory"
    return None


def cache_option(w: Workload, d: Derived, book: PriceBook, reason: str) -> Option | Rejected:
    """Valkey in front of the database: holds the hot set, serves the reads."""
    deployment = "serverless" if _variable(w) else "node_based"
    try:
        option = _store(w, d, book, deployment, d.working_set_gb, d.peak_reads, (), primary=False)
    except PricingFailed as exc:
        return unpriced("elasticache", "ElastiCache cache layer", exc)
    if option is None:
        return Rejected("elasticache", "ElastiCache cache layer", (risk("elasticache.shards",
            "The hot set does not fit in 500 shards of any node type priced here.",
            "working_set_gb"),))  # fmt: skip
    notes = [layer_note(reason)]
    if w.consistency != "eventual":
        notes.append(risk("cache.stale_reads", f"A cache can serve a value older than the latest "
            f"write, which breaks {w.consistency.replace('_', '-')} reads unless the application "
            "writes through it and invalidates on every change.", "consistency"))  # fmt: skip
    return evolve(option, rationale=(*notes, *option.rationale))


def layer_note(reason: str) -> Finding:
    return info("cache.layer", f"An ElastiCache for Valkey cache in front of the database: "
                f"{reason}.", "latency_p99_ms", "reads_per_sec")  # fmt: skip


def _variable(w: Workload) -> bool:
    return w.traffic_pattern in SERVERLESS_PATTERNS or w.environment == "development"


def _store(w, d, book, deployment, data_gb, ops, relaxed, *, primary) -> Option | Rejected | None:
    region = w.primary_region
    engine = "valkey"
    notes: list[Finding] = []
    if primary:
        source = w.migration_source.engine if w.migration_source else None
        notes.append(info("elasticache.engine", "Valkey: replication, automatic failover, "
            "snapshots and rich data structures (sorted sets, hashes, streams), at lower prices "
            "than Redis OSS" + (" and compatible with the Redis source" if source == "redis"
            else "") + ". Memcached suits only a plain cache that can be lost.",
            "data_model"))  # fmt: skip
    global_ds = primary and w.multi_region != "none"
    if deployment == "serverless" and global_ds:
        return None  # EC-07: Global Datastore is for node-based clusters only
    durable = primary and d.durable
    replicas = 1 if (d.production or durable) and w.environment != "development" else 0
    if deployment == "serverless":
        config = ElastiCacheConfig(engine=engine, deployment="serverless", cluster_mode=True,
                                   multi_az=True, automatic_failover=True)  # fmt: skip
        stored = data_gb * CACHE_OVERHEAD
        ecpu = (d.avg_reads + (d.avg_writes if primary else D(0))) * max(1, ceil(w.item_size_kb))
        usage = ElastiCacheUsage(avg_data_gb=stored, ecpu_per_month=ecpu * SECONDS_PER_MONTH)
        pattern = choice("traffic_pattern", w.traffic_pattern)
        # EC-08 and the deployment guide: serverless scales memory and compute with demand
        # and bills what is used, so it pays off when load varies; nodes are sized once.
        fits = (f"Suits {pattern} load: capacity follows demand and is billed as used."
                if _variable(w) else f"Suits spiky or unpredictable load; for {pattern} load "
                "compare the node-based cluster, sized once for the peak.")  # fmt: skip
        notes.append(info("elasticache.deployment", f"Serverless: no nodes to size; billed for "
            f"{fmt(stored, 1)} GB stored (data plus ~10% overhead) and about one ECPU per KB "
            f"per request; always Multi-AZ. {fits}", "traffic_pattern", "storage_gb"))  # fmt: skip
        penalty = 0 if _variable(w) else 8
    else:
        choices = offered(book, PriceKey("elasticache", region, "node_hours", engine=engine),
                          allow_burstable=not d.production)  # fmt: skip
        plan = plan_cache(choices, data_gb, ops, nodes_per_shard=1 + replicas,
                          max_shards=MAX_SHARDS)  # fmt: skip
        if plan is None:
            return None
        config = ElastiCacheConfig(
            engine=engine, deployment="node_based", node_type=plan.node.name, shards=plan.shards,
            replicas_per_shard=replicas, cluster_mode=plan.shards > 1, multi_az=replicas > 0,
            automatic_failover=replicas > 0,
        )  # fmt: skip
        usage = ElastiCacheUsage()
        notes.append(info("elasticache.memory", f"{fmt(data_gb)} GB of data plus ~10% for keys "
            f"needs {fmt(plan.memory_needed_gib, 1)} GiB (node memory is in GiB; counting each "
            f"GB as a GiB leaves ~7% to spare); {plan.node.name} gives "
            f"{fmt(plan.usable_gib, 2)} GiB after the {fmt(CACHE_RESERVED * 100)}% reserved for "
            f"backups and failover: {plural(plan.shards, 'shard')}"
            + (" with cluster mode" if plan.shards > 1 else "")
            + (", no replicas." if not replicas else f" with {plural(replicas, 'replica')}."
               if plan.shards == 1 else f", each with {plural(replicas, 'replica')}."),
            "storage_gb", "working_set_gb"))  # fmt: skip
        penalty = 8 if _variable(w) else 0
        if replicas:
            notes.append(info("elasticache.failover", "Multi-AZ with automatic failover: a "
                "replica in another AZ is promoted in seconds if a primary fails.",
                "availability_target"))  # fmt: skip
    if durable:
        # The retention asked (0-35, ElastiCache's own range) is kept as it is on RDS.
        days = w.backup_retention_days
        if days is None:
            days = 7 if d.production else 1
        config = evolve(config, snapshot_retention_days=days)
        usage = evolve(usage, backup_storage_gb=data_gb * days)
        notes += _durability_findings(w, snapshots=days > 0)
    if global_ds:
        regions = d.dr_regions[:2]
        config = evolve(config, global_datastore=True, secondary_regions=regions)
        notes.append(info("elasticache.global_datastore", "Global Datastore: the cluster "
            f"replicates asynchronously to {', '.join(regions)} (read-only), promoted if the "
            "primary Region fails.", "multi_region"))  # fmt: skip
        # The catalog has no ElastiCache inter-Region rate (estimator/elasticache.py): the
        # Aurora and DynamoDB options price their replication traffic, so say what this leaves
        # out rather than let it compare cheaper by a cost it does not show.
        shipped = replication_gb_per_month(w, d)
        notes.append(info("elasticache.transfer_unpriced", "Not in the price: the "
            f"replication traffic to {listed(regions)}, about {fmt(shipped, 1)} GB a month "
            "(the writes), billed as inter-Region data transfer, for which this catalog has "
            "no ElastiCache rate.", "writes_per_sec", "multi_region"))  # fmt: skip
        if len(d.dr_regions) > 2:
            notes.append(risk("elasticache.global_datastore", "Global Datastore reaches at most "
                f"two secondary Regions; {', '.join(d.dr_regions[2:])} are left out.",
                "regions"))  # fmt: skip
    notes += relaxed
    option = _price(book, region, config, usage, notes, penalty, primary)
    return option


def _price(book, region, config, usage, notes, penalty, primary) -> Option:
    try:
        return priced_option(book, region, "elasticache", _label(config, primary), config, usage,
                             notes, penalty=penalty)  # fmt: skip
    except PricingFailed as exc:
        if not usage.backup_storage_gb or getattr(exc, "field", "") != "usage.backup_storage_gb":
            raise
    # The catalog has backup storage prices in only some Regions: keep one snapshot (free).
    config = evolve(config, snapshot_retention_days=1)
    usage = evolve(usage, backup_storage_gb=D(0))
    notes = [*notes, warning("elasticache.durability", f"Backup storage is not priced in "
        f"{region}: one daily snapshot (free) is kept instead of more.", "regions")]  # fmt: skip
    return priced_option(book, region, "elasticache", _label(config, primary), config, usage,
                         notes, penalty=penalty)  # fmt: skip


def _label(config: ElastiCacheConfig, primary: bool) -> str:
    name = f"ElastiCache for {NAMES[config.engine]}"
    if config.deployment == "serverless":
        text = f"{name} Serverless"
    else:
        nodes = config.shards * (1 + config.replicas_per_shard)
        text = f"{name}, {nodes} x {config.node_type}"
        if config.shards > 1 and config.engine != "memcached":  # Memcached: nodes, no shards
            text += f" ({config.shards} shards x {1 + config.replicas_per_shard})"
        if config.multi_az:
            text += ", Multi-AZ"
    if config.global_datastore:
        text += f", Global Datastore ({', '.join(config.secondary_regions)})"
    return text if primary else f"{text} (cache)"


def _duration(seconds: int) -> str:
    if seconds >= 3600 and seconds % 3600 == 0:
        return plural(seconds // 3600, "hour")
    if seconds >= 60 and seconds % 60 == 0:
        return plural(seconds // 60, "minute")
    return f"{fmt(seconds)} s"


def _durability_findings(w: Workload, *, snapshots: bool = True) -> list[Finding]:
    """What in-memory data risks; `snapshots`: daily snapshots are kept (retention above 0)."""
    if not snapshots:
        # A retention of 0 asked for: no snapshot bounds a whole-cluster loss.
        return [risk("elasticache.durability", "Data held only in memory, with snapshots off "
            "(backup retention 0): replicas cover a node failure but replicate asynchronously, "
            "and losing a whole shard or the cluster loses its data, whatever the RPO says. "
            "Valkey 9's optional durable log, or Amazon MemoryDB (not priced here), keep every "
            "acknowledged write.", "backup_retention_days", "rpo_seconds")]  # fmt: skip
    out = [warning("elasticache.durability", "Data held only in memory: replicas cover a node "
        "failure but replicate asynchronously (the last writes can be lost on failover), and "
        "daily snapshots bound what a full cluster loss costs. Valkey 9's optional durable log, "
        "or Amazon MemoryDB (not priced here), keep every acknowledged write.",
        "rpo_seconds")]  # fmt: skip
    if w.rpo_seconds is not None and w.rpo_seconds < SNAPSHOT_INTERVAL_S:
        out.append(risk("elasticache.durability", f"An RPO of {_duration(w.rpo_seconds)} is not "
            "met: replicas copy asynchronously, so a failover can lose the last writes, and "
            "losing a whole shard or the cluster falls back to the last daily snapshot, up to "
            "a day old. MemoryDB or Valkey 9's durable log (a Multi-AZ transaction log) would "
            "meet it.", "rpo_seconds"))  # fmt: skip
    return out
