"""Design pages: the list, one design (answer, history, diff), and what members may change.
alice owns Payments, bob edits, vera views, charlie is outside."""

from __future__ import annotations

import pytest

from advisor.models import Design, DesignVersion

from .actors import HTMX, is_fragment

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_password_hashing")]


def test_design_list_full_page_and_fragment(client, vera, design):
    client.force_login(vera)
    page = client.get("/designs/")
    assert page.status_code == 200
    assert "Orders DB" in page.content.decode()
    assert "<html" in page.content.decode()
    fragment = client.get(f"/designs/?team={design.team_id}", headers=HTMX)
    assert fragment.status_code == 200
    assert is_fragment(fragment)
    assert "Orders DB" in fragment.content.decode()


def test_design_list_shows_archived_only_when_asked(client, alice, design):
    Design.objects.filter(pk=design.pk).update(archived=True)
    client.force_login(alice)
    assert "Orders DB" not in client.get("/designs/").content.decode()
    assert "Orders DB" in client.get("/designs/?archived=on").content.decode()


def test_outsider_sees_no_designs_of_the_team(client, charlie, design):
    client.force_login(charlie)
    assert "Orders DB" not in client.get("/designs/").content.decode()
    assert "Orders DB" not in client.get(f"/designs/?team={design.team_id}").content.decode()


def test_design_page_shows_the_latest_answer_and_the_history(client, bob, design_v2):
    client.force_login(bob)
    response = client.get(f"/designs/{design_v2.pk}/")
    assert response.status_code == 200
    text = response.content.decode()
    latest = design_v2.versions.get(number=2).recommendation
    assert latest["primary"]["label"] in text
    assert f'href="/designs/{design_v2.pk}/versions/1/"' in text
    assert f'href="/designs/{design_v2.pk}/versions/2/"' in text
    assert "Change answers and save a new version" in text


def test_the_edit_link_prefills_the_questionnaire_with_the_design_and_version(
    client, alice, design
):
    client.force_login(alice)
    text = client.get(f"/designs/{design.pk}/").content.decode()
    assert f"?design={design.pk}&amp;version=1&amp;" in text
    assert "reads_per_sec=400" in text


def test_viewer_sees_the_design_but_no_edit_controls(client, vera, design):
    client.force_login(vera)
    text = client.get(f"/designs/{design.pk}/").content.decode()
    assert "Orders DB" in text
    assert "Change answers and save a new version" not in text
    assert "Duplicate" not in text


def test_outsider_gets_404_for_every_design_page_and_action(client, charlie, design_v2):
    client.force_login(charlie)
    pk = design_v2.pk
    for url in (
        f"/designs/{pk}/",
        f"/designs/{pk}/?a=1&b=2",
        f"/designs/{pk}/versions/1/",
        f"/designs/{pk}/versions/1.json",
        f"/designs/{pk}/versions/1.md",
        f"/designs/{pk}/versions/1.csv",
        f"/designs/{pk}/delete/",
    ):
        assert client.get(url).status_code == 404, url
    for url in ("rename", "duplicate", "archive", "delete", "share"):
        assert client.post(f"/designs/{pk}/{url}/", {"name": "x", "version": 1}).status_code == 404
    design_v2.refresh_from_db()
    assert design_v2.name == "Orders DB"
    assert not design_v2.archived
    assert Design.objects.count() == 1


def test_diff_of_two_versions_full_page_and_fragment(client, alice, design_v2):
    client.force_login(alice)
    v1, v2 = (design_v2.versions.get(number=n) for n in (1, 2))
    page = client.get(f"/designs/{design_v2.pk}/?a=1&b=2")
    assert page.status_code == 200
    assert "<html" in page.content.decode()
    fragment = client.get(f"/designs/{design_v2.pk}/?a=1&b=2", headers=HTMX)
    assert fragment.status_code == 200
    assert is_fragment(fragment)
    text = fragment.content.decode()
    assert 'id="diff"' in text
    # Inputs changed, by their question labels, with both values.
    assert "Peak reads" in text
    assert ">400 per second<" in text and ">4,000 per second<" in text
    assert "Answers changed" in text and "Configuration changed" in text
    before, after = v1.recommendation["total_monthly_usd"], v2.recommendation["total_monthly_usd"]
    assert before != after, "the bigger workload costs more"
    from advisor.templatetags.advisor_format import usd

    assert usd(before) in text and usd(after) in text


def test_diff_of_a_version_with_itself_shows_nothing_changed(client, alice, design_v2):
    client.force_login(alice)
    text = client.get(f"/designs/{design_v2.pk}/?a=2&b=2", headers=HTMX).content.decode()
    assert "same cost" in text
    assert text.count("None.") == 2


def test_version_page_and_its_downloads(client, vera, design_v2):
    client.force_login(vera)
    page = client.get(f"/designs/{design_v2.pk}/versions/1/")
    assert page.status_code == 200
    assert "This is not the latest version" in page.content.decode()
    data = client.get(f"/designs/{design_v2.pk}/versions/1.json").json()
    assert data["version"] == 1
    assert data["recommendation"] == design_v2.versions.get(number=1).recommendation
    assert client.get(f"/designs/{design_v2.pk}/versions/9/").status_code == 404


def test_rename_duplicate_and_archive_by_an_editor(client, bob, design):
    client.force_login(bob)
    assert client.post(f"/designs/{design.pk}/rename/", {"name": "Orders v2"}).status_code == 302
    design.refresh_from_db()
    assert design.name == "Orders v2"
    response = client.post(f"/designs/{design.pk}/duplicate/")
    copy = Design.objects.exclude(pk=design.pk).get()
    assert response["Location"] == f"/designs/{copy.pk}/"
    assert copy.name == "Copy of Orders v2"
    original, duplicated = design.versions.get(), copy.versions.get()
    assert duplicated.number == 1
    assert duplicated.recommendation == original.recommendation
    assert duplicated.catalog_version_id == original.catalog_version_id
    client.post(f"/designs/{design.pk}/archive/", {"archived": "true"})
    design.refresh_from_db()
    assert design.archived
    client.post(f"/designs/{design.pk}/archive/", {"archived": "false"})
    design.refresh_from_db()
    assert not design.archived


def test_viewer_cannot_change_a_design(client, vera, design):
    client.force_login(vera)
    response = client.post(f"/designs/{design.pk}/rename/", {"name": "Mine now"}, follow=True)
    assert "does not allow" in response.content.decode()
    client.post(f"/designs/{design.pk}/archive/", {"archived": "true"})
    client.post(f"/designs/{design.pk}/duplicate/")
    design.refresh_from_db()
    assert design.name == "Orders DB" and not design.archived
    assert Design.objects.count() == 1


def test_only_an_owner_deletes_a_design(client, alice, bob, design):
    client.force_login(bob)
    assert "Only an owner" in client.get(f"/designs/{design.pk}/delete/").content.decode()
    client.post(f"/designs/{design.pk}/delete/")
    assert Design.objects.filter(pk=design.pk).exists()
    client.force_login(alice)
    assert client.get(f"/designs/{design.pk}/delete/").status_code == 200
    response = client.post(f"/designs/{design.pk}/delete/")
    assert response.status_code == 302
    assert not Design.objects.filter(pk=design.pk).exists()
    assert not DesignVersion.objects.exists()


def test_a_saved_version_cannot_be_edited(design):
    from advisor.models import VersionImmutable

    version = design.versions.get()
    version.workload = {"data_model": "key_value"}
    with pytest.raises(VersionImmutable):
        version.save()


def test_design_page_offers_the_latest_versions_downloads(client, vera, design_v2):
    client.force_login(vera)  # a viewer may read and so download
    text = client.get(f"/designs/{design_v2.pk}/").content.decode()
    for fmt in ("json", "md", "csv"):
        url = f"/designs/{design_v2.pk}/versions/2.{fmt}"
        assert f'href="{url}" download' in text
        assert client.get(url).status_code == 200


def test_design_pages_and_downloads_answer_head(client, alice, design_v2):
    # Link checkers and chat previews ask HEAD before GET: never a 405.
    client.force_login(alice)
    pk = design_v2.pk
    for url in (f"/designs/{pk}/", f"/designs/{pk}/versions/1/", f"/designs/{pk}/versions/1.csv"):
        assert client.head(url).status_code == 200, url
