"""Break-even points, computed from catalog prices with the estimator and said in plain words.

Each named break-even holds everything but one quantity fixed and solves for the value at
which two configurations cost the same; costs are linear in that quantity, so two estimates
give the line. Where the lines do not cross in a range that means anything, a plain note says
which is cheaper instead. `crossings` finds where any two sweep curves change order.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from advisor.engine.derived import SECONDS_PER_MONTH, fmt
from advisor.engine.findings import SOURCES
from advisor.estimator import estimate
from advisor.estimator.base import usd
from catalog.pricebook import PriceBook, PriceKey

from .choices import Priced

D = Decimal
SECONDS_PER_HOUR = 3600
GB_STEP = D(100)  # two storage sizes this far apart give a cost line's slope


@dataclass(frozen=True, slots=True)
class BreakEven:
    a: str  # the option cheaper below `value` ... or above it, as `message` says
    b: str
    variable: str  # traffic_multiplier, month, utilization, io_share
    value: Decimal
    message: str
    kind: str  # capacity_mode, storage_config, serverless_v2, elasticache_serverless, table_class, crossing
    source: str
    avg_acu: Decimal | None = None  # serverless_v2: the break-even in ACUs


def _cost(book: PriceBook, priced: Priced, config, usage) -> Decimal:
    """Full precision: break-even values are solved before any rounding to cents."""
    found = estimate(priced.service, priced.region, config, usage, book)
    return sum((c.monthly for c in found.components), D(0))


def pct(share: Decimal) -> str:
    return f"{fmt(share * 100, 1)}%"


# ----- DynamoDB: on-demand against provisioned ------------------------------------------------


def capacity_mode(book: PriceBook, on_demand: Priced, provisioned: Priced) -> BreakEven | str:
    """The utilisation of the provisioned units at which on-demand costs the same.

    A provisioned unit used every second of an hour serves 3,600 request units; the same
    requests on demand cost 3,600 x the request-unit price (DDB-CAP-01/02). Everything that
    is not throughput (storage, backups, Streams, DAX) is the same in both and cancels."""
    config, usage = provisioned.config, provisioned.usage
    seconds = usage.hours_per_month * SECONDS_PER_HOUR
    full = replace(usage, read_request_units_per_month=config.read_capacity_units * seconds,
                   write_request_units_per_month=config.write_capacity_units * seconds)  # fmt: skip
    idle = replace(usage, read_request_units_per_month=D(0), write_request_units_per_month=D(0))
    fixed = _cost(book, on_demand, on_demand.config, idle)
    at_full_use = _cost(book, on_demand, on_demand.config, full) - fixed
    throughput = _cost(book, provisioned, config, usage) - fixed
    if at_full_use <= 0:
        return "On-demand and provisioned DynamoDB cannot be told apart: there is no throughput."
    share = throughput / at_full_use
    now = (_cost(book, on_demand, on_demand.config, on_demand.usage) - fixed) / at_full_use
    message = (
        f"DynamoDB on-demand costs less than provisioned capacity ({fmt(config.read_capacity_units)}"
        f" RCU, {fmt(config.write_capacity_units)} WCU) while the table uses under {pct(share)} of "
        f"those units on average; above that, provisioned is cheaper. This workload would use "
        f"about {pct(now)}: on-demand {usd(on_demand.own_monthly)}, provisioned "
        f"{usd(provisioned.own_monthly)} a month."
    )
    return BreakEven(on_demand.label, provisioned.label, "utilization", share, message,
                     "capacity_mode", SOURCES["DDB-COSTMODE"])  # fmt: skip


# ----- Aurora: Standard against I/O-Optimized -------------------------------------------------


def storage_config(book: PriceBook, standard: Priced, optimized: Priced) -> BreakEven | str:
    """The I/O share of the Aurora Standard bill at which I/O-Optimized costs the same
    (AUR-05 puts it near 25%; here it comes from this configuration's own prices)."""
    usage = standard.usage
    no_io = replace(usage, io_requests_per_month=D(0))
    base = _cost(book, standard, standard.config, no_io)
    level = _cost(book, optimized, optimized.config, optimized.usage)
    io_price = book.price(PriceKey("aurora", standard.region, "io_requests",
                                   storage_type="standard")).usd  # fmt: skip
    io_even = level - base
    if io_even <= 0:
        return f"{optimized.label} costs less than {standard.label} even with no I/O at all."
    share = io_even / (base + io_even)
    io_now = usage.io_requests_per_month * io_price
    now = io_now / (base + io_now) if base + io_now else D(0)
    per_second = io_even / io_price / SECONDS_PER_MONTH
    message = (
        f"Aurora I/O-Optimized costs less than Aurora Standard once I/O is more than "
        f"{pct(share)} of the Standard bill: {usd(io_even)} of I/O a month, about "
        f"{fmt(per_second.to_integral_value())} I/Os a second on average. This workload's I/O "
        f"is {pct(now)} of it ({usd(io_now)} a month)."
    )
    return BreakEven(optimized.label, standard.label, "io_share", share, message,
                     "storage_config", SOURCES["AUR-STORAGE"])  # fmt: skip


# ----- Aurora: Serverless v2 against provisioned ----------------------------------------------


def serverless_v2(book: PriceBook, provisioned: Priced, serverless: Priced) -> BreakEven | str:
    """The average ACUs per instance at which Serverless v2 costs what the instances do."""
    level = _cost(book, provisioned, provisioned.config, provisioned.usage)
    # Any average within AUR-06's range may be priced; the line needs two of them.
    open_range = replace(serverless.config, min_acu=D("0.5"), max_acu=D(256))
    one = _cost(book, serverless, open_range, replace(serverless.usage, avg_acu=D(1)))
    two = _cost(book, serverless, open_range, replace(serverless.usage, avg_acu=D(2)))
    per_acu = two - one
    fixed = one - per_acu
    acu = ((level - fixed) / per_acu).quantize(D("0.01"))
    top, bottom = serverless.config.max_acu, serverless.config.min_acu
    now = serverless.usage.avg_acu
    instances = provisioned.config.instance_class
    if acu <= bottom:
        return (f"Aurora Serverless v2 costs more than the provisioned {instances} instances even "
                f"at its {fmt(bottom)} ACU minimum.")  # fmt: skip
    if acu >= top:
        return (f"Aurora Serverless v2 ({fmt(bottom)}-{fmt(top)} ACU) costs less than the "
                f"provisioned {instances} instances at any load it can reach.")  # fmt: skip
    message = (
        f"Aurora Serverless v2 ({fmt(bottom)}-{fmt(top)} ACU) costs less than the provisioned "
        f"{instances} instances while it averages under {fmt(acu)} ACU per instance "
        f"({pct(acu / top)} of its maximum); above that, the instances are cheaper. It is "
        f"estimated to average {fmt(now)} ACU here: {usd(serverless.own_monthly)} against "
        f"{usd(provisioned.own_monthly)} a month."
    )
    return BreakEven(serverless.label, provisioned.label, "utilization", acu / top, message,
                     "serverless_v2", SOURCES["AUR-SV2"], avg_acu=acu)  # fmt: skip


# ----- ElastiCache: Serverless against nodes --------------------------------------------------


def elasticache_serverless(book: PriceBook, nodes: Priced, serverless: Priced) -> BreakEven | str:
    """The traffic (a multiple of today's) up to which Serverless costs less than the nodes,
    at today's node count: Serverless bills data stored plus ECPUs (EC-08)."""
    level = _cost(book, nodes, nodes.config, nodes.usage)
    idle = _cost(
        book, serverless, serverless.config, replace(serverless.usage, ecpu_per_month=D(0))
    )
    now = _cost(book, serverless, serverless.config, serverless.usage)
    per_traffic = now - idle
    if idle >= level:
        return (f"{serverless.label} costs more than {nodes.label} even with no traffic: its data "
                f"stored alone costs {usd(idle)} a month against {usd(level)}.")  # fmt: skip
    if per_traffic <= 0:
        return f"{serverless.label} costs less than {nodes.label} at any traffic priced here."
    multiple = (level - idle) / per_traffic
    ecpu = serverless.usage.ecpu_per_month / SECONDS_PER_MONTH
    message = (
        f"{serverless.label} costs less than {nodes.label} until traffic reaches "
        f"{fmt(multiple, 2)} x today's ({fmt(ecpu.to_integral_value())} ECPUs a second on "
        f"average); above that, the nodes are cheaper (at today's node count). Today: "
        f"{usd(now)} against {usd(level)} a month."
    )
    return BreakEven(serverless.label, nodes.label, "traffic_multiplier", multiple, message,
                     "elasticache_serverless", SOURCES["EC-SLSCONF"])  # fmt: skip


# ----- DynamoDB: Standard against Standard-IA as the table grows -------------------------------


def table_class(
    book: PriceBook, standard: Priced, infrequent: Priced, growth_gb: Decimal, months: int
) -> BreakEven | str:
    """The month from which Standard-IA costs less: its storage is cheaper and its requests
    dearer (DDB-TC-01), so it pays once the table is large enough (DDB-TC-02)."""
    usage = standard.usage
    today = usage.storage_gb

    def at(priced: Priced, gb: Decimal) -> Decimal:
        return _cost(book, priced, priced.config, replace(usage, storage_gb=gb))

    dearer_now = at(infrequent, today) - at(standard, today)
    saving_per_gb = (
        (at(standard, today + GB_STEP) - at(standard, today))
        - (at(infrequent, today + GB_STEP) - at(infrequent, today))
    ) / GB_STEP
    if dearer_now <= 0:
        return (f"Standard-IA already costs less than Standard at today's {fmt(today)} GB "
                f"({usd(at(infrequent, today))} against {usd(at(standard, today))} a month).")  # fmt: skip
    if saving_per_gb <= 0:
        return "Standard-IA never costs less than Standard here."
    even_gb = today + dearer_now / saving_per_gb
    if growth_gb <= 0 or (even_gb - today) / growth_gb > months:
        when = "" if growth_gb <= 0 else f", beyond month {months} at this growth"
        return (f"Standard-IA would cost less than Standard from about {fmt(even_gb.to_integral_value())}"
                f" GB stored{when}.")  # fmt: skip
    month = ((even_gb - today) / growth_gb).quantize(D("0.1"))
    message = (
        f"Standard-IA starts to pay from about month {fmt(month)}, when the table holds about "
        f"{fmt(even_gb.to_integral_value())} GB: from then its cheaper storage outweighs its "
        f"dearer reads and writes."
    )
    return BreakEven(infrequent.label, standard.label, "month", month, message, "table_class",
                     SOURCES["DDB-COSTCLASS"])  # fmt: skip


# ----- any two curves --------------------------------------------------------------------------


def crossings(
    xs: list[Decimal], a: list[Decimal | None], b: list[Decimal | None]
) -> list[tuple[Decimal, int, int]]:
    """Where curve a - b changes sign: (x at the crossing by linear interpolation, index of
    the first point after it, the sign after it: -1 when a is then the cheaper)."""
    out = []
    previous: tuple[int, Decimal, Decimal] | None = None
    for i, x in enumerate(xs):
        if a[i] is None or b[i] is None:
            previous = None
            continue
        diff = a[i] - b[i]
        sign = (diff > 0) - (diff < 0)
        if sign == 0:
            continue
        if previous is not None and previous[0] != sign:
            _, x0, d0 = previous
            out.append((x0 + (x - x0) * d0 / (d0 - diff), i, sign))
        previous = (sign, x, diff)
    return out


def crossing(
    label_a: str, label_b: str, variable: str, x: Decimal, after: Decimal, sign: int,
    cost_a: Decimal, cost_b: Decimal,
) -> BreakEven:  # fmt: skip
    cheaper, dearer = (label_a, label_b) if sign < 0 else (label_b, label_a)
    low, high = sorted((cost_a, cost_b))
    if variable == "month":
        value = x.quantize(D("0.1"))
        message = (f"From about month {fmt(value)}, {cheaper} costs less than {dearer} "
                   f"({usd(low)} against {usd(high)} a month at month {fmt(after)}).")  # fmt: skip
    else:
        value = x.quantize(D("0.01"))
        message = (f"Above about {fmt(value)} x today's traffic, {cheaper} costs less than "
                   f"{dearer} ({usd(low)} against {usd(high)} a month at {fmt(after)} x).")  # fmt: skip
    return BreakEven(label_a, label_b, variable, value, message, "crossing", SOURCES["PRICING"])
