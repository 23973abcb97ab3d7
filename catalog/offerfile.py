"""Streaming reader of AWS Price List bulk offer files (JSON), yielding catalog price rows.

Pure Python (no Django). The format is in ../shared/data/offer-file-format.md: `products`
(SKU -> attributes) then `terms` -> `OnDemand` / `Reserved` -> SKU -> term -> priceDimensions.
Memory does not grow with the file: products are kept only as a compact SKU -> Product map of
the SKUs we price, and terms are read one SKU at a time (catalog/offer_stream.py).

`records()` is the fast path the import writes from: per SKU, a list of plain tuples in
RECORD_FIELDS order, with the key part of the tuple built once per SKU and term. `rows()`
gives the same rows as PriceRow objects.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from operator import itemgetter
from pathlib import Path

from . import offer_stream
from .offer_keys import OFFER_CODES, Product, Skip, class_spec
from .offer_mapping import map_product
from .offer_stream import OfferError, Section
from .pricebook import KEY_FIELDS, ON_DEMAND, InstanceClassSpec, PriceKey

UPFRONT = "quantity"  # the reserved upfront fee's unit, any case (rate code suffix 2TG2D8R56U)
PURCHASE_OPTIONS = {"No Upfront": "no_upfront", "Partial Upfront": "partial_upfront",
                    "All Upfront": "all_upfront"}  # fmt: skip
# One price row as a tuple: the SKU, the PriceKey fields in order, then the rate. usd,
# begin_range and end_range are decimal text (str of a Decimal; end_range None for no upper
# bound): exact, and what both databases take for a decimal column without an adapter call.
RECORD_FIELDS = ("sku", *KEY_FIELDS, "unit", "usd", "begin_range", "end_range", "label")
_KEY = slice(1, 1 + len(KEY_FIELDS))  # record[_KEY] -> the PriceKey fields
_UNIT = 1 + len(KEY_FIELDS)
_TALLY = itemgetter(1, 3, 2)  # record -> (service, dimension, region)
_ZERO = Decimal(0)

__all__ = ["OfferError", "OfferReader", "OfferStats", "PriceRow", "RECORD_FIELDS"]


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
    classes: dict[str, InstanceClassSpec] = field(default_factory=dict)
    single_products_pass: bool = False  # the products were parsed once (offer_stream)

    def by_dimension(self) -> Counter:
        totals: Counter = Counter()
        for (service, dimension, _), count in self.rows.items():
            totals[service, dimension] += count
        return totals


class OfferReader:
    """Reads one offer file; `records()` streams its price rows, `stats` tells what it did."""

    def __init__(self, path: Path | str, *, regions: frozenset[str] | set[str] = frozenset()):
        self.path = Path(path)
        self.regions = frozenset(regions)
        self.stats = OfferStats(path=str(self.path))
        self._meta: dict[str, str] | None = None
        self._products: dict[str, Product] = {}
        self._shared: set[tuple] = set()  # product keys that more than one SKU maps to
        self._held: dict[tuple, list[tuple[str, tuple]]] = {}
        self._term_names: dict[tuple, tuple[str | None, str]] = {}

    def read_header(self) -> OfferStats:
        """The top-level scalars (offer code, version, publication date), checked."""
        if self._meta is None:
            meta = offer_stream.read_meta(self.path)
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
            self._meta = meta
        return self.stats

    def rows(self) -> Iterator[PriceRow]:
        for records in self.records():
            for r in records:
                usd, begin, end = _decimals(r)
                yield PriceRow(PriceKey(*r[_KEY]), r[0], r[_UNIT], usd, begin, end, r[-1])

    def records(self) -> Iterator[list[tuple]]:
        """Lists of price records (tuples in RECORD_FIELDS order), about one list per SKU."""
        self.read_header()
        for section in self._open_sections():
            reserved = section.prefix.endswith("Reserved")
            for sku, sku_terms in section:
                if sku in self._products:
                    records = self._sku_records(sku, sku_terms, reserved, section.prefix)
                    if records:
                        yield records
        yield from self._resolve_held()

    def _open_sections(self) -> list[Section]:
        """Loads the products; returns the term sections to read, in file order. The products
        are parsed once when the terms follow them (offer_stream), else from byte 0."""
        first = self._meta.get("first_section", "")
        if first == "products":
            terms_at = offer_stream.find_terms_key(self.path)
            if terms_at is not None and self._load_products_at_top(terms_at):
                self.stats.single_products_pass = True
                return offer_stream.term_sections(self.path, terms_at)
        terms = offer_stream.term_sections(self.path, None)
        self._load_products(offer_stream.products_from_start(self.path, terms, first))
        return terms

    # --- products -------------------------------------------------------------------------

    def _load_products_at_top(self, terms_at: int) -> bool:
        """The products read once, up to the terms key; False (nothing kept) unless the
        sentinel proved the cut was between two top-level members."""
        try:
            return self._load_products(offer_stream.products_at_top(self.path, terms_at))
        except OfferError:
            pass  # a bad file or a deeper "terms" key: the path from byte 0 will tell
        self._forget_products()
        return False

    def _forget_products(self) -> None:
        self._products.clear()
        self._shared.clear()
        stats = self.stats
        stats.products = stats.priced_skus = 0
        stats.skipped.clear()
        stats.regions.clear()
        stats.classes.clear()

    def _load_products(self, section: Section) -> bool:
        self._forget_products()
        offer, stats = self.stats.offer_code, self.stats
        seen: dict[tuple, str] = {}
        closed = False
        for sku, product in section:
            if sku == "" and product == offer_stream.SENTINEL:
                closed = True
                continue
            stats.products += 1
            if not isinstance(product, dict):
                raise OfferError(f"{self.path.name}: products.{sku} is not an object")
            mapped = map_product(offer, product)
            if isinstance(mapped, Skip):
                family = product.get("productFamily") or "(no family)"
                reason = mapped.reason.split(":", 1)[0]  # "usagetype ExtendedSupport"
                stats.skipped[f"{family}: {reason}"] += 1
                continue
            if self.regions and mapped.region not in self.regions:
                stats.skipped["other regions"] += 1
                continue
            self._products[sku] = mapped
            stats.regions.add(mapped.region)
            if mapped.instance_class and mapped.instance_class not in stats.classes:
                spec = class_spec(mapped, product["attributes"])  # the first SKU's that has one
                if spec is not None:
                    stats.classes[spec.name] = spec
            for key in _product_keys(mapped):
                if seen.setdefault(key, sku) != sku:
                    self._shared.add(key)
        stats.priced_skus = len(self._products)
        if stats.products == 0:
            raise OfferError(f"{self.path.name}: no products (is this an offer file?)")
        return closed

    # --- terms ----------------------------------------------------------------------------

    def _sku_records(self, sku: str, sku_terms, reserved: bool, prefix: str) -> list[tuple]:
        """One SKU's terms -> its records (the held ones aside: see _resolve_held)."""
        product = self._products[sku]
        if not isinstance(sku_terms, dict):
            raise OfferError(f"{self.path.name}: {prefix}.{sku} is not an object (SKU {sku})")
        heads: dict[tuple, tuple] = {}  # (term, upfront) -> the record's SKU, key and unit
        starts: list = [None, None]  # [upfront] -> the head's SKU and key up to table_class
        found: dict[tuple, tuple | None] = {}  # (term, upfront, begin) -> record
        for term_key, term in sku_terms.items():
            if not isinstance(term, dict):
                raise OfferError(f"{self.path.name}: {prefix}.{sku}.{term_key} is not an object")
            term_name = self._reserved_term(product, term) if reserved else ON_DEMAND
            if term_name is None:
                continue
            dimensions = term.get("priceDimensions")
            if not isinstance(dimensions, dict) or not dimensions:
                raise OfferError(
                    f"{self.path.name}: {prefix}.{sku}.{term_key}.priceDimensions is missing "
                    f"(SKU {sku})"
                )
            for rate_code, dim in dimensions.items():
                try:
                    unit = dim.get("unit", "")
                    usd = dim["pricePerUnit"]["USD"]
                    usd = Decimal(usd) if type(usd) is str else Decimal(str(usd))
                    if not usd.is_finite() or usd < 0:
                        raise ValueError(f"price {usd} is not a price")
                    begin = dim.get("beginRange")
                    if not begin or begin == "0":
                        begin, begin_text = _ZERO, "0"
                    else:
                        begin = Decimal(str(begin))
                        begin_text = str(begin)
                    end = dim.get("endRange", "Inf")
                    end = None if end == "Inf" or end == "" else str(Decimal(str(end)))
                except (AttributeError, KeyError, TypeError, ValueError, ArithmeticError) as exc:
                    path = f"{prefix}.{sku}.{term_key}.priceDimensions.{rate_code}"
                    raise OfferError(_rate_error(self.path, path, sku, dim, exc)) from None
                upfront = unit == "Quantity" or (unit != "Hrs" and str(unit).lower() == UPFRONT)
                head = heads.get((term_name, upfront))
                if head is None:
                    if upfront and not reserved:
                        self.stats.skipped_terms["one-time fee in an on-demand term"] += 1
                        continue
                    head = heads[term_name, upfront] = _head(
                        sku, product, term_name, upfront, starts
                    )
                label = dim.get("description", "")
                label = (label if type(label) is str else str(label))[:500]
                record = head + (str(usd), begin_text, end, label)
                slot = (term_name, upfront, begin)
                if slot not in found:
                    found[slot] = record
                elif found[slot] is not None and not _same_rate(found[slot], record):
                    # Two terms of one SKU (e.g. two offering classes) land on one key.
                    key = PriceKey(*record[_KEY])
                    self.stats.ambiguous.append(f"{key.describe()} (SKU {sku}, two rates)")
                    found[slot] = None
        records = [r for r in found.values() if r is not None]
        if records and self._shared and _product_keys(product)[int(reserved)] in self._shared:
            for r in records:
                self._held.setdefault(r[_KEY], []).append((sku, r))
            return []
        tally = self.stats.rows
        for triple in map(_TALLY, records):
            tally[triple] += 1
        return records

    def _reserved_term(self, product: Product, term: dict) -> str | None:
        """The catalog's term name of a Reserved term, or None (counted) when we skip it."""
        attrs = term.get("termAttributes")
        if not isinstance(attrs, dict):
            attrs = {}
        ask = (
            product.reserved.with_option if product.reserved is not None else None,
            attrs.get("LeaseContractLength", ""),
            attrs.get("PurchaseOption", ""),
            attrs.get("OfferingClass", "standard"),
        )
        try:
            answer = self._term_names.get(ask)
            remember = len(self._term_names) < 256  # a handful in a real file
        except TypeError:  # an attribute that is a list or an object
            answer, remember = None, False
        if answer is None:
            answer = _reserved_term_name(ask[0], *(str(a) for a in ask[1:]))
            if remember:
                self._term_names[ask] = answer
        name, skipped = answer
        if skipped:
            self.stats.skipped_terms[skipped] += 1
        return name

    def _resolve_held(self) -> Iterator[list[tuple]]:
        """Keys that more than one SKU maps to: kept once where every SKU has the same rates,
        dropped (and reported) where they differ. Never a silent pick of one of two prices."""
        for key, held in self._held.items():
            per_sku: dict[str, list[tuple]] = {}
            for sku, record in held:
                per_sku.setdefault(sku, []).append(record)
            shapes = {tuple(sorted(_rate(r) for r in rs)) for rs in per_sku.values()}
            if len(shapes) > 1:
                skus = ", ".join(sorted(per_sku))
                self.stats.ambiguous.append(f"{PriceKey(*key).describe()} (SKUs {skus} differ)")
                continue
            first_sku = min(per_sku)
            self.stats.merged += sum(len(r) for s, r in per_sku.items() if s != first_sku)
            self.stats.rows[key[0], key[2], key[1]] += len(per_sku[first_sku])
            yield per_sku[first_sku]


def _reserved_term_name(with_option: bool | None, length: str, option: str, offering: str):
    """(term name or None, why it is skipped or "")."""
    if with_option is None:
        return None, "reserved term of a product priced on demand only"
    if offering != "standard":
        return None, f"OfferingClass {offering}"
    length = length.replace(" ", "")
    if length not in ("1yr", "3yr"):
        return None, f"LeaseContractLength {length or '(none)'}"
    if not with_option:
        return f"{length}_reserved", ""  # as prices.csv names DynamoDB reserved capacity
    if option not in PURCHASE_OPTIONS:
        return None, f"PurchaseOption {option}"
    return f"{length}_{PURCHASE_OPTIONS[option]}", ""


def _rate_error(path: Path, where: str, sku: str, dim, exc: Exception) -> str:
    if not isinstance(dim, dict):
        return f"{path.name}: {where} is not an object (SKU {sku})"
    if isinstance(exc, ValueError) and str(exc).startswith("price "):
        return f"{path.name}: {where}: {exc} (SKU {sku})"
    return (
        f"{path.name}: {where}: no USD price or a bad range "
        f"({dim.get('pricePerUnit')!r}, {dim.get('beginRange')!r}-{dim.get('endRange')!r})"
        f" (SKU {sku})"
    )


def _head(sku: str, product: Product, term: str, upfront: bool, starts: list) -> tuple:
    """A record's SKU, PriceKey fields (in KEY_FIELDS order) and unit. `starts` keeps the
    part up to table_class per SKU: it depends on `upfront` alone within one section."""
    start = starts[upfront]
    if start is None:
        dimension, engine = product.dimension, product.engine
        if term != ON_DEMAND:
            dimension = product.reserved.upfront if upfront else product.reserved.hours
            engine = product.reserved.engine
        start = starts[upfront] = (
            sku, product.service, product.region, dimension, engine, product.edition,
            product.license_model, product.deployment, product.instance_class,
            product.storage_type, product.table_class,
        )  # fmt: skip
    return start + (term, "", product.variant, product.upfront_unit if upfront else product.unit)


def _decimals(record: tuple) -> tuple[Decimal, Decimal, Decimal | None]:
    usd, begin, end = record[_UNIT + 1 : _UNIT + 4]
    return Decimal(usd), Decimal(begin), None if end is None else Decimal(end)


def _rate(record: tuple) -> tuple:
    """(begin, end, usd, unit): what two rows of one key must agree on, as numbers."""
    usd, begin, end = _decimals(record)
    return begin, end, usd, record[_UNIT]


def _same_rate(a: tuple, b: tuple) -> bool:
    return a[: _UNIT + 1] == b[: _UNIT + 1] and a[-1] == b[-1] and _rate(a) == _rate(b)


def _product_keys(product: Product) -> list[tuple]:
    """What a product's rows are keyed on, on demand and reserved (term aside)."""
    keys = [_head("", product, ON_DEMAND, False, [None, None])[1:-1]]
    if product.reserved is not None:
        keys.append(_head("", product, "reserved", False, [None, None])[1:-1])
    return keys
