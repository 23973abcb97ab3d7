"""recommendation_json_text: the API's answer as JSON text, exactly
`json.dumps(recommendation_to_json(rec))`, assembled from pieces encoded once.

Most of an answer's text is findings and cost components, and most of those recur from one
answer to the next (the same rule, the same sentence; the same priced estimate, which
advisor.engine.options keeps per book). Encoding them anew is most of the cost of json.dumps,
so their encoded text is kept: findings by value (a Finding is a frozen dataclass of
strings, so equal findings read the same), components alongside their rendering in
serialize.py. Everything else goes through json.dumps as before, with its default
separators, so the bytes are the same; tests/unit/engine/test_answer_text.py holds them to it.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from json.encoder import encode_basestring_ascii as _text

from advisor.questionnaire import workload_to_json

from .memo import remember
from .model import Finding, Option, Recommendation, Rejected
from .serialize import components_text, config_to_json, money

_dumps = json.dumps  # default encoder: ensure_ascii, ", " and ": " separators
# _text: how that encoder writes a string (the same function), without a dumps call per value.
FINDING_TEXTS_KEPT = 4096  # about 400 bytes each
_finding_texts: OrderedDict[Finding, str] = OrderedDict()


def recommendation_json_text(rec: Recommendation) -> str:
    return _object(
        ("workload", _dumps(workload_to_json(rec.workload))),
        (
            "catalog",
            _dumps(
                {
                    "version": rec.catalog_version,
                    "as_of": rec.catalog_as_of.isoformat(),
                    "currency": rec.currency,
                }
            ),
        ),  # fmt: skip
        ("primary", _option(rec.primary)),
        ("cache", _option(rec.cache)),
        ("migration", _option(rec.migration)),
        ("alternatives", _array(_option(o) for o in rec.alternatives)),
        ("rejected", _array(_rejected(r) for r in rec.rejected)),
        ("findings", _findings(rec.findings)),
        ("total_monthly_usd", _text(money(rec.total_monthly))),
    )


def _object(*pairs: tuple[str, str]) -> str:
    return "{" + ", ".join(f'"{key}": {text}' for key, text in pairs) + "}"


def _array(texts) -> str:
    return "[" + ", ".join(texts) + "]"


def _option(option: Option | None) -> str:
    if option is None:
        return "null"
    return _object(
        ("service", _text(option.service)),
        ("label", _text(option.label)),
        ("region", _text(option.region)),
        ("config", _dumps(config_to_json(option.config))),
        ("monthly_usd", _text(money(option.monthly))),
        ("upfront_usd", _text(money(option.upfront))),
        ("cost_components", components_text(option.components)),
        ("rationale", _findings(option.rationale)),
        ("fit_score", _dumps(option.fit_score)),
        ("needs_cache", "true" if option.needs_cache else "false"),
    )


def _rejected(rejected: Rejected) -> str:
    return _object(
        ("service", _text(rejected.service)),
        ("label", _text(rejected.label)),
        ("reasons", _findings(rejected.reasons)),
    )


def _findings(findings: tuple[Finding, ...]) -> str:
    texts = []
    for finding in findings:
        text = _finding_texts.get(finding)
        if text is None:
            text = remember(_finding_texts, finding, _finding(finding), FINDING_TEXTS_KEPT)
        texts.append(text)
    return _array(texts)


def _finding(f: Finding) -> str:
    """json.dumps(finding_to_json(f)), key by key."""
    return _object(
        ("rule", _text(f.rule)),
        ("severity", _text(f.severity)),
        ("message", _text(f.message)),
        ("source", _text(f.source)),
        ("cites", _array(_text(c) for c in f.cites)),
    )
