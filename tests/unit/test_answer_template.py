"""templates/advisor/answer.html and its filters, rendered from a hand-written recommendation
in API.md's shape (tests/unit/answer_fixture.py). No database, no engine."""

from __future__ import annotations

import re

import pytest
from django.template.loader import render_to_string

from advisor.templatetags.advisor_format import (
    config_items,
    cost_chart,
    cost_difference,
    delta_usd,
    is_capacity_rule,
    quantity,
    usd,
    usd_unit,
)

from .answer_fixture import recommendation


def render(rec: dict) -> str:
    return render_to_string("advisor/answer.html", {"rec": rec})


def section(html: str, heading: str) -> str:
    """The text of the answer section that opens with `heading`."""
    start = html.index(f"<h3>{heading}")
    end = html.find("<section", start)
    return html[start : end if end != -1 else len(html)]


@pytest.fixture
def html() -> str:
    return render(recommendation())


def test_risks_come_before_the_configuration(html):
    assert "over the $500.00 budget" in html
    assert html.index("over the $500.00 budget") < html.index("<h3>Configuration")
    assert 'class="finding finding-risk"' in html


def test_the_header_names_the_primary_and_the_monthly_total(html):
    head = html[: html.index("</header>")]
    assert "Aurora PostgreSQL, 2 x db.r6g.large, Multi-AZ" in head
    assert "$685.39" in head
    assert "$429.60 database + $255.79 cache" in head
    assert "fit 86/100" in head
    assert "upfront" not in head  # no upfront fee in the fixture


def test_an_upfront_fee_is_shown_when_there_is_one():
    rec = recommendation()
    rec["primary"]["upfront_usd"] = "2100.00"
    assert "$2,100.00 upfront" in render(rec)


def test_the_configuration_reads_as_a_list_of_settings(html):
    config = section(html, "Configuration")
    assert "<dt>Instance class</dt><dd>db.r6g.large</dd>" in config
    assert "<dt>Multi-AZ</dt><dd>Yes</dd>" in config
    assert "<dt>Storage configuration</dt><dd>Standard</dd>" in config
    # settings that do not apply to this configuration are left out
    assert "Secondary Regions" not in config
    assert "Minimum ACUs" not in config


def test_the_cache_layer_and_the_migration_plan_are_shown(html):
    assert "ElastiCache Valkey, 2 x cache.r7g.large" in section(html, "Cache layer")
    migration = section(html, "Migration plan")
    assert "DMS full load + CDC, dms.r5.large" in migration
    assert "Full load and ongoing replication (CDC)" in migration
    assert "$30.24" in migration


def test_the_cost_table_lists_each_component_with_its_unit_price(html):
    cost = section(html, "Monthly cost")
    rows = re.findall(r"<tr>\s*<td>(.*?)</td>\s*<td class=\"num\" title=\"[\d.]+\">(.*?)</td>\s*<td class=\"nowrap\">(.*?)</td>"
                      r"\s*<td class=\"num\">(.*?)</td>\s*<td class=\"num\">(.*?)</td>", cost)  # fmt: skip
    assert rows == [
        ("Database instances (db.r6g.large, 2 instances)", "1,460", "hours", "$0.26", "$379.60"),
        ("Storage (Aurora Standard)", "200", "GB-months", "$0.10", "$20.00"),
        ("I/O requests", "150", "1M requests", "$0.20", "$30.00"),
        ("Cache nodes (cache.r7g.large, 2 nodes)", "1,460", "hours", "$0.1752", "$255.79"),
    ]
    assert re.search(r"Total per month</th><td class=\"num\">\$685.39", cost)


def test_the_chart_draws_one_bar_per_component_scaled_to_the_largest(html):
    cost = section(html, "Monthly cost")
    assert "<svg" in cost
    widths = re.findall(r'class="cost-bar-fill" x="0" y="\d+" width="([\d.]+%)"', cost)
    # the largest bar takes 80% of the width; the amount is written after each bar
    assert widths == ["80.0%", "53.9%", "6.3%", "4.2%"]
    assert re.search(r'class="cost-bar-value" x="81.5%" y="\d+">\$379.60<', cost)


def test_the_answer_uses_no_inline_script_or_style(html):
    # The CSP allows neither: bars are SVG attributes, not style="".
    assert "<script" not in html
    assert "style=" not in html


def test_the_rationale_links_each_rule_to_its_source(html):
    why = section(html, "Why this design")
    assert "One Aurora Replica in a second Availability Zone" in why
    assert (
        'href="https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/'
        'Concepts.AuroraHighAvailability.html"' in why
    )


def test_the_capacity_math_gathers_the_sizing_findings_apart_from_the_rationale(html):
    math = section(html, "Capacity math")
    assert "Working set 60 GB needs 16 GiB" in math  # the primary's sizing finding
    assert "reaches 260 GB in a year" in math  # a design-wide sizing finding
    assert "Working set 60 GB" not in section(html, "Why this design")


def test_a_capacity_section_from_the_engine_is_shown_first():
    rec = recommendation()
    rec["capacity"] = [{"rule": "dynamodb.capacity_units", "message": "2,000 RCU", "source": ""}]
    math = section(render(rec), "Capacity math")
    assert math.index("2,000 RCU") < math.index("Working set 60 GB")


def test_alternatives_show_cost_difference_and_fit(html):
    alternatives = section(html, "Alternatives")
    assert "RDS for PostgreSQL, db.r6g.large, Multi-AZ instance" in alternatives
    assert "$412.30" in alternatives
    assert "$17.30 less" in alternatives  # than the primary's $429.60
    assert "fit 74" in alternatives


def test_rejected_options_give_their_reasons(html):
    rejected = section(html, "Ruled out")
    assert "DynamoDB" in rejected
    assert "DynamoDB reads by key" in rejected


def test_the_catalog_version_and_date_are_named(html):
    assert "catalog aws-2025-12-06 (as of 2025-12-06)" in html


def test_a_source_that_is_not_a_web_address_is_not_linked():
    rec = recommendation()
    rec["findings"][0]["source"] = "javascript:alert(1)"
    assert "javascript:" not in render(rec)


def test_an_answer_without_a_primary_still_renders_its_findings():
    rec = recommendation()
    rec.update(primary=None, cache=None, migration=None, alternatives=[], total_monthly_usd="0.00")
    html = render(rec)
    assert "No option fits every answer" in html
    assert "over the $500.00 budget" in html
    assert "Why nothing fits" in html
    assert "$0.00" not in html  # no primary, so no price, not a free one


# --- the filters ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "shown"),
    [("1234.5", "$1,234.50"), ("0", "$0.00"), ("-3", "-$3.00"), ("1000000.00", "$1,000,000.00")],
)
def test_usd_shows_totals_in_dollars_and_cents(value, shown):
    assert usd(value) == shown


@pytest.mark.parametrize(
    ("value", "shown"),
    [("0.00000025", "$0.00000025"), ("0.1", "$0.10"), ("0.1752", "$0.1752"), ("1250", "$1,250.00")],
)
def test_unit_prices_keep_full_precision(value, shown):
    assert usd_unit(value) == shown


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("1460", "1,460"),
        ("0.50", "0.5"),
        ("1E+3", "1,000"),
        ("0", "0"),
        ("41.2138671875", "41.21"),
        ("0.000123456", "0.000123"),
    ],
)
def test_quantities_drop_padding_zeros(value, shown):
    assert quantity(value) == shown


def test_text_that_is_not_money_is_shown_as_it_came():
    assert usd("n/a") == "n/a"
    assert usd(None) == ""


def test_cost_difference_reads_as_more_or_less():
    assert cost_difference("10", "7.5") == "$2.50 more"
    assert cost_difference("7.5", "10") == "$2.50 less"
    assert cost_difference("1", "1.00") == "the same cost"


def test_delta_is_signed():
    assert delta_usd("10", "7.5") == "+$2.50"
    assert delta_usd("7.5", "10") == "-$2.50"
    assert delta_usd("1", "1.00") == "$0.00"


def test_config_values_read_as_words():
    items = dict(config_items({"dax": {"node_type": "dax.r5.large", "nodes": 3}, "pitr": False}))
    assert items == {"DAX": "3 × dax.r5.large", "Point-in-time recovery": "No"}


def test_sizing_rules_are_capacity_math_and_others_are_not():
    assert is_capacity_rule("sizing.instance_class")
    assert is_capacity_rule("dynamodb.partitions")
    assert not is_capacity_rule("rds.deployment")


def test_the_chart_gives_a_tiny_cost_a_visible_sliver_and_none_to_zero():
    option = {
        "service": "rds",
        "cost_components": [
            {"name": "big", "monthly_usd": "1000.00"},
            {"name": "tiny", "monthly_usd": "0.01"},
            {"name": "free", "monthly_usd": "0.00"},
        ],
    }
    bars = cost_chart(option, None)["bars"]
    assert [(b["name"], b["width"]) for b in bars] == [
        ("big", "80.0%"),
        ("tiny", "0.6%"),
        ("free", "0.0%"),
    ]


def test_a_finding_names_the_answers_it_rests_on():
    rec = recommendation()
    rec["findings"][0]["cites"] = ["monthly_budget_usd", "migration_source.max_downtime_minutes"]
    plain = render(rec)
    assert "From your answers: Monthly budget, Longest cut-over downtime" in plain
    assert 'href="#field-' not in plain  # a report has no form to point at
    linked = render_to_string("advisor/answer.html", {"rec": rec, "link_answers": True})
    assert '<a href="#field-monthly_budget_usd">Monthly budget</a>' in linked
    assert '<a href="#field-migration_max_downtime_minutes">' in linked


def test_each_alternative_says_it_opens_for_details(html):
    alternatives = section(html, "Alternatives")
    summaries = re.findall(r"<summary>(.*?)</summary>", alternatives, re.S)
    assert summaries
    assert all('<span class="alt-more" aria-hidden="true">Details</span>' in s for s in summaries)
