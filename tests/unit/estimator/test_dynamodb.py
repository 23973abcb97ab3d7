"""DynamoDB billing rules: request and capacity units, classes, backups, global tables, Streams,
DAX, reserved capacity."""

from __future__ import annotations

import pytest

from advisor.configs import DaxConfig, DynamoDBConfig, DynamoDBUsage
from advisor.estimator import EstimateError, estimate

from .support import D, component, names, rate

R = "us-east-1"


def ddb(book, usage=None, region=R, **config):
    return estimate("dynamodb", region, DynamoDBConfig(**config), usage or DynamoDBUsage(), book)


def error(book, usage=None, **config) -> EstimateError:
    with pytest.raises(EstimateError) as caught:
        ddb(book, usage, **config)
    return caught.value


def test_on_demand_bills_read_and_write_request_units_per_million(book):
    est = ddb(
        book,
        usage=DynamoDBUsage(
            read_request_units_per_month=D(8_000_000), write_request_units_per_month=D(3_000_000)
        ),
    )
    reads = component(est, "Read request units (on-demand, Standard)")
    writes = component(est, "Write request units (on-demand, Standard)")
    assert (reads.quantity, reads.unit) == (8, "1M RRUs")
    assert reads.monthly == 8_000_000 * rate(
        book, "dynamodb", R, "on_demand_read", table_class="standard"
    )
    assert writes.monthly == 3_000_000 * rate(
        book, "dynamodb", R, "on_demand_write", table_class="standard"
    )


def test_provisioned_capacity_is_units_times_730_hours(book):
    est = ddb(book, capacity_mode="provisioned", read_capacity_units=30, write_capacity_units=20)
    assert component(est, "Provisioned read capacity (30 RCU").quantity == 30 * 730
    assert component(est, "Provisioned write capacity (20 WCU").quantity == 20 * 730


def test_provisioned_capacity_needs_at_least_one_unit(book):
    err = error(book, capacity_mode="provisioned", read_capacity_units=None, write_capacity_units=5)
    assert err.field == "config.read_capacity_units"
    err = error(book, capacity_mode="provisioned", read_capacity_units=5, write_capacity_units=0)
    assert err.field == "config.write_capacity_units"


@pytest.mark.parametrize("table_class", ["standard", "standard_ia"])
def test_table_class_selects_its_own_rates(book, table_class):
    usage = DynamoDBUsage(storage_gb=D(100), write_request_units_per_month=D(1_000_000))
    est = ddb(book, table_class=table_class, usage=usage)
    assert component(est, "Table storage").unit_price == rate(
        book, "dynamodb", R, "storage", table_class=table_class
    )
    assert component(est, "Write request units").unit_price == 1_000_000 * rate(
        book, "dynamodb", R, "on_demand_write", table_class=table_class
    )


def test_storage_has_no_free_tier(book):
    est = ddb(book, usage=DynamoDBUsage(storage_gb=D(10)))
    assert component(est, "Table storage").monthly == 10 * D("0.25")  # not 0: 25 GB not free


def test_pitr_is_billed_on_the_table_size_by_default(book):
    est = ddb(book, pitr=True, usage=DynamoDBUsage(storage_gb=D(230)))
    assert component(est, "Point-in-time recovery").quantity == 230
    est = ddb(book, pitr=True, usage=DynamoDBUsage(storage_gb=D(230), pitr_storage_gb=D(2300)))
    assert component(est, "Point-in-time recovery").monthly == D("460.00")


def test_pitr_storage_without_pitr_is_an_error(book):
    err = error(book, pitr=False, usage=DynamoDBUsage(pitr_storage_gb=D(10)))
    assert err.field == "usage.pitr_storage_gb"


def test_on_demand_backups_are_billed_per_gb_month(book):
    est = ddb(book, usage=DynamoDBUsage(backup_storage_gb=D(460)))
    assert component(est, "On-demand backups").monthly == D("46.00")


def test_global_tables_bill_replicated_writes_and_storage_in_each_replica_region(book):
    usage = DynamoDBUsage(storage_gb=D(50), write_request_units_per_month=D(10_000_000))
    est = ddb(book, global_tables=True, replica_regions=("us-west-2", "eu-west-1"), usage=usage)
    for replica in ("us-west-2", "eu-west-1"):
        writes = component(est, f"Replicated writes in {replica}")
        assert writes.quantity == 10
        assert writes.unit_price == 1_000_000 * rate(
            book, "dynamodb", replica, "replicated_write_request", table_class="standard"
        )
        assert component(est, f"Replica storage in {replica}").quantity == 50


def test_provisioned_global_tables_bill_replicated_wcu_hours(book):
    est = ddb(
        book,
        capacity_mode="provisioned",
        read_capacity_units=10,
        write_capacity_units=20,
        global_tables=True,
        replica_regions=("us-east-2",),
    )
    rwcu = component(est, "Replicated write capacity in us-east-2 (20 rWCU")
    assert rwcu.quantity == 20 * 730
    assert rwcu.monthly == 20 * 730 * rate(
        book, "dynamodb", "us-east-2", "replicated_wcu", table_class="standard"
    )
    assert component(est, "Replica read capacity in us-east-2").quantity == 10 * 730


@pytest.mark.parametrize(
    ("everywhere", "pairs"),
    [
        pytest.param(False, [(R, "sa-east-1"), (R, "eu-west-1")], id="all-from-the-primary"),
        pytest.param(True, [(a, b) for a in (R, "sa-east-1", "eu-west-1")
                            for b in (R, "sa-east-1", "eu-west-1") if a != b],
                     id="active-active-a-share-from-every-region-at-its-rate"),
    ],
)  # fmt: skip
def test_replication_transfer_leaves_the_regions_where_writes_start(book, everywhere, pairs):
    usage = DynamoDBUsage(write_request_units_per_month=D(1_000_000),
                          replication_transfer_gb_per_month=D(300),
                          replication_from_every_region=everywhere)  # fmt: skip
    est = ddb(book, global_tables=True, replica_regions=("sa-east-1", "eu-west-1"), usage=usage)
    transfers = [c for c in est.components if c.name.startswith("Inter-Region transfer")]
    assert sorted(c.name for c in transfers) == sorted(
        f"Inter-Region transfer {a} -> {b}" for a, b in pairs
    )
    share = D(300) / 3 if everywhere else D(300)
    for (source, to), c in zip(sorted(pairs), sorted(transfers, key=lambda c: c.name), strict=True):
        assert c.quantity == share
        assert c.monthly == share * rate(
            book, "dynamodb", source, "inter_region_data_transfer_out", to_region=to
        )


def test_global_tables_need_replica_regions_other_than_the_primary(book):
    assert error(book, global_tables=True).field == "config.replica_regions"
    err = error(book, global_tables=True, replica_regions=("us-east-1",))
    assert err.field == "config.replica_regions"


def test_streams_first_2_5_million_reads_a_month_are_free(book):
    within = ddb(
        book, streams=True, usage=DynamoDBUsage(stream_read_request_units_per_month=D(2_000_000))
    )
    assert within.components == ()
    est = ddb(
        book, streams=True, usage=DynamoDBUsage(stream_read_request_units_per_month=D(2_592_000))
    )
    reads = component(est, "Streams read requests beyond the 2.5M free")
    assert reads.quantity == D("0.092")
    assert reads.monthly == 92_000 * rate(book, "dynamodb", R, "streams_read")


def test_dax_bills_nodes_times_node_hours(book):
    est = ddb(book, dax=DaxConfig(node_type="dax.r5.large", nodes=3))
    dax = component(est, "DAX nodes (3 x dax.r5.large)")
    assert dax.quantity == 3 * 730
    assert dax.unit_price == rate(
        book, "dynamodb", R, "dax_node_hours", instance_class="dax.r5.large"
    )


def test_dax_where_the_catalog_has_no_dax_price_is_an_error(book):
    # The feed has no DAX prices for Seoul (aws-prices-notes.md).
    with pytest.raises(EstimateError) as caught:
        ddb(book, region="ap-northeast-2", dax=DaxConfig(node_type="dax.r5.large", nodes=3))
    assert caught.value.field == "config.dax.node_type"


def test_reserved_capacity_is_bought_in_blocks_of_100_with_an_upfront_fee(book):
    est = ddb(
        book,
        capacity_mode="provisioned",
        read_capacity_units=250,
        write_capacity_units=100,
        reserved_capacity=True,
    )
    reads = component(est, "Read capacity (200 RCU, reserved 1-year)")
    hourly = rate(
        book, "dynamodb", R, "reserved_rcu_hours", table_class="standard", term="1yr_reserved"
    )
    assert reads.monthly == 200 * 730 * hourly
    assert reads.upfront == 200 * rate(
        book, "dynamodb", R, "reserved_rcu_upfront", table_class="standard", term="1yr_reserved"
    )
    assert component(est, "Provisioned read capacity (50 RCU").quantity == 50 * 730
    assert component(est, "Write capacity (100 WCU, reserved").upfront == 100 * D("1.5")
    assert est.upfront == 200 * D("0.3") + 100 * D("1.5")


def test_reserved_capacity_is_not_offered_for_standard_ia(book):
    err = error(
        book,
        capacity_mode="provisioned",
        read_capacity_units=100,
        write_capacity_units=100,
        reserved_capacity=True,
        table_class="standard_ia",
    )
    assert err.field == "config.reserved_capacity"


def test_reserved_capacity_needs_provisioned_mode(book):
    assert error(book, reserved_capacity=True).field == "config.reserved_capacity"


def test_an_empty_on_demand_table_costs_nothing_and_lists_nothing(book):
    est = ddb(book)
    assert names(est) == [] and est.monthly == 0
