"""DynamoDB: capacity units and mode, table class, DAX, global tables, PITR, TTL, Streams,
item size and quotas."""

from __future__ import annotations

from decimal import Decimal

import pytest

from advisor.engine.derived import derive
from advisor.engine.sizing import dynamo_units
from advisor.questionnaire import workload_from_json

from .helpers import Has, Lacks, answer, check

KV = {"data_model": "key_value", "consistency": "eventual"}
DDB = "option[dynamodb]"
US3 = ["us-east-1", "us-east-2", "us-west-2"]
CASES = [
    pytest.param(
        {**KV},
        {"primary.service": "dynamodb", "primary.config.read_consistency": "eventual",
         "primary.config.pitr": True, "primary.rationale": Has("dynamodb.capacity_units",
                                                                "dynamodb.partitions")},
        id="key-value-production-goes-to-dynamodb-with-pitr",
    ),
    pytest.param(
        {**KV, "traffic_pattern": "steady", "reads_per_sec": 5000, "writes_per_sec": 1000},
        {"primary.config.capacity_mode": "provisioned", "primary.config.autoscaling": True},
        id="steady-busy-table-is-cheaper-provisioned-with-auto-scaling",
    ),
    pytest.param(
        {**KV, "traffic_pattern": "spiky"},
        {"primary.config.capacity_mode": "on_demand",
         "primary.config.read_capacity_units": None},
        id="spiky-traffic-goes-on-demand",
    ),
    pytest.param(
        {**KV, "environment": "development", "traffic_pattern": "steady"},
        {"primary.config.capacity_mode": "on_demand", "primary.config.pitr": False},
        id="development-goes-on-demand-without-pitr",
    ),
    pytest.param(
        {**KV, "backup_retention_days": 0},
        {"primary.config.pitr": False, "primary.rationale": Has("dynamodb.pitr")},
        id="backup-retention-0-turns-pitr-off-with-the-risk-said-not-a-35-day-window",
    ),
    pytest.param(
        {**KV, "backup_retention_days": 0, "rpo_seconds": None},
        {"primary.config.pitr": False, "primary.rationale": Lacks("dynamodb.pitr")},
        id="backup-retention-0-on-rebuildable-data-is-no-risk",
    ),
    pytest.param(
        {**KV, "item_size_kb": 800},
        {"primary.service": "dynamodb", "primary.config.large_items_in_s3": True,
         "primary.rationale": Has("dynamodb.large_items")},
        id="key-value-items-over-400kb-keep-payloads-in-s3",
    ),
    pytest.param(
        {**KV, "item_size_kb": 1000},
        {"primary.config.large_items_in_s3": True,
         "primary.rationale": Has("dynamodb.large_items", "dynamodb.s3_not_priced")},
        id="1000kb-items-say-the-s3-payloads-are-not-priced",
    ),
    pytest.param(
        {**KV, "item_size_kb": 10240},
        {"primary.config.large_items_in_s3": True,
         "primary.rationale": Has("dynamodb.s3_not_priced")},
        id="10mb-items-say-the-s3-payloads-are-not-priced",
    ),
    pytest.param(
        {**KV, "item_size_kb": 400},
        {f"{DDB}.config.large_items_in_s3": False,
         f"{DDB}.rationale": Lacks("dynamodb.large_items", "dynamodb.s3_not_priced")},
        id="400kb-items-fit-in-the-table-with-nothing-in-s3",
    ),
    pytest.param(
        {"item_size_kb": 800, "data_model": "in_memory"},
        {"rejected[dynamodb]": Has("constraint.item_over_400kb")},
        id="in-memory-items-over-400kb-reject-dynamodb",
    ),
    pytest.param(
        {**KV, "needs_joins": True},
        {"rejected[dynamodb]": Has("constraint.joins_on_key_value"),
         "primary.service": "rds"},
        id="ad-hoc-joins-reject-dynamodb",
    ),
    pytest.param(
        {**KV, "consistency": "strong"},
        {"primary.config.read_consistency": "strong",
         "primary.rationale": Has("dynamodb.read_consistency")},
        id="strong-consistency-uses-strongly-consistent-reads",
    ),
    pytest.param(
        {**KV, "consistency": "read_after_write"},
        {"primary.config.read_consistency": "strong"},
        id="read-after-write-needs-strongly-consistent-reads",
    ),
    pytest.param(
        {**KV, "latency_p99_ms": 0.8, "reads_per_sec": 20000},
        {"primary.service": "dynamodb", "primary.config.dax.nodes": 3,
         "primary.rationale": Has("dynamodb.dax")},
        id="sub-millisecond-eventual-reads-get-a-three-node-dax-cluster",
    ),
    pytest.param(
        {**KV, "consistency": "strong", "latency_p99_ms": 3, "reads_per_sec": 20000},
        {"primary.config.dax": None, "primary.rationale": Has("dynamodb.dax")},
        id="never-dax-for-strongly-consistent-reads",
    ),
    pytest.param(
        {**KV, "reads_per_sec": 50000, "writes_per_sec": 5000, "item_size_kb": 2,
         "storage_gb": 200, "traffic_pattern": "predictable_peaks"},
        {"primary.service": "dynamodb", "primary.config.dax": None,
         "primary.rationale": Has("dynamodb.dax"), "cache": None},
        id="a-read-heavy-load-with-a-20ms-p99-gets-no-dax-and-the-saving-dax-would-need",
    ),
    pytest.param(
        {**KV, "reads_per_sec": 50000, "writes_per_sec": 1000, "regions": ["ap-northeast-2"]},
        {"primary.service": "dynamodb", "cache": None, "primary.needs_cache": False},
        id="a-read-heavy-load-where-dax-is-not-offered-gets-no-cache-either",
    ),
    pytest.param(
        {**KV, "latency_p99_ms": 2, "regions": ["ap-northeast-2"]},
        {"primary.service": "dynamodb", "primary.config.dax": None,
         "cache.service": "elasticache", "primary.needs_cache": True},
        id="no-dax-in-seoul-so-an-elasticache-layer-serves-the-cached-reads",
    ),
    pytest.param(
        {**KV, "data_ttl_days": 30},
        {"primary.config.ttl": True, "primary.rationale": Has("dynamodb.ttl")},
        id="data-lifetime-turns-on-ttl",
    ),
    pytest.param(
        {**KV, "needs_change_stream": True},
        {"primary.config.streams": True, "primary.rationale": Has("dynamodb.streams")},
        id="change-consumers-turn-on-streams",
    ),
    pytest.param(
        {**KV, "access_frequency": "infrequent", "storage_gb": 5000, "reads_per_sec": 5,
         "writes_per_sec": 1},
        {"primary.config.table_class": "standard_ia",
         "primary.rationale": Has("dynamodb.table_class")},
        id="rarely-read-storage-dominated-table-goes-standard-ia",
    ),
    pytest.param(
        {**KV, "access_frequency": "frequent", "storage_gb": 5000, "reads_per_sec": 5,
         "writes_per_sec": 1},
        {"primary.config.table_class": "standard",
         "primary.rationale": Has("dynamodb.table_class")},
        id="frequently-read-table-stays-standard-and-says-what-ia-would-cost",
    ),
    pytest.param(
        {**KV, "multi_region": "active_active", "regions": ["us-east-1", "eu-west-1"]},
        {"primary.service": "dynamodb", "primary.config.global_tables": True,
         "primary.config.replica_regions": ["eu-west-1"],
         "primary.config.global_tables_consistency": "eventual",
         "rejected[aurora]": Has("constraint.aurora_multi_master_retired")},
        id="active-active-writes-get-global-tables-aurora-multi-master-retired",
    ),
    pytest.param(
        {**KV, "consistency": "strong", "multi_region": "active_active", "regions": US3},
        {"primary.config.global_tables_consistency": "strong"},
        id="strong-active-active-in-three-us-regions-gets-mrsc",
    ),
    pytest.param(
        {**KV, "consistency": "strong", "multi_region": "active_active",
         "regions": ["us-east-1", "eu-west-1"]},
        {"primary.config.global_tables_consistency": "eventual",
         "primary.rationale": Has("dr.strong_across_regions")},
        id="strong-across-us-and-eu-cannot-be-mrsc-so-eventual-with-a-risk",
    ),
    pytest.param(
        {**KV, "rpo_seconds": 0, "multi_region": "dr", "regions": ["eu-west-1", "eu-central-1"]},
        {"primary.config.global_tables_consistency": "strong",
         "primary.rationale": Lacks("dr.rpo_zero_cross_region")},
        id="zero-rpo-in-two-eu-regions-gets-mrsc-with-a-witness",
    ),
    pytest.param(
        {**KV, "writes_per_sec": 50000, "reads_per_sec": 1000},
        {"primary.config.transactions": False,
         "primary.rationale": Has("dynamodb.quota", "dynamodb.partitions")},
        id="50k-writes-a-second-needs-a-table-quota-increase",
    ),
    pytest.param(
        {**KV, "traffic_pattern": "spiky", "reads_per_sec": 30000},
        {"primary.config.capacity_mode": "on_demand",
         "primary.rationale": Has("dynamodb.warm_throughput")},
        id="on-demand-peak-above-a-new-tables-12k-read-units-needs-warm-throughput",
    ),
    pytest.param(
        {**KV, "needs_transactions": True},
        {"primary.config.transactions": True, "primary.rationale": Has("dynamodb.transactions")},
        id="transactions-double-the-write-units",
    ),
    pytest.param(
        {"data_model": "relational", "exclude_services": ["rds", "aurora"]},
        {"primary.service": "dynamodb", "primary.rationale": Has("model.relational_on_dynamodb")},
        id="relational-data-on-dynamodb-warns-about-remodelling",
    ),
    pytest.param(
        {**KV, "availability_target": 99.999, "multi_region": "dr",
         "regions": ["us-east-1", "us-west-2"]},
        {"primary.service": "dynamodb", "primary.rationale": Lacks("availability.five_nines")},
        id="five-nines-met-by-global-tables",
    ),
    pytest.param(
        {**KV, "availability_target": 99.999},
        {"primary.rationale": Has("availability.five_nines")},
        id="five-nines-in-one-region-is-a-risk",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("answers", "expected"), CASES)
def test_dynamodb(book, answers, expected):
    check(answer(book, **answers), expected)


@pytest.mark.parametrize(
    ("item_kb", "consistency", "transactions", "per_read", "per_write"),
    [
        (1, "eventual", False, "0.5", 1),
        (4, "strong", False, 1, 4),
        (5, "strong", False, 2, 5),
        (8.5, "eventual", False, "1.5", 9),
        (3, "strong", True, 1, 6),
        (0.1, "transactional", False, 2, 1),
    ],
    ids=[
        "1kb-eventual-half-rcu",
        "4kb-strong-one-rcu-four-wcu",
        "5kb-rounds-up-to-two-4kb-units",
        "8-5kb-eventual-one-and-a-half",
        "transactional-writes-double",
        "transactional-reads-double",
    ],
)
def test_capacity_units_use_4kb_read_and_1kb_write_units(
    item_kb, consistency, transactions, per_read, per_write
):
    from decimal import Decimal

    w = workload_from_json({"data_model": "key_value", "reads_per_sec": 100, "writes_per_sec": 10,
                            "storage_gb": 1, "item_size_kb": item_kb})  # fmt: skip
    units = dynamo_units(w.item_size_kb, consistency, transactions, derive(w))
    assert units.units_per_read == Decimal(str(per_read))
    assert units.units_per_write == Decimal(per_write)
    assert units.peak_rcu == 100 * Decimal(str(per_read))
    # request units a month come from the average (70% of peak for steady) x 730 hours
    assert units.read_request_units_per_month == Decimal(70) * 2_628_000 * Decimal(str(per_read))


def test_partitions_follow_3000_rcu_and_1000_wcu(book):
    w = workload_from_json({"data_model": "key_value", "reads_per_sec": 9001, "writes_per_sec": 10,
                            "storage_gb": 1, "consistency": "strong"})  # fmt: skip
    assert dynamo_units(w.item_size_kb, "strong", False, derive(w)).partitions == 4


def _message(option: dict, rule: str) -> str:
    return next(f["message"] for f in option["rationale"] if f["rule"] == rule)


@pytest.mark.parametrize("item_kb", [1000, 10240], ids=["1000kb", "10mb"])
def test_large_items_price_the_pointer_items_and_name_the_unpriced_s3_quantities(book, item_kb):
    data = answer(book, **KV, item_size_kb=item_kb, storage_gb=1000, reads_per_sec=500,
                  writes_per_sec=100)  # fmt: skip
    primary = data["primary"]
    storage = next(c for c in primary["cost_components"] if c["name"].startswith("Table storage"))
    # 1,000 GB of payloads is 1000 * 1024 * 1024 / item_kb items of one 1 KB pointer each
    assert Decimal(storage["quantity"]) == Decimal(1000) / item_kb
    s3 = _message(primary, "dynamodb.s3_not_priced")
    # 70% of the peak on average (steady) over a 730-hour month: one PUT per write, GET per read
    assert "1,000 GB-months" in s3 and "S3 Standard" in s3
    assert f"{70 * 2_628_000:,} PUT" in s3 and f"{350 * 2_628_000:,} GET" in s3
    assert "excludes them" in s3
    units = _message(primary, "dynamodb.capacity_units")
    assert units.startswith(f"Only the 1 KB pointer item is stored and read in DynamoDB (the "
                            f"{item_kb:,} KB payload is in S3)")  # fmt: skip
    assert "0.5 read units per eventual read" in units and "1 write unit per write" in units


def test_a_budget_met_before_unpriced_s3_costs_says_so(book):
    data = answer(book, **KV, item_size_kb=1000, monthly_budget_usd=100000)
    within = next(f["message"] for f in data["findings"] if f["rule"] == "budget.within")
    assert "before the costs its risks name as not priced" in within


def test_capacity_units_read_in_the_right_number(book):
    text = _message(answer(book, **KV)["primary"], "dynamodb.capacity_units")
    assert "(s)" not in text
    assert text.startswith("A 1 KB item costs 0.5 read units per eventual read")
    assert "1 write unit per write" in text


def test_dax_for_read_load_alone_names_the_hit_rate_it_would_need(book):
    data = answer(book, **KV, reads_per_sec=50000, writes_per_sec=5000, item_size_kb=2,
                  storage_gb=200, traffic_pattern="predictable_peaks")  # fmt: skip
    note = next(f["message"] for f in data["primary"]["rationale"] if f["rule"] == "dynamodb.dax")
    assert note.startswith("No DAX") and "would pay for itself only by serving over 83%" in note


GLOBAL = {**KV, "reads_per_sec": 10000, "writes_per_sec": 2000, "storage_gb": 500,
          "traffic_pattern": "steady"}  # fmt: skip


@pytest.mark.parametrize(
    ("multi_region", "regions", "rcu_each"),
    [
        pytest.param("active_active", US3, 1667, id="active-active-splits-reads-over-3-regions"),
        pytest.param("dr", US3[:2], 5000, id="a-standby-keeps-full-read-capacity"),
    ],
)
def test_global_table_read_capacity_per_region(book, multi_region, regions, rcu_each):
    data = answer(book, **GLOBAL, multi_region=multi_region, regions=regions)
    primary = data["primary"]
    assert primary["config"]["read_capacity_units"] == rcu_each  # 3,500 RCU on average, at 70%
    replica_reads = [c for c in primary["cost_components"] if c["name"].startswith("Replica read")]
    assert replica_reads and all(f"{rcu_each:,} RCU" in c["name"] for c in replica_reads)
    assert "dynamodb.global_capacity" in [f["rule"] for f in primary["rationale"]]


def test_active_active_transfer_leaves_every_region_at_its_rate(book):
    data = answer(book, **GLOBAL, multi_region="active_active",
                  regions=["us-east-1", "eu-west-1", "sa-east-1"])  # fmt: skip
    names = [c["name"] for c in data["primary"]["cost_components"]]
    assert "Inter-Region transfer sa-east-1 -> us-east-1" in names
    assert sum(n.startswith("Inter-Region transfer") for n in names) == 6


def test_standard_kept_beside_a_cheaper_ia_names_the_teams_answer_and_how_to_change_it(book):
    # Standard-IA is cheaper here: the reason is the team's answer, not a fact about the data,
    # and the sentence says which answer would choose Standard-IA.
    a = answer(book, **KV, access_frequency="frequent", storage_gb=5000, reads_per_sec=5,
               writes_per_sec=1)  # fmt: skip
    (note,) = [
        f["message"] for f in a["primary"]["rationale"] if f["rule"] == "dynamodb.table_class"
    ]
    assert note.startswith("Standard table class, since you said old data is read often.")
    assert "'How often old data is read' to 'Rarely'" in note


@pytest.mark.parametrize(
    ("averages", "severity"),
    [
        pytest.param({"avg_reads_per_sec": 3000, "avg_writes_per_sec": 600}, "warning",
                     id="a-peak-25-times-the-average-capacity-warns-auto-scaling-throttles-it"),
        pytest.param({"avg_reads_per_sec": 40000, "avg_writes_per_sec": 10000}, "info",
                     id="a-peak-under-twice-the-average-capacity-is-a-reminder-only"),
    ],
)  # fmt: skip
def test_planned_peaks_far_above_the_average_capacity_are_a_warning_with_the_numbers(
    book, averages, severity
):
    a = answer(book, **KV, traffic_pattern="predictable_peaks", reads_per_sec=60000,
               writes_per_sec=15000, storage_gb=300, **averages)  # fmt: skip
    assert a["primary"]["config"]["capacity_mode"] == "provisioned"
    (note,) = [f for f in a["primary"]["rationale"] if f["rule"] == "dynamodb.warm_throughput"]
    assert note["severity"] == severity
    if severity == "warning":
        assert "21,429 WCU" in note["message"] and "scheduled scaling" in note["message"]


def test_dax_in_front_of_in_memory_data_holds_the_hot_set_given_not_all_the_data(book):
    # In-memory data counts all 2,000 GB as its working set (ElastiCache holds it all); DAX in
    # front of the table needs only the 100 GB the team says is read often.
    a = answer(book, data_model="in_memory", reads_per_sec=100000, writes_per_sec=10000,
               storage_gb=2000, working_set_gb=100, rpo_seconds=None, latency_p99_ms=2,
               consistency="eventual")  # fmt: skip
    ddb = next(o for o in (a["primary"], *a["alternatives"]) if o["service"] == "dynamodb")
    (note,) = [f["message"] for f in ddb["rationale"] if f["rule"] == "dynamodb.dax"]
    assert "for the 100 GB hot set" in note and "only part" not in note


def test_dax_says_transactional_reads_pass_through_it(book):
    a = answer(book, **KV, reads_per_sec=30000, writes_per_sec=1000, storage_gb=100,
               needs_transactions=True, latency_p99_ms=0.8)  # fmt: skip
    assert a["primary"]["config"]["dax"] is not None
    (note,) = [f["message"] for f in a["primary"]["rationale"] if f["rule"] == "dynamodb.dax"]
    assert "TransactGetItems" in note


@pytest.mark.parametrize(
    ("regions", "witness"),
    [
        pytest.param(["us-east-1", "us-west-2"], "a witness in us-east-2",
                     id="two-us-regions-name-us-east-2-as-the-witness"),
        pytest.param(["eu-west-1", "eu-central-1"], "a witness in eu-west-2 or eu-west-3",
                     id="two-eu-regions-name-the-two-regions-left-in-the-set"),
    ],
)  # fmt: skip
def test_strong_consistency_in_two_regions_names_where_the_witness_goes(book, regions, witness):
    a = answer(book, data_model="key_value", multi_region="active_active", regions=regions,
               consistency="strong", rpo_seconds=0)  # fmt: skip
    assert a["primary"]["config"]["global_tables_consistency"] == "strong"
    said = [
        f["message"] for f in a["primary"]["rationale"] if f["rule"] == "dynamodb.global_tables"
    ]
    assert witness in said[0]
