"""The options a comparison lines up, and how each one is priced at one point of a sweep.

An option is the engine's configuration of one service, found by its *slot* (RDS; Aurora
provisioned; Aurora Serverless v2; DynamoDB; ElastiCache nodes; ElastiCache Serverless), or a
variant of it that the engine weighed and set aside: the other Aurora storage configuration,
the other DynamoDB capacity mode or table class, DynamoDB without DAX. Options the engine put
an ElastiCache layer in front of appear with it and without it.

At each point of a sweep (another Region, another traffic level) the engine runs once and
every option is rebuilt from its slot there, so ten times the load gets the instances it
needs; the variants are then priced with the estimator directly, never by another engine run.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from advisor.engine import elasticache as engine_cache
from advisor.engine import recommend
from advisor.engine.aurora import _label as aurora_label  # the engine's own labels
from advisor.engine.derived import SECONDS_PER_MONTH, Derived, ceil, derive
from advisor.engine.dynamodb import AUTOSCALING_TARGET, ON_DEMAND_PATTERNS
from advisor.engine.dynamodb import _label as dynamodb_label
from advisor.engine.findings import info, warning
from advisor.engine.model import Finding, Option, Recommendation
from advisor.engine.options import PricingFailed
from advisor.engine.ranking import fit_score
from advisor.engine.relational import ENGINE_NAMES
from advisor.estimator import estimate
from advisor.estimator.base import CostComponent, cents
from advisor.questionnaire import Workload
from catalog.pricebook import PriceBook

D = Decimal
Slot = tuple[str, ...]
WITH_CACHE = " + ElastiCache cache"


def slot_of(option: Option) -> Slot:
    config = option.config
    if option.service == "aurora":
        return ("aurora", config.capacity)
    if option.service == "elasticache":
        return ("elasticache", config.deployment)
    return (option.service,)


@dataclass(frozen=True, slots=True)
class Choice:
    """One option of the comparison: a slot; the configuration attributes held at the same
    value at every point (`pins`), one of which may differ from the engine's choice at the
    baseline (`change`); and whether the ElastiCache layer is priced with it.

    Pinning keeps each curve one thing: where the engine would switch a point to
    I/O-Optimized or on-demand, the option that says Aurora Standard stays Standard."""

    slot: Slot
    pins: tuple[tuple[str, Any], ...] = ()
    change: str = ""
    with_cache: bool = False


@dataclass(frozen=True, slots=True)
class Priced:
    """A choice priced at one point: what it is there, and its monthly cost."""

    label: str
    service: str
    region: str
    config: Any
    usage: Any
    components: tuple[CostComponent, ...]
    cache: Option | None

    @property
    def own_monthly(self) -> Decimal:
        # Rounded per component, as every bill of this product is (Option.monthly).
        return sum((cents(c.monthly) for c in self.components), D(0))

    @property
    def monthly(self) -> Decimal:
        return self.own_monthly + (self.cache.monthly if self.cache else D(0))

    @property
    def upfront(self) -> Decimal:
        return sum((cents(c.upfront) for c in self.components), D(0))


class Context:
    """The workload as it stands at one point of a sweep, and the engine's answer for it."""

    def __init__(self, workload: Workload, book: PriceBook) -> None:
        self.workload = workload
        self.book = book
        self.derived: Derived = derive(workload)
        self.recommendation: Recommendation = recommend(workload, book)
        rec = self.recommendation
        self.options: dict[Slot, Option] = {}
        for option in ([rec.primary] if rec.primary else []) + list(rec.alternatives):
            self.options.setdefault(slot_of(option), option)
        self._cache: Option | str | None = None

    @property
    def region(self) -> str:
        return self.workload.primary_region

    def cache_layer(self) -> Option | str:
        """The ElastiCache layer the engine would put in front here, or why there is none."""
        if self._cache is None:
            w, d = self.workload, self.derived
            reason = next(
                (
                    r
                    for s in ("rds", "aurora", "dynamodb")
                    if (r := engine_cache.cache_reason(w, d, s))
                ),
                "reads served from memory",
            )
            found = engine_cache.cache_option(w, d, self.book, reason)
            self._cache = found if isinstance(found, Option) else _first_reason(found.reasons)
        return self._cache

    def missing(self, slot: Slot) -> str:
        """Why the engine has no option in this slot here."""
        for rejected in self.recommendation.rejected:
            if rejected.service == slot[0] and rejected.reasons:
                return rejected.reasons[0].message
        if slot == ("aurora", "serverless_v2"):
            return "The load is beyond Aurora Serverless v2's 256 ACU."
        return "The engine finds no feasible configuration of this service here."

    def cache_reason(self, option: Option) -> str:
        reason = engine_cache.cache_reason(self.workload, self.derived, option.service)
        return reason or "DAX is not offered here"


def _first_reason(reasons: tuple[Finding, ...]) -> str:
    return reasons[0].message if reasons else "No ElastiCache layer can be priced here."


# ----- the variants --------------------------------------------------------------------------

# The attributes a comparison holds fixed across points, per service, in display order.
PINNED: dict[str, tuple[str, ...]] = {
    "aurora": ("storage_config",),
    "dynamodb": ("capacity_mode", "table_class", "dax"),
}


def _flipped(name: str, value: Any) -> Any:
    """The other value of a pinned attribute (for `dax`: without it; None when absent)."""
    return {
        "storage_config": {"standard": "io_optimized", "io_optimized": "standard"},
        "capacity_mode": {"on_demand": "provisioned", "provisioned": "on_demand"},
        "table_class": {"standard": "standard_ia", "standard_ia": "standard"},
    }.get(name, {}).get(value)


def pinned(option: Option, pins: tuple[tuple[str, Any], ...]) -> tuple[Any, Any, str]:
    """(config, usage, label) of the engine's `option` with the pinned attributes set."""
    config, usage = option.config, option.usage
    for name, value in pins:
        if getattr(config, name) == value:
            continue
        if name == "capacity_mode":
            config = _capacity_mode(config, usage, value)
        elif name == "table_class":
            config = replace(config, table_class=value, reserved_capacity=False)
        else:
            config = replace(config, **{name: value})
    if config is option.config:
        return config, usage, option.label
    if option.service == "aurora":
        label = aurora_label(config, ENGINE_NAMES[config.engine], config.replicas)
    else:
        label = dynamodb_label(config)
    return config, usage, label


def _capacity_mode(config, usage, mode: str):
    if mode == "on_demand":
        return replace(config, capacity_mode="on_demand", read_capacity_units=None,
                       write_capacity_units=None, autoscaling=False, reserved_capacity=False)  # fmt: skip
    # As the engine sizes provisioned capacity: the average load at auto scaling's 70%
    # target (engine/dynamodb.py _capacity_mode). The usage carries the average request
    # units a month, so the units per second are those over the seconds of a month.
    rcu = max(1, ceil(usage.read_request_units_per_month / SECONDS_PER_MONTH / AUTOSCALING_TARGET))
    wcu = max(1, ceil(usage.write_request_units_per_month / SECONDS_PER_MONTH / AUTOSCALING_TARGET))
    return replace(config, capacity_mode="provisioned", read_capacity_units=rcu,
                   write_capacity_units=wcu, autoscaling=True)  # fmt: skip


def choices_for(ctx: Context) -> list[Choice]:
    """The engine's configuration of each slot (with and without its cache layer, where it
    has one), then each variant that changes one pinned attribute."""
    out: list[Choice] = []
    for slot, option in ctx.options.items():
        names = PINNED.get(option.service, ())
        pins = tuple((name, getattr(option.config, name)) for name in names)
        caches = (True, False) if option.needs_cache else (False,)
        out += [Choice(slot, pins, "", cache) for cache in caches]
        for i, (name, value) in enumerate(pins):
            other = _flipped(name, value)
            if other is None and value is None:
                continue  # no DAX to leave out
            changed = (*pins[:i], (name, other), *pins[i + 1 :])
            out.append(Choice(slot, changed, name, option.needs_cache))
    return out


def price(choice: Choice, ctx: Context) -> Priced | str:
    """The choice as configured at this point, priced; or why it cannot be."""
    option = ctx.options.get(choice.slot)
    if option is None:
        return ctx.missing(choice.slot)
    config, usage, label = pinned(option, choice.pins)
    components = option.components
    if config is not option.config:
        try:
            components = estimate(option.service, option.region, config, usage, ctx.book).components
        except PricingFailed as exc:
            return getattr(exc, "message", str(exc))
    cache = None
    if choice.with_cache:
        layer = ctx.cache_layer()
        if isinstance(layer, str):
            return layer
        cache = layer
        label += WITH_CACHE
    return Priced(label, option.service, option.region, config, usage, components, cache)


def variant_notes(choice: Choice, ctx: Context) -> tuple[Finding, ...]:
    """What a variant changes, as findings (which also weigh in its fit score)."""
    option = ctx.options[choice.slot]
    notes: list[Finding] = []
    if option.needs_cache and not choice.with_cache:
        notes.append(warning("cache.layer", "Without the ElastiCache layer the engine puts in "
                             f"front: {ctx.cache_reason(option)}.", "latency_p99_ms"))  # fmt: skip
    config = option.config
    w = ctx.workload
    if choice.change == "storage_config":
        notes.append(info("aurora.storage_config", "I/O-Optimized instead of Aurora Standard: no "
            "I/O charge, dearer instances and storage." if config.storage_config == "standard"
            else "Aurora Standard instead of I/O-Optimized: cheaper instances and storage, "
            "every I/O billed.", "iops_required"))  # fmt: skip
    elif choice.change == "capacity_mode" and config.capacity_mode == "on_demand":
        pattern = w.traffic_pattern.replace("_", " ")
        if w.traffic_pattern in ON_DEMAND_PATTERNS:
            notes.append(warning("dynamodb.capacity_mode", "Provisioned capacity with auto scaling "
                f"instead of on-demand: auto scaling reacts in minutes, so bursts of {pattern} "
                "traffic above the provisioned units are throttled.", "traffic_pattern"))  # fmt: skip
        else:
            notes.append(info("dynamodb.capacity_mode", "Provisioned capacity with auto scaling "
                "(the average load at a 70% target) instead of on-demand.", "traffic_pattern"))  # fmt: skip
    elif choice.change == "capacity_mode":
        notes.append(info("dynamodb.capacity_mode", "On-demand capacity instead of provisioned: "
                          "pay per request, nothing when idle.", "traffic_pattern"))  # fmt: skip
    elif choice.change == "table_class":
        to_ia = config.table_class == "standard"
        notes.append(info("dynamodb.table_class", "Standard-IA instead of Standard: storage about "
            "60% cheaper, reads and writes about 25% dearer." if to_ia else "Standard instead of "
            "Standard-IA: cheaper reads and writes, dearer storage.", "access_frequency"))  # fmt: skip
    elif choice.change == "dax":
        notes.append(warning("dynamodb.dax", "Without DAX: reads come from the table in single-"
            "digit milliseconds rather than from memory in microseconds.", "latency_p99_ms"))  # fmt: skip
    return tuple(notes)


def is_engine_choice(choice: Choice, ctx: Context) -> bool:
    """The configuration exactly as the engine recommends it (with its cache layer, if any)."""
    option = ctx.options[choice.slot]
    return not choice.change and choice.with_cache == option.needs_cache


def choice_fit(choice: Choice, priced: Priced, ctx: Context) -> int:
    """The engine's fit score for its own configurations; for a variant, the same formula
    against the same cheapest option, with the variant's cost and notes."""
    option = ctx.options[choice.slot]
    if is_engine_choice(choice, ctx):
        return option.fit_score
    engine_options = list(ctx.options.values())
    cheapest = min(o.compared_monthly for o in engine_options)
    scored = replace(
        option,
        components=priced.components,
        rationale=(*option.rationale, *variant_notes(choice, ctx)),
        ranking_monthly=priced.monthly,
    )
    return fit_score(scored, cheapest, ctx.workload.monthly_budget_usd, priced.cache)
