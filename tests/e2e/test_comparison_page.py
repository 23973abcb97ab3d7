"""Compare options of a saved design in a real browser: the progress bar polls by htmx and
stops, then the ranked table, the charts and the break-even statements show."""

from __future__ import annotations

import pytest

from .conftest import screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def saved_design(shipped_catalog, django_user_model):
    from advisor import services

    user = django_user_model.objects.create_user("lead", password="correct-horse-battery-9")
    team = services.team_create(name="Platform", owner=user)
    design = services.design_create(
        team=team,
        name="Sessions",
        workload={
            "data_model": "key_value",
            "reads_per_sec": 3000,
            "writes_per_sec": 800,
            "storage_gb": 200,
            "traffic_pattern": "spiky",
        },
        author=user,
    )
    return user, design


def test_compare_options_polls_to_done_and_shows_charts(page, saved_design, eager):
    # The live server has no worker of its own in this test: the task runs where it is sent.
    user, design = saved_design
    page.goto("/accounts/login/")
    page.locator("#id_username").fill("lead")
    page.locator("#id_password").fill("correct-horse-battery-9")
    # By name: every page's footer has a form too (the language switch).
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    page.goto(f"/designs/{design.pk}/")
    page.get_by_role("link", name="Compare options").click()
    page.get_by_role("button", name="Start the comparison").click()
    page.wait_for_selector("#comparison-status[data-status=done]", timeout=30_000)
    body = page.inner_text("body")
    assert "DynamoDB" in body
    assert page.locator("svg").count() >= 2  # cost over time and traffic sensitivity
    screenshot(page, "comparison")
    # Polling has stopped: the finished fragment no longer asks for itself.
    assert page.locator("#comparison-status[hx-trigger]").count() == 0
    csp = [e for e in page.console_errors if "Content Security Policy" in e]
    assert csp == [], csp

    # On a phone the charts shrink to the screen: their axis labels must stay readable.
    page.set_viewport_size({"width": 390, "height": 844})
    heights = page.locator(".line-chart .chart-axis-label").evaluate_all(
        "els => els.map(e => e.getBoundingClientRect().height)"
    )
    assert heights and min(heights) >= 9, heights
    screenshot(page, "comparison-phone")
