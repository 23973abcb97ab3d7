"""Personal API tokens: the settings page, hashed storage, and Bearer authentication."""

from __future__ import annotations

import hashlib
import re

import pytest

from advisor import services
from advisor.models import ApiToken

from .actors import HTMX, is_fragment

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_password_hashing")]


def _token_in(response) -> str:
    match = re.search(r'data-testid="new-token">([A-Za-z0-9_-]+)<', response.content.decode())
    assert match, "the new token is shown"
    return match.group(1)


def test_creating_a_token_shows_it_once_and_stores_only_its_hash(client, alice):
    client.force_login(alice)
    response = client.post("/accounts/tokens/", {"name": "CI pipeline"})
    assert response.status_code == 200
    token = _token_in(response)
    assert len(token) >= 43  # 32 random bytes, url-safe base64
    stored = ApiToken.objects.get(user=alice)
    assert stored.name == "CI pipeline"
    assert stored.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(ApiToken.objects.filter(user=alice).values())
    again = client.get("/accounts/tokens/")
    assert token not in again.content.decode()
    assert stored.prefix in again.content.decode()


def test_the_new_token_comes_with_a_button_that_copies_it(client, alice):
    client.force_login(alice)
    response = client.post("/accounts/tokens/", {"name": "CI pipeline"}, **HTMX)
    token = _token_in(response)
    assert f'data-copy-text="{token}"' in response.content.decode()


def test_token_page_as_full_page_and_as_fragment(client, alice):
    client.force_login(alice)
    page = client.get("/accounts/tokens/")
    assert page.status_code == 200
    assert "<html" in page.content.decode()
    fragment = client.post("/accounts/tokens/", {"name": "notebook"}, headers=HTMX)
    assert fragment.status_code == 200
    assert is_fragment(fragment)
    assert 'id="tokens-panel"' in fragment.content.decode()
    _token_in(fragment)


def test_a_token_needs_a_name(client, alice):
    client.force_login(alice)
    response = client.post("/accounts/tokens/", {"name": ""})
    assert response.status_code == 400
    assert not ApiToken.objects.exists()


def test_bearer_token_authenticates_the_api_and_marks_it_used(client, alice):
    api_token, plain = services.token_create(user=alice, name="script")
    response = client.get("/api/v1/teams", headers={"Authorization": f"Bearer {plain}"})
    assert response.status_code == 200
    assert response.json() == {"teams": []}
    api_token.refresh_from_db()
    assert api_token.last_used is not None


def test_api_without_credentials_is_401_with_the_error_shape(client):
    response = client.get("/api/v1/teams")
    assert response.status_code == 401
    body = response.json()
    assert body["error"]["code"] == "unauthenticated"
    assert "Bearer" in body["error"]["message"]
    assert body["error"]["fields"] == {}


def test_unknown_or_revoked_bearer_token_is_401_even_with_a_session(client, alice):
    api_token, plain = services.token_create(user=alice, name="script")
    services.token_revoke(api_token=api_token)
    client.force_login(alice)
    revoked = client.get("/api/v1/teams", headers={"Authorization": f"Bearer {plain}"})
    assert revoked.status_code == 401
    unknown = client.get("/api/v1/teams", headers={"Authorization": "Bearer not-a-token"})
    assert unknown.status_code == 401


def test_revoking_from_the_page_stops_the_token(client, alice):
    api_token, plain = services.token_create(user=alice, name="script")
    client.force_login(alice)
    response = client.post(f"/accounts/tokens/{api_token.pk}/revoke/")
    assert response.status_code == 302
    api_token.refresh_from_db()
    assert api_token.revoked
    client.logout()
    assert (
        client.get("/api/v1/teams", headers={"Authorization": f"Bearer {plain}"}).status_code == 401
    )


def test_revoke_as_fragment(client, alice):
    api_token, _plain = services.token_create(user=alice, name="script")
    client.force_login(alice)
    response = client.post(f"/accounts/tokens/{api_token.pk}/revoke/", headers=HTMX)
    assert response.status_code == 200
    assert is_fragment(response)
    assert "revoked" in response.content.decode()


def test_someone_elses_token_cannot_be_revoked(client, alice, charlie):
    api_token, _plain = services.token_create(user=alice, name="script")
    client.force_login(charlie)
    assert client.post(f"/accounts/tokens/{api_token.pk}/revoke/").status_code == 404
    api_token.refresh_from_db()
    assert not api_token.revoked


def test_session_writes_to_the_api_need_the_csrf_token(alice):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(alice)
    response = strict.post("/api/v1/teams", {"name": "X"}, content_type="application/json")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "csrf_failed"
    _api_token, plain = services.token_create(user=alice, name="script")
    with_token = strict.post(
        "/api/v1/teams",
        {"name": "X"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {plain}"},
    )
    assert with_token.status_code == 201


def test_token_page_links_to_the_api_description(client, alice):
    client.force_login(alice)
    body = client.get("/accounts/tokens/").content.decode()
    assert 'href="/api/v1/openapi.json"' in body
    described = client.get("/api/v1/openapi.json")
    assert described.status_code == 200
    assert described.json()["openapi"].startswith("3.")
