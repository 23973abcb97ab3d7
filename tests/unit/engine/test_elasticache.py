"""ElastiCache: the in-memory primary (engine, nodes or Serverless, shards, replicas,
snapshots, Global Datastore) and the cache layer in front of another database."""

from __future__ import annotations

from decimal import Decimal

import pytest

from .helpers import Between, Has, Lacks, answer, check

MEM = {"data_model": "in_memory", "reads_per_sec": 20000, "writes_per_sec": 2000,
       "storage_gb": 20, "consistency": "eventual"}  # fmt: skip
NODES = "option[elasticache:deployment=node_based]"
MEMCACHED = "option[elasticache:engine=memcached]"
CASES = [
    pytest.param(
        {**MEM, "rpo_seconds": None},
        {f"{MEMCACHED}.config.replicas_per_shard": 0,
         f"{MEMCACHED}.config.snapshot_retention_days": 0,
         f"{MEMCACHED}.rationale": Has("elasticache.engine", "elasticache.durability"),
         "primary.config.engine": "valkey"},
        id="losable-in-memory-data-is-offered-memcached-ranked-below-valkey",
    ),
    pytest.param(
        {**MEM, "rpo_seconds": None},
        {"primary.service": "elasticache", "primary.config.engine": "valkey",
         "primary.config.deployment": "node_based", "primary.config.replicas_per_shard": 1,
         "primary.config.multi_az": True, "primary.config.automatic_failover": True,
         "primary.config.snapshot_retention_days": 0, "rejected[elasticache]": []},
        id="rebuildable-in-memory-data-gets-valkey-multi-az-without-snapshots",
    ),
    pytest.param(
        {**MEM, "rpo_seconds": 3600},
        {"primary.service": "elasticache", "primary.config.snapshot_retention_days": 7,
         "rejected[elasticache]": Has("constraint.memcached_not_durable"),
         "primary.rationale": Has("elasticache.durability")},
        id="data-that-must-survive-rules-out-memcached-and-keeps-snapshots",
    ),
    pytest.param(
        {**MEM, "rpo_seconds": 10},
        {"primary.rationale": Has("elasticache.durability")},
        id="an-rpo-of-seconds-is-a-risk-for-asynchronous-replicas",
    ),
    pytest.param(
        {**MEM, "traffic_pattern": "spiky", "rpo_seconds": None},
        {"option[elasticache:deployment=serverless].config.cluster_mode": True,
         "option[elasticache:deployment=serverless].rationale": Has("elasticache.deployment")},
        id="spiky-in-memory-load-is-offered-serverless",
    ),
    pytest.param(
        {**MEM, "storage_gb": 500, "rpo_seconds": None},
        {f"{NODES}.config.shards": Between(2, 500), f"{NODES}.config.cluster_mode": True,
         f"{NODES}.rationale": Has("elasticache.memory")},
        id="500gb-in-memory-needs-cluster-mode-shards",
    ),
    pytest.param(
        {**MEM, "rpo_seconds": None, "multi_region": "dr", "regions": ["us-east-1", "us-west-2"]},
        {f"{NODES}.config.global_datastore": True,
         f"{NODES}.config.secondary_regions": ["us-west-2"]},
        id="in-memory-dr-gets-a-global-datastore",
    ),
    pytest.param(
        {**MEM, "rpo_seconds": None, "multi_region": "dr", "regions": ["us-east-1", "us-west-2"]},
        {f"{NODES}.rationale": Has("elasticache.transfer_unpriced")},
        id="global-datastore-says-its-inter-region-transfer-is-not-in-the-price-as-aurora-and-"
           "dynamodb-price-theirs",
    ),
    pytest.param(
        {**MEM, "rpo_seconds": None},
        {f"{NODES}.rationale": Lacks("elasticache.transfer_unpriced")},
        id="one-region-cache-ships-nothing-across-regions-and-says-nothing-of-transfer",
    ),
    pytest.param(
        {**MEM, "multi_region": "active_active", "regions": ["us-east-1", "us-west-2"]},
        {"primary.service": "dynamodb",
         "rejected[elasticache]": Has("constraint.global_datastore_single_writer")},
        id="in-memory-active-active-writes-go-to-dynamodb-global-datastore-is-single-writer",
    ),
    pytest.param(
        {**MEM, "environment": "development", "rpo_seconds": None},
        {f"{NODES}.config.replicas_per_shard": 0, f"{NODES}.config.multi_az": False},
        id="development-cache-has-no-replica",
    ),
    pytest.param(
        {**MEM, "latency_p99_ms": 0.5, "consistency": "strong", "rpo_seconds": None},
        {"primary.service": "elasticache", "rejected[dynamodb]": Has("constraint.sub_ms_needs_memory"),
         "rejected[rds]": Has("constraint.sub_ms_needs_memory")},
        id="sub-ms-strong-reads-of-in-memory-data-only-elasticache-serves",
    ),
    pytest.param(
        {"consistency": "eventual", "latency_p99_ms": 2, "exclude_services": ["dynamodb"]},
        {"cache.service": "elasticache", "cache.config.engine": "valkey",
         "primary.needs_cache": True, "cache.rationale": Has("cache.layer")},
        id="a-2ms-p99-on-relational-data-adds-a-valkey-cache-layer",
    ),
    pytest.param(
        {"consistency": "read_after_write", "latency_p99_ms": 0.5, "exclude_services": ["dynamodb"]},
        {"cache.service": "elasticache", "cache.rationale": Has("cache.stale_reads"),
         "findings": Has("constraint.relaxed")},
        id="sub-ms-read-after-write-gets-a-cache-with-a-stale-read-risk",
    ),
    pytest.param(
        {"consistency": "strong", "latency_p99_ms": 2, "exclude_services": ["dynamodb"]},
        {"cache": None, "primary.needs_cache": False},
        id="strong-reads-with-a-2ms-target-get-no-cache-that-could-serve-stale-data",
    ),
    pytest.param(
        {"consistency": "eventual", "reads_per_sec": 40000, "writes_per_sec": 100,
         "exclude_services": ["dynamodb"]},
        {"cache.service": "elasticache"},
        id="repeated-eventual-reads-at-40k-a-second-earn-a-cache",
    ),
    pytest.param(
        {"consistency": "eventual", "latency_p99_ms": 0.5,
         "exclude_services": ["elasticache", "dynamodb"]},
        {"primary.service": "rds", "primary.rationale": Has("constraint.sub_ms_needs_memory"),
         "findings": Has("constraint.relaxed"), "cache": None},
        id="sub-ms-with-elasticache-ruled-out-cannot-be-met-closest-shown",
    ),
    pytest.param(
        {**MEM, "rpo_seconds": None, "regions": ["sa-east-1"]},
        {"primary.service": "elasticache", "rejected[elasticache]": Lacks("constraint.not_priced")},
        id="in-memory-store-priced-in-sao-paulo",
    ),
    pytest.param(
        {**MEM, "rpo_seconds": 3600, "regions": ["eu-north-1"]},
        {f"{NODES}.config.snapshot_retention_days": 1, f"{NODES}.rationale": Has("elasticache.durability")},
        id="no-backup-storage-price-in-stockholm-keeps-one-free-snapshot-and-says-so",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("answers", "expected"), CASES)
def test_elasticache(book, answers, expected):
    check(answer(book, **answers), expected)


def test_cache_cost_is_counted_when_options_are_ranked(book):
    data = answer(book, consistency="eventual", latency_p99_ms=2, exclude_services=["dynamodb"])
    cache = data["cache"]
    total = sum(Decimal(o["monthly_usd"]) for o in (data["primary"], cache))
    assert Decimal(data["total_monthly_usd"]) == total


def _option(data: dict, deployment: str) -> dict:
    return next(o for o in [data["primary"], *data["alternatives"]]
                if o["service"] == "elasticache" and o["config"]["deployment"] == deployment)  # fmt: skip


@pytest.mark.parametrize(
    ("pattern", "says", "never"),
    [
        ("steady", "Suits spiky or unpredictable load; for steady load compare the node-based",
         "Suits steady"),
        ("predictable_peaks", "for predictable peaks load compare the node-based",
         "Suits predictable"),
        ("spiky", "Suits spiky load: capacity follows demand", "compare the node-based"),
        ("mostly_idle", "Suits mostly idle load", "compare the node-based"),
    ],
    ids=["steady-load-is-pointed-to-nodes", "predictable-peaks-are-pointed-to-nodes",
         "spiky-load-suits-serverless", "idle-load-suits-serverless"],
)  # fmt: skip
def test_serverless_is_said_to_suit_variable_load_never_steady_load(book, pattern, says, never):
    data = answer(book, **MEM, rpo_seconds=None, traffic_pattern=pattern)
    text = next(f["message"] for f in _option(data, "serverless")["rationale"]
                if f["rule"] == "elasticache.deployment")  # fmt: skip
    assert says in text and never not in text


@pytest.mark.parametrize(
    ("answers", "says"),
    [
        ({**MEM, "storage_gb": 5, "reads_per_sec": 1000, "writes_per_sec": 100},
         "1 shard with 1 replica."),
        ({**MEM, "storage_gb": 20}, "3 shards with cluster mode, each with 1 replica."),
        ({**MEM, "storage_gb": 0.5, "reads_per_sec": 1000, "writes_per_sec": 100,
          "environment": "development"}, "1 shard, no replicas."),
    ],
    ids=["one-shard-one-replica", "three-shards-each-one-replica", "development-no-replicas"],
)  # fmt: skip
def test_shards_and_replicas_read_in_the_right_number(book, answers, says):
    text = next(f["message"] for f in _option(answer(book, **answers), "node_based")["rationale"]
                if f["rule"] == "elasticache.memory")  # fmt: skip
    assert says in text and "(s)" not in text
    assert "counting each GB as a GiB" in text  # GB of data against GiB of node memory, said


@pytest.mark.parametrize(
    ("rpo", "severity"),
    [
        pytest.param(300, "risk", id="a-5-minute-rpo-is-beyond-daily-snapshots-a-risk"),
        pytest.param(60, "risk", id="a-1-minute-rpo-is-a-risk"),
        pytest.param(86400, None, id="a-one-day-rpo-is-met-by-daily-snapshots"),
    ],
)
def test_an_rpo_daily_snapshots_cannot_meet_is_a_risk(book, rpo, severity):
    data = answer(book, **MEM, rpo_seconds=rpo)
    assert data["primary"]["service"] == "elasticache"
    risks = [f for f in data["primary"]["rationale"]
             if f["rule"] == "elasticache.durability" and f["severity"] == "risk"]  # fmt: skip
    assert (risks[0]["severity"] if risks else None) == severity


def test_no_memcached_when_a_redis_source_may_use_its_data_structures(book):
    data = answer(book, **MEM, rpo_seconds=None, migration_source={"engine": "redis"})
    engines = [o["config"].get("engine") for o in [data["primary"], *data["alternatives"]]]
    assert "valkey" in engines and "memcached" not in engines


@pytest.mark.parametrize(
    ("retention", "kept", "snapshots_said"),
    [
        pytest.param(35, 35, True, id="a-35-day-compliance-retention-is-kept-and-priced-not-7"),
        pytest.param(0, 0, False, id="retention-0-keeps-no-snapshots-and-says-so-not-daily-ones"),
    ],
)  # fmt: skip
def test_in_memory_snapshots_keep_the_retention_asked(book, retention, kept, snapshots_said):
    a = answer(book, **MEM, backup_retention_days=retention)
    cache = next(o for o in (a["primary"], *a["alternatives"])
                 if o["service"] == "elasticache" and o["config"]["deployment"] == "node_based")  # fmt: skip
    assert cache["config"]["snapshot_retention_days"] == kept
    said = " ".join(
        f["message"] for f in cache["rationale"] if f["rule"] == "elasticache.durability"
    )
    assert ("daily snapshot" in said) is snapshots_said
    assert ("snapshots off" in said) is not snapshots_said
    backups = [c for c in cache["cost_components"] if c["name"].startswith("Backup storage")]
    assert bool(backups) is snapshots_said
