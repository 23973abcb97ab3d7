"""Where the catalog models meet the pure PriceBook: loading versions and building books."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import fields as dataclass_fields
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from .models import CatalogVersion, InstanceClass, Price, Region
from .pricebook import KEY_FIELDS, InstanceClassSpec, PriceBook, PriceEntry, PriceKey, Tier
from .pricebook import Region as RegionSpec
from .shipped import instance_class_from_row, read_rows

CURRENT_VERSION_CACHE_KEY = "catalog:current-version-id"
CURRENT_VERSION_TTL = 10  # seconds; a switch reaches every process within this time

PRICE_FIELDS = (*KEY_FIELDS, "unit", "usd", "begin_range", "end_range", "label", "source", "as_of")


class CatalogError(Exception):
    """The catalog cannot be used as asked (no version loaded, a bad data file)."""


@dataclass(frozen=True, slots=True)
class LoadResult:
    version: CatalogVersion
    created: bool
    prices: int
    instance_classes: int


# --- loading -------------------------------------------------------------------------------


def catalog_load_shipped(*, data_dir: Path | None = None, make_current: bool = True) -> LoadResult:
    """Load the catalog shipped in catalog/data/. Idempotent: a version already loaded under
    the same label is left as it is."""
    data_dir = Path(data_dir or settings.CATALOG_DATA_DIR)
    meta = json.loads((data_dir / "catalog.json").read_text(encoding="utf-8"))
    existing = CatalogVersion.objects.filter(label=meta["label"]).first()
    if existing:
        if make_current and not existing.is_current:
            catalog_set_current(version=existing)
        return LoadResult(
            existing, False, existing.prices.count(), existing.instance_classes.count()
        )

    with transaction.atomic():
        regions_load(read_rows(data_dir / "regions.csv"))
        version = CatalogVersion.objects.create(
            label=meta["label"], as_of=date.fromisoformat(meta["as_of"]), source=meta["source"]
        )
        prices = prices_bulk_create(version=version, rows=read_rows(data_dir / "prices.csv"))
        classes_path = data_dir / "instance_classes.csv"
        classes = 0
        if classes_path.exists():
            classes = instance_classes_bulk_create(version=version, rows=read_rows(classes_path))
        if make_current:
            catalog_set_current(version=version)
    return LoadResult(version, True, prices, classes)


def regions_load(rows: Iterable[dict[str, str]]) -> None:
    for row in rows:
        Region.objects.update_or_create(code=row["code"], defaults={"name": row["name"]})


def prices_bulk_create(
    *, version: CatalogVersion, rows: Iterable[dict[str, str]], batch_size: int = 2000
) -> int:
    count = 0
    batch: list[Price] = []
    for row in rows:
        batch.append(
            Price(
                version=version,
                sku=row.get("sku", ""),
                **{f: row.get(f, "") for f in KEY_FIELDS},
                unit=row["unit"],
                usd=Decimal(row["usd"]),
                begin_range=Decimal(row.get("begin_range") or 0),
                end_range=Decimal(row["end_range"]) if row.get("end_range") else None,
                label=row.get("label", ""),
                source=row.get("source", ""),
                as_of=date.fromisoformat(row["as_of"]) if row.get("as_of") else version.as_of,
            )
        )
        if len(batch) >= batch_size:
            Price.objects.bulk_create(batch)
            count += len(batch)
            batch = []
    if batch:
        Price.objects.bulk_create(batch)
        count += len(batch)
    return count


def instance_classes_bulk_create(*, version: CatalogVersion, rows: Iterable[dict[str, str]]) -> int:
    objs = []
    for row in rows:
        spec = instance_class_from_row(row)
        objs.append(InstanceClass(version=version, **_spec_fields(spec)))
    InstanceClass.objects.bulk_create(objs)
    return len(objs)


def catalog_set_current(*, version: CatalogVersion) -> None:
    with transaction.atomic():
        CatalogVersion.objects.filter(is_current=True).exclude(pk=version.pk).update(
            is_current=False
        )
        CatalogVersion.objects.filter(pk=version.pk).update(is_current=True)
    version.is_current = True
    cache.delete(CURRENT_VERSION_CACHE_KEY)


def _spec_fields(spec: InstanceClassSpec) -> dict:
    return {f: getattr(spec, f) for f in _spec_fields_names()}


# --- the in-memory PriceBook -----------------------------------------------------------------

_books: dict[int, PriceBook] = {}
_books_lock = threading.Lock()


def catalog_current_version_id() -> int:
    version_id = cache.get(CURRENT_VERSION_CACHE_KEY)
    if version_id is None:
        version_id = (
            CatalogVersion.objects.filter(is_current=True).values_list("pk", flat=True).first()
        )
        if version_id is None:
            raise CatalogError(
                "No price catalog is loaded. Run `python manage.py load_catalog` first."
            )
        cache.set(CURRENT_VERSION_CACHE_KEY, version_id, CURRENT_VERSION_TTL)
    return version_id


def pricebook_current() -> PriceBook:
    return pricebook_for_version(catalog_current_version_id())


def pricebook_for_version(version_id: int) -> PriceBook:
    """The PriceBook of one version, built on first use and kept for the process's life:
    versions never change once loaded."""
    book = _books.get(version_id)
    if book is not None:
        return book
    with _books_lock:
        book = _books.get(version_id)
        if book is None:
            book = pricebook_build(version=CatalogVersion.objects.get(pk=version_id))
            _books[version_id] = book
    return book


def pricebook_build(*, version: CatalogVersion) -> PriceBook:
    tiers: dict[PriceKey, list[tuple]] = {}
    for row in (
        Price.objects.filter(version=version)
        .values_list(*PRICE_FIELDS, "sku")
        .iterator(chunk_size=5000)
    ):
        key = PriceKey(*row[: len(KEY_FIELDS)])
        tiers.setdefault(key, []).append(row[len(KEY_FIELDS) :])

    entries = []
    for key, rows in tiers.items():
        rows.sort(key=lambda r: r[2])  # begin_range
        unit, usd, _, _, label, source, as_of, sku = rows[0]
        tier_list = tuple(
            Tier(begin=_plain(r[2]), end=None if r[3] is None else _plain(r[3]), usd=_plain(r[1]))
            for r in rows
        )
        # The headline rate is the first paid tier: a $0 free-tier step is an allowance.
        headline = next((t.usd for t in tier_list if t.usd > 0), usd)
        entries.append(
            PriceEntry(
                key=key,
                unit=unit,
                usd=headline,
                source=source,
                as_of=as_of,
                tiers=tier_list,
                sku=sku,
                label=label,
            )
        )
    return PriceBook.build(
        version=version.label,
        as_of=version.as_of,
        entries=entries,
        regions=[RegionSpec(r.code, r.name) for r in Region.objects.all()],
        instance_classes=[
            InstanceClassSpec(**{f: getattr(c, f) for f in _spec_fields_names()})
            for c in version.instance_classes.all()
        ],
    )


def _spec_fields_names() -> tuple[str, ...]:
    return tuple(f.name for f in dataclass_fields(InstanceClassSpec))


def _plain(value: Decimal) -> Decimal:
    """0.115000000000 -> 0.115 (the database pads to its scale), without going to 1E+1."""
    value = value.normalize()
    return value.quantize(Decimal(1)) if value.as_tuple().exponent > 0 else value


def pricebook_forget_all() -> None:
    """Tests load and delete versions; make sure no book outlives its rows."""
    with _books_lock:
        _books.clear()
    cache.delete(CURRENT_VERSION_CACHE_KEY)
