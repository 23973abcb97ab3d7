"""Design-wide findings: budget, exclusions, nothing feasible, assumptions said aloud; and the
rule registry (every rule has a source address)."""

from __future__ import annotations

import re
from decimal import Decimal

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
        {"monthly_budget_usd": 10},
        {"findings": Has("budget.levers")},
        id="over-budget-names-the-levers-of-the-cheapest-option",
    ),
    pytest.param(
        {"monthly_budget_usd": 100000},
        {"findings": Lacks("budget.levers")},
        id="within-budget-names-no-levers",
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
        {"data_model": "key_value", "consistency": "eventual", "multi_region": "active_active",
         "regions": ["us-east-1", "eu-west-1"]},
        {"primary.service": "dynamodb", "primary.config.dax": None,
         "findings": Lacks("workload.working_set_assumed", "workload.iops_assumed")},
        id="no-option-shown-uses-the-working-set-so-its-assumption-is-not-shown",
    ),
    pytest.param(
        {"data_model": "in_memory", "rpo_seconds": None, "storage_gb": 20,
         "exclude_services": ["rds", "aurora", "dynamodb"], "traffic_pattern": "steady"},
        {"primary.config.deployment": "node_based",
         "findings": Has("workload.average_assumed")},
        id="averages-assumed-for-a-serverless-alternative-are-still-said",
    ),
    pytest.param(
        {"monthly_budget_usd": 10},
        {"primary.rationale": Has("ranking.fit")},
        id="an-option-over-the-budget-says-what-lowered-its-fit",
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


def _message(findings: list[dict], rule: str) -> str:
    return next(f["message"] for f in findings if f["rule"] == rule)


def test_assumptions_only_alternatives_rest_on_say_so_and_name_no_absent_service(book):
    data = answer(book, data_model="key_value", storage_gb=1000, consistency="eventual")
    assert data["primary"]["service"] == "dynamodb" and data["primary"]["config"]["dax"] is None
    services = {o["service"] for o in data["alternatives"]}
    assert services == {"rds", "aurora"}
    text = _message(data["findings"], "workload.working_set_assumed")
    assert text.endswith("Only the RDS and Aurora alternatives rest on it, not the recommended "
                         "design.")  # fmt: skip
    assert "RDS performs" not in text
    # the averages size DynamoDB's request units: said plainly, as the design rests on them
    assert "Only the" not in _message(data["findings"], "workload.average_assumed")


def test_assumptions_name_the_questions_that_replace_them(book):
    findings = answer(book)["findings"]
    assert "Give 'Average reads' and 'Average writes'" in _message(
        findings, "workload.average_assumed"
    )
    assert "Give 'Working set'" in _message(findings, "workload.working_set_assumed")
    assert "Give 'Storage I/O'" in _message(findings, "workload.iops_assumed")


@pytest.mark.parametrize(
    "budget", [10, 500, 3000, None], ids=["far-below", "below", "between", "no-budget"]
)
def test_fit_loses_points_over_the_budget_and_says_which(book, budget):
    data = answer(book, monthly_budget_usd=budget)
    options = [data["primary"], *data["alternatives"]]
    for option in options:
        cost = Decimal(option["monthly_usd"]) + (
            Decimal(data["cache"]["monthly_usd"]) if option is data["primary"] and data["cache"]
            else 0
        )  # fmt: skip
        notes = [f["message"] for f in option["rationale"] if f["rule"] == "ranking.fit"]
        over = budget is not None and cost > budget
        if option["fit_score"] == 100:
            assert not notes and not over
            continue
        (note,) = notes
        assert note.startswith(f"Fit {option['fit_score']}/100; points lost: ")
        assert ("budget (15)" in note) == over
        if over:
            assert f"over the ${budget:,}.00 budget (15)" in note
        lost = sum(int(n) for n in re.findall(r"\((\d+)\)", note))
        assert max(0, 100 - lost) == option["fit_score"]  # the sentence adds up to the score


def test_over_budget_lowers_the_fit_below_the_same_answer_without_a_budget(book):
    free = answer(book, data_model="key_value", consistency="eventual")
    tight = answer(book, data_model="key_value", consistency="eventual", monthly_budget_usd=1)
    assert [o["label"] for o in tight["alternatives"]] == [o["label"] for o in free["alternatives"]]
    assert tight["primary"]["fit_score"] == free["primary"]["fit_score"] - 15
    assert Has("budget.exceeded").items[0] in [f["rule"] for f in tight["findings"]]


def test_fit_counts_the_cache_layers_risk(book):
    data = answer(book, consistency="read_after_write", latency_p99_ms=3,
                  exclude_services=["dynamodb"])  # fmt: skip
    assert data["cache"] and "cache.stale_reads" in [f["rule"] for f in data["cache"]["rationale"]]
    note = _message(data["primary"]["rationale"], "ranking.fit")
    assert "1 risk of its cache layer (15)" in note


WORDING_PAYLOADS = [
    {}, {"monthly_budget_usd": 500}, {"data_model": "key_value", "item_size_kb": 1000},
    {"data_model": "key_value", "consistency": "eventual", "latency_p99_ms": 0.5},
    {"data_model": "in_memory", "storage_gb": 20, "traffic_pattern": "steady"},
    {"data_model": "key_value", "engine_preference": "postgresql", "monthly_budget_usd": 50},
    {"consistency": "eventual", "latency_p99_ms": 0.5, "exclude_services": ["elasticache"]},
    {"consistency": "read_after_write", "latency_p99_ms": 3, "exclude_services": ["dynamodb"]},
]  # fmt: skip
# The rules whose sentences the modules checked here write (engine-wide sentences, DynamoDB,
# ElastiCache, constraints, budget, fit).
OWN_PREFIXES = ("workload.", "constraint.", "budget.", "ranking.", "dynamodb.", "elasticache.",
                "cache.", "recommendation.")  # fmt: skip


def _sentences(data: dict) -> list[str]:
    found = list(data["findings"])
    for option in [data["primary"], data["cache"], *data["alternatives"]]:
        found += option["rationale"] if option else []
    for rejected in data["rejected"]:
        found += rejected["reasons"]
    return [f["message"] for f in found if f["rule"].startswith(OWN_PREFIXES)]


@pytest.mark.parametrize("payload", WORDING_PAYLOADS)
def test_sentences_use_words_not_api_names_and_money_has_cents(book, payload):
    for text in _sentences(answer(book, **payload)):
        assert "(s)" not in text, text
        assert not re.search(r"\b[a-z]+_[a-z_]+\b", text), text  # no field or enum names
        for amount in re.findall(r"\$[\d,]+(?:\.\d+)?", text):
            assert re.fullmatch(r"\$\d{1,3}(,\d{3})*\.\d\d", amount), text


def test_budget_levers_name_the_cheapest_options_own_configuration(book):
    data = answer(book, environment="staging", reads_per_sec=6000, writes_per_sec=900,
                  storage_gb=500, engine_preference="postgresql", monthly_budget_usd=50)  # fmt: skip
    note = next(f["message"] for f in data["findings"] if f["rule"] == "budget.levers")
    assert note.startswith("The largest part of ") and "To spend less: " in note
    assert "a smaller class than db." in note or "a lower maximum ACU" in note
