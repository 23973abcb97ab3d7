"""DMS: full load or full load + CDC from the downtime allowed, schema conversion exactly
when the engine family changes, instance from size and change rate."""

from __future__ import annotations

from decimal import Decimal

import pytest

from .helpers import Between, Has, Prefix, answer, check

CASES = [
    pytest.param(
        {"engine_preference": "mysql", "migration_source": {"engine": "mysql"}},
        {"migration.service": "dms", "migration.config.homogeneous": True,
         "migration.config.schema_conversion": "none", "migration.config.source_engine": "mysql"},
        id="mysql-to-mysql-is-homogeneous-without-schema-conversion",
    ),
    pytest.param(
        {"engine_preference": "oracle", "migration_source": {"engine": "oracle"}},
        {"primary.service": "rds", "migration.config.target_engine": "oracle",
         "migration.config.schema_conversion": "none"},
        id="oracle-kept-on-rds-needs-no-conversion",
    ),
    pytest.param(
        {"engine_preference": "postgresql", "migration_source": {"engine": "oracle"}},
        {"migration.config.homogeneous": False,
         "migration.config.schema_conversion": "dms_schema_conversion",
         "migration.rationale": Has("dms.schema_conversion")},
        id="oracle-to-postgresql-converts-the-schema-with-dms-schema-conversion",
    ),
    pytest.param(
        {"engine_preference": "mysql", "migration_source": {"engine": "mariadb"}},
        {"migration.config.schema_conversion": "none", "migration.config.homogeneous": True},
        id="mariadb-to-mysql-stays-in-the-mysql-family",
    ),
    pytest.param(
        {"data_model": "key_value", "consistency": "eventual",
         "migration_source": {"engine": "mongodb"}},
        {"primary.service": "dynamodb", "migration.config.target_engine": "dynamodb",
         "migration.config.schema_conversion": "none", "migration.config.homogeneous": False,
         "migration.rationale": Has("dms.remodel")},
        id="mongodb-to-dynamodb-maps-collections-with-dms-rules-no-sct-converts-it",
    ),
    pytest.param(
        {"data_model": "document", "consistency": "eventual", "writes_per_sec": 800,
         "item_size_kb": 4, "storage_gb": 800,
         "migration_source": {"engine": "mongodb", "size_gb": 800}},
        {"primary.service": "dynamodb",
         "migration.rationale": Has("dms.target_capacity", "dms.documentdb")},
        id="mongodb-to-dynamodb-names-the-load-write-capacity-and-documentdb",
    ),
    pytest.param(
        {"data_model": "key_value", "consistency": "eventual",
         "migration_source": {"engine": "postgresql"}},
        {"primary.service": "dynamodb", "migration.rationale": Has("dms.target_capacity")},
        id="any-load-into-dynamodb-names-its-write-capacity",
    ),
    pytest.param(
        {"engine_preference": "oracle", "migration_source": {"engine": "mongodb"}},
        {"migration.config.source_engine": "mongodb", "migration.config.schema_conversion": "none",
         "migration.rationale": Has("dms.remodel"), "migration.fit_score": Between(0, 80)},
        id="mongodb-to-oracle-remodels-documents-into-tables-and-loses-fit",
    ),
    pytest.param(
        {"engine_preference": "sqlserver", "migration_source": {"engine": "cassandra"}},
        {"migration.label": Prefix("DMS full load from an Amazon S3 export"),
         "migration.config.migration_type": "full_load",
         "migration.rationale": Has("dms.not_a_source", "dms.remodel"),
         "migration.fit_score": Between(0, 80)},
        id="cassandra-is-not-a-dms-source-so-sql-server-loads-an-s3-export",
    ),
    pytest.param(
        {"data_model": "key_value", "migration_source": {"engine": "cassandra"}},
        {"primary.service": "dynamodb", "migration": None,
         "findings": Has("dms.cassandra_agent")},
        id="cassandra-to-dynamodb-goes-through-the-sct-extraction-agent-not-dms",
    ),
    pytest.param(
        {"data_model": "key_value", "exclude_services": ["rds", "aurora"],
         "migration_source": {"engine": "postgresql"}},
        {"primary.service": "dynamodb", "migration.config.schema_conversion": "none",
         "migration.rationale": Has("dms.remodel")},
        id="relational-to-dynamodb-has-no-schema-conversion-tool",
    ),
    pytest.param(
        {"migration_source": {"engine": "postgresql", "max_downtime_minutes": 5},
         "storage_gb": 2000},
        {"migration.config.migration_type": "full_load_and_cdc",
         "migration.rationale": Has("dms.migration_type")},
        id="5-minutes-of-downtime-needs-full-load-plus-cdc",
    ),
    pytest.param(
        {"migration_source": {"engine": "postgresql", "max_downtime_minutes": 6000},
         "storage_gb": 50},
        {"migration.config.migration_type": "full_load"},
        id="a-long-window-for-a-small-database-is-a-plain-full-load",
    ),
    pytest.param(
        {"migration_source": {"engine": "postgresql"}},
        {"migration.config.migration_type": "full_load_and_cdc", "migration.config.multi_az": True},
        id="no-stated-downtime-in-production-replicates-changes-multi-az",
    ),
    pytest.param(
        {"environment": "development", "migration_source": {"engine": "postgresql"},
         "storage_gb": 20},
        {"migration.config.multi_az": False,
         "migration.config.replication_instance_class": Prefix("dms.t3")},
        id="small-development-migration-uses-a-single-az-t3-instance",
    ),
    pytest.param(
        {"migration_source": {"engine": "postgresql", "size_gb": 5000}},
        {"migration.config.replication_instance_class": Prefix("dms.")},
        id="size-given-for-the-source-sizes-the-instance",
    ),
    pytest.param(
        {"item_size_kb": 100, "migration_source": {"engine": "postgresql"}},
        {"migration.rationale": Has("dms.lob"),
         "migration.config.replication_instance_class": Prefix("dms.r")},
        id="large-objects-need-a-memory-optimised-instance-and-lob-settings",
    ),
    pytest.param(
        {"data_model": "in_memory", "rpo_seconds": None, "consistency": "eventual",
         "migration_source": {"engine": "redis"}},
        {"migration": None, "findings": Has("dms.not_a_source")},
        id="redis-is-not-a-dms-source",
    ),
    pytest.param(
        {},
        {"migration": None},
        id="no-source-no-migration-plan",
    ),
    pytest.param(
        {"storage_gb": 40000, "writes_per_sec": 800, "needs_joins": True,
         "migration_source": {"engine": "oracle", "max_downtime_minutes": 30}},
        {"migration.config.migration_type": "full_load_and_cdc",
         "migration.config.allocated_storage_gb": Between(250, 6144),
         "migration.rationale": Has("dms.instance")},
        id="changes-cached-during-a-100-hour-load-get-replication-storage-beyond-the-100-gb-default",
    ),
    pytest.param(
        {"storage_gb": 200, "migration_source": {"engine": "postgresql",
                                                  "max_downtime_minutes": 600}},
        {"migration.config.migration_type": "full_load",
         "migration.config.allocated_storage_gb": 100},
        id="a-full-load-alone-caches-no-changes-and-keeps-the-default-storage",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("answers", "expected"), CASES)
def test_dms(book, answers, expected):
    check(answer(book, **answers), expected)


def test_migration_cost_is_not_in_the_monthly_total(book):
    data = answer(book, migration_source={"engine": "postgresql"})
    from decimal import Decimal

    total = Decimal(data["primary"]["monthly_usd"]) + (
        Decimal(data["cache"]["monthly_usd"]) if data["cache"] else 0
    )
    assert Decimal(data["total_monthly_usd"]) == total
    assert Decimal(data["migration"]["monthly_usd"]) > 0


def test_the_load_into_dynamodb_is_priced_from_its_write_units(book):
    data = answer(book, data_model="document", consistency="eventual", reads_per_sec=3000,
                  writes_per_sec=800, item_size_kb=4, storage_gb=800,
                  migration_source={"engine": "mongodb", "size_gb": 800,
                                    "max_downtime_minutes": 30})  # fmt: skip
    note = next(f["message"] for f in data["migration"]["rationale"]
                if f["rule"] == "dms.target_capacity")  # fmt: skip
    # 800 GB of 4 KB items: 209,715,200 items x 4 write units, in ~8 h, at $0.625 per million.
    assert "838,860,800 write units" in note and "3,200 WCU provisioned" in note
    assert "$524.29" in note
    documentdb = [f for f in data["migration"]["rationale"] if f["rule"] == "dms.documentdb"]
    assert documentdb and documentdb[0]["severity"] == "info"


def test_a_load_of_items_smaller_than_a_byte_counts_each_item_as_one_byte(book):
    # API.md takes any item size above 0; 5e-324 KB made the item count overflow the price.
    data = answer(book, data_model="document", consistency="eventual", writes_per_sec=10,
                  item_size_kb=Decimal("5e-324"), storage_gb=1,
                  migration_source={"engine": "mongodb", "size_gb": 1})  # fmt: skip
    note = next(f["message"] for f in data["migration"]["rationale"]
                if f["rule"] == "dms.target_capacity")  # fmt: skip
    # 1 GB of one-byte items: 1,073,741,824 items, one write unit each.
    assert "1,073,741,824 write units" in note
