"""What the engine remembers (priced estimates per book, their rendered components) never
changes an answer: each answer is the one a book with nothing remembered gives."""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal

from advisor.engine import options, recommend, recommendation_to_json
from advisor.engine.memo import exact_text
from advisor.questionnaire import workload_from_json

ORDERS = {
    "data_model": "relational",
    "reads_per_sec": 4000,
    "writes_per_sec": 400,
    "storage_gb": 800,
    "regions": ["us-east-1", "us-west-2"],
    "multi_region": "dr",
}


def _fresh(book):
    """The same prices with nothing remembered."""
    return replace(book, _caches={})


def _text(payload, book) -> str:
    return json.dumps(recommendation_to_json(recommend(workload_from_json(payload), book)))


def test_equal_numbers_written_differently_keep_their_own_text(book):
    whole = {**ORDERS, "storage_gb": Decimal("800")}
    written = {**ORDERS, "storage_gb": Decimal("800.0")}
    expected_whole, expected_written = _text(whole, _fresh(book)), _text(written, _fresh(book))
    assert expected_whole != expected_written  # a note shows "800.0 GB", so a mix-up would show

    shared = _fresh(book)
    assert _text(whole, shared) == expected_whole
    assert _text(written, shared) == expected_written
    assert _text(whole, shared) == expected_whole


def test_an_answer_repeated_on_one_book_is_the_first_answer(book):
    shared = _fresh(book)
    first = _text(ORDERS, shared)
    assert shared.cache("engine.estimates")  # the second run is served what the first kept
    assert _text(ORDERS, shared) == first == _text(ORDERS, _fresh(book))


def test_estimates_kept_per_book_are_bounded(book, monkeypatch):
    monkeypatch.setattr(options, "ESTIMATES_KEPT", 3)
    shared = _fresh(book)
    for reads in (100, 200, 300, 400):
        _text({**ORDERS, "reads_per_sec": reads}, shared)
    assert len(shared.cache("engine.estimates")) == 3


def test_changing_a_rendered_answer_does_not_change_the_next_rendering(book):
    rec = recommend(workload_from_json(ORDERS), book)
    first = recommendation_to_json(rec)
    expected = json.dumps(first)
    first["primary"]["cost_components"][0]["name"] = "changed by a caller"
    first["primary"]["cost_components"].clear()
    assert json.dumps(recommendation_to_json(rec)) == expected


def test_exact_text_tells_apart_what_prints_differently_and_nothing_else():
    from advisor.configs import AuroraUsage, DaxConfig, DynamoDBConfig

    assert exact_text(AuroraUsage(storage_gb=Decimal("800"))) == exact_text(
        AuroraUsage(storage_gb=Decimal("800"))
    )
    assert exact_text(AuroraUsage(storage_gb=Decimal("800"))) != exact_text(
        AuroraUsage(storage_gb=Decimal("800.0"))
    )
    with_dax = DynamoDBConfig(dax=DaxConfig("dax.r5.large", 3))
    assert exact_text(with_dax) != exact_text(DynamoDBConfig(dax=DaxConfig("dax.r5.large", 5)))
    assert exact_text(with_dax) == exact_text(DynamoDBConfig(dax=DaxConfig("dax.r5.large", 3)))
    assert exact_text(None) == "None"  # not a dataclass: its repr


def test_a_remembered_pricing_failure_is_raised_again_as_a_fresh_equal_error(book):
    from advisor.configs import ElastiCacheConfig, ElastiCacheUsage
    from advisor.estimator import EstimateError

    shared = _fresh(book)
    reserved_valkey = ElastiCacheConfig(engine="valkey", deployment="node_based",
                                        node_type="cache.r7g.large", pricing_term="1yr_no_upfront")  # fmt: skip
    raised = []
    for _ in range(2):
        try:
            options.priced_estimate("elasticache", "us-east-1", reserved_valkey,
                                    ElastiCacheUsage(), shared)  # fmt: skip
        except EstimateError as exc:
            raised.append(exc)
    first, again = raised
    assert again is not first and again.__traceback__ is not first.__traceback__
    assert (again.field, again.message, again.args) == (first.field, first.message, first.args)


def test_an_answer_that_asks_for_an_unpriced_rate_is_the_same_when_remembered(book):
    # ERP's Oracle SE2 has no reserved price: the commitment note is left out both times.
    erp = {"data_model": "relational", "reads_per_sec": 900, "writes_per_sec": 150,
           "storage_gb": 2500, "engine_preference": "oracle", "iops_required": 15000}  # fmt: skip
    shared = _fresh(book)
    first = _text(erp, shared)
    assert any(isinstance(v, Exception) for v in shared.cache("engine.estimates").values())
    assert _text(erp, shared) == first == _text(erp, _fresh(book))
