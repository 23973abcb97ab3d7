"""Builds the shipped catalog (prices.csv, regions.csv) from the research table aws-prices.csv.

Run once when the research table changes:
    python catalog/data/convert_shared_prices.py ../shared/data/aws-prices.csv catalog/data

The research table describes each price in words (engine_or_variant, instance_or_unit_detail);
this script maps those words to the normalised PriceKey attributes. It copies every number as
it stands: nothing is computed, nothing invented. A row it cannot map stops the script.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

OUT_FIELDS = [
    "service", "region", "dimension", "engine", "edition", "license_model", "deployment",
    "instance_class", "storage_type", "table_class", "term", "to_region", "variant", "unit",
    "usd", "begin_range", "end_range", "label", "source", "as_of",
]  # fmt: skip

RDS_ENGINES = {"MySQL": "mysql", "PostgreSQL": "postgresql", "MariaDB": "mariadb"}
LICENSED = {
    "Oracle SE2 (License included)": ("oracle", "se2", "license_included"),
    "Oracle EE (BYOL)": ("oracle", "ee", "bring_your_own"),
    "Oracle SE2 (BYOL)": ("oracle", "se2", "bring_your_own"),
    "SQL Server Express (License included)": ("sqlserver", "ex", "license_included"),
    "SQL Server Web (License included)": ("sqlserver", "web", "license_included"),
    "SQL Server Standard (License included)": ("sqlserver", "se", "license_included"),
    "SQL Server Enterprise (License included)": ("sqlserver", "ee", "license_included"),
}
DEPLOYMENTS = {
    "Single-AZ": "single_az",
    "Multi-AZ": "multi_az",
    "Multi-AZ DB cluster (readable standbys)": "multi_az_cluster",
}
STORAGE = {
    "gp2": "gp2",
    "gp3": "gp3",
    "io1": "io1",
    "io2": "io2",
    "magnetic (standard)": "magnetic",
}
CACHE_ENGINES = {"Redis OSS": "redis", "Valkey": "valkey", "Memcached": "memcached"}
AURORA_ENGINES = {"Aurora MySQL": "aurora-mysql", "Aurora PostgreSQL": "aurora-postgresql"}
TABLE_CLASSES = {"Standard table class": "standard", "Standard-IA table class": "standard_ia"}
TERM_RE = re.compile(r"(?P<n>[13])-year (?P<opt>No|Partial|All) Upfront")
CLASS_RE = re.compile(r"\b((?:db|cache|dax|dms)\.[a-z0-9-]+\.[a-z0-9]+)\b")
TO_REGION_RE = re.compile(r"to (?P<code>[a-z]{2}-[a-z]+-\d) (?P<name>.+?);")


class Unmapped(ValueError):
    pass


def term_of(text: str) -> str:
    m = TERM_RE.search(text)
    if not m:
        raise Unmapped(f"no reserved term in {text!r}")
    return f"{m['n']}yr_{m['opt'].lower()}_upfront"


def class_of(text: str) -> str:
    m = CLASS_RE.search(text)
    if not m:
        raise Unmapped(f"no instance class in {text!r}")
    return m.group(1)


def deployment_in(text: str) -> str:
    if "Multi-AZ DB cluster" in text:
        return "multi_az_cluster"
    if "Multi-AZ" in text:
        return "multi_az"
    if "Single-AZ" in text:
        return "single_az"
    raise Unmapped(f"no deployment in {text!r}")


def map_row(r: dict[str, str]) -> dict[str, str]:  # noqa: C901 - one branch per research label
    svc, dim, var, det = (
        r["service"],
        r["dimension"],
        r["engine_or_variant"],
        r["instance_or_unit_detail"],
    )
    k: dict[str, str] = {"dimension": dim}

    if svc == "RDS":
        k["service"] = "rds"
        if dim == "instance_hours":
            k["instance_class"] = class_of(det)
            if var in RDS_ENGINES:
                k["engine"], k["deployment"] = RDS_ENGINES[var], deployment_in(det)
            elif var.endswith("(Multi-AZ DB cluster)"):
                k["engine"] = RDS_ENGINES[var.split(" (")[0]]
                k["deployment"] = "multi_az_cluster"
            elif var in LICENSED:
                k["engine"], k["edition"], k["license_model"] = LICENSED[var]
                k["deployment"] = deployment_in(det)
            else:
                raise Unmapped(var)
        elif dim in ("reserved_hours", "reserved_upfront"):
            engine_name = var.split(" ", 1)[0]
            k["engine"] = RDS_ENGINES[engine_name]
            k["term"] = term_of(var)
            k["instance_class"] = class_of(det)
            k["deployment"] = deployment_in(det)
        elif dim == "storage":
            k["storage_type"], k["deployment"] = STORAGE[var], DEPLOYMENTS[det]
        elif dim in ("gp3_extra_iops", "gp3_extra_throughput"):
            k["storage_type"], k["deployment"] = "gp3", DEPLOYMENTS[det]
        elif dim == "provisioned_iops":
            k["storage_type"], k["deployment"] = var.split(" ", 1)[0], DEPLOYMENTS[det]
        elif dim == "magnetic_io_requests":
            k["storage_type"] = "magnetic"
        elif dim not in ("backup_storage", "snapshot_export"):
            raise Unmapped(dim)

    elif svc == "Aurora":
        k["service"] = "aurora"
        config = "io_optimized" if "I/O-Optimized" in var else "standard"
        if dim == "instance_hours":
            k["engine"] = AURORA_ENGINES[var.split(" (")[0]]
            k["storage_type"] = config
            k["instance_class"] = class_of(det)
        elif dim == "storage":
            k["storage_type"] = config
        elif dim == "io_requests":
            k["storage_type"] = "standard"
        elif dim == "serverless_v2_capacity":
            k["engine"], k["storage_type"] = AURORA_ENGINES[det], config
        elif dim == "backup_storage":
            k["engine"] = AURORA_ENGINES[det]
        elif dim in ("global_db_replicated_write_io", "backtrack", "snapshot_export"):
            k["engine"] = AURORA_ENGINES[det.split(" (")[0]]
        elif dim == "inter_region_data_transfer_out":
            k["to_region"] = TO_REGION_RE.search(det)["code"]
        else:
            raise Unmapped(dim)

    elif svc == "ElastiCache":
        k["service"] = "elasticache"
        if dim == "node_hours":
            k["engine"], k["instance_class"] = CACHE_ENGINES[var], class_of(det)
        elif dim in ("reserved_hours", "reserved_upfront"):
            # The RI feed has no engine field; its rate codes are Redis OSS and Memcached SKUs.
            k["engine"] = "redis_memcached"
            k["term"] = term_of(var)
            k["instance_class"] = class_of(det)
        elif dim in ("serverless_data_storage", "serverless_ecpu"):
            k["engine"] = CACHE_ENGINES[var]
        elif dim != "backup_storage":
            raise Unmapped(dim)

    elif svc == "DynamoDB":
        k["service"] = "dynamodb"
        if "SUPERSEDED" in var:
            k["term"] = "superseded"
            var = var.split(" - SUPERSEDED")[0]
        if dim in (
            "on_demand_read",
            "on_demand_write",
            "provisioned_rcu",
            "provisioned_wcu",
            "storage",
        ):
            k["table_class"] = TABLE_CLASSES[var]
        elif dim == "global_tables_replicated_write":
            mode, table_class = var.split(", ")
            k["dimension"] = "replicated_write_request" if mode == "on-demand" else "replicated_wcu"
            k["table_class"] = TABLE_CLASSES[table_class]
        elif dim in ("reserved_capacity_hourly", "reserved_capacity_upfront"):
            unit = var.rsplit(" ", 1)[-1].lower()  # RCU / WCU
            kind = "hours" if dim.endswith("hourly") else "upfront"
            k["dimension"] = f"reserved_{unit}_{kind}"
            k["term"] = "1yr_reserved"  # upfront fee + hourly fee; AWS names no purchase option
            k["table_class"] = "standard"
        elif dim == "dax_node_hours":
            k["instance_class"] = class_of(det)
        elif dim == "export_to_s3":
            k["variant"] = "incremental" if var.startswith("incremental") else "full"
        elif dim == "inter_region_data_transfer_out":
            k["to_region"] = TO_REGION_RE.search(det)["code"]
        elif dim not in (
            "pitr_backup_storage", "on_demand_backup_storage", "restore", "streams_read",
            "cdc_kinesis", "import_from_s3",
        ):  # fmt: skip
            raise Unmapped(dim)

    elif svc == "DMS":
        k["service"] = "dms"
        if dim == "replication_instance_hours":
            k["deployment"], k["instance_class"] = DEPLOYMENTS[var], class_of(det)
        elif dim == "replication_storage":
            k["deployment"] = DEPLOYMENTS[var]
        elif dim not in ("cpu_credits", "serverless_capacity"):
            raise Unmapped(dim)
    else:
        raise Unmapped(svc)

    out = dict.fromkeys(OUT_FIELDS, "")
    out.update(k)
    out["term"] = out["term"] or "on_demand"
    out["region"] = r["region"]
    out["unit"] = r["unit"]
    out["usd"] = r["usd_per_unit"]
    out["begin_range"] = "0"
    out["label"] = f"{var} | {det}"
    out["source"] = r["source"]
    out["as_of"] = r["as_of"]
    return out


def main(src: Path, out_dir: Path) -> None:
    with src.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    mapped, regions, seen = [], {}, {}
    for line_no, r in enumerate(rows, start=2):
        try:
            m = map_row(r)
        except (Unmapped, KeyError, TypeError) as exc:
            raise SystemExit(
                f"{src}:{line_no}: cannot map {r['service']} {r['dimension']}: {exc}"
            ) from exc
        key = tuple(m[f] for f in OUT_FIELDS[:13])
        if key in seen:
            raise SystemExit(f"{src}:{line_no}: same key as line {seen[key]}: {key}")
        seen[key] = line_no
        mapped.append(m)
        if m["to_region"]:
            regions[m["to_region"]] = TO_REGION_RE.search(r["instance_or_unit_detail"])["name"]
    mapped.sort(key=lambda m: (m["service"], m["region"], m["dimension"], m["engine"], m["instance_class"], m["deployment"], m["term"]))  # fmt: skip
    with (out_dir / "prices.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=OUT_FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(mapped)
    with (out_dir / "regions.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["code", "name"])
        for code in sorted(regions):
            writer.writerow([code, regions[code]])
    print(f"{len(mapped)} prices, {len(regions)} regions written to {out_dir}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
