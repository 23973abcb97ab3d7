"""Make a shared report to benchmark, and print its path (/r/<token>).

    DATABASE_URL=... .venv/bin/python bench/report_fixture.py

For bench/http.sh's database (migrated, catalog loaded): saves the "orders" workload of the
HTTP benchmark as a design (DR, a cache and a migration: a long report) and shares version 1.
The report page is then measured against the same floor as the recommendations, e.g.

    REPORT=$("$PY" bench/report_fixture.py)
    wrk -t2 -c8 -d15s --latency "$BASE$REPORT"
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.urls import reverse  # noqa: E402

from advisor import services  # noqa: E402

WORKLOAD = {
    "name": "orders",
    "data_model": "relational",
    "reads_per_sec": 4000,
    "writes_per_sec": 400,
    "storage_gb": 800,
    "storage_growth_gb_per_month": 20,
    "consistency": "eventual",
    "latency_p99_ms": 4,
    "traffic_pattern": "predictable_peaks",
    "availability_target": 99.95,
    "rpo_seconds": 60,
    "rto_seconds": 300,
    "multi_region": "dr",
    "regions": ["us-east-1", "us-west-2"],
    "needs_joins": True,
    "migration_source": {"engine": "mysql", "max_downtime_minutes": 15},
    "monthly_budget_usd": 6000,
}


def main() -> None:
    user, _created = get_user_model().objects.get_or_create(username="bench-report")
    team = services.team_create(name="Benchmark", owner=user)
    design = services.design_create(team=team, name="Orders", workload=WORKLOAD, author=user)
    _report, token = services.report_share(
        version=design.versions.get(), expires_in_days=None, created_by=user
    )
    print(reverse("report", args=[token]))


if __name__ == "__main__":
    main()
