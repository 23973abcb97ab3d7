"""Benchmark: import a synthetic AWS Price List offer file of at least 200 MB.

    .venv/bin/python bench/import_offer.py [--mb 200] [--repeat 3] [--keep]
        [--postgres URL] [--file OFFER.json] [--no-tracemalloc]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/dbadvisor .venv/bin/python bench/import_offer.py

Writes an AmazonRDS offer file in the real layout (../shared/data/offer-file-format.md) to a
temporary folder: every engine, edition and licence model, Single-AZ, Multi-AZ and Multi-AZ
DB cluster instances, Aurora Standard and I/O-Optimized, storage, IOPS (tiered io2),
throughput, I/O, backup, Serverless v2, with OnDemand and Reserved terms (six RI options per
instance SKU), plus SKUs we do not price (Extended Support, Performance Insights, foreign
data-transfer products). Prices are made up. Then, on that one file, `--repeat` rounds of:

- the bare streaming parse, two full ijson (C backend, yajl2_c) parses of the whole file, no
  mapping, no database: `ijson.basic_parse` drained in C (every JSON event, no Python per
  event: the floor any streaming import pays) and `ijson.parse` events in a Python `for`;
- the import, end to end: `import_offers` (what `manage.py import_aws_offer` runs: read,
  map, write every row, commit; timed from the call until its transaction has committed) in
  a fresh process on a fresh database: SQLite and, with `--postgres URL` or a postgres://
  DATABASE_URL, a throwaway database created on that server and dropped afterwards.

It prints, for each of these, its best wall time and its best CPU time over the rounds (the
machine may be shared: the best round is the least disturbed one), MB/s, the ratio of the
import to each bare parse, the growth of the import process's peak RSS, and (one more SQLite
import under tracemalloc) the peak of Python allocations. Production settings
(DJANGO_DEBUG=false) are used.
"""

from __future__ import annotations

import argparse
import collections
import gc
import json
import os
import resource
import secrets
import shutil
import subprocess
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


def bare_parse(path: Path) -> dict[str, tuple[float, float]]:
    """(wall, cpu) seconds of the two full parses of the file."""
    import ijson

    timings = {}
    wall, cpu = time.perf_counter(), time.process_time()
    with path.open("rb") as fh:
        collections.deque(ijson.basic_parse(fh, buf_size=256 * 1024), maxlen=0)
    timings["c_drain"] = (time.perf_counter() - wall, time.process_time() - cpu)
    wall, cpu = time.perf_counter(), time.process_time()
    with path.open("rb") as fh:
        for _ in ijson.parse(fh, buf_size=256 * 1024):
            pass
    timings["python_loop"] = (time.perf_counter() - wall, time.process_time() - cpu)
    return timings


def import_once(path: Path, database_url: str, trace: bool) -> dict:
    """In this (fresh) process: migrate the empty database, then time one import."""
    _production_settings(database_url)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from catalog.offer_import import import_offers

    call_command("migrate", verbosity=0)
    gc.collect()
    if trace:
        tracemalloc.start()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    wall, cpu = time.perf_counter(), time.process_time()
    result = import_offers([path], label="bench")  # its transaction has committed on return
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    stats = result.files[0]
    out = {
        "vendor": connection.vendor,
        "wall": wall,
        "cpu": cpu,
        "prices": result.prices,
        "priced_skus": stats.priced_skus,
        "products": stats.products,
        "skipped": dict(stats.skipped),
        "ambiguous": len(stats.ambiguous),
        "single_products_pass": stats.single_products_pass,
        "rss_growth_mb": (rss_after - rss_before) / 1024,
        "rss_peak_mb": rss_after / 1024,
    }
    if trace:
        out["tracemalloc_peak_mb"] = tracemalloc.get_traced_memory()[1] / 1e6
    connection.close()
    return out


def _production_settings(database_url: str) -> None:
    os.environ.update(
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="localhost",
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    os.environ.pop("REDIS_URL", None)


def run_import(path: Path, database_url: str, trace: bool = False) -> dict:
    """import_once in a child process: a fresh interpreter, so its peak RSS is the import's."""
    command = [sys.executable, __file__, "--import-only", str(path), "--database-url", database_url]
    done = subprocess.run(
        command + (["--trace"] if trace else []), capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"import failed ({database_url}):\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


class Databases:
    """A fresh database per import: a new SQLite file, or a new PostgreSQL database."""

    def __init__(self, tmp: Path, postgres: str | None) -> None:
        self.tmp, self.postgres, self.created = tmp, postgres, []

    def sqlite(self, n: int) -> str:
        path = self.tmp / f"bench-{n}.sqlite3"
        path.unlink(missing_ok=True)
        return f"sqlite:///{path}"

    def postgresql(self, n: int) -> str:
        import psycopg
        from psycopg.conninfo import conninfo_to_dict, make_conninfo

        name = f"offer_bench_{os.getpid()}_{n}"
        with psycopg.connect(
            make_conninfo(self.postgres, dbname="postgres"), autocommit=True
        ) as db:
            db.execute(f'DROP DATABASE IF EXISTS "{name}"')
            db.execute(f'CREATE DATABASE "{name}"')
        self.created.append(name)
        params = conninfo_to_dict(self.postgres)
        user = params.get("user", "postgres")
        password = f":{params['password']}" if params.get("password") else ""
        host, port = params.get("host", "127.0.0.1"), params.get("port", "5432")
        return f"postgres://{user}{password}@{host}:{port}/{name}"

    def drop(self) -> None:
        if not self.created:
            return
        import psycopg
        from psycopg.conninfo import make_conninfo

        with psycopg.connect(
            make_conninfo(self.postgres, dbname="postgres"), autocommit=True
        ) as db:
            for name in self.created:
                db.execute(f'DROP DATABASE IF EXISTS "{name}"')


def best(rounds: list[dict], key: str = "wall") -> dict:
    return min(rounds, key=lambda r: r[key])


def report(mb: float, parses: list[dict], imports: dict[str, list[dict]]) -> None:
    drain = min(p["c_drain"][0] for p in parses), min(p["c_drain"][1] for p in parses)
    loop = min(p["python_loop"][0] for p in parses), min(p["python_loop"][1] for p in parses)
    n = len(parses)
    print(f"\nbest of {n} round(s), wall and cpu each: wall s (cpu s)")
    print(f"bare parse A, ijson.basic_parse drained in C (full parse, every event): "
          f"{drain[0]:.2f} s ({drain[1]:.2f}) = {mb / drain[0]:.1f} MB/s")  # fmt: skip
    print(f"bare parse B, ijson.parse events in a Python for loop (full parse):     "
          f"{loop[0]:.2f} s ({loop[1]:.2f}) = {mb / loop[0]:.1f} MB/s")  # fmt: skip
    for vendor, rounds in imports.items():
        fastest = best(rounds)
        cpu = min(r["cpu"] for r in rounds)
        print(f"import into {vendor} (read, map, write, commit), {fastest['prices']} prices from "
              f"{fastest['priced_skus']} of {fastest['products']} SKUs: {fastest['wall']:.2f} s "
              f"({cpu:.2f}) = {mb / fastest['wall']:.1f} MB/s")  # fmt: skip
        print(f"  ratio to bare parse A: {fastest['wall'] / drain[0]:.2f}x wall, "
              f"{cpu / drain[1]:.2f}x cpu;  to bare parse B: {fastest['wall'] / loop[0]:.2f}x "
              f"wall, {cpu / loop[1]:.2f}x cpu")  # fmt: skip
        if vendor == "postgresql":
            print("  (cpu: this process only; PostgreSQL's own work is in the server)")
        print(f"  all rounds, wall s: {', '.join(f'{r["wall"]:.2f}' for r in rounds)}")
        print(f"  peak RSS growth during the import: {max(r['rss_growth_mb'] for r in rounds):.1f}"
              f" MB (process peak {max(r['rss_peak_mb'] for r in rounds):.1f} MB); products "
              f"parsed once: {fastest['single_products_pass']}")  # fmt: skip
    print(f"  skipped: {fastest['skipped']}; ambiguous: {fastest['ambiguous']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=int, default=200, help="minimum file size in MB")
    parser.add_argument("--repeat", type=int, default=3, help="rounds; the best is reported")
    database_url = os.environ.get("DATABASE_URL", "")
    parser.add_argument(
        "--postgres",
        default=database_url if database_url.startswith("postgres") else "",
        metavar="URL",
        help="also import into PostgreSQL on this server (default: DATABASE_URL if it is a "
        "postgres:// URL); the database it names is not touched: a throwaway one is made",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--no-tracemalloc", action="store_true", help="skip the traced import")
    parser.add_argument("--file", type=Path, help="use this offer file instead of writing one")
    parser.add_argument("--import-only", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--database-url", help=argparse.SUPPRESS)
    parser.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.import_only:
        print(json.dumps(import_once(args.import_only, args.database_url, args.trace)))
        return

    tmp = Path(tempfile.mkdtemp(prefix="offer-bench-"))
    databases = Databases(tmp, args.postgres or None)
    try:
        path = args.file or tmp / "AmazonRDS-index.json"
        if not args.file:
            started = time.perf_counter()
            Writer(path).write(args.mb * 1_000_000)
            print(f"wrote {path.name} in {time.perf_counter() - started:.1f} s")
        size = path.stat().st_size
        mb = size / 1e6
        print(f"{path.name}: {mb:.1f} MB")
        if size < args.mb * 1_000_000 and not args.file:
            raise SystemExit(f"file is only {mb:.1f} MB; the writer's size estimate is off")

        parses: list[dict] = []
        imports: dict[str, list[dict]] = collections.defaultdict(list)
        for n in range(args.repeat):
            parses.append(bare_parse(path))
            imports["sqlite"].append(run_import(path, databases.sqlite(n)))
            if databases.postgres:
                imports["postgresql"].append(run_import(path, databases.postgresql(n)))
            last = {k: f"{v[-1]['wall']:.2f} s" for k, v in imports.items()}
            print(f"round {n + 1}: parse A {parses[-1]['c_drain'][0]:.2f} s, "
                  f"parse B {parses[-1]['python_loop'][0]:.2f} s, import {last}", flush=True)  # fmt: skip
        report(mb, parses, imports)
        if not args.no_tracemalloc:
            traced = run_import(path, databases.sqlite(args.repeat), trace=True)
            print(f"  tracemalloc peak of Python allocations during a SQLite import: "
                  f"{traced['tracemalloc_peak_mb']:.1f} MB")  # fmt: skip
    finally:
        databases.drop()
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
