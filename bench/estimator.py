"""Benchmark: estimates per second over 1,000 varied configurations, in one process.

    .venv/bin/python bench/estimator.py [--configs 1000] [--rounds 5] [--seed 2025]

Prices against the shipped catalog read straight into a PriceBook (catalog.shipped, no
database). The configurations are drawn at random (fixed seed) across the five services,
the catalog's Regions, its classes and the options that change the shape of an estimate
(Multi-AZ, clusters, replicas, DR Regions, reserved terms, global tables, Serverless ...);
only configurations the catalog can price are kept, so every timed call returns an estimate.
Beside it, in the same run: the cost of one PriceBook look-up (book.price of a key the
estimates used), how many look-ups an estimate makes, and the ratio of the two costs.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from advisor.configs import (  # noqa: E402
    AuroraConfig,
    AuroraUsage,
    DaxConfig,
    DmsConfig,
    DmsUsage,
    DynamoDBConfig,
    DynamoDBUsage,
    ElastiCacheConfig,
    ElastiCacheUsage,
    RdsConfig,
    RdsUsage,
)
from advisor.estimator import EstimateError, estimate  # noqa: E402
from catalog.pricebook import PriceBook, PriceKey  # noqa: E402
from catalog.shipped import shipped_pricebook  # noqa: E402


def classes(book: PriceBook, **key) -> tuple[str, ...]:
    return book.offered_classes(PriceKey(instance_class="", **key))


def rds(rng: random.Random, book: PriceBook, region: str):
    engine = rng.choice(["mysql", "postgresql", "mariadb", "oracle", "sqlserver"])
    edition, licence = None, "license_included"
    if engine == "oracle":
        edition = rng.choice(["se2", "ee"])
        licence = (
            "bring_your_own"
            if edition == "ee"
            else rng.choice(["license_included", "bring_your_own"])
        )  # noqa: E501
    elif engine == "sqlserver":
        edition = rng.choice(["ex", "web", "se", "ee"])
    deployment = rng.choice(["single_az", "multi_az_instance", "multi_az_cluster"])
    if deployment == "multi_az_cluster" and engine not in ("mysql", "postgresql"):
        deployment = "multi_az_instance"
    dep = {"single_az": "single_az", "multi_az_instance": "multi_az"}.get(deployment, deployment)
    offered = classes(book, service="rds", region=region, dimension="instance_hours", engine=engine,
                      edition=edition or "", license_model=licence if edition else "",
                      deployment=dep)  # fmt: skip
    if not offered:
        return None
    storage = rng.choice(["gp2", "gp3", "gp3", "io1", "io2"] if deployment != "multi_az_cluster"
                         else ["gp3", "io1"])  # fmt: skip
    size = rng.choice([20, 100, 250, 400, 1000, 4000])
    iops = None
    if storage in ("io1", "io2"):
        size, iops = max(size, 100), rng.choice([1000, 3000, 12000, 40000])
    elif storage == "gp3" and size >= 400 and engine != "sqlserver":
        iops = rng.choice([None, 12000, 16000, 30000])
    dr = rng.choice(["none", "none", "read_replica", "backup_replication"])
    if deployment == "multi_az_cluster" and dr == "backup_replication":
        dr = "none"
    others = [r for r in book.regions if r != region]
    term = "on_demand"
    if (
        engine in ("mysql", "postgresql")
        and deployment != "multi_az_cluster"
        and rng.random() < 0.3
    ):
        term = rng.choice(["1yr_no_upfront", "1yr_partial_upfront", "3yr_partial_upfront"])
    config = RdsConfig(
        engine=engine, edition=edition, license_model=licence, instance_class=rng.choice(offered),
        deployment=deployment, storage_type=storage, allocated_storage_gb=size,
        provisioned_iops=iops, read_replicas=rng.choice([0, 0, 1, 2]), cross_region_dr=dr,
        dr_regions=(rng.choice(others),) if dr != "none" else (), pricing_term=term,
    )  # fmt: skip
    return config, RdsUsage(backup_storage_gb=Decimal(rng.choice([0, size, size * 2])))


def aurora(rng: random.Random, book: PriceBook, region: str):
    engine = rng.choice(["aurora-mysql", "aurora-postgresql"])
    storage = rng.choice(["standard", "io_optimized"])
    serverless = rng.random() < 0.35
    others = [r for r in book.regions if r != region]
    is_global = rng.random() < 0.2
    config = AuroraConfig(
        engine=engine,
        capacity="serverless_v2" if serverless else "provisioned",
        instance_class=None if serverless else rng.choice(
            classes(book, service="aurora", region=region, dimension="instance_hours",
                    engine=engine, storage_type=storage)),
        min_acu=Decimal("0.5") if serverless else None, max_acu=Decimal(64) if serverless else None,
        replicas=rng.choice([0, 1, 2]), multi_az=rng.random() < 0.5, storage_config=storage,
        global_database=is_global, secondary_regions=tuple(rng.sample(others, 2)) if is_global else (),
    )  # fmt: skip
    usage = AuroraUsage(
        storage_gb=Decimal(rng.choice([10, 200, 2000])),
        io_requests_per_month=Decimal(rng.choice([0, 10**8, 3 * 10**9])),
        avg_acu=Decimal(rng.choice([1, 4, 12])) if serverless else None,
        backup_storage_gb=Decimal(rng.choice([0, 500, 5000])),
        replicated_write_ios_per_month=Decimal(10**8) if is_global else Decimal(0),
    )
    return config, usage


def dynamodb(rng: random.Random, book: PriceBook, region: str):
    provisioned = rng.random() < 0.5
    table_class = rng.choice(["standard", "standard", "standard_ia"])
    others = [r for r in book.regions if r != region]
    is_global = rng.random() < 0.3
    dax_classes = classes(book, service="dynamodb", region=region, dimension="dax_node_hours")
    config = DynamoDBConfig(
        capacity_mode="provisioned" if provisioned else "on_demand",
        read_capacity_units=rng.choice([5, 150, 2500]) if provisioned else None,
        write_capacity_units=rng.choice([5, 120, 900]) if provisioned else None,
        table_class=table_class,
        reserved_capacity=provisioned and table_class == "standard" and rng.random() < 0.4,
        dax=DaxConfig(rng.choice(dax_classes), 3) if dax_classes and rng.random() < 0.2 else None,
        global_tables=is_global, replica_regions=(rng.choice(others),) if is_global else (),
        pitr=rng.random() < 0.5, streams=rng.random() < 0.4,
    )  # fmt: skip
    usage = DynamoDBUsage(
        storage_gb=Decimal(rng.choice([1, 50, 900])),
        read_request_units_per_month=Decimal(rng.choice([0, 10**6, 5 * 10**8])),
        write_request_units_per_month=Decimal(rng.choice([0, 10**6, 10**8])),
        backup_storage_gb=Decimal(rng.choice([0, 100])),
        stream_read_request_units_per_month=Decimal(rng.choice([0, 10**7])) if config.streams
        else Decimal(0),
    )  # fmt: skip
    return config, usage


def elasticache(rng: random.Random, book: PriceBook, region: str):
    engine = rng.choice(["valkey", "redis", "memcached"])
    if rng.random() < 0.3:
        config = ElastiCacheConfig(engine=engine, deployment="serverless")
        return config, ElastiCacheUsage(avg_data_gb=Decimal(rng.choice(["0.05", "3", "40"])),
                                        ecpu_per_month=Decimal(rng.choice([10**8, 10**10])))  # fmt: skip
    offered = classes(book, service="elasticache", region=region, dimension="node_hours",
                      engine=engine)  # fmt: skip
    replicas = 0 if engine == "memcached" else rng.choice([0, 1, 2])
    shards = rng.choice([1, 2, 4])
    others = [r for r in book.regions if r != region]
    is_global = engine != "memcached" and rng.random() < 0.2
    term = "on_demand"
    if engine != "valkey" and rng.random() < 0.3:
        term = rng.choice(["1yr_no_upfront", "1yr_partial_upfront", "3yr_all_upfront"])
    config = ElastiCacheConfig(
        engine=engine, node_type=rng.choice(offered), shards=shards, replicas_per_shard=replicas,
        cluster_mode=shards > 1, multi_az=replicas > 0, global_datastore=is_global,
        secondary_regions=(rng.choice(others),) if is_global else (), pricing_term=term,
    )  # fmt: skip
    return config, ElastiCacheUsage()


def dms(rng: random.Random, book: PriceBook, region: str):
    multi_az = rng.random() < 0.5
    offered = classes(book, service="dms", region=region, dimension="replication_instance_hours",
                      deployment="multi_az" if multi_az else "single_az")  # fmt: skip
    config = DmsConfig(source_engine="oracle", target_engine="aurora-postgresql",
                       replication_instance_class=rng.choice(offered), multi_az=multi_az)  # fmt: skip
    usage = DmsUsage(hours=Decimal(rng.choice([24, 200, 730])),
                     storage_gb=Decimal(rng.choice([50, 100, 500])))  # fmt: skip
    return config, usage


BUILDERS = {"rds": rds, "aurora": aurora, "dynamodb": dynamodb, "elasticache": elasticache,
            "dms": dms}  # fmt: skip


def varied_configurations(book: PriceBook, count: int, seed: int) -> tuple[list[tuple], int]:
    rng = random.Random(seed)
    regions = sorted(book.regions)
    kept: list[tuple] = []
    refused = 0
    while len(kept) < count:
        service = rng.choice(list(BUILDERS))
        region = rng.choice(regions)
        drawn = BUILDERS[service](rng, book, region)
        if drawn is None:
            continue
        config, usage = drawn
        try:
            estimate(service, region, config, usage, book)
        except EstimateError:
            refused += 1  # a combination the catalog cannot price: not timed
            continue
        kept.append((service, region, config, usage))
    return kept, refused


def timed(rounds: int, work) -> tuple[float, float]:
    """Best and median wall time of `rounds` runs of `work`."""
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--configs", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2025)
    args = parser.parse_args()

    start = time.perf_counter()
    book = shipped_pricebook()
    load = time.perf_counter() - start
    configs, refused = varied_configurations(book, args.configs, args.seed)
    by_service = {s: sum(1 for c in configs if c[0] == s) for s in BUILDERS}

    def run_all() -> None:
        for service, region, config, usage in configs:
            estimate(service, region, config, usage, book)

    estimates_time, estimates_median = timed(args.rounds, run_all)

    # Count the look-ups the estimates make, and collect the keys they used.
    keys: list[PriceKey] = []
    lookups = 0
    plain_price = book.price

    def counting_price(key, *, field=""):
        nonlocal lookups
        lookups += 1
        keys.append(key)
        return plain_price(key, field=field)

    book.price = counting_price  # type: ignore[method-assign]
    results = [estimate(*c, book) for c in configs]
    del book.price
    components = sum(len(r.components) for r in results)

    known = [k for k in keys if book.has(k)]
    repeat = max(1, 200_000 // len(known))

    def look_up_all() -> None:
        price = book.price
        for _ in range(repeat):
            for key in known:
                price(key)

    lookup_best, lookup_median = timed(args.rounds, look_up_all)
    lookup_time = lookup_best / (repeat * len(known))
    per_estimate = estimates_time / len(configs)
    rate = len(configs) / estimates_time

    print(f"catalog {book.version}: {len(book):,} prices, read in {load:.2f} s (no database)")
    print(f"configurations: {len(configs):,} varied ({', '.join(f'{s} {n}' for s, n in by_service.items())});"
          f" {refused} drawn combinations the catalog cannot price were set aside")  # fmt: skip
    print(f"components per estimate: {components / len(configs):.1f};"
          f" PriceBook look-ups per estimate: {lookups / len(configs):.1f}")  # fmt: skip
    print(f"estimates: {rate:,.0f} per second ({per_estimate * 1e6:.1f} us each;"
          f" best of {args.rounds} rounds of {len(configs):,})")  # fmt: skip
    print(f"one PriceBook look-up: {lookup_time * 1e9:.0f} ns"
          f" (book.price over {len(known):,} keys the estimates used, x{repeat})")  # fmt: skip
    print(f"ratio: one estimate costs {per_estimate / lookup_time:,.0f} look-ups;"
          f" its {lookups / len(configs):.1f} look-ups are"
          f" {100 * lookups / len(configs) * lookup_time / per_estimate:.1f}% of its time")  # fmt: skip
    print(f"medians over the rounds: {estimates_median / len(configs) * 1e6:.1f} us per estimate,"
          f" {lookup_median / (repeat * len(known)) * 1e9:.0f} ns per look-up")  # fmt: skip


if __name__ == "__main__":
    main()
