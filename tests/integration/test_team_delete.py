"""Deleting a team: owners only, with its name typed to confirm; everything of the team goes,
every report link it shared answers 410 "team deleted", and nothing of other teams changes.
alice owns Payments, bob edits, vera views, charlie is outside."""

from __future__ import annotations

import html

import pytest

from advisor import services
from advisor.auth import token_hash
from advisor.comparison_models import Comparison
from advisor.models import (
    Design,
    DesignVersion,
    Membership,
    RemovedReport,
    SharedReport,
    Team,
    TeamInvite,
)

from .actors import WORKLOAD
from .races import pause_at, started, until_blocked_or_done
from .report_links import assert_gone_in_every_format, share

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_password_hashing")]

TEAM_DELETED = "This report's team was deleted, and its designs with it."


def _page(client, team):
    return html.unescape(client.get(f"/teams/{team.pk}/delete/").content.decode())


def test_the_confirm_page_says_what_goes_with_the_team(client, alice, design_v2, team):
    share(design_v2, alice)
    client.force_login(alice)
    text = _page(client, team)
    assert "Delete the team “Payments”?" in text
    assert "1 design, 2 saved versions" in text
    assert "1 working report link, which will stop working" in text
    assert "the memberships of 3 people" in text


def test_an_owner_deletes_the_team_with_everything_it_holds(client, alice, team, design_v2):
    token = share(design_v2, alice)
    services.invite_create(team=team, role="viewer", expires_in_days=7, created_by=alice)
    client.force_login(alice)
    response = client.post(f"/teams/{team.pk}/delete/", {"confirm_name": " Payments "})
    assert response.status_code == 302 and response["Location"] == "/teams/"
    assert "Team “Payments” deleted." in html.unescape(client.get("/teams/").content.decode())
    assert not Team.objects.filter(pk=team.pk).exists()
    for model in (Design, DesignVersion, SharedReport, Membership, TeamInvite, Comparison):
        assert not model.objects.exists(), model.__name__
    tombstone = RemovedReport.objects.get()
    assert tombstone.token_hash == token_hash(token)
    assert tombstone.reason == RemovedReport.Reason.TEAM_DELETED


def test_its_report_links_say_the_team_was_deleted_in_every_format(client, alice, team, design):
    token = share(design, alice)
    services.team_delete(team=team, by=alice, confirm_name="Payments")
    assert_gone_in_every_format(client, token, TEAM_DELETED)


@pytest.mark.parametrize("typed", ["", "payments", "Payment", "Payments and more"])
def test_a_name_that_does_not_match_deletes_nothing_and_says_why(client, alice, design, typed):
    client.force_login(alice)
    response = client.post(f"/teams/{design.team_id}/delete/", {"confirm_name": typed})
    assert response.status_code == 400
    text = html.unescape(response.content.decode())
    assert "That is not the team's name: type “Payments” exactly." in text
    assert Design.objects.filter(pk=design.pk).exists()


@pytest.mark.parametrize("member", ["bob", "vera"])
def test_only_an_owner_deletes_a_team(client, request, design, member):
    client.force_login(request.getfixturevalue(member))
    page = client.get(f"/teams/{design.team_id}/delete/")
    assert "Only an owner of the team can delete it." in html.unescape(page.content.decode())
    response = client.post(f"/teams/{design.team_id}/delete/", {"confirm_name": "Payments"})
    assert response.status_code == 403
    assert "does not allow you to delete the team" in html.unescape(response.content.decode())
    assert Design.objects.filter(pk=design.pk).exists()


def test_an_outsider_cannot_see_or_delete_the_team(client, charlie, design):
    client.force_login(charlie)
    assert client.get(f"/teams/{design.team_id}/delete/").status_code == 404
    assert (
        client.post(f"/teams/{design.team_id}/delete/", {"confirm_name": "Payments"}).status_code
        == 404
    )
    assert Design.objects.filter(pk=design.pk).exists()


def test_other_teams_and_their_links_are_untouched(client, alice, charlie, charlies_team, design):
    other = services.design_create(
        team=charlies_team, name="Ledger", workload=WORKLOAD, author=charlie
    )
    token = share(other, charlie)
    services.team_delete(team=design.team, by=alice, confirm_name="Payments")
    assert client.get(f"/r/{token}").status_code == 200
    assert Design.objects.filter(pk=other.pk).exists()
    assert not RemovedReport.objects.exists()


def test_the_team_page_offers_deletion_to_owners_only(client, alice, bob, team):
    client.force_login(alice)
    assert f"/teams/{team.pk}/delete/" in client.get(f"/teams/{team.pk}/").content.decode()
    client.force_login(bob)
    assert f"/teams/{team.pk}/delete/" not in client.get(f"/teams/{team.pk}/").content.decode()


def test_saving_into_a_design_or_team_deleted_meanwhile_says_so(alice, design, monkeypatch):
    """As a request that passed its role check just before the delete: objects read before,
    the check already done."""
    team = design.team
    services.team_delete(team=Team.objects.get(pk=team.pk), by=alice, confirm_name="Payments")
    monkeypatch.setattr(services, "_require_role", lambda **kwargs: "owner")
    with pytest.raises(services.NotMember, match="This design was deleted."):
        services.design_version_create(
            design=design, workload=WORKLOAD, base_version=1, author=alice
        )
    with pytest.raises(services.NotMember, match="This team was deleted."):
        services.design_create(team=team, name="Late", workload=WORKLOAD, author=alice)
    with pytest.raises(services.NotMember, match="This team was deleted."):
        services.design_duplicate(design=design, name=None, author=alice)
    assert not Design.objects.exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("shipped_catalog")
def test_a_design_created_while_its_team_is_deleted_says_so_and_leaves_nothing(
    alice, team, monkeypatch
):
    """The creation passed its membership check before the delete locked the team; it then
    waits on the team's row and finds it gone: told so, no 500, no orphan. Paused between the
    locks and the cascade to make that interleaving certain."""
    reached, resume = pause_at(monkeypatch, Team, "delete")
    monkeypatch.setattr(services, "_require_role", lambda **kwargs: "owner")
    deleted, delete_errors, created, create_errors = [], [], [], []
    deleter = started(
        lambda: services.team_delete(team=team, by=alice, confirm_name="Payments"),
        deleted,
        delete_errors,
    )
    assert reached.wait(timeout=30)
    creator = started(
        lambda: services.design_create(team=team, name="Late", workload=WORKLOAD, author=alice),
        created,
        create_errors,
    )
    until_blocked_or_done(creator)
    resume.set()
    for thread in (deleter, creator):
        thread.join(timeout=60)

    assert delete_errors == [] and created == []
    assert [str(e) for e in create_errors] == ["This team was deleted."], create_errors
    assert isinstance(create_errors[0], services.NotMember)
    assert not Team.objects.filter(pk=team.pk).exists()
    assert not Design.objects.exists()


def test_an_empty_confirmation_gets_one_message_saying_what_to_type(client, alice, design):
    client.force_login(alice)
    response = client.post(f"/teams/{design.team_id}/delete/", {"confirm_name": ""})
    assert response.status_code == 400
    errors = response.context["form"].errors["confirm_name"]
    assert errors == ["That is not the team's name: type “Payments” exactly."]
    assert Design.objects.filter(pk=design.pk).exists()
