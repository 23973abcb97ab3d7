"""Amazon DynamoDB: capacity units, capacity mode, table class, PITR, TTL, Streams, DAX and
global tables (DDB-* facts). Every quantity it prices comes from sizing.dynamo_units."""

from __future__ import annotations

from decimal import Decimal

from advisor.configs import DaxConfig, DynamoDBConfig, DynamoDBUsage
from advisor.estimator.base import HOURS_PER_MONTH
from advisor.questionnaire import Workload
from catalog.pricebook import PriceBook, PriceKey

from .derived import SECONDS_PER_MONTH, Derived, ceil, choice, fmt, listed, plural, question, usd
from .findings import info, risk, warning
from .latency import STORE_P99_MS
from .model import Finding, Option, Rejected, evolve
from .options import PricingFailed, dimension_total, priced_estimate, priced_option, unpriced
from .relational import replication_gb_per_month
from .sizing import CACHE_OVERHEAD, DynamoUnits, cheapest_fitting, dynamo_units, largest, offered

D = Decimal
LABEL = "DynamoDB"
ON_DEMAND_PATTERNS = ("spiky", "unpredictable", "mostly_idle")
AUTOSCALING_TARGET = D("0.7")  # auto scaling's default target utilisation (ours to assume)
TABLE_QUOTA = 40_000  # DDB-CAP-05: read and write units per table, adjustable
NEW_TABLE_READS, NEW_TABLE_WRITES = 12_000, 4_000  # DDB-CAP-03: a new on-demand table
POINTER_ITEM_KB = D(1)  # large items in S3: the item keeps a key and a pointer (ours)
STORAGE_SHARE_FOR_IA = D("0.5")  # DDB-TC-02
# DDB-GT-05: multi-Region strong consistency runs in exactly three Regions of one set.
MRSC_SETS = (
    frozenset({"us-east-1", "us-east-2", "us-west-2"}),
    frozenset({"eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1"}),
    frozenset({"ap-northeast-1", "ap-northeast-2", "ap-northeast-3"}),
)
STREAM_POLLS_PER_SECOND = 4  # one consumer polling each shard four times a second (ours)
DAX_READS_PER_NODE = D(100_000)  # ours: planning figure for simple cached reads
DAX_BELOW_MS = STORE_P99_MS  # DynamoDB's single-digit milliseconds (DDB-DAX-01)
READ_DIMENSIONS = frozenset({"on_demand_read", "provisioned_rcu"})


def options(
    w: Workload, d: Derived, book: PriceBook, relaxed: tuple[Finding, ...] = ()
) -> tuple[list[Option], list[Rejected]]:
    try:
        return [_option(w, d, book, relaxed)], []
    except PricingFailed as exc:
        return [], [unpriced("dynamodb", LABEL, exc)]


def _option(w: Workload, d: Derived, book: PriceBook, relaxed) -> Option:
    region = w.primary_region
    notes: list[Finding] = []
    penalty = 0
    large = w.item_size_kb > 400
    item_kb = POINTER_ITEM_KB if large else w.item_size_kb
    if large:
        penalty += 10
        notes.append(warning("dynamodb.large_items", f"Items of {fmt(w.item_size_kb)} KB are over "
            "DynamoDB's 400 KB limit: each payload goes to S3 and its DynamoDB item keeps the "
            f"key, the attributes queried and a pointer (sized here at {fmt(POINTER_ITEM_KB)} "
            "KB); reading a payload adds an S3 round trip.", "item_size_kb"))  # fmt: skip
        notes.append(_s3_not_priced(w, d))
    read_kind = "eventual" if w.consistency == "eventual" else "strong"
    units = dynamo_units(item_kb, read_kind, w.needs_transactions, d)
    notes.append(info("dynamodb.capacity_units", _units_text(w, units, item_kb, read_kind),
                      "reads_per_sec", "writes_per_sec", "item_size_kb"))  # fmt: skip
    if read_kind == "strong":
        lead = ("Strongly consistent reads" if w.consistency == "strong" else
                "Read-after-write needs strongly consistent reads, which")  # fmt: skip
        notes.append(info("dynamodb.read_consistency", f"{lead} cost twice the read units of "
            "eventually consistent ones and are served by the table, not by global secondary "
            "indexes.", "consistency"))  # fmt: skip
    if w.needs_transactions:
        notes.append(info("dynamodb.transactions", "Writes are priced as transactional (twice the "
            "units), an upper bound; transactions hold up to 100 items and are ACID within "
            "one Region.", "needs_transactions"))  # fmt: skip
    notes += _partition_findings(units, w)
    if w.data_model == "relational":
        penalty += 40
        notes.append(warning("model.relational_on_dynamodb", "Relational data in DynamoDB must be "
            "remodelled around its access patterns (no joins, no ad hoc queries); fine when "
            "the patterns are known and fixed.", "data_model"))  # fmt: skip

    global_tables = w.multi_region != "none"
    gt_consistency, gt_notes = _global_consistency(w) if global_tables else (None, [])
    base = DynamoDBConfig(
        read_consistency=read_kind, transactions=w.needs_transactions,
        global_tables=global_tables, replica_regions=d.dr_regions if global_tables else (),
        global_tables_consistency=gt_consistency, large_items_in_s3=large,
        # A retention of 0 turns backups off (the questionnaire's meaning, as on RDS).
        pitr=d.durable and w.backup_retention_days != 0
        and (d.production or w.backup_retention_days is not None),
        ttl=w.data_ttl_days is not None, streams=w.needs_change_stream,
    )  # fmt: skip
    usage = DynamoDBUsage(
        # With the payloads in S3 the table holds one pointer item per payload.
        storage_gb=w.storage_gb * POINTER_ITEM_KB / w.item_size_kb if large else w.storage_gb,
        read_request_units_per_month=units.read_request_units_per_month,
        write_request_units_per_month=units.write_request_units_per_month,
        stream_read_request_units_per_month=(D(units.partitions * STREAM_POLLS_PER_SECOND)
                                             * SECONDS_PER_MONTH) if w.needs_change_stream else D(0),
        replication_transfer_gb_per_month=replication_gb_per_month(w, d) if global_tables else D(0),
        replication_from_every_region=global_tables and w.multi_region == "active_active",
    )  # fmt: skip
    # Active-active: every Region serves its share of the reads (ours: an even split); a
    # standby Region of active-passive keeps the full read capacity to take over on failover.
    sharing = 1 + len(d.dr_regions) if global_tables and w.multi_region == "active_active" else 1
    mode_config, priced, mode_notes = _capacity_mode(w, d, book, region, base, usage, units,
                                                     sharing)  # fmt: skip
    notes += mode_notes
    if global_tables:
        notes.append(_global_capacity(region, mode_config, usage, sharing))
    config, class_notes = _table_class(w, book, region, mode_config, usage, priced[0])
    notes += class_notes
    dax, dax_notes, needs_cache = _dax(w, d, book, region, priced[0])
    notes += dax_notes
    if dax is not None:
        config = evolve(config, dax=dax)
    notes += _feature_findings(w, config)
    notes += gt_notes
    notes += relaxed
    return priced_option(book, region, "dynamodb", _label(config), config, usage, notes,
                         penalty=penalty, needs_cache=needs_cache,
                         priced=priced if config is mode_config else None)  # fmt: skip


def _units_text(w: Workload, units: DynamoUnits, item_kb: Decimal, read_kind: str) -> str:
    """DDB-CU-01/02 for what the table really stores and reads: the item itself, or the
    pointer item when the payload lives in S3."""
    what = (f"Only the {fmt(item_kb)} KB pointer item is stored and read in DynamoDB (the "
            f"{fmt(w.item_size_kb)} KB payload is in S3); it" if item_kb != w.item_size_kb
            else f"A {fmt(item_kb)} KB item")  # fmt: skip
    kind = "transactional write" if w.needs_transactions else "write"
    return (
        f"{what} costs {plural(units.units_per_read, 'read unit')} per {read_kind} read (4 KB "
        f"units) and {plural(units.units_per_write, 'write unit')} per {kind} (1 KB units): "
        f"{fmt(units.peak_rcu)} RCU and {fmt(units.peak_wcu)} WCU at the peak; "
        f"{fmt(units.read_request_units_per_month)} read and "
        f"{fmt(units.write_request_units_per_month)} write request units a month."
    )


def _s3_not_priced(w: Workload, d: Derived) -> Finding:
    """The catalog has no Amazon S3 prices: what the payloads would add is named, as a risk,
    so the total is never read as the whole bill."""
    return risk("dynamodb.s3_not_priced", "Not priced: the payloads in S3 Standard, about "
        f"{fmt(w.storage_gb)} GB-months of storage, {fmt(d.writes_per_month)} PUT and "
        f"{fmt(d.reads_per_month)} GET requests a month (one per payload written or read). "
        "The catalog has no S3 prices, so the monthly total excludes them.", "item_size_kb",
        "storage_gb", "reads_per_sec", "writes_per_sec")  # fmt: skip


def _label(config: DynamoDBConfig) -> str:
    mode = "on-demand" if config.capacity_mode == "on_demand" else (
        f"provisioned {fmt(config.read_capacity_units)} RCU / {fmt(config.write_capacity_units)} "
        f"WCU{' with auto scaling' if config.autoscaling else ''}")  # fmt: skip
    text = f"{LABEL} {mode}, {'Standard-IA' if config.table_class == 'standard_ia' else 'Standard'}"
    if config.dax:
        text += f", DAX {config.dax.nodes} x {config.dax.node_type}"
    if config.global_tables:
        kind = "strong" if config.global_tables_consistency == "strong" else "eventual"
        text += f", global tables ({kind}; {', '.join(config.replica_regions)})"
    return text


def _partition_findings(units: DynamoUnits, w: Workload) -> list[Finding]:
    out = [info("dynamodb.partitions", f"At least {plural(units.partitions, 'partition')}: each "
        "serves up to 3,000 read and 1,000 write units a second, so a single key can never "
        "take more than that; spread writes over many partition keys.", "reads_per_sec",
        "writes_per_sec")]  # fmt: skip
    if units.peak_rcu > TABLE_QUOTA or units.peak_wcu > TABLE_QUOTA:
        out.append(warning("dynamodb.quota", f"The peak ({fmt(units.peak_rcu)} RCU, "
            f"{fmt(units.peak_wcu)} WCU) is above the default 40,000 units per table: ask for a "
            "quota increase before launch.", "reads_per_sec", "writes_per_sec"))  # fmt: skip
    return out


def _capacity_mode(w, d, book, region, base, usage, units, sharing=1):
    """DDB-CAP-01/02: on-demand for spiky, unpredictable or idle traffic (and development);
    for steady or predictable load, provisioned with auto scaling when it is cheaper.
    `sharing`: the Regions the reads are split over (each provisions its share)."""
    on_demand = evolve(base, capacity_mode="on_demand")
    rcu = max(1, ceil(d.avg_reads * units.units_per_read / sharing / AUTOSCALING_TARGET))
    wcu = max(1, ceil(d.avg_writes * units.units_per_write / AUTOSCALING_TARGET))
    provisioned = evolve(base, capacity_mode="provisioned", read_capacity_units=rcu,
                          write_capacity_units=wcu, autoscaling=True)  # fmt: skip
    od_priced = priced_estimate("dynamodb", region, on_demand, usage, book)
    pr_priced = priced_estimate("dynamodb", region, provisioned, usage, book)
    od_cost, pr_cost = od_priced[0].monthly, pr_priced[0].monthly
    peak_rcu = ceil(units.peak_rcu / sharing / AUTOSCALING_TARGET)
    peak_wcu = ceil(units.peak_wcu / AUTOSCALING_TARGET)
    variable = w.traffic_pattern in ON_DEMAND_PATTERNS or w.environment == "development"
    if variable or od_cost <= pr_cost:
        why = f"{w.traffic_pattern.replace('_', ' ')} traffic" if variable else "it is cheaper"
        notes = [info("dynamodb.capacity_mode", f"On-demand capacity, for {why}: pay per request, "
            f"nothing when idle ({usd(od_cost)}/month against {usd(pr_cost)} provisioned "
            f"with auto scaling).", "traffic_pattern")]  # fmt: skip
        if units.peak_rcu > NEW_TABLE_READS or units.peak_wcu > NEW_TABLE_WRITES:
            notes.append(warning("dynamodb.warm_throughput", f"A new on-demand table takes "
                f"{fmt(NEW_TABLE_READS)} reads and {fmt(NEW_TABLE_WRITES)} writes a second at "
                "once and doubles its previous peak: pre-warm it (warm throughput) to the "
                "expected peak at least a day before launch.", "reads_per_sec"))  # fmt: skip
        return on_demand, od_priced, notes
    per_region = " (RCU per Region)" if sharing > 1 else ""
    notes = [info("dynamodb.capacity_mode", f"Provisioned capacity with auto scaling for "
        f"{w.traffic_pattern.replace('_', ' ')} traffic{per_region}: {fmt(rcu)} RCU and "
        f"{fmt(wcu)} WCU on "
        f"average (average load at a 70% target), scaling up to {fmt(peak_rcu)} RCU and "
        f"{fmt(peak_wcu)} WCU; {usd(pr_cost)}/month against {usd(od_cost)} on-demand.",
        "traffic_pattern", "reads_per_sec")]  # fmt: skip
    if w.traffic_pattern == "predictable_peaks":
        notes.append(_planned_peaks(rcu, wcu, peak_rcu, peak_wcu))
    return provisioned, pr_priced, notes


def _planned_peaks(rcu: int, wcu: int, peak_rcu: int, peak_wcu: int) -> Finding:
    """DDB-CAP-04: capacity for a planned peak is raised ahead of it; auto scaling follows the
    load over minutes, so a peak many times the average throttles while it catches up."""
    times = max(peak_rcu / rcu, peak_wcu / wcu)
    if times < 2:
        return info("dynamodb.warm_throughput", "Auto scaling reacts within minutes: raise "
            "capacity (or warm throughput) ahead of planned peaks.", "traffic_pattern")  # fmt: skip
    return warning("dynamodb.warm_throughput", f"The peak needs {fmt(peak_rcu)} RCU and "
        f"{fmt(peak_wcu)} WCU, {fmt(D(times), 1)} times the average capacity priced: auto "
        "scaling adds capacity over minutes and would throttle the start of each peak. Raise "
        "the capacity ahead of every planned peak (scheduled scaling) and the table's warm "
        "throughput to it; the price above assumes the capacity follows the load.",
        "traffic_pattern", "reads_per_sec", "writes_per_sec")  # fmt: skip


def _global_capacity(region, config, usage, sharing) -> Finding:
    """What the global table's price assumes about where reads and writes happen
    (DDB-GT-01: every replica takes reads and writes)."""
    if config.capacity_mode == "on_demand":
        reads = (f"reads are counted once, at {region}'s rates, wherever they are served"
                 if sharing > 1 else f"reads are served and billed in {region}")  # fmt: skip
    elif sharing > 1:
        reads = (f"reads split evenly over the {sharing} Regions (our assumption), each "
                 "provisioning its share")  # fmt: skip
    else:
        reads = ("each replica keeps the table's full read capacity, so a standby Region can "
                 "take the whole load on failover")  # fmt: skip
    if usage.replication_from_every_region:
        writes = ("writes start in every Region, an even share each (our assumption), and each "
                  "Region sends its share to every other, priced at that Region's own "
                  "inter-Region rate")  # fmt: skip
    else:
        writes = (f"writes start in {region}, and their replication leaves it for each replica "
                  "Region at its rate")  # fmt: skip
    return info("dynamodb.global_capacity", f"Global table priced with {reads}; {writes}.",
                "multi_region", "regions")  # fmt: skip


def _table_class(w, book, region, config, usage, standard):
    """DDB-TC-02: Standard-IA when storage is half the table's cost or more, for data read
    rarely; reads and writes cost about 25% more on it. `standard`: the Standard estimate."""
    total = standard.monthly
    storage = dimension_total(standard.components, "storage")
    share = storage / total if total else D(0)
    if share < STORAGE_SHARE_FOR_IA:
        return config, []
    ia_config = evolve(config, table_class="standard_ia")
    ia_cost = priced_estimate("dynamodb", region, ia_config, usage, book)[0].monthly
    text = (f"Storage is {fmt(share * 100)}% of the table's cost; Standard-IA would cost "
            f"{usd(ia_cost)}/month against {usd(total)}")  # fmt: skip
    if w.access_frequency == "infrequent" and ia_cost < total:
        return ia_config, [info("dynamodb.table_class", f"Standard-IA table class. {text}.",
                                "access_frequency", "storage_gb")]  # fmt: skip
    # The reason said is the one that decided: the cost when Standard-IA is dearer, else the
    # team's answer that old data is read often (which the averages may not yet show).
    if ia_cost >= total:
        why = (f"Standard table class: Standard-IA would cost {usd(ia_cost)}/month against "
               f"{usd(total)}, its reads and writes (about 25% dearer) outweighing its cheaper "
               f"storage ({fmt(share * 100)}% of the cost here).")  # fmt: skip
    else:
        why = (f"Standard table class, since you said old data is read often. {text}: "
               f"if old data is in fact read rarely, set {question('access_frequency')} to "
               f"'{choice('access_frequency', 'infrequent')}' for it.")  # fmt: skip
    return config, [info("dynamodb.table_class", why, "access_frequency")]  # fmt: skip


def _dax(w: Workload, d: Derived, book: PriceBook, region: str, estimate):
    """(DaxConfig or None, findings, needs an ElastiCache layer instead). DAX is for latency
    (DDB-DAX-01): a poor fit where latency is not critical (DDB-DAX-02), so a read-heavy load
    alone gets the arithmetic of what DAX would have to save, not DAX. `estimate`: the table's
    estimate, for the read capacity DAX would take load from."""
    heavy_reads = d.peak_reads >= 10_000 and d.peak_reads >= 10 * max(d.peak_writes, D(1))
    for_latency = d.sub_ms or w.latency_p99_ms < DAX_BELOW_MS
    if not for_latency and not (heavy_reads and w.consistency == "eventual"):
        return None, [], False
    if w.consistency != "eventual":
        # DDB-DAX-02: strongly consistent reads pass through DAX to the table, uncached.
        return None, [info("dynamodb.dax", "No DAX: it serves only eventually consistent reads; "
            f"{w.consistency.replace('_', '-')} reads would pass through it to the table.",
            "consistency", "latency_p99_ms")], False  # fmt: skip
    choices = offered(book, PriceKey("dynamodb", region, "dax_node_hours"),
                      allow_burstable=not d.production)  # fmt: skip
    if not choices:
        if not for_latency:
            return None, [], False
        return None, [info("dynamodb.dax", f"DAX is not offered in {region}: an ElastiCache "
            "layer in front serves the cached reads instead.", "regions")], True  # fmt: skip
    # In-memory data counts all of it as the working set (it all lives in memory in
    # ElastiCache); in front of a table, DAX holds only the hot set the team gave.
    hot = w.working_set_gb if w.working_set_gb is not None else d.working_set_gb
    memory = hot * CACHE_OVERHEAD
    node = cheapest_fitting(choices, memory_gib=memory, vcpu=D(0)) or largest(choices)
    nodes = 3 if d.production else 1
    nodes = min(11, max(nodes, ceil(d.peak_reads / DAX_READS_PER_NODE)))
    reads = sum((c.monthly for c in estimate.components if c.price_key
                 and c.price_key.region == region and c.price_key.dimension in READ_DIMENSIONS),
                D(0))  # fmt: skip
    if not for_latency:
        cost = node.hourly * nodes * HOURS_PER_MONTH
        share = f"{min(ceil(cost / reads * 100), 100)}%" if reads else "all"
        return None, [info("dynamodb.dax", f"No DAX: DynamoDB's single-digit-millisecond reads "
            f"meet the {fmt(w.latency_p99_ms)} ms p99, and DAX is a poor fit where latency "
            f"is not critical. For the read load alone, {nodes} x {node.name} ({usd(cost)}/month)"
            f" would pay for itself only by serving over {share} of the reads, with the read "
            f"capacity ({usd(reads)}/month) cut to match.", "latency_p99_ms",
            "reads_per_sec")], False  # fmt: skip
    why = "sub-millisecond reads" if d.sub_ms else f"a {fmt(w.latency_p99_ms)} ms p99"
    return DaxConfig(node_type=node.name, nodes=nodes), [info("dynamodb.dax", f"DAX for {why}: "
        f"{nodes} x {node.name} ({fmt(node.spec.memory_gib)} GiB each"
        + (f" for the {fmt(hot)} GB hot set plus ~10%, a GB counted as a GiB for "
           "headroom), " if node.spec.memory_gib >= memory else
           f", the largest DAX node priced: it holds only part of the {fmt(hot)} GB "
           "hot set, and reads it misses go to the table), ")
        + ("three nodes across AZs for production; " if d.production else "")
        + "microsecond reads for eventually consistent look-ups. The table's reads are still "
        f"priced in full ({usd(reads)}/month), an upper bound: reads DAX serves from its cache "
        "never reach the table."
        # DDB-DAX-02: DAX does not cache transactional reads.
        + (" Reads inside transactions (TransactGetItems) pass through DAX to the table, "
           "uncached." if w.needs_transactions else ""),
        "latency_p99_ms", "consistency")], False  # fmt: skip


def _global_consistency(w: Workload) -> tuple[str, list[Finding]]:
    regions = frozenset(w.regions)
    wants_strong = (w.multi_region == "active_active" and w.consistency == "strong") or (
        w.rpo_seconds == 0
    )
    if not wants_strong:
        return "eventual", [info("dynamodb.global_tables", "Global tables with multi-Region "
            "eventual consistency: every Region takes reads and writes, changes usually reach "
            "the others within a second, and the last writer wins on conflicts.",
            "multi_region")]  # fmt: skip
    fits = any(regions <= s for s in MRSC_SETS) and len(regions) in (2, 3)
    if fits:
        witness = ""
        if len(regions) == 2:
            # DDB-GT-05/DDB-WITNESS: the third Region of the set holds a witness, which keeps
            # the quorum's copy of the changes but takes no reads or writes.
            spare = sorted(next(s for s in MRSC_SETS if regions <= s) - regions)
            witness = (f" and a witness in {listed(spare, 'or')} (the third Region of the "
                       "set: it keeps the quorum's copy of the changes, no table, no reads or "
                       "writes)")  # fmt: skip
        return "strong", [info("dynamodb.global_tables", "Global tables with multi-Region strong "
            f"consistency{witness}: a strongly consistent read sees the latest write from any "
            "Region, with zero RPO; writes pay a cross-Region round trip.", "multi_region",
            "consistency", "rpo_seconds")]  # fmt: skip
    what = "zero data loss" if w.rpo_seconds == 0 else "strongly consistent reads across Regions"
    rule = "dr.rpo_zero_cross_region" if w.rpo_seconds == 0 else "dr.strong_across_regions"
    return "eventual", [risk(rule, f"{what.capitalize()} needs multi-Region strong consistency, "
        "which runs in exactly three Regions of one set (US: us-east-1, us-east-2, us-west-2; "
        "EU: eu-west-1, eu-west-2, eu-west-3, eu-central-1; AP: ap-northeast-1, -2, -3); "
        f"{', '.join(w.regions)} do not fit, so eventual consistency is priced. Choose Regions "
        "within one set to meet it.", "regions", "consistency", "rpo_seconds")]  # fmt: skip


def _feature_findings(w: Workload, config: DynamoDBConfig) -> list[Finding]:
    out = []
    if config.pitr:
        period = f"{w.backup_retention_days}-day" if w.backup_retention_days else "35-day"
        out.append(info("dynamodb.pitr", f"Point-in-time recovery with a {period} window (1-35, "
            "the price does not depend on it): restore to any second, usually up to ~5 minutes "
            "ago, always into a new table.", "rpo_seconds", "backup_retention_days"))  # fmt: skip
    elif w.rpo_seconds is not None and w.backup_retention_days == 0:
        out.append(risk("dynamodb.pitr", "Point-in-time recovery is off (backup retention 0): "
            "a bad write or a deleted item cannot be undone, whatever the RPO says.",
            "backup_retention_days"))  # fmt: skip
    elif w.rpo_seconds is not None:
        out.append(info("dynamodb.pitr", f"No point-in-time recovery in {w.environment}: a bad "
            "write cannot be undone.", "environment"))  # fmt: skip
    if config.ttl:
        out.append(info("dynamodb.ttl", f"TTL on: items expire after {w.data_ttl_days} days and "
            "are deleted in the background within about two days, at no write cost; filter "
            "expired items in reads.", "data_ttl_days"))  # fmt: skip
    if config.streams:
        out.append(info("dynamodb.streams", "DynamoDB Streams on: every change, once and in order "
            "per item, kept 24 hours for the consumers (priced for one consumer polling each "
            "shard four times a second; the first 2.5 M reads a month are free).",
            "needs_change_stream"))  # fmt: skip
    if config.global_tables and w.needs_transactions:
        out.append(warning("dynamodb.transactions", "Transactions are ACID only in the Region "
            "where they run; replicas receive their items separately. Whether multi-Region "
            "strong consistency supports transactions was not verified."
            if config.global_tables_consistency == "strong" else "Transactions are ACID only "
            "in the Region where they run; other Regions receive the items one by one.",
            "needs_transactions"))  # fmt: skip
    return out
