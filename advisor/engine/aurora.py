"""Amazon Aurora (MySQL- and PostgreSQL-compatible): provisioned and Serverless v2 options.

Replicas from availability and RTO (AUR-03/04) and read load; Serverless v2 ACU range and
auto-pause for idle or spiky load (AUR-06/07); Standard or I/O-Optimized from the I/O share
of the bill (AUR-05); Global Database for cross-Region DR (AUR-08/09).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from advisor.configs import AuroraConfig, AuroraUsage
from advisor.questionnaire import Workload
from catalog.pricebook import PriceBook, PriceKey

from .availability import sla
from .derived import PAGE_KB, READ_MISS_SHARE, SECONDS_PER_MONTH, Derived, ceil, fmt, plural, usd
from .findings import info, risk, warning
from .model import Finding, Option, Rejected, evolve
from .options import (
    PricingFailed,
    dimension_total,
    priced_estimate,
    priced_option,
    unpriced,
)
from .relational import (
    ENGINE_NAMES,
    ad_hoc_replica,
    aurora_engine,
    backup_findings,
    backup_storage_gb,
    beyond_largest_class,
    memory_short,
    needs_high_availability,
    replication_gb_per_month,
    retention_days,
)
from .sizing import (
    MAX_ACU,
    ClassChoice,
    RelationalNeed,
    RelationalPlan,
    acu_for,
    largest,
    offered,
    plan_relational,
    relational_need,
    vcpu_text,
)

D = Decimal
IO_OPTIMIZED_FROM = D("0.25")  # AUR-05: I/O-Optimized when I/O is 25% or more of the bill
SERVERLESS_PATTERNS = ("spiky", "unpredictable", "mostly_idle")
WRITE_IO_KB = 4  # Aurora counts write I/Os in 4 KB units (AUR-01 storage model)
FAILOVER_WITH_REPLICA = 60  # AUR-04: typically under 60 s, often under 30 s
RECREATE_WITHOUT_REPLICA = 600  # AUR-04: the writer is recreated, typically under 10 minutes


def options(
    w: Workload, d: Derived, book: PriceBook, relaxed: tuple[Finding, ...] = ()
) -> tuple[list[Option], list[Rejected]]:
    engine, note = aurora_engine(w)
    label = ENGINE_NAMES[engine]
    out: list[Option] = []
    rejected: list[Rejected] = []
    try:
        shared = _shared(w, d, book, engine)
    except PricingFailed as exc:
        return [], [unpriced("aurora", f"{label} {_capacity_label(c)}", exc) for c in CAPACITIES]
    for capacity in CAPACITIES:
        try:
            built = _option(w, d, book, engine, capacity, note, relaxed, shared)
        except PricingFailed as exc:
            built = unpriced("aurora", f"{label} {_capacity_label(capacity)}", exc)
        if isinstance(built, Option):
            out.append(built)
        elif built is not None:
            rejected.append(built)
    return _capacity_costs_compared(w, out), rejected


_STEADY_NOTE = ("Serverless v2 costs more per unit of capacity than instances; for steady load "
                "provisioned instances are cheaper.")  # fmt: skip


def _serverless_suits(w: Workload) -> bool:
    return w.traffic_pattern in SERVERLESS_PATTERNS or w.environment == "development"


def _capacity_costs_compared(w: Workload, options: list[Option]) -> list[Option]:
    """Where the load suits instances, both options' capacity notes give both totals: at the
    smallest sizes Serverless v2's minimum can come to less than the smallest instance that
    fits, and a note that says otherwise beside a cheaper total would contradict the answer.
    Only here are both totals known, so the notes are said again here."""
    by_capacity = {o.config.capacity: o for o in options}
    serverless, provisioned = by_capacity.get("serverless_v2"), by_capacity.get("provisioned")
    if serverless is None or provisioned is None or _serverless_suits(w):
        return options
    load = f"{w.traffic_pattern.replace('_', ' ')} load"
    figures = f"{usd(serverless.monthly)} against {usd(provisioned.monthly)} a month"
    if serverless.monthly < provisioned.monthly:
        notes = {
            serverless: "Serverless v2 costs more per unit of capacity than instances, but this "
            f"load is small enough that it comes to less than the provisioned option here "
            f"({figures}).",
            provisioned: f"Provisioned instances suit {load} that keeps them busy, but this load "
            f"is too small for that: Serverless v2 comes to less here ({figures}).",
        }
    else:
        notes = {
            serverless: "Serverless v2 costs more per unit of capacity than instances; for "
            f"{load} provisioned instances are cheaper: {usd(provisioned.monthly)} against "
            f"{usd(serverless.monthly)} a month here.",
        }
    return [_capacity_note(o, notes[o]) if o in notes else o for o in options]


def _capacity_note(option: Option, text: str) -> Option:
    """The option with its aurora.capacity note said as `text` (same cites)."""
    return evolve(option, rationale=tuple(
        info(f.rule, text, *f.cites) if f.rule == "aurora.capacity" else f
        for f in option.rationale
    ))  # fmt: skip


CAPACITIES = ("provisioned", "serverless_v2")


def _capacity_label(capacity: str) -> str:
    return "Serverless v2" if capacity == "serverless_v2" else "provisioned"


@dataclass(frozen=True, slots=True)
class _Shared:
    """What the provisioned and the Serverless v2 option have in common, worked out once."""

    need: RelationalNeed
    plan: RelationalPlan | str
    biggest: ClassChoice | None  # the largest class priced: named when none is large enough
    ha: bool
    days: int
    backup_notes: tuple[Finding, ...]
    io_requests: Decimal
    backup_storage_gb: Decimal
    global_notes: tuple[Finding, ...]


def _shared(w: Workload, d: Derived, book: PriceBook, engine: str) -> _Shared:
    ha, _why = needs_high_availability(w, sla("aurora", multi_az=False))
    key = PriceKey("aurora", w.primary_region, "instance_hours", engine=engine,
                   storage_type="standard")  # fmt: skip
    choices = offered(book, key, allow_burstable=not d.production)
    need = relational_need(w.item_size_kb, d)
    plan = plan_relational(choices, need, max_replicas=15, spread_reads=w.consistency == "eventual")
    days = retention_days(w, d, minimum=1)
    backup_notes = []
    if w.backup_retention_days == 0:
        backup_notes.append(warning("aurora.backup", "Aurora backups cannot be turned off: "
            "1 day kept (the minimum).", "backup_retention_days"))  # fmt: skip
    backup_notes += backup_findings(w, d, days, "aurora.backup", in_place=False,
                                    raised_for="Aurora keeps at least 1 day")  # fmt: skip
    return _Shared(
        need=need,
        plan=plan,
        biggest=largest(choices) if isinstance(plan, str) else None,
        ha=ha,
        days=days,
        backup_notes=tuple(backup_notes),
        io_requests=_io_requests(w, d),
        backup_storage_gb=backup_storage_gb(w, d, days),
        global_notes=tuple(_global_findings(w)) if w.multi_region != "none" else (),
    )


def _option(w, d, book, engine, capacity, note, relaxed, shared) -> Option | Rejected | None:
    region = w.primary_region
    label = ENGINE_NAMES[engine]
    rationale: list[Finding] = [note] if note else []
    global_db = w.multi_region != "none"
    need, plan = shared.need, shared.plan
    if isinstance(plan, str):
        return Rejected("aurora", f"{label} {_capacity_label(capacity)}", (risk(
            "constraint.writes_beyond_one_writer", beyond_largest_class(w, d, need,
            shared.biggest, label, replicas_allowed=True), "writes_per_sec",
            "reads_per_sec"),))  # fmt: skip
    replicas = max(1 if shared.ha else 0, plan.read_replicas) + ad_hoc_replica(w, d)
    pattern_fits = (capacity == "serverless_v2") == _serverless_suits(w)
    if capacity == "provisioned":
        shape = {"capacity": "provisioned", "instance_class": plan.writer.name}
        usage_acu = None
        rationale.append(info("sizing.instance_class", need.explain(d.working_set_gb,
            d.peak_reads, d.peak_writes) + f" Chosen: {plan.writer.name} "
            f"({plan.writer.spec.vcpu} vCPU, {fmt(plan.writer.spec.memory_gib)} GiB)."
            + need.held(plan.writer),
            "working_set_gb", "reads_per_sec"))  # fmt: skip
        if plan.memory_capped:
            rationale.append(warning("sizing.largest_class", memory_short(w, need, plan.writer),
                                     "working_set_gb"))  # fmt: skip
        rationale.append(info("aurora.capacity", "Provisioned instances: the cheaper way to run "
            f"{w.traffic_pattern.replace('_', ' ')} load that keeps the instances busy."
            if pattern_fits else "Provisioned instances are sized for the peak and paid for "
            "around the clock, though the load varies: Serverless v2 follows it.",
            "traffic_pattern"))  # fmt: skip
    else:
        per_instance_vcpu = need.vcpu_writes + need.vcpu_reads / (plan.read_replicas + 1)
        max_acu = acu_for(min(need.memory_gib, MAX_ACU * 2), per_instance_vcpu)
        if max_acu > MAX_ACU:
            return None  # beyond Serverless v2: the provisioned option says what it takes
        pause = (
            w.environment == "development"
            or (w.traffic_pattern == "mostly_idle" and not d.production)
        ) and not global_db
        if pause:
            min_acu = D(0)
        elif d.production:
            # A quarter of the peak: part of the working set stays cached and scaling up
            # starts from a useful size (ours; scaling is faster from a higher floor).
            min_acu = max(D("0.5"), D(ceil(max_acu / 4 * 2)) / 2)
        else:
            min_acu = D("0.5")
        awake = _awake_hours_per_day(w) if pause else 24
        # While awake the cluster bills at least 0.5 ACU (AUR-06); the day's load falls in the
        # hours it is awake.
        avg = min(max_acu, max(min_acu, D("0.5"), max_acu * d.load_ratio * 24 / awake))
        avg = avg.quantize(D("0.01"))
        shape = {"capacity": "serverless_v2", "min_acu": min_acu, "max_acu": max_acu}
        usage_acu = avg
        range_text = (f"{fmt(max_acu)} ACU" if min_acu == max_acu
                      else f"from {fmt(min_acu)} to {fmt(max_acu)} ACU")  # fmt: skip
        rationale.append(info("aurora.acu_range", f"Serverless v2 {range_text} (an ACU is "
            f"about 2 GiB of memory with its CPU): the peak needs {fmt(need.memory_gib, 1)} GiB "
            f"and {vcpu_text(per_instance_vcpu)} vCPU per instance; average {fmt(avg)} ACU"
            + (" while awake." if pause else f" at {fmt(d.load_ratio * 100)}% of peak load."),
            "reads_per_sec", "working_set_gb", "traffic_pattern"))  # fmt: skip
        if pause:
            usage_hours = (SECONDS_PER_MONTH / 3600 * awake / 24).quantize(D("0.01"))
            rationale.append(info("aurora.auto_pause", "Minimum 0 ACU: the cluster pauses when "
                "idle (no instance charge) and resumes in about 15 s, which suits "
                f"{w.environment} and internal use, not strict SLOs. Priced awake "
                f"{awake} hours a day ({fmt(usage_hours)} hours a month; ours: "
                + ("a working day of use, and it pauses only after an idle timeout of at least "
                   "5 minutes" if awake < 24 else "this load arrives around the clock")
                + "), at least 0.5 ACU while awake.", "environment", "traffic_pattern"))  # fmt: skip
        rationale.append(info("aurora.capacity", "Serverless v2 follows the "
            f"{w.traffic_pattern.replace('_', ' ')} load in half-ACU steps without disruption."
            if pattern_fits else _STEADY_NOTE, "traffic_pattern"))  # fmt: skip
    rationale += _replica_findings(w, replicas, plan.read_replicas)
    if ad_hoc_replica(w, d):
        rationale.append(info("sizing.read_replicas", "One of the Aurora Replicas is for ad hoc "
            "queries, so scans over the data do not slow the application's writer (our rule "
            "for databases from 500 GB); like every replica it can also take over if the "
            "writer fails.", "needs_joins", "storage_gb"))  # fmt: skip
    days = shared.days
    rationale += shared.backup_notes
    usage_fields = {"storage_gb": w.storage_gb, "io_requests_per_month": shared.io_requests,
                    "avg_acu": usage_acu, "backup_storage_gb": shared.backup_storage_gb}  # fmt: skip
    if capacity == "serverless_v2" and shape["min_acu"] == 0:
        usage_fields["hours_per_month"] = usage_hours  # paused the rest of the month
    if global_db:
        shape.update(global_database=True, secondary_regions=d.dr_regions)
        usage_fields.update(replicated_write_ios_per_month=_write_ios(w, d),
                            replication_transfer_gb_per_month=replication_gb_per_month(w, d))  # fmt: skip
        rationale += shared.global_notes
    config = AuroraConfig(engine=engine, replicas=replicas, multi_az=replicas > 0,
                          backup_retention_days=days, pitr=True, encrypted=True, **shape)  # fmt: skip
    rationale += relaxed

    source = w.migration_source.engine if w.migration_source else None
    penalty = (0 if pattern_fits else 8) + (10 if w.data_model != "relational" else 0)
    if source in ("oracle", "sqlserver") and not w.engine_preference:
        penalty += 10  # the effort of a refactor
    usage = AuroraUsage(**usage_fields)
    config, priced, storage_note = _storage_config(book, region, config, usage)
    rationale.append(storage_note)
    return priced_option(book, region, "aurora", _label(config, label, replicas), config, usage,
                         rationale, penalty=penalty, priced=priced)  # fmt: skip


# Hours a day a cluster that pauses is awake (ours): a working day for load that comes and
# goes; around the clock for steady load, whose requests never leave it idle long enough.
AWAKE_HOURS = {"mostly_idle": 8, "spiky": 8, "unpredictable": 8}


def _awake_hours_per_day(w: Workload) -> int:
    return AWAKE_HOURS.get(w.traffic_pattern, 24)


def _label(config: AuroraConfig, label: str, replicas: int) -> str:
    topology = "writer" + (
        f" + {replicas} replica{'s' if replicas > 1 else ''}" if replicas else ""
    )
    if config.capacity == "serverless_v2":
        acu = (f"{fmt(config.max_acu)} ACU" if config.min_acu == config.max_acu
               else f"{fmt(config.min_acu)}-{fmt(config.max_acu)} ACU")  # fmt: skip
        text = f"{label} Serverless v2, {acu}, {topology}"
    else:
        text = f"{label}, {1 + replicas} x {config.instance_class} ({topology})"
    if config.multi_az:
        text += ", Multi-AZ"
    if config.storage_config == "io_optimized":
        text += ", I/O-Optimized"
    if config.global_database:
        text += f", Global Database ({', '.join(config.secondary_regions)})"
    return text


def _storage_config(book, region, config: AuroraConfig, usage: AuroraUsage):
    """AUR-05: I/O-Optimized when I/O is at least 25% of the Aurora Standard bill.
    (config, its priced estimate, the finding)."""
    standard = priced_estimate("aurora", region, config, usage, book)
    io_cost = dimension_total(standard[0].components, "io_requests")
    total = standard[0].monthly
    share = io_cost / total if total else D(0)
    if share < IO_OPTIMIZED_FROM:
        return config, standard, info("aurora.storage_config", f"Aurora Standard: I/O is "
            f"{fmt(share * 100)}% of the bill, under the 25% from which I/O-Optimized pays off.",
            "iops_required")  # fmt: skip
    config = evolve(config, storage_config="io_optimized")
    optimized = priced_estimate("aurora", region, config, usage, book)
    return config, optimized, info("aurora.storage_config", f"I/O-Optimized: I/O is "
        f"{fmt(share * 100)}% of the Standard bill ({usd(total)}/month), above 25%; without "
        f"an I/O charge this configuration costs "
        f"{usd(optimized[0].monthly)}.", "iops_required")  # fmt: skip


def _io_requests(w: Workload, d: Derived) -> Decimal:
    """Billed I/Os a month: reads that miss the cache (16 KB pages) and writes (4 KB units),
    or the sustained IOPS given (ours: from derived.py's figures)."""
    if w.iops_required is not None:
        return D(w.iops_required) * SECONDS_PER_MONTH
    pages = max(1, ceil(w.item_size_kb / PAGE_KB))
    reads = d.reads_per_month * READ_MISS_SHARE * pages
    return reads + _write_ios(w, d)


def _write_ios(w: Workload, d: Derived) -> Decimal:
    return d.writes_per_month * max(1, ceil(w.item_size_kb / WRITE_IO_KB))


def _replica_findings(w: Workload, replicas: int, for_reads: int) -> list[Finding]:
    out = []
    if replicas:
        out.append(info("aurora.replicas", f"{plural(replicas, 'Aurora Replica')} in "
            + ("another AZ" if replicas == 1 else "other AZs")
            + (f" ({for_reads} for the read load)" if for_reads else "")
            + ": failover to a replica typically takes under 60 s (often under 30 s); storage is "
            "six copies across three AZs whatever the instance count.",
            "availability_target", "rto_seconds"))  # fmt: skip
        if w.rto_seconds is not None and w.rto_seconds < 30:
            out.append(risk("dr.rto_unmet", f"Failover typically takes 30-60 s, above the "
                f"{fmt(w.rto_seconds)} s RTO; RDS Proxy cuts failover time by up to 66%.",
                "rto_seconds"))  # fmt: skip
    else:
        out.append(info("aurora.replicas", "No replica: if the writer fails Aurora recreates it, "
            "typically within 10 minutes; the data stays safe in the cluster volume.",
            "environment"))  # fmt: skip
        if w.rto_seconds is not None and w.rto_seconds < RECREATE_WITHOUT_REPLICA:
            out.append(risk("dr.rto_unmet", f"Recreating the writer takes up to about 10 "
                f"minutes, above the {fmt(w.rto_seconds)} s RTO; one replica would fail over "
                "in under a minute.", "rto_seconds"))  # fmt: skip
    return out


def _global_findings(w: Workload) -> list[Finding]:
    secondaries = "the secondary Region" if len(w.regions) == 2 else "the secondary Regions"
    out = [info("aurora.global_database", "Aurora Global Database: storage-level replication to "
        f"{secondaries} ({', '.join(w.regions[1:])}), typically under a second behind; secondaries serve reads "
        "and one is promoted if the primary Region fails (switchover without data loss when "
        "planned; failover may lose the last seconds).", "multi_region")]  # fmt: skip
    if w.multi_region == "active_active":
        out.append(info("aurora.global_database", "Write forwarding lets the secondary Regions "
            "accept writes, but they are sent to the one writer in the primary Region: the "
            "closest Aurora comes to writing everywhere.", "multi_region"))  # fmt: skip
    if w.rpo_seconds == 0:
        out.append(risk("dr.rpo_zero_cross_region", "Zero data loss across Regions cannot be met: "
            "Global Database replicates asynchronously, so an unplanned failover may lose the "
            "last second of writes. Aurora DSQL (synchronous, not priced here) would meet it.",
            "rpo_seconds"))  # fmt: skip
    elif w.rpo_seconds is not None and w.rpo_seconds < 1:
        out.append(risk("dr.rpo_unmet", "Global Database lag is typically under a second, not "
            f"guaranteed below {fmt(w.rpo_seconds)} s.", "rpo_seconds"))  # fmt: skip
    if w.rto_seconds is not None and w.rto_seconds < 60:
        out.append(risk("dr.rto_unmet", "Promoting a secondary Region takes on the order of "
            f"a minute or more, above the {fmt(w.rto_seconds)} s RTO.", "rto_seconds"))  # fmt: skip
    return out
