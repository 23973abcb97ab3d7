"""Shared reports: made from a design page or the API, opened by anyone with the link,
frozen, printable, downloadable, and gone (410) once revoked or expired."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime, timedelta

import pytest
from django.http import Http404
from django.utils import timezone

from advisor import services
from advisor.models import Comparison, Design, SharedReport
from advisor.number_text import money
from advisor.selectors import ReportGone, report_state

from .actors import HTMX, is_fragment
from .report_links import assert_report_headers, share

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_password_hashing")]


def _link_token(response) -> str:
    match = re.search(
        r'data-testid="report-link" href="[^"]*/r/([A-Za-z0-9_-]+)"', response.content.decode()
    )
    assert match, "the new link is shown"
    return match.group(1)


# --- sharing from the design page -------------------------------------------------------------


def test_sharing_full_page_shows_the_link_once(client, bob, design):
    client.force_login(bob)
    response = client.post(f"/designs/{design.pk}/share/", {"version": 1, "expires_in_days": "7"})
    assert response.status_code == 200
    assert "<html" in response.content.decode()
    token = _link_token(response)
    assert len(token) >= 43  # 256 bits
    report = SharedReport.objects.get()
    assert token not in report.token_hash
    assert report.expires_at - timezone.now() > timedelta(days=6, hours=23)
    assert token not in client.get(f"/designs/{design.pk}/").content.decode()


def test_sharing_as_fragment_without_expiry(client, alice, design):
    client.force_login(alice)
    response = client.post(
        f"/designs/{design.pk}/share/", {"version": 1, "expires_in_days": ""}, headers=HTMX
    )
    assert response.status_code == 200
    assert is_fragment(response)
    assert 'id="reports-panel"' in response.content.decode()
    _link_token(response)
    assert SharedReport.objects.get().expires_at is None


def test_viewer_and_outsider_cannotshare(client, vera, charlie, design):
    client.force_login(vera)
    refused = client.post(f"/designs/{design.pk}/share/", {"version": 1, "expires_in_days": "7"})
    assert refused.status_code == 403
    client.force_login(charlie)
    hidden = client.post(f"/designs/{design.pk}/share/", {"version": 1, "expires_in_days": "7"})
    assert hidden.status_code == 404
    assert not SharedReport.objects.exists()


def test_revoking_from_the_design_page_full_and_fragment(client, alice, design):
    first, second = share(design, alice), share(design, alice)
    client.force_login(alice)
    ids = list(SharedReport.objects.order_by("created").values_list("pk", flat=True))
    full = client.post(f"/designs/{design.pk}/reports/{ids[0]}/revoke/")
    assert full.status_code == 302
    fragment = client.post(f"/designs/{design.pk}/reports/{ids[1]}/revoke/", headers=HTMX)
    assert fragment.status_code == 200
    assert is_fragment(fragment)
    client.logout()
    assert client.get(f"/r/{first}").status_code == 410
    assert client.get(f"/r/{second}").status_code == 410


def test_outsider_cannot_revoke(client, alice, charlie, design):
    token = share(design, alice)
    client.force_login(charlie)
    report = SharedReport.objects.get()
    assert client.post(f"/designs/{design.pk}/reports/{report.pk}/revoke/").status_code == 404
    assert client.delete(f"/api/v1/reports/{token}").status_code == 404
    client.logout()
    assert client.get(f"/r/{token}").status_code == 200


# --- the public report --------------------------------------------------------------------


def test_report_opens_without_login_read_only_with_its_headers(client, alice, design_v2):
    token = share(design_v2, alice, version=2)
    response = client.get(f"/r/{token}")
    assert response.status_code == 200
    assert_report_headers(response)
    text = response.content.decode()
    rec = design_v2.versions.get(number=2).recommendation
    assert "Orders DB" in text
    assert rec["primary"]["label"] in text
    assert "<form" not in text.split('<main id="main"', 1)[1]  # read-only: no forms
    assert 'href="/static/css/print.css" media="print"' in text


def test_report_page_has_no_script_and_nothing_per_visitor(client, alice, design):
    token = share(design, alice)
    first = client.get(f"/r/{token}")
    text = first.content.decode()
    assert "<script" not in text
    assert "csrf" not in text.lower()
    assert "csrftoken" not in first.cookies
    client.force_login(alice)
    assert client.get(f"/r/{token}").content == first.content  # the same for everyone


def test_report_page_follows_a_rename_of_the_design(client, alice, design):
    token = share(design, alice)
    assert "Orders DB" in client.get(f"/r/{token}").content.decode()
    services.design_rename(design=design, name="Orders, renamed", by=alice)
    assert "Orders, renamed" in client.get(f"/r/{token}").content.decode()


def test_report_downloads_hold_the_snapshot(client, alice, design):
    token = share(design, alice)
    rec = design.versions.get().recommendation

    as_json = client.get(f"/r/{token}.json")
    assert as_json.status_code == 200
    assert_report_headers(as_json)
    assert as_json.json()["recommendation"] == rec
    assert as_json.json()["version"] == 1

    as_md = client.get(f"/r/{token}.md")
    assert as_md["Content-Type"].startswith("text/markdown")
    text = as_md.content.decode()
    assert text.startswith("# Orders DB (version 1)")
    assert f"**Total: {money(rec['total_monthly_usd'])} per month**" in text
    assert rec["primary"]["label"] in text

    as_csv = client.get(f"/r/{token}.csv")
    assert as_csv["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(as_csv.content.decode())))
    primary = [r for r in rows if r["section"] == "Primary"]
    assert [r["monthly_usd"] for r in primary] == [
        c["monthly_usd"] for c in rec["primary"]["cost_components"]
    ]
    assert rows[-1]["section"] == "Total"
    assert rows[-1]["monthly_usd"] == rec["total_monthly_usd"]


def test_report_link_and_downloads_answer_head_as_get(client, alice, design):
    # Chat previews and link checkers ask HEAD first: a 405 would read as a broken link.
    token = share(design, alice)
    for suffix in ("", ".json", ".md", ".csv"):
        head, get = client.head(f"/r/{token}{suffix}"), client.get(f"/r/{token}{suffix}")
        assert (head.status_code, head["Content-Type"]) == (200, get["Content-Type"]), suffix
        assert head.content == b""
        assert_report_headers(head)
    assert client.head("/r/no-such-token-at-all.csv").status_code == 404


def test_revoked_report_is_410_saying_so_in_every_format(client, alice, design):
    token = share(design, alice)
    services.report_revoke(report=SharedReport.objects.get(), by=alice)
    page = client.get(f"/r/{token}")
    assert page.status_code == 410
    assert_report_headers(page)
    assert "revoked" in page.content.decode()
    as_json = client.get(f"/r/{token}.json")
    assert as_json.status_code == 410
    assert as_json.json()["error"]["code"] == "gone"
    assert client.get(f"/r/{token}.csv").status_code == 410
    assert client.get(f"/r/{token}.md").status_code == 410


def test_expired_report_is_410_saying_it_expired(client, alice, design):
    token = share(design, alice, days=1)
    SharedReport.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    page = client.get(f"/r/{token}")
    assert page.status_code == 410
    assert "expired" in page.content.decode()


def test_unknown_report_is_404_with_the_same_headers(client):
    response = client.get("/r/" + "A" * 43)
    assert response.status_code == 404
    assert_report_headers(response)
    assert client.get("/r/" + "A" * 43 + ".json").status_code == 404


def test_deleting_the_design_takes_its_reports(client, alice, design):
    token = share(design, alice)
    services.design_delete(design=design, by=alice)
    assert not SharedReport.objects.exists()
    # The link says it was deleted (test_reports_removed.py), not that it never existed.
    assert client.get(f"/r/{token}").status_code == 410


# --- the link's state, read on every view (advisor.selectors.report_state) ----------------------


def _aware_utc(value: datetime) -> bool:
    return value.tzinfo is not None and value.utcoffset() == timedelta(0)


def _comparison(version, status, finished=None) -> Comparison:
    return Comparison.objects.create(
        design_version=version, catalog_version=version.catalog_version, regions=["us-east-1"],
        months=3, traffic_multipliers=["1"], status=status, finished=finished,
    )  # fmt: skip


def test_state_holds_the_link_and_its_design_with_aware_datetimes(alice, design_v2):
    token = share(design_v2, alice, version=2, days=7)
    report = SharedReport.objects.get()
    state = report_state(token=token)
    assert (state.pk, state.version_id) == (report.pk, report.version_id)
    assert state.version_id == design_v2.versions.get(number=2).pk
    assert state.revoked_at is None
    assert state.expires_at == report.expires_at and _aware_utc(state.expires_at)
    assert state.design_updated == Design.objects.get().updated
    assert _aware_utc(state.design_updated)
    assert state.latest_comparison_id is None


def test_state_is_one_query_and_a_cached_page_view_too(
    client, alice, design, django_assert_num_queries
):
    token = share(design, alice)
    with django_assert_num_queries(1):
        report_state(token=token)
    assert client.get(f"/r/{token}").status_code == 200  # renders and caches the page
    with django_assert_num_queries(1):
        assert client.get(f"/r/{token}").status_code == 200


def test_state_of_an_unknown_token_is_404(alice, design):
    share(design, alice)
    with pytest.raises(Http404):
        report_state(token="A" * 43)


def test_state_of_a_revoked_link_is_gone_as_revoked_even_before_it_expires(alice, design):
    token = share(design, alice, days=30)
    services.report_revoke(report=SharedReport.objects.get(), by=alice)
    with pytest.raises(ReportGone) as gone:
        report_state(token=token)
    assert gone.value.revoked
    assert gone.value.report.revoked_at == SharedReport.objects.get().revoked_at
    assert _aware_utc(gone.value.report.revoked_at)


def test_a_link_expires_at_its_expiry_instant_not_a_microsecond_later(
    client, alice, design, monkeypatch
):
    token = share(design, alice)
    expiry = datetime(2030, 1, 2, 3, 4, 5, 678901, tzinfo=UTC)
    SharedReport.objects.update(expires_at=expiry)

    monkeypatch.setattr(timezone, "now", lambda: expiry - timedelta(microseconds=1))
    assert report_state(token=token).expires_at == expiry
    assert client.get(f"/r/{token}").status_code == 200

    monkeypatch.setattr(timezone, "now", lambda: expiry)
    with pytest.raises(ReportGone) as gone:
        report_state(token=token)
    assert not gone.value.revoked
    assert gone.value.report.expires_at == expiry
    page = client.get(f"/r/{token}")
    assert page.status_code == 410
    assert "expired" in page.content.decode()


def test_state_names_the_versions_latest_finished_comparison(alice, design_v2):
    version, other = (design_v2.versions.get(number=n) for n in (1, 2))
    token = share(design_v2, alice, version=1)
    at = datetime(2030, 1, 1, 12, tzinfo=UTC)
    _comparison(version, Comparison.Status.DONE, finished=at - timedelta(hours=2))
    latest = _comparison(version, Comparison.Status.DONE, finished=at)
    _comparison(version, Comparison.Status.DONE, finished=at - timedelta(hours=1))  # newer pk
    _comparison(version, Comparison.Status.RUNNING)
    _comparison(version, Comparison.Status.FAILED, finished=at + timedelta(hours=1))
    _comparison(other, Comparison.Status.DONE, finished=at + timedelta(hours=2))
    assert report_state(token=token).latest_comparison_id == latest.pk

    # Finished at the same instant: the later one (higher pk) is the latest.
    tied = _comparison(version, Comparison.Status.DONE, finished=at)
    assert report_state(token=token).latest_comparison_id == tied.pk


# --- the reports API -----------------------------------------------------------------------


def test_api_share_then_revoke(client, bob, design):
    client.force_login(bob)
    created = client.post(
        f"/api/v1/designs/{design.pk}/reports",
        {"version": 1, "expires_in_days": 30},
        content_type="application/json",
    )
    assert created.status_code == 201
    body = created.json()
    assert body["url"] == f"/r/{body['token']}"
    assert body["expires_at"]
    client.logout()
    assert client.get(body["url"]).status_code == 200
    client.force_login(bob)
    assert client.delete(f"/api/v1/reports/{body['token']}").status_code == 204
    assert client.delete(f"/api/v1/reports/{body['token']}").status_code == 204  # idempotent
    client.logout()
    assert client.get(body["url"]).status_code == 410


def test_api_share_with_no_expiry_and_default_version(client, alice, design_v2):
    client.force_login(alice)
    created = client.post(
        f"/api/v1/designs/{design_v2.pk}/reports",
        {"expires_in_days": None},
        content_type="application/json",
    )
    assert created.status_code == 201
    assert created.json()["expires_at"] is None
    assert created.json()["version"] == 2


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"version": 9}, None),
        ({"version": 1, "expires_in_days": 0}, "expires_in_days"),
        ({"version": 1, "expires_in_days": 10_000}, "expires_in_days"),
        ({"version": 1, "expires_in_days": "7"}, "expires_in_days"),
        ({"version": 1, "public": True}, "public"),
    ],
)
def test_api_share_bad_bodies(client, alice, design, body, field):
    client.force_login(alice)
    response = client.post(
        f"/api/v1/designs/{design.pk}/reports", body, content_type="application/json"
    )
    if field is None:
        assert response.status_code == 404
    else:
        assert response.status_code == 400
        assert field in response.json()["error"]["fields"]
    assert not SharedReport.objects.exists()


def test_api_outsider_and_viewer_cannotshare(client, charlie, vera, design):
    client.force_login(charlie)
    url = f"/api/v1/designs/{design.pk}/reports"
    assert client.post(url, {"version": 1}, content_type="application/json").status_code == 404
    client.force_login(vera)
    assert client.post(url, {"version": 1}, content_type="application/json").status_code == 403
    assert not SharedReport.objects.exists()


def test_api_revoke_needs_login(client, alice, design):
    token = share(design, alice)
    assert client.delete(f"/api/v1/reports/{token}").status_code == 401
