"""`manage.py import_aws_offer FILE [FILE ...]`: AWS Price List offer files -> a new catalog version.

Everything is written in one transaction: a malformed or truncated file, a key that two files
both price, or an interrupted run leaves the catalog exactly as it was.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, reset_queries, transaction

from catalog.models import CatalogVersion, InstanceClass, Price, Region
from catalog.offer_keys import LOCATION_CODES
from catalog.offerfile import OfferError, OfferReader, OfferStats
from catalog.services import catalog_set_current, pricebook_forget_all

BATCH_SIZE = 2000


@dataclass
class ImportResult:
    version: CatalogVersion
    files: list[OfferStats] = field(default_factory=list)
    prices: int = 0
    instance_classes: int = 0
    seconds: float = 0.0


def import_offers(
    paths: list[Path | str],
    *,
    regions: frozenset[str] = frozenset(),
    label: str = "",
    make_current: bool = False,
    batch_size: int = BATCH_SIZE,
) -> ImportResult:
    """Stream the offer files into one new CatalogVersion, in one transaction."""
    started = time.perf_counter()
    paths = [Path(p) for p in paths]
    for path in paths:
        if not path.is_file():
            raise OfferError(f"{path}: no such file")
    with transaction.atomic():
        version = CatalogVersion.objects.create(
            label=label or f"aws-offer-{datetime.now():%Y%m%d-%H%M%S}",
            as_of=date.today(),
            source="AWS Price List bulk offer files: " + ", ".join(p.name for p in paths),
        )
        result = ImportResult(version=version)
        owners: dict[tuple, int] = {}  # (service, dimension, region) -> index of its file
        classes: dict = {}
        for index, path in enumerate(paths):
            reader = OfferReader(path, regions=regions)
            result.prices += _write_rows(version, reader, batch_size)
            stats = reader.stats
            result.files.append(stats)
            for triple in stats.rows:
                # Two files pricing the same rows would turn duplicates into tiers: refuse.
                first = owners.setdefault(triple, index)
                if first != index:
                    service, dimension, region = triple
                    raise OfferError(
                        f"{path} prices {service} {dimension} in {region}, which {paths[first]} "
                        "already priced; import each offer and region once"
                    )
            for name, spec in stats.classes.items():
                classes.setdefault(name, spec)
        if result.prices == 0:
            raise OfferError("no price rows were imported (see the skipped counts)")
        _finish_version(version, result.files)
        result.instance_classes = _write_classes(version, classes)
        _add_regions({r for stats in result.files for r in stats.regions})
        if make_current:
            catalog_set_current(version=version)
    result.seconds = time.perf_counter() - started
    return result


# Price's columns in the order _write_rows builds its tuples.
PRICE_COLUMNS = (
    "version", "sku", "service", "region", "dimension", "engine", "edition", "license_model",
    "deployment", "instance_class", "storage_type", "table_class", "term", "to_region",
    "variant", "unit", "usd", "begin_range", "end_range", "label", "source", "as_of",
)  # fmt: skip


def _insert_sql() -> str:
    quote = connection.ops.quote_name
    columns = ", ".join(quote(Price._meta.get_field(name).column) for name in PRICE_COLUMNS)
    marks = ", ".join(["%s"] * len(PRICE_COLUMNS))
    return f"INSERT INTO {quote(Price._meta.db_table)} ({columns}) VALUES ({marks})"


def _write_rows(version: CatalogVersion, reader: OfferReader, batch_size: int) -> int:
    """Batched executemany of plain tuples: the ORM's bulk_create spent most of an import's
    time building model instances and compiling SQL per field (bench/import_offer.py)."""
    sql = _insert_sql()
    count = 0
    batch: list[tuple] = []
    as_of, source = version.as_of, ""
    with connection.cursor() as cursor:
        for row in reader.rows():
            key = row.key
            source = source or (
                f"AWS Price List offer file {reader.path.name} ({reader.stats.offer_code} "
                f"version {reader.stats.version}, published {reader.stats.publication_date})"
            )
            batch.append(
                (
                    version.pk, row.sku, key.service, key.region, key.dimension, key.engine,
                    key.edition, key.license_model, key.deployment, key.instance_class,
                    key.storage_type, key.table_class, key.term, key.to_region, key.variant,
                    row.unit, row.usd, row.begin_range, row.end_range, row.label, source, as_of,
                )
            )  # fmt: skip
            if len(batch) >= batch_size:
                cursor.executemany(sql, batch)
                count += len(batch)
                batch = []
                reset_queries()  # DEBUG keeps every query; a 200 MB file would pile them up
        if batch:
            cursor.executemany(sql, batch)
            count += len(batch)
    return count


def _finish_version(version: CatalogVersion, files: list[OfferStats]) -> None:
    """The version is as of the newest publication date of its files."""
    dates = [f.publication_date[:10] for f in files if f.publication_date[:10]]
    if dates:
        version.as_of = date.fromisoformat(max(dates))
        Price.objects.filter(version=version).update(as_of=version.as_of)
    version.notes = "; ".join(
        f"{f.offer_code} version {f.version or '?'} published {f.publication_date or '?'}"
        for f in files
    )
    version.save(update_fields=["as_of", "notes"])


def _write_classes(version: CatalogVersion, classes: dict) -> int:
    InstanceClass.objects.bulk_create(
        InstanceClass(
            version=version,
            name=spec.name,
            service=spec.service,
            vcpu=spec.vcpu,
            memory_gib=spec.memory_gib,
            network=spec.network,
            burstable=spec.burstable,
            arch=spec.arch,
            source=spec.source,
        )
        for spec in classes.values()
    )
    return len(classes)


def _add_regions(codes: set[str]) -> None:
    names = {code: name for name, code in LOCATION_CODES.items() if not name.startswith("Europe")}
    existing = set(Region.objects.filter(code__in=codes).values_list("code", flat=True))
    Region.objects.bulk_create(
        Region(code=code, name=names.get(code, code)) for code in sorted(codes - existing)
    )


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
