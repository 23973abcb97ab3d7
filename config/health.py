"""GET /healthz: the state of each part the app needs, 503 naming the part that is down."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


def _check(fn) -> dict:
    started = time.perf_counter()
    try:
        detail = fn()
    except Exception as exc:  # any failure of a part is reported, not raised
        return {"ok": False, "error": f"{type(exc).__name__}: {exc}"[:300]}
    result = {"ok": True, "ms": round((time.perf_counter() - started) * 1000, 1)}
    if detail:
        result.update(detail)
    return result


def _database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"engine": connection.vendor}


def _cache() -> dict:
    key = "healthz:probe"
    cache.set(key, "ok", 10)
    if cache.get(key) != "ok":
        raise RuntimeError("value written was not read back")
    return {"backend": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]}


def _broker() -> dict:
    if not settings.REDIS_URL:
        return {"mode": "in-process"}
    import redis

    client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2)
    client.ping()
    return {"mode": "redis"}


def _catalog() -> dict:
    from catalog.models import CatalogVersion
    from catalog.services import catalog_current_version_id

    version = CatalogVersion.objects.get(pk=catalog_current_version_id())
    return {"version": version.label, "as_of": version.as_of.isoformat()}


@never_cache
@require_GET
def healthz(request):
    parts = {
        "database": _check(_database),
        "cache": _check(_cache),
        "broker": _check(_broker),
        "catalog": _check(_catalog),
    }
    down = [name for name, state in parts.items() if not state["ok"]]
    body = {"status": "ok" if not down else "down", "down": down, "parts": parts}
    return JsonResponse(body, status=503 if down else 200)
