"""A saved workload and its report read as people say them: on the shared report, in its
Markdown and CSV downloads, on a version's page and in the diff of two versions."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.core.cache import cache

from advisor import services
from advisor.number_text import money
from advisor.views import reports

from .actors import HTMX
from .report_links import share

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_password_hashing")]

# The audit's example: a PostgreSQL database with no cache layer in front, over $1,000 a month.
ORDERS = {
    "name": "Orders database",
    "data_model": "relational",
    "needs_joins": True,
    "needs_transactions": True,
    "engine_preference": "postgresql",
    "reads_per_sec": 1500,
    "writes_per_sec": 200,
    "storage_gb": 270,
    "storage_growth_gb_per_month": 10,
    "availability_target": 99.95,
    "rpo_seconds": 300,
    "rto_seconds": 900,
}
# Sub-millisecond reads: the engine puts an ElastiCache layer in front of the database.
SESSIONS = {
    "name": "Sessions",
    "data_model": "relational",
    "needs_joins": True,
    "reads_per_sec": 20000,
    "writes_per_sec": 200,
    "storage_gb": 50,
    "latency_p99_ms": 0.5,
}

READABLE_ANSWERS = {
    "Data model": "Relational",
    "Licence": "Licence included",
    "Multi-Region": "One Region",
    "Engine the team must keep": "PostgreSQL",
    "Peak reads": "1,500 per second",
    "Data stored today": "270 GB",
    "Growth": "10 GB per month",
    "Availability target": "99.95%",
    "Acceptable data loss (RPO)": "300 seconds",
    "Edition": "let the advisor choose",
    "Working set": "estimated by the advisor",
    "Monthly budget": "no budget",
    "Database to migrate from": "a new application",
}


@pytest.fixture
def orders(team, alice):
    return services.design_create(team=team, name="Orders DB", workload=ORDERS, author=alice)


def _answers_on_page(html: str) -> dict[str, str]:
    section = html.split('id="answers-title"', 1)[1].split("</section>", 1)[0]
    return dict(re.findall(r"<dt>([^<]*)</dt><dd[^>]*>([^<]*)</dd>", section))


def test_report_page_shows_the_workload_in_the_questionnaires_words(client, alice, orders):
    html = client.get(f"/r/{share(orders, alice)}").content.decode()
    shown = _answers_on_page(html)
    for label, text in READABLE_ANSWERS.items():
        assert shown[label] == text
    assert '<dt>Monthly budget</dt><dd class="muted">no budget</dd>' in html
    assert "license_included" not in shown.values()


def test_version_page_shows_the_saved_answers_in_the_questionnaires_words(client, alice, orders):
    client.force_login(alice)
    shown = _answers_on_page(client.get(f"/designs/{orders.pk}/versions/1/").content.decode())
    for label, text in READABLE_ANSWERS.items():
        assert shown[label] == text


def test_markdown_reads_for_people_and_keeps_the_money_exact(client, alice, orders):
    version = orders.versions.get()
    rec = version.recommendation
    assert rec["cache"] is None and rec["migration"] is None
    text = client.get(f"/r/{share(orders, alice)}.md").content.decode()

    saved = version.created.strftime("%Y-%m-%d %H:%M")
    assert f"Team Payments · saved {saved} UTC by alice · " in text
    assert "+00:00" not in text
    total = money(rec["total_monthly_usd"])
    assert "," in total, "the example costs over $1,000 a month"
    assert f"**Total: {total} per month** (the primary database; there is no cache layer)." in text
    assert "primary + cache" not in text
    for label, answer in READABLE_ANSWERS.items():
        assert f"| {label} | {answer} |" in text

    backup = next(
        c for c in rec["primary"]["cost_components"] if c["name"].startswith("Backup storage")
    )
    assert backup["quantity"] == "5.2138671875"
    assert (
        f"| {backup['name']} | 5.21 | GB-months | ${backup['unit_price_usd']} | "
        f"{money(backup['monthly_usd'])} |" in text
    )
    assert "5.2138671875" not in text


def test_markdown_total_names_the_cache_layer_when_there_is_one(client, team, alice):
    design = services.design_create(team=team, name="Sessions", workload=SESSIONS, author=alice)
    rec = design.versions.get().recommendation
    assert rec["cache"] is not None
    text = client.get(f"/r/{share(design, alice)}.md").content.decode()
    assert (
        f"**Total: {money(rec['total_monthly_usd'])} per month** "
        "(the primary database and its cache layer)." in text
    )
    rows = list(csv.DictReader(io.StringIO(client.get(f"/r/{share(design, alice)}.csv").text)))
    assert rows[-1]["option"] == "Primary + Cache layer"


def test_csv_keeps_every_figure_as_stored_and_says_what_the_total_covers(client, alice, orders):
    rec = orders.versions.get().recommendation
    response = client.get(f"/r/{share(orders, alice)}.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert list(rows[0]) == [
        "section", "option", "service", "component", "unit", "quantity", "unit_price_usd",
        "monthly_usd", "question", "answer",
    ]  # fmt: skip
    primary = [r for r in rows if r["section"] == "Primary"]
    assert [(r["quantity"], r["unit_price_usd"], r["monthly_usd"]) for r in primary] == [
        (c["quantity"], c["unit_price_usd"], c["monthly_usd"])
        for c in rec["primary"]["cost_components"]
    ]
    assert "5.2138671875" in [r["quantity"] for r in primary]
    assert rows[-1] == {
        "section": "Total",
        "option": "Primary (no cache layer)",
        "service": "",
        "component": "",
        "unit": "month",
        "quantity": "",
        "unit_price_usd": "",
        "monthly_usd": rec["total_monthly_usd"],
        "question": "",
        "answer": "",
    }


def test_csv_starts_with_the_workload_answers_as_people_read_them(client, alice, orders):
    rows = list(csv.DictReader(io.StringIO(client.get(f"/r/{share(orders, alice)}.csv").text)))
    workload = [r for r in rows if r["section"] == "Workload"]
    assert rows[: len(workload)] == workload, "the answers come first, before the costs"
    answers = {r["question"]: r["answer"] for r in workload}
    for label, answer in READABLE_ANSWERS.items():
        assert answers[label] == answer
    assert answers["Name"] == "Orders database"
    # One table: a workload row leaves the cost columns empty, a cost row the answer columns.
    assert {r["monthly_usd"] for r in workload} == {""}
    assert {(r["question"], r["answer"]) for r in rows if r["section"] == "Primary"} == {("", "")}


def test_version_diff_shows_answers_with_units_and_choice_labels(client, alice, bob, orders):
    services.design_version_create(
        design=orders,
        workload={**ORDERS, "reads_per_sec": 3000, "environment": "staging"},
        base_version=1,
        author=bob,
    )
    client.force_login(alice)
    html = client.get(f"/designs/{orders.pk}/?a=1&b=2", headers=HTMX).content.decode()
    rows = {
        label: (before, after)
        for label, before, after in re.findall(
            r'<th scope="row">([^<]*)</th><td class="diff-old">([^<]*)</td>'
            r'<td class="diff-new">([^<]*)</td>',
            html,
        )
    }
    assert rows["Peak reads"] == ("1,500 per second", "3,000 per second")
    assert rows["Environment"] == ("Production", "Staging")


def test_a_new_release_renders_the_report_afresh(client, alice, orders, monkeypatch):
    """Pages stay cached across deploys (Redis); one rendered by another release's templates
    and code must not be served by this one."""
    token = share(orders, alice)
    monkeypatch.setattr(reports, "report_page_release", lambda: "previous-release")
    old_key = reports.report_page_key(reports.selectors.report_state(token=token))
    cache.set(old_key, b"<p>Peak reads 1500</p>", reports.REPORT_PAGE_TTL)
    assert client.get(f"/r/{token}").content == b"<p>Peak reads 1500</p>"

    monkeypatch.undo()
    html = client.get(f"/r/{token}").content.decode()
    assert _answers_on_page(html)["Peak reads"] == "1,500 per second"


def test_the_release_fingerprint_follows_any_change_to_the_files_or_static_names(tmp_path):
    template = tmp_path / "report.html"
    template.write_text("<dd>{{ value }}</dd>")
    before = reports.files_fingerprint(tmp_path, [template], extra=["/static/css/app.1a2b.css"])
    template.write_text("<dd>{{ value|workload_value:name }}</dd>")
    after = reports.files_fingerprint(tmp_path, [template], extra=["/static/css/app.1a2b.css"])
    assert before != after
    assert after != reports.files_fingerprint(
        tmp_path, [template], extra=["/static/css/app.3c4d.css"]
    )
    assert after == reports.files_fingerprint(
        tmp_path, [template], extra=["/static/css/app.1a2b.css"]
    )


def test_the_release_fingerprint_is_the_same_for_the_same_files_in_another_checkout(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    for root in (first, second):
        (root / "templates").mkdir(parents=True)
        (root / "templates" / "report.html").write_text("<dd>{{ value }}</dd>")
    assert reports.files_fingerprint(
        first, [first / "templates" / "report.html"]
    ) == reports.files_fingerprint(second, [second / "templates" / "report.html"])


def test_the_markdown_names_settings_as_the_page_does_and_lists_each_reason(client, alice, design):
    from .report_links import share

    token = share(design, alice)
    text = client.get(f"/r/{token}.md").content.decode()
    assert "| Deployment |" in text and "| deployment |" not in text
    assert ".; " not in text  # each ruled-out reason on its own line
    assert re.search(r"^- \*\*Amazon DynamoDB\*\*\n  - ", text, re.M)
