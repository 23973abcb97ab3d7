"""Benchmark: import a synthetic AWS Price List offer file of at least 200 MB.

    .venv/bin/python bench/import_offer.py [--mb 200] [--keep]

Writes an AmazonRDS offer file in the real layout (../shared/data/offer-file-format.md) to a
temporary folder: every engine, edition and licence model, Single-AZ, Multi-AZ and Multi-AZ
DB cluster instances, Aurora Standard and I/O-Optimized, storage, IOPS (tiered io2),
throughput, I/O, backup, Serverless v2, with OnDemand and Reserved terms (six RI options per
instance SKU), plus SKUs we do not price (Extended Support, Performance Insights, foreign
data-transfer products). Prices are made up. Then it measures, on that one file:

- a bare streaming parse: ijson (C backend) over the file, no mapping, no database, two ways:
  a Python `for` over `ijson.parse` events, and `ijson.basic_parse` drained in C;
- the import (`import_offers`, what `manage.py import_aws_offer` runs) into a fresh SQLite
  database: MB/s, the ratio to each bare parse, and the growth of the process's peak RSS
  (ru_maxrss after minus before);
- a second import of the same file under tracemalloc: peak of Python allocations.

Self-contained: it sets DJANGO_DEBUG=true and a temporary DATABASE_URL before django.setup().
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import resource
import shutil
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

OD = "JRTCKXETXF"
RI = [
    ("4NA7Y494T4", "1yr", "No Upfront"),
    ("HU7G6KETJZ", "1yr", "Partial Upfront"),
    ("6QCMYABX3D", "1yr", "All Upfront"),
    ("BPH4J8HBKS", "3yr", "No Upfront"),
    ("38NPMPTW36", "3yr", "Partial Upfront"),
    ("NQ3QZPMQV9", "3yr", "All Upfront"),
]
PREFIXES = {"us-east-1": "", "eu-west-1": "EU-"}
ENGINES = [  # databaseEngine, databaseEdition, licenseModel, deployments
    ("MySQL", None, "No license required", ("Single-AZ", "Multi-AZ")),
    (
        "PostgreSQL",
        None,
        "No license required",
        ("Single-AZ", "Multi-AZ", "Multi-AZ (readable standbys)"),
    ),  # fmt: skip
    ("MariaDB", None, "No license required", ("Single-AZ", "Multi-AZ")),
    ("Oracle", "Standard Two", "License included", ("Single-AZ", "Multi-AZ")),
    ("Oracle", "Enterprise", "Bring your own license", ("Single-AZ", "Multi-AZ")),
    ("SQL Server", "Web", "License included", ("Single-AZ", "Multi-AZ")),
    ("SQL Server", "Enterprise", "License included", ("Single-AZ", "Multi-AZ")),
    ("Aurora MySQL", None, "No license required", ("Single-AZ",)),
    ("Aurora PostgreSQL", None, "No license required", ("Single-AZ",)),
]
USAGE = {"Single-AZ": "InstanceUsage", "Multi-AZ": "Multi-AZUsage",
         "Multi-AZ (readable standbys)": "Multi-AZClusterUsage"}  # fmt: skip


def regions() -> list[tuple[str, str, str]]:
    import csv

    with (ROOT / "catalog" / "data" / "regions.csv").open() as fh:
        rows = list(csv.DictReader(fh))
    out = []
    for row in rows:
        code = row["code"]
        parts = code.split("-")
        prefix = PREFIXES.get(code, f"{parts[0].upper()}{parts[1][0].upper()}{parts[2]}-")
        out.append((code, row["name"], prefix))
    return out


class Writer:
    """Streams one offer file: products first, then terms (OnDemand, Reserved)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.n = 0
        self.skus: list[tuple[str, bool, float]] = []  # sku, has reserved terms, hourly price

    def sku(self) -> str:
        self.n += 1
        return f"B{self.n:015X}"

    def write(self, target_bytes: int) -> int:
        dump = json.JSONEncoder(indent=2, separators=(",", " : ")).encode
        with self.path.open("w", encoding="utf-8") as out:
            out.write(
                '{\n  "formatVersion" : "v1.0",\n  "disclaimer" : "Synthetic benchmark file",\n'
                '  "offerCode" : "AmazonRDS",\n  "version" : "20251201000000",\n'
                '  "publicationDate" : "2025-12-01T00:00:00Z",\n  "products" : {\n'
            )
            first = True
            # Bytes per instance SKU all told, measured on this writer: ~8.3 kB.
            for product in self.products(target_bytes // 8300):
                out.write(("" if first else ",\n") + f'    "{product["sku"]}" : ')
                out.write(dump(product).replace("\n", "\n    "))
                first = False
            out.write('\n  },\n  "terms" : {\n    "OnDemand" : {\n')
            for i, (sku, _, usd) in enumerate(self.skus):
                out.write(("" if i == 0 else ",\n") + f'      "{sku}" : ')
                out.write(dump(self.on_demand(sku, usd)).replace("\n", "\n      "))
            out.write('\n    },\n    "Reserved" : {\n')
            first = True
            for sku, has_ri, usd in self.skus:
                if has_ri:
                    out.write(("" if first else ",\n") + f'      "{sku}" : ')
                    out.write(dump(self.reserved(sku, usd)).replace("\n", "\n      "))
                    first = False
            out.write("\n    }\n  }\n}\n")
        return self.path.stat().st_size

    def products(self, instance_skus: int):
        regs = regions()
        per_class = len(regs) * sum(len(e[3]) + (1 if e[0].startswith("Aurora") else 0) for e in ENGINES)  # fmt: skip
        classes = [
            f"db.{fam}{gen}{suffix}.{size}"
            for fam in ("m", "r", "x", "c", "z")
            for gen in range(5, 10)
            for suffix in ("", "g", "i", "gd", "id")
            for size in ("large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge")
        ][: max(1, instance_skus // per_class + 1)]
        for code, name, prefix in regs:
            yield from self.region_products(code, name, prefix, classes)

    def base(self, family, region_code, name, prefix, usagetype, **attrs):
        sku = self.sku()
        a = {"servicecode": "AmazonRDS", "location": name, "locationType": "AWS Region"}
        a.update(attrs)
        a.update(usagetype=prefix + usagetype, regionCode=region_code,
                 servicename="Amazon Relational Database Service")  # fmt: skip
        product = {"sku": sku, "attributes": a}
        if family:
            product = {"sku": sku, "productFamily": family, "attributes": a}
        return sku, product

    def region_products(self, code, name, prefix, classes):
        for k, klass in enumerate(classes):
            for engine, edition, lic, deployments in ENGINES:
                configs = [("", "EBS Only")]
                if engine.startswith("Aurora"):
                    configs.append(("IOOptimized", "Aurora IO Optimization Mode"))
                for deployment in deployments:
                    for io, storage in configs:
                        attrs = {
                            "instanceType": klass, "currentGeneration": "Yes",
                            "instanceFamily": "General purpose", "vcpu": str(2 << (k % 6)),
                            "physicalProcessor": "Intel Xeon", "memory": f"{8 << (k % 6)} GiB",
                            "storage": storage, "networkPerformance": "Up to 10 Gigabit",
                            "processorArchitecture": "64-bit", "engineCode": "2",
                            "databaseEngine": engine, "licenseModel": lic,
                            "deploymentOption": deployment, "operation": "CreateDBInstance:0002",
                            "dedicatedEbsThroughput": "Up to 4750 Mbps",
                            "enhancedNetworkingSupported": "Yes", "instanceTypeFamily": "M5",
                            "normalizationSizeFactor": "4",
                        }  # fmt: skip
                        if edition:
                            attrs["databaseEdition"] = edition
                        usage = f"{USAGE[deployment]}{io}:{klass}"
                        sku, p = self.base("Database Instance", code, name, prefix, usage, **attrs)
                        self.skus.append((sku, True, 0.1 + k / 100))
                        yield p
            # Extended Support rides on Database Instance SKUs: counted and skipped.
            sku, p = self.base("Database Instance", code, name, prefix,
                               f"ExtendedSupport:Yr1-Yr2:{klass}", instanceType=klass,
                               databaseEngine="MySQL", deploymentOption="Single-AZ")  # fmt: skip
            self.skus.append((sku, False, 0.1))
            yield p
        storage = [
            ("Database Storage", "RDS:GP3-Storage", {"volumeType": "General Purpose-GP3", "deploymentOption": "Single-AZ"}),
            ("Database Storage", "RDS:Multi-AZ-GP3-Storage", {"volumeType": "General Purpose-GP3", "deploymentOption": "Multi-AZ"}),
            ("Database Storage", "RDS:GP2-Storage", {"volumeType": "General Purpose", "deploymentOption": "Single-AZ"}),
            ("Database Storage", "RDS:PIOPS-Storage", {"volumeType": "Provisioned IOPS", "deploymentOption": "Single-AZ"}),
            ("Database Storage", "Aurora:StorageUsage", {"volumeType": "General Purpose-Aurora", "deploymentOption": "Single-AZ"}),
            ("Database Storage", "Aurora:IO-OptimizedStorageUsage", {"volumeType": "IO Optimized-Aurora", "deploymentOption": "Single-AZ"}),
            ("Provisioned IOPS", "RDS:PIOPS-IO2", {"volumeType": "Provisioned IOPS-IO2", "deploymentOption": "Single-AZ"}),
            ("Provisioned IOPS", "RDS:GP3-PIOPS", {"groupDescription": "RDS Provisioned GP3 IOPS", "deploymentOption": "Single-AZ"}),
            ("Provisioned Throughput", "RDS:GP3-Throughput", {"deploymentOption": "Single-AZ"}),
            ("System Operation", "Aurora:StorageIOUsage", {"databaseEngine": "Any"}),
            ("Storage Snapshot", "RDS:ChargedBackupUsage", {"databaseEngine": "Any"}),
            ("ServerlessV2", "Aurora:ServerlessV2Usage", {"databaseEngine": "Aurora MySQL"}),
            ("ServerlessV2", "Aurora:ServerlessV2IOOptimizedUsage", {"databaseEngine": "Aurora MySQL"}),
            ("Performance Insights", "PI_LTR:DB.M5", {}),
            (None, "DataTransfer-Out-Bytes", {"transferType": "AWS Outbound"}),
        ]  # fmt: skip
        for family, usage, attrs in storage:
            sku, p = self.base(family, code, name, prefix, usage, **attrs)
            if family is None:
                p["attributes"]["servicecode"] = "AWSDataTransfer"
            self.skus.append((sku, False, 0.1 if "IO2" not in usage else -1))
            yield p

    def dimension(self, sku, code, rate, usd, unit, begin="0", end="Inf"):
        d = {"rateCode": f"{sku}.{code}.{rate}", "description": f"${usd} per unit, {sku}"}
        if unit != "Quantity":
            d.update(beginRange=begin, endRange=end)
        d.update(unit=unit, pricePerUnit={"USD": f"{usd:.10f}"}, appliesTo=[])
        return d

    def on_demand(self, sku, usd):
        if usd < 0:  # tiered io2 IOPS
            tiers = [("0", "32000", 0.1), ("32000", "64000", 0.07), ("64000", "Inf", 0.049)]
        else:
            tiers = [("0", "Inf", usd)]
        dims = {}
        for i, (begin, end, price) in enumerate(tiers):
            rate = f"6YS6EN2CT{7 + i}"
            dims[f"{sku}.{OD}.{rate}"] = self.dimension(sku, OD, rate, price, "Hrs", begin, end)
        return {
            f"{sku}.{OD}": {
                "offerTermCode": OD, "sku": sku, "effectiveDate": "2025-12-01T00:00:00Z",
                "priceDimensions": dims, "termAttributes": {},
            }
        }  # fmt: skip

    def reserved(self, sku, usd):
        terms = {}
        for code, length, option in RI:
            dims = {
                f"{sku}.{code}.6YS6EN2CT7": self.dimension(
                    sku, code, "6YS6EN2CT7", 0 if option == "All Upfront" else usd * 0.6, "Hrs"
                )
            }
            if option != "No Upfront":
                dims[f"{sku}.{code}.2TG2D8R56U"] = self.dimension(
                    sku, code, "2TG2D8R56U", usd * 4000, "Quantity"
                )
            terms[f"{sku}.{code}"] = {
                "offerTermCode": code, "sku": sku, "effectiveDate": "2025-12-01T00:00:00Z",
                "priceDimensions": dims,
                "termAttributes": {"LeaseContractLength": length, "OfferingClass": "standard",
                                   "PurchaseOption": option},
            }  # fmt: skip
        return terms


def bare_parse(path: Path) -> tuple[float, float]:
    import ijson

    started = time.perf_counter()
    with path.open("rb") as fh:
        for _ in ijson.parse(fh):
            pass
    python_loop = time.perf_counter() - started
    started = time.perf_counter()
    with path.open("rb") as fh:
        collections.deque(ijson.basic_parse(fh), maxlen=0)
    return python_loop, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=int, default=200, help="minimum file size in MB")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--no-tracemalloc", action="store_true", help="skip the second import")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="offer-bench-"))
    os.environ["DJANGO_DEBUG"] = "true"
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
    os.environ.pop("REDIS_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    try:
        path = tmp / "AmazonRDS-index.json"
        started = time.perf_counter()
        size = Writer(path).write(args.mb * 1_000_000)
        mb = size / 1e6
        print(f"wrote {path.name}: {mb:.1f} MB in {time.perf_counter() - started:.1f} s")
        if size < args.mb * 1_000_000:
            raise SystemExit(f"file is only {mb:.1f} MB; the writer's size estimate is off")

        python_loop, c_drain = bare_parse(path)
        print(f"bare parse, ijson.parse events in a Python loop: {python_loop:.2f} s "
              f"({mb / python_loop:.1f} MB/s)")  # fmt: skip
        print(f"bare parse, ijson.basic_parse drained in C:      {c_drain:.2f} s "
              f"({mb / c_drain:.1f} MB/s)")  # fmt: skip

        import django

        django.setup()
        from django.core.management import call_command

        from catalog.management.commands.import_aws_offer import import_offers

        call_command("migrate", verbosity=0)
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        result = import_offers([path], label="bench-1")
        seconds = time.perf_counter() - started
        rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        stats = result.files[0]
        print(f"import: {result.prices} prices from {stats.priced_skus} of {stats.products} "
              f"SKUs in {seconds:.2f} s = {mb / seconds:.1f} MB/s")  # fmt: skip
        print(f"  skipped: {dict(stats.skipped)}; ambiguous: {len(stats.ambiguous)}")
        print(f"  ratio to the bare parse: {seconds / python_loop:.2f}x (Python event loop), "
              f"{seconds / c_drain:.2f}x (C drain)")  # fmt: skip
        print(f"  peak RSS growth during the import (ru_maxrss delta): "
              f"{(rss_after - rss_before) / 1024:.1f} MB (process peak {rss_after / 1024:.1f} MB)")  # fmt: skip

        if not args.no_tracemalloc:
            tracemalloc.start()
            import_offers([path], label="bench-2")
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            print(f"  tracemalloc peak of Python allocations during an import: {peak / 1e6:.1f} MB")
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
