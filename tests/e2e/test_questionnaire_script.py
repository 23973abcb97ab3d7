"""The questionnaire's own script in a real browser: only the questions that count are shown,
and the primary Region is not offered again among the others."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DETAILS = ("#field-migration_location", "#field-migration_size_gb",
           "#field-migration_max_downtime_minutes")  # fmt: skip


@pytest.fixture(autouse=True)
def _catalog(shipped_catalog):
    return shipped_catalog


def test_migration_details_appear_only_once_a_source_engine_is_chosen(page):
    page.goto("/")
    for row in DETAILS:
        assert page.locator(row).is_hidden()
    page.locator("#id_migration_engine").select_option("mysql")
    for row in DETAILS:
        page.locator(row).wait_for(state="visible")
    assert page.get_by_text("Used only once a database to migrate from").first.is_hidden()
    page.locator("#id_migration_engine").select_option("")
    for row in DETAILS:
        page.locator(row).wait_for(state="hidden")


def test_the_primary_region_is_never_offered_as_another_region(page):
    page.goto("/")
    page.locator("#id_multi_region").select_option("dr")
    more = page.locator("#more-regions")
    assert more.get_attribute("open") is not None  # a standby needs the list: it opens
    us_east = more.locator('input[value="us-east-1"]')
    eu_west = more.locator('input[value="eu-west-1"]')
    assert us_east.is_hidden() and eu_west.is_visible()
    eu_west.check()
    page.locator("#id_regions").select_option("eu-west-1")
    assert eu_west.is_hidden() and eu_west.is_disabled() and not eu_west.is_checked()
    assert us_east.is_visible() and us_east.is_enabled()


def test_a_region_message_opens_the_other_regions_list(page):
    page.goto(
        "/?data_model=relational&reads_per_sec=100&writes_per_sec=10&storage_gb=10"
        "&regions=us-east-1&regions=eu-west-1&multi_region=dr"
    )
    page.locator("#answer-panel").get_by_text("per month").first.wait_for()
    page.locator("#more-regions > summary").click()  # folded away by the user
    assert page.locator("#more-regions").get_attribute("open") is None
    page.locator("#id_multi_region").select_option("none")  # two Regions, but one is used
    message = page.locator("#errors-regions").get_by_text("Only one region is used")
    message.wait_for()
    assert message.is_visible()


def test_an_alternative_shows_it_opens_and_opens_from_the_keyboard(page):
    page.goto("/?data_model=relational&reads_per_sec=2000&writes_per_sec=300&storage_gb=500")
    summary = page.locator(".alternative summary").first
    summary.wait_for()
    hint = summary.locator(".alt-more")
    assert hint.is_visible() and hint.inner_text().strip().lower() == "details"
    summary.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # a keyboard focus, so :focus-visible applies
    outline = summary.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline not in ("", "none"), outline
    page.keyboard.press("Enter")
    assert page.locator(".alternative details").first.get_attribute("open") is not None


def test_edition_and_licence_appear_under_the_engine_for_oracle_and_sql_server(page):
    edition, licence = page.locator("#field-engine_edition"), page.locator("#field-license_model")
    page.goto("/?data_model=relational&reads_per_sec=800&writes_per_sec=150&storage_gb=1200")
    page.locator("#answer-panel").get_by_text("per month").first.wait_for()
    assert edition.is_hidden() and licence.is_hidden()
    page.locator("#id_engine_preference").select_option("oracle")
    edition.wait_for(state="visible")
    offered = edition.locator("option:not([disabled])").evaluate_all("os => os.map(o => o.value)")
    assert offered == ["", "se2", "ee"]
    page.locator("#id_engine_edition").select_option("ee")
    # Enterprise Edition is bring-your-own-licence only: the reason cites the licence, which
    # is right there under the engine, not folded among "more questions".
    reason = page.locator("#ruled-out").get_by_text("bring-your-own-licence only")
    reason.wait_for()
    assert licence.is_visible()
    assert licence.locator("xpath=ancestor::details").count() == 0
    page.locator("#id_license_model").select_option("bring_your_own")
    page.locator("#answer-title").get_by_text("Oracle EE").wait_for()
    # Another engine: the rows go, and the edition left behind is not sent (nor refused).
    page.locator("#id_engine_preference").select_option("postgresql")
    page.locator("#answer-title").get_by_text("PostgreSQL").wait_for()
    assert edition.is_hidden() and page.locator("#id_engine_edition").is_disabled()
    assert page.locator("#errors-engine_edition").inner_text().strip() == ""


def test_switching_language_keeps_the_answers_typed_since_the_page_loaded(page):
    page.goto("/?data_model=relational&reads_per_sec=2000&writes_per_sec=300&storage_gb=500")
    page.get_by_label("Peak reads").fill("4000")
    page.get_by_label("Peak reads").press("Tab")
    page.wait_for_url("**reads_per_sec=4000**")  # the address follows the answers
    with page.expect_navigation():
        page.get_by_role("button", name="한국어").click()
    assert page.evaluate("document.documentElement.lang") == "ko"
    assert page.locator("#id_reads_per_sec").input_value() == "4000"
