from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from advisor.email_confirmation import confirmation_send_unsent
from advisor.mailing import Site


class Command(BaseCommand):
    help = (
        "Mail a confirmation link to every email address waiting without one: the addresses "
        "accounts had before addresses were confirmed (migration advisor 0005). Run once after "
        "deploying it; an address that was sent a link is not sent another."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            required=True,
            help="Where the links point, as users reach the site: https://advisor.example.com",
        )
        parser.add_argument(
            "--language", default=settings.LANGUAGE_CODE, help="Language of the mails."
        )

    def handle(self, *args, base_url: str, language: str, **options):
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.path not in ("", "/"):
            raise CommandError(
                f"--base-url must be a scheme and a host, like https://advisor.example.com; "
                f"got {base_url!r}"
            )
        with translation.override(language):
            count = confirmation_send_unsent(site=Site(scheme=parts.scheme, host=parts.netloc))
        self.stdout.write(f"Queued {count} confirmation mail(s).")
