"""The catalog page at /catalog/: filters, sorting, pages, the htmx fragments and bad input.

Expected prices come from the current PriceBook, never typed in: the page must show what
the catalog holds.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from catalog.models import CatalogVersion
from catalog.pricebook import PriceKey
from catalog.services import pricebook_current

pytestmark = pytest.mark.django_db

URL = reverse("catalog:browse")
HTMX_RESULTS = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "catalog-results"}
HTMX_BROWSER = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "catalog-browser"}


@pytest.fixture
def book():
    return pricebook_current()


def _body_rows(html: str) -> list[str]:
    tbody = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return re.findall(r"<tr>(.*?)</tr>", tbody, re.S)


def _classes(html: str) -> list[str]:
    return [re.search(r"<code>([^<]+)</code>", row).group(1) for row in _body_rows(html)]


def _row(html: str, instance_class: str, engine_label: str = "") -> str:
    for row in _body_rows(html):
        if f"<code>{instance_class}</code>" in row and engine_label in row:
            return row
    raise AssertionError(f"no row for {instance_class} {engine_label}")


def _dollars(row: str) -> list[Decimal]:
    return [Decimal(v.replace(",", "")) for v in re.findall(r"\$([\d,]+\.\d+)", row)]


def _hourly(row: str) -> list[Decimal | None]:
    """The hourly cell of each deployment column, None where that deployment is not offered."""
    cells = re.findall(r'<td class="num [^"]*col-group-start"[^>]*>([^<]*)</td>', row)
    return [Decimal(c.strip().lstrip("$")) if c.strip().startswith("$") else None for c in cells]


def _rds_rate(book, deployment: str, instance_class: str = "db.r6g.large") -> Decimal:
    key = PriceKey(
        "rds",
        "us-east-1",
        "instance_hours",
        engine="mysql",
        deployment=deployment,
        instance_class=instance_class,
    )
    return book.price(key).usd


def test_full_page_shows_the_catalog_version_date_and_a_get_form(client, book):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" in html
    assert book.version in html
    assert f'datetime="{book.as_of.isoformat()}"' in html
    assert re.search(r'<form method="get"[^>]*hx-get="/catalog/"', html)
    assert 'hx-target="#catalog-results"' in html
    # A 400 for filters that cannot be applied swaps in place (static/js/app.js, every page).
    assert 'src="/static/js/app.js"' in html


def test_single_az_beside_multi_az_hourly_and_monthly_on_one_row(client, book):
    html = client.get(URL, {"engine": "mysql", "q": "r6g.large"}).content.decode()
    row = _row(html, "db.r6g.large")
    single, multi = _rds_rate(book, "single_az"), _rds_rate(book, "multi_az")
    # hourly, monthly (x 730) for Single-AZ, then for Multi-AZ, in this order.
    assert _dollars(row)[:4] == [single, single * 730, multi, multi * 730]


def test_rows_show_the_sourced_specs_and_a_source_link(client, book):
    html = client.get(URL, {"engine": "mysql", "q": "db.r6g.large"}).content.decode()
    row = _row(html, "db.r6g.large")
    spec = book.instance_classes["db.r6g.large"]
    cells = re.findall(r'<td class="num">([^<]+)</td>', row)
    assert cells[:2] == [str(spec.vcpu), str(spec.memory_gib.normalize())]
    source = book.price(
        PriceKey(
            "rds",
            "us-east-1",
            "instance_hours",
            engine="mysql",
            deployment="single_az",
            instance_class="db.r6g.large",
        )
    ).source
    url = re.search(r"https?://\S+", source).group(0)
    assert f'href="{url}"' in row
    assert "Graviton" in row


def test_htmx_change_returns_only_the_results_partial(client):
    response = client.get(URL, {"q": "r7g"}, **HTMX_RESULTS)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html and "<form" not in html
    assert html.lstrip().startswith('<section id="catalog-results"')
    # The sort kept by the filter form follows the results out of band.
    assert 'id="catalog-sort"' in html and 'hx-swap-oob="true"' in html
    assert set(_classes(html)) and all(".r7g." in c for c in _classes(html))


def test_htmx_service_change_rebuilds_filters_and_results(client):
    response = client.get(URL, {"service": "aurora"}, **HTMX_BROWSER)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert html.lstrip().startswith('<div id="catalog-browser"')
    assert 'value="aurora-postgresql"' in html  # engine choices follow the service
    assert 'value="mysql"' not in html
    assert "hx-swap-oob" not in html


def test_filter_by_engine_keeps_only_that_engine(client):
    html = client.get(URL, {"engine": "postgresql", "q": "m7g"}).content.decode()
    rows = _body_rows(html)
    assert rows
    # One engine without editions: no engine column, and only its prices.
    assert "MySQL" not in "".join(rows)


def test_filter_by_deployment_keeps_classes_offered_that_way(client, book):
    html = client.get(
        URL, {"engine": "mysql", "deployment": "multi_az_cluster", "q": "r6gd"}
    ).content.decode()
    classes = _classes(html)
    assert classes
    for name in classes:
        assert book.has(
            PriceKey(
                "rds",
                "us-east-1",
                "instance_hours",
                engine="mysql",
                deployment="multi_az_cluster",
                instance_class=name,
            )
        )


def test_minimum_vcpu_memory_and_graviton_filters(client, book):
    html = client.get(
        URL, {"service": "elasticache", "min_vcpu": "4", "min_memory": "20", "arch": "arm64"}
    ).content.decode()
    classes = _classes(html)
    assert classes
    for name in classes:
        spec = book.instance_classes[name]
        assert spec.vcpu >= 4 and spec.memory_gib >= 20 and spec.arch == "arm64"


def test_region_filter_shows_that_regions_prices(client, book):
    html = client.get(
        URL, {"region": "eu-west-1", "engine": "mysql", "q": "r6g.large"}
    ).content.decode()
    row = _row(html, "db.r6g.large")
    key = PriceKey(
        "rds",
        "eu-west-1",
        "instance_hours",
        engine="mysql",
        deployment="single_az",
        instance_class="db.r6g.large",
    )
    assert _dollars(row)[0] == book.price(key).usd
    assert "EU (Ireland)" in html


@pytest.mark.parametrize("sort", ["price_single_az", "-price_single_az"])
def test_sort_by_price_both_ways(client, sort):
    html = client.get(URL, {"engine": "mysql", "sort": sort}).content.decode()
    single = [_hourly(row)[0] for row in _body_rows(html)]
    offered = [p for p in single if p is not None]
    assert len(offered) > 10
    assert offered == sorted(offered, reverse=sort.startswith("-"))
    # Classes without a Single-AZ price come after all that have one, either way.
    assert single[: len(offered)] == offered


def test_sort_by_vcpu_and_links_flip_direction(client, book):
    html = client.get(URL, {"engine": "mysql", "sort": "vcpu"}).content.decode()
    vcpus = [book.instance_classes[c].vcpu for c in _classes(html)]
    assert vcpus == sorted(vcpus)
    assert "sort=-vcpu" in html  # the active column's link sorts the other way next


def test_pages_hold_fifty_rows_and_link_to_the_next(client):
    first = client.get(URL).content.decode()
    second = client.get(URL, {"page": "2"}).content.decode()
    assert len(_body_rows(first)) == 50
    assert "page=2" in first
    assert _body_rows(first) != _body_rows(second)


def test_other_dimensions_mode_lists_storage_and_io(client, book):
    html = client.get(URL, {"mode": "other", "service": "rds", "q": "storage"}).content.decode()
    gp3 = book.price(
        PriceKey("rds", "us-east-1", "storage", storage_type="gp3", deployment="single_az")
    )
    assert "per GB-month" in html
    assert any(
        "gp3" in row and "Single-AZ" in row and f"${gp3.usd}" in row.replace(" ", "")
        for row in _body_rows(html)
    )
    assert "db.r6g.large" not in html


def test_dynamodb_request_prices_are_browsable(client):
    html = client.get(URL, {"mode": "other", "service": "dynamodb"}).content.decode()
    assert "on_demand_read" in html and "provisioned_rcu" in html
    assert "Standard-IA" in html


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"service": "bogus"}, "Service"),
        ({"region": "mars-1"}, "Region"),
        ({"service": "aurora", "engine": "mysql"}, "Engine"),
        ({"deployment": "floating"}, "Deployment"),
        ({"mode": "everything"}, "Show"),
        ({"sort": "colour"}, "Sort"),
        ({"min_vcpu": "lots"}, "Min. vCPU"),
        ({"min_memory": "-1"}, "Min. memory (GiB)"),
        ({"page": "first"}, "Page"),
    ],
)
def test_bad_filter_values_answer_400_with_a_message(client, params, field):
    response = client.get(URL, params)
    assert response.status_code == 400
    html = response.content.decode()
    assert "These filters cannot be applied" in html
    assert f"<strong>{field}</strong>" in html
    assert "<tbody>" not in html


def test_bad_filter_value_in_htmx_request_is_a_400_fragment(client):
    response = client.get(URL, {"region": "mars-1"}, **HTMX_RESULTS)
    assert response.status_code == 400
    html = response.content.decode()
    assert "<html" not in html and "mars-1" in html


def test_a_page_past_the_end_is_a_clear_400(client):
    response = client.get(URL, {"q": "r7g.large", "page": "9"})
    assert response.status_code == 400
    assert "There is no page 9" in response.content.decode()


def test_no_match_says_so(client):
    html = client.get(URL, {"q": "zz9"}).content.decode()
    assert "No prices match these filters." in html


def test_no_inline_scripts_or_hx_on_handlers(client):
    html = client.get(URL).content.decode()
    for tag in re.findall(r"<script[^>]*>", html):
        assert "src=" in tag, tag
    assert "hx-on" not in html
    assert " style=" not in html


def test_without_a_current_catalog_the_page_says_so_with_503(client):
    CatalogVersion.objects.update(is_current=False)
    response = client.get(URL)
    assert response.status_code == 503
    assert "load_catalog" in response.content.decode()
