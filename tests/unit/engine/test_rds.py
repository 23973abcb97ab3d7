"""RDS: deployment from availability/RPO/RTO, storage from I/O, backups, cross-Region DR,
engines and licences. Each case names the reason in its id."""

from __future__ import annotations

import pytest

from .helpers import Between, Has, Lacks, Prefix, answer, check

DR = {"multi_region": "dr", "regions": ["us-east-1", "us-west-2"]}
# Beyond the largest instance class the shipped catalog prices (4xlarge: 16 vCPU, 128 GiB).
BIG = {"needs_joins": True, "needs_transactions": True, "storage_gb": 2000,
       "reads_per_sec": 20000, "writes_per_sec": 3000}  # fmt: skip
CASES = [
    pytest.param(
        {},
        {"primary.service": "rds", "primary.config.engine": "postgresql",
         "primary.config.deployment": "multi_az_instance", "primary.config.storage_type": "gp3",
         "primary.config.backup_retention_days": 7, "primary.config.pitr": True,
         "primary.config.encrypted": True, "primary.rationale": Has("rds.pitr", "rds.deployment")},
        id="steady-production-relational-gets-multi-az-postgresql-with-7-day-pitr",
    ),
    pytest.param(
        {"environment": "development", "reads_per_sec": 20, "writes_per_sec": 2, "storage_gb": 5},
        {"option[rds].config.deployment": "single_az",
         "option[rds].config.instance_class": Prefix("db.t"),
         "option[rds].config.backup_retention_days": 1,
         "option[rds].rationale": Has("sizing.burstable", "environment.development")},
        id="development-trades-availability-for-cost-single-az-burstable",
    ),
    pytest.param(
        {"rto_seconds": 60},
        {"option[rds].config.deployment": "multi_az_cluster",
         "option[rds].config.storage_autoscaling_max_gb": None,
         "option[rds].rationale": Has("rds.multi_az_cluster", "rds.cluster_limits")},
        id="rto-under-120s-postgresql-gets-multi-az-db-cluster-without-autoscaling",
    ),
    pytest.param(
        {"rto_seconds": 60, "engine_preference": "mariadb"},
        {"primary.service": "rds", "primary.config.deployment": "multi_az_instance",
         "primary.rationale": Has("dr.rto_unmet"), "rejected[aurora]": Has("constraint.mariadb_not_aurora")},
        id="rto-60s-mariadb-has-no-cluster-so-the-rto-is-a-risk",
    ),
    pytest.param(
        {"engine_preference": "mariadb"},
        {"primary.service": "rds", "primary.config.engine": "mariadb",
         "rejected[aurora]": Has("constraint.mariadb_not_aurora"),
         "rejected[dynamodb]": Has("constraint.engine_kept")},
        id="mariadb-must-stay-rds-no-aurora-edition",
    ),
    pytest.param(
        {"engine_preference": "oracle"},
        {"primary.service": "rds", "primary.config.engine": "oracle",
         "primary.config.edition": "se2", "primary.config.license_model": "license_included",
         "rejected[aurora]": Has("constraint.engine_not_in_aurora")},
        id="oracle-defaults-to-se2-licence-included",
    ),
    pytest.param(
        {"engine_preference": "oracle", "engine_edition": "ee", "license_model": "bring_your_own"},
        {"primary.config.edition": "ee", "primary.config.license_model": "bring_your_own"},
        id="oracle-ee-priced-as-bring-your-own-licence",
    ),
    pytest.param(
        {"engine_preference": "oracle", "engine_edition": "ee"},
        {"primary": None, "rejected[rds]": Has("constraint.license_not_offered"),
         "findings": Has("recommendation.none_feasible")},
        id="oracle-ee-licence-included-is-not-offered-and-nothing-else-keeps-oracle",
    ),
    pytest.param(
        {"engine_preference": "sqlserver", "license_model": "bring_your_own"},
        {"primary": None, "rejected[rds]": Has("constraint.license_not_offered")},
        id="sqlserver-bring-your-own-licence-is-not-priced-on-rds",
    ),
    pytest.param(
        {"engine_preference": "sqlserver"},
        {"primary.config.engine": "sqlserver", "primary.config.edition": "se",
         "primary.config.license_model": "license_included"},
        id="sqlserver-defaults-to-standard-edition-licence-included",
    ),
    pytest.param(
        {"iops_required": 10000, "storage_gb": 50},
        {"option[rds].config.storage_type": "gp3", "option[rds].config.allocated_storage_gb": 400,
         "option[rds].config.provisioned_iops": None},
        id="10k-iops-on-small-data-grows-gp3-to-400gib-for-its-12k-baseline",
    ),
    pytest.param(
        {"engine_preference": "sqlserver", "iops_required": 15000, "storage_gb": 20},
        {"option[rds].config.storage_type": "gp3", "option[rds].config.provisioned_iops": 15000,
         "option[rds].config.allocated_storage_gb": Between(30, 40)},
        id="sqlserver-gp3-iops-need-a-gib-per-500-iops",
    ),
    pytest.param(
        {"iops_required": 30000, "storage_gb": 500},
        {"option[rds].config.storage_type": "gp3", "option[rds].config.provisioned_iops": 30000},
        id="30k-iops-provisions-gp3-iops-above-baseline",
    ),
    pytest.param(
        {"iops_required": 100000, "storage_gb": 500},
        {"option[rds].config.storage_type": "io2", "option[rds].config.provisioned_iops": 100000,
         "option[rds].config.allocated_storage_gb": Between(2000, 65536)},
        id="100k-iops-beyond-gp3-gets-io2",
    ),
    pytest.param(
        {"iops_required": 300000},
        {"rejected[rds]": Has("rds.storage")},
        id="300k-iops-beyond-one-rds-instance-is-rejected",
    ),
    pytest.param(
        {"storage_gb": 70000},
        {"rejected[rds]": Has("constraint.storage_beyond_max"), "primary.service": "aurora"},
        id="70tb-beyond-rds-64tib-goes-to-aurora",
    ),
    pytest.param(
        {"storage_gb": 100, "storage_growth_gb_per_month": 50},
        {"option[rds].config.storage_autoscaling_max_gb": Between(1900 / 0.9, 2200)},
        id="growth-sets-the-storage-autoscaling-ceiling-for-three-years",
    ),
    pytest.param(
        {"backup_retention_days": 0},
        {"option[rds].config.backup_retention_days": 0, "option[rds].config.pitr": False,
         "option[rds].rationale": Has("rds.pitr")},
        id="retention-0-disables-backups-and-pitr-as-a-risk",
    ),
    pytest.param(
        {"backup_retention_days": 30},
        {"option[rds].config.backup_retention_days": 30},
        id="compliance-retention-is-kept",
    ),
    pytest.param(
        {"consistency": "eventual", "reads_per_sec": 60000, "writes_per_sec": 100},
        {"option[rds].config.read_replicas": Between(1, 15)},
        id="eventual-read-heavy-load-spreads-over-read-replicas",
    ),
    pytest.param(
        {"consistency": "strong", "reads_per_sec": 20000, "writes_per_sec": 100},
        {"option[rds].config.read_replicas": 0,
         "option[rds].config.instance_class": Prefix("db.m6g.4xlarge")},
        id="strong-reads-stay-on-the-writer-no-replicas",
    ),
    pytest.param(
        {"consistency": "strong", "reads_per_sec": 60000, "writes_per_sec": 100},
        {"option[rds].config.deployment": "multi_az_cluster",
         "option[rds].config.read_replicas": 0},
        id="strong-reads-beyond-every-instance-class-take-a-larger-cluster-class-not-replicas",
    ),
    pytest.param(
        {"consistency": "strong", "reads_per_sec": 600000, "writes_per_sec": 100},
        {"rejected[rds]": Has("constraint.writes_beyond_one_writer")},
        id="strong-reads-beyond-the-largest-cluster-class-are-rejected-replicas-would-lag",
    ),
    pytest.param(
        {"needs_joins": True, "storage_gb": 1000},
        {"option[rds].config.read_replicas": 1,
         "option[rds].rationale": Has("sizing.read_replicas")},
        id="ad-hoc-queries-on-a-large-database-get-their-own-replica",
    ),
    pytest.param(
        {**DR, "rpo_seconds": 3600, "rto_seconds": 3600},
        {"option[rds].config.cross_region_dr": "read_replica",
         "option[rds].config.dr_regions": ["us-west-2"],
         "option[rds].config.deployment": "multi_az_instance"},
        id="dr-with-1h-rto-uses-a-cross-region-read-replica",
    ),
    pytest.param(
        {**DR, "rpo_seconds": 86400, "rto_seconds": 86400},
        {"option[rds].config.cross_region_dr": "snapshot_copy"},
        id="dr-with-a-day-of-rpo-and-rto-copies-snapshots",
    ),
    pytest.param(
        {**DR, "rpo_seconds": 7200, "rto_seconds": 86400},
        {"option[rds].config.cross_region_dr": "backup_replication"},
        id="dr-with-hours-of-rpo-replicates-automated-backups",
    ),
    pytest.param(
        {**DR, "engine_preference": "oracle", "engine_edition": "ee",
         "license_model": "bring_your_own"},
        {"primary.config.cross_region_dr": "mounted_replica"},
        id="oracle-ee-dr-uses-a-mounted-replica",
    ),
    pytest.param(
        {**DR, "engine_preference": "sqlserver"},
        {"primary.config.cross_region_dr": "backup_replication"},
        id="sqlserver-dr-replicates-backups-cross-region-replicas-unverified",
    ),
    pytest.param(
        {**DR, "rpo_seconds": 0, "engine_preference": "mysql", "exclude_services": ["aurora"]},
        {"primary.service": "rds", "primary.rationale": Has("dr.rpo_zero_cross_region")},
        id="zero-rpo-across-regions-is-a-risk-for-async-rds-replicas",
    ),
    pytest.param(
        BIG,
        {"primary.service": "rds", "primary.config.deployment": "multi_az_cluster",
         "primary.config.instance_class": Prefix("db."), "primary.config.read_replicas": 0,
         "primary.rationale": Has("rds.multi_az_cluster", "sizing.read_replicas"),
         "rejected[aurora]": Has("constraint.writes_beyond_one_writer")},
        id="beyond-every-instance-class-postgresql-gets-a-larger-multi-az-db-cluster-class",
    ),
    pytest.param(
        {**BIG, "engine_preference": "mysql"},
        {"primary.config.engine": "mysql", "primary.config.deployment": "multi_az_cluster"},
        id="beyond-every-instance-class-mysql-gets-a-multi-az-db-cluster-class",
    ),
    pytest.param(
        {**BIG, "engine_preference": "oracle"},
        {"primary": None, "rejected[rds]": Has("constraint.writes_beyond_one_writer")},
        id="beyond-every-instance-class-oracle-has-no-cluster-and-is-rejected",
    ),
    pytest.param(
        {**BIG, **DR},
        {"rejected[rds]": Has("constraint.writes_beyond_one_writer")},
        id="beyond-every-instance-class-with-dr-gets-no-cluster-no-cross-region-backups",
    ),
    pytest.param(
        {"engine_preference": "oracle", "storage_gb": 2500},
        {"primary.config.license_model": "license_included", "primary.config.edition": "se2",
         "option[rds:license_model=bring_your_own].rationale": Has("rds.license"),
         "option[rds:edition=ee].config.license_model": "bring_your_own",
         "primary.rationale": Has("sizing.largest_class")},
        id="oracle-licence-included-shows-se2-and-ee-bring-your-own-licence-beside-it",
    ),
    pytest.param(
        {"engine_preference": "oracle", "engine_edition": "se2"},
        {"option[rds:license_model=bring_your_own].config.edition": "se2"},
        id="oracle-se2-asked-shows-only-se2-bring-your-own-licence",
    ),
    pytest.param(
        {**DR, "engine_preference": "sqlserver", "engine_edition": "ee", "rpo_seconds": 300,
         "rto_seconds": 1800},
        {"primary.config.cross_region_dr": "read_replica",
         "primary.rationale": Lacks("dr.rpo_unmet", "dr.rto_unmet")},
        id="sqlserver-enterprise-dr-gets-a-cross-region-read-replica-that-meets-the-targets",
    ),
    pytest.param(
        {**DR, "engine_preference": "sqlserver", "rpo_seconds": 300, "rto_seconds": 1800},
        {"primary.config.cross_region_dr": "backup_replication",
         "primary.rationale": Has("dr.rpo_unmet", "dr.rto_unmet")},
        id="sqlserver-standard-dr-has-no-replicas-so-backups-and-the-targets-are-risks",
    ),
    pytest.param(
        {"engine_preference": "oracle", "engine_edition": "ee", "license_model": "bring_your_own",
         "needs_joins": True, "storage_gb": 800},
        {"primary.config.read_replicas": 1,
         "primary.rationale": Has("sizing.read_replicas", "rds.oracle_replica_licence")},
        id="oracle-read-replica-warns-of-the-active-data-guard-licence",
    ),
    pytest.param(
        {"engine_preference": "oracle", "engine_edition": "ee", "license_model": "bring_your_own"},
        {"primary.config.read_replicas": 0,
         "primary.rationale": Lacks("rds.oracle_replica_licence")},
        id="oracle-without-replicas-has-no-active-data-guard-warning",
    ),
    pytest.param(
        {"engine_preference": "sqlserver", "needs_joins": True, "storage_gb": 3000},
        {"primary.config.edition": "se", "primary.rationale": Has("sizing.edition_memory")},
        id="sqlserver-standard-working-set-beyond-its-128-gb-buffer-pool-is-said",
    ),
    pytest.param(
        {"engine_preference": "sqlserver", "engine_edition": "ee", "needs_joins": True,
         "storage_gb": 3000},
        {"primary.rationale": Lacks("sizing.edition_memory")},
        id="sqlserver-enterprise-buffer-pool-has-no-edition-limit",
    ),
    pytest.param(
        {"storage_gb": 500, "exclude_services": ["aurora"]},
        {"primary.config.instance_class": "db.r6g.2xlarge"},
        id="a-class-holding-96-percent-of-the-working-set-counts-as-fitting",
    ),
    pytest.param(
        {"engine_preference": "postgresql", "exclude_services": ["aurora"], "needs_joins": True,
         "storage_gb": 700, "reads_per_sec": 3000, "writes_per_sec": 600, "rpo_seconds": 0,
         "rto_seconds": 30},
        {"primary.config.deployment": "multi_az_cluster", "primary.config.read_replicas": 0,
         "primary.rationale": Has("sizing.read_replicas", "rds.multi_az_cluster")},
        id="ad-hoc-queries-over-500-gb-run-on-the-clusters-standbys-not-a-replica-that-drops-"
           "the-cluster-chosen-for-a-30s-rto",
    ),
    pytest.param(
        {"engine_preference": "sqlserver", "engine_edition": "ex", "storage_gb": 8},
        {"primary.config.edition": "ex", "primary.config.deployment": "single_az",
         "primary.rationale": Has("rds.edition_multi_az", "availability.sla")},
        id="sqlserver-express-in-production-has-no-multi-az-so-single-az-with-the-risk-said",
    ),
    pytest.param(
        {"engine_preference": "sqlserver", "engine_edition": "web", "availability_target": 99.95,
         "rpo_seconds": 0, "rto_seconds": 120},
        {"primary.config.edition": "web", "primary.config.deployment": "single_az",
         "primary.rationale": Has("rds.edition_multi_az", "rds.license", "dr.rto_unmet")},
        id="sqlserver-web-multi-az-is-priced-on-burstable-classes-only-so-single-az-with-the-"
           "risk-not-nothing-feasible",
    ),
    pytest.param(
        {"engine_preference": "sqlserver", "engine_edition": "ex", "storage_gb": 40},
        {"primary": None, "rejected[rds]": Has("constraint.edition_limit")},
        id="sqlserver-express-cannot-hold-40-gb-beyond-its-10-gb-per-database",
    ),
    pytest.param(
        {"engine_preference": "sqlserver", "engine_edition": "ex", "storage_gb": 6,
         "storage_growth_gb_per_month": 1},
        {"primary.rationale": Has("constraint.edition_limit")},
        id="sqlserver-express-growing-past-10-gb-within-a-year-is-warned",
    ),
    pytest.param(
        {"engine_preference": "sqlserver", "engine_edition": "se"},
        {"primary.config.deployment": "multi_az_instance",
         "primary.rationale": Lacks("rds.edition_multi_az", "constraint.edition_limit")},
        id="sqlserver-standard-keeps-its-multi-az-standby",
    ),
    pytest.param(
        {"data_model": "key_value", "exclude_services": ["dynamodb", "aurora"]},
        {"primary.service": "rds", "primary.rationale": Has("model.key_value_on_relational")},
        id="key-value-data-on-rds-says-the-relational-table-is-unused",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("answers", "expected"), CASES)
def test_rds(book, answers, expected):
    check(answer(book, **answers), expected)


def test_rds_never_proposes_magnetic_storage(book):
    for iops in (0, 500, 5000, 50000):
        data = answer(book, iops_required=iops, exclude_services=["aurora", "dynamodb"])
        assert data["primary"]["config"]["storage_type"] != "magnetic"


def test_multi_az_instance_is_chosen_from_classes_priced_in_the_region(book):
    data = answer(book, regions=["eu-west-3"])
    option = next(o for o in [data["primary"], *data["alternatives"]] if o["service"] == "rds")
    assert not option["config"]["instance_class"].startswith("db.r7g")  # not offered in Paris
    assert Lacks("constraint.not_priced").items[0] not in [
        f["rule"] for r in data["rejected"] for f in r["reasons"]
    ]


def _messages(data: dict, service: str, rule: str) -> list[str]:
    option = next(o for o in [data["primary"], *data["alternatives"]] if o["service"] == service)
    return [f["message"] for f in option["rationale"] if f["rule"] == rule]


@pytest.mark.parametrize(
    ("answers", "included"),
    [
        pytest.param({"storage_gb": 500}, "the 12,000 IOPS and 500 MiB/s it includes",
                     id="gp3-from-400-gib-includes-12000-iops-and-500-mibps"),
        pytest.param({"storage_gb": 100}, "the 3,000 IOPS and 125 MiB/s it includes",
                     id="gp3-below-400-gib-includes-3000-iops-and-125-mibps"),
        pytest.param({"storage_gb": 250, "engine_preference": "oracle"},
                     "the 12,000 IOPS and 500 MiB/s it includes",
                     id="oracle-gp3-from-200-gib-includes-12000-iops"),
        pytest.param({"storage_gb": 500, "engine_preference": "sqlserver"},
                     "the 3,000 IOPS and 125 MiB/s it includes",
                     id="sqlserver-gp3-includes-3000-iops-at-any-size"),
        pytest.param({"storage_gb": 3000, "iops_required": 15000},
                     "12,000 are included at this size and the 3,000 above them are billed",
                     id="gp3-iops-above-the-12000-included-are-the-ones-billed"),
    ],
)  # fmt: skip
def test_gp3_sentence_states_what_the_size_allocated_includes(book, answers, included):
    data = answer(book, exclude_services=["aurora", "dynamodb"], **answers)
    (message,) = _messages(data, "rds", "rds.storage")
    assert included in message


RAW_WORDING = ("(s)", "engine_preference", "license_model", "bring_your_own", "edition se2",
               " oracle ", " postgresql", "Region(s)")  # fmt: skip


@pytest.mark.parametrize(
    "answers",
    [
        pytest.param({}, id="default-relational"),
        pytest.param({"engine_preference": "oracle", "engine_edition": "ee"}, id="oracle-ee"),
        pytest.param({"engine_preference": "oracle", "storage_gb": 2500}, id="oracle-large"),
        pytest.param({"consistency": "eventual", "reads_per_sec": 60000}, id="read-replicas"),
        pytest.param({"multi_region": "dr", "regions": ["us-east-1", "us-west-2"]}, id="dr"),
        pytest.param({"reads_per_sec": 20000, "writes_per_sec": 3000, "storage_gb": 2000,
                      "needs_joins": True}, id="beyond-the-largest-instance"),
    ],
)  # fmt: skip
def test_relational_sentences_use_the_forms_words_not_api_values(book, answers):
    data = answer(book, **answers)
    mine = ("rds", "aurora", "dms")  # the relational services and their migration
    texts = [f["message"] for o in [data["primary"], *data["alternatives"], data["migration"]]
             if o and o["service"] in mine for f in o["rationale"]]  # fmt: skip
    texts += [f["message"] for r in data["rejected"] if r["service"] in mine for f in r["reasons"]]
    for text in texts:
        assert not [raw for raw in RAW_WORDING if raw in text], text


def test_a_workload_beyond_every_class_is_told_what_it_needs_and_what_would_help(book):
    data = answer(book, **BIG, engine_preference="oracle")
    (reason,) = [f["message"] for r in data["rejected"] if r["service"] == "rds"
                 for f in r["reasons"]]  # fmt: skip
    assert "16.1 vCPU and 266.7 GiB" in reason
    assert "db.r5.4xlarge (16 vCPU, 128 GiB)" in reason
    assert "full price list loaded (an administrator's import)" in reason
    assert "import_aws_offer" not in reason  # an operator's command, not the reader's
    assert "ElastiCache" in reason
    assert "Aurora" not in reason  # ruled out for Oracle
    (nothing,) = [f["message"] for f in data["findings"]
                  if f["rule"] == "recommendation.none_feasible"]  # fmt: skip
    assert ".;" not in nothing


def test_oracle_sizing_says_the_working_set_does_not_fit_and_offers_only_what_oracle_can_use(book):
    data = answer(book, engine_preference="oracle", storage_gb=2500, reads_per_sec=900)
    (chosen,) = _messages(data, "rds", "sizing.instance_class")
    assert "that fits" not in chosen and "none has the memory" in chosen
    (short,) = _messages(data, "rds", "sizing.largest_class")
    assert "Aurora" not in short and "larger classes than this catalog prices" in short


def test_bring_your_own_licence_never_outranks_licence_included_on_price_alone(book):
    data = answer(book, engine_preference="oracle", storage_gb=2500)
    byol = [o for o in data["alternatives"] if o["config"]["license_model"] == "bring_your_own"]
    assert byol and all(o["fit_score"] < data["primary"]["fit_score"] for o in byol)
    assert all("bring your own licence" in o["label"] for o in byol)


def test_a_working_set_beyond_every_instance_class_is_said_for_aurora_too(book):
    data = answer(book, storage_gb=3000)  # a 300 GB working set needs 400 GiB; classes stop at 128
    aurora = next(o for o in [data["primary"], *data["alternatives"]]
                  if o["service"] == "aurora" and o["config"]["capacity"] == "provisioned")  # fmt: skip
    assert "sizing.largest_class" in [f["rule"] for f in aurora["rationale"]]
    (short,) = _messages(data, "rds", "sizing.largest_class")
    assert "A Multi-AZ DB cluster class holds it" in short  # PostgreSQL: cluster classes go further


def test_large_rows_weigh_as_eight_planning_rows_at_most_and_the_sizing_says_so(book):
    """1 MB rows at 100 writes/s once asked for 20.8 vCPU of writes and ruled every relational
    option out; their values are kept out of line, so the weight stops at 8 rows of 8 KB."""
    data = answer(book, data_model="relational", needs_joins=True, reads_per_sec=500,
                  writes_per_sec=100, storage_gb=1000, item_size_kb=1000)  # fmt: skip
    assert data["primary"]["service"] in ("rds", "aurora")
    sizing = next(f["message"] for f in data["primary"]["rationale"]
                  if f["rule"] == "sizing.instance_class")  # fmt: skip
    assert "each 1,000 KB row counting as 8 rows of 8 KB" in sizing
    assert "need 3.6 vCPU" in sizing


def test_rows_up_to_8_kb_count_as_one_and_the_sizing_says_nothing_of_weight(book):
    data = answer(book, data_model="relational", needs_joins=True, item_size_kb=4)
    sizing = next(f["message"] for f in data["primary"]["rationale"]
                  if f["rule"] == "sizing.instance_class")  # fmt: skip
    assert "counting as" not in sizing


DR_WORKLOAD = {**DR, "rpo_seconds": 300, "rto_seconds": 1800, "needs_joins": True}


@pytest.mark.parametrize(
    ("answers", "kept"),
    [
        pytest.param({"engine_preference": "sqlserver"}, "SQL Server Enterprise Edition",
                     id="sqlserver-standard-is-pointed-to-enterprise-not-aurora"),
        pytest.param({"engine_preference": "oracle", "engine_edition": "ee",
                      "license_model": "bring_your_own", "rpo_seconds": 0}, "none of them keeps Oracle",
                     id="oracle-zero-rpo-names-no-store-that-changes-engine"),
        pytest.param({"engine_preference": "mariadb", "rto_seconds": 60, "multi_region": "none",
                      "regions": ["us-east-1"]}, "no RDS MariaDB deployment fails over faster",
                     id="mariadb-rto-names-no-aurora-and-no-cluster"),
        pytest.param({"exclude_services": ["aurora"], "rto_seconds": 300},
                     "no other DR design for this engine does better",
                     id="aurora-excluded-is-not-a-remedy"),
    ],
)  # fmt: skip
def test_remedies_only_name_options_that_keep_the_engine_and_the_services_allowed(
    book, answers, kept
):
    data = answer(book, **{**DR_WORKLOAD, **answers})
    option = next(o for o in [data["primary"], *data["alternatives"]] if o["service"] == "rds")
    risks = [f["message"] for f in option["rationale"] if f["rule"].startswith("dr.")]
    assert risks, [f["rule"] for f in option["rationale"]]
    assert not [m for m in risks if "Aurora" in m or "DynamoDB" in m], risks
    if kept:
        assert [m for m in risks if kept in m], risks


@pytest.mark.parametrize(
    "answers",
    [
        pytest.param({"engine_preference": "mariadb", "availability_target": 99.99,
                      "rpo_seconds": 0, "rto_seconds": 60}, id="multi-az-instance-rto-60"),
        pytest.param({"engine_preference": "postgresql", "rto_seconds": 20,
                      "exclude_services": ["aurora"]}, id="multi-az-cluster-rto-20"),
    ],
)  # fmt: skip
def test_deployment_sentence_never_claims_an_rto_its_failover_misses(book, answers):
    data = answer(book, **answers)
    option = next(o for o in [data["primary"], *data["alternatives"]] if o["service"] == "rds")
    rules = [f["rule"] for f in option["rationale"]]
    assert "dr.rto_unmet" in rules
    rto = answers["rto_seconds"]
    for f in option["rationale"]:
        if f["rule"] in ("rds.deployment", "rds.multi_az_cluster"):
            assert f"recovery within {rto} s" not in f["message"]
            assert f"chosen for the {rto} s RTO." not in f["message"]


def test_oracle_licence_note_says_read_replicas_need_active_data_guard(book):
    data = answer(book, engine_preference="oracle", engine_edition="ee",
                  license_model="bring_your_own", needs_joins=True, storage_gb=800)  # fmt: skip
    (note,) = _messages(data, "rds", "rds.oracle_replica_licence")
    assert "Active Data Guard licence" in note and "Standard Edition 2" in note


def test_a_class_within_the_memory_tolerance_says_how_much_of_the_need_it_holds(book):
    data = answer(book, storage_gb=500, exclude_services=["aurora"])
    (sizing,) = _messages(data, "rds", "sizing.instance_class")
    assert "needs 66.7 GiB" in sizing and "db.r6g.2xlarge (8 vCPU, 64 GiB)" in sizing
    assert "Its memory is 96% of the need" in sizing


def test_sqlserver_standard_is_sized_for_its_buffer_pool_not_the_whole_working_set(book):
    data = answer(book, engine_preference="sqlserver", needs_joins=True, storage_gb=1000)
    (sizing,) = _messages(data, "rds", "sizing.instance_class")
    # 100 GB working set capped at the 128 GB pool: not capped; 1,000 GB -> 100 GB, needs 133.3
    assert "128 GB of the" not in sizing
    data = answer(book, engine_preference="sqlserver", needs_joins=True, storage_gb=2000)
    (sizing,) = _messages(data, "rds", "sizing.instance_class")
    assert "128 GB of the 200 GB working set" in sizing and "needs 170.7 GiB" in sizing
    (limit,) = _messages(data, "rds", "sizing.edition_memory")
    assert "Enterprise Edition has no such limit" in limit


def test_a_tiny_load_needs_less_than_a_tenth_of_a_vcpu_not_zero(book):
    data = answer(book, environment="development", reads_per_sec=5, writes_per_sec=1,
                  storage_gb=5, exclude_services=["aurora", "dynamodb"])  # fmt: skip
    (sizing,) = _messages(data, "rds", "sizing.instance_class")
    assert "need <0.1 vCPU" in sizing and "need 0 vCPU" not in sizing


@pytest.mark.parametrize(
    ("growth", "said", "unsaid"),
    [
        pytest.param(0, "no growth was given", "three years of growth", id="no-growth"),
        pytest.param(10, "room for three years of growth (460 GB)", "no growth", id="growth"),
    ],
)
def test_autoscaling_sentence_speaks_of_growth_only_when_there_is_some(book, growth, said, unsaid):
    data = answer(book, storage_gb=100, storage_growth_gb_per_month=growth,
                  exclude_services=["aurora"])  # fmt: skip
    (note,) = _messages(data, "rds", "rds.storage_autoscaling")
    assert said in note and unsaid not in note


@pytest.mark.parametrize(
    ("answers", "mode"),
    [
        pytest.param({"rpo_seconds": 60}, "read_replica", id="read-replica"),
        pytest.param({"rpo_seconds": 3600, "rto_seconds": 20000}, "backup_replication",
                     id="backup-replication"),
        pytest.param({"rpo_seconds": 86400, "rto_seconds": 86400}, "snapshot_copy",
                     id="snapshot-copy"),
        pytest.param({"engine_preference": "oracle", "engine_edition": "ee",
                      "license_model": "bring_your_own", "rpo_seconds": 60}, "mounted_replica",
                     id="mounted-replica"),
    ],
)  # fmt: skip
def test_every_cross_region_dr_method_prices_the_inter_region_transfer(book, answers, mode):
    data = answer(book, **DR, exclude_services=["aurora"], **answers)
    option = data["primary"]
    assert option["config"]["cross_region_dr"] == mode
    (transfer,) = [c for c in option["cost_components"]
                   if c["name"] == "Inter-Region transfer us-east-1 -> us-west-2"]  # fmt: skip
    assert float(transfer["quantity"]) > 0 and float(transfer["monthly_usd"]) > 0


def test_a_cluster_given_up_for_read_replicas_keeps_one_sizing_sentence_its_own(book):
    # The Multi-AZ DB cluster is tried first for the 60 s RTO; the read load then needs more
    # than its two standbys, and the Multi-AZ instance retried must not keep the cluster's
    # class sentence beside its own (two "Chosen:" classes that contradict each other).
    a = answer(book, rto_seconds=60, consistency="eventual", reads_per_sec=60000,
               writes_per_sec=100, exclude_services=["aurora"], engine_preference="postgresql")  # fmt: skip
    rds = a["primary"]
    assert rds["config"]["deployment"] == "multi_az_instance"
    sizing = [f["message"] for f in rds["rationale"] if f["rule"] == "sizing.instance_class"]
    assert len(sizing) == 1
    assert rds["config"]["instance_class"] in sizing[0]


@pytest.mark.parametrize(
    ("answers", "service", "kept", "why"),
    [
        pytest.param({"engine_preference": "mysql", "environment": "development",
                      "backup_retention_days": 0, "rpo_seconds": None},
                     "aurora", 1, "Aurora keeps at least 1 day",
                     id="aurora-cannot-keep-0-days-and-does-not-call-1-day-the-teams-minimum"),
        pytest.param({"engine_preference": "postgresql", "backup_retention_days": 0,
                      "rto_seconds": 60, "exclude_services": ["aurora"]},
                     "rds", 1, "Multi-AZ DB cluster keeps at least 1 day",
                     id="rds-cluster-cannot-keep-0-days-and-says-why-it-keeps-1"),
    ],
)  # fmt: skip
def test_a_retention_raised_above_the_one_asked_is_not_called_the_teams_minimum(
    book, answers, service, kept, why
):
    option = next(o for o in _options(answer(book, **answers)) if o["service"] == service)
    assert option["config"]["backup_retention_days"] == kept
    said = " ".join(f["message"] for f in option["rationale"] if f["rule"].endswith(
        ("backup", "pitr")))  # fmt: skip
    assert "your compliance minimum" not in said
    assert "not the 0 days asked" in said and why in said


def _options(a: dict) -> list[dict]:
    return [o for o in (a["primary"], *a["alternatives"]) if o]


def test_a_retention_kept_as_asked_is_called_the_teams_compliance_minimum(book):
    rds = answer(book, backup_retention_days=14)["primary"]
    assert any("14 days (your compliance minimum)" in f["message"] for f in rds["rationale"])
