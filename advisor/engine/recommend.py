"""recommend(workload, book) -> Recommendation: the whole answer, deterministic and pure.

Candidates per service -> hard constraints (reject, with reasons) -> sizing and configuration
in each service module -> priced by the estimator -> cache layer where it earns its place ->
fit score and ranking -> migration plan -> design-wide findings (budget, nothing feasible).
"""

from __future__ import annotations

from decimal import Decimal

from advisor.questionnaire import Workload
from catalog.pricebook import PriceBook

from . import aurora, availability, dms, dynamodb, elasticache, latency, rds
from .commitments import with_commitment
from .constraints import SERVICE_NAMES, check
from .derived import Derived, derive, listed, usd
from .findings import info, risk
from .levers import levers
from .model import Finding, Option, Recommendation, Rejected, evolve
from .ranking import fit_score, rank

MODULES = {"aurora": aurora, "rds": rds, "dynamodb": dynamodb, "elasticache": elasticache}
ORDER = ("aurora", "rds", "dynamodb", "elasticache")
# Findings that name a cost the catalog cannot price, left out of an option's total.
UNPRICED_RULES = frozenset({"dynamodb.s3_not_priced", "elasticache.transfer_unpriced"})


def recommend(workload: Workload, book: PriceBook) -> Recommendation:
    d = derive(workload)
    findings: list[Finding] = []
    feasible: list[Option] = []
    rejected: list[Rejected] = []
    relaxable: dict[str, tuple[Finding, ...]] = {}
    for service in ORDER:
        hard, soft = check(workload, d, service)
        if hard or soft:
            rejected.append(Rejected(service, SERVICE_NAMES[service], tuple(hard + soft)))
            if soft and not hard:
                relaxable[service] = tuple(soft)
            continue
        found, refused = MODULES[service].options(workload, d, book)
        feasible += found
        rejected += refused
    if not feasible and relaxable:
        findings.append(
            risk(
                "constraint.relaxed",
                "No option meets every target. The closest are shown; each one's rationale "
                "says, as a risk, what it cannot meet and what would.",
            )
        )
        for service, reasons in relaxable.items():
            found, refused = MODULES[service].options(workload, d, book, relaxed=reasons)
            if found:
                rejected = [r for r in rejected if r.label != SERVICE_NAMES[service]]
            feasible += found
            rejected += refused

    feasible = availability.checked(workload, feasible)
    changes, cache, cache_refused, reasons = _with_cache(workload, d, book, feasible)
    rejected += cache_refused
    ranked = rank(feasible, changes, budget=workload.monthly_budget_usd, cache=cache)
    primary = ranked[0] if ranked else None
    if cache is not None:
        cache = _cache_for(cache, reasons.get(primary.label) if primary else None)
    findings[:0] = _assumptions(d.notes, ranked, cache)
    migration, migration_notes = dms.plan(workload, d, book, primary)
    if migration is not None:
        migration = evolve(migration, fit_score=fit_score(migration, migration.monthly))
    findings += migration_notes
    if primary is None:
        findings.append(_nothing_feasible(rejected))
    else:
        findings += _budget(workload, primary, cache if primary.needs_cache else None, ranked)
    return Recommendation(
        workload=workload,
        catalog_version=book.version,
        catalog_as_of=book.as_of,
        currency=book.currency,
        # The commitment note is added last: _budget compares the primary with the ranked
        # options by identity.
        primary=with_commitment(workload, primary, book),
        cache=with_commitment(workload, cache, book)
        if primary is not None and primary.needs_cache
        else None,
        migration=migration,
        alternatives=tuple(ranked[1:]),
        rejected=tuple(rejected),
        findings=tuple(findings),
    )


def _with_cache(w: Workload, d: Derived, book: PriceBook, options: list[Option]):
    """Price one ElastiCache layer for the options that need it, so that ranking compares
    each option with the in-memory tier its latency target asks for: (per option, the
    changes ranking makes to it; the cache layer or None; rejections; each option's reason
    for the cache, by label). An option that gets no in-memory tier and cannot be expected
    to meet the p99 target says so, as a risk."""
    reasons = {}
    for option in options:
        reason = None
        if option.service in ("rds", "aurora"):
            reason = elasticache.cache_reason(w, d, option.service)
        elif option.service == "dynamodb" and option.needs_cache:
            reason = elasticache.cache_reason(w, d, "dynamodb") or "DAX is not offered here"
        if reason:
            reasons[id(option)] = reason
    cache, refused = None, []
    if reasons and "elasticache" not in w.exclude_services:
        made = elasticache.cache_option(w, d, book, next(iter(reasons.values())))
        if isinstance(made, Rejected):
            refused = [made]
        else:
            cache = made
    changes = []
    for option in options:
        if cache is not None and id(option) in reasons:
            note = info("cache.layer", f"Needs the ElastiCache layer ({reasons[id(option)]}): "
                        f"{usd(cache.monthly)}/month more, compared with it included.")  # fmt: skip
            changes.append({"needs_cache": True, "rationale": (*option.rationale, note),
                            "ranking_monthly": option.monthly + cache.monthly})  # fmt: skip
            continue
        change = {"needs_cache": False} if option.needs_cache else {}
        slow = latency.unmet(w, option)
        if slow is not None:
            change["rationale"] = (*option.rationale, slow)
        changes.append(change)
    by_label = {o.label: reasons[id(o)] for o in options if id(o) in reasons}
    return changes, cache, refused, by_label


def _cache_for(cache: Option, reason: str | None) -> Option:
    """The cache layer as shown with the recommended design: its first note says why the
    primary it fronts needs it (not another option's reason), and it is scored on its own,
    as the migration is, since its cost already counts in the option it serves."""
    changes = {"fit_score": fit_score(cache, cache.monthly)}
    if reason is not None:
        note = elasticache.layer_note(reason)
        changes["rationale"] = tuple(note if f.rule == note.rule else f for f in cache.rationale)
    return evolve(cache, **changes)


def _assumptions(
    notes: tuple[Finding, ...], ranked: list[Option], cache: Option | None
) -> list[Finding]:
    """The workload's assumed quantities the answer rests on, as design-wide findings: each
    shown only when an option shown uses it, and saying which alternatives when the
    recommended design (the primary, with its cache layer) does not."""
    if not ranked:
        return list(notes)
    primary = ranked[0]
    design = (primary, cache) if cache is not None and primary.needs_cache else (primary,)
    out = []
    for note in notes:
        if any(_rests_on(note.rule, o) for o in design):
            out.append(note)
            continue
        names = list(dict.fromkeys(_name(o) for o in ranked[1:] if _rests_on(note.rule, o)))
        if names:
            which = listed(names)
            out.append(evolve(note, message=f"{note.message} Only the {which} "
                              f"{'alternatives rest' if len(names) > 1 else 'alternative rests'} "
                              "on it, not the recommended design."))  # fmt: skip
    return out


def _name(option: Option) -> str:
    if option.service == "elasticache" and option.config.deployment == "serverless":
        return "ElastiCache Serverless"
    return SERVICE_NAMES[option.service].removeprefix("Amazon ")


def _rests_on(rule: str, option: Option) -> bool:
    """Whether `option`'s sizing or price uses the assumed quantity `rule` reports."""
    service = option.service
    if rule == "workload.iops_assumed":  # storage IOPS and Aurora's I/O requests
        return service in ("rds", "aurora")
    if rule == "workload.working_set_assumed":  # buffer cache, DAX nodes, the cache layer
        return service in ("rds", "aurora", "elasticache") or (
            service == "dynamodb" and option.config.dax is not None
        )
    if rule == "workload.average_assumed":  # request units, ACUs, I/O, backups; not nodes
        return service != "elasticache" or option.config.deployment == "serverless"
    return True


def _budget(w: Workload, primary: Option, cache: Option | None, ranked: list[Option]):
    budget = w.monthly_budget_usd
    if budget is None:
        return []
    total = primary.monthly + (cache.monthly if cache else Decimal(0))
    if total <= budget:
        unpriced = any(f.rule in UNPRICED_RULES for o in (primary, cache) if o for f in o.rationale)
        return [info("budget.within", f"{usd(total)}/month is within the {usd(budget)} budget"
                     + (", before the costs its risks name as not priced." if unpriced else "."),
                     "monthly_budget_usd")]  # fmt: skip
    cheapest = min(ranked, key=lambda o: (o.compared_monthly, -o.fit_score, o.label))
    out = [risk("budget.exceeded", f"The recommended {primary.label} costs {usd(total)}/month,"
                f" over the {usd(budget)} budget.", "monthly_budget_usd")]  # fmt: skip
    lever = info("budget.levers", levers(w, cheapest), "monthly_budget_usd")
    cost = cheapest.compared_monthly
    if cheapest is primary:
        out.append(risk("budget.none_feasible", f"No feasible option fits {usd(budget)}: this "
            f"is already the cheapest that meets the hard constraints. To spend less, relax "
            "a target (availability, RPO/RTO, latency) or the load it is sized for.",
            "monthly_budget_usd"))  # fmt: skip
        return [*out, lever]
    fits = cost <= budget
    gives_up = _gives_up(primary, cheapest)
    out.append(risk("budget.none_feasible" if not fits else "budget.cheapest",
        ("The budget is below every feasible option. " if not fits else "")
        + f"The cheapest feasible option is {cheapest.label} at {usd(cost)}/month "
        f"(fit {cheapest.fit_score} against {primary.fit_score}). It gives up: {gives_up}",
        "monthly_budget_usd"))  # fmt: skip
    return [*out, lever]


def _gives_up(primary: Option, cheaper: Option) -> str:
    mine = {f.message for f in primary.rationale}
    lost = [f.message for f in cheaper.rationale
            if f.severity in ("warning", "risk") and f.message not in mine]  # fmt: skip
    if not lost:
        return "nothing the targets ask for; it ranks lower on fit to the data model or pattern."
    return " ".join(lost[:3])


def _nothing_feasible(rejected: list[Rejected]) -> Finding:
    # One sentence per reason, options ruled out for the same reason named together; each
    # rejection keeps its full reason (with what would help) for the reader who opens it.
    labels: dict[str, list[str]] = {}
    for r in rejected:
        if r.reasons:
            labels.setdefault(_first_sentence(r.reasons[0].message), []).append(r.label)
    reasons = " ".join(f"{listed(names)}: {reason}" for reason, names in labels.items())
    return risk("recommendation.none_feasible", "No service in the catalog can hold this "
                f"workload as described. {reasons}")  # fmt: skip


def _first_sentence(text: str) -> str:
    head, stop, _rest = text.partition(". ")
    return head + "." if stop else text if text.endswith(".") else text + "."
