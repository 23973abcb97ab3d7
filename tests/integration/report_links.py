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
