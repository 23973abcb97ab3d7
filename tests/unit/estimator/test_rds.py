"""RDS billing rules and the traps other tools fell into, one test per rule."""

from __future__ import annotations

from dataclasses import replace

import pytest

from advisor.configs import RdsConfig, RdsUsage
from advisor.estimator import EstimateError, estimate
from advisor.estimator.rds import gp3_baseline
from catalog.pricebook import PriceBook

from .support import D, component, names, rate

R = "us-east-1"


def rds(book, usage=None, region=R, **config):
    config.setdefault("engine", "mysql")
    config.setdefault("instance_class", "db.r6g.large")
    return estimate("rds", region, RdsConfig(**config), usage or RdsUsage(), book)


def error(book, usage=None, **config) -> EstimateError:
    with pytest.raises(EstimateError) as caught:
        rds(book, usage, **config)
    return caught.value


# ----- Multi-AZ ---------------------------------------------------------------------------


def test_multi_az_instance_uses_the_multi_az_sku_and_storage_rates(book):
    est = rds(book, deployment="multi_az_instance", storage_type="gp2", allocated_storage_gb=100)
    instance = component(est, "Database instance")
    assert instance.price_key.deployment == "multi_az"
    assert instance.unit_price == rate(
        book,
        "rds",
        R,
        "instance_hours",
        engine="mysql",
        deployment="multi_az",
        instance_class="db.r6g.large",
    )
    assert instance.quantity == 730
    storage = component(est, "Storage (gp2, Multi-AZ)")
    assert storage.unit_price == rate(
        book, "rds", R, "storage", deployment="multi_az", storage_type="gp2"
    )
    assert storage.unit_price > rate(
        book, "rds", R, "storage", deployment="single_az", storage_type="gp2"
    )


def test_multi_az_gp3_storage_is_priced_not_zero(book):
    # Infracost #2575 priced Multi-AZ gp3 at $0.
    est = rds(
        book,
        deployment="multi_az_instance",
        storage_type="gp3",
        allocated_storage_gb=500,
        provisioned_iops=15_000,
        storage_throughput_mibps=600,
    )
    storage = component(est, "Storage (gp3, Multi-AZ)")
    assert storage.monthly == 500 * rate(
        book, "rds", R, "storage", deployment="multi_az", storage_type="gp3"
    )
    assert storage.monthly > 0
    iops = component(est, "Storage: gp3 IOPS")
    assert iops.quantity == 3_000
    assert iops.unit_price == rate(
        book, "rds", R, "gp3_extra_iops", deployment="multi_az", storage_type="gp3"
    )
    throughput = component(est, "Storage: gp3 MiB/s")
    assert throughput.quantity == 100
    assert throughput.unit_price == rate(
        book, "rds", R, "gp3_extra_throughput", deployment="multi_az", storage_type="gp3"
    )


def test_multi_az_cluster_is_one_rate_per_cluster_not_three_instances(book):
    est = rds(
        book,
        engine="postgresql",
        instance_class="db.m6gd.large",
        deployment="multi_az_cluster",
        storage_type="io1",
        allocated_storage_gb=200,
        provisioned_iops=2_000,
    )
    cluster = component(est, "Database instance")
    per_cluster = rate(
        book,
        "rds",
        R,
        "instance_hours",
        engine="postgresql",
        deployment="multi_az_cluster",
        instance_class="db.m6gd.large",
    )
    assert cluster.quantity == 730 and cluster.unit == "cluster-hours"
    assert cluster.monthly == 730 * per_cluster  # not x 3


def test_multi_az_cluster_uses_cluster_storage_and_iops_rates(book):
    est = rds(
        book,
        engine="mysql",
        instance_class="db.m6gd.large",
        deployment="multi_az_cluster",
        storage_type="io1",
        allocated_storage_gb=200,
        provisioned_iops=2_000,
    )
    storage = component(est, "Storage (io1")
    assert storage.quantity == 200  # applied once: the rate covers the three copies
    assert storage.unit_price == rate(
        book, "rds", R, "storage", deployment="multi_az_cluster", storage_type="io1"
    )
    iops = component(est, "Storage: provisioned IOPS")
    assert iops.monthly == 2_000 * rate(
        book, "rds", R, "provisioned_iops", deployment="multi_az_cluster", storage_type="io1"
    )


def test_multi_az_cluster_exists_only_for_mysql_and_postgresql(book):
    err = error(
        book, engine="mariadb", instance_class="db.m6gd.large", deployment="multi_az_cluster"
    )
    assert err.field == "config.deployment"


# ----- replicas and DR ------------------------------------------------------------------------


def test_read_replicas_are_single_az_instances_with_their_own_storage(book):
    est = rds(book, deployment="multi_az_instance", read_replicas=2, allocated_storage_gb=100)
    replicas = component(est, "Read replica (2 x")
    assert replicas.price_key.deployment == "single_az"
    assert replicas.quantity == 2 * 730
    storage = component(est, "Read replica storage")
    assert storage.quantity == 200
    assert storage.price_key.deployment == "single_az"


@pytest.mark.parametrize("mode", ["read_replica", "mounted_replica"])
def test_cross_region_replica_adds_an_instance_and_storage_in_each_dr_region(book, mode):
    est = rds(
        book,
        engine="oracle",
        edition="ee",
        license_model="bring_your_own",
        instance_class="db.r5.large",
        cross_region_dr=mode,
        dr_regions=("eu-west-1", "us-west-2"),
    )
    for dr in ("eu-west-1", "us-west-2"):
        instance = [c for c in est.components if c.price_key.region == dr and c.unit == "hours"]
        storage = [c for c in est.components if c.price_key.region == dr and c.unit == "GB-months"]
        assert len(instance) == 1 and len(storage) == 1
        assert instance[0].unit_price == rate(
            book,
            "rds",
            dr,
            "instance_hours",
            engine="oracle",
            edition="ee",
            license_model="bring_your_own",
            deployment="single_az",
            instance_class="db.r5.large",
        )


def test_mounted_replica_is_oracle_only(book):
    err = error(book, cross_region_dr="mounted_replica", dr_regions=("eu-west-1",))
    assert err.field == "config.cross_region_dr"


def test_backup_replication_adds_backup_storage_in_the_dr_region(book):
    est = rds(
        book,
        allocated_storage_gb=100,
        cross_region_dr="backup_replication",
        dr_regions=("eu-west-1",),
        usage=RdsUsage(backup_storage_gb=D(150)),
    )
    copies = component(est, "Replicated automated backups in eu-west-1")
    assert copies.quantity == 150  # no free allowance in the destination Region
    assert copies.unit_price == rate(book, "rds", "eu-west-1", "backup_storage")
    assert component(est, "Backup storage beyond").quantity == 50  # source: 100 GB free


@pytest.mark.parametrize("mode", ["read_replica", "backup_replication", "snapshot_copy"])
def test_cross_region_dr_prices_the_replicated_volume_at_the_inter_region_rate(book, mode):
    est = rds(
        book,
        cross_region_dr=mode,
        dr_regions=("eu-west-1", "us-west-2"),
        usage=RdsUsage(replication_transfer_gb_per_month=D(40)),
    )
    for dr in ("eu-west-1", "us-west-2"):
        transfer = component(est, f"Inter-Region transfer {R} -> {dr}")
        assert transfer.quantity == 40
        # RDS's inter-Region rate is filed under aurora: one SKU for both services.
        assert transfer.unit_price == rate(
            book, "aurora", R, "inter_region_data_transfer_out", to_region=dr
        )


def test_cross_region_dr_without_a_replicated_volume_has_no_transfer_line(book):
    est = rds(book, cross_region_dr="read_replica", dr_regions=("eu-west-1",))
    assert not [c for c in est.components if c.name.startswith("Inter-Region transfer")]


def test_backup_replication_without_a_catalog_price_is_an_error(book):
    entries = [
        e
        for e in book.entries()
        if not (
            e.key.service == "rds"
            and e.key.dimension == "backup_storage"
            and e.key.region == "eu-west-1"
        )
    ]
    thin = PriceBook.build(
        version="thin", as_of=book.as_of, entries=entries, regions=book.regions.values()
    )
    with pytest.raises(EstimateError) as caught:
        rds(thin, cross_region_dr="backup_replication", dr_regions=("eu-west-1",))
    assert caught.value.field == "config.cross_region_dr"
    assert "backup_storage" in caught.value.message


def test_dr_region_not_in_the_catalog_names_dr_regions(book):
    err = error(book, cross_region_dr="read_replica", dr_regions=("mars-north-1",))
    assert err.field == "config.dr_regions"


def test_dr_region_without_the_class_names_dr_regions(book):
    # eu-west-3 has no RDS db.r7g for MySQL (aws-prices-notes.md, gaps).
    err = error(
        book,
        instance_class="db.r7g.large",
        cross_region_dr="read_replica",
        dr_regions=("eu-west-3",),
    )
    assert err.field == "config.dr_regions"


# ----- engines, editions, licences ------------------------------------------------------------


def test_license_included_and_byol_are_different_skus(book):
    # instances.vantage.sh #522 mixed up licence-included and BYOL SKUs.
    common = {"engine": "oracle", "edition": "se2", "instance_class": "db.m5.xlarge"}
    li = component(rds(book, license_model="license_included", **common), "Database instance")
    byol = component(rds(book, license_model="bring_your_own", **common), "Database instance")
    assert li.price_key.license_model == "license_included"
    assert byol.price_key.license_model == "bring_your_own"
    assert li.unit_price == D("0.876") and byol.unit_price == D("0.342")


def test_oracle_ee_is_bring_your_own_only(book):
    err = error(
        book,
        engine="oracle",
        edition="ee",
        license_model="license_included",
        instance_class="db.r5.large",
    )
    assert err.field == "config.license_model"


def test_sqlserver_is_license_included_only(book):
    err = error(
        book,
        engine="sqlserver",
        edition="se",
        license_model="bring_your_own",
        instance_class="db.m5.xlarge",
    )
    assert err.field == "config.license_model"


@pytest.mark.parametrize("engine", ["mysql", "postgresql", "mariadb"])
def test_an_edition_for_an_open_source_engine_is_an_error_naming_config_edition(book, engine):
    err = error(book, engine=engine, edition="ee")
    assert err.field == "config.edition"


@pytest.mark.parametrize("engine", ["oracle", "sqlserver"])
def test_oracle_and_sqlserver_need_an_edition(book, engine):
    assert error(book, engine=engine, instance_class="db.m5.large").field == "config.edition"


def test_sqlserver_express_multi_az_is_not_offered_and_names_deployment(book):
    err = error(
        book,
        engine="sqlserver",
        edition="ex",
        instance_class="db.t3.large",
        deployment="multi_az_instance",
    )
    assert err.field == "config.deployment"


def test_a_class_not_offered_in_the_region_names_instance_class(book):
    err = error(book, instance_class="db.r7g.large", region="eu-west-3")
    assert err.field == "config.instance_class"
    assert "eu-west-3" in err.message


# ----- storage --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("engine", "gib", "expected"),
    [
        ("mysql", 399, (3_000, 125)),
        ("mysql", 400, (12_000, 500)),
        ("postgresql", 200, (3_000, 125)),
        ("oracle", 199, (3_000, 125)),
        ("oracle", 200, (12_000, 500)),
        ("sqlserver", 1_000, (3_000, 125)),
    ],
)
def test_gp3_baseline_depends_on_size_and_engine(engine, gib, expected):
    assert gp3_baseline(engine, gib) == expected


def test_oracle_gp3_baseline_is_200_gib(book):
    # Infracost #2487 applied the 400 GiB threshold to Oracle as well.
    est = rds(
        book,
        engine="oracle",
        edition="se2",
        license_model="bring_your_own",
        instance_class="db.m5.large",
        storage_type="gp3",
        allocated_storage_gb=250,
        provisioned_iops=12_000,
        storage_throughput_mibps=500,
    )
    assert not [n for n in names(est) if "above the" in n]  # all within the 12,000 / 500
    est = rds(
        book,
        engine="oracle",
        edition="se2",
        license_model="bring_your_own",
        instance_class="db.m5.large",
        storage_type="gp3",
        allocated_storage_gb=250,
        provisioned_iops=13_000,
    )
    assert component(est, "Storage: gp3 IOPS above the 12,000 included").quantity == 1_000


def test_gp3_bills_only_iops_and_throughput_above_the_baseline(book):
    est = rds(
        book,
        storage_type="gp3",
        allocated_storage_gb=400,
        provisioned_iops=12_000,
        storage_throughput_mibps=500,
    )
    assert names(est) == [
        "Database instance (db.r6g.large, MySQL, Single-AZ)",
        "Storage (gp3, Single-AZ)",
    ]
    est = rds(book, storage_type="gp3", allocated_storage_gb=400, provisioned_iops=14_000)
    assert component(est, "Storage: gp3 IOPS").monthly == 2_000 * D("0.02")


def test_gp3_below_the_size_threshold_cannot_provision_more_iops(book):
    err = error(book, storage_type="gp3", allocated_storage_gb=100, provisioned_iops=5_000)
    assert err.field == "config.provisioned_iops"
    assert "400 GiB" in err.message


def test_io1_below_100_gib_is_an_error_not_rounded_up(book):
    err = error(book, storage_type="io1", allocated_storage_gb=50, provisioned_iops=1_200)
    assert err.field == "config.allocated_storage_gb"


@pytest.mark.parametrize("kind", ["io1", "io2"])
def test_provisioned_iops_below_1000_is_an_error_naming_the_field(book, kind):
    err = error(book, storage_type=kind, allocated_storage_gb=100, provisioned_iops=500)
    assert err.field == "config.provisioned_iops"
    err = error(book, storage_type=kind, allocated_storage_gb=100)
    assert err.field == "config.provisioned_iops"


def test_gp2_takes_no_provisioned_iops(book):
    err = error(book, storage_type="gp2", provisioned_iops=3_000)
    assert err.field == "config.provisioned_iops"


def test_magnetic_storage_bills_io_requests(book):
    est = rds(
        book,
        storage_type="magnetic",
        allocated_storage_gb=40,
        usage=RdsUsage(io_requests_per_month=D(5_000_000)),
    )
    io = component(est, "I/O requests (magnetic storage)")
    assert io.quantity == 5 and io.unit == "1M requests"
    assert io.monthly == 5_000_000 * rate(
        book, "rds", R, "magnetic_io_requests", storage_type="magnetic"
    )


def test_storage_above_64_tib_is_an_error(book):
    err = error(book, allocated_storage_gb=70_000)
    assert err.field == "config.allocated_storage_gb"


# ----- backups, terms, hours ------------------------------------------------------------------


def test_backup_storage_up_to_the_provisioned_storage_is_free(book):
    assert not [
        n
        for n in names(
            rds(book, allocated_storage_gb=400, usage=RdsUsage(backup_storage_gb=D(400)))
        )
        if "Backup" in n
    ]
    est = rds(book, allocated_storage_gb=400, usage=RdsUsage(backup_storage_gb=D(600)))
    backup = component(est, "Backup storage beyond the free allowance")
    assert backup.quantity == 200
    assert backup.unit_price == rate(book, "rds", R, "backup_storage")


def test_in_region_replicas_add_to_the_free_backup_allowance(book):
    est = rds(
        book, allocated_storage_gb=100, read_replicas=1, usage=RdsUsage(backup_storage_gb=D(250))
    )
    assert component(est, "Backup storage").quantity == 50


def test_reserved_term_is_hourly_fee_plus_upfront_reported_apart(book):
    est = rds(
        book,
        engine="postgresql",
        instance_class="db.m6g.xlarge",
        pricing_term="1yr_partial_upfront",
    )
    instance = component(est, "Database instance")
    hourly = rate(
        book,
        "rds",
        R,
        "reserved_hours",
        engine="postgresql",
        deployment="single_az",
        instance_class="db.m6g.xlarge",
        term="1yr_partial_upfront",
    )
    upfront = rate(
        book,
        "rds",
        R,
        "reserved_upfront",
        engine="postgresql",
        deployment="single_az",
        instance_class="db.m6g.xlarge",
        term="1yr_partial_upfront",
    )
    assert instance.monthly == 730 * hourly  # the upfront fee is not in the month
    assert instance.upfront == upfront and est.upfront == upfront
    effective = (hourly + upfront / 8760).quantize(D("0.000001"))
    assert f"${effective}/hour effective" in instance.note


def test_reserved_no_upfront_has_no_upfront_fee(book):
    est = rds(book, instance_class="db.t3.large", pricing_term="1yr_no_upfront")
    assert est.upfront == 0
    assert component(est, "Database instance").unit_price == D("0.0957")


def test_reserved_term_missing_from_the_catalog_names_pricing_term(book):
    # 1-year All Upfront was never archived for RDS (aws-prices-notes.md, gaps).
    assert error(book, pricing_term="1yr_all_upfront").field == "config.pricing_term"
    assert error(book, engine="mariadb", pricing_term="1yr_no_upfront").field == (
        "config.pricing_term"
    )


def test_hours_per_month_scale_on_demand_instances(book):
    est = rds(book, usage=RdsUsage(hours_per_month=D(100)))
    assert component(est, "Database instance").quantity == 100
    assert component(est, "Storage").quantity == 20  # storage is billed for the month


def test_more_hours_than_a_month_has_is_an_error(book):
    assert error(book, usage=RdsUsage(hours_per_month=D(800))).field == "usage.hours_per_month"


def test_zero_quantities_are_left_out(book):
    est = rds(book, usage=RdsUsage(hours_per_month=D(0)))
    assert names(est) == ["Storage (gp3, Single-AZ)"]
    assert all(c.quantity for c in est.components)


def test_every_component_carries_its_price_source(book):
    est = rds(
        book,
        deployment="multi_az_instance",
        read_replicas=1,
        usage=RdsUsage(backup_storage_gb=D(100)),
    )
    for c in est.components:
        assert c.source.startswith("AWS pricing-page feed"), c
        assert c.price_key is not None


def test_estimates_are_deterministic_and_frozen(book):
    config = RdsConfig(engine="mysql", instance_class="db.m5.large", read_replicas=1)
    first = estimate("rds", R, config, None, book)
    assert first == estimate("rds", R, replace(config), None, book)
    with pytest.raises(AttributeError):
        first.components[0].monthly = D(0)  # type: ignore[misc]
