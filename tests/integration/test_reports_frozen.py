"""A shared report shows the numbers of the day its version was saved, whatever the catalog
does afterwards: prices edited in place, or a new catalog version made current."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db.models import F

from advisor import services
from advisor.recommending import recommendation_for_payload
from advisor.selectors import report_state
from advisor.templatetags.advisor_format import usd
from advisor.views.reports import report_page_key
from catalog.models import CatalogVersion, Price
from catalog.services import catalog_set_current, pricebook_current, pricebook_forget_all

from .actors import WORKLOAD

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_password_hashing")]


@pytest.fixture
def forget_books():
    """Books are kept per process; none may outlive the prices these tests change."""
    pricebook_forget_all()
    yield
    pricebook_forget_all()


def _main(response) -> str:
    """The page's content (the head carries a fresh CSP nonce and CSRF token each time)."""
    text = response.content.decode()
    return text[text.index("<main") : text.index("</main>")]


def _render_afresh(token: str) -> bool:
    """Drop the cached page, so the next GET renders the stored snapshot again: True when there
    was one (a design's new version moves its key, so there may be none)."""
    return cache.delete(report_page_key(report_state(token=token)))


def _report(client, design, alice):
    _report, token = services.report_share(
        version=design.versions.get(), expires_in_days=None, created_by=alice
    )
    return token, client.get(f"/r/{token}.json").json(), _main(client.get(f"/r/{token}"))


def test_report_numbers_stay_when_prices_change_in_place(client, alice, design, forget_books):
    token, before_json, before_page = _report(client, design, alice)
    current = CatalogVersion.objects.get(is_current=True)
    Price.objects.filter(version=current).update(usd=F("usd") * 3)
    pricebook_forget_all()

    fresh = recommendation_for_payload(WORKLOAD, pricebook_current())
    old_total = before_json["recommendation"]["total_monthly_usd"]
    assert fresh["total_monthly_usd"] != old_total, "the price change does move a new answer"

    assert client.get(f"/r/{token}.json").json() == before_json
    assert _render_afresh(token), "the page was cached under the view's key"
    assert _main(client.get(f"/r/{token}")) == before_page
    assert old_total in client.get(f"/r/{token}.csv").content.decode()
    assert usd(old_total) in before_page


def test_report_numbers_stay_when_a_new_catalog_version_is_loaded(
    client, alice, design, forget_books
):
    token, before_json, before_page = _report(client, design, alice)
    old = CatalogVersion.objects.get(is_current=True)
    new = CatalogVersion.objects.create(label="test-doubled", as_of=old.as_of, source="test")
    Price.objects.bulk_create(
        Price(**{**row, "version_id": new.pk, "usd": row["usd"] * 2})
        for row in Price.objects.filter(version=old).values(
            *[f.name for f in Price._meta.concrete_fields if f.name not in ("id", "version")]
        )
    )
    for spec in old.instance_classes.all():
        spec.pk = None
        spec.version = new
        spec.save()
    catalog_set_current(version=new)

    v2 = services.design_version_create(
        design=design, workload=WORKLOAD, base_version=1, author=alice
    )
    assert v2.catalog_version == new
    assert v2.recommendation["catalog"]["version"] == "test-doubled"
    assert v2.total_monthly_usd != before_json["recommendation"]["total_monthly_usd"]

    assert client.get(f"/r/{token}.json").json() == before_json
    _render_afresh(token)
    assert _main(client.get(f"/r/{token}")) == before_page
