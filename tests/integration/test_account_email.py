"""The email address a password reset link goes to: given at sign-up or set on the account's
email page, behind the current password, and used once the link mailed to it is opened
(test_email_confirmation.py tests the links themselves)."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

from advisor.auth import MAX_FAILURES, login_failures_clear
from advisor.email_models import PendingEmail
from advisor.views.accounts import reset_throttle_keys

from .actors import PASSWORD
from .email_links import clear_confirmation_counters, confirm, confirm_link_in, confirm_links_to

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_password_hashing", "eager")]

SIGNUP_URL = "/accounts/signup/"
EMAIL_URL = "/accounts/email/"
SETTINGS_URL = "/accounts/tokens/"
RESET_URL = "/accounts/password/reset/"
IP = "127.0.0.1"
USERNAMES = ("alice", "dana", "erin")
EMAILS = ("dana@example.com", "shared@example.com", "alice@example.com", "new@example.com")
LINK = re.compile(r"^https?://testserver(/accounts/password/reset/[^/\s]+/[^/\s]+/)$", re.MULTILINE)


@pytest.fixture(autouse=True)
def _no_counters_between_tests(db):
    # The suite's cache outlives a test (on Redis it is shared); start and end with none.
    def clear():
        for username in USERNAMES:
            login_failures_clear(username=username, ip=IP)
        for email in EMAILS:
            for key in reset_throttle_keys(email=email, ip=IP):
                login_failures_clear(**key)
        clear_confirmation_counters(EMAILS)

    clear()
    yield
    clear()


def _sign_up(client, username, email=None):
    data = {"username": username, "password1": PASSWORD, "password2": PASSWORD}
    if email is not None:
        data["email"] = email
    return client.post(SIGNUP_URL, data)


def _change(client, email, password=PASSWORD):
    return client.post(EMAIL_URL, {"email": email, "current_password": password})


def _reset_mail_to(client, email) -> list:
    before = len(mail.outbox)
    response = client.post(RESET_URL, {"email": email}, REMOTE_ADDR=IP)
    assert response.status_code == 302
    return mail.outbox[before:]


def _user(username):
    return get_user_model().objects.get(username=username)


def _pending(username) -> str | None:
    row = PendingEmail.objects.filter(user__username=username).first()
    return row.email if row else None


# --- sign up ----------------------------------------------------------------------------------


def test_the_sign_up_page_asks_for_an_optional_email_for_password_reset(client):
    text = client.get(SIGNUP_URL).content.decode()
    assert "Email (for password reset)" in text
    field = re.search(r"<input[^>]*name=\"email\"[^>]*>", text).group(0)
    assert 'type="email"' in field
    assert "required" not in field
    assert "Optional." in text


def test_sign_up_with_an_email_waits_for_its_link_before_reset_mail_goes_there(client):
    response = _sign_up(client, "dana", email="Dana@EXAMPLE.com")
    assert response.status_code == 302
    # BaseUserManager.normalize_email: the domain is case-insensitive, the local part may not be.
    assert _pending("dana") == "Dana@example.com"
    assert _user("dana").email == ""  # not the account's address yet
    page = client.get(response["Location"]).content.decode()
    assert "A confirmation link is on its way to Dana@example.com" in page
    assert [m.to for m in mail.outbox] == [["Dana@example.com"]]
    link = confirm_link_in(mail.outbox[0])
    assert "dana" in mail.outbox[0].body and "3 days" in mail.outbox[0].body
    client.logout()

    assert _reset_mail_to(client, "dana@example.com") == []  # unconfirmed: no reset mail
    assert confirm(client, link).status_code == 302
    assert _user("dana").email == "Dana@example.com"
    assert _pending("dana") is None

    sent = _reset_mail_to(client, "dana@example.com")
    assert len(sent) == 1
    assert sent[0].to == ["Dana@example.com"]
    assert "dana" in sent[0].body
    assert len(LINK.findall(sent[0].body)) == 1


def test_sign_up_without_an_email_works_as_before(client):
    response = _sign_up(client, "dana")
    assert response.status_code == 302
    assert response["Location"] == "/designs/"
    assert _user("dana").email == ""
    assert _pending("dana") is None
    assert mail.outbox == []
    assert client.get("/designs/").wsgi_request.user.username == "dana"


def test_sign_up_with_an_empty_email_leaves_the_account_without_one(client):
    assert _sign_up(client, "dana", email="   ").status_code == 302
    assert _user("dana").email == ""
    assert _pending("dana") is None


def test_sign_up_refuses_an_invalid_email_with_a_field_error_and_creates_nothing(client):
    response = _sign_up(client, "dana", email="not-an-address")
    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert "Enter a valid email address." in response.content.decode()
    assert not get_user_model().objects.filter(username="dana").exists()


def test_two_accounts_may_sign_up_with_the_same_address_and_each_gets_its_own_link(client):
    assert _sign_up(client, "dana", email="shared@example.com").status_code == 302
    client.logout()
    second = _sign_up(client, "erin", email="shared@example.com")
    assert second.status_code == 302  # no "already in use": that would reveal who has an account
    client.logout()
    assert _pending("dana") == _pending("erin") == "shared@example.com"
    links = confirm_links_to("shared@example.com")
    assert len(links) == 2 and links[0] != links[1]
    for link in links:
        assert confirm(client, link).status_code == 302
    assert _user("dana").email == _user("erin").email == "shared@example.com"

    sent = _reset_mail_to(client, "shared@example.com")
    assert len(sent) == 2
    assert sorted("dana" in m.body for m in sent) == [False, True]
    assert sorted("erin" in m.body for m in sent) == [False, True]


# --- the email page ---------------------------------------------------------------------------


def test_the_email_page_needs_login(client):
    for response in (client.get(EMAIL_URL), _change(client, "x@example.com")):
        assert response.status_code == 302
        assert response["Location"] == f"/accounts/login/?next={EMAIL_URL}"


def test_the_settings_page_shows_the_address_and_links_to_the_email_page(client, alice):
    client.force_login(alice)
    text = client.get(SETTINGS_URL).content.decode()
    assert f'href="{EMAIL_URL}"' in text
    assert "Add an email address" in text
    assert "only an administrator can set a new one" in text

    alice.email = "alice@example.com"
    alice.save()
    text = client.get(SETTINGS_URL).content.decode()
    assert "alice@example.com" in text
    assert "Change email address" in text


def test_the_email_page_shows_the_current_address_and_asks_for_the_password(client, alice):
    alice.email = "alice@example.com"
    alice.save()
    client.force_login(alice)
    response = client.get(EMAIL_URL)
    assert response.status_code == 200
    text = response.content.decode()
    assert 'value="alice@example.com"' in text
    assert 'name="current_password"' in text
    assert 'autocomplete="current-password"' in text


def test_the_email_page_refuses_a_wrong_current_password(client, alice):
    alice.email = "alice@example.com"
    alice.save()
    client.force_login(alice)
    response = _change(client, "new@example.com", password="not-the-password")
    assert response.status_code == 400
    assert "current_password" in response.context["form"].errors
    assert "Your password was entered incorrectly" in response.content.decode()
    alice.refresh_from_db()
    assert alice.email == "alice@example.com"


def test_the_email_page_refuses_an_invalid_address(client, alice):
    client.force_login(alice)
    response = _change(client, "not-an-address")
    assert response.status_code == 400
    assert "email" in response.context["form"].errors
    alice.refresh_from_db()
    assert alice.email == ""


def test_the_email_page_sets_the_address_once_its_link_is_opened(client, alice):
    client.force_login(alice)
    response = _change(client, "  Alice@EXAMPLE.COM ")
    assert response.status_code == 302
    assert response["Location"] == SETTINGS_URL
    alice.refresh_from_db()
    assert alice.email == ""
    assert _pending("alice") == "Alice@example.com"
    page = client.get(SETTINGS_URL).content.decode()
    assert "A confirmation link is on its way to Alice@example.com" in page
    assert "Waiting for confirmation: <strong>Alice@example.com</strong>" in page
    assert [m.to for m in mail.outbox] == [["Alice@example.com"]]
    client.logout()

    assert _reset_mail_to(client, "alice@example.com") == []
    assert confirm(client, confirm_link_in(mail.outbox[0])).status_code == 302
    sent = _reset_mail_to(client, "alice@example.com")
    assert [m.to for m in sent] == [["Alice@example.com"]]


def test_the_email_page_changes_the_address_and_links_sent_to_the_old_one_die(client, alice):
    alice.email = "alice@example.com"
    alice.save()
    old_link = LINK.findall(_reset_mail_to(client, "alice@example.com")[0].body)[0]

    client.force_login(alice)
    assert _change(client, "new@example.com").status_code == 302
    alice.refresh_from_db()
    assert alice.email == "alice@example.com"  # kept until the new one is confirmed
    assert _pending("alice") == "new@example.com"
    link = confirm_links_to("new@example.com")[0]
    client.logout()
    assert _reset_mail_to(client, "new@example.com") == []

    assert confirm(client, link).status_code == 302
    alice.refresh_from_db()
    assert alice.email == "new@example.com"
    assert _reset_mail_to(client, "alice@example.com") == []
    assert [m.to for m in _reset_mail_to(client, "new@example.com")] == [["new@example.com"]]
    # The reset token hashes the address: a link in the old inbox no longer sets a password.
    assert client.get(old_link, follow=True).status_code == 400


def test_the_email_page_clears_the_address(client, alice):
    alice.email = "alice@example.com"
    alice.save()
    client.force_login(alice)
    response = _change(client, "")
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.email == ""
    assert "Your email address is removed." in client.get(SETTINGS_URL).content.decode()
    client.logout()
    assert _reset_mail_to(client, "alice@example.com") == []


def test_the_email_page_allows_an_address_another_account_already_has(client, alice, bob):
    bob.email = "shared@example.com"
    bob.save()
    client.force_login(alice)
    assert _change(client, "shared@example.com").status_code == 302
    assert _pending("alice") == "shared@example.com"
    assert confirm(client, confirm_links_to("shared@example.com")[0]).status_code == 302
    alice.refresh_from_db()
    assert alice.email == "shared@example.com"


def test_the_email_page_keeps_an_unchanged_address_and_says_so(client, alice):
    alice.email = "alice@example.com"
    alice.save()
    client.force_login(alice)
    assert _change(client, "alice@example.com").status_code == 302
    assert "Your email address is unchanged." in client.get(SETTINGS_URL).content.decode()


def test_wrong_passwords_on_the_email_page_lock_it_and_log_in_like_failed_log_ins(client, alice):
    client.force_login(alice)
    for _ in range(MAX_FAILURES):
        assert _change(client, "new@example.com", password="guess").status_code == 400
    locked = _change(client, "new@example.com")  # even the right password, until the lock ends
    assert locked.status_code == 429
    assert "Too many wrong passwords" in locked.content.decode()
    alice.refresh_from_db()
    assert alice.email == ""
    assert _pending("alice") is None
    assert mail.outbox == []
    client.logout()
    log_in = client.post("/accounts/login/", {"username": "alice", "password": PASSWORD})
    assert log_in.status_code == 429


def test_the_email_form_needs_the_csrf_token(alice):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(alice)
    refused = strict.post(EMAIL_URL, {"email": "new@example.com", "current_password": PASSWORD})
    assert refused.status_code == 403
    assert _pending("alice") is None

    page = strict.get(EMAIL_URL)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())
    accepted = strict.post(
        EMAIL_URL,
        {
            "email": "new@example.com",
            "current_password": PASSWORD,
            "csrfmiddlewaretoken": token.group(1),
        },
    )
    assert accepted.status_code == 302
    assert _pending("alice") == "new@example.com"


def test_an_empty_post_to_the_email_page_asks_for_the_password(client, alice):
    client.force_login(alice)
    response = client.post(EMAIL_URL, {})
    assert response.status_code == 400
    assert "current_password" in response.context["form"].errors
