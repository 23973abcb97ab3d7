"""The 404 and 500 pages are the product's own, not Django's bare ones."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.views.defaults import server_error

pytestmark = pytest.mark.django_db


def test_an_unknown_address_gets_the_branded_404_page_with_debug_off(client, settings):
    settings.DEBUG = False
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert 'class="site-header"' in html  # base.html: header, styles, navigation
    assert "/static/css/app.css" in html
    assert 'href="/"' in html


def test_the_500_page_renders_without_a_request_context(settings):
    settings.DEBUG = False
    # Django renders 500.html with no request (no user, session, CSRF token or nonce), so
    # whatever broke the request cannot break the error page too.
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong" in html
    assert 'class="site-header"' in html
    assert "Log out" not in html


def test_the_500_page_offers_no_language_switch_it_could_not_post(settings):
    # The switch posts with a CSRF token, which a page rendered without a request lacks.
    settings.DEBUG = False
    html = server_error(RequestFactory().get("/")).content.decode()
    assert "language-form" not in html
