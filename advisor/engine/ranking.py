"""fit_score (0..100) and the order of options.

Fit is how well an option meets the workload, with cost as one part of it (ours):
70 points for meeting the targets, less the option's penalty (a poorer match of data model
or traffic pattern), 5 per warning and 15 per risk in its rationale; plus up to 30 points for
cost, losing 15 each time the cost doubles over the cheapest feasible option. Ties go to the
cheaper option, then to the label, so the order is deterministic.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from decimal import Decimal

from .model import Finding, Option, evolve

BASE = 70
COST_POINTS = 30
POINTS_PER_DOUBLING = 15
WARNING_POINTS = 5
RISK_POINTS = 15


def fit_score(option: Option, cheapest: Decimal) -> int:
    return _score(option.penalty, option.rationale, option.compared_monthly, cheapest)


def _score(penalty: int, rationale: Iterable[Finding], cost: Decimal, cheapest: Decimal) -> int:
    score = BASE - penalty
    for finding in rationale:
        if finding.severity == "warning":
            score -= WARNING_POINTS
        elif finding.severity == "risk":
            score -= RISK_POINTS
    if cheapest > 0 and cost > cheapest:
        doublings = math.log2(float(cost / cheapest))
        score += max(0, round(COST_POINTS - POINTS_PER_DOUBLING * doublings))
    else:
        score += COST_POINTS
    return max(0, min(100, score))


def rank(options: list[Option], changes: list[dict] | None = None) -> list[Option]:
    """The options scored and ordered, best first. `changes`, one dict per option, are
    evolve() changes made with the score (an option gains its cache layer): one copy each."""
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
        score = _score(option.penalty, rationale, cost, cheapest)
        scored.append(evolve(option, fit_score=score, **change))
    return sorted(scored, key=lambda o: (-o.fit_score, o.compared_monthly, o.label))
