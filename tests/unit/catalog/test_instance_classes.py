"""The shipped instance-class specs cover the priced classes and hold sane, sourced values.

Read straight from catalog/data/ (no database), so a gap or a typo in instance_classes.csv
fails here before it reaches the catalog page or the engine.
"""

from __future__ import annotations

import csv
from decimal import Decimal

import pytest

from catalog.shipped import DATA_DIR, instance_class_from_row, read_rows

# Priced classes whose hardware figures no AWS page in reach gave us. Each stays out of
# instance_classes.csv rather than carry an invented number; the catalog page shows "—".
KNOWN_GAPS = {
    # The ElastiCache pricing-page feed lists it, but the archived copies we could read did
    # not reach its entry, and CacheNodes.SupportedTypes gives bandwidth only.
    "cache.t3.small",
}

# Which service's classes carry which name prefix (RDS and Aurora share db.*).
PREFIX_SERVICE = {"db": "rds", "cache": "elasticache", "dax": "dax", "dms": "dms"}

AWS_SOURCES = ("https://docs.aws.amazon.com/", "https://b0.p.awsstatic.com/pricing/")


def _priced_classes() -> set[str]:
    with (DATA_DIR / "prices.csv").open(newline="", encoding="utf-8") as fh:
        return {row["instance_class"] for row in csv.DictReader(fh) if row["instance_class"]}


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    return list(read_rows(DATA_DIR / "instance_classes.csv"))


@pytest.fixture(scope="module")
def specs(rows):
    return {r["name"]: instance_class_from_row(r) for r in rows}


def test_every_priced_class_has_specs_or_is_a_listed_gap(specs):
    missing = _priced_classes() - set(specs) - KNOWN_GAPS
    assert not missing, f"priced classes without specs: {sorted(missing)}"


def test_known_gaps_are_really_gaps(specs):
    # A gap that gained a row must leave the list, so the list never hides a stale entry.
    assert not KNOWN_GAPS & set(specs)
    assert _priced_classes() >= KNOWN_GAPS


def test_no_spec_row_for_a_class_the_catalog_does_not_price(specs):
    assert set(specs) <= _priced_classes()


def test_names_are_unique(rows):
    names = [r["name"] for r in rows]
    assert len(names) == len(set(names))


def test_service_matches_the_name_prefix(specs):
    for name, spec in specs.items():
        assert spec.service == PREFIX_SERVICE[name.split(".")[0]], name


def test_vcpu_and_memory_are_positive_and_plausible(specs):
    for name, spec in specs.items():
        assert 1 <= spec.vcpu <= 192, name
        # Smallest priced class has 0.5 GiB (cache.t*.micro), largest 4,096 GiB (x2iedn).
        assert Decimal("0.5") <= spec.memory_gib <= Decimal(4096), name


def test_memory_grows_with_size_within_a_family(specs):
    families: dict[str, list] = {}
    for spec in specs.values():
        families.setdefault(spec.name.rsplit(".", 1)[0], []).append(spec)
    for family, members in families.items():
        by_vcpu = sorted(members, key=lambda s: (s.vcpu, s.memory_gib))
        memories = [s.memory_gib for s in by_vcpu]
        assert memories == sorted(memories), family


def test_burstable_means_a_t_family(specs):
    for name, spec in specs.items():
        assert spec.burstable == spec.family.startswith("t"), name


def test_graviton_families_are_arm64(specs):
    for name, spec in specs.items():
        expected = "arm64" if "g" in spec.family else "x86_64"
        assert spec.arch == expected, name


def test_known_figures_from_the_aws_tables(specs):
    # Spot checks against the AWS pages the rows cite, so a shifted column cannot pass.
    assert (specs["db.r6g.large"].vcpu, specs["db.r6g.large"].memory_gib) == (2, 16)
    assert (specs["db.x2iedn.32xlarge"].vcpu, specs["db.x2iedn.32xlarge"].memory_gib) == (
        128,
        4096,
    )
    assert specs["cache.r7g.large"].memory_gib == Decimal("13.07")
    assert specs["dms.c5.4xlarge"].memory_gib == 32
    assert specs["dax.r5.large"].memory_gib == 16


def test_every_row_names_an_aws_source(specs):
    for name, spec in specs.items():
        assert spec.source.startswith(AWS_SOURCES), name
