"""A hand-written TEST FIXTURE: one recommendation in the exact shape of API.md's
`POST /api/v1/recommendations` answer, for rendering templates/advisor/answer.html without the
engine. Its figures are made up for the test (they add up, but they are not catalog prices).
"""

from __future__ import annotations

import copy

_FINDING_SOURCE = "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.AuroraHighAvailability.html"

RECOMMENDATION = {
    "workload": {
        "name": "orders",
        "environment": "production",
        "regions": ["us-east-1"],
        "data_model": "relational",
        "needs_joins": True,
        "needs_transactions": True,
        "engine_preference": "postgresql",
        "engine_edition": None,
        "license_model": "license_included",
        "exclude_services": [],
        "reads_per_sec": 2000,
        "writes_per_sec": 300,
        "avg_reads_per_sec": None,
        "avg_writes_per_sec": None,
        "item_size_kb": 2,
        "storage_gb": 200,
        "working_set_gb": None,
        "iops_required": None,
        "storage_growth_gb_per_month": 5,
        "latency_p99_ms": 10,
        "consistency": "strong",
        "traffic_pattern": "steady",
        "availability_target": 99.95,
        "rpo_seconds": 60,
        "rto_seconds": 600,
        "multi_region": "none",
        "backup_retention_days": None,
        "data_ttl_days": None,
        "access_frequency": "frequent",
        "needs_change_stream": False,
        "migration_source": {
            "engine": "postgresql",
            "location": "on_premises",
            "size_gb": None,
            "max_downtime_minutes": 15,
        },
        "monthly_budget_usd": 500,
    },
    "catalog": {"version": "aws-2025-12-06", "as_of": "2025-12-06", "currency": "USD"},
    "primary": {
        "service": "aurora",
        "label": "Aurora PostgreSQL, 2 x db.r6g.large, Multi-AZ",
        "config": {
            "engine": "aurora-postgresql",
            "capacity": "provisioned",
            "instance_class": "db.r6g.large",
            "min_acu": None,
            "max_acu": None,
            "writer_topology": "single_writer",
            "replicas": 1,
            "multi_az": True,
            "storage_config": "standard",
            "global_database": False,
            "secondary_regions": [],
            "backup_retention_days": 7,
            "pitr": True,
            "encrypted": True,
        },
        "monthly_usd": "429.60",
        "upfront_usd": "0.00",
        "cost_components": [
            {
                "name": "Database instances (db.r6g.large, 2 instances)",
                "unit": "hours",
                "quantity": "1460",
                "unit_price_usd": "0.26",
                "monthly_usd": "379.60",
            },
            {
                "name": "Storage (Aurora Standard)",
                "unit": "GB-months",
                "quantity": "200",
                "unit_price_usd": "0.1",
                "monthly_usd": "20.00",
            },
            {
                "name": "I/O requests",
                "unit": "1M requests",
                "quantity": "150",
                "unit_price_usd": "0.2",
                "monthly_usd": "30.00",
            },
        ],
        "rationale": [
            {
                "rule": "aurora.multi_az_replica",
                "severity": "info",
                "message": "One Aurora Replica in a second Availability Zone meets 99.95%: "
                "failover promotes it in about 30 seconds.",
                "source": _FINDING_SOURCE,
            },
            {
                "rule": "sizing.instance_class",
                "severity": "info",
                "message": "Working set 60 GB needs 16 GiB of buffer cache per instance at "
                "2,000 reads/s: db.r6g.large (16 GiB).",
                "source": "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.DBInstanceClass.html",
            },
        ],
        "fit_score": 86,
    },
    "cache": {
        "service": "elasticache",
        "label": "ElastiCache Valkey, 2 x cache.r7g.large",
        "config": {
            "engine": "valkey",
            "deployment": "node_based",
            "node_type": "cache.r7g.large",
            "shards": 1,
            "replicas_per_shard": 1,
            "cluster_mode": False,
            "multi_az": True,
            "automatic_failover": True,
            "global_datastore": False,
            "snapshot_retention_days": 1,
        },
        "monthly_usd": "255.79",
        "upfront_usd": "0.00",
        "cost_components": [
            {
                "name": "Cache nodes (cache.r7g.large, 2 nodes)",
                "unit": "hours",
                "quantity": "1460",
                "unit_price_usd": "0.1752",
                "monthly_usd": "255.79",
            }
        ],
        "rationale": [
            {
                "rule": "cache.latency_target",
                "severity": "info",
                "message": "A 10 ms p99 at 2,000 reads/s is met by caching hot reads.",
                "source": "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/WhatIs.html",
            }
        ],
        "fit_score": 80,
    },
    "migration": {
        "service": "dms",
        "label": "DMS full load + CDC, dms.r5.large",
        "config": {
            "source_engine": "postgresql",
            "target_engine": "aurora-postgresql",
            "homogeneous": True,
            "schema_conversion": "none",
            "migration_type": "full_load_and_cdc",
            "replication_instance_class": "dms.r5.large",
            "multi_az": False,
            "estimated_full_load_hours": 6,
        },
        "monthly_usd": "30.24",
        "upfront_usd": "0.00",
        "cost_components": [
            {
                "name": "Replication instance (dms.r5.large)",
                "unit": "hours",
                "quantity": "72",
                "unit_price_usd": "0.42",
                "monthly_usd": "30.24",
            }
        ],
        "rationale": [
            {
                "rule": "dms.cdc_for_downtime",
                "severity": "info",
                "message": "15 minutes of downtime is less than the full load takes: "
                "replicate changes (CDC) until cut-over.",
                "source": "https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Task.CDC.html",
            }
        ],
        "fit_score": 90,
    },
    "alternatives": [
        {
            "service": "rds",
            "label": "RDS for PostgreSQL, db.r6g.large, Multi-AZ instance",
            "config": {
                "engine": "postgresql",
                "edition": None,
                "license_model": "license_included",
                "instance_class": "db.r6g.large",
                "deployment": "multi_az_instance",
                "storage_type": "gp3",
                "allocated_storage_gb": 200,
                "provisioned_iops": None,
                "storage_autoscaling_max_gb": 400,
                "read_replicas": 0,
                "cross_region_dr": "none",
                "dr_regions": [],
                "backup_retention_days": 7,
                "pitr": True,
                "encrypted": True,
            },
            "monthly_usd": "412.30",
            "upfront_usd": "0.00",
            "cost_components": [],
            "rationale": [],
            "fit_score": 74,
        }
    ],
    "rejected": [
        {
            "service": "dynamodb",
            "label": "DynamoDB",
            "reasons": [
                {
                    "rule": "dynamodb.no_joins",
                    "severity": "risk",
                    "message": "The workload needs joins and ad hoc queries; DynamoDB reads "
                    "by key.",
                    "source": "https://docs.aws.amazon.com/decision-guides/latest/databases-on-aws-how-to-choose/databases-on-aws-how-to-choose.html",
                }
            ],
        }
    ],
    "findings": [
        {
            "rule": "budget.exceeded",
            "severity": "risk",
            "message": "The design costs $685.39 a month, over the $500.00 budget.",
            "source": "https://aws.amazon.com/rds/aurora/pricing/",
        },
        {
            "rule": "sizing.storage_growth",
            "severity": "info",
            "message": "200 GB growing 5 GB a month reaches 260 GB in a year.",
            "source": "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.Overview.StorageReliability.html",
        },
    ],
    "total_monthly_usd": "685.39",
}


def recommendation() -> dict:
    """A fresh copy, so a test may change it without touching the others."""
    return copy.deepcopy(RECOMMENDATION)
