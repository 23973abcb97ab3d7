"""Aurora billing rules and the traps other tools fell into."""

from __future__ import annotations

import pytest

from advisor.configs import AuroraConfig, AuroraUsage
from advisor.estimator import EstimateError, estimate
from catalog.pricebook import PriceBook

from .support import D, component, names, rate

R = "us-east-1"


def aurora(book, usage=None, region=R, **config):
    config.setdefault("engine", "aurora-postgresql")
    if config.get("capacity", "provisioned") == "provisioned":
        config.setdefault("instance_class", "db.r6g.large")
    return estimate("aurora", region, AuroraConfig(**config), usage or AuroraUsage(), book)


def error(book, usage=None, **config) -> EstimateError:
    with pytest.raises(EstimateError) as caught:
        aurora(book, usage, **config)
    return caught.value


def test_instances_are_billed_per_instance_and_storage_once_per_cluster(book):
    est = aurora(book, replicas=2, usage=AuroraUsage(storage_gb=D(300)))
    hourly = rate(
        book,
        "aurora",
        R,
        "instance_hours",
        engine="aurora-postgresql",
        instance_class="db.r6g.large",
        storage_type="standard",
    )
    assert component(est, "Writer instance").monthly == 730 * hourly
    assert component(est, "Aurora Replicas (2 x").monthly == 2 * 730 * hourly
    assert component(est, "Cluster storage").quantity == 300  # one volume, whatever the count


def test_io_optimized_uses_its_own_instance_and_storage_rates(book):
    est = aurora(book, storage_config="io_optimized", usage=AuroraUsage(storage_gb=D(100)))
    assert component(est, "Writer instance").unit_price == rate(
        book,
        "aurora",
        R,
        "instance_hours",
        engine="aurora-postgresql",
        instance_class="db.r6g.large",
        storage_type="io_optimized",
    )
    assert component(est, "Cluster storage").unit_price == D("0.225")


def test_aurora_io_optimized_bills_no_io_requests(book):
    # Infracost #3591 still bills I/O requests on I/O-Optimized clusters.
    usage = AuroraUsage(storage_gb=D(100), io_requests_per_month=D(2_000_000_000))
    optimized = aurora(book, storage_config="io_optimized", usage=usage)
    assert not [n for n in names(optimized) if "I/O requests" in n]
    standard = aurora(book, storage_config="standard", usage=usage)
    io = component(standard, "I/O requests (Aurora Standard)")
    assert io.monthly == 2_000 * D("0.20")


def test_aurora_serverless_v2_is_priced_not_zero(book):
    # Infracost #2344 priced Aurora Serverless v2 at $0.
    est = aurora(
        book,
        capacity="serverless_v2",
        min_acu=D("0.5"),
        max_acu=D(16),
        usage=AuroraUsage(avg_acu=D(5)),
    )
    capacity = component(est, "Serverless v2 capacity")
    assert capacity.quantity == 5 * 730
    assert capacity.monthly == D("438.00")
    assert est.monthly > 0


def test_serverless_v2_average_acu_defaults_to_min_acu_per_instance(book):
    est = aurora(
        book, capacity="serverless_v2", min_acu=D(2), replicas=1, storage_config="io_optimized"
    )
    capacity = component(est, "Serverless v2 capacity (2 x 2 ACU")
    assert capacity.quantity == 2 * 2 * 730
    assert capacity.unit_price == rate(
        book,
        "aurora",
        R,
        "serverless_v2_capacity",
        engine="aurora-postgresql",
        storage_type="io_optimized",
    )


def test_serverless_v2_needs_min_acu_and_an_average_within_the_range(book):
    assert error(book, capacity="serverless_v2").field == "config.min_acu"
    err = error(
        book, capacity="serverless_v2", min_acu=D(1), max_acu=D(4), usage=AuroraUsage(avg_acu=D(8))
    )
    assert err.field == "usage.avg_acu"
    assert error(book, capacity="serverless_v2", min_acu=D(300)).field == "config.min_acu"


def test_provisioned_aurora_needs_an_instance_class(book):
    assert error(book, instance_class=None).field == "config.instance_class"


def test_backup_beyond_the_cluster_volume_is_billed(book):
    est = aurora(book, usage=AuroraUsage(storage_gb=D(100), backup_storage_gb=D(500)))
    backup = component(est, "Backup storage beyond the cluster volume")
    assert backup.quantity == 400
    assert backup.monthly == D("8.40")
    within = aurora(book, usage=AuroraUsage(storage_gb=D(100), backup_storage_gb=D(100)))
    assert not [n for n in names(within) if "Backup" in n]


def test_multi_az_means_at_least_one_replica_in_another_az(book):
    est = aurora(book, multi_az=True, replicas=0)
    assert component(est, "Aurora Replicas (1 x").quantity == 730
    two = aurora(book, multi_az=True, replicas=2)
    assert component(two, "Aurora Replicas (2 x").quantity == 2 * 730


def test_global_database_adds_a_secondary_cluster_and_replicated_writes(book):
    usage = AuroraUsage(
        storage_gb=D(200),
        replicated_write_ios_per_month=D(50_000_000),
        replication_transfer_gb_per_month=D(10),
    )
    est = aurora(
        book, replicas=1, global_database=True, secondary_regions=("eu-west-1",), usage=usage
    )
    secondary = component(est, "Instances in eu-west-1 (2 x db.r6g.large")
    assert secondary.unit_price == rate(
        book,
        "aurora",
        "eu-west-1",
        "instance_hours",
        engine="aurora-postgresql",
        instance_class="db.r6g.large",
        storage_type="standard",
    )
    storage = component(est, "Cluster storage in eu-west-1")
    assert storage.quantity == 200
    assert storage.unit_price == rate(
        book, "aurora", "eu-west-1", "storage", storage_type="standard"
    )
    writes = component(est, "Replicated write I/Os to eu-west-1")
    assert writes.quantity == 50
    assert writes.monthly == 50_000_000 * rate(
        book, "aurora", "eu-west-1", "global_db_replicated_write_io", engine="aurora-postgresql"
    )
    transfer = component(est, "Inter-Region transfer us-east-1 -> eu-west-1")
    assert transfer.monthly == 10 * D("0.02")


def test_global_database_needs_secondary_regions_the_catalog_has(book):
    assert error(book, global_database=True).field == "config.secondary_regions"
    err = error(book, global_database=True, secondary_regions=("us-east-1",))
    assert err.field == "config.secondary_regions"
    err = error(book, global_database=True, secondary_regions=("xx-nowhere-1",))
    assert err.field == "config.secondary_regions"


def test_secondary_region_without_the_class_names_secondary_regions(book):
    # Every Aurora class is priced in every catalog Region, so take one away.
    entries = [
        e
        for e in book.entries()
        if not (
            e.key.service == "aurora"
            and e.key.region == "eu-west-1"
            and e.key.instance_class == "db.r6g.large"
        )
    ]
    thin = PriceBook.build(
        version="thin", as_of=book.as_of, entries=entries, regions=book.regions.values()
    )
    err = error(thin, global_database=True, secondary_regions=("eu-west-1",))
    assert err.field == "config.secondary_regions"
    assert "eu-west-1" in err.message


def test_more_than_15_replicas_is_an_error(book):
    assert error(book, replicas=16).field == "config.replicas"


def test_acus_go_in_half_steps_from_half_an_acu(book):
    for bad in (D("0.3"), D("1.25"), D(257)):
        assert error(book, capacity="serverless_v2", min_acu=bad).field == "config.min_acu"
    paused = aurora(book, capacity="serverless_v2", min_acu=D(0), max_acu=D(4))
    assert paused.components == ()  # auto-paused all month: nothing to bill, nothing listed
