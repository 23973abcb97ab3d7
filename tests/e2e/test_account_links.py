"""The links mailed for password reset and email confirmation, opened and submitted in a real
browser. These pages keep their token out of Referer headers; a policy of no-referrer there
made Chromium send `Origin: null` with the form, which Django's CSRF check refuses (403)."""

from __future__ import annotations

import re

import pytest
from django.core import mail

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("eager"),
]

PASSWORD = "a-long-test-password-91"
NEW_PASSWORD = "another-long-password-27"


def _path_in(message, pattern: str) -> str:
    found = re.search(rf"https?://[^/\s]+({pattern})", message.body)
    assert found, message.body
    return found.group(1)


def test_a_reset_link_opened_in_a_browser_sets_the_new_password(page, django_user_model):
    user = django_user_model.objects.create_user(
        username="alice", password=PASSWORD, email="alice@example.com"
    )
    page.goto("/accounts/password/reset/")
    page.get_by_label("Email").fill("alice@example.com")
    page.get_by_role("button", name="Send the link").click()
    page.wait_for_url(lambda url: url.endswith("/reset/sent/"))
    (message,) = mail.outbox
    page.goto(_path_in(message, r"/accounts/password/reset/\S+/"))
    page.locator("#id_new_password1").fill(NEW_PASSWORD)
    page.locator("#id_new_password2").fill(NEW_PASSWORD)
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.get_by_role("button", name="Set my password").click()
    assert answer.value.status == 302, answer.value.status
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_an_email_confirmation_link_opened_in_a_browser_confirms_the_address(
    page, django_user_model
):
    user = django_user_model.objects.create_user(username="alice", password=PASSWORD)
    page.goto("/accounts/login/")
    page.locator("#id_username").fill("alice")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    page.goto("/accounts/email/")
    page.get_by_label("Email address").fill("alice@example.com")
    page.get_by_label(re.compile("password", re.I)).first.fill(PASSWORD)
    page.get_by_role("button", name="Save email address").click()
    page.get_by_text("Waiting for confirmation").wait_for()
    (message,) = mail.outbox
    page.goto(_path_in(message, r"/accounts/email/confirm/\S+/"))
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.get_by_role("button", name="Confirm this address").click()
    assert answer.value.status in (200, 302), answer.value.status
    user.refresh_from_db()
    assert user.email == "alice@example.com"
