"""The public report link: one version's frozen snapshot, no login, read-only.

Report responses are kept out of search engines (X-Robots-Tag) and never pass their URL (the
token) on to sites they link to (Referrer-Policy: no-referrer), including the 404 and 410 ones.
A link deleted (with its design or team, or on its own) answers 410 too and says why: its token
hash outlives it as a RemovedReport (advisor.tombstones).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import cache as once
from functools import wraps
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from .. import selectors
from ..api.common import error_response
from ..models import RemovedReport
from .designs import snapshot_download


def gone_message(gone: selectors.ReportGone) -> str:
    if gone.revoked:
        return _("This report link was revoked by its team.")
    return _("This report link has expired.")


def removed_message(reason: str) -> str:
    if reason == RemovedReport.Reason.TEAM_DELETED:
        return _("This report's team was deleted, and its designs with it.")
    if reason == RemovedReport.Reason.DESIGN_DELETED:
        return _("This report's design was deleted by its team.")
    return _("This report link was deleted.")


def report_headers(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        fmt = kwargs.get("fmt")
        try:
            response = view(request, *args, **kwargs)
        except Http404:
            # Asked only once the live look-up found nothing: a live report stays one query.
            reason = selectors.report_removal(token=kwargs["token"])
            if reason is not None:
                message = removed_message(reason)
                response = _ended(request, fmt, 410, "gone", message, {"removed": message})
            else:
                message = _("There is no report at this link.")
                response = _ended(request, fmt, 404, "not_found", message, {"missing": True})
        except selectors.ReportGone as gone:
            context = {"revoked": gone.revoked, "report": gone.report}
            response = _ended(request, fmt, 410, "gone", gone_message(gone), context)
        response["X-Robots-Tag"] = "noindex, nofollow"
        response["Referrer-Policy"] = "no-referrer"
        return response

    return wrapper


def _ended(request, fmt, status: int, code: str, message: str, context: dict) -> HttpResponse:
    """A link that shows no report, said in the format asked for: API.md's error shape for
    JSON, plain text for a download (a Markdown or CSV client gets no HTML page), else the page."""
    if fmt == "json":
        return error_response(status, code, message)
    if fmt in ("md", "csv"):
        return HttpResponse(f"{message}\n", status=status, content_type="text/plain; charset=utf-8")
    return render(request, "advisor/report_gone.html", context, status=status)


# A rendered report is the same for every visitor until its design is renamed (a saved version
# never changes), so it is kept whole; the link's state is still read from the database on
# every request, so a revoked link is gone at once.
REPORT_PAGE_TTL = 24 * 60 * 60


def files_fingerprint(root: Path, paths: Iterable[Path], extra: Iterable[str] = ()) -> str:
    """A short digest of the files' contents and names under `root` (so two checkouts of one
    release in different directories agree), and of the `extra` text."""
    digest = hashlib.blake2b(digest_size=8)
    for path in sorted(paths):
        name = path.relative_to(root).as_posix()
        digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    for text in extra:
        digest.update(text.encode() + b"\0")
    return digest.hexdigest()


@once
def report_page_release() -> str:
    """What the rendered page depends on besides the report's data: the templates, the code
    that formats it, the translations, and the static files' (hashed, in production) URLs.

    The cache lives in Redis across deploys and nothing clears it, so a page rendered by the
    previous release (another layout, a stylesheet name that no longer exists) would be served
    for up to a day; with this in the key a release that changes any of them renders afresh.
    Read once per process, and the same in every worker.
    """
    base = Path(settings.BASE_DIR)
    paths = [
        *(base / "templates").rglob("*.html"),
        *(base / "advisor").rglob("*.py"),
        *(base / "locale").rglob("*.mo"),
        # Every static file, not a list of those the page links today: their contents are what
        # the hashed URLs of a release are made of.
        *(p for p in (base / "static").rglob("*") if p.is_file()),
    ]
    return files_fingerprint(base, paths)


def report_page_key(state: selectors.ReportState) -> str:
    updated = state.design_updated.timestamp()
    # The page shows the version's latest finished comparison too: a new one, a new page.
    return (
        f"report-page:{report_page_release()}:{state.pk}:{state.version_id}:{updated}"
        f":{get_language()}:{state.latest_comparison_id}"
    )


@require_safe
@never_cache
@report_headers
def report(request, token: str):
    key = report_page_key(selectors.report_state(token=token))
    page = cache.get(key)
    if page is None:
        shared = selectors.report_get_live(token=token)
        version = shared.version
        # No request: nothing per visitor (CSRF token, CSP nonce, user) may enter the page.
        html = render_to_string(
            "advisor/report.html",
            {"report": shared, "version": version, "design": version.design, "token": token},
        )
        # Kept encoded: a hit then neither encodes ~36 kB of text nor unpickles it as str.
        page = html.encode(settings.DEFAULT_CHARSET)
        cache.set(key, page, REPORT_PAGE_TTL)
    return HttpResponse(page)


# Read-only, so no CSRF check to pass: any other method gets require_safe's 405, not the CSRF
# middleware's 403 page.
@csrf_exempt
@require_safe
@never_cache
@report_headers
def report_export(request, token: str, fmt: str):
    shared = selectors.report_get_live(token=token)
    version = shared.version
    return snapshot_download(version, fmt, f"report-{version.design.pk}-v{version.number}")
