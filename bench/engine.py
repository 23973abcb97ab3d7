"""Benchmark: recommendations per second over 1,000 varied workloads, in one process.

    .venv/bin/python bench/engine.py [--workloads 1000] [--rounds 3] [--seed 2026]

Pure: the shipped catalog is read straight into a PriceBook (catalog.shipped, no database).
The workloads are drawn at random (fixed seed) across data models, loads, sizes, targets,
Regions, multi-Region modes, engines, exclusions, budgets and migrations, and validated by the
questionnaire first (invalid draws are redrawn), so every timed call is a real recommendation.
Times recommend() alone, recommend() + recommendation_to_json() (the dict the pages use), and
that dict encoded by json.dumps (the bytes the API sends). The engine keeps priced estimates
per book (advisor/engine/options.py), their rendered components (serialize.py), the text of
the numbers it prints (derived.fmt) and the findings it makes (findings._made): the last line
clears them before every answer, so it shows an answer that reuses nothing from the ones
before it.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from advisor.engine import derived, findings, recommend, recommendation_to_json, serialize  # noqa: E402
from advisor.questionnaire import WorkloadInvalid, workload_from_json  # noqa: E402
from catalog.shipped import shipped_pricebook  # noqa: E402

ENGINES = ["mysql", "postgresql", "mariadb", "oracle", "sqlserver"]


def draw(rnd: random.Random, regions: list[str]) -> dict:
    multi = rnd.choice(["none", "none", "none", "dr", "active_active"])
    payload = {
        "data_model": rnd.choice(
            ["relational", "relational", "key_value", "document", "in_memory"]
        ),
        "reads_per_sec": rnd.choice([5, 50, 500, 2_000, 10_000, 50_000]),
        "writes_per_sec": rnd.choice([1, 10, 100, 500, 2_000]),
        "storage_gb": rnd.choice([1, 20, 100, 500, 2_000, 20_000]),
        "environment": rnd.choice(["production", "production", "staging", "development"]),
        "consistency": rnd.choice(["strong", "read_after_write", "eventual"]),
        "traffic_pattern": rnd.choice(
            ["steady", "predictable_peaks", "spiky", "unpredictable", "mostly_idle"]
        ),
        "availability_target": rnd.choice([99.0, 99.5, 99.9, 99.95, 99.99]),
        "latency_p99_ms": rnd.choice([0.5, 2, 10, 20, 100]),
        "item_size_kb": rnd.choice([0.5, 1, 4, 32, 200, 600]),
        "needs_joins": rnd.random() < 0.4,
        "needs_transactions": rnd.random() < 0.3,
        "needs_change_stream": rnd.random() < 0.2,
        "rpo_seconds": rnd.choice([None, 0, 60, 3600, 86_400]),
        "rto_seconds": rnd.choice([None, 60, 600, 3600, 86_400]),
        "storage_growth_gb_per_month": rnd.choice([0, 10, 100]),
        "multi_region": multi,
        "regions": rnd.sample(regions, 1 if multi == "none" else rnd.randint(2, 3)),
    }
    if rnd.random() < 0.25:
        payload["engine_preference"] = rnd.choice(ENGINES)
    if rnd.random() < 0.15:
        payload["exclude_services"] = rnd.sample(["rds", "aurora", "dynamodb", "elasticache"], 1)
    if rnd.random() < 0.2:
        payload["iops_required"] = rnd.choice([1_000, 10_000, 40_000])
    if rnd.random() < 0.2:
        payload["data_ttl_days"] = rnd.choice([7, 90, 365])
    if rnd.random() < 0.2:
        payload["monthly_budget_usd"] = rnd.choice([100, 1_000, 10_000])
    if rnd.random() < 0.2:
        payload["migration_source"] = {
            "engine": rnd.choice([*ENGINES, "mongodb", "redis"]),
            "max_downtime_minutes": rnd.choice([None, 10, 600]),
        }
    return payload


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workloads", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    started = time.perf_counter()
    book = shipped_pricebook()
    load_s = time.perf_counter() - started
    rnd = random.Random(args.seed)
    regions = sorted(book.regions)
    workloads = []
    while len(workloads) < args.workloads:
        try:
            workloads.append(workload_from_json(draw(rnd, regions), regions=regions))
        except WorkloadInvalid:
            continue

    with_primary = sum(recommend(w, book).primary is not None for w in workloads)  # warm-up
    engine_rates, api_rates, text_rates, cold_rates, per_call = [], [], [], [], []
    for _ in range(args.rounds):
        engine_rates.append(_rate(workloads, lambda w: recommend(w, book)))
        start = time.perf_counter()
        for w in workloads:
            t = time.perf_counter()
            recommendation_to_json(recommend(w, book))
            per_call.append(time.perf_counter() - t)
        api_rates.append(len(workloads) / (time.perf_counter() - start))
        text_rates.append(_rate(workloads, lambda w: _api_bytes(w, book)))
        cold_rates.append(_rate(workloads, lambda w: _api_bytes(w, book, keep=False)))
    per_call.sort()
    p50 = per_call[len(per_call) // 2] * 1000
    p99 = per_call[int(len(per_call) * 0.99)] * 1000
    print(f"catalog {book.version}: {len(book):,} prices, read in {load_s:.2f} s")
    print(f"{len(workloads):,} varied workloads ({with_primary:,} with a feasible primary), "
          f"{args.rounds} rounds")  # fmt: skip
    for label, rates in (
        ("recommend():", engine_rates),
        ("recommend() + to_json():", api_rates),
        ("recommend() + to_json() + dumps:", text_rates),
        ("  the same, nothing kept:", cold_rates),
    ):
        print(f"{label:32}{statistics.median(rates):8,.0f} per second "
              f"(best {max(rates):,.0f})")  # fmt: skip
    print(f"per recommendation + to_json:   p50 {p50:.2f} ms, p99 {p99:.2f} ms")


def _rate(workloads, answer) -> float:
    start = time.perf_counter()
    for w in workloads:
        answer(w)
    return len(workloads) / (time.perf_counter() - start)


def _api_bytes(workload, book, keep: bool = True) -> str:
    """What the API sends; with keep=False, from a book and renderers that remember nothing
    from earlier answers."""
    if not keep:
        book.cache("engine.estimates").clear()
        serialize._rendered.clear()
        derived.fmt.cache_clear()
        findings._made.cache_clear()
    return json.dumps(recommendation_to_json(recommend(workload, book)))


if __name__ == "__main__":
    main()
