"""Sign up, log in (throttled), log out, password change."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from advisor.auth import MAX_FAILURES, login_failures_clear
from advisor.models import Membership

from .actors import PASSWORD

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_password_hashing")]

ADDRESSES = ("10.0.0.1", "10.0.0.2", "127.0.0.1")


@pytest.fixture(autouse=True)
def _no_lockouts_between_tests():
    # The suite's cache outlives a test (on Redis it is shared); start and end unlocked.
    def clear():
        for username in ("alice", "bob"):
            for ip in ADDRESSES:
                login_failures_clear(username=username, ip=ip)

    clear()
    yield
    clear()


def test_sign_up_creates_the_account_and_its_own_team_and_logs_in(client):
    response = client.post(
        "/accounts/signup/",
        {"username": "dana", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == "/designs/"
    dana = get_user_model().objects.get(username="dana")
    membership = Membership.objects.get(user=dana)
    assert membership.role == "owner"
    assert "dana" in membership.team.name
    page = client.get("/designs/")
    assert page.status_code == 200
    assert page.wsgi_request.user == dana


def test_sign_up_follows_a_safe_next_but_not_an_outside_one(client):
    ok = client.post(
        "/accounts/signup/",
        {"username": "erin", "password1": PASSWORD, "password2": PASSWORD, "next": "/teams/"},
    )
    assert ok["Location"] == "/teams/"
    client.logout()
    evil = client.post(
        "/accounts/signup/",
        {
            "username": "frank",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "next": "https://evil.example/",
        },
    )
    assert evil["Location"] == "/designs/"


def test_log_in_and_sign_up_link_to_each_other_keeping_a_safe_next_only(client):
    answer = "/?data_model=relational&reads_per_sec=400"
    login_page = client.get("/accounts/login/", {"next": answer}).content.decode()
    assert 'href="/accounts/signup/?next=%2F%3Fdata_model%3Drelational%26reads_per_sec%3D400"' in (
        login_page
    )
    signup_page = client.get("/accounts/signup/", {"next": answer}).content.decode()
    assert 'href="/accounts/login/?next=%2F%3Fdata_model%3Drelational%26reads_per_sec%3D400"' in (
        signup_page
    )
    outside = client.get("/accounts/login/", {"next": "https://evil.example/"}).content.decode()
    assert 'href="/accounts/signup/"' in outside and 'evil.example/"' not in outside


def test_sign_up_with_mismatched_passwords_says_so_and_creates_nothing(client):
    response = client.post(
        "/accounts/signup/", {"username": "dana", "password1": PASSWORD, "password2": "other"}
    )
    assert response.status_code == 200
    assert "password fields didn’t match" in response.content.decode()
    assert not get_user_model().objects.filter(username="dana").exists()


def test_log_in_and_out(client, alice):
    page = client.get("/accounts/login/")
    assert page.status_code == 200
    assert 'name="password"' in page.content.decode()
    response = client.post("/accounts/login/", {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/teams/").status_code == 200
    out = client.post("/accounts/logout/")
    assert out.status_code == 302
    assert client.get("/teams/").status_code == 302  # back to the login page


def test_pages_of_members_send_anonymous_visitors_to_log_in(client):
    for url in ("/teams/", "/designs/", "/accounts/tokens/", "/accounts/password/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/?next="), url


def _fail(client, username="alice", ip="10.0.0.1", password="wrong"):
    return client.post(
        "/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def test_login_is_locked_after_repeated_failures_even_with_the_right_password(client, alice):
    for _ in range(MAX_FAILURES):
        response = _fail(client)
        assert response.status_code == 200
        assert "enter a correct username and password" in response.content.decode()
    locked = _fail(client, password=PASSWORD)
    assert locked.status_code == 429
    assert "Too many failed log-in attempts" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_lock_is_per_address_and_username(client, alice, django_user_model):
    django_user_model.objects.create_user(username="bob", password=PASSWORD)
    for _ in range(MAX_FAILURES):
        _fail(client)
    other_address = _fail(client, ip="10.0.0.2", password=PASSWORD)
    assert other_address.status_code == 302
    client.logout()
    other_user = _fail(client, username="bob", password=PASSWORD)
    assert other_user.status_code == 302


def test_a_successful_login_clears_the_failure_count(client, alice):
    for _ in range(MAX_FAILURES - 1):
        _fail(client)
    assert _fail(client, password=PASSWORD).status_code == 302
    client.logout()
    for _ in range(MAX_FAILURES - 1):
        _fail(client)
    assert _fail(client, password=PASSWORD).status_code == 302


def test_password_change_keeps_the_session_and_takes_the_new_password(client, alice):
    client.force_login(alice)
    new = "another-long-password-72"
    response = client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/done/"
    assert client.get("/accounts/password/done/").status_code == 200
    alice.refresh_from_db()
    assert alice.check_password(new)


def test_password_change_with_a_wrong_old_password_is_refused(client, alice):
    client.force_login(alice)
    response = client.post(
        "/accounts/password/",
        {
            "old_password": "nope",
            "new_password1": "x-long-pass-1",
            "new_password2": "x-long-pass-1",
        },
    )
    assert response.status_code == 200
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


def test_wrong_old_passwords_lock_password_change_like_log_in_even_with_the_right_one(
    client, alice
):
    """A session alone (a borrowed laptop) must not allow guessing the password here."""
    client.force_login(alice)
    new = "x-long-pass-1"
    for _ in range(MAX_FAILURES):
        client.post("/accounts/password/",
                    {"old_password": "nope", "new_password1": new, "new_password2": new})  # fmt: skip
    response = client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 429
    assert "Too many wrong passwords" in response.content.decode()
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)
    login_failures_clear(username="alice", ip="127.0.0.1")


def test_nav_shows_account_links_to_members_and_sign_up_to_visitors(client, alice):
    anonymous = client.get("/accounts/login/").content.decode()
    assert 'href="/accounts/signup/"' in anonymous
    client.force_login(alice)
    member = client.get("/teams/").content.decode()
    assert 'href="/designs/"' in member
    assert 'action="/accounts/logout/"' in member
