"""Form data <-> the API's workload JSON: the page and the API must mean the same answers.

No database: the conversion is pure, and workload_from_json checks regions against the
shipped catalog's list.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.http import QueryDict
from hypothesis import given, settings
from hypothesis import strategies as st

from advisor.forms import (
    default_form_data,
    form_data_from_payload,
    form_data_from_workload,
    form_field_for_error,
    link_data,
    payload_from_form_data,
    query_dict,
)
from advisor.questionnaire import (
    AVAILABILITY_TARGETS,
    EDITIONS,
    QUESTION_BY_ID,
    Workload,
    WorkloadInvalid,
    shipped_regions,
    workload_from_json,
    workload_to_json,
)

BASE = {"data_model": "relational", "reads_per_sec": 100, "writes_per_sec": 10, "storage_gb": 50}


def through_form(payload: dict) -> dict:
    """payload -> form data -> a QueryDict as the browser would send it -> payload."""
    return payload_from_form_data(query_dict(form_data_from_payload(payload)))


def qd(text: str) -> QueryDict:
    return QueryDict(text)


WORKLOADS = {
    "minimal": BASE,
    "every_default_spelled_out": workload_to_json(workload_from_json(BASE)),
    "oracle_migration_with_nulls": {
        **BASE,
        "engine_preference": "oracle",
        "engine_edition": "ee",
        "license_model": "bring_your_own",
        "rpo_seconds": None,
        "rto_seconds": 60,
        "migration_source": {
            "engine": "oracle",
            "location": "other_cloud",
            "size_gb": None,
            "max_downtime_minutes": 30,
        },
    },
    "multi_region_active_active": {
        **BASE,
        "data_model": "key_value",
        "regions": ["eu-west-1", "us-east-1", "ap-northeast-2"],
        "multi_region": "active_active",
        "exclude_services": ["rds", "elasticache"],
        "availability_target": Decimal("99.999"),
        "needs_change_stream": True,
        "item_size_kb": Decimal("0.5"),
        "avg_reads_per_sec": Decimal("12.5"),
    },
    "availability_99_0_and_budget": {
        **BASE,
        "availability_target": Decimal("99.0"),
        "monthly_budget_usd": Decimal("1234.56"),
        "name": "billing  ",
    },
}


@pytest.mark.parametrize("payload", WORKLOADS.values(), ids=WORKLOADS.keys())
def test_a_workload_survives_the_round_trip_through_form_data(payload):
    assert workload_from_json(through_form(payload)) == workload_from_json(payload)


def test_a_full_workload_json_comes_back_as_the_same_json():
    full = workload_to_json(workload_from_json(WORKLOADS["oracle_migration_with_nulls"]))
    again = workload_to_json(workload_from_json(through_form(full)))
    assert again == full


def test_empty_means_null_for_nullable_numbers_and_default_for_the_others():
    payload = payload_from_form_data(
        qd("rpo_seconds=&avg_reads_per_sec=&item_size_kb=&latency_p99_ms=%20")
    )
    assert payload["rpo_seconds"] is None
    assert payload["avg_reads_per_sec"] is None
    assert "item_size_kb" not in payload  # the question's default (1 KB) applies
    assert "latency_p99_ms" not in payload
    workload = workload_from_json({**BASE, **payload})
    assert workload.rpo_seconds is None
    assert workload.item_size_kb == Decimal(1)


def test_an_empty_required_answer_is_reported_as_required():
    payload = payload_from_form_data(qd("data_model=&reads_per_sec=&writes_per_sec=5"))
    with pytest.raises(WorkloadInvalid) as exc:
        workload_from_json(payload)
    assert exc.value.fields["data_model"] == ["is required"]
    assert exc.value.fields["reads_per_sec"] == ["is required"]
    assert "writes_per_sec" not in exc.value.fields


def test_text_that_is_not_a_number_gets_the_apis_message():
    payload = payload_from_form_data(qd("reads_per_sec=lots&storage_gb=1e3"))
    assert payload["reads_per_sec"] == "lots"
    assert payload["storage_gb"] == Decimal(1000)
    with pytest.raises(WorkloadInvalid) as exc:
        workload_from_json({**BASE, **payload})
    assert exc.value.fields == {"reads_per_sec": ["must be a number"]}


def test_out_of_bounds_numbers_keep_their_value_so_the_bound_is_named():
    payload = payload_from_form_data(qd("writes_per_sec=-3&backup_retention_days=36"))
    with pytest.raises(WorkloadInvalid) as exc:
        workload_from_json({**BASE, **payload})
    assert exc.value.fields["writes_per_sec"] == ["must be at least 0"]
    assert exc.value.fields["backup_retention_days"] == ["must be at most 35"]


def test_infinity_and_nan_are_not_numbers():
    payload = payload_from_form_data(qd("reads_per_sec=Infinity&writes_per_sec=NaN"))
    with pytest.raises(WorkloadInvalid) as exc:
        workload_from_json({**BASE, **payload})
    assert set(exc.value.fields) == {"reads_per_sec", "writes_per_sec"}


def test_the_primary_region_comes_first_even_when_also_ticked_among_the_others():
    # The form sends the primary's <select> first, then the ticked checkboxes in page order.
    data = qd("regions=eu-west-1&regions=ap-northeast-2&regions=eu-west-1&regions=us-east-1")
    assert payload_from_form_data(data)["regions"] == ["eu-west-1", "ap-northeast-2", "us-east-1"]


def test_regions_left_out_of_a_link_take_the_default():
    assert "regions" not in payload_from_form_data(qd("reads_per_sec=1"))
    assert workload_from_json(payload_from_form_data(qd("")) | BASE).regions == ("us-east-1",)


def test_unticked_checkboxes_mean_false_and_an_empty_list():
    payload = payload_from_form_data(qd("reads_per_sec=1"))
    assert payload["needs_joins"] is False
    assert payload["exclude_services"] == []


def test_a_checkbox_value_that_is_not_yes_or_no_is_reported():
    payload = payload_from_form_data(qd("needs_joins=maybe"))
    with pytest.raises(WorkloadInvalid) as exc:
        workload_from_json({**BASE, **payload})
    assert exc.value.fields == {"needs_joins": ["must be true or false"]}


def test_availability_choices_become_decimals_that_the_api_accepts():
    for target in AVAILABILITY_TARGETS:
        text = form_data_from_payload({"availability_target": target})["availability_target"]
        payload = payload_from_form_data(qd(f"availability_target={text}"))
        assert workload_from_json({**BASE, **payload}).availability_target == target


def test_no_migration_engine_means_no_migration():
    payload = payload_from_form_data(qd("migration_engine=&migration_location=aws"))
    assert payload["migration_source"] is None


def test_migration_sub_answers_become_the_migration_object():
    data = qd(
        "migration_engine=mongodb&migration_location=aws&migration_size_gb="
        "&migration_max_downtime_minutes=45"
    )
    assert payload_from_form_data(data)["migration_source"] == {
        "engine": "mongodb",
        "location": "aws",
        "size_gb": None,
        "max_downtime_minutes": Decimal(45),
    }


def test_migration_errors_are_shown_beside_the_migration_fields():
    payload = payload_from_form_data(qd("migration_engine=db2&migration_location=aws"))
    with pytest.raises(WorkloadInvalid) as exc:
        workload_from_json({**BASE, **payload})
    (key,) = exc.value.fields
    assert key == "migration_source.engine"
    assert form_field_for_error(key) == "migration_engine"
    assert form_field_for_error("migration_source") == "migration_engine"
    assert form_field_for_error("reads_per_sec") == "reads_per_sec"


def test_keys_that_are_not_answers_are_ignored():
    data = qd("csrfmiddlewaretoken=abc&team=3&design=4&base_version=2&answered=1&reads_per_sec=9")
    payload = payload_from_form_data(data)
    assert payload["reads_per_sec"] == Decimal(9)
    assert not {"csrfmiddlewaretoken", "team", "design", "base_version", "answered"} & set(payload)


def test_the_defaults_as_form_data_are_the_questions_defaults():
    defaults = default_form_data()
    assert defaults["latency_p99_ms"] == "20"
    assert defaults["availability_target"] == "99.9"
    assert defaults["rpo_seconds"] == "3600"
    assert defaults["regions"] == ["us-east-1"]
    assert defaults["migration_engine"] == ""
    for q in QUESTION_BY_ID.values():
        if q.required:
            assert q.id not in defaults


def test_a_link_carries_only_the_answers_that_differ_from_the_defaults():
    full = workload_to_json(workload_from_json({**BASE, "latency_p99_ms": 5}))
    data = link_data(full)
    assert data == {
        "data_model": "relational",
        "reads_per_sec": "100",
        "writes_per_sec": "10",
        "storage_gb": "50",
        "latency_p99_ms": "5",
    }
    assert workload_from_json(payload_from_form_data(query_dict(data))) == workload_from_json(full)


def test_a_link_that_clears_a_nullable_default_keeps_it_cleared():
    full = workload_to_json(workload_from_json({**BASE, "rpo_seconds": None}))
    data = link_data(full)
    assert data["rpo_seconds"] == ""
    assert workload_from_json(payload_from_form_data(query_dict(data))).rpo_seconds is None


def test_form_data_as_pairs_repeats_list_answers():
    pairs = form_data_from_workload({"regions": ["eu-west-1", "us-east-1"], "reads_per_sec": 3})
    assert pairs == [("reads_per_sec", "3"), ("regions", "eu-west-1"), ("regions", "us-east-1")]


# --- property: any valid workload survives the form ---------------------------------------------

REGION_CODES = sorted(shipped_regions())
ENGINES = [v for v, _label in QUESTION_BY_ID["engine_preference"].choices]


def _choice(question_id: str):
    return st.sampled_from([v for v, _label in QUESTION_BY_ID[question_id].choices])


numbers = st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False)


@st.composite
def workloads(draw) -> dict:
    payload = {
        "data_model": draw(_choice("data_model")),
        "reads_per_sec": draw(numbers),
        "writes_per_sec": draw(numbers),
        "storage_gb": draw(numbers),
    }
    multi = draw(_choice("multi_region"))
    count = 1 if multi == "none" else draw(st.integers(2, 5))
    payload["multi_region"] = multi
    payload["regions"] = draw(
        st.lists(st.sampled_from(REGION_CODES), min_size=count, max_size=count, unique=True)
    )
    engine = draw(st.none() | st.sampled_from(ENGINES))
    payload["engine_preference"] = engine
    if engine in EDITIONS:
        payload["engine_edition"] = draw(st.none() | st.sampled_from(EDITIONS[engine]))
    for qid in ("environment", "consistency", "traffic_pattern", "availability_target"):
        if draw(st.booleans()):
            payload[qid] = draw(_choice(qid))
    for qid in ("needs_joins", "needs_transactions", "needs_change_stream"):
        payload[qid] = draw(st.booleans())
    payload["exclude_services"] = draw(
        st.lists(st.sampled_from(["rds", "aurora", "dynamodb"]), unique=True, max_size=3)
    )
    payload["avg_reads_per_sec"] = draw(st.none() | st.just(payload["reads_per_sec"] / 2))
    payload["rpo_seconds"] = draw(st.none() | st.integers(0, 86400))
    payload["data_ttl_days"] = draw(st.none() | st.integers(1, 3650))
    payload["item_size_kb"] = draw(st.decimals(min_value="0.01", max_value=10240, places=2))
    payload["monthly_budget_usd"] = draw(
        st.none() | st.decimals(min_value=1, max_value=10**6, places=2)
    )
    payload["name"] = draw(st.text(alphabet="abc xyz-_", max_size=20).map(str.strip))
    if draw(st.booleans()):
        payload["migration_source"] = {
            "engine": draw(st.sampled_from([*ENGINES, "mongodb", "cassandra", "redis"])),
            "location": draw(st.sampled_from(["on_premises", "aws", "other_cloud"])),
            "size_gb": draw(st.none() | numbers),
            "max_downtime_minutes": draw(st.none() | st.integers(0, 10000)),
        }
    return payload


@settings(max_examples=150, deadline=None)
@given(workloads())
def test_any_valid_workload_survives_the_round_trip_through_form_data(payload):
    expected: Workload = workload_from_json(payload)
    assert workload_from_json(through_form(payload)) == expected
    # and so does its fully spelled-out JSON, and the short link made from it
    full = workload_to_json(expected)
    assert workload_from_json(through_form(full)) == expected
    assert workload_from_json(payload_from_form_data(query_dict(link_data(full)))) == expected


def test_open_source_engines_show_no_licence_line():
    from advisor.templatetags.advisor_format import config_items

    labels = [
        label for label, _ in config_items({"engine": "mysql", "license_model": "license_included"})
    ]
    assert "Licence" not in labels
    oracle = dict(config_items({"engine": "oracle", "license_model": "bring_your_own"}))
    assert oracle["Licence"] == "Bring your own licence"


def test_a_serverless_cache_shows_no_shards_or_replicas_it_does_not_have():
    from advisor.templatetags.advisor_format import config_items

    labels = dict(config_items({"engine": "valkey", "deployment": "serverless", "node_type": None,
                                "shards": 1, "replicas_per_shard": 0, "cluster_mode": False,
                                "automatic_failover": True}))  # fmt: skip
    assert "Shards" not in labels and "Replicas per shard" not in labels
    assert labels["Deployment"] == "Serverless"
