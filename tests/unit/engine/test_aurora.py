"""Aurora: provisioned or Serverless v2, replicas, I/O-Optimized, Global Database, engines."""

from __future__ import annotations

from decimal import Decimal

import pytest

from .helpers import Between, Has, answer, check

SERVERLESS = "option[aurora:capacity=serverless_v2]"
PROVISIONED = "option[aurora:capacity=provisioned]"
CASES = [
    pytest.param(
        {},
        {f"{PROVISIONED}.config.replicas": 1, f"{PROVISIONED}.config.multi_az": True,
         f"{PROVISIONED}.config.engine": "aurora-postgresql",
         f"{PROVISIONED}.config.writer_topology": "single_writer",
         f"{PROVISIONED}.rationale": Has("aurora.replicas", "aurora.storage_config")},
        id="production-gets-a-replica-in-another-az-for-sub-minute-failover",
    ),
    pytest.param(
        {"environment": "development", "traffic_pattern": "mostly_idle", "reads_per_sec": 50,
         "writes_per_sec": 5, "storage_gb": 10},
        {f"{SERVERLESS}.config.min_acu": 0, f"{SERVERLESS}.config.replicas": 0,
         f"{SERVERLESS}.rationale": Has("aurora.auto_pause")},
        id="idle-development-database-auto-pauses-at-zero-acu",
    ),
    pytest.param(
        {"traffic_pattern": "spiky", "reads_per_sec": 4000, "writes_per_sec": 400},
        {f"{SERVERLESS}.config.min_acu": Between("0.5", 256),
         f"{SERVERLESS}.config.max_acu": Between(1, 256),
         f"{SERVERLESS}.rationale": Has("aurora.acu_range")},
        id="spiky-production-load-gets-a-serverless-v2-acu-range-without-pause",
    ),
    pytest.param(
        {"traffic_pattern": "mostly_idle", "environment": "staging", "multi_region": "dr",
         "regions": ["us-east-1", "us-east-2"]},
        {f"{SERVERLESS}.config.global_database": True, f"{SERVERLESS}.config.min_acu": Between("0.5", 256)},
        id="no-auto-pause-with-a-global-database",
    ),
    pytest.param(
        {"iops_required": 20000, "storage_gb": 50},
        {f"{PROVISIONED}.config.storage_config": "io_optimized"},
        id="io-heavy-cluster-where-io-is-over-25pct-goes-io-optimized",
    ),
    pytest.param(
        {"reads_per_sec": 100, "writes_per_sec": 5, "storage_gb": 2000},
        {f"{PROVISIONED}.config.storage_config": "standard"},
        id="storage-heavy-low-io-cluster-stays-aurora-standard",
    ),
    pytest.param(
        {"storage_gb": 100000},
        {"primary.service": "aurora", "rejected[rds]": Has("constraint.storage_beyond_max")},
        id="100tb-fits-aurora-128tib-not-rds",
    ),
    pytest.param(
        {"storage_gb": 140000},
        {"rejected[aurora]": Has("constraint.aurora_storage_max")},
        id="beyond-128tib-rejects-aurora",
    ),
    pytest.param(
        {"multi_region": "dr", "regions": ["us-east-1", "eu-west-1"], "rpo_seconds": 5},
        {f"{PROVISIONED}.config.global_database": True,
         f"{PROVISIONED}.config.secondary_regions": ["eu-west-1"],
         f"{PROVISIONED}.rationale": Has("aurora.global_database")},
        id="cross-region-rpo-of-seconds-gets-aurora-global-database",
    ),
    pytest.param(
        {"multi_region": "dr", "regions": ["us-east-1", "eu-west-1"], "rpo_seconds": 0},
        {f"{PROVISIONED}.rationale": Has("dr.rpo_zero_cross_region")},
        id="zero-rpo-across-regions-is-a-risk-global-database-is-asynchronous",
    ),
    pytest.param(
        {"multi_region": "active_active", "regions": ["us-east-1", "eu-west-1"],
         "needs_joins": True},
        {"primary.service": "aurora", "primary.config.global_database": True,
         "primary.rationale": Has("constraint.aurora_multi_master_retired"),
         "findings": Has("constraint.relaxed"),
         "rejected[dynamodb]": Has("constraint.joins_on_key_value")},
        id="active-active-relational-with-joins-gets-closest-global-database-and-retired-multi-master-risk",
    ),
    pytest.param(
        {"engine_preference": "mysql"},
        {f"{PROVISIONED}.config.engine": "aurora-mysql"},
        id="mysql-preference-gets-aurora-mysql",
    ),
    pytest.param(
        {"engine_preference": "sqlserver"},
        {"rejected[aurora]": Has("constraint.engine_not_in_aurora")},
        id="sqlserver-is-not-an-aurora-engine",
    ),
    pytest.param(
        {"migration_source": {"engine": "oracle"}},
        {f"{PROVISIONED}.config.engine": "aurora-postgresql",
         f"{PROVISIONED}.rationale": Has("model.refactor")},
        id="oracle-source-refactors-to-aurora-postgresql",
    ),
    pytest.param(
        {"backup_retention_days": 0},
        {f"{PROVISIONED}.config.backup_retention_days": 1,
         f"{PROVISIONED}.rationale": Has("aurora.backup")},
        id="aurora-backups-cannot-be-disabled-one-day-kept",
    ),
    pytest.param(
        {"environment": "development", "rto_seconds": 300},
        {f"{PROVISIONED}.config.replicas": 0, f"{PROVISIONED}.rationale": Has("dr.rto_unmet")},
        id="no-replica-recreate-takes-minutes-a-5-minute-rto-is-a-risk",
    ),
    pytest.param(
        {"writes_per_sec": 30000, "exclude_services": ["rds"]},
        {"rejected[aurora]": Has("constraint.writes_beyond_one_writer")},
        id="writes-beyond-the-largest-writer-reject-aurora-and-point-to-limitless",
    ),
    pytest.param(
        {"availability_target": 99.99},
        {f"{PROVISIONED}.rationale": Has("aurora.replicas")},
        id="99-99-is-within-aurora-multi-az-sla",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("answers", "expected"), CASES)
def test_aurora(book, answers, expected):
    check(answer(book, **answers), expected)


def test_io_optimized_has_no_io_charge_and_is_cheaper_when_chosen(book):
    data = answer(book, iops_required=20000, storage_gb=50)
    option = next(o for o in [data["primary"], *data["alternatives"]]
                  if o["service"] == "aurora" and o["config"]["storage_config"] == "io_optimized")  # fmt: skip
    assert not [c for c in option["cost_components"] if c["name"].startswith("I/O requests")]
    assert "Aurora Standard" not in " ".join(c["name"] for c in option["cost_components"])


def test_serverless_average_acu_lies_within_its_range(book):
    data = answer(book, traffic_pattern="spiky", reads_per_sec=4000, writes_per_sec=400)
    option = next(o for o in [data["primary"], *data["alternatives"]]
                  if o["service"] == "aurora" and o["config"]["capacity"] == "serverless_v2")  # fmt: skip
    low, high = option["config"]["min_acu"], option["config"]["max_acu"]
    assert 0.5 <= low <= high <= 256
    assert (low * 2) % 1 == 0 and (high * 2) % 1 == 0  # half-ACU steps


def _capacity_notes(data: dict) -> dict[str, str]:
    options = [data["primary"], *data["alternatives"]]
    return {
        o["config"]["capacity"]: f["message"]
        for o in options
        if o["service"] == "aurora"
        for f in o["rationale"]
        if f["rule"] == "aurora.capacity"
    }


def test_steady_load_notes_follow_the_totals_when_serverless_comes_to_less(book):
    data = answer(book, data_model="relational", needs_joins=True, reads_per_sec=5,
                  writes_per_sec=1, storage_gb=5, traffic_pattern="steady")  # fmt: skip
    notes = _capacity_notes(data)
    assert "comes to less than the provisioned option here" in notes["serverless_v2"]
    assert "too small for that: Serverless v2 comes to less" in notes["provisioned"]
    assert "provisioned instances are cheaper" not in notes["serverless_v2"]


def test_steady_load_notes_give_both_totals_when_provisioned_is_cheaper(book):
    data = answer(book, data_model="relational", needs_joins=True, reads_per_sec=2000,
                  writes_per_sec=200, storage_gb=200, traffic_pattern="steady")  # fmt: skip
    notes = _capacity_notes(data)
    assert "provisioned instances are cheaper: $" in notes["serverless_v2"]
    assert notes["provisioned"].startswith("Provisioned instances: the cheaper way")


def _aurora(data: dict, capacity: str) -> dict:
    return next(o for o in [data["primary"], *data["alternatives"]]
                if o["service"] == "aurora" and o["config"]["capacity"] == capacity)  # fmt: skip


def test_a_paused_cluster_is_billed_at_least_half_an_acu_for_the_hours_it_is_awake(book):
    """A resumed cluster bills at least 0.5 ACU until the idle timeout pauses it (AUR-06/07):
    a dev tool was once billed 'average 0.02 ACU', $2.29 a month."""
    data = answer(book, environment="development", traffic_pattern="mostly_idle",
                  reads_per_sec=5, writes_per_sec=1, storage_gb=5)  # fmt: skip
    option = _aurora(data, "serverless_v2")
    assert option["config"]["min_acu"] == 0
    (acu,) = [c for c in option["cost_components"] if c["unit"] == "ACU-hours"]
    assert Decimal(acu["quantity"]) == Decimal("0.5") * Decimal("243.33")  # 8 h a day
    (pause,) = [f["message"] for f in option["rationale"] if f["rule"] == "aurora.auto_pause"]
    assert "8 hours a day" in pause and "at least 0.5 ACU while awake" in pause
    (acu_range,) = [f["message"] for f in option["rationale"] if f["rule"] == "aurora.acu_range"]
    assert "<0.1 vCPU" in acu_range and " 0 vCPU" not in acu_range


def test_a_single_acu_size_is_labelled_once(book):
    data = answer(book, environment="staging", traffic_pattern="spiky", reads_per_sec=5,
                  writes_per_sec=1, storage_gb=5)  # fmt: skip
    option = _aurora(data, "serverless_v2")
    assert option["config"]["min_acu"] == option["config"]["max_acu"] == 0.5
    assert "0.5 ACU," in option["label"] and "0.5-0.5" not in option["label"]


def test_the_replica_for_ad_hoc_queries_is_explained(book):
    data = answer(book, needs_joins=True, storage_gb=800)
    option = _aurora(data, "provisioned")
    notes = [f["message"] for f in option["rationale"] if f["rule"] == "sizing.read_replicas"]
    assert option["config"]["replicas"] == 2
    assert [n for n in notes if "for ad hoc queries" in n]


def test_a_small_database_gets_no_ad_hoc_replica_note(book):
    option = _aurora(answer(book, needs_joins=True, storage_gb=100), "provisioned")
    assert "sizing.read_replicas" not in [f["rule"] for f in option["rationale"]]
