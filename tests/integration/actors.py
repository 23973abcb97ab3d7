"""The people of the team stories, as fixtures (registered by conftest.py).

alice owns the team "Payments", bob is her teammate (editor), vera is a viewer in it, and
charlie is an outsider with a team of his own: for him, everything of Payments is a 404.
"""

from __future__ import annotations

import pytest

from advisor import services

PASSWORD = "a-long-test-password-91"

# A workload the engine can answer on the shipped catalog: a modest relational database.
WORKLOAD = {
    "name": "orders",
    "data_model": "relational",
    "needs_joins": True,
    "needs_transactions": True,
    "reads_per_sec": 400,
    "writes_per_sec": 60,
    "storage_gb": 120,
}


@pytest.fixture
def fast_password_hashing(settings):
    """PBKDF2's deliberate slowness (a second a hash here) tests nothing of ours."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _user(django_user_model, username: str):
    return django_user_model.objects.create_user(username=username, password=PASSWORD)


@pytest.fixture
def alice(django_user_model):
    return _user(django_user_model, "alice")


@pytest.fixture
def bob(django_user_model):
    return _user(django_user_model, "bob")


@pytest.fixture
def vera(django_user_model):
    return _user(django_user_model, "vera")


@pytest.fixture
def charlie(django_user_model):
    return _user(django_user_model, "charlie")


@pytest.fixture
def team(alice, bob, vera):
    team = services.team_create(name="Payments", owner=alice)
    services.membership_add(team=team, user=bob, role="editor", added_by=alice)
    services.membership_add(team=team, user=vera, role="viewer", added_by=alice)
    return team


@pytest.fixture
def charlies_team(charlie):
    return services.team_create(name="Charlie's", owner=charlie)


@pytest.fixture
def design(team, alice):
    return services.design_create(team=team, name="Orders DB", workload=WORKLOAD, author=alice)


@pytest.fixture
def design_v2(design, bob):
    services.design_version_create(
        design=design,
        workload={**WORKLOAD, "reads_per_sec": 4000, "storage_gb": 900},
        base_version=1,
        author=bob,
    )
    return design


def logged_in(client, user):
    client.force_login(user)
    return client


HTMX = {"HX-Request": "true"}


def is_fragment(response) -> bool:
    """An htmx partial: no document around it."""
    text = response.content.decode()
    return "<html" not in text and "<body" not in text
