"""Month by month as the data grows: the same deployment, its storage following the data.

The engine sizes a deployment for today; here it is kept and only what the data drives
changes: RDS storage grows by storage autoscaling (and crosses gp3's size threshold, where
more IOPS come included), Aurora's volume and DynamoDB's table are billed on what they hold,
backups follow the data, an in-memory store adds shards (or Serverless bills more GB-hours).
Each month is priced with the estimator: no engine run per month.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from advisor.engine.derived import WORKING_SET_SHARE, ceil, fmt
from advisor.engine.findings import SOURCES
from advisor.engine.options import PricingFailed
from advisor.engine.relational import backup_storage_gb
from advisor.engine.sizing import CACHE_OVERHEAD, ClassChoice, plan_cache
from advisor.estimator import estimate
from advisor.estimator.base import cents
from advisor.estimator.rds import gp3_baseline
from catalog.pricebook import PriceKey

from .choices import Context, Priced

D = Decimal
MAX_RDS_GIB = 65_536  # RDS-STO-02: a primary volume is at most 64 TiB
MAX_SHARDS = 500  # EC-05
# RDS-STO-10: autoscaling acts when free space is under 10% of the allocation, and grows it
# by the largest of 5 GiB, 10% of the allocation or the growth predicted for the next 7
# hours (negligible next to 10% at a monthly growth rate, so left out).
AUTOSCALE_FREE_SHARE = D("0.1")
AUTOSCALE_MIN_STEP_GIB = 5
AUTOSCALE_STEP_SHARE = D("0.1")


@dataclass(frozen=True, slots=True)
class Event:
    """Something the growth curve crosses, in plain words."""

    month: int
    message: str
    severity: str  # info, warning, risk
    source: str


def stored_gb(ctx: Context, month: int) -> Decimal:
    w = ctx.workload
    return w.storage_gb + w.storage_growth_gb_per_month * month


def working_set_gb(ctx: Context, month: int) -> Decimal:
    """The hot data: given, or (as the engine assumes) a share of what is stored."""
    w = ctx.workload
    if w.data_model == "in_memory":
        return stored_gb(ctx, month)
    if w.working_set_gb is not None:
        return w.working_set_gb
    return stored_gb(ctx, month) * WORKING_SET_SHARE


def series(priced: Priced, ctx: Context, months: int) -> tuple[list[Decimal | None], list[Event]]:
    """The option's own monthly cost for months 0..months (None where it cannot be priced),
    and the events on the way. The cache layer is priced apart (cache_series)."""
    grow = {"rds": _rds, "aurora": _aurora, "dynamodb": _dynamodb, "elasticache": _elasticache}
    return grow[priced.service](priced, ctx, months)


def cache_series(ctx: Context, months: int) -> tuple[list[Decimal | None], list[Event]]:
    layer = ctx.cache_layer()
    if isinstance(layer, str):
        return [None] * (months + 1), []
    return _cache_nodes(ctx, layer.config, layer.usage, months, primary=False)


def _total(ctx: Context, service: str, config, usage) -> Decimal | None:
    try:
        found = estimate(service, ctx.region, config, usage, ctx.book)
    except PricingFailed:  # beyond a limit (Aurora's 128 TiB volume, ...)
        return None
    return sum((cents(c.monthly) for c in found.components), D(0))


# ----- RDS -----------------------------------------------------------------------------------


def rds_allocations(config, stored: list[Decimal]) -> tuple[list[int], list[Event]]:
    """The allocated GiB month by month as storage autoscaling follows the data."""
    allocated = config.allocated_storage_gb
    ceiling = config.storage_autoscaling_max_gb
    by_hand = ceiling is None  # Multi-AZ DB clusters do not autoscale (RDS-STO-11)
    limit = min(ceiling or MAX_RDS_GIB, MAX_RDS_GIB)
    source = SOURCES["RDS-AUTOSCALE"]
    out: list[int] = []
    events: list[Event] = []
    grew = full = False
    for month, gb in enumerate(stored):
        before = allocated
        while gb > allocated * (1 - AUTOSCALE_FREE_SHARE) and allocated < limit:
            step = max(AUTOSCALE_MIN_STEP_GIB, ceil(allocated * AUTOSCALE_STEP_SHARE))
            allocated = min(limit, allocated + step)
        if allocated != before and not grew:
            grew = True
            how = ("must be grown by hand (Multi-AZ DB clusters do not autoscale storage)"
                   if by_hand else "is grown by storage autoscaling")  # fmt: skip
            events.append(Event(month, f"Month {month}: {fmt(gb)} GB stored leaves under 10% of "
                f"the {fmt(before)} GiB allocated free, so the volume {how}: {fmt(allocated)} GiB.",
                "warning" if by_hand else "info", source))  # fmt: skip
        if config.storage_type == "gp3":
            old, new = gp3_baseline(config.engine, before), gp3_baseline(config.engine, allocated)
            if new != old:
                events.append(Event(month, f"Month {month}: at {fmt(allocated)} GiB gp3 includes "
                    f"{fmt(new[0])} IOPS and {fmt(new[1])} MiB/s instead of {fmt(old[0])} and "
                    f"{fmt(old[1])}; IOPS provisioned above the baseline are billed less.",
                    "info", SOURCES["RDS-STORAGE"]))  # fmt: skip
        if gb > allocated and not full:
            full = True
            events.append(Event(month, f"Month {month}: {fmt(gb)} GB no longer fits the "
                f"{fmt(allocated)} GiB {'limit' if by_hand else 'autoscaling maximum'}: raise it, "
                "or the database fills and stops taking writes.", "risk", source))  # fmt: skip
        out.append(allocated)
    return out, events


def _rds(priced: Priced, ctx: Context, months: int):
    config, usage = priced.config, priced.usage
    stored = [stored_gb(ctx, m) for m in range(months + 1)]
    allocations, events = rds_allocations(config, stored)
    costs = []
    for month, allocated in enumerate(allocations):
        w = replace(ctx.workload, storage_gb=stored[month])
        backup = backup_storage_gb(w, ctx.derived, config.backup_retention_days)
        costs.append(_total(ctx, "rds", replace(config, allocated_storage_gb=allocated),
                            replace(usage, backup_storage_gb=backup)))  # fmt: skip
    return costs, events


# ----- Aurora and DynamoDB: billed on what they hold -------------------------------------------


def _aurora(priced: Priced, ctx: Context, months: int):
    config, usage = priced.config, priced.usage
    costs: list[Decimal | None] = []
    events: list[Event] = []
    for month in range(months + 1):
        gb = stored_gb(ctx, month)
        w = replace(ctx.workload, storage_gb=gb)
        backup = backup_storage_gb(w, ctx.derived, config.backup_retention_days)
        cost = _total(
            ctx, "aurora", config, replace(usage, storage_gb=gb, backup_storage_gb=backup)
        )
        if cost is None and (not costs or costs[-1] is not None):
            events.append(Event(month, f"Month {month}: {fmt(gb)} GB is beyond an Aurora cluster "
                "volume's 128 TiB.", "risk", SOURCES["AUR-STORAGE"]))  # fmt: skip
        costs.append(cost)
    return costs, events


def _dynamodb(priced: Priced, ctx: Context, months: int):
    costs = [
        _total(ctx, "dynamodb", priced.config, replace(priced.usage, storage_gb=stored_gb(ctx, m)))
        for m in range(months + 1)
    ]
    return costs, []


# ----- ElastiCache: the data is the memory ----------------------------------------------------


def _elasticache(priced: Priced, ctx: Context, months: int):
    return _cache_nodes(ctx, priced.config, priced.usage, months, primary=True)


def _cache_nodes(ctx: Context, config, usage, months: int, *, primary: bool):
    d = ctx.derived
    ops = d.peak_reads + (d.peak_writes if primary else D(0))
    node = _node_choice(ctx, config) if config.deployment == "node_based" else None
    costs: list[Decimal | None] = []
    events: list[Event] = []
    shards = config.shards
    changed = False
    for month in range(months + 1):
        data = stored_gb(ctx, month) if primary else working_set_gb(ctx, month)
        grown_config, grown_usage = config, usage
        if usage.backup_storage_gb:
            grown_usage = replace(
                grown_usage, backup_storage_gb=data * config.snapshot_retention_days
            )
        if node is None:
            grown_usage = replace(grown_usage, avg_data_gb=data * CACHE_OVERHEAD)
        else:
            plan = plan_cache([node], data, ops, nodes_per_shard=1 + config.replicas_per_shard,
                              max_shards=MAX_SHARDS)  # fmt: skip
            if plan is None:
                if not costs or costs[-1] is not None:
                    events.append(Event(month, f"Month {month}: {fmt(data)} GB does not fit "
                        f"{MAX_SHARDS} shards of {node.name}.", "risk",
                        SOURCES["EC-SHARDS"]))  # fmt: skip
                costs.append(None)
                continue
            if plan.shards != shards and not changed:
                changed = True
                what = "the data" if primary else "the hot set"
                events.append(Event(month, f"Month {month}: {fmt(data, 1)} GB of {what} needs "
                    f"{plan.shards} shards of {node.name} (was {shards})"
                    + (", with cluster mode on" if shards == 1 and not config.cluster_mode else "")
                    + ".", "info", SOURCES["EC-SHARDS"]))  # fmt: skip
            shards = plan.shards
            grown_config = replace(config, shards=plan.shards,
                                   cluster_mode=config.cluster_mode or plan.shards > 1)  # fmt: skip
        costs.append(_total(ctx, "elasticache", grown_config, grown_usage))
    if changed and shards != config.shards:
        events.append(Event(months, f"By month {months}: {shards} shards of {node.name}.", "info",
                            SOURCES["EC-SHARDS"]))  # fmt: skip
    return costs, events


def _node_choice(ctx: Context, config) -> ClassChoice:
    name = config.node_type
    key = PriceKey("elasticache", ctx.region, "node_hours", engine=config.engine,
                   instance_class=name)  # fmt: skip
    return ClassChoice(name, ctx.book.instance_classes[name], ctx.book.price(key).usd)
