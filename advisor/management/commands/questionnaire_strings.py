from pathlib import Path

from django.core.management.base import BaseCommand

from advisor.i18n_catalog import render_strings_module

TARGET = Path(__file__).resolve().parents[2] / "questionnaire_strings.py"


class Command(BaseCommand):
    help = "Write advisor/questionnaire_strings.py so makemessages finds the question texts."

    def handle(self, *args, **options):
        TARGET.write_text(render_strings_module(), encoding="utf-8")
        self.stdout.write(f"Wrote {TARGET}")
