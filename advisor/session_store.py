"""The session engine: Django's database sessions, but a cookie whose key Django could not have
made names no session instead of reaching the database.

Django's keys are 32 characters of [a-z0-9]. A key with NUL made PostgreSQL refuse the look-up
(a 500 on every page and API call carrying that cookie); gunicorn refuses NUL in a header, but
other servers and the test client pass it on.
"""

from __future__ import annotations

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore


class SessionStore(DatabaseSessionStore):
    def _validate_session_key(self, key: str | None) -> bool:
        return bool(super()._validate_session_key(key) and key.isascii() and key.isalnum())
