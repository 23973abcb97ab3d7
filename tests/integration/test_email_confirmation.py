"""Confirming an account's email address: a new address is used for password reset only once
the link mailed to it is opened; the links are signed, one-time and expire; the old address is
told of a change; and no token goes through the task queue."""

from __future__ import annotations

import importlib
import re
import time

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import mail, signing
from django.core.management import CommandError, call_command
from django.test import Client

from advisor.auth import MAX_FAILURES, login_failures_clear
from advisor.email_confirmation import CONFIRMATION_LINK_MAX_AGE
from advisor.email_models import PendingEmail
from advisor.views.accounts import reset_throttle_keys

from .actors import PASSWORD
from .email_links import (
    CONFIRM_LINK,
    clear_confirmation_counters,
    confirm,
    confirm_link_in,
    confirm_links_to,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_password_hashing", "eager")]

EMAIL_URL = "/accounts/email/"
RESEND_URL = "/accounts/email/resend/"
CANCEL_URL = "/accounts/email/cancel/"
SETTINGS_URL = "/accounts/tokens/"
RESET_URL = "/accounts/password/reset/"
IP = "127.0.0.1"
EMAILS = (
    "alice@example.com",
    "new@example.com",
    "other@example.com",
    "typo@exmaple.com",
    "shared@example.com",
    "bob@example.com",
)
RESET_LINK = re.compile(r"^https?://testserver/accounts/password/reset/\S+$", re.MULTILINE)
URL = re.compile(r"https?://|/accounts/")


@pytest.fixture(autouse=True)
def _no_counters_between_tests(db):
    # The suite's cache outlives a test (on Redis it is shared); start and end with none.
    def clear():
        for email in EMAILS:
            for key in reset_throttle_keys(email=email, ip=IP):
                login_failures_clear(**key)
        for username in ("alice", "bob"):
            login_failures_clear(username=username, ip=IP)
        clear_confirmation_counters(EMAILS)

    clear()
    yield
    clear()


def _change(client, email, password=PASSWORD):
    return client.post(EMAIL_URL, {"email": email, "current_password": password})


def _ask_for(client, user, email) -> str:
    """Log in as `user`, ask for `email` on the email page, log out; the link mailed to it."""
    client.force_login(user)
    assert _change(client, email).status_code == 302
    client.logout()
    return confirm_links_to(email)[-1]


def _resets_to(client, email) -> list:
    before = len(mail.outbox)
    assert client.post(RESET_URL, {"email": email}, REMOTE_ADDR=IP).status_code == 302
    return [m for m in mail.outbox[before:] if RESET_LINK.search(m.body)]


def _refused(response, says: str):
    assert response.status_code == 400, response.status_code
    text = response.content.decode()
    assert "This confirmation link cannot be used" in text
    assert says in text
    assert f'href="{EMAIL_URL}"' in text  # and the way to a new link
    assert "Confirm this address" not in text


def _with_email(user, email):
    user.email = email
    user.save()
    return user


# --- the happy path ---------------------------------------------------------------------------


def test_opening_the_link_shows_the_address_and_its_button_makes_it_the_accounts(client, alice):
    link = _ask_for(client, alice, "new@example.com")
    message = mail.outbox[0]
    assert message.to == ["new@example.com"]
    assert "confirm" in message.subject.lower()
    assert "alice" in message.body
    assert "3 days" in message.body  # the lifetime, said plainly

    client.force_login(alice)
    page = client.get(link)
    assert page.status_code == 200
    text = page.content.decode()
    assert "new@example.com" in text and "alice" in text
    assert "Confirm this address" in text
    # The token stays on this site (same-origin, not no-referrer: with that, browsers send
    # "Origin: null" with the form and Django's CSRF check refuses it; tests/e2e proves it).
    assert '<meta name="referrer" content="same-origin">' in text
    alice.refresh_from_db()
    assert alice.email == ""  # opening it is not confirming: mail scanners open links too

    done = client.post(link)
    assert done.status_code == 302
    assert done["Location"] == SETTINGS_URL
    alice.refresh_from_db()
    assert alice.email == "new@example.com"
    assert not PendingEmail.objects.filter(user=alice).exists()
    settings_page = client.get(SETTINGS_URL).content.decode()
    assert "new@example.com is confirmed: password reset links now go there." in settings_page
    assert 'data-testid="pending-email"' not in settings_page


def test_a_link_opened_while_logged_out_confirms_and_says_no_log_in_was_needed(client, alice):
    link = _ask_for(client, alice, "new@example.com")
    page = client.get(link)
    assert page.status_code == 200
    assert "You are not logged in, and need not be" in page.content.decode()
    done = client.post(link)
    assert done.status_code == 302
    assert done["Location"] == "/accounts/login/"
    said = client.get(done["Location"]).content.decode()
    assert "new@example.com is confirmed as the email address of the account alice" in said
    assert "No log-in was needed" in said
    alice.refresh_from_db()
    assert alice.email == "new@example.com"


def test_a_link_opened_logged_in_as_someone_else_confirms_the_links_account_not_theirs(
    client, alice, bob
):
    link = _ask_for(client, alice, "new@example.com")
    client.force_login(bob)
    assert "You are logged in as bob" in client.get(link).content.decode()
    assert client.post(link).status_code == 302
    alice.refresh_from_db()
    bob.refresh_from_db()
    assert (alice.email, bob.email) == ("new@example.com", "")


# --- links that must not work -----------------------------------------------------------------


def test_a_used_link_is_refused_with_a_page_saying_so(client, alice):
    link = _ask_for(client, alice, "new@example.com")
    assert confirm(client, link).status_code == 302
    _refused(client.get(link), "already used")
    _refused(client.post(link), "already used")
    _refused(Client().get(link), "already used")  # from a browser that never saw it


def test_a_tampered_link_is_refused_and_changes_nothing(client, alice, bob):
    link = _ask_for(client, alice, "new@example.com")
    token = link.rstrip("/").rsplit("/", 1)[1]
    value, _timestamp, _signature = token.split(":")
    flipped = token[:-1] + ("a" if token[-1] != "a" else "b")
    # bob's id in alice's signed value: the signature no longer matches
    forged = signing.b64_encode(f'{{"u":{bob.pk},"r":1}}'.encode()).decode()
    for bad in (
        flipped,
        token[: len(token) // 2],  # copied only in part
        token.replace(value, forged),
        "not-a-token",
        "x" * 300,
    ):
        _refused(client.get(f"{EMAIL_URL}confirm/{bad}/"), "incomplete or was altered")
        _refused(client.post(f"{EMAIL_URL}confirm/{bad}/"), "incomplete or was altered")
    alice.refresh_from_db()
    assert alice.email == ""
    assert confirm(client, link).status_code == 302  # the untouched link still works


def test_a_link_lasts_three_days_and_not_a_second_more(client, alice, monkeypatch):
    real_time = time.time

    def link_sent_ago(seconds):
        # The link's own timestamp is set back, as if it had been mailed that long ago.
        monkeypatch.setattr(
            signing.TimestampSigner,
            "timestamp",
            lambda self: signing.b62_encode(int(real_time() - seconds)),
        )
        client.force_login(alice)
        assert client.post(RESEND_URL).status_code == 302
        client.logout()
        monkeypatch.undo()
        return confirm_link_in(mail.outbox[-1])

    _ask_for(client, alice, "new@example.com")
    expired = link_sent_ago(CONFIRMATION_LINK_MAX_AGE + 2)
    _refused(client.get(expired), "It has expired: confirmation links last 3 days")
    _refused(client.post(expired), "It has expired")
    alice.refresh_from_db()
    assert alice.email == ""

    almost = link_sent_ago(CONFIRMATION_LINK_MAX_AGE - 60)
    assert confirm(client, almost).status_code == 302
    alice.refresh_from_db()
    assert alice.email == "new@example.com"


def test_asking_for_another_address_or_cancelling_kills_the_links_already_sent(client, alice):
    first = _ask_for(client, alice, "new@example.com")
    second = _ask_for(client, alice, "other@example.com")
    _refused(client.get(first), "another address was asked for")
    client.force_login(alice)
    response = client.post(CANCEL_URL)
    assert response.status_code == 302 and response["Location"] == EMAIL_URL
    assert "The change to other@example.com is cancelled" in client.get(EMAIL_URL).content.decode()
    assert not PendingEmail.objects.filter(user=alice).exists()
    _refused(client.get(second), "the change was cancelled")
    alice.refresh_from_db()
    assert alice.email == ""


def test_a_link_stops_working_when_the_account_is_deactivated(client, alice):
    link = _ask_for(client, alice, "new@example.com")
    alice.is_active = False
    alice.save()
    _refused(client.get(link), "already used")


# --- password reset only to confirmed addresses -----------------------------------------------


def test_a_pending_address_gets_no_reset_mail_and_the_confirmed_one_keeps_getting_it(client, alice):
    _with_email(alice, "alice@example.com")
    link = _ask_for(client, alice, "typo@exmaple.com")  # mistyped: a stranger's inbox
    assert _resets_to(client, "typo@exmaple.com") == []  # the stranger cannot take the account
    assert [m.to for m in _resets_to(client, "alice@example.com")] == [["alice@example.com"]]

    client.force_login(alice)
    page = client.get(EMAIL_URL).content.decode()
    assert "Confirmed: <strong>alice@example.com</strong>" in page
    assert "a link was sent to <strong>typo@exmaple.com</strong>" in page
    assert "Until then, password reset links go to your confirmed address." in page
    assert f'action="{RESEND_URL}"' in page and f'action="{CANCEL_URL}"' in page

    # the right address after all, and the mistyped one's link is dead
    assert _change(client, "alice@example.com").status_code == 302
    assert (
        "the change to typo@exmaple.com is cancelled" in client.get(SETTINGS_URL).content.decode()
    )
    client.logout()
    _refused(client.get(link), "already used")


def test_the_check_your_email_answer_is_the_same_for_pending_confirmed_and_unknown_addresses(
    client, alice, bob
):
    _with_email(bob, "bob@example.com")
    _ask_for(client, alice, "new@example.com")
    answers = [
        client.post(RESET_URL, {"email": email}, REMOTE_ADDR=IP)
        for email in ("new@example.com", "bob@example.com", "nobody@example.com")
    ]
    assert {(a.status_code, a["Location"]) for a in answers} == {
        (302, "/accounts/password/reset/sent/")
    }


# --- the old address is told ------------------------------------------------------------------


def test_the_old_address_is_told_of_a_change_without_a_link(client, alice):
    _with_email(alice, "alice@example.com")
    link = _ask_for(client, alice, "new@example.com")
    assert [m.to for m in mail.outbox] == [["new@example.com"]]  # nothing before confirmation
    assert confirm(client, link).status_code == 302

    notices = [m for m in mail.outbox if m.to == ["alice@example.com"]]
    assert len(notices) == 1
    notice = notices[0]
    assert "changed" in notice.subject
    assert "your DB Advisor account alice on testserver was changed on" in notice.body
    assert re.search(r"changed on \d{1,2} \w+ \d{4}, \d\d:\d\d UTC\.", notice.body)
    assert "If this was not you" in notice.body
    assert "new@example.com" not in notice.body
    assert not URL.search(notice.body)  # nothing to click, so nothing it could change


def test_the_old_address_is_told_when_it_is_removed(client, alice):
    _with_email(alice, "alice@example.com")
    client.force_login(alice)
    assert _change(client, "").status_code == 302
    alice.refresh_from_db()
    assert alice.email == ""
    assert [m.to for m in mail.outbox] == [["alice@example.com"]]
    notice = mail.outbox[0]
    assert "removed" in notice.subject
    assert "your DB Advisor account alice on testserver was removed on" in notice.body
    assert not URL.search(notice.body)


def test_removing_clears_a_pending_address_too_and_no_one_is_told_when_none_was_confirmed(
    client, alice
):
    link = _ask_for(client, alice, "new@example.com")
    client.force_login(alice)
    assert _change(client, "").status_code == 302
    assert not PendingEmail.objects.filter(user=alice).exists()
    assert [m.to for m in mail.outbox] == [["new@example.com"]]  # only the confirmation
    _refused(client.get(link), "already used")


# --- resending, throttled ---------------------------------------------------------------------


def test_resend_mails_the_link_again_and_one_use_spends_every_copy(client, alice):
    first = _ask_for(client, alice, "new@example.com")
    client.force_login(alice)
    response = client.post(RESEND_URL)
    assert response.status_code == 302 and response["Location"] == EMAIL_URL
    assert "A new confirmation link is on its way to new@example.com" in (
        client.get(EMAIL_URL).content.decode()
    )
    links = confirm_links_to("new@example.com")
    assert len(links) == 2
    assert confirm(client, links[1]).status_code == 302
    _refused(client.get(first), "already used")  # one address, one use


def test_resend_is_throttled_and_says_how_long_to_wait(client, alice):
    _ask_for(client, alice, "new@example.com")  # the first of MAX_FAILURES mails
    client.force_login(alice)
    for _ in range(MAX_FAILURES - 1):
        assert client.post(RESEND_URL).status_code == 302
    assert len(confirm_links_to("new@example.com")) == MAX_FAILURES
    refused = client.post(RESEND_URL)
    assert refused.status_code == 429
    text = refused.content.decode()
    assert "Too many confirmation emails were sent lately" in text
    assert "Try again in 15 minutes." in text
    assert len(confirm_links_to("new@example.com")) == MAX_FAILURES
    # asking for the same address again is no way around it
    again = _change(client, "new@example.com")
    assert again.status_code == 429
    assert len(confirm_links_to("new@example.com")) == MAX_FAILURES


def test_one_address_cannot_be_flooded_from_many_accounts(client, django_user_model):
    for i in range(MAX_FAILURES):
        user = django_user_model.objects.create_user(f"user{i}", password=PASSWORD)
        _ask_for(client, user, "shared@example.com")
    assert len(confirm_links_to("shared@example.com")) == MAX_FAILURES

    # A sign-up naming it gets its account and the address waiting, with no mail yet.
    response = client.post(
        "/accounts/signup/",
        {
            "username": "bob",
            "email": "shared@example.com",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "No confirmation link was sent to shared@example.com yet" in page
    assert len(confirm_links_to("shared@example.com")) == MAX_FAILURES
    pending = PendingEmail.objects.get(user__username="bob")
    assert (pending.email, pending.last_sent_at) == ("shared@example.com", None)


def test_resend_and_cancel_need_log_in_and_a_post(client, alice):
    for url in (RESEND_URL, CANCEL_URL):
        assert client.post(url)["Location"] == f"/accounts/login/?next={url}"
        client.force_login(alice)
        assert client.get(url).status_code == 405
        client.logout()


# --- no token through the task queue ----------------------------------------------------------


def test_the_confirmation_task_is_queued_with_ids_and_the_worker_makes_the_link(
    client, alice, monkeypatch
):
    from advisor import tasks

    queued = []
    monkeypatch.setattr(
        tasks.send_confirmation_mail, "apply_async", lambda **kw: queued.append(kw["kwargs"])
    )
    client.force_login(alice)
    assert _change(client, "new@example.com").status_code == 302
    assert client.post(RESEND_URL).status_code == 302
    assert mail.outbox == []
    job = {
        "user_id": alice.pk,
        "scheme": "http",
        "host": "testserver",
        "language": "en",
    }
    assert queued == [job, job]  # nothing secret, and nothing that differs per link

    assert tasks.send_confirmation_mail(**queued[0]) is True
    link = confirm_link_in(mail.outbox[0])
    assert link.rstrip("/").rsplit("/", 1)[1] not in repr(queued)
    assert confirm(client, link).status_code == 302
    # queued before the address was confirmed, run after: nothing left to confirm, no mail
    assert tasks.send_confirmation_mail(**queued[1]) is False
    assert len(mail.outbox) == 1


def test_the_confirmation_is_sent_at_once_when_the_task_queue_is_down(client, alice, monkeypatch):
    from advisor import tasks

    def broker_down(**kwargs):
        raise ConnectionRefusedError("broker down")

    monkeypatch.setattr(tasks.send_confirmation_mail, "apply_async", broker_down)
    client.force_login(alice)
    assert _change(client, "new@example.com").status_code == 302
    assert [m.to for m in mail.outbox] == [["new@example.com"]]
    assert CONFIRM_LINK.search(mail.outbox[0].body)


def test_the_worker_writes_the_mail_in_the_language_of_the_request(client, alice, monkeypatch):
    from advisor import tasks

    queued = []
    monkeypatch.setattr(
        tasks.send_confirmation_mail, "apply_async", lambda **kw: queued.append(kw["kwargs"])
    )
    client.force_login(alice)
    response = client.post(
        EMAIL_URL,
        {"email": "new@example.com", "current_password": PASSWORD},
        HTTP_ACCEPT_LANGUAGE="ko",
    )
    assert response.status_code == 302
    assert [job["language"] for job in queued] == ["ko"]


# --- addresses from before confirmation existed -----------------------------------------------


def test_the_migration_moves_existing_addresses_to_waiting_and_reset_stops_reaching_them(
    client, alice, bob
):
    _with_email(alice, "alice@example.com")
    migration = importlib.import_module("advisor.migrations.0005_pending_email")
    migration.addresses_to_pending(apps, None)

    alice.refresh_from_db()
    assert alice.email == ""
    pending = PendingEmail.objects.get(user=alice)
    assert (pending.email, pending.last_sent_at) == ("alice@example.com", None)
    assert not PendingEmail.objects.filter(user=bob).exists()  # no address, nothing waiting
    assert _resets_to(client, "alice@example.com") == []

    client.force_login(alice)
    page = client.get(EMAIL_URL).content.decode()
    assert "was on your account before addresses had to be confirmed" in page
    assert "Send the link" in page
    assert client.post(RESEND_URL).status_code == 302
    client.logout()
    assert confirm(client, confirm_links_to("alice@example.com")[0]).status_code == 302
    assert [m.to for m in _resets_to(client, "alice@example.com")] == [["alice@example.com"]]

    # and back: a waiting address returns to User.email, a confirmed one stays
    _with_email(bob, "bob@example.com")
    PendingEmail.objects.create(user=bob, email="other@example.com")
    PendingEmail.objects.create(user=get_user_model().objects.create_user("carol"), email="c@x.io")
    migration.pending_to_addresses(apps, None)
    bob.refresh_from_db()
    assert bob.email == "bob@example.com"
    assert get_user_model().objects.get(username="carol").email == "c@x.io"


def test_the_command_mails_every_address_still_without_a_link_once(client, alice, bob):
    PendingEmail.objects.create(user=alice, email="alice@example.com")  # carried over
    _ask_for(client, bob, "bob@example.com")  # asked for, and sent a link already
    sent = len(mail.outbox)

    call_command("send_email_confirmations", base_url="https://advisor.example.com")
    new = mail.outbox[sent:]
    assert [m.to for m in new] == [["alice@example.com"]]
    assert "https://advisor.example.com/accounts/email/confirm/" in new[0].body
    call_command("send_email_confirmations", base_url="https://advisor.example.com")
    assert len(mail.outbox) == sent + 1

    with pytest.raises(CommandError, match="scheme and a host"):
        call_command("send_email_confirmations", base_url="advisor.example.com/x")
