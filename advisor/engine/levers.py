"""Ways to spend less on one option, named from its configuration when it is over budget:
what drives its price and what could be given up for it. Not priced: each lever trades a
target away, which is the reader's decision."""

from __future__ import annotations

from advisor.questionnaire import Workload

from .derived import fmt, usd
from .model import Option

MAX_LEVERS = 4


def levers(w: Workload, option: Option) -> str:
    """One sentence: the option's largest cost and the levers its configuration offers."""
    config = option.config
    found = {"rds": _rds, "aurora": _aurora, "dynamodb": _dynamodb,
             "elasticache": _elasticache}.get(option.service, lambda *_: [])(w, config)  # fmt: skip
    biggest = max(option.components, key=lambda c: c.monthly, default=None)
    head = ""
    if biggest is not None and option.monthly:
        share = biggest.monthly / option.monthly * 100
        head = (f"The largest part of {option.label}: {biggest.name}, "
                f"{usd(biggest.monthly)} ({round(share)}% of it). ")  # fmt: skip
    if not found:
        return head + "To spend less, size it for a lower peak or relax a target."
    return head + f"To spend less: {'; '.join(found[:MAX_LEVERS])}."


def _production(w: Workload) -> bool:
    return w.environment == "production"


def _rds(w, config) -> list[str]:
    out = []
    if config.read_replicas:
        out.append(f"fewer read replicas ({config.read_replicas} now), if the writer can take "
                   "more of the reads")  # fmt: skip
    if config.deployment != "single_az" and not _production(w):
        out.append(f"Single-AZ for {w.environment} (Multi-AZ pays for a standby)")
    if config.cross_region_dr in ("read_replica", "mounted_replica"):
        out.append("cross-Region backup replication instead of a standby replica, if a "
                   "longer recovery is acceptable")  # fmt: skip
    if config.provisioned_iops:
        out.append(f"fewer provisioned IOPS ({fmt(config.provisioned_iops)} now), if measured "
                   "I/O is lower")  # fmt: skip
    out.append(f"a smaller class than {config.instance_class}, if the measured load is below "
               "the peak it is sized for")  # fmt: skip
    if config.pricing_term == "on_demand":
        out.append("a 1- or 3-year reservation for an instance that runs all month")
    return out


def _aurora(w, config) -> list[str]:
    out = []
    if config.replicas:
        out.append(f"fewer replicas ({config.replicas} now)"
                   + (", or none outside production" if not _production(w) else ""))  # fmt: skip
    if config.global_database:
        out.append(f"fewer secondary Regions ({', '.join(config.secondary_regions)} now)")
    if config.capacity == "serverless_v2":
        out.append(f"a lower maximum ACU ({fmt(config.max_acu)} now)")
    else:
        out.append(f"a smaller class than {config.instance_class}, if the measured load is "
                   "below the peak it is sized for")  # fmt: skip
    return out


def _dynamodb(w, config) -> list[str]:
    out = []
    if config.dax:
        out.append(f"no DAX ({config.dax.nodes} x {config.dax.node_type}), if the latency "
                   "target can be relaxed")  # fmt: skip
    if config.global_tables:
        out.append(f"fewer replica Regions ({', '.join(config.replica_regions)} now): each "
                   "pays for every write again")  # fmt: skip
    if config.capacity_mode == "provisioned" and not config.reserved_capacity:
        out.append("reserved capacity (1 or 3 years) for the steady part of the provisioned "
                   "capacity")  # fmt: skip
    if config.table_class == "standard":
        out.append("the Standard-IA table class, if storage is most of the cost and the data "
                   "is read rarely")  # fmt: skip
    if config.read_consistency == "strong" and not config.transactions:
        out.append("eventually consistent reads where they will do: half the read units")
    out.append("fewer or smaller requests: units are counted per 4 KB read and 1 KB written")
    return out


def _elasticache(w, config) -> list[str]:
    out = []
    if config.replicas_per_shard and not _production(w):
        out.append(f"no replicas for {w.environment}")
    if config.global_datastore:
        out.append(f"fewer secondary Regions ({', '.join(config.secondary_regions)} now)")
    if config.deployment == "node_based":
        out.append(f"a smaller node type than {config.node_type} or fewer shards, if less "
                   "data is kept in memory")  # fmt: skip
    else:
        out.append("node-based nodes sized once, if the load is steady")
    return out
