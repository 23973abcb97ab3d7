"""A password-reset mail through Redis and a real Celery worker process: the request queues the
address only, the worker makes the token and sends the mail (the console mailer of a DEBUG
worker, read from its log), and the link it wrote sets the password."""

from __future__ import annotations

import quopri
import re
import time

import pytest
from django.core import mail

from . import test_comparison_worker as worker_tests
from .actors import PASSWORD
from .test_comparison_worker import Worker

# The worker fixtures of the comparison tests: a queue of this run's own, worker processes.
queue = worker_tests.queue
workers = worker_tests.workers

pytestmark = [
    pytest.mark.redis,
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("fast_password_hashing"),
]

LINK = re.compile(r"http://testserver(/accounts/password/reset/[^\s]+/)")


def _link_in_log(worker: Worker, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        # The console mailer prints the message as sent: quoted-printable, long lines folded.
        found = LINK.search(quopri.decodestring(worker.text().encode()).decode(errors="replace"))
        if found:
            return found.group(1)
        time.sleep(0.2)
    pytest.fail(f"no reset link in the worker log:\n{worker.text()}")


def test_a_reset_requested_over_http_is_mailed_by_a_worker_with_a_link_that_works(
    workers, client, alice, settings
):
    from advisor import tasks

    settings.SECRET_KEY = "mail-worker-test-" + "k" * 40  # the worker signs, this process checks

    alice.email = "alice@example.com"
    alice.save()
    worker = workers(
        "mail", DJANGO_DEBUG="true", EMAIL_HOST="", DJANGO_SECRET_KEY=settings.SECRET_KEY
    )
    sent = []
    original = tasks.send_reset_mails.apply_async
    tasks.send_reset_mails.apply_async = lambda **kw: sent.append(kw) or original(**kw)
    try:
        response = client.post("/accounts/password/reset/", {"email": "alice@example.com"})
    finally:
        tasks.send_reset_mails.apply_async = original
    assert response.status_code == 302
    assert mail.outbox == []  # nothing sent in the request
    assert list(sent[0]["kwargs"]) == ["email", "scheme", "host", "language"]

    link = _link_in_log(worker)
    form = client.get(link, follow=True)
    assert form.status_code == 200
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": PASSWORD + "-new", "new_password2": PASSWORD + "-new"},
    )
    assert done.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD + "-new")
