"""The answer's JSON: configs as advisor.configs renders them, money with two places, unit
prices at full precision."""

from __future__ import annotations

from decimal import Decimal

import pytest

from advisor.configs import (
    AuroraConfig,
    DaxConfig,
    DmsConfig,
    DynamoDBConfig,
    ElastiCacheConfig,
    RdsConfig,
)
from advisor.configs import to_json as configs_to_json
from advisor.engine.serialize import config_to_json, money, quantity, unit_price


@pytest.mark.parametrize(
    "config",
    [
        RdsConfig(engine="oracle", instance_class="db.r5.large", edition="ee",
                  dr_regions=("us-west-2",), provisioned_iops=12000),
        AuroraConfig(engine="aurora-postgresql", capacity="serverless_v2", min_acu=Decimal("0.5"),
                     max_acu=Decimal(16), secondary_regions=("eu-west-1", "eu-west-2")),
        DynamoDBConfig(dax=DaxConfig(node_type="dax.r5.large"), replica_regions=("us-east-2",)),
        ElastiCacheConfig(node_type="cache.r7g.large", shards=3),
        DmsConfig(source_engine="oracle", target_engine="aurora-postgresql",
                  estimated_full_load_hours=Decimal("6.5")),
        None,
    ],
    ids=["rds", "aurora-decimal-acus", "dynamodb-nested-dax", "elasticache", "dms", "none"],
)  # fmt: skip
def test_configs_render_exactly_as_advisor_configs_does(config):
    assert config_to_json(config) == configs_to_json(config)


@pytest.mark.parametrize(
    ("amount", "text"),
    [(Decimal("1234.565"), "1234.57"), (Decimal(0), "0.00"), (Decimal("0.004"), "0.00"),
     (Decimal("1E+3"), "1000.00")],
    ids=["rounds-half-up", "zero", "below-a-cent", "exponent"],
)  # fmt: skip
def test_money_has_two_places(amount, text):
    assert money(amount) == text


def test_unit_prices_and_quantities_keep_full_precision_without_exponents():
    assert unit_price(Decimal("0.000000125")) == "0.000000125"
    assert unit_price(Decimal("0.1000")) == "0.1"
    assert quantity(Decimal("1.46E+3")) == "1460"
