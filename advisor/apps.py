from django.apps import AppConfig


class AdvisorConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "advisor"
    verbose_name = "Database advisor"

    def ready(self) -> None:
        from . import tombstones  # noqa: F401  (connects the report-link tombstone receiver)
