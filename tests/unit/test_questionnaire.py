"""The questionnaire: one definition that validates workloads and describes the questions."""

from __future__ import annotations

from dataclasses import fields
from decimal import Decimal

import pytest

from advisor.questionnaire import (
    QUESTIONS,
    MigrationSource,
    Workload,
    WorkloadInvalid,
    questions_json,
    workload_from_json,
    workload_to_json,
)

MINIMAL = {"data_model": "relational", "reads_per_sec": 100, "writes_per_sec": 10, "storage_gb": 50}


def errors_of(payload, **kwargs) -> dict[str, list[str]]:
    with pytest.raises(WorkloadInvalid) as info:
        workload_from_json(payload, **kwargs)
    return info.value.fields


def test_minimal_workload_gets_api_defaults():
    w = workload_from_json(MINIMAL)
    assert w.regions == ("us-east-1",)
    assert w.environment == "production"
    assert w.item_size_kb == Decimal(1)
    assert w.latency_p99_ms == Decimal(20)
    assert w.availability_target == Decimal("99.9")
    assert (w.rpo_seconds, w.rto_seconds) == (3600, 3600)
    assert w.consistency == "strong" and w.traffic_pattern == "steady"
    assert w.multi_region == "none" and w.migration_source is None
    assert w.exclude_services == () and w.license_model == "license_included"


def test_to_json_fills_every_default_and_round_trips():
    data = workload_to_json(workload_from_json(MINIMAL))
    assert set(data) == {f.name for f in fields(Workload)}
    assert data["regions"] == ["us-east-1"] and data["availability_target"] == 99.9
    assert data["rpo_seconds"] == 3600 and data["working_set_gb"] is None
    assert workload_from_json(data) == workload_from_json(MINIMAL)


def test_migration_source_defaults_and_round_trip():
    w = workload_from_json({**MINIMAL, "migration_source": {"engine": "oracle"}})
    assert w.migration_source == MigrationSource(engine="oracle", location="on_premises")
    again = workload_from_json(workload_to_json(w))
    assert again.migration_source == w.migration_source


@pytest.mark.parametrize(
    ("change", "field", "fragment"),
    [
        ({"reads_per_sec": -1}, "reads_per_sec", "at least 0"),
        ({"writes_per_sec": True}, "writes_per_sec", "must be a number"),
        ({"storage_gb": "50"}, "storage_gb", "must be a number"),
        ({"item_size_kb": 0}, "item_size_kb", "more than 0"),
        ({"item_size_kb": 10241}, "item_size_kb", "at most 10,240"),
        ({"latency_p99_ms": 0}, "latency_p99_ms", "more than 0"),
        ({"iops_required": 2.5}, "iops_required", "whole number"),
        ({"backup_retention_days": 36}, "backup_retention_days", "at most 35"),
        ({"data_ttl_days": 0}, "data_ttl_days", "at least 1"),
        ({"monthly_budget_usd": 0}, "monthly_budget_usd", "more than 0"),
        ({"availability_target": 99.8}, "availability_target", "must be one of"),
        ({"data_model": "graph"}, "data_model", "must be one of"),
        ({"name": "x" * 121}, "name", "at most 120"),
        ({"needs_joins": "yes"}, "needs_joins", "true or false"),
        ({"regions": []}, "regions", "1 to 5"),
        ({"regions": ["us-east-1"] * 2}, "regions", "more than once"),
        ({"regions": ["mars-north-1"]}, "regions", "mars-north-1"),
        ({"exclude_services": ["redshift"]}, "exclude_services", "redshift"),
        ({"consistency": None}, "consistency", "may not be empty"),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_bad_answer_is_reported_on_its_field(change, field, fragment):
    errors = errors_of({**MINIMAL, **change})
    assert field in errors
    assert any(fragment in m for m in errors[field]), errors[field]


def test_unknown_fields_are_rejected_by_name():
    errors = errors_of({**MINIMAL, "read_per_sec": 5, "colour": "blue"})
    assert errors == {"read_per_sec": ["unknown field"], "colour": ["unknown field"]}


def test_required_fields_are_named():
    errors = errors_of({})
    for name in ("data_model", "reads_per_sec", "writes_per_sec", "storage_gb"):
        assert errors[name] == ["is required"]


def test_every_bad_field_is_reported_at_once():
    errors = errors_of({**MINIMAL, "reads_per_sec": -1, "storage_gb": None, "zzz": 1})
    assert set(errors) == {"reads_per_sec", "storage_gb", "zzz"}


def test_average_reads_cannot_exceed_peak_reads():
    errors = errors_of({**MINIMAL, "avg_reads_per_sec": 150})
    assert errors == {"avg_reads_per_sec": ["average reads cannot exceed peak reads (100/s)"]}


def test_average_writes_cannot_exceed_peak_writes():
    errors = errors_of({**MINIMAL, "avg_writes_per_sec": 11})
    assert "average writes cannot exceed peak writes" in errors["avg_writes_per_sec"][0]


def test_working_set_cannot_exceed_data_stored():
    assert "working_set_gb" in errors_of({**MINIMAL, "working_set_gb": 51})


def test_edition_must_match_the_engine():
    assert "engine_edition" in errors_of({**MINIMAL, "engine_edition": "se2"})
    errors = errors_of({**MINIMAL, "engine_preference": "oracle", "engine_edition": "web"})
    assert errors["engine_edition"] == ["oracle editions are se2, ee"]
    ok = workload_from_json({**MINIMAL, "engine_preference": "sqlserver", "engine_edition": "web"})
    assert ok.engine_edition == "web"


def test_multi_region_needs_a_second_region_and_single_region_needs_one():
    assert "second region" in errors_of({**MINIMAL, "multi_region": "dr"})["regions"][0]
    assert "regions" in errors_of({**MINIMAL, "multi_region": "active_active"})
    assert "regions" in errors_of({**MINIMAL, "regions": ["us-east-1", "us-west-2"]})
    w = workload_from_json({**MINIMAL, "regions": ["us-east-1", "us-west-2"], "multi_region": "dr"})
    assert w.primary_region == "us-east-1"


def test_ruling_out_every_service_is_refused():
    errors = errors_of(
        {**MINIMAL, "exclude_services": ["rds", "aurora", "dynamodb", "elasticache"]}
    )
    assert "exclude_services" in errors


def test_migration_source_errors_carry_dotted_names():
    errors = errors_of({**MINIMAL, "migration_source": {"engine": "db2", "size": 4}})
    assert set(errors) == {"migration_source.engine", "migration_source.size"}
    assert "migration_source.engine" in errors_of({**MINIMAL, "migration_source": {}})
    assert "migration_source" in errors_of({**MINIMAL, "migration_source": "oracle"})


def test_regions_are_checked_against_the_list_passed_in():
    payload = {**MINIMAL, "regions": ["eu-west-1"]}
    assert workload_from_json(payload).regions == ("eu-west-1",)
    assert "regions" in errors_of(payload, regions=["us-east-1"])


@pytest.mark.parametrize("payload", [None, [], "workload", 3])
def test_a_body_that_is_not_an_object_is_refused(payload):
    assert "workload" in errors_of(payload)


def test_nan_and_infinity_are_not_numbers():
    assert "finite" in errors_of({**MINIMAL, "storage_gb": float("nan")})["storage_gb"][0]
    assert "storage_gb" in errors_of({**MINIMAL, "storage_gb": float("inf")})


def test_questions_cover_every_workload_field_with_a_section():
    data = questions_json()
    assert [q["id"] for q in data] == [q.id for q in QUESTIONS]
    assert {q["id"] for q in data} == {f.name for f in fields(Workload)}
    sections = {"data", "traffic", "latency", "availability", "regions", "migration", "budget"}
    assert {q["section"] for q in data} == sections
    assert all(q["label"] and q["help"] for q in data)


def test_questions_carry_defaults_bounds_units_and_choices():
    by_id = {q["id"]: q for q in questions_json()}
    assert by_id["data_model"]["required"] and by_id["data_model"]["default"] is None
    assert {c["value"] for c in by_id["data_model"]["choices"]} == {
        "relational", "key_value", "document", "in_memory",
    }  # fmt: skip
    assert by_id["item_size_kb"]["maximum"] == 10240 and by_id["item_size_kb"]["unit"] == "KB"
    assert by_id["availability_target"]["default"] == 99.9
    assert by_id["rpo_seconds"]["nullable"] and by_id["rpo_seconds"]["default"] == 3600
    assert by_id["working_set_gb"]["advanced"] and not by_id["storage_gb"]["advanced"]
    assert {f["id"] for f in by_id["migration_source"]["fields"]} == {
        "engine", "location", "size_gb", "max_downtime_minutes",
    }  # fmt: skip


def test_region_choices_come_from_the_list_passed_in():
    regions = {q["id"]: q for q in questions_json({"eu-west-1": "EU (Ireland)"})}["regions"]
    assert regions["choices"] == [{"value": "eu-west-1", "label": "EU (Ireland) (eu-west-1)"}]
    assert (regions["min_items"], regions["max_items"]) == (1, 5)


def test_an_unknown_region_is_named_as_sent_after_what_is_wrong():
    with pytest.raises(WorkloadInvalid) as caught:
        workload_from_json({**MINIMAL, "regions": ["us-east-1", "xx-nowhere-1"]},
                           regions=("us-east-1", "eu-west-1"))  # fmt: skip
    assert caught.value.fields["regions"] == [
        "unknown region xx-nowhere-1: the price catalog covers eu-west-1, us-east-1"
    ]
