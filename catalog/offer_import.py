"""AWS Price List offer files -> one new CatalogVersion, in one transaction.

What `manage.py import_aws_offer` runs. The rows stream from catalog.offerfile as plain tuples
and go to the database in bulk, the fastest way each backend offers: COPY on PostgreSQL
(psycopg 3 `Cursor.copy()`), multi-row INSERTs on SQLite. A malformed or truncated file, a
key that two files both price, or an interrupted run rolls everything back: the catalog is
exactly as it was.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import chain
from pathlib import Path

from django.db import connection, transaction

from .models import CatalogVersion, InstanceClass, Price, Region
from .offer_keys import LOCATION_CODES
from .offerfile import RECORD_FIELDS, OfferError, OfferReader, OfferStats
from .services import catalog_set_current

BATCH_SIZE = 5000  # rows handed to the database at a time: bounds the memory
ROWS_PER_INSERT = 500  # SQLite: rows per multi-row INSERT (22 columns: 11,000 parameters)


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
    readers = [OfferReader(path, regions=regions) for path in paths]
    headers = [reader.read_header() for reader in readers]  # refuse a wrong file up front
    # The version, and each of its rows, is as of the newest publication date of its files.
    as_of = max((_publication_date(h) for h in headers if h.publication_date), default=None)
    with transaction.atomic():
        version = CatalogVersion.objects.create(
            label=label or f"aws-offer-{datetime.now():%Y%m%d-%H%M%S}",
            as_of=as_of or date.today(),
            source="AWS Price List bulk offer files: " + ", ".join(p.name for p in paths),
            notes="; ".join(
                f"{h.offer_code} version {h.version or '?'} published {h.publication_date or '?'}"
                for h in headers
            ),
        )
        result = ImportResult(version=version)
        owners: dict[tuple, int] = {}  # (service, dimension, region) -> index of its file
        classes: dict = {}
        for index, reader in enumerate(readers):
            stats = reader.stats
            source = (
                f"AWS Price List offer file {reader.path.name} ({stats.offer_code} "
                f"version {stats.version}, published {stats.publication_date})"
            )
            result.prices += write_prices(
                (version.pk, version.as_of.isoformat(), source), reader.records(), batch_size
            )
            result.files.append(stats)
            for triple in stats.rows:
                # Two files pricing the same rows would turn duplicates into tiers: refuse.
                first = owners.setdefault(triple, index)
                if first != index:
                    service, dimension, region = triple
                    raise OfferError(
                        f"{reader.path} prices {service} {dimension} in {region}, which "
                        f"{paths[first]} already priced; import each offer and region once"
                    )
            for name, spec in stats.classes.items():
                classes.setdefault(name, spec)
        if result.prices == 0:
            raise OfferError("no price rows were imported (see the skipped counts)")
        result.instance_classes = _write_classes(version, classes)
        _add_regions({r for stats in result.files for r in stats.regions})
        if make_current:
            catalog_set_current(version=version)
    result.seconds = time.perf_counter() - started
    return result


def _publication_date(stats: OfferStats) -> date:
    try:
        return date.fromisoformat(stats.publication_date[:10])
    except ValueError:
        raise OfferError(
            f"{Path(stats.path).name}: publicationDate {stats.publication_date!r} is not a date"
        ) from None


# Price's columns: the ones write_prices puts first, then the reader's record fields.
PRICE_COLUMNS = ("version", "as_of", "source", *RECORD_FIELDS)


def _columns() -> str:
    quote = connection.ops.quote_name
    return ", ".join(quote(Price._meta.get_field(name).column) for name in PRICE_COLUMNS)


def write_prices(first: tuple, batches: Iterable[list[tuple]], batch_size: int) -> int:
    """Insert the rows `first + record` for every record of every batch; returns the count.
    Must run inside the import's transaction."""
    connection.ensure_connection()
    if connection.vendor == "postgresql":
        return _copy_postgresql(first, batches)
    if connection.vendor == "sqlite":
        return _insert_sqlite(first, batches, batch_size)
    return _insert_portable(first, batches, batch_size)


def _copy_postgresql(first: tuple, batches: Iterable[list[tuple]]) -> int:
    """COPY FROM STDIN: one statement streams every row, which the server inserts while this
    process reads on; psycopg formats the rows (in C with psycopg[binary])."""
    table = connection.ops.quote_name(Price._meta.db_table)
    count = 0
    sql = f"COPY {table} ({_columns()}) FROM STDIN"
    with (
        connection.cursor() as cursor,
        connection.wrap_database_errors,
        cursor.cursor.copy(sql) as copy,
    ):
        write_row = copy.write_row
        for records in batches:
            for record in records:
                write_row(first + record)
            count += len(records)
    return count


def _insert_sqlite(first: tuple, batches: Iterable[list[tuple]], batch_size: int) -> int:
    """Multi-row INSERTs (`VALUES (...), (...), ...`) on the raw sqlite3 cursor: SQLite resets
    the statement, and updates the AUTOINCREMENT counter, once for many rows instead of once a
    row (the bench file's 267,760 rows: about a quarter less time in SQLite than one-row
    executemany). A writer thread gained nothing: sqlite3 takes the GIL back for every row."""
    table = connection.ops.quote_name(Price._meta.db_table)
    one = "(" + ", ".join("?" * len(PRICE_COLUMNS)) + ")"
    limit = connection.features.max_query_params // len(PRICE_COLUMNS)
    per_statement = max(1, min(ROWS_PER_INSERT, limit))
    insert = f"INSERT INTO {table} ({_columns()}) VALUES "
    single, many = insert + one, insert + ", ".join([one] * per_statement)
    cursor = connection.connection.cursor()
    count = 0
    try:
        with connection.wrap_database_errors:
            for batch in _rows(first, batches, batch_size):
                whole = len(batch) - len(batch) % per_statement
                cursor.executemany(
                    many,
                    [
                        tuple(chain.from_iterable(batch[i : i + per_statement]))
                        for i in range(0, whole, per_statement)
                    ],
                )
                if whole < len(batch):
                    cursor.executemany(single, batch[whole:])
                count += len(batch)
    finally:
        cursor.close()
    return count


def _insert_portable(first: tuple, batches: Iterable[list[tuple]], batch_size: int) -> int:
    table = connection.ops.quote_name(Price._meta.db_table)
    marks = ", ".join(["%s"] * len(PRICE_COLUMNS))
    sql = f"INSERT INTO {table} ({_columns()}) VALUES ({marks})"
    count = 0
    with connection.cursor() as cursor:
        for batch in _rows(first, batches, batch_size):
            cursor.executemany(sql, batch)
            count += len(batch)
    return count


def _rows(first: tuple, batches: Iterable[list[tuple]], batch_size: int) -> Iterator[list]:
    batch: list[tuple] = []
    for records in batches:
        batch.extend(map(first.__add__, records))
        if len(batch) >= batch_size:
            yield batch
            batch = []
    if batch:
        yield batch


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
