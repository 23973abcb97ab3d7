"""Capacity math shared by the service modules: instance classes from the working set and
throughput, DynamoDB capacity units, cache memory. Every figure here that is ours rather
than AWS's says so.

Classes are chosen only among those the PriceBook prices for the exact offer (engine,
edition, licence, deployment, region), using the catalog's instance specs, so a class that
is not offered in a region is never proposed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from catalog.pricebook import InstanceClassSpec, PriceBook, PriceKey

from .derived import Derived, ceil, fmt

D = Decimal

# Relational throughput per vCPU at full use, for simple indexed reads and single-row writes
# of up to 8 KB (ours: planning figures to be confirmed by a load test), and the peak CPU we
# plan for so a failover or a burst has room.
READS_PER_VCPU = D(3000)
WRITES_PER_VCPU = D(1000)
TARGET_CPU = D("0.6")
ROW_KB_PER_UNIT = D(8)
# A row larger than that counts as several, but only up to 8 (64 KB): both engines keep values
# that large out of line (PostgreSQL's TOAST, InnoDB's off-page columns), and moving their
# bytes costs far less CPU than handling as many rows; what they cost is storage and its
# throughput. Ours, like the figures above.
ROW_UNITS_MAX = D(8)
# Share of instance memory the engine's buffer cache gets (RDS for MySQL's default
# innodb_buffer_pool_size is 3/4 of instance memory); the working set should fit in it.
BUFFER_SHARE = D("0.75")
# A class whose buffer cache holds at least 95% of the working set is taken as holding it:
# the few GiB short cost a few more reads from storage, while the next class up has twice the
# memory at about twice the price (ours; the sizing sentence says when it applies).
MEMORY_TOLERANCE = D("0.95")
# SQL Server caps its buffer pool by edition (Microsoft's scale limits for SQL Server 2016 to
# 2022: Standard 128 GB, Web 64 GB, Express 1,410 MB; findings.py SQLSERVER-EDITIONS): memory
# beyond what the pool can use is not sized for.
BUFFER_POOL_CAP_GB = {"se": D(128), "web": D(64), "ex": D("1.38")}
# Aurora Serverless v2: one ACU is about 2 GiB of memory with matching CPU (AUR-06); an
# r-class vCPU comes with 8 GiB, so ours: 4 ACU per vCPU of need.
GIB_PER_ACU = D(2)
ACU_PER_VCPU = D(4)
MAX_ACU = D(256)
# ElastiCache: 25% of node memory is reserved for backups and failover (reserved-memory-
# percent default, EC-MEMORY); keys and structures add about 10% to the raw data (ours);
# a node serves about 100,000 simple operations per second at our planning load (ours).
CACHE_RESERVED = D("0.25")
CACHE_OVERHEAD = D("1.1")
CACHE_OPS_PER_NODE = D(100_000)
USABLE_SHARE = 1 - CACHE_RESERVED


@dataclass(frozen=True, slots=True)
class ClassChoice:
    name: str
    spec: InstanceClassSpec
    hourly: Decimal


def offered(book: PriceBook, key: PriceKey, *, allow_burstable: bool) -> tuple[ClassChoice, ...]:
    """The classes the book prices for this offer and has specs for, with their hourly rate,
    cheapest first."""
    # A book never changes once built, so the answer is kept on the book (a few hundred
    # offers at most: one per service, Region, engine, edition, licence and deployment).
    memo = book.cache("engine.offered")
    memo_key = (key, allow_burstable)
    found = memo.get(memo_key)
    if found is None:
        found = []
        for name in book.offered_classes(key):
            spec = book.instance_classes.get(name)
            if spec is None or (spec.burstable and not allow_burstable):
                continue
            found.append(ClassChoice(name, spec, book.price(replace(key, instance_class=name)).usd))
        if len(memo) > 20_000:
            memo.clear()
        # Cheapest first, so the first class that fits is the cheapest that fits.
        found.sort(key=lambda c: (c.hourly, c.spec.vcpu, c.name))
        memo[memo_key] = found = tuple(found)
    return found


def cheapest_fitting(
    choices: Sequence[ClassChoice], *, memory_gib: Decimal, vcpu: Decimal
) -> ClassChoice | None:
    """The cheapest of `choices` (sorted cheapest first by `offered`) that fits."""
    for memory, cpus, choice in _facts(choices)[1]:
        if memory >= memory_gib and cpus >= vcpu:
            return choice
    return None


def largest(choices: Sequence[ClassChoice]) -> ClassChoice | None:
    return _facts(choices)[0] if choices else None


def _facts(choices: Sequence[ClassChoice]) -> tuple:
    """(the largest class, (memory, vCPUs, class) of each in order, (class, memory a cache
    node can use) of each in order): looked at for every option of every answer. `offered`
    hands out the same tuple for an offer each time, so they are kept with it (the entry
    holds the tuple, so its id is not reused meanwhile)."""
    found = _kept.get(id(choices))
    if found is None or found[0] is not choices:
        sizes = tuple((c.spec.memory_gib, c.spec.vcpu, c) for c in choices)
        usable = tuple((c, c.spec.memory_gib * USABLE_SHARE) for c in choices)
        found = (choices, max(choices, key=_size_order, default=None), sizes, usable)
        if isinstance(choices, tuple):
            if len(_kept) >= 4096:
                _kept.clear()
            _kept[id(choices)] = found
    return found[1:]


_kept: dict[int, tuple] = {}


def _size_order(c: ClassChoice) -> tuple:
    return (c.spec.memory_gib, c.spec.vcpu, -c.hourly, c.name)


@dataclass(frozen=True, slots=True)
class RelationalNeed:
    memory_gib: Decimal
    vcpu_reads: Decimal
    vcpu_writes: Decimal
    row_kb: Decimal = D(1)  # the workload's row size
    row_units: Decimal = D(1)  # how many planning rows one row counts as
    buffer_cap_gb: Decimal | None = None  # the engine edition's buffer pool limit, if it binds
    edition: str = ""  # the edition that limits it, as people name it

    @property
    def vcpu(self) -> Decimal:
        return self.vcpu_reads + self.vcpu_writes

    def explain(self, working_set_gb: Decimal, reads: Decimal, writes: Decimal) -> str:
        cached = f"the {fmt(working_set_gb)} GB working set"
        if self.buffer_cap_gb is not None:
            cached = (f"{fmt(self.buffer_cap_gb)} GB of the {fmt(working_set_gb)} GB working set "
                      f"(the most {self.edition}'s buffer pool uses)")  # fmt: skip
        return (
            f"Memory: {cached} in a buffer cache of "
            f"{fmt(BUFFER_SHARE * 100)}% of memory needs {fmt(self.memory_gib, 1)} GiB. CPU: "
            f"{fmt(reads)} reads/s at {fmt(READS_PER_VCPU)} per vCPU and {fmt(writes)} "
            f"writes/s at {fmt(WRITES_PER_VCPU)} per vCPU{self._row_weight()}, planned at "
            f"{fmt(TARGET_CPU * 100)}% CPU, need {vcpu_text(self.vcpu)} vCPU (our planning "
            "figures; confirm with a load test)."
        )

    def held(self, chosen: ClassChoice) -> str:
        """A sentence when `chosen` holds the working set only within MEMORY_TOLERANCE."""
        if chosen.spec.memory_gib >= self.memory_gib:
            return ""
        share = chosen.spec.memory_gib / self.memory_gib * 100
        if share < MEMORY_TOLERANCE * 100:
            return ""
        return (f" Its memory is {fmt(share, 1)}% of the need: we count a class within "
                f"{fmt((1 - MEMORY_TOLERANCE) * 100)}% of it as fitting (ours) rather than pay "
                "for the next class up for a few GiB.")  # fmt: skip

    def _row_weight(self) -> str:
        if self.row_units <= 1:
            return ""
        capped = (" (rows this large are kept out of line, so the weight stops at "
                  f"{fmt(ROW_UNITS_MAX)})" if self.row_units == ROW_UNITS_MAX else "")  # fmt: skip
        return (f", each {fmt(self.row_kb)} KB row counting as {fmt(self.row_units, 1)} rows of "
                f"{fmt(ROW_KB_PER_UNIT)} KB{capped}")  # fmt: skip


def vcpu_text(vcpu: Decimal) -> str:
    """A vCPU need for a sentence: '<0.1' rather than a '0' that reads as no need at all."""
    return "<0.1" if 0 < vcpu < D("0.05") else fmt(vcpu, 1)


def relational_need(
    item_size_kb: Decimal, derived: Derived, *, buffer_cap_gb: Decimal | None = None,
    edition: str = "",
) -> RelationalNeed:  # fmt: skip
    size = min(ROW_UNITS_MAX, max(D(1), item_size_kb / ROW_KB_PER_UNIT))
    cached = derived.working_set_gb
    if buffer_cap_gb is not None and cached > buffer_cap_gb:
        cached = buffer_cap_gb
    else:
        buffer_cap_gb = None
    return RelationalNeed(
        memory_gib=cached / BUFFER_SHARE,
        vcpu_reads=derived.peak_reads * size / READS_PER_VCPU / TARGET_CPU,
        vcpu_writes=derived.peak_writes * size / WRITES_PER_VCPU / TARGET_CPU,
        row_kb=item_size_kb,
        row_units=size,
        buffer_cap_gb=buffer_cap_gb,
        edition=edition,
    )


@dataclass(frozen=True, slots=True)
class RelationalPlan:
    writer: ClassChoice
    read_replicas: int  # replicas added for read throughput
    memory_capped: bool  # the working set is larger than the largest class's buffer cache


def plan_relational(
    choices: Sequence[ClassChoice], need: RelationalNeed, *, max_replicas: int, spread_reads: bool
) -> RelationalPlan | str:
    """A writer class and the read replicas the read load needs, or why none will do.

    Reads are spread over replicas only when they may be eventually consistent: replicas
    apply the writer's changes asynchronously (RDS-RR-01, AUR-03). Each replica is the
    writer's class and holds the same working set; the cheapest count wins.
    """
    biggest = largest(choices)
    if biggest is None:
        return "no instance class is priced for this combination in the region"
    # MEMORY_TOLERANCE: a class a few GiB short of the need still holds the working set.
    memory = min(need.memory_gib * MEMORY_TOLERANCE, biggest.spec.memory_gib)
    capped = need.memory_gib * MEMORY_TOLERANCE > biggest.spec.memory_gib
    # The classes that hold the working set, cheapest first, keeping only those with more
    # vCPUs than every cheaper one: the cheapest class with at least N vCPUs is always among
    # them, and there are a handful where the offer has dozens.
    frontier: list[tuple[Decimal, ClassChoice]] = []
    for memory_gib, cpus, choice in _facts(choices)[1]:
        if memory_gib >= memory and (not frontier or cpus > frontier[-1][0]):
            frontier.append((cpus, choice))

    def cheapest(vcpu: Decimal) -> ClassChoice | None:
        for cpus, choice in frontier:
            if cpus >= vcpu:
                return choice
        return None

    best: tuple | None = None
    floor = cheapest(need.vcpu_writes)
    for replicas in range(0, (max_replicas if spread_reads else 0) + 1):
        writer = cheapest(need.vcpu_writes + need.vcpu_reads / (replicas + 1))
        if writer is None:
            continue
        rank = (writer.hourly * (replicas + 1), replicas, writer.name)
        if best is None or rank < best[0]:
            best = (rank, writer, replicas)
        if writer is floor:
            break  # the cheapest class that holds the data: more replicas only add cost
    if best is not None:
        return RelationalPlan(best[1], best[2], capped)
    if floor is None:
        return (
            f"{fmt(need.vcpu_writes, 1)} vCPU of writes is beyond one writer: the largest class "
            f"priced here, {biggest.name}, has {biggest.spec.vcpu} vCPU"
        )
    if not spread_reads:
        return (
            f"{fmt(need.vcpu, 1)} vCPU of reads and writes is beyond the largest class priced "
            f"here ({biggest.name}, {biggest.spec.vcpu} vCPU), and strongly consistent reads "
            "must come from the writer (replicas lag)"
        )
    return (
        f"{fmt(need.vcpu_reads, 1)} vCPU of reads is beyond the writer and {max_replicas} "
        f"read replicas of the largest class priced here ({biggest.name})"
    )


def acu_for(memory_gib: Decimal, vcpu: Decimal) -> Decimal:
    """ACUs for a memory and CPU need, in the half-ACU steps Serverless v2 scales by."""
    acu = max(memory_gib / GIB_PER_ACU, vcpu * ACU_PER_VCPU, D("0.5"))
    return D(ceil(acu * 2)) / 2


# ----- DynamoDB ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DynamoUnits:
    units_per_read: Decimal  # RCU/RRU per read of one item
    units_per_write: Decimal  # WCU/WRU per write of one item
    peak_rcu: Decimal
    peak_wcu: Decimal
    read_request_units_per_month: Decimal
    write_request_units_per_month: Decimal
    partitions: int


READ_FACTORS = {"eventual": D("0.5"), "strong": D(1), "transactional": D(2)}


def dynamo_units(
    item_kb: Decimal, read_kind: str, transactional_writes: bool, derived: Derived
) -> DynamoUnits:
    # 1 RCU = one strongly consistent read of up to 4 KB per second, or two eventually
    # consistent; transactional reads cost double; 1 WCU = one write of up to 1 KB, doubled
    # for transactions (DDB-CU-01/02).
    per_read = ceil(item_kb / 4) * READ_FACTORS[read_kind]
    per_write = ceil(item_kb) * (2 if transactional_writes else 1)
    peak_rcu = derived.peak_reads * per_read
    peak_wcu = derived.peak_writes * per_write
    # One partition serves 3,000 read units and 1,000 write units per second (DDB-LIM-02).
    partitions = max(1, ceil(peak_rcu / 3000), ceil(peak_wcu / 1000))
    return DynamoUnits(
        units_per_read=D(per_read),
        units_per_write=D(per_write),
        peak_rcu=peak_rcu,
        peak_wcu=peak_wcu,
        read_request_units_per_month=derived.reads_per_month * per_read,
        write_request_units_per_month=derived.writes_per_month * per_write,
        partitions=partitions,
    )


# ----- ElastiCache and DAX -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CachePlan:
    node: ClassChoice
    shards: int
    usable_gib: Decimal  # per node, after reserved memory
    memory_needed_gib: Decimal


def plan_cache(
    choices: Sequence[ClassChoice],
    data_gb: Decimal,
    ops_per_sec: Decimal,
    *,
    nodes_per_shard: int,
    max_shards: int,
) -> CachePlan | None:
    """The node type and shard count that hold the data and serve the operations at the
    lowest hourly cost (all replicas included)."""
    needed = data_gb * CACHE_OVERHEAD
    for_ops = max(1, ceil(ops_per_sec / CACHE_OPS_PER_NODE))  # the same for every node type
    best: tuple | None = None
    # The loop often runs through most of the offer (it stops only at classes dearer than the
    # best plan's shards together), so each class's usable memory is worked out once per offer.
    for choice, usable in _facts(choices)[2]:
        if best is not None and choice.hourly * for_ops * nodes_per_shard > best[0][0]:
            # `offered` sorts cheapest first: from here on even the fewest shards cost more.
            break
        shards = max(for_ops, ceil(needed / usable))
        if shards > max_shards:
            continue
        rank = (choice.hourly * shards * nodes_per_shard, shards, choice.name)
        if best is None or rank < best[0]:
            best = (rank, choice, shards, usable)
    if best is None:
        return None
    _, choice, shards, usable = best
    return CachePlan(choice, shards, usable, needed)
