"""The configuration of each service, as API.md's `config` objects, and its usage inputs.

Pure Python. The engine produces these; the estimator prices them; the estimates API parses
them from JSON with `config_from_json` / `usage_from_json`, which report every bad field by
name (ConfigInvalid.fields) rather than stopping at the first.

Field names and values are fixed by API.md; fields beyond it (`pricing_term`,
`storage_throughput_mibps`, ...) are additions the contract allows.
"""

from __future__ import annotations

from dataclasses import MISSING, dataclass, fields
from decimal import Decimal, InvalidOperation
from typing import Any, get_type_hints

SERVICES = ("rds", "aurora", "dynamodb", "elasticache", "dms")

RDS_ENGINES = ("mysql", "postgresql", "mariadb", "oracle", "sqlserver")
RDS_EDITIONS = {"oracle": ("se2", "ee"), "sqlserver": ("ex", "web", "se", "ee")}
LICENSE_MODELS = ("license_included", "bring_your_own")
RDS_DEPLOYMENTS = ("single_az", "multi_az_instance", "multi_az_cluster")
RDS_STORAGE_TYPES = ("gp2", "gp3", "io1", "io2", "magnetic")
CROSS_REGION_DR = ("none", "read_replica", "mounted_replica", "backup_replication", "snapshot_copy")
AURORA_ENGINES = ("aurora-mysql", "aurora-postgresql")
AURORA_CAPACITY = ("provisioned", "serverless_v2")
AURORA_STORAGE = ("standard", "io_optimized")
DDB_CAPACITY_MODES = ("on_demand", "provisioned")
DDB_TABLE_CLASSES = ("standard", "standard_ia")
DDB_READ_CONSISTENCY = ("eventual", "strong")
DDB_GT_CONSISTENCY = ("eventual", "strong")
CACHE_ENGINES = ("redis", "valkey", "memcached")
CACHE_DEPLOYMENTS = ("node_based", "serverless")
DMS_SOURCE_ENGINES = (
    "mysql", "postgresql", "mariadb", "oracle", "sqlserver", "mongodb", "cassandra", "redis",
)  # fmt: skip
SCHEMA_CONVERSION = ("none", "sct", "dms_schema_conversion")
MIGRATION_TYPES = ("full_load", "full_load_and_cdc", "cdc_only")
PRICING_TERMS = (
    "on_demand",
    "1yr_no_upfront",
    "1yr_partial_upfront",
    "1yr_all_upfront",
    "3yr_no_upfront",
    "3yr_partial_upfront",
    "3yr_all_upfront",
)


class ConfigInvalid(ValueError):
    """Bad configuration or usage input; `fields` maps each field to its messages."""

    def __init__(self, fields: dict[str, list[str]], message: str = "") -> None:
        self.fields = fields
        self.message = message or "; ".join(f"{k}: {', '.join(v)}" for k, v in fields.items())
        super().__init__(self.message)


def _choices(*values: str) -> dict:
    return {"choices": values}


# ----- configurations --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RdsConfig:
    engine: str
    instance_class: str
    edition: str | None = None
    license_model: str = "license_included"
    deployment: str = "single_az"
    storage_type: str = "gp3"
    allocated_storage_gb: int = 20
    provisioned_iops: int | None = None
    storage_throughput_mibps: int | None = None  # gp3 only; None: the baseline
    storage_autoscaling_max_gb: int | None = None
    read_replicas: int = 0
    cross_region_dr: str = "none"
    dr_regions: tuple[str, ...] = ()
    backup_retention_days: int = 7
    pitr: bool = True
    encrypted: bool = True
    pricing_term: str = "on_demand"


@dataclass(frozen=True, slots=True)
class AuroraConfig:
    engine: str
    capacity: str = "provisioned"
    instance_class: str | None = None
    min_acu: Decimal | None = None
    max_acu: Decimal | None = None
    writer_topology: str = "single_writer"
    replicas: int = 0
    multi_az: bool = False
    storage_config: str = "standard"
    global_database: bool = False
    secondary_regions: tuple[str, ...] = ()
    backup_retention_days: int = 7
    pitr: bool = True
    encrypted: bool = True


@dataclass(frozen=True, slots=True)
class DaxConfig:
    node_type: str
    nodes: int = 3


@dataclass(frozen=True, slots=True)
class DynamoDBConfig:
    capacity_mode: str = "on_demand"
    read_capacity_units: int | None = None
    write_capacity_units: int | None = None
    autoscaling: bool = False
    table_class: str = "standard"
    read_consistency: str = "eventual"
    transactions: bool = False
    dax: DaxConfig | None = None
    global_tables: bool = False
    replica_regions: tuple[str, ...] = ()
    global_tables_consistency: str | None = None
    large_items_in_s3: bool = False
    pitr: bool = False
    ttl: bool = False
    streams: bool = False
    reserved_capacity: bool = False  # 1-year reserved RCU/WCU for the provisioned baseline


@dataclass(frozen=True, slots=True)
class ElastiCacheConfig:
    engine: str = "valkey"
    deployment: str = "node_based"
    node_type: str | None = None
    shards: int = 1
    replicas_per_shard: int = 0
    cluster_mode: bool = False
    multi_az: bool = False
    automatic_failover: bool = False
    global_datastore: bool = False
    secondary_regions: tuple[str, ...] = ()
    snapshot_retention_days: int = 0
    pricing_term: str = "on_demand"


@dataclass(frozen=True, slots=True)
class DmsConfig:
    source_engine: str
    target_engine: str
    replication_instance_class: str = "dms.t3.medium"
    homogeneous: bool = True
    schema_conversion: str = "none"
    migration_type: str = "full_load"
    multi_az: bool = False
    estimated_full_load_hours: Decimal = Decimal(0)
    allocated_storage_gb: int = 50


# ----- usage ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RdsUsage:
    hours_per_month: Decimal = Decimal(730)
    backup_storage_gb: Decimal = Decimal(0)
    io_requests_per_month: Decimal = Decimal(0)  # magnetic storage only
    replication_transfer_gb_per_month: Decimal = Decimal(0)  # to each DR Region


@dataclass(frozen=True, slots=True)
class AuroraUsage:
    hours_per_month: Decimal = Decimal(730)
    storage_gb: Decimal = Decimal(0)
    io_requests_per_month: Decimal = Decimal(0)
    avg_acu: Decimal | None = None
    backup_storage_gb: Decimal = Decimal(0)
    replicated_write_ios_per_month: Decimal = Decimal(0)
    replication_transfer_gb_per_month: Decimal = Decimal(0)  # to each secondary Region


@dataclass(frozen=True, slots=True)
class DynamoDBUsage:
    storage_gb: Decimal = Decimal(0)
    read_request_units_per_month: Decimal = Decimal(0)
    write_request_units_per_month: Decimal = Decimal(0)
    backup_storage_gb: Decimal = Decimal(0)
    pitr_storage_gb: Decimal | None = None  # None: storage_gb when pitr
    stream_read_request_units_per_month: Decimal = Decimal(0)
    hours_per_month: Decimal = Decimal(730)
    replication_transfer_gb_per_month: Decimal = Decimal(0)  # to each replica Region
    # Active-active: writes start in every Region (an even share each), so each Region ships
    # its share to every other at its own rate; otherwise all of it leaves the primary.
    replication_from_every_region: bool = False


@dataclass(frozen=True, slots=True)
class ElastiCacheUsage:
    hours_per_month: Decimal = Decimal(730)
    avg_data_gb: Decimal = Decimal(0)
    ecpu_per_month: Decimal = Decimal(0)
    backup_storage_gb: Decimal = Decimal(0)


@dataclass(frozen=True, slots=True)
class DmsUsage:
    hours: Decimal = Decimal(0)
    storage_gb: Decimal = Decimal(0)


CONFIG_TYPES = {
    "rds": RdsConfig,
    "aurora": AuroraConfig,
    "dynamodb": DynamoDBConfig,
    "elasticache": ElastiCacheConfig,
    "dms": DmsConfig,
}
USAGE_TYPES = {
    "rds": RdsUsage,
    "aurora": AuroraUsage,
    "dynamodb": DynamoDBUsage,
    "elasticache": ElastiCacheUsage,
    "dms": DmsUsage,
}

# Allowed values per field, checked by the JSON parser (the estimator checks combinations).
CHOICES: dict[str, dict[str, tuple]] = {
    "rds": {
        "engine": RDS_ENGINES,
        "edition": ("se2", "ee", "ex", "web", "se"),
        "license_model": LICENSE_MODELS,
        "deployment": RDS_DEPLOYMENTS,
        "storage_type": RDS_STORAGE_TYPES,
        "cross_region_dr": CROSS_REGION_DR,
        "pricing_term": PRICING_TERMS,
    },
    "aurora": {
        "engine": AURORA_ENGINES,
        "capacity": AURORA_CAPACITY,
        "writer_topology": ("single_writer",),
        "storage_config": AURORA_STORAGE,
    },
    "dynamodb": {
        "capacity_mode": DDB_CAPACITY_MODES,
        "table_class": DDB_TABLE_CLASSES,
        "read_consistency": DDB_READ_CONSISTENCY,
        "global_tables_consistency": DDB_GT_CONSISTENCY,
    },
    "elasticache": {
        "engine": CACHE_ENGINES,
        "deployment": CACHE_DEPLOYMENTS,
        "pricing_term": PRICING_TERMS,
    },
    "dms": {
        "source_engine": DMS_SOURCE_ENGINES,
        "target_engine": (*RDS_ENGINES, *AURORA_ENGINES, "dynamodb", "elasticache", "valkey"),
        "schema_conversion": SCHEMA_CONVERSION,
        "migration_type": MIGRATION_TYPES,
    },
}

# Upper bounds that keep arithmetic sane; real limits are checked by the estimator/engine.
_MAX_INT = 10**9


# ----- JSON <-> dataclass -------------------------------------------------------------------


def config_from_json(service: str, data: Any) -> Any:
    if service not in CONFIG_TYPES:
        raise ConfigInvalid({"service": [f"must be one of {', '.join(SERVICES)}"]})
    return _from_json(CONFIG_TYPES[service], data, CHOICES[service], prefix="config")


def usage_from_json(service: str, data: Any) -> Any:
    return _from_json(USAGE_TYPES[service], data if data is not None else {}, {}, prefix="usage")


def to_json(obj: Any) -> Any:
    """A config or usage as API.md's JSON: Decimals as numbers-in-strings are not used here,
    because configs carry sizes and counts, not money; tuples become lists."""
    if obj is None:
        return None
    if hasattr(obj, "__dataclass_fields__"):
        return {f.name: to_json(getattr(obj, f.name)) for f in fields(obj)}
    if isinstance(obj, tuple | list):
        return [to_json(v) for v in obj]
    if isinstance(obj, Decimal):
        return int(obj) if obj == obj.to_integral_value() else float(obj)
    return obj


def _from_json(cls: type, data: Any, choices: dict[str, tuple], prefix: str) -> Any:
    if not isinstance(data, dict):
        raise ConfigInvalid({prefix: ["must be a JSON object"]})
    hints = get_type_hints(cls)
    known = {f.name: f for f in fields(cls)}
    errors: dict[str, list[str]] = {}
    values: dict[str, Any] = {}
    for name in data:
        if name not in known:
            errors.setdefault(f"{prefix}.{name}", []).append("unknown field")
    for name, f in known.items():
        path = f"{prefix}.{name}"
        if name not in data:
            if f.default is MISSING and f.default_factory is MISSING:
                errors.setdefault(path, []).append("is required")
            continue
        try:
            value = _coerce(hints[name], data[name], path)
        except ConfigInvalid as exc:
            for k, v in exc.fields.items():
                errors.setdefault(k, []).extend(v)
            continue
        allowed = choices.get(name)
        if allowed and value is not None and value not in allowed:
            errors.setdefault(path, []).append(f"must be one of {', '.join(allowed)}")
            continue
        values[name] = value
    if errors:
        raise ConfigInvalid(errors)
    return cls(**values)


def _coerce(hint: Any, value: Any, path: str) -> Any:  # noqa: C901 - one branch per JSON type
    text = str(hint)
    optional = "None" in text
    if value is None:
        if optional:
            return None
        raise ConfigInvalid({path: ["may not be null"]})
    if hint is DaxConfig or "DaxConfig" in text:
        return _from_json(DaxConfig, value, {}, prefix=path)
    if "tuple" in text:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigInvalid({path: ["must be a list of strings"]})
        return tuple(value)
    if "bool" in text:
        if not isinstance(value, bool):
            raise ConfigInvalid({path: ["must be true or false"]})
        return value
    if "int" in text:
        # JSON numbers arrive as int, Decimal (parse_float=Decimal) or float (NaN, Infinity):
        # compare as Decimal, so that NaN or 1e999999999 is a field error, never a crash.
        if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
            raise ConfigInvalid({path: ["must be a whole number"]})
        number = Decimal(value) if isinstance(value, int | Decimal) else Decimal(str(value))
        if not number.is_finite() or number != number.to_integral_value():
            raise ConfigInvalid({path: ["must be a whole number"]})
        if not 0 <= number <= _MAX_INT:
            raise ConfigInvalid({path: [f"must be between 0 and {_MAX_INT}"]})
        return int(number)
    if "Decimal" in text:
        if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
            raise ConfigInvalid({path: ["must be a number"]})
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            raise ConfigInvalid({path: ["must be a number"]}) from None
        if not number.is_finite() or number < 0:
            raise ConfigInvalid({path: ["must be a number at least 0"]})
        if number > Decimal(10) ** 15:
            raise ConfigInvalid({path: ["is too large"]})
        return number
    if "str" in text:
        if not isinstance(value, str):
            raise ConfigInvalid({path: ["must be a string"]})
        return value
    raise ConfigInvalid({path: ["has an unsupported type"]})  # pragma: no cover
