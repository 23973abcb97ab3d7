"""Streaming reader of AWS Price List bulk offer files (JSON), yielding catalog price rows.

Pure Python (no Django). The format is in ../shared/data/offer-file-format.md: `products`
(SKU -> attributes) then `terms` -> `OnDemand` / `Reserved` -> SKU -> term -> priceDimensions.
Memory does not grow with the file: products are kept only as a compact SKU -> Product map of
the SKUs we price, and terms are read one SKU at a time.

Speed: ijson's C backend builds objects fastest when it reads the file itself, for one prefix
at a time. So each section (products, terms.OnDemand, terms.Reserved) is read by its own C
generator over its own file handle, and a section that ends before the next one starts is cut
off there (each handle stops reading at the first chunk of the next section), so the file is
parsed about once and a half instead of three times; the last section always reads to the end
of the file, so a syntax error anywhere is still found.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import ijson

from .offer_keys import OFFER_CODES, Product, Skip, class_spec
from .offer_mapping import map_product
from .pricebook import ON_DEMAND, InstanceClassSpec, PriceKey

BUF_SIZE = 256 * 1024
UPFRONT_UNIT = "quantity"  # the reserved upfront fee's unit (rate code suffix 2TG2D8R56U)
PURCHASE_OPTIONS = {"No Upfront": "no_upfront", "Partial Upfront": "partial_upfront",
                    "All Upfront": "all_upfront"}  # fmt: skip


class OfferError(ValueError):
    """The file is not a readable offer file; says what is wrong and where."""


@dataclass(frozen=True, slots=True)
class PriceRow:
    key: PriceKey
    sku: str
    unit: str
    usd: Decimal
    begin_range: Decimal
    end_range: Decimal | None
    label: str


@dataclass
class OfferStats:
    path: str
    offer_code: str = ""
    version: str = ""
    publication_date: str = ""
    products: int = 0
    priced_skus: int = 0
    bytes: int = 0
    rows: Counter = field(default_factory=Counter)  # (service, dimension, region) -> rows
    skipped: Counter = field(default_factory=Counter)  # "family: reason" -> SKUs
    skipped_terms: Counter = field(default_factory=Counter)  # reason -> terms
    merged: int = 0  # identical rows of SKUs that map to one key, kept once
    ambiguous: list[str] = field(default_factory=list)  # keys dropped: SKUs disagree
    regions: set[str] = field(default_factory=set)  # of the priced SKUs

    def by_dimension(self) -> Counter:
        totals: Counter = Counter()
        for (service, dimension, _), count in self.rows.items():
            totals[service, dimension] += count
        return totals

    classes: dict[str, InstanceClassSpec] = field(default_factory=dict)


class _Reader:
    """File reader for one section's C generator: counts bytes, can stop at a byte limit."""

    def __init__(self, path: Path) -> None:
        self.fh = path.open("rb", buffering=0)
        self.pos = 0
        self.limit: int | None = None
        self.cut = False
        self.last = b""

    def read(self, size: int = -1) -> bytes:
        if self.limit is not None and self.pos >= self.limit and size != 0:
            self.cut = True
            return b""
        data = self.fh.read(size)
        self.pos += len(data)
        if data:
            self.last = data
        return data


class _Section:
    def __init__(self, path: Path, prefix: str) -> None:
        self.path, self.prefix = path, prefix
        self.reader = _Reader(path)
        self.items = ijson.kvitems(self.reader, prefix, buf_size=BUF_SIZE)
        self.first: tuple | None = None
        self.start: int | None = None  # bytes read when the first item was complete
        self.last_key = ""

    def prime(self) -> None:
        self.first = self._next()
        if self.first is not None:
            self.start = self.reader.pos

    def __iter__(self) -> Iterator[tuple]:
        if self.first is not None:
            self.last_key = self.first[0]
            yield self.first
        while (item := self._next()) is not None:
            self.last_key = item[0]
            yield item
        self.reader.fh.close()

    def _next(self) -> tuple | None:
        try:
            return next(self.items, None)
        except ijson.JSONError as exc:
            message = str(exc)
            if self.reader.cut and message.startswith("parse error: premature EOF"):
                return None  # our own cut at the next section's start
            raise OfferError(_syntax_message(self, message)) from None


def _syntax_message(section: _Section, message: str) -> str:
    lines = [line for line in message.splitlines() if line.strip()]
    where = f"found while reading {section.prefix}"
    if section.last_key:
        where += f", after SKU {section.last_key}"
    if lines and "premature EOF" in lines[0]:
        return (
            f"{section.path.name}: the file ends early at byte {section.reader.pos} "
            f"({where}): it is truncated"
        )
    offset = _error_offset(section.reader, lines)
    return f"{section.path.name}: malformed JSON near byte {offset} ({where}): {lines[0]}"


def _error_offset(reader: _Reader, lines: list[str]) -> int | str:
    """yajl shows the text around the error with a caret under it; find it in the last block."""
    if len(lines) >= 3 and "^" in lines[2]:
        caret = lines[2].index("^")
        context = lines[1]
        before = context[:caret].lstrip()
        needle = (before + context[caret:]).rstrip().encode()
        block = reader.last.translate(bytes.maketrans(b"\n\r\t", b"   "))
        hit = block.find(needle) if needle else -1
        if hit >= 0 and block.find(needle, hit + 1) < 0:
            return reader.pos - len(block) + hit + len(before.encode())
    return f"{max(reader.pos - len(reader.last), 0)}-{reader.pos}"


def read_meta(path: Path) -> dict[str, str]:
    """Top-level scalars before the first big section, and which section comes first."""
    meta: dict[str, str] = {}
    with path.open("rb") as fh:
        try:
            events = ijson.parse(fh, buf_size=64 * 1024)
            key = ""
            for prefix, event, value in events:
                if prefix == "" and event == "map_key":
                    key = value
                    if value in ("products", "terms"):
                        meta["first_section"] = value
                        break
                elif prefix == key and event == "string":
                    meta[key] = value
        except ijson.JSONError as exc:
            first = str(exc).splitlines()[0]
            raise OfferError(f"{path.name}: not an offer file ({first})") from None
    return meta


class OfferReader:
    """Reads one offer file; `rows()` streams its price rows, `stats` tells what it did."""

    def __init__(self, path: Path | str, *, regions: frozenset[str] | set[str] = frozenset()):
        self.path = Path(path)
        self.regions = frozenset(regions)
        self.stats = OfferStats(path=str(self.path))
        self._products: dict[str, Product] = {}
        self._shared: set[tuple] = set()  # product keys that more than one SKU maps to
        self._held: dict[PriceKey, list[tuple[str, PriceRow]]] = {}

    def rows(self) -> Iterator[PriceRow]:
        meta = read_meta(self.path)
        offer = meta.get("offerCode", "")
        if offer not in OFFER_CODES:
            raise OfferError(
                f"{self.path.name}: offerCode {offer or '(none)'} is not one we price "
                f"({', '.join(OFFER_CODES)})"
            )
        self.stats.offer_code = offer
        self.stats.version = meta.get("version", "")
        self.stats.publication_date = meta.get("publicationDate", "")
        self.stats.bytes = self.path.stat().st_size

        terms = [_Section(self.path, f"terms.{kind}") for kind in ("OnDemand", "Reserved")]
        for section in terms:
            section.prime()
        products = _Section(self.path, "products")
        starts = [s.start for s in terms if s.start is not None]
        if meta.get("first_section") == "products" and starts:
            products.reader.limit = min(starts)  # products end before the first term
        self._load_products(products, offer)

        terms.sort(key=lambda s: s.start if s.start is not None else -1)
        for earlier, later in zip(terms, terms[1:], strict=False):
            # A section whose first entry came in an earlier block ends before the next one.
            if None not in (earlier.start, later.start) and later.start > earlier.start:
                earlier.reader.limit = later.start
        for section in terms:
            reserved = section.prefix.endswith("Reserved")
            for sku, sku_terms in section:
                yield from self._sku_rows(sku, sku_terms, reserved, section.prefix)
        yield from self._resolve_held()

    # --- products -------------------------------------------------------------------------

    def _load_products(self, section: _Section, offer: str) -> None:
        seen: dict[tuple, str] = {}
        for sku, product in section:
            self.stats.products += 1
            if not isinstance(product, dict):
                raise OfferError(f"{self.path.name}: products.{sku} is not an object")
            mapped = map_product(offer, product)
            if isinstance(mapped, Skip):
                family = product.get("productFamily") or "(no family)"
                reason = mapped.reason.split(":", 1)[0]  # "usagetype ExtendedSupport"
                self.stats.skipped[f"{family}: {reason}"] += 1
                continue
            if self.regions and mapped.region not in self.regions:
                self.stats.skipped["other regions"] += 1
                continue
            self._products[sku] = mapped
            self.stats.regions.add(mapped.region)
            spec = class_spec(mapped, product["attributes"])
            if spec is not None:
                self.stats.classes.setdefault(spec.name, spec)
            for key in _product_keys(mapped):
                if seen.setdefault(key, sku) != sku:
                    self._shared.add(key)
        self.stats.priced_skus = len(self._products)
        if self.stats.products == 0:
            raise OfferError(f"{self.path.name}: no products (is this an offer file?)")

    # --- terms ----------------------------------------------------------------------------

    def _sku_rows(self, sku: str, sku_terms, reserved: bool, prefix: str) -> Iterator[PriceRow]:
        product = self._products.get(sku)
        if product is None:
            return  # a SKU we skipped: another family, a foreign product, another region
        if not isinstance(sku_terms, dict):
            raise OfferError(f"{self.path.name}: {prefix}.{sku} is not an object (SKU {sku})")
        held = _product_keys(product)[1 if reserved else 0] in self._shared
        rows: dict[tuple, PriceRow | None] = {}
        keys: dict[tuple, PriceKey] = {}  # (term, upfront?) -> key, built once per SKU
        for term_key, term in sku_terms.items():
            path = f"{prefix}.{sku}.{term_key}"
            term_name = self._term_name(product, term, reserved, path)
            if term_name is None:
                continue
            dimensions = term.get("priceDimensions")
            if not isinstance(dimensions, dict) or not dimensions:
                raise OfferError(f"{self.path.name}: {path}.priceDimensions is missing (SKU {sku})")
            for rate_code, dim in dimensions.items():
                row = self._row(product, sku, term_name, dim, (path, rate_code), keys)
                if row is None:
                    continue
                slot = (row.key, row.begin_range)
                if slot not in rows:
                    rows[slot] = row
                elif rows[slot] is not None and rows[slot] != row:
                    # Two terms of one SKU (e.g. two offering classes) land on one key.
                    self.stats.ambiguous.append(f"{row.key.describe()} (SKU {sku}, two rates)")
                    rows[slot] = None
        for row in rows.values():
            if row is None:
                continue
            if held:
                self._held.setdefault(row.key, []).append((sku, row))
            else:
                self.stats.rows[row.key.service, row.key.dimension, row.key.region] += 1
                yield row

    def _term_name(self, product: Product, term, reserved: bool, path: str) -> str | None:
        if not isinstance(term, dict):
            raise OfferError(f"{self.path.name}: {path} is not an object")
        if not reserved:
            return ON_DEMAND
        if product.reserved is None:
            self.stats.skipped_terms["reserved term of a product priced on demand only"] += 1
            return None
        attrs = term.get("termAttributes") or {}
        length = str(attrs.get("LeaseContractLength", "")).replace(" ", "")
        option = PURCHASE_OPTIONS.get(attrs.get("PurchaseOption", ""))
        if attrs.get("OfferingClass", "standard") != "standard":
            self.stats.skipped_terms[f"OfferingClass {attrs.get('OfferingClass')}"] += 1
            return None
        if length not in ("1yr", "3yr"):
            self.stats.skipped_terms[f"LeaseContractLength {length or '(none)'}"] += 1
            return None
        if not product.reserved.with_option:
            return f"{length}_reserved"  # as prices.csv names DynamoDB reserved capacity
        if option is None:
            self.stats.skipped_terms[f"PurchaseOption {attrs.get('PurchaseOption')}"] += 1
            return None
        return f"{length}_{option}"

    def _row(self, product: Product, sku: str, term: str, dim, where: tuple, keys: dict):
        path = f"{where[0]}.priceDimensions.{where[1]}" if not isinstance(dim, dict) else ""
        if not isinstance(dim, dict):
            raise OfferError(f"{self.path.name}: {path} is not an object (SKU {sku})")
        unit = str(dim.get("unit", "")).lower()
        try:
            usd = Decimal(str((dim.get("pricePerUnit") or {})["USD"]))
            begin = Decimal(str(dim.get("beginRange") or 0))
            end_text = str(dim.get("endRange", "Inf"))
            end = None if end_text in ("Inf", "") else Decimal(end_text)
        except (KeyError, TypeError, InvalidOperation):
            path = f"{where[0]}.priceDimensions.{where[1]}"
            raise OfferError(
                f"{self.path.name}: {path}: no USD price or a bad range "
                f"({dim.get('pricePerUnit')!r}, {dim.get('beginRange')!r}-{dim.get('endRange')!r})"
                f" (SKU {sku})"
            ) from None
        if not usd.is_finite() or usd < 0:
            path = f"{where[0]}.priceDimensions.{where[1]}"
            raise OfferError(f"{self.path.name}: {path}: price {usd} is not a price (SKU {sku})")
        upfront = unit == UPFRONT_UNIT
        if upfront and term == ON_DEMAND:
            self.stats.skipped_terms["one-time fee in an on-demand term"] += 1
            return None
        key = keys.get((term, upfront))
        if key is None:
            fields = _key_fields(product)
            if term != ON_DEMAND:
                reserved = product.reserved
                fields["dimension"] = reserved.upfront if upfront else reserved.hours
                fields["engine"] = reserved.engine
            key = keys[term, upfront] = PriceKey(term=term, **fields)
        return PriceRow(
            key=key,
            sku=sku,
            unit=product.upfront_unit if upfront else product.unit,
            usd=usd,
            begin_range=begin,
            end_range=end,
            label=str(dim.get("description", ""))[:500],
        )

    def _resolve_held(self) -> Iterator[PriceRow]:
        """Keys that more than one SKU maps to: kept once where every SKU has the same rates,
        dropped (and reported) where they differ. Never a silent pick of one of two prices."""
        for key, held in self._held.items():
            per_sku: dict[str, list[PriceRow]] = {}
            for sku, row in held:
                per_sku.setdefault(sku, []).append(row)
            shapes = {
                tuple(sorted((r.begin_range, r.end_range, r.usd, r.unit) for r in rows))
                for rows in per_sku.values()
            }
            if len(shapes) > 1:
                skus = ", ".join(sorted(per_sku))
                self.stats.ambiguous.append(f"{key.describe()} (SKUs {skus} differ)")
                continue
            first_sku = min(per_sku)
            self.stats.merged += sum(len(r) for s, r in per_sku.items() if s != first_sku)
            for row in per_sku[first_sku]:
                self.stats.rows[key.service, key.dimension, key.region] += 1
                yield row


def _key_fields(product: Product) -> dict[str, str]:
    return {
        "service": product.service,
        "region": product.region,
        "dimension": product.dimension,
        "engine": product.engine,
        "edition": product.edition,
        "license_model": product.license_model,
        "deployment": product.deployment,
        "instance_class": product.instance_class,
        "storage_type": product.storage_type,
        "table_class": product.table_class,
        "variant": product.variant,
    }


def _product_keys(product: Product) -> list[tuple]:
    """What a product's rows are keyed on, on demand and reserved (term aside)."""
    fields = _key_fields(product)
    keys = [tuple(fields.values())]
    if product.reserved is not None:
        fields.update(dimension=product.reserved.hours, engine=product.reserved.engine)
        keys.append(("reserved", *fields.values()))
    return keys
