"""ElastiCache billing rules: nodes, engines, Serverless minimums, backups, Global Datastore,
reserved nodes, and the add-on SKU trap."""

from __future__ import annotations

import pytest

from advisor.configs import ElastiCacheConfig, ElastiCacheUsage
from advisor.estimator import EstimateError, estimate

from .support import D, component, rate

R = "us-east-1"


def cache(book, usage=None, region=R, **config):
    config.setdefault("engine", "valkey")
    if config.get("deployment", "node_based") == "node_based":
        config.setdefault("node_type", "cache.r7g.large")
    return estimate(
        "elasticache", region, ElastiCacheConfig(**config), usage or ElastiCacheUsage(), book
    )


def error(book, usage=None, **config) -> EstimateError:
    with pytest.raises(EstimateError) as caught:
        cache(book, usage, **config)
    return caught.value


def test_node_count_is_shards_times_one_primary_plus_replicas(book):
    est = cache(book, shards=3, replicas_per_shard=2, cluster_mode=True, multi_az=True)
    nodes = component(est, "Cache nodes (9 x cache.r7g.large, Valkey)")
    assert nodes.quantity == 9 * 730
    assert nodes.note == "3 shards x (1 primary + 2 replicas)"


def test_valkey_and_redis_oss_have_their_own_node_rates(book):
    valkey = component(cache(book, engine="valkey"), "Cache nodes")
    redis = component(cache(book, engine="redis"), "Cache nodes")
    assert valkey.unit_price == D("0.1752") and redis.unit_price == D("0.219")


def test_elasticache_node_price_mixes_in_no_add_on_skus(book):
    # instances.vantage.sh #909 summed add-on SKUs (SyncDurability) into node prices: the node
    # component must be exactly the plain node-hour row, one per engine, class and Region.
    node = component(cache(book, engine="redis", node_type="cache.m7g.large"), "Cache nodes")
    rows = [
        e
        for e in book.entries()
        if e.key.service == "elasticache"
        and e.key.region == R
        and e.key.instance_class == "cache.m7g.large"
        and e.key.engine == "redis"
    ]
    assert [e.key.dimension for e in rows] == ["node_hours"]
    assert node.unit_price == rows[0].usd
    assert node.monthly == 730 * rows[0].usd


@pytest.mark.parametrize(("engine", "minimum"), [("redis", 1), ("memcached", 1), ("valkey", "0.1")])
def test_serverless_bills_at_least_the_minimum_metered_storage(book, engine, minimum):
    est = cache(
        book, engine=engine, deployment="serverless", usage=ElastiCacheUsage(avg_data_gb=D("0.01"))
    )
    stored = component(est, "Serverless data stored")
    assert stored.quantity == D(minimum) * 730
    assert stored.unit_price == rate(
        book, "elasticache", R, "serverless_data_storage", engine=engine
    )


def test_serverless_bills_average_data_and_ecpus(book):
    est = cache(
        book,
        deployment="serverless",
        usage=ElastiCacheUsage(avg_data_gb=D(5), ecpu_per_month=D(3_000_000_000)),
    )
    assert component(est, "Serverless data stored").quantity == 5 * 730
    ecpu = component(est, "Serverless ECPUs (Valkey)")
    assert ecpu.quantity == 3_000
    assert ecpu.monthly == 3_000_000_000 * rate(
        book, "elasticache", R, "serverless_ecpu", engine="valkey"
    )


def test_serverless_takes_no_node_type(book):
    err = error(book, deployment="serverless", node_type="cache.r7g.large")
    assert err.field == "config.node_type"


def test_backup_storage_beyond_one_free_backup_is_billed(book):
    est = cache(
        book,
        snapshot_retention_days=7,
        usage=ElastiCacheUsage(avg_data_gb=D(50), backup_storage_gb=D(10_050)),
    )
    backup = component(est, "Backup storage beyond the one free backup")
    assert backup.quantity == 10_000
    assert backup.monthly == D("850.00")


def test_backup_without_a_size_spreads_the_total_over_retained_snapshots(book):
    est = cache(book, snapshot_retention_days=5, usage=ElastiCacheUsage(backup_storage_gb=D(50)))
    assert component(est, "Backup storage").quantity == 40


def test_backup_in_a_region_the_catalog_has_no_backup_price_for_is_an_error(book):
    # ElastiCache backup storage is priced in three Regions only (aws-prices-notes.md).
    err = error(
        book,
        region="eu-central-1",
        snapshot_retention_days=7,
        usage=ElastiCacheUsage(backup_storage_gb=D(100)),
    )
    assert err.field == "usage.backup_storage_gb"


def test_memcached_has_no_replicas_and_no_backups(book):
    err = error(book, engine="memcached", replicas_per_shard=1)
    assert err.field == "config.replicas_per_shard"
    err = error(book, engine="memcached", usage=ElastiCacheUsage(backup_storage_gb=D(1)))
    assert err.field == "usage.backup_storage_gb"


def test_multi_az_needs_a_replica_and_cluster_mode_off_means_one_shard(book):
    assert error(book, multi_az=True).field == "config.multi_az"
    assert error(book, shards=2, cluster_mode=False).field == "config.shards"


def test_global_datastore_adds_a_secondary_cluster_per_region(book):
    est = cache(
        book,
        engine="redis",
        replicas_per_shard=1,
        global_datastore=True,
        secondary_regions=("eu-west-1",),
    )
    secondary = component(est, "Global Datastore secondary in eu-west-1 (2 x")
    assert secondary.quantity == 2 * 730
    assert secondary.unit_price == rate(
        book,
        "elasticache",
        "eu-west-1",
        "node_hours",
        engine="redis",
        instance_class="cache.r7g.large",
    )


def test_global_datastore_is_not_for_serverless_or_memcached(book):
    err = error(
        book, deployment="serverless", global_datastore=True, secondary_regions=("eu-west-1",)
    )
    assert err.field == "config.global_datastore"
    err = error(book, engine="memcached", global_datastore=True, secondary_regions=("eu-west-1",))
    assert err.field == "config.global_datastore"


def test_reserved_nodes_use_the_redis_memcached_rows_with_upfront_apart(book):
    est = cache(book, engine="redis", replicas_per_shard=1, pricing_term="3yr_all_upfront")
    nodes = component(est, "Cache nodes (2 x cache.r7g.large, Redis OSS, reserved 3-year")
    assert nodes.price_key.engine == "redis_memcached"
    assert nodes.monthly == 0  # All Upfront: no recurring fee
    assert nodes.upfront == 2 * rate(
        book,
        "elasticache",
        R,
        "reserved_upfront",
        engine="redis_memcached",
        instance_class="cache.r7g.large",
        term="3yr_all_upfront",
    )


def test_reserved_valkey_nodes_are_an_error_not_a_guess(book):
    err = error(book, engine="valkey", pricing_term="1yr_no_upfront")
    assert err.field == "config.pricing_term"


def test_an_unknown_node_type_names_node_type(book):
    assert error(book, node_type="cache.r9z.large").field == "config.node_type"
