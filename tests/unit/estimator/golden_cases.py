"""About twenty representative configurations whose rendered estimates are kept as golden files
in tests/golden/<case>.txt. A changed price or billing rule shows up as a diff of those files.
"""

from __future__ import annotations

from decimal import Decimal as D

from advisor.configs import (
    AuroraConfig,
    AuroraUsage,
    DaxConfig,
    DmsConfig,
    DmsUsage,
    DynamoDBConfig,
    DynamoDBUsage,
    ElastiCacheConfig,
    ElastiCacheUsage,
    RdsConfig,
    RdsUsage,
)

CASES = {
    "rds_mysql_single_az_gp3_small": (
        "rds", "us-east-1",
        RdsConfig(engine="mysql", instance_class="db.t4g.micro", allocated_storage_gb=20),
        RdsUsage(),
    ),
    "rds_postgresql_multi_az_gp3_provisioned": (
        "rds", "us-east-1",
        RdsConfig(engine="postgresql", instance_class="db.r6g.xlarge",
                  deployment="multi_az_instance", allocated_storage_gb=500,
                  provisioned_iops=16_000, storage_throughput_mibps=750),
        RdsUsage(backup_storage_gb=D(900)),
    ),
    "rds_postgresql_multi_az_cluster_io1": (
        "rds", "eu-west-1",
        RdsConfig(engine="postgresql", instance_class="db.m6gd.xlarge",
                  deployment="multi_az_cluster", storage_type="io1", allocated_storage_gb=400,
                  provisioned_iops=8_000),
        RdsUsage(),
    ),
    "rds_mysql_replicas_and_cross_region_dr": (
        "rds", "us-east-1",
        RdsConfig(engine="mysql", instance_class="db.m7g.large", deployment="multi_az_instance",
                  allocated_storage_gb=200, read_replicas=2, cross_region_dr="read_replica",
                  dr_regions=("us-west-2",)),
        RdsUsage(backup_storage_gb=D(800)),
    ),
    "rds_oracle_ee_byol_gp3_mounted_replica": (
        "rds", "eu-central-1",
        RdsConfig(engine="oracle", edition="ee", license_model="bring_your_own",
                  instance_class="db.r5.xlarge", deployment="multi_az_instance",
                  allocated_storage_gb=250, provisioned_iops=15_000,
                  cross_region_dr="mounted_replica", dr_regions=("eu-west-1",)),
        RdsUsage(),
    ),
    "rds_sqlserver_se_io2_backup_replication": (
        "rds", "us-east-1",
        RdsConfig(engine="sqlserver", edition="se", instance_class="db.m5.xlarge",
                  deployment="multi_az_instance", storage_type="io2", allocated_storage_gb=300,
                  provisioned_iops=6_000, cross_region_dr="backup_replication",
                  dr_regions=("us-east-2",)),
        RdsUsage(backup_storage_gb=D(450)),
    ),
    "rds_mariadb_magnetic_legacy": (
        "rds", "ap-northeast-2",
        RdsConfig(engine="mariadb", instance_class="db.t3.medium", storage_type="magnetic",
                  allocated_storage_gb=100),
        RdsUsage(io_requests_per_month=D(40_000_000)),
    ),
    "rds_postgresql_reserved_3yr_partial": (
        "rds", "eu-west-2",
        RdsConfig(engine="postgresql", instance_class="db.m6g.xlarge",
                  deployment="multi_az_instance", allocated_storage_gb=100,
                  pricing_term="3yr_partial_upfront"),
        RdsUsage(),
    ),
    "aurora_mysql_standard_io_heavy": (
        "aurora", "us-east-1",
        AuroraConfig(engine="aurora-mysql", instance_class="db.r6g.2xlarge", replicas=1,
                     multi_az=True),
        AuroraUsage(storage_gb=D(800), io_requests_per_month=D(1_200_000_000),
                    backup_storage_gb=D(1_000)),
    ),
    "aurora_mysql_io_optimized_same_workload": (
        "aurora", "us-east-1",
        AuroraConfig(engine="aurora-mysql", instance_class="db.r6g.2xlarge", replicas=1,
                     multi_az=True, storage_config="io_optimized"),
        AuroraUsage(storage_gb=D(800), io_requests_per_month=D(1_200_000_000),
                    backup_storage_gb=D(1_000)),
    ),
    "aurora_postgresql_serverless_v2": (
        "aurora", "eu-west-1",
        AuroraConfig(engine="aurora-postgresql", capacity="serverless_v2", min_acu=D("0.5"),
                     max_acu=D(16), replicas=1),
        AuroraUsage(avg_acu=D("3.5"), storage_gb=D(120), io_requests_per_month=D(90_000_000)),
    ),
    "aurora_postgresql_global": (
        "aurora", "us-east-1",
        AuroraConfig(engine="aurora-postgresql", instance_class="db.r7g.large", replicas=1,
                     multi_az=True, global_database=True,
                     secondary_regions=("eu-west-1", "ap-southeast-1")),
        AuroraUsage(storage_gb=D(1_000), io_requests_per_month=D(500_000_000),
                    replicated_write_ios_per_month=D(150_000_000),
                    replication_transfer_gb_per_month=D(60)),
    ),
    "dynamodb_on_demand_standard": (
        "dynamodb", "us-east-1",
        DynamoDBConfig(pitr=True, streams=True, ttl=True),
        DynamoDBUsage(storage_gb=D(230), read_request_units_per_month=D(400_000_000),
                      write_request_units_per_month=D(90_000_000),
                      stream_read_request_units_per_month=D(90_000_000)),
    ),
    "dynamodb_provisioned_reserved_dax": (
        "dynamodb", "eu-west-1",
        DynamoDBConfig(capacity_mode="provisioned", read_capacity_units=1_250,
                       write_capacity_units=420, reserved_capacity=True,
                       dax=DaxConfig(node_type="dax.r5.large", nodes=3)),
        DynamoDBUsage(storage_gb=D(60), backup_storage_gb=D(120)),
    ),
    "dynamodb_standard_ia_global_tables": (
        "dynamodb", "us-east-1",
        DynamoDBConfig(table_class="standard_ia", global_tables=True,
                       replica_regions=("us-west-2", "eu-west-1"), pitr=True),
        DynamoDBUsage(storage_gb=D(2_000), read_request_units_per_month=D(30_000_000),
                      write_request_units_per_month=D(12_000_000),
                      replication_transfer_gb_per_month=D(15)),
    ),
    "elasticache_valkey_cluster_multi_az": (
        "elasticache", "us-east-1",
        ElastiCacheConfig(engine="valkey", node_type="cache.r7g.large", shards=3,
                          replicas_per_shard=1, cluster_mode=True, multi_az=True,
                          automatic_failover=True, snapshot_retention_days=7),
        ElastiCacheUsage(avg_data_gb=D(30), backup_storage_gb=D(210)),
    ),
    "elasticache_redis_reserved_global_datastore": (
        "elasticache", "us-east-1",
        ElastiCacheConfig(engine="redis", node_type="cache.m7g.xlarge", replicas_per_shard=2,
                          multi_az=True, automatic_failover=True, global_datastore=True,
                          secondary_regions=("eu-west-1",), pricing_term="1yr_partial_upfront"),
        ElastiCacheUsage(),
    ),
    "elasticache_valkey_serverless": (
        "elasticache", "eu-west-1",
        ElastiCacheConfig(engine="valkey", deployment="serverless"),
        ElastiCacheUsage(avg_data_gb=D("0.05"), ecpu_per_month=D(1_500_000_000)),
    ),
    "elasticache_memcached_nodes": (
        "elasticache", "ap-northeast-2",
        ElastiCacheConfig(engine="memcached", node_type="cache.m6g.large", shards=4),
        ElastiCacheUsage(),
    ),
    "dms_full_load_and_cdc_multi_az": (
        "dms", "us-east-1",
        DmsConfig(source_engine="oracle", target_engine="aurora-postgresql", homogeneous=False,
                  schema_conversion="sct", migration_type="full_load_and_cdc",
                  replication_instance_class="dms.r5.xlarge", multi_az=True,
                  allocated_storage_gb=250),
        DmsUsage(hours=D(730)),
    ),
    "dms_full_load_short": (
        "dms", "eu-west-1",
        DmsConfig(source_engine="mysql", target_engine="mysql",
                  replication_instance_class="dms.t3.large", estimated_full_load_hours=D(36)),
        DmsUsage(storage_gb=D(120)),
    ),
}  # fmt: skip
