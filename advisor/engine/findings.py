"""Rule ids and the sources they rest on: every finding the engine makes is listed here.

A rule's id is stable (clients and saved reports refer to it); its source is the AWS page the
fact comes from (../shared/data/domain-facts.md, by fact id). Thresholds marked "ours" in
the service modules are our derivations from those facts, not AWS numbers.
"""

from __future__ import annotations

from functools import lru_cache

from .model import SEVERITIES, Finding

# Source keys of domain-facts.md, plus the SLA and best-practice pages a few rules cite.
SOURCES = {
    "G-DECIDE": "https://docs.aws.amazon.com/decision-guides/latest/databases-on-aws-how-to-choose/databases-on-aws-how-to-choose.html",
    "G-NOSQL": "https://docs.aws.amazon.com/whitepapers/latest/choosing-an-aws-nosql-database/decision-making.html",
    "G-DR": "https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/introduction.html",
    "G-MIGSTRAT": "https://docs.aws.amazon.com/prescriptive-guidance/latest/strategy-database-migration/choose-strategy.html",
    "G-TOOLKIT": "https://github.com/aws/agent-toolkit-for-aws/tree/main/skills/core-skills/aws-database/assets",
    "RDS-STORAGE": "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_Storage.html",
    "RDS-INCSTOR": "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PIOPS.ModifyingExisting.html",
    "RDS-AUTOSCALE": "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PIOPS.StorageTypes.html#USER_PIOPS.Autoscaling",
    "RDS-MAZI": "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZSingleStandby.html",
    "RDS-MAZC": "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/multi-az-db-clusters-concepts.html",
    "RDS-MAZC-LIM": "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/multi-az-db-clusters-concepts.Limitations.html",
    "RDS-MAZC-ENG": "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.RDS_Fea_Regions_DB-eng.Feature.MultiAZDBClusters.html",
    "RDS-RR": "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.html",
    "RDS-RR-API": "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstanceReadReplica.html",
    "RDS-BACKUP": "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html",
    "RDS-PITR": "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PIT.html",
    "RDS-SNAP": "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_RestoreFromSnapshot.html",
    "RDS-XRBACKUP": "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReplicateBackups.html",
    "RDS-ORA-LIC": "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Oracle.Concepts.Licensing.html",
    "RDS-ORA-RR": "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/oracle-read-replicas.limitations.html",
    "RDS-SQL-RR": "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/SQLServer.ReadReplicas.html",
    "RDS-BP": "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_BestPractices.html",
    "RDS-CLASSES": "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.DBInstanceClass.Types.html",
    "RDS-SLA": "https://aws.amazon.com/rds/sla/",
    "AUR-STORAGE": "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.Overview.StorageReliability.html",
    "AUR-REPL": "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.Replication.html",
    "AUR-HA": "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.AuroraHighAvailability.html",
    "AUR-SV2": "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-serverless-v2.how-it-works.html",
    "AUR-SV2-API": "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ServerlessV2ScalingConfiguration.html",
    "AUR-PAUSE": "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-serverless-v2-auto-pause.html",
    "AUR-GDB": "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database.html",
    "AUR-GDB-DR": "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-disaster-recovery.html",
    "AUR-MM": "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-multi-master.html",
    "AUR-LIMITLESS": "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/limitless-managing.html",
    "AUR-SLA": "https://aws.amazon.com/rds/aurora/sla/",
    "DSQL": "https://docs.aws.amazon.com/aurora-dsql/latest/userguide/what-is-aurora-dsql.html",
    "EC-ENGINE": "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/SelectEngine.html",
    "EC-GDS": "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Redis-Global-Datastore.html",
    "EC-SLSCONF": "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/RedisConfiguration.html",
    "EC-PRICE": "https://aws.amazon.com/elasticache/pricing/",
    "EC-SHARDS": "https://docs.aws.amazon.com/AmazonElastiCache/latest/red-ug/Replication.Redis-RedisCluster.html",
    "EC-FAILOVER": "https://docs.aws.amazon.com/AmazonElastiCache/latest/red-ug/AutoFailover.html",
    "EC-MEMORY": "https://docs.aws.amazon.com/AmazonElastiCache/latest/red-ug/redis-memory-management.html",
    "EC-SLA": "https://aws.amazon.com/elasticache/sla/",
    "DDB-QUOTA": "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html",
    "DDB-PK": "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-partition-key-design.html",
    "DDB-CAP": "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/capacity-mode.html",
    "DDB-WARM": "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/warm-throughput.html",
    "DDB-PREWARM": "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/pre-warming-on-demand-capacity-mode.html",
    "DDB-COSTMODE": "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CostOptimization_TableCapacityMode.html",
    "DDB-COSTCLASS": "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CostOptimization_TableClass.html",
    "DDB-GT": "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GlobalTables.html",
    "DDB-GT-PG": "https://docs.aws.amazon.com/prescriptive-guidance/latest/dynamodb-global-tables/overview.html",
    "DDB-PITR": "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery_Howitworks.html",
    "DDB-TTL": "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/howitworks-ttl.html",
    "DDB-STREAMS": "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html",
    "DDB-DAX": "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DAX.consistency.html",
    "DDB-READ": "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.ReadConsistency.html",
    "DDB-LARGE": "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-use-s3-too.html",
    "DMS-WELCOME": "https://docs.aws.amazon.com/dms/latest/userguide/Welcome.html",
    "DMS-HOW": "https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Introduction.HighLevelView.html",
    "DMS-SIZE": "https://docs.aws.amazon.com/dms/latest/userguide/CHAP_BestPractices.SizingReplicationInstance.html",
    "DMS-RI": "https://docs.aws.amazon.com/dms/latest/userguide/CHAP_ReplicationInstance.html",
    "DMS-HOMO": "https://docs.aws.amazon.com/dms/latest/userguide/dm-data-providers-target.html",
    "DMS-LOB": "https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Tasks.LOBSupport.html",
    "SCT": "https://docs.aws.amazon.com/SchemaConversionTool/latest/userguide/CHAP_Welcome.html",
    "SCT-CASSANDRA": "https://docs.aws.amazon.com/SchemaConversionTool/latest/userguide/agents.cassandra.html",
    "DMS-S3": "https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Source.S3.html",
    "DMS-MONGODB": "https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Source.MongoDB.html",
    "PRICING": "https://aws.amazon.com/pricing/",
    "RDS-RI": "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithReservedDBInstances.html",
    "EC-RI": "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/CacheNodes.Reserved.html",
    "DDB-RESERVED": "https://aws.amazon.com/dynamodb/pricing/provisioned/",
    "DOCDB-MIG": "https://docs.aws.amazon.com/documentdb/latest/devguide/docdb-migration-runbook.html",
}
# Relational sources looked up beyond domain-facts.md (the rds/aurora/sizing rules below).
SOURCES.update({
    # Replaces RDS-RR-07's "unverified": SQL Server cross-Region read replicas are offered.
    "RDS-XRR-ENG": "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.RDS_Fea_Regions_DB-eng.Feature.CrossRegionReadReplicas.html",
    # Scale limits: Standard Edition's buffer pool is at most 128 GB, Web's 64 GB (2016-2022).
    "RDS-SQL-PRICE": "https://aws.amazon.com/rds/sqlserver/pricing/",
    "RDS-SQL-MAZ": "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_SQLServerMultiAZ.html",
    "SQLSERVER-EDITIONS": "https://learn.microsoft.com/en-us/sql/sql-server/editions-and-components-of-sql-server-2022#scale-limits",
    "PRICING-TRANSFER": "https://aws.amazon.com/rds/pricing/#Data_Transfer",
})  # fmt: skip

# rule id -> (source key, fact ids of domain-facts.md it rests on)
RULES: dict[str, tuple[str, tuple[str, ...]]] = {
    # hard constraints
    "constraint.excluded": ("G-DECIDE", ()),
    "constraint.engine_kept": ("G-MIGSTRAT", ("SEL-04",)),
    "constraint.mariadb_not_aurora": ("G-TOOLKIT", ("RDS-ENG-04",)),
    "constraint.engine_not_in_aurora": ("G-TOOLKIT", ("SEL-05",)),
    "constraint.item_over_400kb": ("DDB-QUOTA", ("DDB-LIM-01",)),
    "constraint.joins_on_key_value": ("G-TOOLKIT", ("SEL-03",)),
    "constraint.storage_beyond_max": ("RDS-INCSTOR", ("RDS-STO-02", "AUR-02")),
    "constraint.aurora_storage_max": ("AUR-STORAGE", ("AUR-02",)),
    "constraint.memcached_not_durable": ("EC-ENGINE", ("EC-02", "EC-03")),
    "constraint.cache_not_primary": ("G-DECIDE", ("SEL-01",)),
    "constraint.active_active_single_writer": ("RDS-RR", ("RDS-RR-01",)),
    "constraint.aurora_multi_master_retired": ("AUR-MM", ("AUR-10", "SEL-06")),
    "constraint.global_datastore_single_writer": ("EC-GDS", ("EC-07", "SEL-07")),
    "constraint.sub_ms_needs_memory": ("G-NOSQL", ("SEL-02",)),
    "constraint.license_not_offered": ("RDS-ORA-LIC", ("RDS-ENG-01", "RDS-ENG-03")),
    "constraint.not_priced": ("PRICING", ()),
    "constraint.writes_beyond_one_writer": ("AUR-LIMITLESS", ("AUR-12",)),
    "constraint.relaxed": ("G-DR", ("DR-01",)),
    # model fit
    "model.relational_on_dynamodb": ("G-TOOLKIT", ("SEL-03",)),
    "model.key_value_on_relational": ("G-DECIDE", ("SEL-01",)),
    "model.engine_default": ("G-TOOLKIT", ("SEL-05",)),
    "model.refactor": ("G-MIGSTRAT", ("SEL-04", "SEL-05")),
    # workload quantities
    "workload.average_assumed": ("DDB-COSTMODE", ("DDB-CAP-02",)),
    "workload.working_set_assumed": ("RDS-BP", ()),
    "workload.iops_assumed": ("RDS-STORAGE", ("RDS-STO-06",)),
    "workload.growth": ("RDS-AUTOSCALE", ("RDS-STO-10",)),
    # instance sizing
    "sizing.instance_class": ("RDS-BP", ()),
    "sizing.burstable": ("RDS-CLASSES", ()),
    "sizing.largest_class": ("RDS-CLASSES", ()),
    "sizing.read_replicas": ("RDS-RR", ("RDS-RR-02",)),
    # RDS
    "rds.deployment": ("RDS-MAZI", ("RDS-HA-01", "RDS-HA-02")),
    "rds.multi_az_cluster": ("RDS-MAZC", ("RDS-HA-03", "RDS-HA-04")),
    "rds.cluster_limits": ("RDS-MAZC-LIM", ("RDS-HA-05", "RDS-STO-11")),
    "rds.failover_time": ("RDS-MAZI", ("RDS-HA-01", "DR-03")),
    "rds.storage": ("RDS-STORAGE", ("RDS-STO-05", "RDS-STO-06", "RDS-STO-07", "RDS-STO-08")),
    "rds.storage_autoscaling": ("RDS-AUTOSCALE", ("RDS-STO-10",)),
    "rds.backup": ("RDS-BACKUP", ("RDS-BK-01", "RDS-BK-04")),
    "rds.pitr": ("RDS-PITR", ("RDS-BK-02", "RDS-BK-03")),
    "rds.replica_edition": ("RDS-SQL-RR", ("RDS-RR-04", "RDS-RR-05")),
    "rds.cross_region_dr": ("RDS-XRBACKUP", ("RDS-RR-06", "RDS-RR-07", "RDS-RR-08", "DR-03")),
    "rds.license": ("RDS-ORA-LIC", ("RDS-ENG-01", "RDS-ENG-03")),
    # Aurora
    "aurora.capacity": ("AUR-SV2", ("AUR-06",)),
    "aurora.acu_range": ("AUR-SV2-API", ("AUR-06",)),
    "aurora.auto_pause": ("AUR-PAUSE", ("AUR-07",)),
    "aurora.storage_config": ("AUR-STORAGE", ("AUR-05",)),
    "aurora.replicas": ("AUR-HA", ("AUR-03", "AUR-04")),
    "aurora.global_database": ("AUR-GDB", ("AUR-08", "AUR-09")),
    "aurora.backup": ("AUR-HA", ("AUR-13", "AUR-01")),
    # DynamoDB
    "dynamodb.capacity_units": ("DDB-QUOTA", ("DDB-CU-01", "DDB-CU-02")),
    "dynamodb.read_consistency": ("DDB-READ", ("DDB-CU-03",)),
    "dynamodb.partitions": ("DDB-PK", ("DDB-LIM-02", "DDB-LIM-06")),
    "dynamodb.quota": ("DDB-QUOTA", ("DDB-CAP-05",)),
    "dynamodb.warm_throughput": ("DDB-WARM", ("DDB-CAP-03", "DDB-CAP-04")),
    "dynamodb.capacity_mode": ("DDB-COSTMODE", ("DDB-CAP-01", "DDB-CAP-02")),
    "dynamodb.table_class": ("DDB-COSTCLASS", ("DDB-TC-01", "DDB-TC-02")),
    "dynamodb.large_items": ("DDB-LARGE", ("DDB-LIM-01",)),
    "dynamodb.s3_not_priced": ("DDB-LARGE", ("DDB-LIM-01",)),
    "dynamodb.pitr": ("DDB-PITR", ("DDB-BK-01", "DDB-BK-02")),
    "dynamodb.ttl": ("DDB-TTL", ("DDB-TTL-01",)),
    "dynamodb.streams": ("DDB-STREAMS", ("DDB-STR-01",)),
    "dynamodb.dax": ("DDB-DAX", ("DDB-DAX-01", "DDB-DAX-02")),
    "dynamodb.global_tables": ("DDB-GT", ("DDB-GT-01", "DDB-GT-03", "DDB-GT-04", "DDB-GT-05")),
    "dynamodb.transactions": ("DDB-QUOTA", ("DDB-LIM-04", "DDB-GT-06")),
    # ElastiCache
    "elasticache.engine": ("EC-ENGINE", ("EC-01", "EC-02")),
    "elasticache.deployment": ("EC-SLSCONF", ("EC-08",)),
    "elasticache.memory": ("EC-MEMORY", ()),
    "elasticache.shards": ("EC-SHARDS", ("EC-05",)),
    "elasticache.failover": ("EC-FAILOVER", ("EC-06",)),
    "elasticache.global_datastore": ("EC-GDS", ("EC-07",)),
    "elasticache.transfer_unpriced": ("EC-PRICE", ("EC-07",)),
    "elasticache.durability": ("EC-ENGINE", ("EC-04", "EC-11", "SEL-07")),
    "cache.layer": ("G-NOSQL", ("SEL-02", "EC-09")),
    "cache.stale_reads": ("DDB-DAX", ("DDB-DAX-02",)),
    # DMS
    "dms.migration_type": ("DMS-HOW", ("DMS-01",)),
    "dms.schema_conversion": ("SCT", ("DMS-02", "DMS-03", "DMS-04")),
    "dms.instance": ("DMS-SIZE", ("DMS-05",)),
    "dms.multi_az": ("DMS-RI", ("DMS-06",)),
    "dms.lob": ("DMS-LOB", ("DMS-08",)),
    "dms.not_a_source": ("DMS-WELCOME", ("DMS-01",)),
    "dms.cassandra_agent": ("SCT-CASSANDRA", ()),
    "dms.remodel": ("G-MIGSTRAT", ("DMS-02", "DMS-04")),
    # targets across services
    "availability.sla": ("RDS-SLA", ("DDB-GT-02",)),
    "availability.five_nines": ("DDB-GT-PG", ("DDB-GT-02", "SEL-06")),
    "dr.rpo_zero_cross_region": ("G-DR", ("DR-03", "AUR-09", "DDB-GT-05", "SEL-06")),
    "dr.strong_across_regions": ("DDB-GT", ("DDB-GT-04", "DDB-GT-05")),
    "dr.rpo_unmet": ("G-DR", ("DR-02", "DR-03")),
    "dr.rto_unmet": ("G-DR", ("DR-02", "RDS-HA-01", "AUR-04")),
    "environment.development": ("RDS-CLASSES", ("RDS-STO-09",)),
    "ranking.fit": ("G-DECIDE", ()),
    "budget.within": ("PRICING", ()),
    "pricing.reserved": ("RDS-RI", ("DDB-CAP-01",)),
    "budget.exceeded": ("PRICING", ()),
    "budget.cheapest": ("PRICING", ()),
    "budget.none_feasible": ("PRICING", ()),
    "recommendation.none_feasible": ("G-DECIDE", ()),
    # key-value and cache review (engine-kv2): latency targets without memory in front
    "budget.levers": ("PRICING", ("RDS-HA-02", "RDS-RR-02", "DDB-GT-01", "DDB-DAX-02")),
    "dms.target_capacity": ("DDB-PREWARM", ("DDB-CU-02", "DDB-CAP-03", "DDB-CAP-07")),
    "dms.documentdb": ("DOCDB-MIG", ("DMS-03",)),
    "dynamodb.global_capacity": ("DDB-GT", ("DDB-GT-01", "DDB-CAP-08")),
    "latency.p99_unmet": (
        "G-NOSQL",
        ("SEL-01", "SEL-02", "DDB-DAX-01", "DDB-DAX-02", "RDS-STO-06"),
    ),
}
# Relational rules (rds.py, aurora.py, sizing.py).
RULES.update({
    "rds.oracle_replica_licence": ("RDS-ORA-RR", ("RDS-RR-05", "RDS-ENG-01")),
    "sizing.edition_memory": ("SQLSERVER-EDITIONS", ()),
    "constraint.edition_limit": ("SQLSERVER-EDITIONS", ()),
    "rds.edition_multi_az": ("RDS-SQL-MAZ", ("RDS-HA-01", "RDS-ENG-03")),
    "rds.transfer_unpriced": ("PRICING-TRANSFER", ()),
})  # fmt: skip

# Rules whose source depends on the service (SLA pages per service).
SLA_SOURCES = {
    "rds": "RDS-SLA",
    "aurora": "AUR-SLA",
    "dynamodb": "DDB-GT-PG",
    "elasticache": "EC-SLA",
}


# Each rule's source address, looked up once: the engine makes some thirty findings an answer.
RULE_SOURCES = {rule: SOURCES[key] for rule, (key, _facts) in RULES.items()}


def finding(
    rule: str, severity: str, message: str, *cites: str, source_key: str | None = None
) -> Finding:
    """A Finding for a registered rule, carrying the rule's source address."""
    assert severity in SEVERITIES, severity
    return _made(rule, severity, message, cites, source_key)


def info(rule: str, message: str, *cites: str, source_key: str | None = None) -> Finding:
    return _made(rule, "info", message, cites, source_key)


def warning(rule: str, message: str, *cites: str, source_key: str | None = None) -> Finding:
    return _made(rule, "warning", message, cites, source_key)


def risk(rule: str, message: str, *cites: str, source_key: str | None = None) -> Finding:
    return _made(rule, "risk", message, cites, source_key)


# Findings are immutable values, so one is shared by every answer that makes the same one:
# most of an answer's thirty are the same sentence as in the answer before (a fixed text, or
# the same numbers), and looking one up costs a fraction of building a frozen dataclass.
@lru_cache(maxsize=2048)
def _made(rule: str, severity: str, message: str, cites: tuple, source_key: str | None):
    source = RULE_SOURCES[rule]  # a KeyError names a rule missing from RULES
    if source_key is not None:
        source = SOURCES[source_key]
    return Finding(rule, severity, message, source, cites)
