"""What changed between two saved versions: each answer apart, a migration added as a whole."""

from __future__ import annotations

from advisor.design_diff import Change, dict_changes

MIGRATION = {"engine": "mysql", "location": "aws", "size_gb": None, "max_downtime_minutes": 60}


def test_changed_answers_are_listed_with_both_values():
    before = {"reads_per_sec": 200, "environment": "production", "storage_gb": 50}
    after = {"reads_per_sec": 3000, "environment": "staging", "storage_gb": 50}
    assert dict_changes(before, after) == (
        Change("environment", "production", "staging"),
        Change("reads_per_sec", 200, 3000),
    )


def test_a_migration_added_is_one_change_holding_the_whole_source():
    assert dict_changes({"migration_source": None}, {"migration_source": MIGRATION}) == (
        Change("migration_source", None, MIGRATION),
    )


def test_a_migration_changed_in_one_part_is_that_part_alone():
    changed = {**MIGRATION, "max_downtime_minutes": 5}
    assert dict_changes({"migration_source": MIGRATION}, {"migration_source": changed}) == (
        Change("migration_source.max_downtime_minutes", 60, 5),
    )
