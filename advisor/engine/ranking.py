"""fit_score (0..100) and the order of options.

Fit is how well an option meets the workload, with cost as one part of it (ours):
70 points for meeting the targets, less the option's penalty (a poorer match of data model
or traffic pattern), 5 per warning and 15 per risk in its rationale (and in its cache
layer's, when it needs one), and 15 for costing more than the monthly budget (a target
missed, weighed as a risk); plus up to 30 points for cost, losing 15 each time the cost
doubles over the cheapest feasible option. An option that loses points says which, in a
`ranking.fit` finding. Ties go to the cheaper option, then to the label, so the order is
deterministic.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from decimal import Decimal

from .derived import fmt, listed, plural, usd
from .findings import info
from .model import Finding, Option, evolve

BASE = 70
COST_POINTS = 30
POINTS_PER_DOUBLING = 15
WARNING_POINTS = 5
RISK_POINTS = 15
BUDGET_POINTS = RISK_POINTS


def fit_score(
    option: Option,
    cheapest: Decimal,
    budget: Decimal | None = None,
    cache: Option | None = None,
) -> int:
    """The score of one option against the cheapest, as rank() scores it; `cache`: the cache
    layer it is compared with, if any."""
    cache_rationale = cache.rationale if cache is not None else ()
    return _score(option.penalty, option.rationale, option.compared_monthly, cheapest, budget,
                  cache_rationale, explain=False)[0]  # fmt: skip


def _score(
    penalty: int,
    rationale: Iterable[Finding],
    cost: Decimal,
    cheapest: Decimal,
    budget: Decimal | None,
    cache_rationale: Iterable[Finding] = (),
    *,
    explain: bool = True,
) -> tuple[int, list[str]]:
    """The score and what lowered it, in words (empty when nothing did, or not `explain`:
    fit_score's callers show the score alone)."""
    own, cache = _severities(rationale), _severities(cache_rationale)
    warnings, risks = own[0] + cache[0], own[1] + cache[1]
    over_budget = budget is not None and cost > budget
    score = BASE - penalty - warnings * WARNING_POINTS - risks * RISK_POINTS
    if over_budget:
        score -= BUDGET_POINTS
    cost_points = COST_POINTS
    ratio = None
    if cheapest > 0 and cost > cheapest:
        ratio = cost / cheapest
        cost_points = max(0, round(COST_POINTS - POINTS_PER_DOUBLING * math.log2(float(ratio))))
    score = max(0, min(100, score + cost_points))
    if not explain:
        return score, []
    lost: list[str] = []
    if over_budget:
        lost.append(f"over the {usd(budget)} budget ({BUDGET_POINTS})")
    for (count, kind, points), of_cache in (
        ((own[1], "risk", RISK_POINTS), ""),
        ((cache[1], "risk", RISK_POINTS), " of its cache layer"),
        ((own[0], "warning", WARNING_POINTS), ""),
        ((cache[0], "warning", WARNING_POINTS), " of its cache layer"),
    ):
        if count:
            lost.append(f"{plural(count, kind)}{of_cache} ({count * points})")
    if penalty:
        lost.append(f"a poorer match of data model or traffic pattern ({penalty})")
    if cost_points < COST_POINTS:
        lost.append(f"costing {fmt(ratio, 1)} times the cheapest option "
                    f"({COST_POINTS - cost_points})")  # fmt: skip
    return score, lost


def _severities(findings: Iterable[Finding]) -> tuple[int, int]:
    """(warnings, risks) among `findings`."""
    warnings = risks = 0
    for finding in findings:
        if finding.severity == "warning":
            warnings += 1
        elif finding.severity == "risk":
            risks += 1
    return warnings, risks


def _explained(score: int, lost: list[str]) -> Finding:
    return info("ranking.fit", f"Fit {score}/100; points lost: {listed(lost)}.")


def rank(
    options: list[Option],
    changes: list[dict] | None = None,
    *,
    budget: Decimal | None = None,
    cache: Option | None = None,
) -> list[Option]:
    """The options scored and ordered, best first. `changes`, one dict per option, are
    evolve() changes made with the score (an option gains its cache layer): one copy each.
    `budget`: the monthly budget, or None; `cache`: the cache layer the options that need
    it are compared with, whose warnings and risks count against them."""
    if not options:
        return []
    changes = changes or [{} for _ in options]
    compared = [
        change.get("ranking_monthly", option.compared_monthly)
        for option, change in zip(options, changes, strict=True)
    ]
    cheapest = min(compared)
    scored = []
    for option, change, cost in zip(options, changes, compared, strict=True):
        rationale = change.get("rationale", option.rationale)
        with_cache = cache is not None and change.get("needs_cache", option.needs_cache)
        score, lost = _score(option.penalty, rationale, cost, cheapest, budget,
                             cache.rationale if with_cache else ())  # fmt: skip
        if lost:
            change = {**change, "rationale": (*rationale, _explained(score, lost))}
        scored.append(evolve(option, fit_score=score, **change))
    return sorted(scored, key=lambda o: (-o.fit_score, o.compared_monthly, o.label))
