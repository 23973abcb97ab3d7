"""Team pages: the list, members and roles, invitation links. alice owns Payments, bob edits,
vera views, charlie is outside."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from advisor import services
from advisor.models import Membership, TeamInvite

from .actors import HTMX, is_fragment

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_password_hashing")]


def _roles(team):
    return dict(Membership.objects.filter(team=team).values_list("user__username", "role"))


def test_team_list_shows_my_teams_only(client, team, charlie, charlies_team):
    client.force_login(charlie)
    text = client.get("/teams/").content.decode()
    assert "Charlie&#x27;s" in text
    assert "Payments" not in text


def test_creating_a_team_makes_me_its_owner(client, charlie):
    client.force_login(charlie)
    response = client.post("/teams/", {"name": "Data platform"})
    assert response.status_code == 302
    membership = Membership.objects.get(user=charlie, team__name="Data platform")
    assert membership.role == "owner"
    assert response["Location"] == f"/teams/{membership.team_id}/"


def test_team_page_lists_members_with_their_roles(client, alice, team):
    client.force_login(alice)
    text = client.get(f"/teams/{team.pk}/").content.decode()
    for name in ("alice", "bob", "vera"):
        assert name in text
    assert "Add a member" in text
    assert "Invitation links" in text


def test_teammates_see_the_team_without_owner_controls(client, bob, team):
    client.force_login(bob)
    response = client.get(f"/teams/{team.pk}/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Add a member" not in text
    assert "Invitation links" not in text


def test_outsider_gets_404_for_every_team_page_and_action(client, charlie, bob, team):
    client.force_login(charlie)
    assert client.get(f"/teams/{team.pk}/").status_code == 404
    for url, data in (
        (f"/teams/{team.pk}/members/", {"username": "charlie", "role": "owner"}),
        (f"/teams/{team.pk}/members/bob/role/", {"role": "viewer"}),
        (f"/teams/{team.pk}/members/bob/remove/", {}),
        (f"/teams/{team.pk}/invites/", {"role": "owner", "expires_in_days": 7}),
    ):
        assert client.post(url, data).status_code == 404, url
    assert _roles(team) == {"alice": "owner", "bob": "editor", "vera": "viewer"}


def test_owner_adds_a_member_by_username_full_page(client, alice, team, charlie):
    client.force_login(alice)
    response = client.post(f"/teams/{team.pk}/members/", {"username": "charlie", "role": "viewer"})
    assert response.status_code == 302
    assert _roles(team)["charlie"] == "viewer"


def test_owner_adds_a_member_as_fragment(client, alice, team, charlie):
    client.force_login(alice)
    response = client.post(
        f"/teams/{team.pk}/members/", {"username": "charlie", "role": "editor"}, headers=HTMX
    )
    assert response.status_code == 200
    assert is_fragment(response)
    assert 'id="members-panel"' in response.content.decode()
    assert "charlie" in response.content.decode()


def test_adding_an_unknown_username_says_so(client, alice, team):
    client.force_login(alice)
    response = client.post(
        f"/teams/{team.pk}/members/", {"username": "nobody", "role": "viewer"}, headers=HTMX
    )
    assert response.status_code == 400
    assert "No one has the username" in response.content.decode()


def test_editor_cannot_add_members(client, bob, team, charlie):
    client.force_login(bob)
    response = client.post(
        f"/teams/{team.pk}/members/", {"username": "charlie", "role": "owner"}, headers=HTMX
    )
    assert response.status_code == 403
    assert "does not allow" in response.content.decode()
    assert "charlie" not in _roles(team)


def test_owner_changes_a_role_and_removes_a_member(client, alice, team):
    client.force_login(alice)
    assert (
        client.post(f"/teams/{team.pk}/members/vera/role/", {"role": "editor"}).status_code == 302
    )
    assert _roles(team)["vera"] == "editor"
    response = client.post(f"/teams/{team.pk}/members/vera/remove/", headers=HTMX)
    assert response.status_code == 200
    assert is_fragment(response)
    assert "vera" not in _roles(team)


def test_the_last_owner_can_neither_leave_nor_be_demoted(client, alice, team):
    client.force_login(alice)
    response = client.post(f"/teams/{team.pk}/members/alice/remove/", headers=HTMX)
    assert response.status_code == 400
    assert "at least one owner" in response.content.decode()
    demote = client.post(f"/teams/{team.pk}/members/alice/role/", {"role": "viewer"}, headers=HTMX)
    assert demote.status_code == 400
    assert _roles(team)["alice"] == "owner"


def test_a_member_may_leave(client, bob, team):
    client.force_login(bob)
    response = client.post(f"/teams/{team.pk}/members/bob/remove/")
    assert response.status_code == 302
    assert response["Location"] == "/teams/"
    assert "bob" not in _roles(team)
    assert client.get(f"/teams/{team.pk}/").status_code == 404


def _invite_link(response) -> str:
    match = re.search(r'data-testid="invite-link">([^<]+)<', response.content.decode())
    assert match, "the invitation link is shown"
    return match.group(1)


def test_invitation_link_full_page_then_accepted_by_charlie(client, alice, team, charlie):
    client.force_login(alice)
    response = client.post(f"/teams/{team.pk}/invites/", {"role": "editor", "expires_in_days": 7})
    assert response.status_code == 200
    assert "<html" in response.content.decode()
    link = _invite_link(response)
    path = link.split("testserver", 1)[1]
    invite = TeamInvite.objects.get(team=team)
    assert path.split("/")[2] not in invite.token_hash  # stored hashed, not as given
    client.force_login(charlie)
    page = client.get(path)
    assert page.status_code == 200
    assert "Join Payments" in page.content.decode()
    joined = client.post(path)
    assert joined.status_code == 302
    assert _roles(team)["charlie"] == "editor"


def test_the_invitation_link_comes_with_a_button_that_copies_it(client, alice, team):
    client.force_login(alice)
    response = client.post(f"/teams/{team.pk}/invites/", {"role": "editor", "expires_in_days": 7})
    assert f'data-copy-href="{_invite_link(response)}"' in response.content.decode()


def test_a_team_without_designs_links_to_the_questionnaire(client, alice, team):
    client.force_login(alice)
    page = client.get(f"/teams/{team.pk}/").content.decode()
    assert 'No designs yet: <a href="/">answer the questionnaire</a> and save.' in page


def test_invitation_as_fragment(client, alice, team):
    client.force_login(alice)
    response = client.post(
        f"/teams/{team.pk}/invites/", {"role": "viewer", "expires_in_days": 1}, headers=HTMX
    )
    assert response.status_code == 200
    assert is_fragment(response)
    assert 'id="invites-panel"' in response.content.decode()
    _invite_link(response)


def test_used_or_expired_invitations_do_not_let_anyone_in(
    client, alice, team, charlie, django_user_model
):
    invite, token = services.invite_create(
        team=team, role="editor", expires_in_days=7, created_by=alice
    )
    services.invite_accept(token=token, user=charlie)
    dana = django_user_model.objects.create_user(username="dana", password="x")
    client.force_login(dana)
    used = client.get(f"/invites/{token}/")
    assert used.status_code == 410
    assert client.post(f"/invites/{token}/").status_code == 302
    assert "dana" not in _roles(team)

    _expired, old_token = services.invite_create(
        team=team, role="owner", expires_in_days=1, created_by=alice
    )
    TeamInvite.objects.filter(pk=_expired.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    assert client.get(f"/invites/{old_token}/").status_code == 410
    client.post(f"/invites/{old_token}/")
    assert "dana" not in _roles(team)
    assert client.get("/invites/made-up-token/").status_code == 404


def test_editor_cannot_create_invitations(client, bob, team):
    client.force_login(bob)
    response = client.post(f"/teams/{team.pk}/invites/", {"role": "owner", "expires_in_days": 7})
    assert response.status_code == 403
    assert not TeamInvite.objects.exists()


def test_owner_cancels_an_invitation(client, alice, team, charlie):
    invite, token = services.invite_create(
        team=team, role="editor", expires_in_days=7, created_by=alice
    )
    client.force_login(alice)
    response = client.post(f"/teams/{team.pk}/invites/{invite.pk}/revoke/", headers=HTMX)
    assert response.status_code == 200
    assert is_fragment(response)
    client.force_login(charlie)
    assert client.get(f"/invites/{token}/").status_code == 410


def test_role_change_as_fragment_and_removal_as_full_page(client, alice, team):
    client.force_login(alice)
    fragment = client.post(f"/teams/{team.pk}/members/vera/role/", {"role": "editor"}, headers=HTMX)
    assert fragment.status_code == 200
    assert is_fragment(fragment)
    assert _roles(team)["vera"] == "editor"
    full = client.post(f"/teams/{team.pk}/members/vera/remove/")
    assert full.status_code == 302
    assert full["Location"] == f"/teams/{team.pk}/"
    assert "vera" not in _roles(team)


def test_cancelling_an_invitation_as_full_page(client, alice, team):
    invite, _token = services.invite_create(
        team=team, role="viewer", expires_in_days=7, created_by=alice
    )
    client.force_login(alice)
    response = client.post(f"/teams/{team.pk}/invites/{invite.pk}/revoke/")
    assert response.status_code == 302
    invite.refresh_from_db()
    assert invite.revoked_at is not None


def test_team_page_full_page_for_a_viewer(client, vera, team):
    client.force_login(vera)
    response = client.get(f"/teams/{team.pk}/")
    assert response.status_code == 200
    assert "<html" in response.content.decode()
    assert "Leave" in response.content.decode()
