"""Celery tasks: thin wrappers that fetch by id and call one service.

With REDIS_URL unset they run in-process (CELERY_TASK_ALWAYS_EAGER); with it set, on the
workers (`celery -A config worker`). Time limits are enforced by the prefork pool.
"""

from __future__ import annotations

import smtplib

from celery import shared_task
from django.db import InterfaceError, OperationalError

from .account_mail import confirmation_mail_send, reset_mails_send
from .comparison_services import comparison_compute
from .mailing import mail_now

# A comparison takes about a second on one worker (bench/comparison.py); a minute is a
# generous bound before the soft limit fails it with a message, and the hard one kills it.
SOFT_TIME_LIMIT = 60
TIME_LIMIT = 90


@shared_task(
    bind=True,
    acks_late=True,  # a worker that dies mid-task leaves the message to be delivered again
    reject_on_worker_lost=True,
    max_retries=3,
    soft_time_limit=SOFT_TIME_LIMIT,
    time_limit=TIME_LIMIT,
)
def compute_comparison(self, comparison_id: int) -> bool:
    try:
        return comparison_compute(comparison_id=comparison_id, task_id=self.request.id or "")
    except (OperationalError, InterfaceError) as exc:
        # The database blinked; the comparison stays claimed and the next attempt takes over.
        raise self.retry(exc=exc, countdown=min(30, 2**self.request.retries)) from exc


# A mail server that is down or refuses for a while: try again, waiting longer each time (up to
# five minutes), before giving up; a reset link lives an hour. A link mail's retry builds the
# mail again, with a fresh token: nothing secret is kept between attempts, and an account that
# changed meanwhile gets what it qualifies for then.
MAIL_TASK = {
    "acks_late": True,
    "reject_on_worker_lost": True,
    "autoretry_for": (OSError, smtplib.SMTPException),
    "max_retries": 6,
    "retry_backoff": True,
    "retry_backoff_max": 300,
    "soft_time_limit": SOFT_TIME_LIMIT,
    "time_limit": TIME_LIMIT,
}


@shared_task(**MAIL_TASK)
def send_mail(*, subject: str, body: str, to: list[str], from_email: str | None = None) -> None:
    mail_now(subject=subject, body=body, to=to, from_email=from_email)


@shared_task(**MAIL_TASK)
def send_confirmation_mail(*, user_id: int, scheme: str, host: str, language: str) -> bool:
    """The confirmation mail of a pending address, its token made here, never passed in."""
    return confirmation_mail_send(user_id=user_id, scheme=scheme, host=host, language=language)


@shared_task(**MAIL_TASK)
def send_reset_mails(*, email: str, scheme: str, host: str, language: str) -> int:
    """Password-reset mails for the accounts with this address, if any, tokens made here."""
    return reset_mails_send(email=email, scheme=scheme, host=host, language=language)
