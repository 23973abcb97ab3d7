"""Break-even points against hand arithmetic on the shipped us-east-1 prices.

Each test prices two configurations that differ in one respect, and checks the value where
their costs meet against the sum written out from the catalog's rates (also checked here,
so a catalog change fails loudly at the rate, not somewhere in the arithmetic).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from advisor.comparisons import breakeven
from advisor.comparisons.choices import Priced
from advisor.configs import (
    AuroraConfig,
    AuroraUsage,
    DynamoDBConfig,
    DynamoDBUsage,
    ElastiCacheConfig,
    ElastiCacheUsage,
)
from advisor.estimator import estimate
from catalog.pricebook import PriceKey

D = Decimal
R = "us-east-1"
MILLION = D(1_000_000)


def priced(book, service, config, usage, label="") -> Priced:
    found = estimate(service, R, config, usage, book)
    return Priced(label or service, service, R, config, usage, found.components, None)


def rate(book, service, dimension, **attrs) -> Decimal:
    return book.price(PriceKey(service, R, dimension, **attrs)).usd


def test_dynamodb_on_demand_and_provisioned_cross_at_the_utilisation_the_unit_prices_give(book):
    # Rates: WRU $0.625/M, RRU $0.125/M; WCU $0.00065/h, RCU $0.00013/h (Standard).
    assert rate(book, "dynamodb", "on_demand_write", table_class="standard") == D("0.000000625")
    assert rate(book, "dynamodb", "on_demand_read", table_class="standard") == D("0.000000125")
    assert rate(book, "dynamodb", "provisioned_wcu", table_class="standard") == D("0.00065")
    assert rate(book, "dynamodb", "provisioned_rcu", table_class="standard") == D("0.00013")
    usage = DynamoDBUsage(storage_gb=D(10), read_request_units_per_month=D(100_000_000),
                          write_request_units_per_month=D(50_000_000))  # fmt: skip
    on_demand = priced(book, "dynamodb", DynamoDBConfig(capacity_mode="on_demand"), usage, "od")
    provisioned = priced(
        book,
        "dynamodb",
        DynamoDBConfig(
            capacity_mode="provisioned", read_capacity_units=100, write_capacity_units=100
        ),  # fmt: skip
        usage,
        "prov",
    )
    found = breakeven.capacity_mode(book, on_demand, provisioned)
    # Provisioned, a month: (100 x 0.00013 + 100 x 0.00065) $/h x 730 h = $56.94.
    # The same units used every second on demand: 100 x 3,600 s x 730 h = 262.8 M units of
    # each: 262.8 x $0.125 + 262.8 x $0.625 = $32.85 + $164.25 = $197.10.
    # They cross at 56.94 / 197.10 = 0.28889 (= 0.00065 / (3,600 x 0.000000625) as well).
    assert found.value == D("56.94") / D("197.10")
    assert round(found.value, 4) == D("0.2889")
    assert (found.a, found.b, found.variable, found.kind) == ("od", "prov", "utilization",
                                                             "capacity_mode")  # fmt: skip
    assert "28.9%" in found.message
    # This workload's use: on demand it spends (100 x 0.125 + 50 x 0.625) = $43.75 of the
    # $197.10 that full use would cost: 22.2%.
    assert "22.2%" in found.message


def test_aurora_io_optimized_pays_from_the_io_share_its_dearer_instance_and_storage_give(book):
    assert rate(book, "aurora", "instance_hours", engine="aurora-postgresql",
                instance_class="db.r6g.large", storage_type="standard") == D("0.26")  # fmt: skip
    assert rate(book, "aurora", "instance_hours", engine="aurora-postgresql",
                instance_class="db.r6g.large", storage_type="io_optimized") == D("0.338")  # fmt: skip
    assert rate(book, "aurora", "storage", storage_type="standard") == D("0.1")
    assert rate(book, "aurora", "storage", storage_type="io_optimized") == D("0.225")
    assert rate(book, "aurora", "io_requests", storage_type="standard") == D("0.0000002")
    config = AuroraConfig(engine="aurora-postgresql", instance_class="db.r6g.large")
    usage = AuroraUsage(storage_gb=D(100), io_requests_per_month=D(100_000_000))
    standard = priced(book, "aurora", config, usage, "standard")
    optimized = priced(book, "aurora", AuroraConfig(engine="aurora-postgresql",
                       instance_class="db.r6g.large", storage_config="io_optimized"), usage, "opt")  # fmt: skip
    found = breakeven.storage_config(book, standard, optimized)
    # Standard without I/O: 0.26 x 730 + 0.10 x 100 = 189.80 + 10 = $199.80.
    # I/O-Optimized:        0.338 x 730 + 0.225 x 100 = 246.74 + 22.50 = $269.24.
    # Equal when I/O costs 269.24 - 199.80 = $69.44, i.e. 69.44 / 269.24 of the Standard bill.
    assert found.value == D("69.44") / D("269.24")
    assert round(found.value, 4) == D("0.2579")
    assert (found.a, found.b, found.variable) == ("opt", "standard", "io_share")
    assert "$69.44 of I/O a month" in found.message
    # 69.44 / 0.0000002 = 347.2 M I/Os a month = 132.1 a second.
    assert "132 I/Os a second" in found.message
    # Today: 100 M I/Os = $20 of a $219.80 bill: 9.1%.
    assert "9.1%" in found.message


def test_serverless_v2_costs_the_same_as_an_instance_at_its_hourly_rate_in_acus(book):
    assert rate(book, "aurora", "serverless_v2_capacity", engine="aurora-postgresql",
                storage_type="standard") == D("0.12")  # fmt: skip
    usage = AuroraUsage(storage_gb=D(50))
    provisioned = priced(book, "aurora", AuroraConfig(engine="aurora-postgresql",
                         instance_class="db.r6g.large"), usage, "prov")  # fmt: skip
    serverless = priced(
        book,
        "aurora",
        AuroraConfig(
            engine="aurora-postgresql", capacity="serverless_v2", min_acu=D("0.5"), max_acu=D(8)
        ),  # fmt: skip
        AuroraUsage(storage_gb=D(50), avg_acu=D(4)),
        "sv2",
    )
    found = breakeven.serverless_v2(book, provisioned, serverless)
    # db.r6g.large: 0.26 x 730 = $189.80 a month; an ACU: 0.12 x 730 = $87.60 a month;
    # storage is the same on both. Equal at 189.80 / 87.60 = 2.1667 ACU -> 2.17,
    # which is 2.17 / 8 of the 8 ACU maximum.
    assert found.avg_acu == D("2.17")
    assert found.value == D("2.17") / D(8)
    assert (found.a, found.b, found.variable, found.kind) == ("sv2", "prov", "utilization",
                                                              "serverless_v2")  # fmt: skip
    assert "2.17 ACU per instance" in found.message


def test_serverless_v2_that_cannot_beat_the_instance_even_at_its_minimum_is_said_so(book):
    usage = AuroraUsage(storage_gb=D(50))
    provisioned = priced(book, "aurora", AuroraConfig(engine="aurora-postgresql",
                         instance_class="db.r6g.large"), usage)  # fmt: skip
    serverless = priced(
        book,
        "aurora",
        AuroraConfig(
            engine="aurora-postgresql", capacity="serverless_v2", min_acu=D(4), max_acu=D(16)
        ),  # fmt: skip
        AuroraUsage(storage_gb=D(50), avg_acu=D(8)),
    )
    found = breakeven.serverless_v2(book, provisioned, serverless)
    assert isinstance(found, str)
    assert "even at its 4 ACU minimum" in found


def test_elasticache_serverless_costs_less_than_nodes_up_to_the_traffic_the_prices_give(book):
    assert rate(book, "elasticache", "node_hours", engine="valkey",
                instance_class="cache.r6g.large") == D("0.1648")  # fmt: skip
    assert rate(book, "elasticache", "serverless_data_storage", engine="valkey") == D("0.084")
    assert rate(book, "elasticache", "serverless_ecpu", engine="valkey") == D("0.0000000023")
    nodes = priced(book, "elasticache", ElastiCacheConfig(node_type="cache.r6g.large",
                   replicas_per_shard=1, multi_az=True, automatic_failover=True),
                   ElastiCacheUsage(), "nodes")  # fmt: skip
    serverless = priced(
        book,
        "elasticache",
        ElastiCacheConfig(deployment="serverless", cluster_mode=True, multi_az=True),
        ElastiCacheUsage(avg_data_gb=D("1.1"), ecpu_per_month=D(1_000_000_000)),
        "serverless",
    )
    found = breakeven.elasticache_serverless(book, nodes, serverless)
    # Nodes: 2 x 0.1648 x 730 = $240.608. Serverless idle: 1.1 GB x 0.084 x 730 = $67.452;
    # today's 1,000 M ECPUs: 1,000 x $0.0023 = $2.30. Equal at (240.608 - 67.452) / 2.30.
    assert found.value == (D("240.608") - D("67.452")) / D("2.30")
    assert round(found.value, 2) == D("75.29")
    assert (found.a, found.b, found.variable) == ("serverless", "nodes", "traffic_multiplier")


def test_standard_ia_starts_to_pay_in_the_month_the_table_reaches_the_break_even_size(book):
    assert rate(book, "dynamodb", "storage", table_class="standard") == D("0.25")
    assert rate(book, "dynamodb", "storage", table_class="standard_ia") == D("0.1")
    assert rate(book, "dynamodb", "on_demand_read", table_class="standard_ia") == D("0.000000155")
    assert rate(book, "dynamodb", "on_demand_write", table_class="standard_ia") == D("0.00000078")
    usage = DynamoDBUsage(storage_gb=D(100), read_request_units_per_month=D(1_000_000_000),
                          write_request_units_per_month=D(100_000_000))  # fmt: skip
    standard = priced(book, "dynamodb", DynamoDBConfig(), usage, "std")
    infrequent = priced(book, "dynamodb", DynamoDBConfig(table_class="standard_ia"), usage, "ia")
    found = breakeven.table_class(book, standard, infrequent, growth_gb=D(20), months=36)
    # Requests cost more on Standard-IA: 1,000 M x (0.155 - 0.125) + 100 M x (0.78 - 0.625)
    # = $30 + $15.50 = $45.50; storage saves 0.25 - 0.10 = $0.15 a GB: $15 at 100 GB.
    # IA is dearer by $30.50 today and catches up at 100 + 30.50 / 0.15 = 303.3 GB,
    # which 20 GB a month reaches in 203.3 / 20 = 10.17 months.
    assert found.value == D("10.2")
    assert (found.a, found.b, found.variable, found.kind) == ("ia", "std", "month", "table_class")
    assert "about 303 GB" in found.message


def test_standard_ia_beyond_the_months_swept_is_a_note_not_a_break_even(book):
    usage = DynamoDBUsage(storage_gb=D(100), read_request_units_per_month=D(1_000_000_000),
                          write_request_units_per_month=D(100_000_000))  # fmt: skip
    standard = priced(book, "dynamodb", DynamoDBConfig(), usage)
    infrequent = priced(book, "dynamodb", DynamoDBConfig(table_class="standard_ia"), usage)
    found = breakeven.table_class(book, standard, infrequent, growth_gb=D(1), months=36)
    assert isinstance(found, str)
    assert "303 GB" in found and "beyond month 36" in found


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        # a - b: -3, -1, +1 between x = 1 and 2: zero at 1 + 1 x 1 / (1 + 1) = 1.5; a dearer after.
        ([10, 12, 14], [13, 13, 13], [(D("1.5"), 2, 1)]),
        # A tie at x = 1 is not a crossing by itself: -2, 0, +2 crosses once, at 1.
        ([1, 3, 5], [3, 3, 3], [(D(1), 2, 1)]),
        # Back and forth: two crossings.
        ([1, 5, 1], [3, 3, 3], [(D("0.5"), 1, 1), (D("1.5"), 2, -1)]),
        # A missing point breaks the curve: no crossing is claimed across it.
        ([1, None, 5], [3, 3, 3], []),
        ([1, 2, 2], [3, 3, 3], []),
    ],
)
def test_crossings_are_found_by_sign_change_and_linear_interpolation(a, b, expected):
    xs = [D(0), D(1), D(2)]
    found = breakeven.crossings(xs, [None if v is None else D(v) for v in a], [D(v) for v in b])
    assert found == expected


def test_a_crossing_names_the_cheaper_option_after_it():
    found = breakeven.crossing("A", "B", "traffic_multiplier", D("3.456"), D(5), -1,
                               D(100), D(120))  # fmt: skip
    assert found.value == D("3.46")
    assert found.message.startswith("Above about 3.46 x today's traffic, A costs less than B")
    assert "$100.00 against $120.00" in found.message
    later = breakeven.crossing("A", "B", "month", D("13.26"), D(14), 1, D(130), D(120))
    assert later.value == D("13.3")
    assert later.message.startswith("From about month 13.3, B costs less than A")
