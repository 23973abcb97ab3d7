"""The PriceBook: one catalog version held in memory, answering "price of X in region R".

Pure Python (no Django): the estimator and engine receive a PriceBook and never touch the
database. `catalog.services.pricebook_current()` builds it once per catalog version.

A price is found by an exact PriceKey. Attributes that do not apply to a dimension are "" (an
RDS storage price has no instance class; a MySQL instance price has no edition). A key that is
not in the book raises PriceMissing naming what was asked: a missing price is never $0.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from datetime import date
from decimal import Decimal

ON_DEMAND = "on_demand"

# Reserved terms as stored in the catalog: "<length>_<purchase option>".
RESERVED_TERMS = (
    "1yr_no_upfront",
    "1yr_partial_upfront",
    "1yr_all_upfront",
    "3yr_no_upfront",
    "3yr_partial_upfront",
    "3yr_all_upfront",
)
TERM_HOURS = {"1yr": 8760, "3yr": 26280}


@dataclass(frozen=True, slots=True)
class PriceKey:
    """What a price is for, keyed the way the AWS Price List keys it (normalised)."""

    service: str  # rds, aurora, elasticache, dynamodb, dms
    region: str
    dimension: str  # instance_hours, storage, provisioned_iops, ...
    engine: str = ""  # mysql, postgresql, mariadb, oracle, sqlserver, aurora-mysql, redis, ...
    edition: str = ""  # se2, ee (Oracle); ex, web, se, ee (SQL Server)
    license_model: str = ""  # license_included, bring_your_own; "" where no licence applies
    deployment: str = ""  # single_az, multi_az, multi_az_cluster
    instance_class: str = ""  # db.r6g.large, cache.m7g.large, dax.r5.large, dms.t3.medium
    storage_type: str = ""  # gp2 gp3 io1 io2 magnetic; Aurora: standard, io_optimized
    table_class: str = ""  # standard, standard_ia
    term: str = ON_DEMAND  # on_demand, a RESERVED_TERMS value, or "superseded"
    to_region: str = ""  # destination of inter-Region transfer
    variant: str = ""  # what else tells two prices apart (full vs incremental export)

    def describe(self) -> str:
        parts = [f"{self.service} {self.dimension}"]
        for f in fields(self):
            if f.name in ("service", "dimension", "region"):
                continue
            value = getattr(self, f.name)
            if value and not (f.name == "term" and value == ON_DEMAND):
                parts.append(f"{f.name}={value}")
        parts.append(f"in {self.region}")
        return ", ".join(parts)


KEY_FIELDS = tuple(f.name for f in fields(PriceKey))


@dataclass(frozen=True, slots=True)
class Tier:
    begin: Decimal
    end: Decimal | None  # None: no upper bound
    usd: Decimal


@dataclass(frozen=True, slots=True)
class PriceEntry:
    key: PriceKey
    unit: str
    usd: Decimal  # the rate of the first paid tier; see `tiers` for tiered prices
    source: str
    as_of: date
    tiers: tuple[Tier, ...] = ()
    sku: str = ""
    label: str = ""

    def cost(self, quantity: Decimal) -> Decimal:
        """Cost of `quantity` units, walking the tiers where the price is tiered."""
        if len(self.tiers) <= 1:
            return quantity * self.usd
        total = Decimal(0)
        for tier in self.tiers:
            if quantity <= tier.begin:
                break
            upper = quantity if tier.end is None else min(quantity, tier.end)
            total += (upper - tier.begin) * tier.usd
        return total


class PriceMissing(LookupError):
    """The catalog has no price for what was asked. Shown to the user, never priced as $0."""

    def __init__(self, key: PriceKey, field: str = "", hint: str = "") -> None:
        self.key = key
        self.field = field
        message = f"The catalog has no price for {key.describe()}"
        if hint:
            message += f" ({hint})"
        self.message = message + "."
        super().__init__(self.message)


@dataclass(frozen=True, slots=True)
class InstanceClassSpec:
    name: str  # db.r6g.large
    service: str  # rds, elasticache, dax, dms
    vcpu: int
    memory_gib: Decimal
    network: str  # "Up to 10 Gigabit"
    burstable: bool
    arch: str  # x86_64, arm64
    source: str = ""

    @property
    def family(self) -> str:
        parts = self.name.split(".")
        return parts[1] if len(parts) >= 3 else parts[0]

    @property
    def size(self) -> str:
        return self.name.rsplit(".", 1)[-1]


@dataclass(frozen=True, slots=True)
class Region:
    code: str
    name: str


@dataclass
class PriceBook:
    """All prices of one catalog version, indexed for exact look-ups."""

    version: str
    as_of: date
    currency: str = "USD"
    regions: dict[str, Region] = field(default_factory=dict)
    instance_classes: dict[str, InstanceClassSpec] = field(default_factory=dict)
    _prices: dict[PriceKey, PriceEntry] = field(default_factory=dict, repr=False)
    _classes_by_offer: dict[tuple, tuple[str, ...]] = field(default_factory=dict, repr=False)
    # Pure results computed from this book's prices by the engine (class choices, priced
    # estimates): they live and die with the book, which never changes once built.
    _caches: dict[str, dict] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def build(
        cls,
        *,
        version: str,
        as_of: date,
        entries: Iterable[PriceEntry],
        regions: Iterable[Region] = (),
        instance_classes: Iterable[InstanceClassSpec] = (),
        currency: str = "USD",
    ) -> PriceBook:
        book = cls(version=version, as_of=as_of, currency=currency)
        book.regions = {r.code: r for r in regions}
        book.instance_classes = {c.name: c for c in instance_classes}
        offers: dict[tuple, set[str]] = {}
        for entry in entries:
            book._prices[entry.key] = entry
            if entry.key.instance_class:
                offers.setdefault(_offer_key(entry.key), set()).add(entry.key.instance_class)
        book._classes_by_offer = {k: tuple(sorted(v, key=_class_order)) for k, v in offers.items()}
        return book

    def __len__(self) -> int:
        return len(self._prices)

    def price(self, key: PriceKey, *, field: str = "") -> PriceEntry:
        try:
            return self._prices[key]
        except KeyError:
            raise PriceMissing(key, field=field, hint=self._hint(key)) from None

    def has(self, key: PriceKey) -> bool:
        return key in self._prices

    def entries(self) -> Iterable[PriceEntry]:
        return self._prices.values()

    def offered_classes(self, key: PriceKey) -> tuple[str, ...]:
        """Instance classes priced for the key's offer (its instance_class is ignored),
        smallest first."""
        return self._classes_by_offer.get(_offer_key(key), ())

    def cache(self, name: str, kind: type[dict] = dict) -> dict:
        """A dict (of `kind`) kept on this book for one kind of pure result derived from its
        prices. Whoever fills it bounds its size."""
        found = self._caches.get(name)
        if found is None:
            found = self._caches.setdefault(name, kind())
        return found

    def region_name(self, code: str) -> str:
        region = self.regions.get(code)
        return region.name if region else code

    def _hint(self, key: PriceKey) -> str:
        if self.regions and key.region not in self.regions:
            return f"region {key.region} is not in catalog {self.version}"
        if key.instance_class and not self.offered_classes(key):
            return "no instance class is offered for that combination"
        if key.instance_class:
            return f"{key.instance_class} is not offered for that combination"
        return f"catalog {self.version}"


def _offer_key(key: PriceKey) -> tuple:
    return (
        key.service,
        key.region,
        key.dimension,
        key.engine,
        key.edition,
        key.license_model,
        key.deployment,
        key.storage_type,
        key.term,
    )


_SIZE_ORDER = {
    "nano": 0,
    "micro": 1,
    "small": 2,
    "medium": 3,
    "large": 4,
    "xlarge": 5,
}


def _class_order(name: str) -> tuple:
    family, _, size = name.rpartition(".")
    if size in _SIZE_ORDER:
        rank = _SIZE_ORDER[size]
    elif size.endswith("xlarge") and size[:-6].isdigit():
        rank = 5 + int(size[:-6])
    else:
        rank = 99
    return (family, rank, name)


def effective_hourly(hourly: Decimal, upfront: Decimal, term: str) -> Decimal:
    """Reserved: recurring hourly fee plus the upfront fee spread over the term's hours."""
    length = term.split("_", 1)[0]
    return hourly + upfront / TERM_HOURS[length]
