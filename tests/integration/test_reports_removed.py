"""A report link whose design was deleted: its holder learns the report existed and was
removed by its team (410 in every format), not that the link never existed (404). What is
kept is only the token's hash (advisor.models.RemovedReport)."""

from __future__ import annotations

import html
from datetime import timedelta

import pytest
from django.utils import timezone

from advisor import services
from advisor.auth import token_hash
from advisor.models import Design, RemovedReport, SharedReport

from .actors import WORKLOAD
from .races import pause_at, started, until_blocked_or_done
from .report_links import assert_gone_in_every_format, assert_report_headers, share

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_password_hashing")]

DELETED = "This report's design was deleted by its team."


def _assert_deleted_in_every_format(client, token: str):
    assert_gone_in_every_format(client, token, DELETED)


def test_both_links_of_a_deleted_design_say_it_was_deleted_in_every_format(
    client, alice, design_v2
):
    tokens = [share(design_v2, alice, version=1), share(design_v2, alice, version=2)]
    for token in tokens:
        assert client.get(f"/r/{token}").status_code == 200
    services.design_delete(design=design_v2, by=alice)
    assert not SharedReport.objects.exists()
    for token in tokens:
        _assert_deleted_in_every_format(client, token)


def test_deleting_from_the_page_or_the_api_leaves_the_links_saying_so(client, alice, team):
    by_page = services.design_create(team=team, name="A", workload=WORKLOAD, author=alice)
    by_api = services.design_create(team=team, name="B", workload=WORKLOAD, author=alice)
    page_token, api_token = share(by_page, alice), share(by_api, alice)
    client.force_login(alice)
    assert client.post(f"/designs/{by_page.pk}/delete/").status_code == 302
    assert client.delete(f"/api/v1/designs/{by_api.pk}").status_code == 204
    client.logout()
    _assert_deleted_in_every_format(client, page_token)
    _assert_deleted_in_every_format(client, api_token)


def test_a_token_that_never_existed_is_still_404(client, alice, design):
    share(design, alice)
    services.design_delete(design=design, by=alice)
    page = client.get("/r/" + "A" * 43)
    assert page.status_code == 404
    assert_report_headers(page)
    assert "There is no report at this link" in page.content.decode()
    as_json = client.get("/r/" + "A" * 43 + ".json")
    assert as_json.status_code == 404
    assert as_json.json()["error"]["code"] == "not_found"


# A link revoked (or expired) before its design was deleted says the design was deleted: that
# is the latest thing its team did and the one that cannot be undone, and the tombstone keeps no
# per-link state to tell the earlier revocation from it.
@pytest.mark.parametrize("ended", ["revoked", "expired"])
def test_a_link_ended_before_its_design_was_deleted_says_the_design_was_deleted(
    client, alice, design, ended
):
    token = share(design, alice)
    if ended == "revoked":
        services.report_revoke(report=SharedReport.objects.get(), by=alice)
    else:
        SharedReport.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    assert client.get(f"/r/{token}").status_code == 410
    services.design_delete(design=design, by=alice)
    _assert_deleted_in_every_format(client, token)


def test_only_an_owner_deletes_and_a_refused_delete_leaves_the_link_live(
    client, alice, bob, vera, design
):
    token = share(design, alice)
    for member in (bob, vera):
        with pytest.raises(services.NotAllowed):
            services.design_delete(design=design, by=member)
    assert not RemovedReport.objects.exists()
    assert client.get(f"/r/{token}").status_code == 200


def test_a_failed_delete_leaves_no_tombstone(alice, design, monkeypatch):
    share(design, alice)

    def fail(self, *args, **kwargs):
        raise RuntimeError("the cascade failed")

    monkeypatch.setattr(Design, "delete", fail)
    with pytest.raises(RuntimeError):
        services.design_delete(design=design, by=alice)
    assert not RemovedReport.objects.exists()
    assert SharedReport.objects.count() == 1


def test_the_tombstone_holds_the_token_hash_and_nothing_of_the_design(alice, design):
    token = share(design, alice)
    name = design.name
    services.design_delete(design=design, by=alice)
    [removed] = RemovedReport.objects.values()
    assert set(removed) == {"id", "token_hash", "removed_at", "reason"}
    assert removed["token_hash"] == token_hash(token)
    assert removed["reason"] == RemovedReport.Reason.DESIGN_DELETED
    stored = " ".join(str(value) for value in removed.values())
    assert name not in stored
    assert token not in stored


def test_deleting_one_design_leaves_another_designs_links_live(client, alice, team, design):
    other = services.design_create(team=team, name="Other", workload=WORKLOAD, author=alice)
    kept = share(other, alice)
    share(design, alice)
    services.design_delete(design=design, by=alice)
    assert RemovedReport.objects.count() == 1
    assert client.get(f"/r/{kept}").status_code == 200
    assert client.get(f"/r/{kept}.json").status_code == 200


def test_a_design_without_links_leaves_no_tombstone(alice, design):
    services.design_delete(design=design, by=alice)
    assert not RemovedReport.objects.exists()


def test_a_live_cached_report_is_still_one_query_beside_tombstones(
    client, alice, team, design, django_assert_num_queries
):
    doomed = services.design_create(team=team, name="Doomed", workload=WORKLOAD, author=alice)
    share(doomed, alice)
    services.design_delete(design=doomed, by=alice)
    token = share(design, alice)
    assert client.get(f"/r/{token}").status_code == 200  # renders and caches the page
    with django_assert_num_queries(1):
        assert client.get(f"/r/{token}").status_code == 200


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("shipped_catalog")
def test_a_link_shared_while_its_design_is_deleted_is_never_left_without_tombstone(
    design, alice, monkeypatch
):
    """A link committed while the delete runs, after its cascade collected the links to
    tombstone, would be deleted with no tombstone. The delete locks the versions first, so such
    a share waits on the version's lock, then finds it gone and says the design was deleted: it
    was never handed out, and nobody sees a 500. Paused between the locks and the cascade to
    make that interleaving certain."""
    first = share(design, alice)
    reached, resume = pause_at(monkeypatch, Design, "delete")
    deleted, delete_errors, shared, share_errors = [], [], [], []
    deleter = started(lambda: services.design_delete(design=design, by=alice), deleted,
                      delete_errors)  # fmt: skip
    assert reached.wait(timeout=30)
    sharer = started(lambda: share(design, alice), shared, share_errors)
    until_blocked_or_done(sharer)
    resume.set()
    for thread in (deleter, sharer):
        thread.join(timeout=60)

    assert delete_errors == []
    assert [type(e) for e in share_errors] == [services.NotMember], share_errors
    assert shared == []  # never handed out
    assert not Design.objects.filter(pk=design.pk).exists()
    assert set(RemovedReport.objects.values_list("token_hash", flat=True)) == {token_hash(first)}


def test_sharing_a_version_whose_design_was_just_deleted_says_so_instead_of_failing(alice, design):
    version = design.versions.get(number=1)  # read before the delete, as a racing request would
    services.design_delete(design=design, by=alice)
    with pytest.raises(services.NotMember, match="deleted"):
        services.report_share(version=version, expires_in_days=30, created_by=alice)


def test_a_link_row_deleted_on_its_own_still_answers_410_saying_the_link_was_deleted(
    client, alice, design
):
    """Whatever deletes the row (the admin, a shell), the link leaves its tombstone."""
    token = share(design, alice)
    SharedReport.objects.filter(token_hash=token_hash(token)).delete()
    assert RemovedReport.objects.get().reason == RemovedReport.Reason.LINK_DELETED
    page = client.get(f"/r/{token}")
    assert page.status_code == 410
    assert "This report link was deleted." in html.unescape(page.content.decode())
    assert client.get(f"/r/{token}.json").json()["error"]["message"] == (
        "This report link was deleted."
    )


def test_a_download_of_an_ended_link_is_plain_text_saying_why_not_an_html_page(
    client, alice, design
):
    token = share(design, alice)
    services.design_delete(design=design, by=alice)
    for fmt in ("md", "csv"):
        export = client.get(f"/r/{token}.{fmt}")
        assert export.status_code == 410
        assert export["Content-Type"] == "text/plain; charset=utf-8"
        assert export.content.decode() == DELETED + "\n"
    missing = client.get("/r/no-such-token-at-all.csv")
    assert missing.status_code == 404 and missing["Content-Type"].startswith("text/plain")
