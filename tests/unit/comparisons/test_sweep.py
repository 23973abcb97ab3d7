"""The whole comparison: its options, the sweeps' consistency with each other and with a
stand-alone recommendation, its JSON shape (API.md), and what it costs to compute."""

from __future__ import annotations

from decimal import Decimal

import pytest

from advisor.comparisons import (
    Params,
    ParamsInvalid,
    compare,
    comparison_to_json,
    params_from_json,
)
from advisor.comparisons.sweep import in_region, scaled
from advisor.engine import recommend
from advisor.questionnaire import workload_from_json

D = Decimal
RELATIONAL = {"data_model": "relational", "reads_per_sec": 2000, "writes_per_sec": 500,
              "storage_gb": 300, "storage_growth_gb_per_month": 20}  # fmt: skip
KEY_VALUE = {"data_model": "key_value", "reads_per_sec": 500, "writes_per_sec": 200,
             "storage_gb": 50, "storage_growth_gb_per_month": 30, "traffic_pattern": "spiky",
             "consistency": "eventual"}  # fmt: skip
FAST_READS = {"data_model": "relational", "reads_per_sec": 20000, "writes_per_sec": 500,
              "storage_gb": 300, "consistency": "eventual", "latency_p99_ms": 3}  # fmt: skip
PARAMS = Params(regions=("us-east-1", "eu-west-1", "ap-southeast-2"), months=24,
                traffic_multipliers=(D("0.5"), D(1), D(2), D(5)))  # fmt: skip


@pytest.fixture(scope="module")
def relational(book):
    return compare(workload_from_json(RELATIONAL), book, PARAMS)


def test_every_engine_option_is_compared_at_the_price_of_the_stand_alone_recommendation(
    book, relational
):
    rec = recommend(workload_from_json(RELATIONAL), book)
    engine = {o.label: o for o in [rec.primary, *rec.alternatives]}
    compared = {o.label: o for o in relational.options if o.engine_choice}
    assert set(compared) == set(engine)
    for label, option in engine.items():
        assert compared[label].monthly == option.compared_monthly
        assert compared[label].fit_score == option.fit_score


def test_the_variants_the_engine_set_aside_are_compared_beside_its_choices(relational):
    labels = [o.label for o in relational.options]
    assert any(label.endswith("I/O-Optimized") for label in labels)
    dynamo = [o for o in relational.options if o.service == "dynamodb"]
    assert {o.config.capacity_mode for o in dynamo} == {"on_demand", "provisioned"}
    assert {o.config.table_class for o in dynamo} == {"standard", "standard_ia"}
    variants = [o for o in relational.options if not o.engine_choice]
    assert variants and all(o.notes for o in variants)


def test_options_are_ranked_by_fit_then_cost(relational):
    keys = [(-o.fit_score, o.monthly) for o in relational.options]
    assert keys == sorted(keys)


def test_the_sweeps_agree_with_each_other_at_the_baseline(relational):
    today = [o.monthly for o in relational.options]
    assert list(relational.growth[0][1]) == today
    at_one = dict(relational.sensitivity)[D(1)]
    assert list(at_one) == today
    home = [r.monthly for r in relational.regions if r.region == "us-east-1"]
    assert home == today


def test_a_pinned_option_keeps_what_its_label_says_at_every_traffic_level(relational):
    for multiplier, costs in relational.sensitivity:
        assert len(costs) == len(relational.options), multiplier
    standard = [o for o in relational.options if o.service == "aurora"
                and o.config.storage_config == "standard"]  # fmt: skip
    optimized = [o for o in relational.options if o.service == "aurora"
                 and o.config.storage_config == "io_optimized"]  # fmt: skip
    assert standard and optimized
    # At twice the traffic the engine itself would choose I/O-Optimized for provisioned Aurora;
    # the Standard curve stays Standard, so the two are priced apart there.
    labels = [o.label for o in relational.options]
    at_two = dict(zip(labels, dict(relational.sensitivity)[D(2)], strict=True))
    assert at_two[standard[0].label] != at_two[optimized[0].label]


def test_other_regions_are_priced_with_what_the_engine_configures_there(relational):
    eu = {r.label: r for r in relational.regions if r.region == "eu-west-1"}
    us = {r.label: r for r in relational.regions if r.region == "us-east-1"}
    assert set(eu) == set(us)
    rds = next(o.label for o in relational.options if o.service == "rds")
    assert eu[rds].monthly > us[rds].monthly  # Ireland's RDS prices are above Virginia's


def test_named_break_evens_are_stated_with_the_variable_and_value_api_md_asks(relational):
    kinds = {b.kind: b for b in relational.break_even}
    assert {"capacity_mode", "storage_config", "serverless_v2", "table_class"} <= set(kinds)
    assert kinds["capacity_mode"].variable == "utilization"
    assert kinds["storage_config"].variable == "io_share"
    assert kinds["table_class"].variable == "month"
    labels = {o.label for o in relational.options}
    for b in relational.break_even:
        assert b.a in labels and b.b in labels and b.message


def test_the_standard_ia_month_is_where_the_growth_curves_change_order(relational):
    ia = next(b for b in relational.break_even if b.kind == "table_class")
    labels = [o.label for o in relational.options]
    a, b = labels.index(ia.a), labels.index(ia.b)
    before = relational.growth[int(ia.value)][1]
    after = relational.growth[int(ia.value) + 1][1]
    assert before[a] > before[b] and after[a] < after[b]


def test_a_cache_layer_option_is_compared_with_and_without_it(book):
    result = compare(workload_from_json(FAST_READS), book, Params(regions=("us-east-1",)))
    rds = [o for o in result.options if o.service == "rds"]
    assert sorted(o.with_cache for o in rds) == [False, True]
    with_cache = next(o for o in rds if o.with_cache)
    without = next(o for o in rds if not o.with_cache)
    assert with_cache.monthly == without.monthly + with_cache.cache_monthly
    assert with_cache.engine_choice and not without.engine_choice
    assert without.notes[0].startswith("Without the ElastiCache layer the engine puts in front")


def test_the_engine_runs_once_per_region_and_traffic_level_never_per_month(book, relational):
    # 1 baseline + 2 other Regions + 3 multipliers other than 1; the 24 months add none.
    assert relational.engine_runs == 1 + 2 + 3
    options = len(relational.options)
    assert relational.evaluations == options * (1 + 3 + 4) + _growth_points(relational)


def _growth_points(result) -> int:
    distinct = {(o.service, o.label.removesuffix(" + ElastiCache cache")) for o in result.options}
    return len(distinct) * (result.params.months + 1)


def test_progress_is_reported_step_by_step_up_to_the_total(book):
    seen: list[tuple[int, int]] = []
    compare(workload_from_json(KEY_VALUE), book, PARAMS, progress=lambda d, t: seen.append((d, t)))
    totals = {t for _, t in seen}
    assert len(totals) == 1
    assert [d for d, _ in seen] == list(range(1, totals.pop() + 1))


def test_the_same_inputs_give_the_same_comparison(book):
    w = workload_from_json(KEY_VALUE)
    assert comparison_to_json(compare(w, book, PARAMS)) == comparison_to_json(
        compare(w, book, PARAMS)
    )


def test_the_json_has_api_md_shape_with_money_as_strings(book, relational):
    doc = comparison_to_json(relational)
    assert {"options", "regions", "growth", "sensitivity", "break_even"} <= set(doc)
    for option in doc["options"]:
        assert {"service", "label", "config", "monthly_usd", "fit_score"} <= set(option)
        assert isinstance(option["monthly_usd"], str) and "." in option["monthly_usd"]
    labels = [o["label"] for o in doc["options"]]
    assert [g["month"] for g in doc["growth"]] == list(range(25))
    assert all(list(g["costs"]) == labels for g in doc["growth"])
    assert [s["multiplier"] for s in doc["sensitivity"]] == [0.5, 1, 2, 5]
    assert {r["region"] for r in doc["regions"]} == set(PARAMS.regions)
    assert all({"region", "label", "monthly_usd"} <= set(r) for r in doc["regions"])
    for b in doc["break_even"]:
        assert b["variable"] in ("traffic_multiplier", "month", "utilization", "io_share")
        assert isinstance(b["value"], int | float) and b["message"]


def test_nothing_feasible_gives_an_empty_comparison_that_says_so(book):
    # Writes beyond any single writer, with the services that scale writes ruled out.
    w = workload_from_json({**RELATIONAL, "writes_per_sec": 200_000,
                            "exclude_services": ["dynamodb", "elasticache"]})  # fmt: skip
    result = compare(w, book, Params(regions=("us-east-1",), months=3))
    assert result.options == () and result.break_even == ()
    assert "nothing to compare" in result.notes[0]


def test_moving_the_primary_keeps_the_number_of_regions():
    w = workload_from_json({**RELATIONAL, "regions": ["us-east-1", "us-west-2"],
                            "multi_region": "dr"})  # fmt: skip
    assert in_region(w, "eu-west-1").regions == ("eu-west-1", "us-west-2")
    assert in_region(w, "us-west-2").regions == ("us-west-2", "us-east-1")


def test_scaling_traffic_scales_every_rate_and_leaves_the_data():
    w = workload_from_json({**RELATIONAL, "avg_reads_per_sec": 1000, "iops_required": 3001})
    big = scaled(w, D(2))
    assert (big.reads_per_sec, big.writes_per_sec, big.avg_reads_per_sec) == (4000, 1000, 2000)
    assert big.avg_writes_per_sec is None and big.iops_required == 6002
    assert big.storage_gb == w.storage_gb


def test_params_default_to_the_design_region_and_two_others(book):
    params = params_from_json({}, known_regions=book.regions, primary="eu-central-1")
    assert params.regions == ("eu-central-1", "us-east-1", "us-west-2")
    assert params.months == 36 and params.traffic_multipliers == (D("0.5"), 1, 2, 5, 10)


def test_bad_params_name_every_field_at_fault(book):
    with pytest.raises(ParamsInvalid) as caught:
        params_from_json(
            {"regions": ["us-east-1", "mars-1", "us-east-1"], "months": 1.5,
             "traffic_multipliers": [0, 2, "x"]},
            known_regions=book.regions,
            primary="us-east-1",
        )  # fmt: skip
    fields = caught.value.fields
    assert set(fields) == {"regions", "months", "traffic_multipliers"}
    assert any("mars-1" in m for m in fields["regions"])
    assert any("twice" in m for m in fields["regions"])


@pytest.mark.parametrize("months", [0, 121, "36", True, None, "1e999999999"])
def test_months_out_of_range_or_not_whole_numbers_are_refused(book, months):
    data = {"months": months}
    if months == "36":
        assert params_from_json(data, known_regions=book.regions, primary="us-east-1").months == 36
        return
    with pytest.raises(ParamsInvalid):
        params_from_json(data, known_regions=book.regions, primary="us-east-1")
