"""Amazon RDS (MySQL, PostgreSQL, MariaDB, Oracle, SQL Server): one option per engine asked.

Deployment from availability, RPO and RTO (RDS-HA-01..05); instance class from the working set
and throughput (sizing.py); storage type and IOPS from the I/O need (RDS-STO-05..08); storage
autoscaling ceiling from growth (RDS-STO-10); backups and PITR (RDS-BK-01..03); cross-Region DR
from the multi-Region RPO and RTO (RDS-RR-06..08, DR-03).
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from advisor.configs import RdsConfig, RdsUsage
from advisor.estimator.rds_rules import gp3_baseline, gp3_striped_from
from advisor.questionnaire import Workload
from catalog.pricebook import PriceBook, PriceKey

from .availability import sla
from .derived import Derived, ceil, choice, fmt, listed, plural, question
from .findings import info, risk, warning
from .model import Finding, Option, Rejected
from .options import PricingFailed, priced_option, unpriced
from .relational import (
    EDITION_NAMES,
    ENGINE_NAMES,
    ad_hoc_replica,
    allocated_gib,
    aurora_possible,
    backup_findings,
    backup_storage_gb,
    beyond_largest_class,
    memory_short,
    needs_high_availability,
    rds_engine,
    replication_gb_per_month,
    retention_days,
)
from .sizing import (
    BUFFER_POOL_CAP_GB,
    RelationalNeed,
    cheapest_fitting,
    largest,
    offered,
    plan_relational,
    relational_need,
)

D = Decimal
MAX_PRIMARY_GIB = 65_536  # RDS-STO-02: one primary volume of 64 TiB
LICENSED = ("oracle", "sqlserver")
OWN_LICENCE_PENALTY = 20
CATALOG_DEPLOYMENT = {"single_az": "single_az", "multi_az_instance": "multi_az",
                      "multi_az_cluster": "multi_az_cluster"}  # fmt: skip
DEPLOYMENT_LABEL = {"single_az": "Single-AZ", "multi_az_instance": "Multi-AZ",
                    "multi_az_cluster": "Multi-AZ DB cluster"}  # fmt: skip
# Failover times (RDS-HA-01, RDS-HA-03) and what each cross-Region DR method can give
# (ours, from DR-02/DR-03: replicas lag seconds and are promoted in minutes; replicated
# backups restore in tens of minutes to hours; copied snapshots are up to a day old).
FAILOVER_SECONDS = {"multi_az_instance": 120, "multi_az_cluster": 35}
DR_CAPABILITY = {  # mode -> (best RPO seconds, best RTO seconds)
    "read_replica": (1, 600),
    "mounted_replica": (1, 600),
    "backup_replication": (900, 14_400),
    "snapshot_copy": (86_400, 86_400),
    "aurora_global": (1, 60),  # AUR-08/09, for remedies only
}


def options(
    w: Workload, d: Derived, book: PriceBook, relaxed: tuple[Finding, ...] = ()
) -> tuple[list[Option], list[Rejected]]:
    engine, note = rds_engine(w)
    label = f"RDS {ENGINE_NAMES[engine]}"
    rationale: list[Finding] = [note] if note else []
    edition, licence, refusal = _edition(w, engine)
    if edition == "ex":
        refusal, grows = _express_too_small(w, d)
        if grows:
            rationale.append(grows)
    if edition == "web":
        rationale.append(info("rds.license", "SQL Server Web Edition is licensed only for "
            "public, internet-facing web pages, sites, applications and services: internal or "
            "line-of-business systems need Standard or Enterprise Edition.", "engine_edition",
            source_key="RDS-SQL-PRICE"))  # fmt: skip
    if refusal:
        return [], [Rejected("rds", label, (refusal,))]
    if w.storage_gb > MAX_PRIMARY_GIB:
        return [], [Rejected("rds", label, (risk(
            "constraint.storage_beyond_max",
            f"{fmt(w.storage_gb)} GB is beyond an RDS volume's 64 TiB; Aurora (128 TiB) or "
            "DynamoDB hold more.", "storage_gb"),))]  # fmt: skip
    try:
        found, refused = _option(w, d, book, engine, edition, licence, label, rationale, relaxed)
    except PricingFailed as exc:
        return [], [unpriced("rds", label, exc)]
    if engine == "oracle" and licence == "license_included" and found:
        found += _own_licence_alternatives(w, d, book, label, note, relaxed)
    return found, refused


# SQL Server editions with no Multi-AZ deployment to buy for production load: RDS runs Multi-AZ
# for Standard and Enterprise (Always On or mirroring) and for Web by block-level replication,
# which the catalog prices on burstable classes only; Express has none (AWS's SQL Server Multi-AZ
# page; the catalog's Express rows are all Single-AZ).
NO_MULTI_AZ_EDITIONS = {
    "ex": "RDS for SQL Server Express Edition has no Multi-AZ deployment.",
    "web": "No SQL Server Web Edition Multi-AZ class fit for production is priced in {region} "
    "(Web Multi-AZ is priced on burstable classes only).",
}
# Microsoft's scale limit for Express: 10 GB of data per database (SQLSERVER-EDITIONS).
EXPRESS_MAX_GB = D(10)


def _express_too_small(w: Workload, d: Derived) -> tuple[Finding | None, Finding | None]:
    """(refusal, warning) when the data outgrows SQL Server Express's 10 GB per database."""
    if w.storage_gb > EXPRESS_MAX_GB:
        return risk("constraint.edition_limit", f"SQL Server Express Edition holds at most "
            f"{fmt(EXPRESS_MAX_GB)} GB per database, below the {fmt(w.storage_gb)} GB stored: "
            f"choose Web or Standard Edition under {question('engine_edition')}.",
            "engine_edition", "storage_gb"), None  # fmt: skip
    if d.storage_in_12_months > EXPRESS_MAX_GB:
        return None, warning("constraint.edition_limit", f"The data grows past SQL Server Express "
            f"Edition's {fmt(EXPRESS_MAX_GB)} GB per database within a year "
            f"({fmt(d.storage_in_12_months)} GB): plan the move to Web or Standard Edition.",
            "engine_edition", "storage_growth_gb_per_month")  # fmt: skip
    return None, None


def _own_licence_alternatives(w, d, book, label, note, relaxed) -> list[Option]:
    """RDS-ENG-01: Oracle is also sold bring-your-own-licence, SE2 and EE alike; shown beside
    licence included where the catalog prices it (an edition asked for is kept)."""
    out = []
    for edition in ("se2",) if w.engine_edition == "se2" else ("se2", "ee"):
        try:
            found, _refused = _option(w, d, book, "oracle", edition, "bring_your_own", label,
                                      [note] if note else [], relaxed, own_licence=True)  # fmt: skip
        except PricingFailed:
            continue  # not priced here: licence included stands alone
        out += found
    return out


def _edition(w: Workload, engine: str) -> tuple[str | None, str, Finding | None]:
    if engine == "oracle":
        edition = w.engine_edition or "se2"
        # RDS-ENG-01: licence included only for Oracle SE2; EE is bring-your-own-licence.
        if edition == "ee" and w.license_model == "license_included":
            return edition, w.license_model, risk(
                "constraint.license_not_offered",
                "Oracle Enterprise Edition on RDS is bring-your-own-licence only: set "
                f"{question('license_model')} to '{choice('license_model', 'bring_your_own')}', "
                "or choose Standard Edition 2 with the licence included.",
                "engine_edition", "license_model")  # fmt: skip
        return edition, w.license_model, None
    if engine == "sqlserver":
        if w.license_model == "bring_your_own":
            return None, w.license_model, risk(
                "constraint.license_not_offered",
                "RDS for SQL Server is priced licence-included only; bringing your own "
                "licence needs RDS Custom or EC2 (not priced here).", "license_model")  # fmt: skip
        return w.engine_edition or "se", "license_included", None
    return None, "license_included", None


def _option(
    w,
    d,
    book,
    engine,
    edition,
    licence,
    label,
    rationale,
    relaxed,
    no_cluster=False,
    own_licence=False,
):
    region = w.primary_region
    given = list(rationale)  # before this deployment's own sizing: a retry starts from it
    ha, why = needs_high_availability(w, sla("rds", multi_az=False))
    dr = w.multi_region != "none"
    deployment = "multi_az_instance" if ha else "single_az"
    # RDS-HA-03/04: the Multi-AZ DB cluster fails over in under 35 s, MySQL and PostgreSQL
    # only; RDS-HA-05: no cross-Region automated backups or snapshot copy, so not with DR.
    if (
        ha
        and engine in ("mysql", "postgresql")
        and not dr
        and not no_cluster
        and (w.rto_seconds is not None and w.rto_seconds < FAILOVER_SECONDS["multi_az_instance"])
    ):
        deployment = "multi_az_cluster"
    key = PriceKey(
        "rds", region, "instance_hours", engine=engine, edition=edition or "",
        license_model=licence if engine in LICENSED else "",
        deployment=CATALOG_DEPLOYMENT[deployment],
    )  # fmt: skip
    choices = offered(book, key, allow_burstable=not d.production)
    if not choices and deployment == "multi_az_instance" and edition in NO_MULTI_AZ_EDITIONS:
        # The standby the targets ask for is not there to buy: say so, and keep the edition
        # the team runs on one instance rather than refuse it altogether.
        deployment = "single_az"
        rationale.append(risk("rds.edition_multi_az", NO_MULTI_AZ_EDITIONS[edition].format(
            region=region) + " Single-AZ instead, though the targets ask for a standby: "
            "SQL Server Standard or Enterprise Edition run one.", "engine_edition",
            "availability_target"))  # fmt: skip
        key = replace(key, deployment="single_az")
        choices = offered(book, key, allow_burstable=not d.production)
    if not choices and edition == "ex":
        # Express runs on small classes only (the catalog's are all burstable): a production
        # Express database has no other kind, and the burstable note below says what it costs.
        choices = offered(book, key, allow_burstable=True)
    if not choices and deployment == "multi_az_cluster":
        deployment = "multi_az_instance"
        rationale.append(info("rds.multi_az_cluster", f"Multi-AZ DB clusters are not offered in "
                              f"{region}: a Multi-AZ DB instance instead."))  # fmt: skip
        key = replace(key, deployment="multi_az")
        choices = offered(book, key, allow_burstable=not d.production)
    if not choices:
        return [], [Rejected("rds", label, (risk("constraint.not_priced",
            f"No {label} {DEPLOYMENT_LABEL[deployment]} instance class is priced in {region}"
            f"{' for ' + EDITION_NAMES[edition] if edition else ''}.", "regions"),))]  # fmt: skip

    # Read replicas: Oracle needs Enterprise Edition, SQL Server Enterprise (RDS-RR-04/05).
    replicas_allowed = engine not in LICENSED or edition == "ee"
    top = (5 if engine in LICENSED else 15) if replicas_allowed else 0
    cap = BUFFER_POOL_CAP_GB.get(edition) if engine == "sqlserver" else None
    need = relational_need(w.item_size_kb, d, buffer_cap_gb=cap,
                           edition=f"SQL Server {EDITION_NAMES.get(edition, '')}")  # fmt: skip
    plan = plan_relational(
        choices, need, max_replicas=top, spread_reads=w.consistency == "eventual"
    )
    forced = False  # a Multi-AZ DB cluster because no instance class is large enough
    if isinstance(plan, str):
        cluster, cluster_choices = (None, ()) if no_cluster or dr else _cluster_plan(
            w, d, book, engine, key, need)  # fmt: skip
        if cluster is None:
            what, biggest = f"{label} {DEPLOYMENT_LABEL[deployment]}", largest(choices)
            if cluster_choices:
                what, biggest = f"{label} Multi-AZ DB cluster", largest(cluster_choices)
            return [], [Rejected("rds", label, (risk("constraint.writes_beyond_one_writer",
                beyond_largest_class(w, d, need, biggest, what, replicas_allowed=replicas_allowed),
                "reads_per_sec", "writes_per_sec"),))]  # fmt: skip
        single = largest(choices)
        rationale.append(info("rds.multi_az_cluster", f"No {label} "
            f"{DEPLOYMENT_LABEL[deployment]} instance class priced in {region} is large enough "
            f"(the largest is {single.name}, {single.spec.vcpu} vCPU, "
            f"{fmt(single.spec.memory_gib)} GiB); Multi-AZ DB cluster classes go further, and "
            "the cluster brings two readable standbys in two more AZs.", "reads_per_sec",
            "writes_per_sec"))  # fmt: skip
        plan, deployment, forced = cluster, "multi_az_cluster", True
    fits = "fits" if not plan.memory_capped else "has the CPU (none has the memory: see below)"
    kind = " Multi-AZ DB cluster" if forced else ""
    rationale.append(info("sizing.instance_class", need.explain(d.working_set_gb, d.peak_reads,
                          d.peak_writes) + f" Chosen: {plan.writer.name} ({plan.writer.spec.vcpu} "
                          f"vCPU, {fmt(plan.writer.spec.memory_gib)} GiB), the cheapest{kind} "
                          f"class priced in {region} that {fits}.{need.held(plan.writer)}",
                          "working_set_gb", "reads_per_sec"))  # fmt: skip
    if need.buffer_cap_gb is not None:
        rationale.append(warning("sizing.edition_memory", f"{need.edition} uses at most "
            f"{fmt(need.buffer_cap_gb)} GB for its buffer pool, less than the "
            f"{fmt(d.working_set_gb)} GB working set: memory beyond that would be paid for and "
            "not used, so the class is sized for it, and reads outside it go to storage. "
            "Enterprise Edition has no such limit.", "engine_edition", "working_set_gb"))  # fmt: skip
    if plan.memory_capped:
        bigger = None
        if not forced and not dr and engine in ("mysql", "postgresql"):
            bigger = cheapest_fitting(
                offered(book, replace(key, deployment="multi_az_cluster"), allow_burstable=False),
                memory_gib=need.memory_gib, vcpu=need.vcpu)  # fmt: skip
        rationale.append(warning("sizing.largest_class", memory_short(w, need, plan.writer,
                                 cluster=bigger), "working_set_gb"))  # fmt: skip
    if plan.writer.spec.burstable and d.production:
        rationale.append(warning("sizing.burstable", "A burstable class, the only kind this "
            f"catalog prices for {label} {EDITION_NAMES.get(edition, '')}: under steady "
            "production load its CPU credits run out and it slows down.", "environment",
            "engine_edition"))  # fmt: skip
    elif plan.writer.spec.burstable:
        rationale.append(info("sizing.burstable", "A burstable class: fine for "
            f"{w.environment}, not for steady production load (CPU credits run out).",
            "environment"))  # fmt: skip
    replicas = plan.read_replicas
    if deployment == "multi_az_cluster" and not forced:
        replicas = max(0, replicas - 2)  # the two standbys of a cluster serve reads (RDS-HA-03)
        if replicas:
            # Cluster classes have no Single-AZ replica prices, and the standbys are not enough.
            # The retry sizes its own class: this one's sizing sentence must not stay beside it.
            return _option(w, d, book, engine, edition, licence, label, [*given, info(
                "rds.multi_az_cluster", "The read load needs more than a Multi-AZ DB cluster's "
                "two readable standbys: a Multi-AZ DB instance with read replicas instead.",
                "reads_per_sec")], relaxed, no_cluster=True, own_licence=own_licence)  # fmt: skip
    if deployment == "multi_az_cluster" and ad_hoc_replica(w, d):
        # Whether forced by size or chosen for the RTO, the readable standbys take the ad hoc
        # queries: giving the cluster up for a replica would also give up its faster failover.
        rationale.append(info("sizing.read_replicas", "Ad hoc queries can run on the cluster's "
            "readable standbys (its reader endpoint), away from the application's writer.",
            "needs_joins", "storage_gb"))  # fmt: skip
    if replicas_allowed and ad_hoc_replica(w, d) and deployment != "multi_az_cluster":
        replicas += 1
        rationale.append(info("sizing.read_replicas", "One read replica for ad hoc queries, so "
            "scans over the data do not slow the application's writer (our rule for "
            "databases from 500 GB).", "needs_joins", "storage_gb"))  # fmt: skip
    if plan.read_replicas and deployment == "multi_az_cluster":
        rationale.append(info("sizing.read_replicas", f"The read load needs "
            f"{plural(plan.read_replicas, 'reader')} beside the writer: the cluster's two "
            "readable standbys serve them, with no read replica to add.", "reads_per_sec"))  # fmt: skip
    elif plan.read_replicas:
        rationale.append(info("sizing.read_replicas", f"The read load needs "
            f"{plural(plan.read_replicas, 'read replica')} of {plan.writer.name} beside the writer; "
            "replicas are asynchronous and read-only.", "reads_per_sec"))  # fmt: skip

    if engine == "oracle" and replicas:
        # RDS-RR-05: an Oracle replica open for reads runs Active Data Guard; RDS-ENG-01: only
        # SE2 is licence-included, and SE2 has no replicas, so the licence is always the team's.
        rationale.append(warning("rds.oracle_replica_licence", f"Oracle read replicas "
            f"({replicas} here) are open for reads, which needs an Oracle Active Data Guard "
            "licence of your own on top of Enterprise Edition; the price leaves it out. "
            "Licence included (Standard Edition 2) has no read replicas; a mounted replica "
            "needs no Active Data Guard licence but serves no reads.", "engine_edition",
            "license_model"))  # fmt: skip

    storage_type, allocated, piops, storage_notes, refusal = _storage(engine, d)
    if refusal:
        return [], [Rejected("rds", label, (refusal,))]
    rationale += storage_notes
    autoscale = None
    if deployment == "multi_az_cluster":
        rationale.append(info("rds.cluster_limits", "Multi-AZ DB clusters do not autoscale "
            "storage: grow it by hand before it fills.", "storage_growth_gb_per_month"))  # fmt: skip
    else:
        autoscale = min(MAX_PRIMARY_GIB, max(ceil(allocated * D("1.26")),
                                             ceil(d.storage_in_36_months / D("0.9"))))  # fmt: skip
        room = (f" and room for three years of growth ({fmt(d.storage_in_36_months)} GB)"
                if w.storage_growth_gb_per_month else " (no growth was given)")  # fmt: skip
        rationale.append(info("rds.storage_autoscaling", f"Storage autoscaling up to "
            f"{fmt(autoscale)} GiB: at least 26% above the {fmt(allocated)} GiB allocated{room}.",
            "storage_growth_gb_per_month"))  # fmt: skip

    minimum = 1 if (replicas or deployment == "multi_az_cluster") else 0
    days = retention_days(w, d, minimum=minimum)
    # RDS-RR-01: read replicas need backups on their source; RDS-BK-01: a Multi-AZ DB cluster
    # keeps 1-35 days.
    raised_for = ("read replicas need automated backups on their source" if replicas
                  else "a Multi-AZ DB cluster keeps at least 1 day")  # fmt: skip
    rationale += backup_findings(w, d, days, "rds.pitr", in_place=False, raised_for=raised_for)
    rationale += _deployment_findings(w, d, deployment, why, forced=forced)
    dr_mode, dr_notes = _cross_region(w, engine, edition, deployment) if dr else ("none", [])
    rationale += dr_notes
    rationale += relaxed

    config = RdsConfig(
        engine=engine, instance_class=plan.writer.name, edition=edition,
        license_model=licence if engine in LICENSED else "license_included",
        deployment=deployment, storage_type=storage_type, allocated_storage_gb=allocated,
        provisioned_iops=piops, storage_autoscaling_max_gb=autoscale, read_replicas=replicas,
        cross_region_dr=dr_mode, dr_regions=d.dr_regions if dr_mode != "none" else (),
        backup_retention_days=days, pitr=days > 0, encrypted=True,
    )  # fmt: skip
    # Every DR method ships the month's changes to the DR Region (replication, logs or
    # incremental snapshots): the volume written, as for Aurora Global Database.
    shipped = replication_gb_per_month(w, d) if dr_mode != "none" else D(0)
    usage = RdsUsage(backup_storage_gb=backup_storage_gb(w, d, days),
                     replication_transfer_gb_per_month=shipped)  # fmt: skip
    byol = " (bring your own licence)" if licence == "bring_your_own" else ""
    text = f"{label}{' ' + edition.upper() if edition else ''}{byol}, {plan.writer.name}, " \
        f"{DEPLOYMENT_LABEL[deployment]}"  # fmt: skip
    if replicas:
        text += f", {replicas} read replica{'s' if replicas > 1 else ''}"
    if dr_mode != "none":
        text += f", DR {dr_mode.replace('_', ' ')} in {', '.join(d.dr_regions)}"
    penalty = 10 if w.data_model != "relational" else 0
    if own_licence:
        # The price leaves out the Oracle licences it needs, and the answer asked for them
        # included (ours: enough that licence included keeps its place at about half the price).
        penalty += OWN_LICENCE_PENALTY
        extra = (" Enterprise Edition also allows mounted replicas for disaster recovery, and "
                 "read replicas with Active Data Guard licences." if edition == "ee" else "")  # fmt: skip
        rationale.append(warning("rds.license", "Bring your own licence: the price is AWS's "
            "instance alone, so it does not compare with licence included. You must already "
            f"hold Oracle {EDITION_NAMES[edition]} licences, with support, for these vCPUs, "
            f"under Oracle's cloud licensing policy.{extra}", "license_model"))  # fmt: skip
    if w.multi_region == "active_active":
        penalty += 15  # replicas are promoted by hand; Aurora Global Database comes closer
    if w.data_model != "relational":
        rationale.append(info("model.key_value_on_relational", f"{w.data_model.replace('_', '-').capitalize()}"
            " data in a relational table works at this scale, but the table only pays off for "
            "relational access.", "data_model"))  # fmt: skip
    option = priced_option(book, w.primary_region, "rds", text, config, usage, rationale,
                           penalty=penalty)  # fmt: skip
    return [option], []


def _cluster_plan(w, d, book, engine, key, need):
    """(plan, classes) for a Multi-AZ DB cluster when no instance class is large enough: the
    catalog prices cluster classes far beyond the instance ones (RDS-HA-03/04: MySQL and
    PostgreSQL only). Eventually consistent reads spread over the writer and both readable
    standbys; the cluster rate covers all three."""
    if engine not in ("mysql", "postgresql"):
        return None, ()
    choices = offered(book, replace(key, deployment="multi_az_cluster"), allow_burstable=False)
    if not choices:
        return None, ()
    readers = 3 if w.consistency == "eventual" else 1
    spread = RelationalNeed(need.memory_gib, need.vcpu_reads / readers, need.vcpu_writes)
    plan = plan_relational(choices, spread, max_replicas=0, spread_reads=False)
    return (None if isinstance(plan, str) else plan), choices


def _storage(engine: str, d: Derived):
    """(storage_type, allocated GiB, provisioned IOPS, findings, refusal)."""
    allocated = allocated_gib(d)
    iops = d.peak_iops
    threshold = gp3_striped_from(engine)
    notes: list[Finding] = []
    piops = None
    if engine == "sqlserver":  # not striped: gp3 3,000-16,000 IOPS at any size (RDS-STO-06)
        gp3_top, kind = 16_000, "gp3"
        if iops > 3_000:
            allocated = max(allocated, ceil(D(iops) / 500))  # IOPS:GiB at most 500
            piops = iops
    else:
        gp3_top, kind = 64_000, "gp3"
        if 3_000 < iops <= 12_000:
            allocated = max(allocated, threshold)
        elif iops > 12_000:
            allocated = max(allocated, threshold, ceil(D(iops) / 500))  # IOPS:GiB at most 500
            piops = iops
    if iops > gp3_top:
        kind = "io2"
        top = 64_000 if engine == "sqlserver" else 256_000  # RDS-STO-07/08
        if iops > top:
            return None, 0, None, [], risk("rds.storage", f"{fmt(iops)} IOPS is beyond one RDS "
                f"instance's {fmt(top)}; Aurora or DynamoDB scale I/O further.", "iops_required")  # fmt: skip
        # io1's IOPS:GiB ratio of at most 50 (RDS-STO-07), applied to io2 as the safe bound.
        allocated = max(allocated, 100, ceil(D(iops) / 50))
        piops = iops
    if allocated > MAX_PRIMARY_GIB:
        return None, 0, None, [], risk("constraint.storage_beyond_max", f"{fmt(iops)} IOPS "
            f"needs {fmt(allocated)} GiB of storage, beyond an RDS volume's 64 TiB.",
            "iops_required")  # fmt: skip
    if kind == "io2":
        notes.append(info("rds.storage", f"io2 Block Express with {fmt(iops)} provisioned IOPS: "
            "beyond what gp3 can provision; io2 is AWS's choice for sustained, latency-"
            "sensitive I/O.", "iops_required"))  # fmt: skip
        return kind, allocated, piops, notes, None
    # What gp3 includes at the size allocated (RDS-STO-06): 12,000 IOPS and 500 MiB/s from
    # 400 GiB (Oracle 200 GiB), else 3,000 and 125; SQL Server 3,000 and 125 at any size.
    base_iops, base_mibps = gp3_baseline(engine, allocated)
    if piops:
        notes.append(info("rds.storage", f"gp3, {fmt(allocated)} GiB, with {fmt(piops)} IOPS "
            f"provisioned: {fmt(base_iops)} are included at this size and the "
            f"{fmt(piops - base_iops)} above them are billed (cheaper than io1 or io2 at this "
            "rate).", "iops_required"))  # fmt: skip
    elif iops > 3_000:
        notes.append(info("rds.storage", f"gp3 at {fmt(allocated)} GiB: from {threshold} GiB gp3 "
            f"includes {fmt(base_iops)} IOPS and {fmt(base_mibps)} MiB/s, enough for {fmt(iops)} "
            "IOPS without paying for provisioned IOPS.", "iops_required"))  # fmt: skip
    else:
        notes.append(info("rds.storage", f"gp3, {fmt(allocated)} GiB: the {fmt(base_iops)} IOPS "
            f"and {fmt(base_mibps)} MiB/s it includes at this size cover {fmt(iops)} IOPS. "
            "Magnetic storage is legacy and never proposed.", "iops_required"))  # fmt: skip
    return kind, allocated, piops, notes, None


def _deployment_findings(
    w: Workload, d: Derived, deployment: str, why: list[str], *, forced: bool = False
) -> list[Finding]:
    out = []
    if deployment == "single_az":
        text = "Single-AZ: no standby; an instance or AZ failure means a restore from backup."
        if w.environment == "development":
            text = "Single-AZ for development: cheaper, no standby (restore from backup)."
            if why:
                text += f" Note: {', '.join(why)} would ask for Multi-AZ in production."
        out.append(info("environment.development" if w.environment == "development"
                        else "rds.deployment", text, "environment"))  # fmt: skip
        if w.rto_seconds is not None and w.rto_seconds < 3600:
            out.append(risk("dr.rto_unmet", f"Without a standby, recovery takes a restore "
                f"(tens of minutes or more), above the {fmt(w.rto_seconds)} s RTO; Multi-AZ "
                "would fail over in 1-2 minutes.", "rto_seconds"))  # fmt: skip
        return out
    limit = FAILOVER_SECONDS[deployment]
    # Only the targets this deployment meets: an RTO below its failover time is the risk's.
    why = [r for r in why if not (r.startswith("recovery within") and w.rto_seconds < limit)]
    if deployment == "multi_az_cluster":
        chosen = ("for classes large enough for the load" if forced
                  else f"chosen for the {fmt(w.rto_seconds)} s RTO" if w.rto_seconds >= limit
                  else f"the fastest RDS failover, chosen for the {fmt(w.rto_seconds)} s RTO "
                  "(which it may still miss)")  # fmt: skip
        out.append(info("rds.multi_az_cluster", "Multi-AZ DB cluster: a writer and two readable "
            "standbys in three AZs, semi-synchronous, failover typically under 35 s, "
            f"{chosen}.", "rto_seconds"))  # fmt: skip
    else:
        top = sla("rds", multi_az=True)
        if w.availability_target > top:  # say the target is not met rather than echo it
            why = [r for r in why if not r.endswith("% availability")]
            why.append(f"the most availability RDS commits to ({fmt(top, 3)}%, below the "
                       f"{fmt(w.availability_target, 3)}% target)")  # fmt: skip
        if not why:  # the RTO alone asked for it, and the risk below says it is missed
            why = ["recovery in minutes rather than a restore"]
        out.append(info("rds.deployment", "Multi-AZ DB instance: a synchronous standby in "
            f"another AZ (no data loss on failover, failover 60-120 s), for {', '.join(why)}. "
            "The standby serves no reads.", "environment", "availability_target"))  # fmt: skip
    if w.rto_seconds is not None and w.rto_seconds < limit:
        out.append(risk("dr.rto_unmet", f"Failover takes up to {limit} s, above the "
                        f"{fmt(w.rto_seconds)} s RTO: {_faster_failover(w, deployment)}.",
                        "rto_seconds"))  # fmt: skip
    return out


def _faster_failover(w: Workload, deployment: str) -> str:
    """What fails over faster than `deployment` and keeps the engine the team keeps."""
    if deployment == "multi_az_cluster":
        return "no managed failover reliably beats 35 s; RDS Proxy shortens reconnects"
    ways = []
    if aurora_possible(w):
        ways.append("Aurora with a replica (typically under 30-60 s)")
    engine = rds_engine(w)[0]
    if engine in ("mysql", "postgresql") and w.multi_region == "none":
        ways.append("a Multi-AZ DB cluster (under 35 s)")
    if not ways:
        return f"no RDS {ENGINE_NAMES[engine]} deployment fails over faster; RDS Proxy shortens reconnects"
    return listed(ways, "or") + " would meet it"


def _cross_region(
    w: Workload, engine: str, edition: str | None, deployment: str
) -> tuple[str, list[Finding]]:
    rpo, rto = w.rpo_seconds, w.rto_seconds
    tight = (rpo is not None and rpo < 900) or (rto is not None and rto < 14_400)
    relaxed = (rpo is None or rpo >= 86_400) and (rto is None or rto >= 86_400)
    if engine == "oracle":
        # RDS-RR-05: mounted replicas (no Active Data Guard licence) are EE-only DR replicas.
        mode = "mounted_replica" if edition == "ee" else "backup_replication"
    elif engine == "sqlserver" and not _sqlserver_cross_region_replica(w, edition, deployment):
        mode = "backup_replication"
    elif relaxed:
        mode = "snapshot_copy"
    elif tight:
        mode = "read_replica"
    else:
        mode = "backup_replication"
    text = {
        "read_replica": "a cross-Region read replica (asynchronous, seconds behind; promoted "
        "in minutes)",
        "mounted_replica": "an Oracle mounted replica (no reads, no Active Data Guard licence)",
        "backup_replication": "cross-Region automated backups (snapshots and logs copied as "
        "they are made; PITR in the DR Region, restored to a new instance)",
        "snapshot_copy": "snapshot copies to the DR Region (up to a day old; restored to a new "
        "instance)",
    }[mode]
    source = "RDS-XRR-ENG" if engine == "sqlserver" and mode == "read_replica" else None
    if source:
        text += ", which RDS for SQL Server offers for Enterprise Edition from a Multi-AZ source"
    out = [info("rds.cross_region_dr", f"Disaster recovery by {text}.", "multi_region",
                "rpo_seconds", "rto_seconds", source_key=source)]  # fmt: skip
    best_rpo, best_rto = DR_CAPABILITY[mode]
    faster = _faster_dr(w, engine, edition, mode)
    if rpo == 0:
        out.append(risk("dr.rpo_zero_cross_region", "Zero data loss across Regions cannot be "
            "met by asynchronous replication; only synchronous multi-Region stores give it"
            + _synchronous_stores(w, engine), "rpo_seconds"))  # fmt: skip
    elif rpo is not None and rpo < best_rpo:
        better = [f for f in faster if DR_CAPABILITY.get(f[0], (0, 0))[0] <= rpo]
        out.append(risk("dr.rpo_unmet", f"This DR method can lose about {fmt(best_rpo)} s of "
            f"writes, above the {fmt(rpo)} s RPO" + _remedy(better, "would meet it"),
            "rpo_seconds"))  # fmt: skip
    if rto is not None and rto < best_rto:
        better = [f for f in faster if DR_CAPABILITY.get(f[0], (0, 0))[1] <= rto]
        out.append(risk("dr.rto_unmet", f"Recovering in the DR Region takes about "
            f"{fmt(best_rto)} s with this method, above the {fmt(rto)} s RTO"
            + _remedy(better, "would be faster"), "rto_seconds"))  # fmt: skip
    return mode, out


# RDS for SQL Server cross-Region read replicas: every Region but these (the AWS page
# Concepts.RDS_Fea_Regions_DB-eng.Feature.CrossRegionReadReplicas, read 2026-11; it replaces
# domain-facts RDS-RR-07's "unverified"), Enterprise Edition only, from a Multi-AZ source that
# uses Always On availability groups (RDS-RR-04).
SQLSERVER_NO_CROSS_REGION_REPLICA = frozenset({
    "af-south-1", "ap-east-1", "ap-south-2", "ap-southeast-3", "ap-southeast-4", "ca-west-1",
    "eu-south-1", "eu-south-2", "eu-central-2", "il-central-1",
})  # fmt: skip


def _sqlserver_cross_region_replica(w: Workload, edition: str | None, deployment: str) -> bool:
    return edition == "ee" and deployment == "multi_az_instance" and _sqlserver_regions(w)


def _sqlserver_regions(w: Workload) -> bool:
    """Whether every Region of the answer offers SQL Server cross-Region read replicas."""
    return not SQLSERVER_NO_CROSS_REGION_REPLICA.intersection(w.regions)


def _faster_dr(w: Workload, engine: str, edition: str | None, mode: str) -> list[tuple[str, str]]:
    """(mode, words) of DR designs better than `mode` that keep the engine the team keeps and
    use no excluded service: a remedy never names an option the answer has ruled out."""
    out = []
    if mode in ("backup_replication", "snapshot_copy"):
        if engine in ("mysql", "postgresql", "mariadb"):
            out.append(("read_replica", "a cross-Region read replica"))
        elif engine == "sqlserver" and not _sqlserver_regions(w):
            pass  # no SQL Server cross-Region replicas between these Regions
        elif engine == "sqlserver" and edition == "ee":
            out.append(("read_replica", "a cross-Region read replica (Enterprise Edition, "
                        "Multi-AZ source)"))  # fmt: skip
        elif engine == "sqlserver":
            out.append(("read_replica", "SQL Server Enterprise Edition with a cross-Region "
                        "read replica"))  # fmt: skip
        elif engine == "oracle":
            out.append(("mounted_replica", "Oracle Enterprise Edition with a mounted replica "
                        "(bring your own licence)" if edition != "ee" else "a mounted replica"))  # fmt: skip
    if aurora_possible(w):
        out.append(("aurora_global", "Aurora Global Database (typically under 1 s behind, "
                    "promoted in about a minute)"))  # fmt: skip
    return out


def _synchronous_stores(w: Workload, engine: str) -> str:
    """The synchronous multi-Region stores this workload may still use (DDB-GT-05, SEL-06)."""
    stores = []
    if not w.engine_preference and "dynamodb" not in w.exclude_services:
        stores.append("DynamoDB multi-Region strong consistency")
    if w.engine_preference in (None, "postgresql"):
        stores.append("Aurora DSQL (PostgreSQL-compatible, not priced here)")
    if not stores:
        return f", and none of them keeps {ENGINE_NAMES[engine]}."
    return f" ({' or '.join(stores)})."


def _remedy(better: list[tuple[str, str]], verb: str) -> str:
    if not better:
        return "; no other DR design for this engine does better."
    return f"; {listed((w for _mode, w in better), 'or')} {verb}."
