"""Reads the shipped catalog files (catalog/data/) straight into a PriceBook.

Pure Python, no database: the unit tests and benchmarks price against exactly the rows that
`load_catalog` puts in the database.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

from .pricebook import KEY_FIELDS, InstanceClassSpec, PriceBook, PriceEntry, PriceKey, Region, Tier

DATA_DIR = Path(__file__).resolve().parent / "data"


def read_rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        yield from csv.DictReader(fh)


def price_entry_from_row(row: dict[str, str]) -> PriceEntry:
    usd = Decimal(row["usd"])
    end = Decimal(row["end_range"]) if row.get("end_range") else None
    return PriceEntry(
        key=PriceKey(*(row.get(f, "") for f in KEY_FIELDS)),
        unit=row["unit"],
        usd=usd,
        source=row.get("source", ""),
        as_of=date.fromisoformat(row["as_of"]),
        tiers=(Tier(Decimal(row.get("begin_range") or 0), end, usd),),
        sku=row.get("sku", ""),
        label=row.get("label", ""),
    )


def instance_class_from_row(row: dict[str, str]) -> InstanceClassSpec:
    return InstanceClassSpec(
        name=row["name"],
        service=row["service"],
        vcpu=int(row["vcpu"]),
        memory_gib=Decimal(row["memory_gib"]),
        network=row.get("network", ""),
        burstable=row.get("burstable", "").lower() == "true",
        arch=row.get("arch", ""),
        source=row.get("source", ""),
    )


def shipped_pricebook(data_dir: Path = DATA_DIR) -> PriceBook:
    meta = json.loads((data_dir / "catalog.json").read_text(encoding="utf-8"))
    classes_path = data_dir / "instance_classes.csv"
    return PriceBook.build(
        version=meta["label"],
        as_of=date.fromisoformat(meta["as_of"]),
        currency=meta.get("currency", "USD"),
        entries=(price_entry_from_row(r) for r in read_rows(data_dir / "prices.csv")),
        regions=(Region(r["code"], r["name"]) for r in read_rows(data_dir / "regions.csv")),
        instance_classes=(instance_class_from_row(r) for r in read_rows(classes_path))
        if classes_path.exists()
        else (),
    )
