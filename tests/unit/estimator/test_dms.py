"""DMS billing rules: replication instance hours and storage beyond the included allowance."""

from __future__ import annotations

import pytest

from advisor.configs import DmsConfig, DmsUsage
from advisor.estimator import EstimateError, estimate

from .support import D, component, names, rate

R = "us-east-1"


def dms(book, usage=None, **config):
    config.setdefault("source_engine", "oracle")
    config.setdefault("target_engine", "aurora-postgresql")
    return estimate("dms", R, DmsConfig(**config), usage or DmsUsage(hours=D(730)), book)


@pytest.mark.parametrize(("multi_az", "deployment"), [(False, "single_az"), (True, "multi_az")])
def test_replication_instance_hours_at_single_or_multi_az_rates(book, multi_az, deployment):
    est = dms(book, replication_instance_class="dms.r5.large", multi_az=multi_az)
    instance = component(est, "Replication instance (dms.r5.large")
    assert instance.monthly == 730 * rate(
        book,
        "dms",
        R,
        "replication_instance_hours",
        deployment=deployment,
        instance_class="dms.r5.large",
    )


@pytest.mark.parametrize(
    ("instance_class", "included"),
    [
        ("dms.t3.medium", 50),
        ("dms.r5.large", 100),
        ("dms.c5.large", 100),  # assumed: same allowance as c4/r4/r5 (see dms.py)
        ("dms.r6i.large", 100),  # assumed
    ],
)
def test_storage_beyond_the_included_allowance_is_billed(book, instance_class, included):
    est = dms(
        book,
        replication_instance_class=instance_class,
        usage=DmsUsage(hours=D(730), storage_gb=D(150)),
    )
    storage = component(est, f"Replication storage beyond the {included} GB included")
    assert storage.quantity == 150 - included
    at_allowance = dms(
        book,
        replication_instance_class=instance_class,
        usage=DmsUsage(hours=D(730), storage_gb=D(included)),
    )
    assert not [n for n in names(at_allowance) if "storage" in n]


def test_storage_is_prorated_to_the_hours_the_instance_runs(book):
    est = dms(
        book,
        replication_instance_class="dms.t3.medium",
        usage=DmsUsage(hours=D(73), storage_gb=D(150)),
    )
    assert component(est, "Replication storage").quantity == 10  # 100 GB x 73/730


def test_hours_default_to_the_estimated_full_load_hours(book):
    est = dms(book, estimated_full_load_hours=D(48), usage=DmsUsage())
    assert component(est, "Replication instance").quantity == 48


def test_config_allocated_storage_is_used_when_usage_gives_none(book):
    est = dms(book, replication_instance_class="dms.t3.medium", allocated_storage_gb=80)
    assert component(est, "Replication storage").quantity == 30


def test_an_unknown_replication_class_names_the_field(book):
    for bad in ("dms.x9.large", "db.r5.large", "r5"):
        with pytest.raises(EstimateError) as caught:
            dms(book, replication_instance_class=bad)
        assert caught.value.field == "config.replication_instance_class"


def test_more_hours_than_a_month_has_is_an_error(book):
    with pytest.raises(EstimateError) as caught:
        dms(book, usage=DmsUsage(hours=D(2_000)))
    assert caught.value.field == "usage.hours"
    with pytest.raises(EstimateError) as caught:
        dms(book, estimated_full_load_hours=D(800), usage=DmsUsage())
    assert caught.value.field == "config.estimated_full_load_hours"
