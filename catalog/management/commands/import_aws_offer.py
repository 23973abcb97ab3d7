"""`manage.py import_aws_offer FILE [FILE ...]`: AWS Price List offer files -> a new catalog version.

Everything is written in one transaction (catalog/offer_import.py): a malformed or truncated
file, a key that two files both price, or an interrupted run leaves the catalog exactly as it
was.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from catalog.models import CatalogVersion
from catalog.offer_import import ImportResult, import_offers
from catalog.offerfile import OfferError
from catalog.services import pricebook_forget_all


class Command(BaseCommand):
    help = (
        "Import AWS Price List bulk offer files (JSON: AmazonRDS, AmazonDynamoDB, AmazonDAX, "
        "AmazonElastiCache, AWSDatabaseMigrationSvc) into a new catalog version."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", help="offer files (index.json)")
        parser.add_argument(
            "--region",
            action="append",
            default=[],
            help="import only this region code (repeatable), e.g. --region us-east-1",
        )
        parser.add_argument("--label", default="", help="label of the new catalog version")
        parser.add_argument(
            "--make-current", action="store_true", help="make the new version the current one"
        )

    def handle(self, *args, **options):
        label = options["label"]
        if label and CatalogVersion.objects.filter(label=label).exists():
            raise CommandError(f"a catalog version labelled {label!r} already exists")
        try:
            result = import_offers(
                options["files"],
                regions=frozenset(options["region"]),
                label=label,
                make_current=options["make_current"],
            )
        except OfferError as exc:
            raise CommandError(f"{exc}. Nothing was imported; the catalog is unchanged.") from exc
        pricebook_forget_all()
        self._report(result)

    def _report(self, result: ImportResult) -> None:
        out = self.stdout.write
        megabytes = sum(f.bytes for f in result.files) / 1e6
        out(
            self.style.SUCCESS(
                f"Imported catalog version {result.version.label} (as of {result.version.as_of})"
                f": {result.prices} prices, {result.instance_classes} instance classes from "
                f"{len(result.files)} file(s), {megabytes:.1f} MB in {result.seconds:.1f} s"
                + (" — now current." if result.version.is_current else ".")
            )
        )
        for stats in result.files:
            out(
                f"{stats.path}: {stats.offer_code} {stats.version}, {stats.products} products, "
                f"{stats.priced_skus} priced, regions {', '.join(sorted(stats.regions)) or '-'}"
            )
            for (service, dimension), count in sorted(stats.by_dimension().items()):
                out(f"  {service:12} {dimension:32} {count:>8}")
            for reason, count in stats.skipped.most_common():
                out(f"  skipped {count:>7} SKUs  {reason}")
            for reason, count in stats.skipped_terms.most_common():
                out(f"  skipped {count:>7} terms {reason}")
            if stats.merged:
                out(f"  merged {stats.merged} identical rows of SKUs that share a key")
            for line in stats.ambiguous[:20]:
                out(self.style.WARNING(f"  not imported (ambiguous): {line}"))
            if len(stats.ambiguous) > 20:
                out(self.style.WARNING(f"  ... and {len(stats.ambiguous) - 20} more ambiguous"))
