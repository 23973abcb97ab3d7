"""Hypothesis strategies: valid Workload payloads, and one-field breakages of them."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

from advisor.questionnaire import shipped_regions

REGIONS = sorted(shipped_regions())
ENGINES = ["mysql", "postgresql", "mariadb", "oracle", "sqlserver"]
rates = st.one_of(st.integers(0, 200_000), st.decimals("0", "200000", places=2))
SHARES = [Decimal(0), Decimal("0.05"), Decimal("0.3"), Decimal(1)]
sizes = st.one_of(st.integers(0, 150_000), st.decimals("0", "150000", places=1))


@st.composite
def valid_payloads(draw) -> dict:
    reads, writes, storage = draw(rates), draw(rates), draw(sizes)
    multi = draw(st.sampled_from(["none", "dr", "active_active"]))
    count = 1 if multi == "none" else draw(st.integers(2, 5))
    payload = {
        "data_model": draw(st.sampled_from(["relational", "key_value", "document", "in_memory"])),
        "reads_per_sec": reads,
        "writes_per_sec": writes,
        "storage_gb": storage,
        "environment": draw(st.sampled_from(["production", "staging", "development"])),
        "regions": draw(
            st.lists(st.sampled_from(REGIONS), min_size=count, max_size=count, unique=True)
        ),  # fmt: skip
        "multi_region": multi,
        "consistency": draw(st.sampled_from(["strong", "read_after_write", "eventual"])),
        "traffic_pattern": draw(
            st.sampled_from(
                ["steady", "predictable_peaks", "spiky", "unpredictable", "mostly_idle"]
            )
        ),
        "availability_target": draw(st.sampled_from([99.0, 99.5, 99.9, 99.95, 99.99, 99.999])),
        "latency_p99_ms": draw(st.sampled_from([0.2, 0.9, 1, 3, 8, 20, 250])),
        "item_size_kb": draw(st.sampled_from([0.1, 1, 3.5, 12, 64, 399, 401, 2000, 10240])),
        "needs_joins": draw(st.booleans()),
        "needs_transactions": draw(st.booleans()),
        "needs_change_stream": draw(st.booleans()),
        "access_frequency": draw(st.sampled_from(["frequent", "infrequent"])),
        "rpo_seconds": draw(st.one_of(st.none(), st.sampled_from([0, 1, 30, 900, 3600, 86400]))),
        "rto_seconds": draw(st.one_of(st.none(), st.sampled_from([5, 30, 100, 600, 3600, 86400]))),
        "storage_growth_gb_per_month": draw(st.sampled_from([0, 5, 500])),
    }
    if draw(st.booleans()):
        payload["avg_reads_per_sec"] = Decimal(reads) * draw(st.sampled_from(SHARES))
        payload["avg_writes_per_sec"] = Decimal(writes) * draw(st.sampled_from(SHARES))
    if draw(st.booleans()):
        payload["working_set_gb"] = Decimal(storage) * draw(st.sampled_from(SHARES))
    if draw(st.integers(0, 3)) == 0:
        engine = draw(st.sampled_from(ENGINES))
        payload["engine_preference"] = engine
        if engine == "oracle":
            payload["engine_edition"] = draw(st.sampled_from(["se2", "ee"]))
        if engine == "sqlserver":
            payload["engine_edition"] = draw(st.sampled_from(["ex", "web", "se", "ee"]))
        payload["license_model"] = draw(st.sampled_from(["license_included", "bring_your_own"]))
    if draw(st.integers(0, 3)) == 0:
        payload["exclude_services"] = draw(st.lists(
            st.sampled_from(["rds", "aurora", "dynamodb", "elasticache"]), max_size=3, unique=True))  # fmt: skip
    if draw(st.booleans()):
        payload["iops_required"] = draw(st.sampled_from([0, 900, 9000, 40000, 120000, 400000]))
    if draw(st.booleans()):
        payload["backup_retention_days"] = draw(st.integers(0, 35))
    if draw(st.booleans()):
        payload["data_ttl_days"] = draw(st.integers(1, 3650))
    if draw(st.booleans()):
        payload["monthly_budget_usd"] = draw(st.sampled_from([1, 250, 5000, 250000]))
    if draw(st.integers(0, 2)) == 0:
        payload["migration_source"] = {
            "engine": draw(st.sampled_from([*ENGINES, "mongodb", "cassandra", "redis"])),
            "location": draw(st.sampled_from(["on_premises", "aws", "other_cloud"])),
            "size_gb": draw(st.one_of(st.none(), sizes)),
            "max_downtime_minutes": draw(st.one_of(st.none(), st.integers(0, 525_600))),
        }
    return payload


# (field named in the error, how to break a valid payload)
BREAKAGES = [
    ("reads_per_sec", lambda p: {**p, "reads_per_sec": -1}),
    ("writes_per_sec", lambda p: {**p, "writes_per_sec": "many"}),
    ("storage_gb", lambda p: {**p, "storage_gb": None}),
    ("data_model", lambda p: {**p, "data_model": "graph"}),
    ("item_size_kb", lambda p: {**p, "item_size_kb": 0}),
    ("latency_p99_ms", lambda p: {**p, "latency_p99_ms": -5}),
    ("availability_target", lambda p: {**p, "availability_target": 99.98}),
    ("regions", lambda p: {**p, "regions": ["moon-1"]}),
    ("regions", lambda p: {**p, "regions": [], "multi_region": "none"}),
    ("rpo_seconds", lambda p: {**p, "rpo_seconds": 1.5}),
    ("backup_retention_days", lambda p: {**p, "backup_retention_days": 36}),
    ("needs_joins", lambda p: {**p, "needs_joins": 1}),
    ("exclude_services", lambda p: {**p, "exclude_services": ["s3"]}),
    ("monthly_budget_usd", lambda p: {**p, "monthly_budget_usd": 0}),
    ("favourite_colour", lambda p: {**p, "favourite_colour": "blue"}),
    ("avg_reads_per_sec", lambda p: {**p, "reads_per_sec": 10, "avg_reads_per_sec": 11}),
    ("migration_source.engine", lambda p: {**p, "migration_source": {"engine": "db2"}}),
    ("name", lambda p: {**p, "name": "n" * 121}),
]
