"""`design-save`: the questionnaire's Save, as a new design or the next version of one."""

from __future__ import annotations

from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from django.urls import reverse

from advisor.forms import form_data_from_workload
from advisor.models import Design, DesignVersion

from .actors import HTMX, WORKLOAD

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_password_hashing")]

SAVE = reverse("design-save")


def _form(workload=WORKLOAD, **extra) -> dict:
    data: dict = {}
    for key, value in form_data_from_workload(workload):
        data.setdefault(key, []).append(value)
    data.update({k: str(v) for k, v in extra.items()})
    return data


def test_saving_an_answer_makes_a_design_with_version_1(client, alice, team):
    client.force_login(alice)
    response = client.post(SAVE, _form(team=team.pk, name="Checkout"))
    design = Design.objects.get(name="Checkout")
    assert response.status_code == 302
    assert response["Location"] == f"/designs/{design.pk}/"
    version = design.versions.get()
    assert version.number == 1
    assert version.author == alice
    assert version.workload["reads_per_sec"] == 400
    assert version.recommendation["workload"] == version.workload
    assert version.recommendation["catalog"]["version"] == version.catalog_version.label


def test_saving_from_htmx_redirects_the_browser(client, alice, team):
    client.force_login(alice)
    response = client.post(SAVE, _form(team=team.pk, name="Checkout"), headers=HTMX)
    design = Design.objects.get(name="Checkout")
    assert response["HX-Redirect"] == f"/designs/{design.pk}/"


def test_save_without_a_team_or_name_asks_for_them_keeping_the_answers(client, alice, team):
    client.force_login(alice)
    response = client.post(SAVE, _form())
    assert response.status_code == 200
    text = response.content.decode()
    assert 'name="team"' in text and 'name="name"' in text
    assert 'name="reads_per_sec" value="400"' in text
    assert not Design.objects.exists()


def test_save_to_a_team_without_a_name_says_the_name_is_missing(client, alice, team):
    # The questionnaire's "Save design" with its "Name" left empty.
    client.force_login(alice)
    response = client.post(SAVE, _form(team=team.pk, name=""))
    assert response.status_code == 400
    text = response.content.decode()
    assert '<ul class="errorlist" id="save-name-errors"><li>Give the design a name.</li>' in text
    assert f'<option value="{team.pk}" selected>' in text
    assert not Design.objects.exists()


def test_saving_the_next_version_from_the_latest(client, bob, design):
    client.force_login(bob)
    response = client.post(
        SAVE, _form({**WORKLOAD, "storage_gb": 500}, design=design.pk, base_version=1)
    )
    assert response.status_code == 302
    v2 = design.versions.get(number=2)
    assert v2.author == bob
    assert v2.workload["storage_gb"] == 500


def test_a_stale_save_is_refused_with_a_clear_message_and_nothing_overwritten(
    client, alice, design_v2
):
    before = list(design_v2.versions.values_list("number", "workload"))
    client.force_login(alice)
    response = client.post(
        SAVE, _form({**WORKLOAD, "storage_gb": 7}, design=design_v2.pk, base_version=1)
    )
    assert response.status_code == 409
    text = response.content.decode()
    assert "moved on" in text
    assert "you edited version 1 but the latest is version 2" in text
    assert f'href="/designs/{design_v2.pk}/"' in text
    assert list(design_v2.versions.values_list("number", "workload")) == before
    # The answers are kept, to save as a design of their own.
    assert 'name="storage_gb" value="7"' in text
    assert 'name="design"' not in text


def test_anonymous_save_goes_to_log_in_and_back_to_the_same_answers(client, team):
    response = client.post(SAVE, _form(team=team.pk, name="Checkout"))
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.path == "/accounts/login/"
    back = unquote(parse_qs(location.query)["next"][0])
    assert "reads_per_sec=400" in back
    assert not Design.objects.exists()


def test_outsider_cannot_save_to_a_team_or_a_design_of_it(client, charlie, team, design):
    client.force_login(charlie)
    assert client.post(SAVE, _form(team=team.pk, name="Sneaky")).status_code == 404
    assert client.post(SAVE, _form(design=design.pk, base_version=1)).status_code == 404
    assert Design.objects.count() == 1
    assert DesignVersion.objects.count() == 1


def test_viewer_cannot_save(client, vera, team, design):
    client.force_login(vera)
    new = client.post(SAVE, _form(team=team.pk, name="Mine"))
    assert new.status_code == 403
    version = client.post(SAVE, _form(design=design.pk, base_version=1))
    assert version.status_code == 403
    assert "does not allow" in version.content.decode()
    assert DesignVersion.objects.count() == 1


def test_invalid_answers_are_named_and_nothing_is_saved(client, alice, team):
    client.force_login(alice)
    response = client.post(SAVE, _form({**WORKLOAD, "reads_per_sec": -5}, team=team.pk, name="X"))
    assert response.status_code == 400
    assert "Peak reads" in response.content.decode()
    assert not Design.objects.exists()
