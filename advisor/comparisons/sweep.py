"""compare(workload, book, params, progress) -> Comparison: every feasible option, in each
Region asked, month by month as the data grows, at each traffic multiplier, and where two
of them cost the same.

Engine runs: one for the baseline, one per other Region, one per traffic multiplier other
than 1 (the load changes the sizing). Growth is priced with the estimator alone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from itertools import combinations
from typing import Any

from advisor.engine import elasticache as engine_cache
from advisor.engine.derived import ceil
from advisor.engine.model import Option
from advisor.engine.options import PricingFailed
from advisor.questionnaire import Workload
from catalog.pricebook import PriceBook

from . import breakeven, growth
from .breakeven import BreakEven
from .choices import (
    Choice,
    Context,
    Priced,
    choice_fit,
    choices_for,
    is_engine_choice,
    price,
    variant_notes,
)
from .params import Params

D = Decimal
GROWTH_CHUNK = 12  # months priced between two progress reports
MAX_CROSSINGS = 24
Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class ComparedOption:
    label: str
    service: str
    region: str
    config: Any
    monthly: Decimal  # with the cache layer when it has one
    upfront: Decimal
    fit_score: int
    engine_choice: bool  # exactly as the engine configures it
    with_cache: bool
    cache_label: str
    cache_monthly: Decimal
    notes: tuple[str, ...]  # what a variant changes


@dataclass(frozen=True, slots=True)
class RegionPrice:
    region: str
    label: str  # the option (its label in the baseline Region)
    monthly: Decimal | None
    configured_as: str  # what the engine configures there (classes differ between Regions)
    note: str = ""  # why it has no price there


@dataclass(frozen=True, slots=True)
class OptionEvent:
    month: int
    options: tuple[str, ...]
    message: str
    severity: str
    source: str


@dataclass(frozen=True, slots=True)
class Comparison:
    catalog_version: str
    catalog_as_of: date
    currency: str
    params: Params
    options: tuple[ComparedOption, ...]  # ranked: fit, then cost
    regions: tuple[RegionPrice, ...]
    growth: tuple[tuple[int, tuple[Decimal | None, ...]], ...]  # costs in `options` order
    sensitivity: tuple[tuple[Decimal, tuple[Decimal | None, ...]], ...]
    break_even: tuple[BreakEven, ...]
    events: tuple[OptionEvent, ...]
    notes: tuple[str, ...]
    evaluations: int  # options priced at a point (a Region, a month or a multiplier)
    engine_runs: int


def in_region(w: Workload, region: str) -> Workload:
    """The same design with `region` as its primary; a DR Region it was takes the old primary's
    place, so the number of Regions stays the same."""
    if region == w.primary_region:
        return w
    rest = tuple(w.primary_region if r == region else r for r in w.regions[1:])
    return replace(w, regions=(region, *rest))


def scaled(w: Workload, multiplier: Decimal) -> Workload:
    """The same design with every rate of traffic times `multiplier`; the data unchanged."""

    def times(value: Decimal | None) -> Decimal | None:
        return None if value is None else value * multiplier

    iops = None if w.iops_required is None else ceil(D(w.iops_required) * multiplier)
    return replace(
        w,
        reads_per_sec=w.reads_per_sec * multiplier,
        writes_per_sec=w.writes_per_sec * multiplier,
        avg_reads_per_sec=times(w.avg_reads_per_sec),
        avg_writes_per_sec=times(w.avg_writes_per_sec),
        iops_required=iops,
    )


class _Steps:
    def __init__(self, total: int, report: Progress | None) -> None:
        self.done, self.total, self.report = 0, total, report

    def tick(self) -> None:
        self.done += 1
        if self.report is not None:
            self.report(self.done, self.total)


def compare(
    workload: Workload, book: PriceBook, params: Params, progress: Progress | None = None
) -> Comparison:
    others = [r for r in params.regions if r != params.region]
    multipliers = [m for m in params.traffic_multipliers if m != 1]
    chunks = -(-(params.months + 1) // GROWTH_CHUNK)
    steps = _Steps(1 + len(others) + len(multipliers) + chunks + 1, progress)
    evaluations = 0

    ctx0 = Context(in_region(workload, params.region), book)
    engine_runs = 1
    baseline: list[tuple[Choice, Priced]] = []
    for choice in choices_for(ctx0):
        found = price(choice, ctx0)
        evaluations += 1
        if isinstance(found, Priced) and found.label not in {p.label for _, p in baseline}:
            baseline.append((choice, found))
    options = [_compared(choice, found, ctx0) for choice, found in baseline]
    order = sorted(range(len(options)), key=lambda i: (-options[i].fit_score,
                                                       options[i].monthly, options[i].label))  # fmt: skip
    baseline = [baseline[i] for i in order]
    options = [options[i] for i in order]
    steps.tick()

    regions: list[RegionPrice] = []
    contexts = {params.region: ctx0}
    for region in others:
        contexts[region] = Context(in_region(workload, region), book)
        engine_runs += 1
        steps.tick()
    for region in params.regions:
        for choice, base in baseline:
            found = price(choice, contexts[region])
            evaluations += 1
            regions.append(_region_price(region, base.label, found))

    sensitivity = []
    for multiplier in params.traffic_multipliers:
        ctx = ctx0
        if multiplier != 1:
            ctx = Context(scaled(ctx0.workload, multiplier), book)
            engine_runs += 1
        costs = []
        for choice, _ in baseline:
            found = price(choice, ctx)
            evaluations += 1
            costs.append(found.monthly if isinstance(found, Priced) else None)
        sensitivity.append((multiplier, tuple(costs)))
        if multiplier != 1:
            steps.tick()

    curves, events, priced_points = _growth(baseline, ctx0, params.months, steps)
    evaluations += priced_points
    months = tuple(
        (month, tuple(curve[month] for curve in curves)) for month in range(params.months + 1)
    )

    named, notes = _named_break_evens(baseline, ctx0, params)
    found_crossings = _crossings(options, months, sensitivity, named)
    steps.tick()
    if not options:
        notes.insert(0, "No option is feasible for this workload: there is nothing to compare.")
    return Comparison(
        catalog_version=book.version,
        catalog_as_of=book.as_of,
        currency=book.currency,
        params=params,
        options=tuple(options),
        regions=tuple(regions),
        growth=months,
        sensitivity=tuple(sensitivity),
        break_even=tuple(named + found_crossings),
        events=tuple(events),
        notes=tuple(notes),
        evaluations=evaluations,
        engine_runs=engine_runs,
    )


def _compared(choice: Choice, found: Priced, ctx: Context) -> ComparedOption:
    cache = found.cache
    return ComparedOption(
        label=found.label,
        service=found.service,
        region=found.region,
        config=found.config,
        monthly=found.monthly,
        upfront=found.upfront,
        fit_score=choice_fit(choice, found, ctx),
        engine_choice=is_engine_choice(choice, ctx),
        with_cache=choice.with_cache,
        cache_label=cache.label if cache else "",
        cache_monthly=cache.monthly if cache else D(0),
        notes=tuple(f.message for f in variant_notes(choice, ctx)),
    )


def _region_price(region: str, label: str, found: Priced | str) -> RegionPrice:
    if isinstance(found, str):
        return RegionPrice(region, label, None, "", found)
    return RegionPrice(region, label, found.monthly, found.label)


def _growth(baseline, ctx: Context, months: int, steps: _Steps):
    """Curves in options order, with the events they cross; each distinct configuration and
    the cache layer are priced once per month, however many options share them."""
    own: dict[tuple, tuple[list, list]] = {}
    cache: tuple[list, list] | None = None
    points = 0
    for choice, found in baseline:
        key = (choice.slot, choice.change)
        if key not in own:
            own[key] = growth.series(found, ctx, months)
            points += months + 1
        if choice.with_cache and cache is None:
            cache = growth.cache_series(ctx, months)
            points += months + 1
    for _ in range(-(-(months + 1) // GROWTH_CHUNK)):
        steps.tick()  # the months are priced above; reported in chunks as the bar expects

    curves = []
    merged: dict[str, tuple[OptionEvent, list[str]]] = {}

    def note(event: growth.Event, label: str) -> None:
        entry = merged.setdefault(event.message, (event, []))
        if label not in entry[1]:
            entry[1].append(label)

    for choice, found in baseline:
        costs, events = own[(choice.slot, choice.change)]
        for event in events:
            note(event, found.label)
        if choice.with_cache and cache is not None:
            for event in cache[1]:
                note(event, found.label)
            costs = [c + k if c is not None and k is not None else None
                     for c, k in zip(costs, cache[0], strict=True)]  # fmt: skip
        curves.append(costs)
    out = [OptionEvent(e.month, tuple(labels), e.message, e.severity, e.source)
           for e, labels in merged.values()]  # fmt: skip
    out.sort(key=lambda e: (e.month, e.message))
    return curves, out, points


def _named_break_evens(baseline, ctx: Context, params: Params):
    """The break-evens the issue names, between options that differ in one respect only."""
    like_for_like = {
        (c.slot, c.change): p
        for c, p in baseline
        if c.with_cache == ctx.options[c.slot].needs_cache
    }
    found: list[BreakEven | str] = []
    book = ctx.book

    def pair(slot, a, b):
        return like_for_like.get((slot, a)), like_for_like.get((slot, b))

    base, flipped = pair(("dynamodb",), "", "capacity_mode")
    if base and flipped:
        on_demand, provisioned = sorted((base, flipped),
                                        key=lambda p: p.config.capacity_mode != "on_demand")  # fmt: skip
        found.append(breakeven.capacity_mode(book, on_demand, provisioned))
    base, flipped = pair(("dynamodb",), "", "table_class")
    if base and flipped:
        standard, infrequent = sorted((base, flipped),
                                      key=lambda p: p.config.table_class != "standard")  # fmt: skip
        found.append(breakeven.table_class(book, standard, infrequent,
                                           ctx.workload.storage_growth_gb_per_month, params.months))  # fmt: skip
    for capacity in ("provisioned", "serverless_v2"):
        base, flipped = pair(("aurora", capacity), "", "storage_config")
        if base and flipped:
            standard, optimized = sorted((base, flipped),
                                         key=lambda p: p.config.storage_config != "standard")  # fmt: skip
            found.append(breakeven.storage_config(book, standard, optimized))
    provisioned = like_for_like.get((("aurora", "provisioned"), ""))
    if provisioned:
        for change in ("", "storage_config"):
            serverless = like_for_like.get((("aurora", "serverless_v2"), change))
            if serverless and serverless.config.storage_config == provisioned.config.storage_config:
                found.append(breakeven.serverless_v2(book, provisioned, serverless))
    nodes = like_for_like.get((("elasticache", "node_based"), ""))
    serverless = like_for_like.get((("elasticache", "serverless"), ""))
    if nodes and serverless:
        found.append(breakeven.elasticache_serverless(book, nodes, serverless))
    if any(c.with_cache for c, _ in baseline):
        found += _cache_layer_break_even(ctx)
    named = [f for f in found if isinstance(f, BreakEven)]
    return named, [f for f in found if isinstance(f, str)]


def _cache_layer_break_even(ctx: Context) -> list[BreakEven | str]:
    """Serverless against nodes for the cache layer: the engine prices one of them (by the
    traffic pattern); its sizing gives the other."""
    layer = ctx.cache_layer()
    if not isinstance(layer, Option):
        return []
    w, d = ctx.workload, ctx.derived
    other = "node_based" if layer.config.deployment == "serverless" else "serverless"
    try:
        built = engine_cache._store(w, d, ctx.book, other, d.working_set_gb, d.peak_reads, (),
                                    primary=False)  # fmt: skip
    except PricingFailed:
        return []
    if not isinstance(built, Option):
        return []
    pair = {o.config.deployment: _as_priced(o) for o in (layer, built)}
    return [breakeven.elasticache_serverless(ctx.book, pair["node_based"], pair["serverless"])]


def _as_priced(option: Option) -> Priced:
    return Priced(option.label, option.service, option.region, option.config, option.usage,
                  option.components, None)  # fmt: skip


def _crossings(options, months, sensitivity, named: list[BreakEven]) -> list[BreakEven]:
    """Every change of order between two curves not already named; when there are more than
    MAX_CROSSINGS, those involving the best-ranked options are kept."""
    covered = {(frozenset((b.a, b.b)), b.variable) for b in named}
    found: list[tuple[int, BreakEven]] = []
    for variable, points in (("month", months), ("traffic_multiplier", sensitivity)):
        xs = [D(x) for x, _ in points]
        for i, j in combinations(range(len(options)), 2):
            a, b = options[i], options[j]
            if (frozenset((a.label, b.label)), variable) in covered:
                continue
            curve_a = [costs[i] for _, costs in points]
            curve_b = [costs[j] for _, costs in points]
            for x, after, sign in breakeven.crossings(xs, curve_a, curve_b):
                found.append((i, breakeven.crossing(a.label, b.label, variable, x, xs[after],
                                                    sign, curve_a[after], curve_b[after])))  # fmt: skip
    found.sort(key=lambda f: (f[0], f[1].variable, f[1].value))
    kept = [b for _, b in found[:MAX_CROSSINGS]]
    return sorted(kept, key=lambda b: (b.variable, b.value, b.a, b.b))
