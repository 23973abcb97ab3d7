"""Helpers of the shared-report tests: a link made the way the product makes one, and the
headers every report response carries (live, gone or missing)."""

from __future__ import annotations

from advisor import services


def share(design, by, *, version=1, days=30) -> str:
    """A report link to `version` of `design`, shared by `by`: its plain token."""
    _report, token = services.report_share(
        version=design.versions.get(number=version), expires_in_days=days, created_by=by
    )
    return token


def assert_report_headers(response) -> None:
    assert response["X-Robots-Tag"].startswith("noindex")
    assert response["Referrer-Policy"] == "no-referrer"


def assert_gone_in_every_format(client, token: str, message: str) -> None:
    """The link answers 410 with `message` on its page, in JSON and in every export."""
    import html

    page = client.get(f"/r/{token}")
    assert page.status_code == 410
    assert_report_headers(page)
    assert message in html.unescape(page.content.decode())
    as_json = client.get(f"/r/{token}.json")
    assert as_json.status_code == 410
    assert_report_headers(as_json)
    assert as_json.json()["error"] == {"code": "gone", "message": message, "fields": {}}
    for fmt in ("md", "csv"):
        export = client.get(f"/r/{token}.{fmt}")
        assert export.status_code == 410, fmt
        assert_report_headers(export)
        assert message in html.unescape(export.content.decode()), fmt
