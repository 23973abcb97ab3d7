"""Month by month as data grows: RDS storage autoscaling step by step, gp3's size threshold,
in-memory stores adding shards, and the curves of a whole comparison."""

from __future__ import annotations

from decimal import Decimal

from advisor.comparisons import Params, compare
from advisor.comparisons.growth import rds_allocations
from advisor.configs import RdsConfig
from advisor.questionnaire import workload_from_json

D = Decimal


def test_storage_autoscaling_adds_the_larger_of_5_gib_and_10_percent_below_10_percent_free():
    config = RdsConfig(engine="postgresql", instance_class="db.m6g.large",
                       allocated_storage_gb=100, storage_autoscaling_max_gb=200)  # fmt: skip
    allocations, events = rds_allocations(config, [D(80), D(95), D(120), D(250)])
    # Month 0: 80 <= 90 (10% of 100 free): 100. Month 1: 95 > 90: +10 -> 110 (95 <= 99).
    # Month 2: 120 > 99: +11 -> 121; 120 > 108.9: +13 (ceil 12.1) -> 134 (120 <= 120.6).
    # Month 3: 250 climbs to the 200 ceiling and does not fit: a risk.
    assert allocations == [100, 110, 134, 200]
    assert [e.month for e in events] == [1, 3]
    assert "grown by storage autoscaling: 110 GiB" in events[0].message
    assert events[1].severity == "risk" and "200 GiB autoscaling maximum" in events[1].message


def test_small_volumes_grow_by_5_gib_steps():
    config = RdsConfig(engine="mysql", instance_class="db.t4g.micro", allocated_storage_gb=20,
                       storage_autoscaling_max_gb=1000)  # fmt: skip
    allocations, _ = rds_allocations(config, [D(10), D(19)])
    # 19 > 18: 10% of 20 is 2, so 5 GiB: 25 (19 <= 22.5).
    assert allocations == [20, 25]


def test_crossing_400_gib_of_gp3_is_an_event_with_the_new_baseline():
    config = RdsConfig(engine="postgresql", instance_class="db.m6g.large",
                       allocated_storage_gb=380, storage_autoscaling_max_gb=2000)  # fmt: skip
    _, events = rds_allocations(config, [D(300), D(345)])
    # 345 > 342: 380 + 38 = 418 GiB, past RDS-STO-06's 400 GiB: 12,000 IOPS included.
    assert any("at 418 GiB gp3 includes 12,000 IOPS" in e.message for e in events)


def test_oracle_crosses_the_gp3_threshold_at_200_gib():
    config = RdsConfig(engine="oracle", edition="se2", instance_class="db.m5.large",
                       allocated_storage_gb=190, storage_autoscaling_max_gb=2000)  # fmt: skip
    _, events = rds_allocations(config, [D(100), D(175)])
    assert any("at 209 GiB gp3 includes 12,000 IOPS" in e.message for e in events)


def test_multi_az_clusters_are_grown_by_hand():
    config = RdsConfig(engine="postgresql", instance_class="db.m6gd.large",
                       deployment="multi_az_cluster", allocated_storage_gb=100)  # fmt: skip
    allocations, events = rds_allocations(config, [D(50), D(95)])
    assert allocations == [100, 110]
    assert "grown by hand" in events[0].message and events[0].severity == "warning"


def _workload(**answers):
    base = {"data_model": "relational", "reads_per_sec": 800, "writes_per_sec": 200,
            "storage_gb": 200, "storage_growth_gb_per_month": 25}  # fmt: skip
    return workload_from_json({**base, **answers})


def test_growth_curves_start_at_today_and_storage_billed_options_grow_by_the_growth_price(book):
    result = compare(_workload(), book, Params(regions=("us-east-1",), months=12))
    labels = [o.label for o in result.options]
    month0 = dict(zip(labels, result.growth[0][1], strict=True))
    assert month0 == {o.label: o.monthly for o in result.options}
    month12 = dict(zip(labels, result.growth[12][1], strict=True))
    aurora = next(o for o in result.options if o.service == "aurora" and o.engine_choice
                  and o.config.storage_config == "standard")  # fmt: skip
    # Aurora Standard bills the volume it holds: 12 x 25 GB more at $0.10 a GB-month, plus
    # the backup beyond the volume, which does not change with the volume here (one full
    # copy of the data plus a week of changes, minus the free volume-sized allowance).
    assert month12[aurora.label] - month0[aurora.label] == D(300) * D("0.10")
    for label in labels:
        assert month12[label] >= month0[label], label


def test_in_memory_stores_add_shards_as_the_data_grows(book):
    w = workload_from_json({"data_model": "in_memory", "reads_per_sec": 20000,
                            "writes_per_sec": 5000, "storage_gb": 20, "rpo_seconds": None,
                            "storage_growth_gb_per_month": 2})  # fmt: skip
    result = compare(w, book, Params(regions=("us-east-1",), months=24))
    nodes = next(i for i, o in enumerate(result.options)
                 if o.service == "elasticache" and o.config.deployment == "node_based")  # fmt: skip
    curve = [costs[nodes] for _, costs in result.growth]
    assert curve[-1] > curve[0]
    assert any("needs 4 shards" in e.message for e in result.events)
