"""Secrets and who is asking: hashed tokens, `Authorization: Bearer`, and login throttling."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from functools import wraps

from django.core.cache import cache
from django.http import HttpRequest
from django.middleware.csrf import CsrfViewMiddleware
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .api.common import ApiError

# 32 random bytes = 256 bits, well above the 128 bits an unguessable link needs.
TOKEN_BYTES = 32
# Writing last_used on every API call would turn each read into a write; a minute is enough.
LAST_USED_RESOLUTION_SECONDS = 60


def token_new() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    """What is stored in place of a token. SHA-256 is enough: the token is 256 random bits,
    so there is nothing to brute-force that a slow hash would protect."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


# --- Bearer tokens ----------------------------------------------------------------------------


def bearer_token(request: HttpRequest) -> str | None:
    """The token of an `Authorization: Bearer` header; None when there is no such header."""
    header = request.headers.get("Authorization", "")
    scheme, _sep, value = header.partition(" ")
    if scheme.lower() != "bearer":
        return None
    return value.strip()


def user_for_bearer(token: str):
    """The user a live token belongs to, or None. Marks the token used."""
    from .models import ApiToken

    if not token:
        return None
    api_token = (
        ApiToken.objects.select_related("user")
        .filter(token_hash=token_hash(token), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if api_token is None:
        return None
    now = timezone.now()
    last = api_token.last_used
    if last is None or (now - last).total_seconds() >= LAST_USED_RESOLUTION_SECONDS:
        ApiToken.objects.filter(pk=api_token.pk).update(last_used=now)
    return api_token.user


def _csrf_failure(request: HttpRequest) -> bool:
    """Session-authenticated writes must carry the CSRF token, as forms do: the API views are
    csrf_exempt for token clients, and a browser's cookies must not be usable cross-site."""
    check = CsrfViewMiddleware(lambda req: None)
    check.process_request(request)
    return check.process_view(request, None, (), {}) is not None


def api_login_required(view: Callable) -> Callable:
    """Authenticate an API call by Bearer token or session; 401 with API.md's error shape when
    neither is there. A Bearer header that does not match a live token is a 401 even when a
    session cookie is present: the caller meant the token."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        token = bearer_token(request)
        if token is not None:
            user = user_for_bearer(token)
            if user is None:
                raise ApiError(401, "unauthenticated", _("The API token is unknown or revoked."))
            request.user = user
        elif request.user.is_authenticated:
            if request.method not in ("GET", "HEAD", "OPTIONS") and _csrf_failure(request):
                raise ApiError(
                    403,
                    "csrf_failed",
                    _("Send the CSRF token with session-authenticated writes, or use a token."),
                )
        else:
            raise ApiError(
                401,
                "unauthenticated",
                _("Log in, or send Authorization: Bearer <token> (create one in your settings)."),
            )
        return view(request, *args, **kwargs)

    return wrapper


# --- login throttling ------------------------------------------------------------------------

# After this many failed attempts for one username from one address, that pair is locked out
# for LOCKOUT_SECONDS. Counting per username+address stops guessing one account's password
# without letting a stranger lock everyone out of an account from elsewhere.
MAX_FAILURES = 5
LOCKOUT_SECONDS = 15 * 60


def client_ip(request: HttpRequest) -> str:
    # REMOTE_ADDR only: X-Forwarded-For is set by the client unless a trusted proxy rewrites it.
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _throttle_key(username: str, ip: str) -> str:
    digest = hashlib.sha256(f"{username.strip().lower()}|{ip}".encode()).hexdigest()
    return f"login-failures:{digest}"


def login_locked_seconds(*, username: str, ip: str) -> int:
    """Seconds until this username may try again from this address; 0 when not locked."""
    state = cache.get(_throttle_key(username, ip))
    if not state or state["count"] < MAX_FAILURES:
        return 0
    remaining = int(state["until"] - timezone.now().timestamp())
    return max(remaining, 0)


def minutes_to_wait(seconds: int) -> int:
    """A lock's remaining seconds as the whole minutes a message says (at least 1)."""
    return max(1, (seconds + 59) // 60)


def try_again_in(seconds: int) -> str:
    """ "Try again in 15 minutes.": the sentence every throttle message ends with."""
    minutes = minutes_to_wait(seconds)
    return ngettext(
        "Try again in %(minutes)d minute.", "Try again in %(minutes)d minutes.", minutes
    ) % {"minutes": minutes}


def password_check_throttled(user, password: str, *, ip: str) -> None:
    """A signed-in user's current password, checked as log-in checks it: refused while this
    account is locked from this address (ValidationError code "throttled"), and a wrong one
    counts as a failed log-in ("password_incorrect"), so no form that asks for it is a side
    door for guessing it."""
    from django.core.exceptions import ValidationError

    username = user.get_username()
    locked = login_locked_seconds(username=username, ip=ip)
    if locked:
        raise ValidationError(
            f"{_('Too many wrong passwords for this account from your address.')} "
            f"{try_again_in(locked)}",
            code="throttled",
        )
    if not user.check_password(password):
        login_failure_record(username=username, ip=ip)
        raise ValidationError(
            _("Your password was entered incorrectly. Please enter it again."),
            code="password_incorrect",
        )
    login_failures_clear(username=username, ip=ip)


def login_failure_record(*, username: str, ip: str) -> None:
    key = _throttle_key(username, ip)
    state = cache.get(key) or {"count": 0, "until": 0}
    state["count"] += 1
    state["until"] = timezone.now().timestamp() + LOCKOUT_SECONDS
    cache.set(key, state, LOCKOUT_SECONDS)


def login_failures_clear(*, username: str, ip: str) -> None:
    cache.delete(_throttle_key(username, ip))
