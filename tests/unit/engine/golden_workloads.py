"""Workloads whose whole answers are kept in tests/golden/answers/<name>.json: the six of
bench/http.sh (a relational service with DR, a cache and a migration; a key-value store with
DAX; a spiky document API; an Oracle rehost; sessions in memory; a development prototype)
and the answers' other paths (active-active, a budget below every option, nothing feasible,
a target no option meets), and three a review found wrong (a Multi-AZ DB cluster chosen for its
RTO while ad hoc queries need a reader; SQL Server Web Edition with no Multi-AZ to buy; a Global
Datastore whose inter-Region transfer the catalog cannot price)."""

from __future__ import annotations

WORKLOADS = {
    "orders_dr_cache_migration": {"name": "orders", "data_model": "relational", "reads_per_sec": 4000, "writes_per_sec": 400, "storage_gb": 800, "storage_growth_gb_per_month": 20, "consistency": "eventual", "latency_p99_ms": 4, "traffic_pattern": "predictable_peaks", "availability_target": 99.95, "rpo_seconds": 60, "rto_seconds": 300, "multi_region": "dr", "regions": ["us-east-1", "us-west-2"], "needs_joins": True, "migration_source": {"engine": "mysql", "max_downtime_minutes": 15}, "monthly_budget_usd": 6000},
    "carts_key_value_dax": {"name": "carts", "data_model": "key_value", "reads_per_sec": 20000, "writes_per_sec": 2000, "storage_gb": 300, "consistency": "eventual", "latency_p99_ms": 0.8, "data_ttl_days": 30, "traffic_pattern": "unpredictable", "regions": ["eu-west-1"]},
    "events_api_spiky_document": {"name": "events api", "data_model": "document", "reads_per_sec": 1500, "writes_per_sec": 600, "storage_gb": 120, "traffic_pattern": "spiky", "needs_change_stream": True, "consistency": "read_after_write", "regions": ["ap-southeast-2"]},
    "erp_oracle_rehost": {"name": "erp", "data_model": "relational", "reads_per_sec": 900, "writes_per_sec": 150, "storage_gb": 2500, "engine_preference": "oracle", "needs_joins": True, "needs_transactions": True, "iops_required": 15000, "backup_retention_days": 14, "migration_source": {"engine": "oracle", "location": "on_premises"}},
    "sessions_in_memory": {"name": "sessions", "data_model": "in_memory", "reads_per_sec": 30000, "writes_per_sec": 3000, "storage_gb": 25, "rpo_seconds": None, "latency_p99_ms": 0.5, "consistency": "eventual"},
    "prototype_development_idle": {"name": "prototype", "data_model": "relational", "environment": "development", "reads_per_sec": 20, "writes_per_sec": 2, "storage_gb": 5, "traffic_pattern": "mostly_idle"},
    "global_active_active_strong": {"data_model": "key_value", "reads_per_sec": 3000, "writes_per_sec": 800, "storage_gb": 400, "multi_region": "active_active", "regions": ["us-east-1", "eu-west-1", "ap-northeast-1"], "consistency": "strong", "rpo_seconds": 0, "rto_seconds": 60},
    "budget_below_every_option": {"data_model": "relational", "reads_per_sec": 6000, "writes_per_sec": 900, "storage_gb": 3000, "availability_target": 99.99, "monthly_budget_usd": 50},
    "nothing_feasible": {"data_model": "relational", "reads_per_sec": 500, "writes_per_sec": 20000, "storage_gb": 100, "needs_joins": True, "engine_preference": "oracle"},
    "postgresql_rto_30s_cluster_ad_hoc": {"data_model": "relational", "engine_preference": "postgresql", "exclude_services": ["aurora"], "reads_per_sec": 3000, "writes_per_sec": 600, "storage_gb": 700, "needs_joins": True, "rpo_seconds": 0, "rto_seconds": 30, "availability_target": 99.95},
    "sqlserver_web_without_multi_az": {"data_model": "relational", "engine_preference": "sqlserver", "engine_edition": "web", "reads_per_sec": 300, "writes_per_sec": 30, "storage_gb": 80, "needs_joins": True, "availability_target": 99.95, "rpo_seconds": 0, "rto_seconds": 120},
    "cache_global_datastore_dr": {"data_model": "in_memory", "reads_per_sec": 20000, "writes_per_sec": 2000, "storage_gb": 40, "rpo_seconds": 5, "rto_seconds": 60, "latency_p99_ms": 1, "consistency": "eventual", "multi_region": "dr", "regions": ["us-east-1", "us-west-2"]},
    "sub_ms_strong_relaxed": {"data_model": "relational", "reads_per_sec": 2000, "writes_per_sec": 200, "storage_gb": 50, "latency_p99_ms": 0.5, "consistency": "strong", "needs_joins": True},
}  # fmt: skip
