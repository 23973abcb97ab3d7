"""Password reset by email: Django's views and token generator, throttled like log-in."""

from __future__ import annotations

import base64
import os
import re
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core import mail

from advisor.auth import MAX_FAILURES, login_failures_clear
from advisor.views.accounts import reset_throttle_keys

from .actors import PASSWORD

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_password_hashing", "eager")]

ROOT = Path(__file__).resolve().parents[2]
RESET_URL = "/accounts/password/reset/"
SENT_URL = "/accounts/password/reset/sent/"
NEW_PASSWORD = "a-brand-new-passphrase-58"
EMAILS = (
    "alice@example.com",
    "bob@example.com",
    "shared@example.com",
    "nobody@example.com",
    *(f"stranger{i}@example.com" for i in range(MAX_FAILURES + 2)),
)
ADDRESSES = ("127.0.0.1", "10.0.0.1", "10.0.0.2", *(f"10.1.0.{i}" for i in range(MAX_FAILURES + 2)))
USERNAMES = ("alice", "bob", "carol", "dave", "erin", "frank")
LINK = re.compile(r"^https?://testserver(/accounts/password/reset/[^/\s]+/[^/\s]+/)$", re.MULTILINE)


@pytest.fixture(autouse=True)
def _no_counters_between_tests():
    # The suite's cache outlives a test (on Redis it is shared); start and end with none.
    def clear():
        for ip in ADDRESSES:
            for email in EMAILS:
                for key in reset_throttle_keys(email=email, ip=ip):
                    login_failures_clear(**key)
            for username in USERNAMES:
                login_failures_clear(username=username, ip=ip)

    clear()
    yield
    clear()


@pytest.fixture
def alice(django_user_model):
    return django_user_model.objects.create_user(
        username="alice", email="alice@example.com", password=PASSWORD
    )


def _ask(client, email, ip="127.0.0.1"):
    return client.post(RESET_URL, {"email": email}, REMOTE_ADDR=ip)


def _link_in(message) -> str:
    found = LINK.findall(message.body)
    assert len(found) == 1, message.body
    return found[0]


def _link_for(client, email="alice@example.com") -> str:
    before = len(mail.outbox)
    assert _ask(client, email).status_code == 302
    assert len(mail.outbox) == before + 1
    return _link_in(mail.outbox[-1])


def _open(client, link):
    """Follow a mailed link the way a browser does: Django swaps the token for a session entry
    and redirects, so the token never sits in a URL the next page could leak."""
    response = client.get(link)
    if response.status_code == 302:
        assert response["Location"].endswith("/set-password/")
        response = client.get(response["Location"])
    return response


def _set(client, link, password=NEW_PASSWORD):
    page = _open(client, link)
    assert page.status_code == 200, page.content.decode()
    return client.post(
        page.wsgi_request.path, {"new_password1": password, "new_password2": password}
    )


def _logs_in(client, username, password) -> bool:
    response = client.post("/accounts/login/", {"username": username, "password": password})
    logged_in = response.status_code == 302
    client.logout()
    return logged_in


def _uid(pk) -> str:
    return base64.urlsafe_b64encode(str(pk).encode()).decode().rstrip("=")


# --- the flow ---------------------------------------------------------------------------------


def test_the_log_in_page_offers_the_reset_and_the_reset_page_says_where_the_link_goes(client):
    login = client.get("/accounts/login/").content.decode()
    assert f'href="{RESET_URL}"' in login
    assert "Forgot your password?" in login
    page = client.get(RESET_URL)
    assert page.status_code == 200
    text = page.content.decode()
    assert 'name="email"' in text
    assert "The link goes to the email address on your account" in text
    assert "set it on your account page" in text
    assert "ask an administrator" in text
    assert 'aria-describedby="id_email_helptext"' in text


def test_the_whole_flow_sets_a_password_that_logs_in_where_the_old_one_no_longer_does(
    client, alice
):
    response = _ask(client, "alice@example.com")
    assert response.status_code == 302
    assert response["Location"] == SENT_URL
    sent = client.get(SENT_URL)
    assert sent.status_code == 200
    assert "If an account has that email address" in sent.content.decode()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["alice@example.com"]
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    assert "password" in message.subject.lower()
    assert "alice" in message.body  # the username: an address may serve several accounts
    assert "1 hour" in message.body  # PASSWORD_RESET_TIMEOUT, said plainly
    link = _link_in(message)

    form = _open(client, link)
    assert form.status_code == 200
    assert 'name="new_password1"' in form.content.decode()
    assert "set-password" in form.wsgi_request.path  # the token left the address bar

    done = client.post(
        form.wsgi_request.path, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert done.status_code == 302
    assert done["Location"] == "/accounts/password/reset/complete/"
    complete = client.get(done["Location"])
    assert complete.status_code == 200
    assert 'href="/accounts/login/"' in complete.content.decode()
    assert "_auth_user_id" not in client.session  # it says "log in", it does not log in

    assert _logs_in(client, "alice", NEW_PASSWORD)
    assert not _logs_in(client, "alice", PASSWORD)


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, alice):
    known = _ask(client, "alice@example.com")
    unknown = _ask(client, "nobody@example.com")
    assert (unknown.status_code, unknown["Location"]) == (known.status_code, known["Location"])
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["alice@example.com"]


def test_every_active_account_with_the_address_gets_its_own_link_and_no_one_else_does(
    client, django_user_model
):
    bob = django_user_model.objects.create_user("bob", "shared@example.com", PASSWORD)
    django_user_model.objects.create_user("carol", "SHARED@example.com", PASSWORD)
    django_user_model.objects.create_user("dave", "shared@example.com", PASSWORD, is_active=False)
    django_user_model.objects.create_user("erin", "shared@example.com")  # no usable password
    django_user_model.objects.create_user("frank", "", PASSWORD)  # signed up without an email

    assert _ask(client, "shared@example.com").status_code == 302

    by_username = {
        name: message
        for message in mail.outbox
        for name in ("bob", "carol", "dave", "erin", "frank")
        if f": {name}\n" in message.body
    }
    assert sorted(by_username) == ["bob", "carol"]
    assert len(mail.outbox) == 2
    assert by_username["carol"].to == ["SHARED@example.com"]  # as stored, not as typed
    assert _set(client, _link_in(by_username["bob"])).status_code == 302
    bob.refresh_from_db()
    assert bob.check_password(NEW_PASSWORD)
    carol = django_user_model.objects.get(username="carol")
    assert carol.check_password(PASSWORD)


# --- links that must not work -----------------------------------------------------------------


def _refused(response):
    assert response.status_code == 400, response.status_code
    text = response.content.decode()
    assert "This reset link cannot be used" in text
    assert f'href="{RESET_URL}"' in text  # and the way to a new one
    assert 'name="new_password1"' not in text


def test_a_used_link_is_refused_with_a_page_saying_so(client, alice):
    link = _link_for(client)
    assert _set(client, link).status_code == 302
    _refused(client.get(link))
    _refused(client.get(link.rsplit("/", 2)[0] + "/set-password/"))
    # and from a browser that never saw it before
    other = client.__class__()
    _refused(other.get(link))


def test_a_tampered_link_is_refused(client, alice, django_user_model):
    bob = django_user_model.objects.create_user("bob", "bob@example.com", PASSWORD)
    link = _link_for(client)
    _prefix, uid, token, _end = link.rsplit("/", 3)
    flipped = token[:-1] + ("a" if token[-1] != "a" else "b")
    for bad in (
        f"{RESET_URL}{uid}/{flipped}/",  # token altered
        f"{RESET_URL}{_uid(bob.pk)}/{token}/",  # alice's token on bob's account
        f"{RESET_URL}{uid}/{token.split('-')[0]}/",  # token cut short
        f"{RESET_URL}%21%21/{token}/",  # a uid that is not base64
        f"{RESET_URL}{_uid('x')}/{token}/",  # decodes, but is no id
        f"{RESET_URL}{_uid(10**30)}/{token}/",  # an id beyond any integer column
        f"{RESET_URL}{_uid(alice.pk)}/set-password/",  # the form, without the mailed token
    ):
        _refused(client.get(bad))
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)
    # the untouched link still works: the refusals were about the changes
    assert _set(client, link).status_code == 302


def test_a_link_is_refused_once_the_password_changed_another_way(client, alice):
    link = _link_for(client)
    client.force_login(alice)
    changed = client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert changed.status_code == 302
    client.logout()
    _refused(client.get(link))


def test_a_link_lasts_password_reset_timeout_and_not_a_second_more(client, alice, monkeypatch):
    link = _link_for(client)
    timeout = timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT)
    monkeypatch.setattr(
        default_token_generator, "_now", lambda: datetime.now() + timeout - timedelta(minutes=1)
    )
    assert client.get(link).status_code == 302
    monkeypatch.setattr(
        default_token_generator, "_now", lambda: datetime.now() + timeout + timedelta(seconds=2)
    )
    _refused(client.get(link))


def test_a_weak_new_password_gets_the_validators_message_and_changes_nothing(client, alice):
    link = _link_for(client)
    page = _open(client, link)
    for weak, says in (("12345678", "entirely numeric"), ("alice", "too short")):
        response = client.post(
            page.wsgi_request.path, {"new_password1": weak, "new_password2": weak}
        )
        assert response.status_code == 200
        assert says in response.content.decode()
    mismatch = client.post(
        page.wsgi_request.path, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD + "x"}
    )
    assert "didn’t match" in mismatch.content.decode()
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)
    # a refused attempt does not spend the link
    done = client.post(
        page.wsgi_request.path, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert done.status_code == 302


# --- throttling -------------------------------------------------------------------------------


@pytest.mark.parametrize("email", ["alice@example.com", "nobody@example.com"])
def test_requests_for_one_address_are_throttled_from_anywhere_account_or_not(client, alice, email):
    # One client address per request: only the per-address counter can be what stops it.
    for i in range(MAX_FAILURES):
        assert _ask(client, email.upper(), ip=f"10.1.0.{i}").status_code == 302
    sent = len(mail.outbox)
    refused = _ask(client, email, ip=f"10.1.0.{MAX_FAILURES}")
    assert refused.status_code == 429
    assert "Too many reset requests" in refused.content.decode()
    assert len(mail.outbox) == sent
    # the same refusal whether or not an account has the address: nothing to enumerate
    assert sent == (MAX_FAILURES if email == "alice@example.com" else 0)


def test_one_client_is_throttled_across_addresses_and_others_are_not(client):
    for i in range(MAX_FAILURES):
        assert _ask(client, f"stranger{i}@example.com", ip="10.0.0.1").status_code == 302
    fresh = f"stranger{MAX_FAILURES}@example.com"
    assert _ask(client, fresh, ip="10.0.0.1").status_code == 429
    assert _ask(client, fresh, ip="10.0.0.2").status_code == 302


def test_a_reset_lifts_the_log_in_lock_of_the_network_it_was_done_from(client, alice):
    for _ in range(MAX_FAILURES):
        client.post("/accounts/login/", {"username": "alice", "password": "forgotten"})
    locked = client.post("/accounts/login/", {"username": "alice", "password": PASSWORD})
    assert locked.status_code == 429
    assert _set(client, _link_for(client)).status_code == 302
    assert _logs_in(client, "alice", NEW_PASSWORD)


# --- email configuration ----------------------------------------------------------------------


def test_tests_send_to_the_in_memory_outbox_whatever_the_settings_say():
    assert settings.MAILERS["default"]["BACKEND"] == "django.core.mail.backends.locmem.EmailBackend"


def _mailer(**env: str) -> subprocess.CompletedProcess:
    code = (
        "import django; django.setup();"
        "from django.conf import settings as s; from django.core.mail import mailers;"
        "m = mailers.default;"
        "print(type(m).__module__, getattr(m, 'host', ''), getattr(m, 'port', ''),"
        " getattr(m, 'use_tls', ''), getattr(m, 'use_ssl', ''), getattr(m, 'username', ''),"
        " getattr(m, 'timeout', ''), s.DEFAULT_FROM_EMAIL)"
    )
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "EMAIL_", "DEFAULT_FROM_EMAIL"))
        and k not in ("DATABASE_URL", "REDIS_URL")
    }
    clean.update(DJANGO_SETTINGS_MODULE="config.settings", **env)
    return subprocess.run(
        [sys.executable, "-W", "error::DeprecationWarning", "-c", code],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


PRODUCTION = {
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": "x" * 20 + "a-long-random-production-secret-key-1234567890",
    "DJANGO_ALLOWED_HOSTS": "advisor.example.com",
}


def test_development_prints_mail_to_the_console():
    out = _mailer(DJANGO_DEBUG="true")
    assert out.returncode == 0, out.stderr
    assert out.stdout.split()[0] == "django.core.mail.backends.console"


def test_production_sends_through_the_smtp_server_the_environment_names():
    out = _mailer(
        **PRODUCTION,
        EMAIL_HOST="smtp.example.com",
        EMAIL_HOST_USER="mailer",
        EMAIL_HOST_PASSWORD="secret",
        DEFAULT_FROM_EMAIL="advisor@example.com",
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == [
        "django.core.mail.backends.smtp",
        "smtp.example.com",
        "587",
        "True",
        "False",
        "mailer",
        "10",
        "advisor@example.com",
    ]
    ssl = _mailer(**PRODUCTION, EMAIL_HOST="smtp.example.com", EMAIL_USE_SSL="true")
    assert ssl.stdout.split()[1:5] == ["smtp.example.com", "465", "False", "True"]


def test_production_without_a_mail_host_uses_a_relay_on_localhost():
    out = _mailer(**PRODUCTION)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split()[:5] == [
        "django.core.mail.backends.smtp",
        "localhost",
        "25",
        "False",
        "False",
    ]


def test_tls_and_ssl_together_are_refused_at_start():
    out = _mailer(
        **PRODUCTION, EMAIL_HOST="smtp.example.com", EMAIL_USE_TLS="true", EMAIL_USE_SSL="true"
    )
    assert out.returncode != 0
    assert "EMAIL_USE_TLS" in out.stderr and "exclude each other" in out.stderr


def test_production_with_smtp_passes_the_deploy_check():
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "EMAIL_")) and k not in ("DATABASE_URL", "REDIS_URL")
    }
    env.update(
        PRODUCTION, EMAIL_HOST="smtp.example.com", EMAIL_HOST_USER="u", EMAIL_HOST_PASSWORD="p"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_reset_is_queued_as_one_job_for_any_address_so_the_answer_costs_the_same_and_no_token_is_stored(
    alice, client, monkeypatch
):
    from advisor import tasks

    queued = []
    monkeypatch.setattr(
        tasks.send_reset_mails, "apply_async", lambda **kw: queued.append(kw["kwargs"])
    )
    for email in (alice.email, "nobody@example.com"):
        assert client.post(RESET_URL, {"email": email}).status_code == 302
    assert mail.outbox == []  # not sent in the request
    # The same job whether or not an account has the address, and nothing a reader of the
    # broker could reset with.
    assert queued == [
        {"email": email, "scheme": "http", "host": "testserver", "language": "en"}
        for email in (alice.email, "nobody@example.com")
    ]

    assert tasks.send_reset_mails(**queued[0]) == 1  # what the worker does with it
    assert tasks.send_reset_mails(**queued[1]) == 0
    assert [m.to for m in mail.outbox] == [[alice.email]]
    link = _link_in(mail.outbox[0])
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert token not in repr(queued)
    assert _set(client, link).status_code == 302


def test_reset_mail_is_sent_at_once_when_the_task_queue_is_down(alice, client, monkeypatch):
    from advisor import tasks

    def broker_down(**kwargs):
        raise ConnectionRefusedError("broker down")

    monkeypatch.setattr(tasks.send_reset_mails, "apply_async", broker_down)
    assert client.post(RESET_URL, {"email": alice.email}).status_code == 302
    assert [m.to for m in mail.outbox] == [[alice.email]]
    assert len(LINK.findall(mail.outbox[0].body)) == 1


def test_a_reset_mail_queued_for_an_account_that_lost_its_address_meanwhile_is_not_sent(
    alice, client, monkeypatch
):
    from advisor import tasks

    queued = []
    monkeypatch.setattr(
        tasks.send_reset_mails, "apply_async", lambda **kw: queued.append(kw["kwargs"])
    )
    assert client.post(RESET_URL, {"email": alice.email}).status_code == 302
    alice.email = ""
    alice.save()
    assert tasks.send_reset_mails(**queued[0]) == 0
    assert mail.outbox == []
