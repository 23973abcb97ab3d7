"""Design-wide findings: budget, exclusions, nothing feasible, assumptions said aloud; and the
rule registry (every rule has a source address)."""

from __future__ import annotations

import pytest

from advisor.engine.findings import RULES, SOURCES, finding

from .helpers import Has, Lacks, answer, check

CASES = [
    pytest.param(
        {"monthly_budget_usd": 10},
        {"findings": Has("budget.exceeded", "budget.none_feasible")},
        id="budget-below-every-feasible-option-says-so-with-the-cheapest",
    ),
    pytest.param(
        {"monthly_budget_usd": 100000},
        {"findings": Has("budget.within")},
        id="budget-met-is-said",
    ),
    pytest.param(
        {"exclude_services": ["rds"]},
        {"rejected[rds]": Has("constraint.excluded"), "primary.service": "aurora"},
        id="excluded-service-is-rejected-by-name",
    ),
    pytest.param(
        {"engine_preference": "postgresql"},
        {"rejected[dynamodb]": Has("constraint.engine_kept"),
         "rejected[elasticache]": Has("constraint.engine_kept")},
        id="an-engine-to-keep-rules-out-dynamodb-and-elasticache",
    ),
    pytest.param(
        {"exclude_services": ["rds", "aurora", "dynamodb"]},
        {"primary": None, "findings": Has("recommendation.none_feasible"),
         "rejected[elasticache]": Has("constraint.cache_not_primary")},
        id="relational-data-with-only-elasticache-left-has-no-feasible-option",
    ),
    pytest.param(
        {},
        {"findings": Has("workload.average_assumed", "workload.working_set_assumed",
                         "workload.iops_assumed")},
        id="assumed-averages-working-set-and-iops-are-said",
    ),
    pytest.param(
        {"avg_reads_per_sec": 100, "avg_writes_per_sec": 10, "working_set_gb": 5,
         "iops_required": 1000},
        {"findings": Lacks("workload.average_assumed", "workload.working_set_assumed",
                           "workload.iops_assumed")},
        id="measured-figures-replace-the-assumptions",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("answers", "expected"), CASES)
def test_design_findings(book, answers, expected):
    check(answer(book, **answers), expected)


def test_budget_between_cheapest_and_best_names_the_cheaper_option_and_what_it_gives_up(book):
    data = answer(book)
    options = [data["primary"], *data["alternatives"]]
    cheapest = min(options, key=lambda o: float(o["monthly_usd"]))
    assert cheapest is not data["primary"], "this workload's best is not its cheapest"
    budget = (float(cheapest["monthly_usd"]) + float(data["primary"]["monthly_usd"])) / 2
    data = answer(book, monthly_budget_usd=round(budget, 2))
    rules = {f["rule"]: f["message"] for f in data["findings"]}
    assert "budget.exceeded" in rules and "budget.cheapest" in rules
    assert cheapest["label"] in rules["budget.cheapest"]
    assert "gives up" in rules["budget.cheapest"]


def test_every_rule_has_a_source_address_from_the_facts():
    for rule, (key, _facts) in RULES.items():
        assert SOURCES[key].startswith("https://"), rule


def test_every_finding_the_engine_makes_is_a_registered_rule(book):
    payloads = [
        {}, {"data_model": "key_value", "latency_p99_ms": 0.5, "consistency": "eventual"},
        {"multi_region": "active_active", "regions": ["us-east-1", "eu-west-1"]},
        {"data_model": "in_memory", "migration_source": {"engine": "redis"}},
        {"migration_source": {"engine": "oracle"}, "monthly_budget_usd": 1},
    ]  # fmt: skip
    for payload in payloads:
        data = answer(book, **payload)
        found = list(data["findings"])
        for option in [data["primary"], data["cache"], data["migration"], *data["alternatives"]]:
            found += option["rationale"] if option else []
        for rejected in data["rejected"]:
            found += rejected["reasons"]
        for f in found:
            assert f["rule"] in RULES, f["rule"]
            assert f["source"] == SOURCES[RULES[f["rule"]][0]] or f["source"].startswith("https://")
            assert f["severity"] in ("info", "warning", "risk") and f["message"]


def test_an_unknown_rule_id_cannot_be_used():
    with pytest.raises(KeyError):
        finding("no.such.rule", "info", "x")
