"""evolve: the engine's dataclasses.replace, as fast copies of its frozen dataclasses."""

from __future__ import annotations

from dataclasses import FrozenInstanceError, dataclass, replace
from decimal import Decimal

import pytest

from advisor.configs import RdsConfig
from advisor.engine.findings import info
from advisor.engine.model import Option, evolve, totals_of
from advisor.estimator.base import CostComponent

OPTION = Option(service="rds", label="RDS PostgreSQL", config=None, usage=None,
                region="us-east-1", components=(), rationale=(info("rds.pitr", "PITR."),),
                monthly=Decimal("12.50"))  # fmt: skip


@pytest.mark.parametrize(
    ("obj", "changes"),
    [
        pytest.param(OPTION, {"fit_score": 80}, id="option-one-field"),
        pytest.param(
            OPTION,
            {"needs_cache": True, "ranking_monthly": Decimal(30), "rationale": ()},
            id="option-several-fields",
        ),  # fmt: skip
        pytest.param(OPTION, {}, id="option-no-change"),
        pytest.param(
            RdsConfig(engine="mysql", instance_class="db.r6g.large"),
            {"pricing_term": "1yr_no_upfront"},
            id="config",
        ),  # fmt: skip
    ],
)
def test_evolve_makes_what_dataclasses_replace_makes(obj, changes):
    made = evolve(obj, **changes)
    assert made == replace(obj, **changes) and made is not obj
    assert all(getattr(made, name) is value for name, value in changes.items())


def test_an_evolved_copy_is_still_frozen_and_leaves_the_original_alone():
    made = evolve(OPTION, fit_score=80)
    with pytest.raises(FrozenInstanceError):
        made.fit_score = 1  # type: ignore[misc]
    assert OPTION.fit_score == 0


def test_evolve_refuses_a_field_the_class_does_not_have():
    with pytest.raises(TypeError):
        evolve(OPTION, fit=80)


@dataclass(frozen=True)
class _Checked:
    value: int

    def __post_init__(self) -> None:
        if self.value < 0:
            raise ValueError("negative")


def test_evolve_runs_post_init_for_a_class_that_has_one():
    with pytest.raises(ValueError, match="negative"):
        evolve(_Checked(1), value=-1)


def _component(monthly: str, upfront: str) -> CostComponent:
    return CostComponent("Instance", "hours", Decimal(730), Decimal(1), Decimal(monthly),
                         upfront=Decimal(upfront))  # fmt: skip


@pytest.mark.parametrize(
    ("components", "monthly", "upfront"),
    [
        pytest.param((), "0", "0", id="nothing-priced"),
        pytest.param((_component("1.234", "0"),), "1.23", "0.00", id="on-demand-no-upfront"),
        pytest.param(
            (_component("1", "0"), _component("2.005", "12.345")),
            "3.01",
            "12.35",
            id="reserved-upfront-rounded-per-component",
        ),  # fmt: skip
        pytest.param(
            (_component("0.004", "0.004"), _component("0.004", "0.004")),
            "0.00",
            "0.00",
            id="each-rounded-before-adding",
        ),  # fmt: skip
    ],
)
def test_totals_add_the_components_rounded_to_cents(components, monthly, upfront):
    # As text: a total prints as it is shown (two places once anything is priced).
    assert [str(t) for t in totals_of(components)] == [monthly, upfront]
