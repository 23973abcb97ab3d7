"""One template per page; htmx asks for a named partial of it, a browser for the whole page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def render_page(
    request: HttpRequest,
    template: str,
    context: dict,
    *,
    partial: str | None = None,
    status: int = 200,
) -> HttpResponse:
    """The whole page, or only `template#partial` when htmx asked (and a partial is named)."""
    name = f"{template}#{partial}" if partial and request.htmx else template
    return render(request, name, context, status=status)
