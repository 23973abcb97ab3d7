"""Whether an option without an in-memory tier can be expected to meet the p99 target.

DynamoDB reads take single-digit milliseconds (SEL-01, DDB-DAX-01) and relational reads wait
on storage with single-digit-millisecond latency (RDS-STO-06); below STORE_P99_MS the engine
puts memory in front (DAX or an ElastiCache layer, elasticache.cache_reason). When no
in-memory tier can serve the reads (strongly consistent reads pass DAX and a cache by,
DDB-DAX-02), the target is named as a risk with what would meet it.
"""

from __future__ import annotations

from advisor.questionnaire import Workload

from .derived import fmt
from .findings import risk
from .model import Finding, Option

# Ours: the p99 a store serving reads from disk-backed storage is counted on for, the low end
# of "single-digit milliseconds" (SEL-01, DDB-DAX-01, RDS-STO-06); the engine's threshold for
# adding DAX or a cache layer too.
STORE_P99_MS = 5
RELAXED_SUB_MS = "constraint.sub_ms_needs_memory"


def unmet(w: Workload, option: Option) -> Finding | None:
    """A risk when `option`, as configured and without a cache layer, cannot be expected to
    meet the p99 target; None when it can or when memory serves its reads."""
    if w.latency_p99_ms >= STORE_P99_MS or option.service == "elasticache":
        return None
    if any(f.rule == RELAXED_SUB_MS for f in option.rationale):
        return None  # shown only because nothing meets the target, which it already says
    if option.service == "dynamodb":
        if option.config.dax is not None and w.consistency == "eventual":
            return None
        store = "DynamoDB reads take single-digit milliseconds"
        fix = ("eventually consistent reads through DAX (microseconds for cached items)"
               if w.consistency != "eventual" else "DAX in front (microsecond cached reads)")  # fmt: skip
    else:
        store = "a relational database reads from storage with single-digit-millisecond latency"
        fix = "eventually consistent reads served by an ElastiCache layer"
    if w.consistency != "eventual":
        kind = "strongly consistent" if w.consistency == "strong" else "read-after-write"
        why = (f"{kind} reads cannot be served by a cache, "
               "which may hold a value older than the latest write")  # fmt: skip
        fix += (", or ElastiCache in front with the application keeping it current "
                "(write-through, invalidate on every change) to give read-after-write")  # fmt: skip
    else:
        why = "no in-memory tier serves its reads here"
    return risk("latency.p99_unmet", f"A {fmt(w.latency_p99_ms)} ms p99 is not assured: {store} "
        f"(counted here as ~{STORE_P99_MS} ms at p99), and {why}. To meet it: {fix}; or accept "
        f"a p99 of {STORE_P99_MS} ms or more.", "latency_p99_ms", "consistency")  # fmt: skip
