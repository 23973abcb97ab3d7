"""The questionnaire page at "/": the full page, the htmx fragment, the no-JavaScript submit,
prefill from a link, and bad answers (a message beside the field, never a 500)."""

from __future__ import annotations

import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django.utils.html import escape

from advisor import services
from advisor.forms import form_field_names
from advisor.questionnaire import QUESTIONS
from advisor.recommending import recommendation_for_payload
from advisor.templatetags.advisor_format import usd
from catalog.services import pricebook_current

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
ANSWERS = {
    "data_model": "relational",
    "needs_joins": "on",
    "reads_per_sec": "1500",
    "writes_per_sec": "200",
    "storage_gb": "250",
}


def form_post(**changes) -> dict:
    """The body the page's form sends: every field, as the browser sends it."""
    from advisor.forms import default_form_data

    data = {**default_form_data(), **ANSWERS, **changes}
    return {k: v for k, v in data.items() if v is not None}


def errors_beside(body: str, field: str) -> list[str]:
    match = re.search(
        rf'<div class="field-errors" id="errors-{field}"[^>]*>(.*?)</div>', body, re.S
    )
    assert match, f"no error container for {field}"
    return [html.unescape(m) for m in re.findall(r"<li>(.*?)</li>", match.group(1))]


def expected_total(**payload) -> str:
    rec = recommendation_for_payload(payload, pricebook_current())
    return usd(rec["total_monthly_usd"])


# --- the page ------------------------------------------------------------------------------------


def test_anyone_can_open_the_page_without_logging_in(client):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'hx-post="/"' in body
    assert 'hx-trigger="change, keyup changed delay:400ms"' in body
    assert 'hx-target="#answer-panel"' in body
    assert "The answer appears here" in body
    for legend in ("The data", "Traffic", "Latency and consistency", "Regions", "Budget"):
        assert f"<legend>{legend}</legend>" in body


def test_every_question_has_a_form_field_with_its_label_and_help(client):
    body = client.get(reverse("home")).content.decode()
    for q in QUESTIONS:
        for name in form_field_names(q):
            assert f'name="{name}"' in body, name
        # the migration's first field carries the question's own label and help ("Database to
        # migrate from", empty: none); the regions question is drawn as a primary and the others
        labelled = (q, *q.subquestions[1:]) if q.subquestions else (q,)
        for sq in labelled:
            assert escape(sq.help) in body, sq.id
            if q.type != "regions":
                assert escape(sq.label) in body, sq.id


def test_advanced_questions_are_folded_away(client):
    body = client.get(reverse("home")).content.decode()
    folded = re.findall(r'<details class="q-advanced">(.*?)</details>', body, re.S)
    inside = "".join(folded)
    assert 'name="avg_reads_per_sec"' in inside
    assert 'name="backup_retention_days"' in inside
    assert 'name="reads_per_sec"' not in inside


def test_the_page_has_no_inline_script(client):
    response = client.get(reverse("home"))
    body = response.content.decode()
    for tag in re.findall(r"<script[^>]*>", body):
        assert "src=" in tag and "nonce=" in tag, tag
    assert "hx-on" not in body
    assert "script-src" in response["Content-Security-Policy"]


# --- answers -------------------------------------------------------------------------------------


def test_htmx_change_returns_only_the_answer_panel_and_the_field_errors(client):
    response = client.post(reverse("home"), form_post(), **HTMX)
    assert response.status_code == 200
    body = response.content.decode()
    assert "<html" not in body
    assert 'class="answer"' in body
    assert expected_total(data_model="relational", needs_joins=True, reads_per_sec=1500,
                          writes_per_sec=200, storage_gb=250) in body  # fmt: skip
    # every field's error container comes out of band, empty: old messages are cleared
    for q in QUESTIONS:
        for name in form_field_names(q):
            assert f'id="errors-{name}" hx-swap-oob="true"' in body
            assert errors_beside(body, name) == []
    assert 'id="answered-flag" name="answered" value="1" hx-swap-oob="true"' in body
    assert "HX-Request" in response["Vary"]


def test_the_address_bar_gets_a_link_to_the_answer(client):
    response = client.post(reverse("home"), form_post(latency_p99_ms="5"), **HTMX)
    url = urlsplit(response["HX-Replace-Url"])
    assert url.path == "/"
    query = parse_qs(url.query, keep_blank_values=True)
    assert query == {
        "data_model": ["relational"],
        "needs_joins": ["on"],
        "reads_per_sec": ["1500"],
        "writes_per_sec": ["200"],
        "storage_gb": ["250"],
        "latency_p99_ms": ["5"],
    }
    body = response.content.decode()
    assert f'href="{html.escape(response["HX-Replace-Url"])}"' in body  # "Link to this answer"


def test_a_link_prefills_the_page_and_answers_it(client):
    response = client.get(
        reverse("home"),
        {"data_model": "key_value", "reads_per_sec": "800", "writes_per_sec": "100",
         "storage_gb": "40", "consistency": "eventual"},
    )  # fmt: skip
    assert response.status_code == 200
    body = response.content.decode()
    assert re.search(r'name="reads_per_sec" value="800"', body)
    assert re.search(r'<option value="eventual" selected>', body)
    assert re.search(r'<option value="key_value" selected>', body)
    # questions the link leaves out keep their defaults
    assert re.search(r'name="latency_p99_ms" value="20"', body)
    assert 'class="answer"' in body
    total = expected_total(data_model="key_value", reads_per_sec=800, writes_per_sec=100,
                           storage_gb=40, consistency="eventual")  # fmt: skip
    assert total in body


def test_a_link_with_several_regions_keeps_the_first_as_primary(client):
    response = client.get(
        reverse("home") + "?data_model=key_value&reads_per_sec=10&writes_per_sec=10&storage_gb=1"
        "&multi_region=dr&regions=eu-west-1&regions=us-east-1"
    )
    assert response.status_code == 200
    body = response.content.decode()
    primary = re.search(r'<select id="id_regions" name="regions".*?</select>', body, re.S).group(0)
    assert '<option value="eu-west-1" selected>' in primary
    assert re.search(r'name="regions" value="us-east-1" checked', body)


def test_the_no_javascript_submit_renders_the_whole_page_with_the_answer(client):
    response = client.post(reverse("home"), form_post())
    assert response.status_code == 200
    body = response.content.decode()
    assert "<html" in body
    assert 'class="answer"' in body
    assert 'name="reads_per_sec" value="1500"' in body


def test_the_example_links_answer(client):
    body = client.get(reverse("home")).content.decode()
    links = re.findall(r'<ul class="examples">(.*?)</ul>', body, re.S)[0]
    urls = [html.unescape(u) for u in re.findall(r'href="([^"]+)"', links)]
    assert len(urls) >= 3
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert 'class="answer"' in response.content.decode(), url


# --- bad answers ---------------------------------------------------------------------------------


def test_an_invalid_change_keeps_the_last_answer_and_shows_the_message_beside_the_field(client):
    response = client.post(reverse("home"), form_post(reads_per_sec="-5", answered="1"), **HTMX)
    assert response.status_code == 200
    assert response["HX-Reswap"] == "none"  # the panel keeps the last good answer
    body = response.content.decode()
    assert 'class="answer"' not in body
    assert errors_beside(body, "reads_per_sec") == ["must be at least 0"]
    assert errors_beside(body, "writes_per_sec") == []
    assert "The answer below is for your last valid answers" in body
    assert "HX-Replace-Url" not in response


def test_a_cross_field_rule_is_shown_beside_the_field_it_names(client):
    response = client.post(
        reverse("home"), form_post(avg_reads_per_sec="2000", answered="1"), **HTMX
    )
    body = response.content.decode()
    assert errors_beside(body, "avg_reads_per_sec") == [
        "average reads cannot exceed peak reads (1500/s)"
    ]


def test_before_any_answer_unanswered_questions_are_listed_not_flagged(client):
    response = client.post(
        reverse("home"), form_post(data_model="", storage_gb="", writes_per_sec="-1"), **HTMX
    )
    assert response.status_code == 200
    assert "HX-Reswap" not in response
    body = response.content.decode()
    missing = re.search(r'<ul class="missing">(.*?)</ul>', body, re.S).group(1)
    assert "Data model" in missing and "Data stored today" in missing
    assert errors_beside(body, "data_model") == []  # not reached yet: no red
    assert errors_beside(body, "writes_per_sec") == ["must be at least 0"]


def test_clearing_a_required_answer_after_an_answer_flags_it(client):
    response = client.post(reverse("home"), form_post(storage_gb="", answered="1"), **HTMX)
    assert response["HX-Reswap"] == "none"
    assert errors_beside(response.content.decode(), "storage_gb") == ["is required"]


def test_the_no_javascript_submit_shows_every_message_beside_its_field(client):
    response = client.post(reverse("home"), form_post(data_model="", item_size_kb="0"))
    assert response.status_code == 400
    body = response.content.decode()
    assert "<html" in body
    assert errors_beside(body, "data_model") == ["is required"]
    assert errors_beside(body, "item_size_kb") == ["must be more than 0"]
    assert 'aria-invalid="true"' in body
    assert 'class="answer"' not in body


def test_migration_errors_appear_beside_the_migration_fields(client):
    response = client.post(
        reverse("home"), form_post(migration_engine="oracle", migration_size_gb="-1")
    )
    assert response.status_code == 400
    assert errors_beside(response.content.decode(), "migration_size_gb") == ["must be at least 0"]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("reads_per_sec", "lots"),
        ("reads_per_sec", "1e999"),
        ("storage_gb", "NaN"),
        ("regions", "xx-nowhere-1"),
        ("availability_target", "12"),
        ("data_model", "graph"),
        ("needs_joins", "maybe"),
        ("migration_engine", "db2"),
        ("rpo_seconds", "1.5"),
        ("name", "x" * 500),
        ("exclude_services", "oracle-cloud"),
    ],
)
def test_no_bad_answer_gives_a_500(client, field, value):
    for extra in ({}, HTMX):
        response = client.post(reverse("home"), form_post(**{field: value}), **extra)
        assert response.status_code in (200, 400)
        assert (
            "must" in response.content.decode()
            or "unknown region" in response.content.decode().lower()
        )
    response = client.get(reverse("home"), {**ANSWERS, field: value})
    assert response.status_code == 400


def test_answers_too_large_to_price_are_a_400_with_the_message_not_a_500(client, monkeypatch):
    # Found by the API fuzzer on the design API; the page prices the same way.
    from .test_designs_api import overflowing

    overflowing(monkeypatch)
    body = form_post()
    page = client.post(reverse("home"), body)
    assert page.status_code == 400
    assert "too large to price" in page.content.decode()
    assert "The figures are too large to price" in page.content.decode()
    fragment = client.post(reverse("home"), body, **HTMX)
    assert fragment.status_code in (200, 400)  # as for any other bad answer
    assert "too large to price" in fragment.content.decode()


# --- saving --------------------------------------------------------------------------------------


def test_logged_out_there_is_no_save_control(client):
    body = client.get(reverse("home")).content.decode()
    assert "Save to team" not in body


def test_a_team_editor_can_save_to_the_team(client, alice, team):
    client.force_login(alice)
    body = client.get(reverse("home")).content.decode()
    assert "Save to team" in body
    assert f'<option value="{team.pk}"' in body
    assert f'formaction="{reverse("design-save")}" formmethod="post"' in body
    assert 'form="questionnaire"' in body


def test_a_viewer_is_told_how_to_save_instead_of_offered_a_team(client, vera, team):
    client.force_login(vera)
    body = client.get(reverse("home")).content.decode()
    assert f'<option value="{team.pk}"' not in body
    assert "Join or create a team to save designs." in body


def test_an_outsider_is_not_offered_someone_elses_team(client, charlie, charlies_team, team):
    client.force_login(charlie)
    body = client.get(reverse("home")).content.decode()
    assert f'<option value="{charlies_team.pk}"' in body
    assert f'<option value="{team.pk}"' not in body


def test_answers_edited_from_a_design_version_carry_it_to_the_save(client, alice, team):
    client.force_login(alice)
    response = client.get(reverse("home"), {**ANSWERS, "design": "7", "version": "3"})
    body = response.content.decode()
    assert '<input type="hidden" name="design" value="7">' in body
    assert '<input type="hidden" name="base_version" value="3">' in body
    assert "Save as a new version of the design" in body


def test_answers_edited_from_a_design_name_it_and_link_back(client, alice, charlie, team):
    design = services.design_create(
        team=team, name="Orders <db>", workload={"data_model": "relational", "reads_per_sec": 10,
        "writes_per_sec": 1, "storage_gb": 5}, author=alice,
    )  # fmt: skip
    query = {**ANSWERS, "design": str(design.pk), "version": "1"}
    client.force_login(alice)
    body = client.get(reverse("home"), query).content.decode()
    assert (
        f'Changing the answers of <a href="/designs/{design.pk}/">Orders &lt;db&gt;</a> '
        f"({team.name}), from version 1." in body
    )
    # Someone outside the team learns nothing of it (its save would be a 404 too).
    client.force_login(charlie)
    assert "Changing the answers of" not in client.get(reverse("home"), query).content.decode()


@pytest.mark.parametrize("design", ["²", "9" * 30, "9" * 5000])
def test_a_design_id_that_cannot_be_one_edits_no_design(client, alice, design):
    client.force_login(alice)
    response = client.get(reverse("home"), {**ANSWERS, "design": design, "version": "1"})
    assert response.status_code == 200
    assert 'name="design"' not in response.content.decode()


# --- nothing fits --------------------------------------------------------------------------------


def test_when_no_option_fits_there_is_no_zero_total_and_each_service_says_why(client):
    # Oracle must stay (so no Aurora, and no Multi-AZ DB cluster classes) and no class holds it.
    data = form_post(writes_per_sec="40000", reads_per_sec="40000", engine_preference="oracle")
    body = client.post(reverse("home"), data, **HTMX).content.decode()
    assert "No option fits every answer" in body
    assert "$0.00" not in body
    assert 'href="#ruled-out"' in body
    # The engine's one-string summary (".; "-glued) is not shown; the reasons are a list.
    assert ".; " not in body
    ruled_out = body.split('id="ruled-out"', 1)[1]
    assert "Why nothing fits" in ruled_out
    services = re.findall(r"<li>\s*<strong>(.*?)</strong>\s*<ul class=\"findings\">", ruled_out)
    assert len(services) >= 2, services


# --- saving when logged out ----------------------------------------------------------------------


def _cta_links(body: str) -> dict[str, str]:
    cta = re.search(r'<p class="save-cta">(.*?)</p>', body, re.S)
    assert cta, "no call to log in or sign up beside the answer"
    return {
        urlsplit(html.unescape(href)).path: parse_qs(urlsplit(html.unescape(href)).query)["next"][0]
        for href in re.findall(r'href="([^"]+)"', cta.group(1))
    }


def test_logged_out_the_answer_invites_to_log_in_or_sign_up_to_save_it(client):
    body = client.get(reverse("home"), ANSWERS).content.decode()
    links = _cta_links(body)
    assert set(links) == {reverse("login"), reverse("signup")}
    back = links[reverse("signup")]
    assert back == links[reverse("login")]
    assert back.startswith("/?") and parse_qs(urlsplit(back).query)["reads_per_sec"] == ["1500"]
    # The htmx answer carries it too, for the answers as they are now.
    fragment = client.post(reverse("home"), form_post(reads_per_sec="1700"), **HTMX)
    assert parse_qs(urlsplit(_cta_links(fragment.content.decode())[reverse("signup")]).query)[
        "reads_per_sec"
    ] == ["1700"]


@pytest.mark.usefixtures("fast_password_hashing")
def test_signing_up_from_the_answer_lands_back_on_the_filled_in_answer(client):
    back = _cta_links(client.get(reverse("home"), ANSWERS).content.decode())[reverse("signup")]
    form = client.get(reverse("signup"), {"next": back}).content.decode()
    assert f'name="next" value="{escape(back)}"' in form
    password = "a-long-test-password-91"
    response = client.post(
        reverse("signup"),
        {"username": "dana", "password1": password, "password2": password, "next": back},
    )
    assert response.status_code == 302
    assert response["Location"] == back
    page = client.get(back).content.decode()
    assert 'value="1500"' in page
    assert "Save to team" in page  # signing up made dana a team of her own
    assert 'class="save-cta"' not in page


def test_logging_in_from_the_answer_lands_back_on_it(client, alice):
    back = _cta_links(client.get(reverse("home"), ANSWERS).content.decode())[reverse("login")]
    form = client.get(reverse("login"), {"next": back}).content.decode()
    assert f'name="next" value="{escape(back)}"' in form
    response = client.post(
        reverse("login"),
        {"username": "alice", "password": "a-long-test-password-91", "next": back},
    )
    assert response.status_code == 302
    assert response["Location"] == back


# --- migration details and Regions ---------------------------------------------------------------

MIGRATION_DETAILS = ("migration_location", "migration_size_gb", "migration_max_downtime_minutes")


def _field_div(body: str, name: str) -> str:
    match = re.search(rf'<div class="field[^"]*" id="field-{name}"[^>]*>', body)
    assert match, f"no field {name}"
    return match.group(0)


def test_for_a_new_application_the_migration_details_say_they_are_ignored(client):
    body = client.get(reverse("home"), ANSWERS).content.decode()
    for name in MIGRATION_DETAILS:
        row = _field_div(body, name)
        assert 'data-depends-on="migration_engine"' in row
        assert "field-inactive" in row
    assert body.count("Used only once a database to migrate from is chosen above.") == 3
    assert "data-depends-on" not in _field_div(body, "migration_engine")


def test_with_a_source_engine_the_migration_details_count(client):
    body = client.get(reverse("home"), {**ANSWERS, "migration_engine": "mysql"}).content.decode()
    for name in MIGRATION_DETAILS:
        assert "field-inactive" not in _field_div(body, name)
    assert "Used only once a database to migrate from is chosen above." not in body


def test_the_multi_region_mode_comes_before_the_region_list(client):
    body = client.get(reverse("home")).content.decode()
    assert body.index('id="field-multi_region"') < body.index('id="field-regions"')


def test_a_standby_without_a_second_region_is_flagged_at_the_other_regions_list(client):
    body = client.post(reverse("home"), form_post(multi_region="dr"), **HTMX).content.decode()
    assert errors_beside(body, "regions") == [
        "Add a second region: the standby for disaster recovery"
    ]
    page = client.post(reverse("home"), form_post(multi_region="dr")).content.decode()
    more = page[page.index('id="more-regions"') :]
    assert more.startswith('id="more-regions" open>')
    # The message sits inside the other-Regions list, after its summary, not at the select.
    assert more.index("</summary>") < more.index('id="errors-regions"') < more.index("</details>")
    assert 'aria-describedby="errors-regions"' in more
    select = re.search(r'<select id="id_regions"[^>]*>', page).group(0)
    assert "errors-regions" not in select


def test_the_primary_region_is_not_offered_again_among_the_others(client):
    data = {**ANSWERS, "regions": ["eu-west-1", "us-east-1"], "multi_region": "dr"}
    body = client.get(reverse("home"), data).content.decode()
    primary = re.search(r'<label class="check"[^>]*><input[^>]*value="eu-west-1"[^>]*>', body)
    assert primary and " hidden" in primary.group(0) and " disabled" in primary.group(0)
    other = re.search(r'<label class="check"[^>]*><input[^>]*value="us-east-1"[^>]*>', body)
    assert other and " hidden" not in other.group(0) and " checked" in other.group(0)


def test_the_risks_of_the_recommended_option_are_shown_not_only_counted_in_its_fit(client):
    """A 2 ms p99 with strong reads: DynamoDB's own latency risk, not only 'points lost'."""
    data = form_post(data_model="key_value", reads_per_sec="5000", writes_per_sec="500",
                     storage_gb="50", consistency="strong", latency_p99_ms="2",
                     needs_joins=None, needs_transactions=None)  # fmt: skip
    body = html.unescape(client.post(reverse("home"), data, **HTMX).content.decode())
    attention = body.split('aria-label="Risks and warnings"', 1)[1].split("</section>", 1)[0]
    assert "p99 is not assured" in attention


def test_an_alternatives_warnings_are_counted_on_its_summary_and_shown_inside(client):
    """Oracle: the bring-your-own-licence alternatives carry the licence caveat."""
    data = form_post(engine_preference="oracle", storage_gb="2500", reads_per_sec="900",
                     writes_per_sec="150")  # fmt: skip
    body = html.unescape(client.post(reverse("home"), data, **HTMX).content.decode())
    alternatives = body.split('class="alternatives"', 1)[1].split("</ol>", 1)[0]
    byol = [li for li in alternatives.split('<li class="alternative">')
            if "bring your own licence" in li.lower()]  # fmt: skip
    assert byol, alternatives[:500]
    assert re.search(r'<span class="badge badge-warning">\d+ warnings?', byol[0])
    assert 'class="finding finding-warning"' in byol[0]


def test_when_nothing_fits_the_reasons_come_before_the_capacity_math(client):
    data = form_post(writes_per_sec="40000", reads_per_sec="40000", engine_preference="oracle")
    body = client.post(reverse("home"), data, **HTMX).content.decode()
    assert body.index('id="ruled-out"') < body.index("Capacity math")


# --- edition and licence: beside the engine, for Oracle and SQL Server -----------------------


def _row_tag(body: str, name: str) -> str:
    match = re.search(rf'<div class="field[^"]*" id="field-{name}"[^>]*>', body)
    assert match, f"no row for {name}"
    return match.group(0)


def _folded(body: str) -> str:
    return "".join(re.findall(r'<details class="q-advanced"[^>]*>(.*?)</details>', body, re.S))


def test_edition_and_licence_sit_under_the_engine_never_among_more_questions(client):
    body = client.get(reverse("home"), {"engine_preference": "oracle"}).content.decode()
    order = [body.index(f'id="field-{name}"') for name in
             ("engine_preference", "engine_edition", "license_model", "item_size_kb")]  # fmt: skip
    assert order == sorted(order)
    assert 'name="engine_edition"' not in _folded(body)
    assert 'name="license_model"' not in _folded(body)
    for name in ("engine_edition", "license_model"):
        assert " hidden" not in _row_tag(body, name)


def test_edition_and_licence_are_hidden_until_oracle_or_sql_server_is_the_engine(client):
    body = client.get(reverse("home")).content.decode()
    assert _row_tag(body, "engine_edition").endswith('data-licensed-by="kept" hidden>')
    assert _row_tag(body, "license_model").endswith('data-licensed-by="rds" hidden>')
    body = client.get(reverse("home"), {"engine_preference": "postgresql"}).content.decode()
    assert " hidden" in _row_tag(body, "license_model")


def test_the_licence_shows_for_an_oracle_source_when_no_engine_is_kept(client):
    # RDS keeps the engine migrated from when the team names none: its licence counts; an
    # edition needs the engine kept, so it stays hidden.
    body = client.get(reverse("home"), {"migration_engine": "oracle"}).content.decode()
    assert " hidden" not in _row_tag(body, "license_model")
    assert " hidden" in _row_tag(body, "engine_edition")


def test_an_edition_refused_for_the_engine_stays_in_view_with_its_message(client):
    response = client.post(
        reverse("home"), form_post(engine_preference="postgresql", engine_edition="ee")
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert " hidden" not in _row_tag(body, "engine_edition")
    assert errors_beside(body, "engine_edition")


def test_each_edition_names_the_engines_that_sell_it(client):
    body = client.get(reverse("home")).content.decode()
    assert '<option value="se2" data-engines="oracle">' in body
    assert '<option value="ee" data-engines="oracle sqlserver">' in body
    assert '<option value="web" data-engines="sqlserver">' in body


def test_enterprise_edition_with_licence_included_names_the_licence_to_change(client):
    body = client.get(
        reverse("home"),
        {**ANSWERS, "engine_preference": "oracle", "engine_edition": "ee"},
    ).content.decode()
    assert "bring-your-own-licence only" in body
    assert '<a href="#field-license_model">Licence</a>' in body
    assert " hidden" not in _row_tag(body, "license_model")
