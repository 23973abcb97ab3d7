"""/api/v1/teams as API.md has it. alice owns Payments, bob edits, charlie is outside."""

from __future__ import annotations

import pytest

from advisor.models import Membership

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_password_hashing")]


def _post(client, url, body):
    return client.post(url, body, content_type="application/json")


def test_list_my_teams_with_members_and_my_role(client, bob, team):
    client.force_login(bob)
    body = client.get("/api/v1/teams").json()
    assert body["teams"] == [
        {
            "id": team.pk,
            "name": "Payments",
            "role": "editor",
            "created": team.created.isoformat(),
            "members": [
                {"username": "alice", "role": "owner"},
                {"username": "bob", "role": "editor"},
                {"username": "vera", "role": "viewer"},
            ],
        }
    ]


def test_create_a_team_and_be_its_owner(client, charlie):
    client.force_login(charlie)
    response = _post(client, "/api/v1/teams", {"name": "Search"})
    assert response.status_code == 201
    body = response.json()
    assert body["name"] == "Search"
    assert body["role"] == "owner"
    assert body["members"] == [{"username": "charlie", "role": "owner"}]


@pytest.mark.parametrize(
    ("body", "field"),
    [({}, "name"), ({"name": ""}, "name"), ({"name": "x", "colour": "red"}, "colour")],
)
def test_bad_team_bodies_are_400_naming_the_field(client, charlie, body, field):
    client.force_login(charlie)
    response = _post(client, "/api/v1/teams", body)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid_input"
    assert field in error["fields"]


def test_not_json_is_a_clear_4xx(client, charlie):
    client.force_login(charlie)
    response = client.post("/api/v1/teams", "name=x", content_type="text/plain")
    assert response.status_code == 415
    broken = client.post("/api/v1/teams", "{nope", content_type="application/json")
    assert broken.status_code == 400


def test_owner_adds_a_member(client, alice, team, charlie):
    client.force_login(alice)
    response = _post(
        client, f"/api/v1/teams/{team.pk}/members", {"username": "charlie", "role": "viewer"}
    )
    assert response.status_code == 201
    assert response.json() == {"team": team.pk, "username": "charlie", "role": "viewer"}


def test_adding_twice_or_an_unknown_user_or_role_is_400(client, alice, team):
    client.force_login(alice)
    url = f"/api/v1/teams/{team.pk}/members"
    assert _post(client, url, {"username": "bob", "role": "viewer"}).status_code == 400
    unknown = _post(client, url, {"username": "ghost", "role": "viewer"})
    assert unknown.status_code == 400
    assert "username" in unknown.json()["error"]["fields"]
    role = _post(client, url, {"username": "bob", "role": "admin"})
    assert "role" in role.json()["error"]["fields"]


def test_editor_adding_a_member_is_refused(client, bob, team, charlie):
    client.force_login(bob)
    response = _post(
        client, f"/api/v1/teams/{team.pk}/members", {"username": "charlie", "role": "owner"}
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"
    assert not Membership.objects.filter(user=charlie).exists()


def test_outsider_gets_404_for_the_team(client, charlie, team):
    client.force_login(charlie)
    add = _post(
        client, f"/api/v1/teams/{team.pk}/members", {"username": "charlie", "role": "owner"}
    )
    assert add.status_code == 404
    assert add.json()["error"]["code"] == "not_found"
    assert client.delete(f"/api/v1/teams/{team.pk}/members/bob").status_code == 404
    assert client.get("/api/v1/teams").json() == {"teams": []}


def test_owner_removes_a_member_and_a_member_leaves(client, alice, bob, team):
    client.force_login(alice)
    assert client.delete(f"/api/v1/teams/{team.pk}/members/vera").status_code == 204
    client.force_login(bob)
    assert client.delete(f"/api/v1/teams/{team.pk}/members/bob").status_code == 204
    assert set(Membership.objects.filter(team=team).values_list("user__username", flat=True)) == {
        "alice"
    }


def test_the_last_owner_cannot_be_removed(client, alice, team):
    client.force_login(alice)
    response = client.delete(f"/api/v1/teams/{team.pk}/members/alice")
    assert response.status_code == 400
    assert "owner" in response.json()["error"]["message"]


def test_removing_someone_not_in_the_team_is_404(client, alice, team, charlie):
    client.force_login(alice)
    assert client.delete(f"/api/v1/teams/{team.pk}/members/charlie").status_code == 404


def test_anonymous_is_401(client, team):
    assert client.get("/api/v1/teams").status_code == 401
    assert _post(client, "/api/v1/teams", {"name": "x"}).status_code == 401
    assert client.delete(f"/api/v1/teams/{team.pk}/members/bob").status_code == 401


def test_wrong_method_is_405_with_allow(client, alice):
    client.force_login(alice)
    response = client.put("/api/v1/teams", {}, content_type="application/json")
    assert response.status_code == 405
    assert "GET" in response["Allow"]
