from __future__ import annotations

import pytest

from .conftest import screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _catalog_loaded(django_db_blocker):
    # transaction=True tests start from an empty database; load the shipped catalog again.
    from catalog.services import catalog_load_shipped, pricebook_forget_all

    catalog_load_shipped()
    pricebook_forget_all()


def test_home_and_catalog_pages_render_in_a_real_browser_without_csp_errors(page):
    page.goto("/")
    assert page.locator("h1").first.is_visible()
    screenshot(page, "home")
    page.goto("/catalog/")
    assert "catalog" in page.title().lower() or page.locator("h1").first.is_visible()
    screenshot(page, "catalog")
    csp = [e for e in page.console_errors if "Content Security Policy" in e]
    assert csp == [], csp
