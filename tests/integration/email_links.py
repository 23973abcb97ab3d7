"""Helpers of the email address tests: the confirmation link in a mail, opened the way a person
opens it (the page, then its button), and the throttle counters a test leaves behind."""

from __future__ import annotations

import re
from types import SimpleNamespace

from django.contrib.auth import get_user_model
from django.core import mail

from advisor.auth import login_failures_clear
from advisor.email_confirmation import confirmation_throttle_keys

CONFIRM_LINK = re.compile(r"^https?://testserver(/accounts/email/confirm/[^/\s]+/)$", re.MULTILINE)


def confirm_link_in(message) -> str:
    found = CONFIRM_LINK.findall(message.body)
    assert len(found) == 1, message.body
    return found[0]


def confirm_links_to(email: str) -> list[str]:
    return [
        confirm_link_in(m) for m in mail.outbox if m.to == [email] and CONFIRM_LINK.search(m.body)
    ]


def confirm(client, link):
    """Open the link and press its button; the answer to the button."""
    page = client.get(link)
    assert page.status_code == 200, page.content.decode()
    return client.post(link)


def clear_confirmation_counters(emails) -> None:
    """Per address, and per account for the accounts in the database now: call it while the
    test's rows are still there (ids come back in the next test)."""
    ids = [*get_user_model().objects.values_list("pk", flat=True), 0]
    for email in emails:
        for pk in ids:
            for key in confirmation_throttle_keys(user=SimpleNamespace(pk=pk), email=email):
                login_failures_clear(**key)
