"""Whole answers of representative workloads, compared with tests/golden/answers/<name>.json.

Rules and prices are tested one by one elsewhere; this catches what a change to how the engine
works (a memo, a faster search, a refactor) does to any part of an answer it did not mean to
touch. When a difference is intended, read the diff and regenerate with
`UPDATE_GOLDEN=1 .venv/bin/pytest tests/unit/engine/test_golden_answers.py`.
"""

from __future__ import annotations

import json

import pytest

from advisor.recommending import recommendation_for_payload

from .golden_workloads import WORKLOADS


def _text(answer: dict) -> str:
    return json.dumps(answer, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


@pytest.mark.parametrize("name", sorted(WORKLOADS))
def test_answer_matches_its_golden_file(name, book, golden_dir, update_golden):
    text = _text(recommendation_for_payload(WORKLOADS[name], book))
    path = golden_dir / "answers" / f"{name}.json"
    if update_golden:
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    assert path.exists(), f"{path} is missing: run with UPDATE_GOLDEN=1 to create it"
    assert text == path.read_text(encoding="utf-8")


def test_every_golden_answer_has_a_workload(golden_dir):
    stale = sorted(
        p.stem for p in (golden_dir / "answers").glob("*.json") if p.stem not in WORKLOADS
    )
    assert not stale, f"golden answers without a workload (delete them): {stale}"
