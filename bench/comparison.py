"""Benchmark: one comparison over 3 Regions x 9 traffic multipliers x 36 months, in one process.

    .venv/bin/python bench/comparison.py [--rounds 5]

Pure: the shipped catalog read straight into a PriceBook (catalog.shipped, no database), as a
Celery worker holds it in memory. For each of four representative workloads it prints the
time of one whole comparison (the first run, then the median of --rounds more), the options
and evaluations it priced (an evaluation: one option at one point, a Region, a month or a
multiplier), evaluations per second, and beside them, in the same run, the median time of one
stand-alone recommendation of the same workload. The aims: a comparison under 2 s on one
worker; an evaluation no dearer than one recommendation.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from advisor.comparisons import Params, compare  # noqa: E402
from advisor.engine import recommend  # noqa: E402
from advisor.questionnaire import workload_from_json  # noqa: E402
from catalog.shipped import shipped_pricebook  # noqa: E402

D = Decimal
PARAMS = Params(
    regions=("us-east-1", "eu-west-1", "ap-southeast-2"),
    months=36,
    traffic_multipliers=tuple(D(m) for m in ("0.5", "1", "1.5", "2", "3", "5", "7", "10", "20")),
)
WORKLOADS = {
    "relational, growing": {"data_model": "relational", "reads_per_sec": 2000,
                            "writes_per_sec": 500, "storage_gb": 300,
                            "storage_growth_gb_per_month": 20},
    "key-value, spiky": {"data_model": "key_value", "reads_per_sec": 500, "writes_per_sec": 200,
                         "storage_gb": 50, "storage_growth_gb_per_month": 30,
                         "traffic_pattern": "spiky", "consistency": "eventual"},
    "in-memory sessions": {"data_model": "in_memory", "reads_per_sec": 20000,
                           "writes_per_sec": 5000, "storage_gb": 20, "rpo_seconds": None,
                           "storage_growth_gb_per_month": 2},
    "relational, 3 ms reads (cache)": {"data_model": "relational", "reads_per_sec": 20000,
                                       "writes_per_sec": 500, "storage_gb": 300,
                                       "consistency": "eventual", "latency_p99_ms": 3,
                                       "storage_growth_gb_per_month": 10},
}  # fmt: skip


def timed(fn) -> float:
    gc.collect()
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    start = time.perf_counter()
    book = shipped_pricebook()
    print(
        f"catalog {book.version}: {len(book):,} prices read in {time.perf_counter() - start:.2f} s"
    )
    print(f"sweep: {len(PARAMS.regions)} Regions x {len(PARAMS.traffic_multipliers)} traffic "
          f"multipliers x {PARAMS.months} months (+ month 0)\n")  # fmt: skip
    header = (f"{'workload':32} {'options':>7} {'evals':>6} {'engine':>6} {'first':>8} "
              f"{'median':>8} {'evals/s':>9} {'per eval':>9} {'1 rec':>8} {'eval/rec':>8}")  # fmt: skip
    print(header)
    print("-" * len(header))
    worst = 0.0
    for name, answers in WORKLOADS.items():
        workload = workload_from_json(answers)
        result = None

        def run(workload=workload):
            nonlocal result
            result = compare(workload, book, PARAMS)

        first = timed(run)
        runs = [timed(run) for _ in range(args.rounds)]
        recs = [timed(lambda w=workload: recommend(w, book)) for _ in range(args.rounds * 4)]
        median, rec = statistics.median(runs), statistics.median(recs)
        per_eval = median / result.evaluations
        worst = max(worst, first, median)
        print(f"{name:32} {len(result.options):>7} {result.evaluations:>6} "
              f"{result.engine_runs:>6} {first * 1000:>6.0f}ms {median * 1000:>6.0f}ms "
              f"{result.evaluations / median:>9,.0f} {per_eval * 1e6:>7.0f}us "
              f"{rec * 1000:>6.1f}ms {per_eval / rec:>8.3f}")  # fmt: skip
    print(f"\nslowest comparison: {worst:.3f} s (aim: under 2 s on one worker)")
    print("eval/rec: the cost of one evaluation as a share of one stand-alone recommendation "
          "(aim: at most 1)")  # fmt: skip


if __name__ == "__main__":
    main()
