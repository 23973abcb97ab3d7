"""A stored workload answer as people read it: labels, choice labels, units, empty meanings."""

from __future__ import annotations

import pytest

from advisor.questionnaire import workload_from_json, workload_to_json
from advisor.workload_display import answer_label, answer_text, workload_answers

STORED = workload_to_json(
    workload_from_json(
        {
            "name": "Orders database",
            "data_model": "relational",
            "reads_per_sec": 1500,
            "writes_per_sec": 200,
            "storage_gb": 250,
            "storage_growth_gb_per_month": 10,
            "item_size_kb": 0.5,
            "availability_target": 99.95,
            "rpo_seconds": 300,
            "rto_seconds": 3600,
            "monthly_budget_usd": 2500,
        },
        regions={"us-east-1"},
    )
)


def shown(workload=STORED, **kwargs) -> dict[str, str]:
    return {a.label: a.value for a in workload_answers(workload, **kwargs)}


@pytest.mark.parametrize(
    ("label", "text"),
    [
        ("Data model", "Relational"),
        ("Licence", "Licence included"),
        ("Multi-Region", "One Region"),
        ("What readers must see", "Strong"),
        ("Environment", "Production"),
        ("Peak reads", "1,500 per second"),
        ("Data stored today", "250 GB"),
        ("Growth", "10 GB per month"),
        ("Average item or row size", "0.5 KB"),
        ("Availability target", "99.95%"),
        ("Acceptable data loss (RPO)", "300 seconds"),
        ("Acceptable outage (RTO)", "3,600 seconds"),
        ("Monthly budget", "2,500 USD per month"),
        ("Read latency (p99)", "20 ms"),
        ("Ad hoc queries and joins", "no"),
        ("Services ruled out", "none"),
        ("Regions", "US East (N. Virginia) (us-east-1)"),
        ("Name", "Orders database"),
    ],
)
def test_answers_read_as_the_questionnaire_says_them(label, text):
    assert shown()[label] == text


@pytest.mark.parametrize(
    ("label", "text"),
    [
        ("Edition", "let the advisor choose"),
        ("Engine the team must keep", "no preference"),
        ("Working set", "estimated by the advisor"),
        ("Storage I/O", "estimated by the advisor"),
        ("Average reads", "derived from the traffic pattern"),
        ("Data lifetime", "kept forever"),
        ("Backup retention", "let the advisor choose"),
        ("Database to migrate from", "a new application"),
    ],
)
def test_empty_answers_say_what_leaving_them_empty_means(label, text):
    assert shown()[label] == text


def test_empty_answers_are_marked_unstated_and_given_ones_not():
    unstated = {a.name for a in workload_answers(STORED) if a.unstated}
    assert "monthly_budget_usd" not in unstated
    assert {"engine_edition", "working_set_gb", "migration_source"} <= unstated
    no_budget = {**STORED, "monthly_budget_usd": None}
    assert shown(no_budget)["Monthly budget"] == "no budget"


def test_answers_follow_the_questionnaire_order_and_keep_unknown_fields_last():
    older = {"storage_gb": 1, "data_model": "document", "retired_field": 12000}
    names = [a.name for a in workload_answers(older)]
    assert names == ["data_model", "storage_gb", "retired_field"]
    assert shown(older)["Retired field"] == "12,000"


def test_a_migration_reads_as_its_parts():
    stored = {**STORED, "migration_source": {"engine": "mysql", "location": "aws",
                                             "size_gb": None, "max_downtime_minutes": 1440}}  # fmt: skip
    assert shown(stored)["Database to migrate from"] == (
        "Source engine: MySQL; Where it runs today: Already in AWS; "
        "Data to move: same as the data stored; Longest cut-over downtime: 1,440 minutes"
    )
    assert answer_label("migration_source.engine") == "Database to migrate from › Source engine"
    assert answer_text("migration_source.engine", "cassandra") == "Apache Cassandra"
    assert answer_text("migration_source.size_gb", None) == "same as the data stored"


def test_values_no_longer_offered_are_shown_as_stored():
    assert answer_text("data_model", "graph") == "graph"
    assert answer_text("availability_target", 99.8) == "99.8"


def test_numbers_keep_their_digits_without_float_noise():
    assert answer_text("storage_gb", 1234567.25) == "1,234,567.25 GB"
    assert answer_text("reads_per_sec", 0.1) == "0.1 per second"
    assert answer_text("writes_per_sec", 0) == "0 per second"


def test_labels_units_choices_and_meanings_go_through_the_callers_translation():
    def loud(text: str) -> str:
        return text.upper()

    seen = shown(translate=loud)
    assert seen["PEAK READS"] == "1,500 PER SECOND"
    assert seen["DATA MODEL"] == "RELATIONAL"
    assert seen["EDITION"] == "LET THE ADVISOR CHOOSE"
    assert seen["AD HOC QUERIES AND JOINS"] == "NO"
    assert seen["AVAILABILITY TARGET"] == "99.95%"
