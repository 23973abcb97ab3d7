"""htmx answers that are not 2xx, in a real browser: a 4xx fragment is the form again with
its message and must be shown in place; a failure with nothing to show gets a notice."""

from __future__ import annotations

import pytest

from advisor import services

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password-91"


@pytest.fixture
def owner_on_team_page(page, django_user_model):
    alice = django_user_model.objects.create_user(username="alice", password=PASSWORD)
    team = services.team_create(name="Payments", owner=alice)
    page.goto("/accounts/login/")
    page.locator("#id_username").fill("alice")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    page.goto(f"/teams/{team.pk}/")
    return page


@pytest.mark.parametrize("debug", [False, True], ids=["production", "debug"])
def test_a_400_answer_to_an_htmx_form_shows_its_message_in_place(
    owner_on_team_page, settings, debug
):
    # Under DEBUG, django-htmx adds a script that would replace the page with the fragment.
    settings.DEBUG = debug
    page = owner_on_team_page
    page.reload()
    members = page.locator("#members-panel")
    with page.expect_response(lambda r: r.url.endswith("/members/")) as answer:
        members.get_by_label("Username").fill("nobody")
        members.get_by_role("button", name="Add").click()
    assert answer.value.status == 400
    message = members.get_by_text("No one has the username")
    message.wait_for()
    assert message.is_visible()
    # The rest of the page (styled, with its header) is still there.
    assert page.locator("header.site-header").is_visible()
    assert page.locator("#request-notice").is_hidden()


def test_a_server_error_or_lost_connection_shows_a_polite_notice(owner_on_team_page):
    page = owner_on_team_page
    page.route(
        "**/members/",
        lambda route: route.fulfill(
            status=500, content_type="text/html", body="<!doctype html><html><body>x</body></html>"
        ),
    )
    members = page.locator("#members-panel")
    members.get_by_label("Username").fill("bob")
    members.get_by_role("button", name="Add").click()
    notice = page.locator("#request-notice")
    notice.wait_for(state="visible")
    assert "went wrong on our side" in notice.inner_text()
    assert members.is_visible()  # the panel was not replaced by the error page

    page.unroute("**/members/")
    page.route("**/members/", lambda route: route.abort())
    notice.get_by_role("button", name="Dismiss").click()
    notice.wait_for(state="hidden")
    members.get_by_role("button", name="Add").click()
    notice.wait_for(state="visible")
    assert "could not be reached" in notice.inner_text()
