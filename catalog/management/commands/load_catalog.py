from django.core.management.base import BaseCommand

from catalog.services import catalog_load_shipped, pricebook_forget_all


class Command(BaseCommand):
    help = "Load the price catalog shipped in catalog/data/ (idempotent) and make it current."

    def add_arguments(self, parser):
        parser.add_argument(
            "--keep-current",
            action="store_true",
            help="Load without making this version the current one.",
        )

    def handle(self, *args, **options):
        result = catalog_load_shipped(make_current=not options["keep_current"])
        pricebook_forget_all()
        if result.created:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Loaded catalog {result.version.label} (as of {result.version.as_of}): "
                    f"{result.prices} prices, {result.instance_classes} instance classes."
                )
            )
        else:
            self.stdout.write(
                f"Catalog {result.version.label} is already loaded "
                f"({result.prices} prices); nothing to do."
            )
