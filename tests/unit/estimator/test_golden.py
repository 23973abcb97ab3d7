"""Rendered estimates of representative configurations, compared with tests/golden/<case>.txt.

A difference means a price or a billing rule changed: read the diff, and when the change is
intended regenerate with `UPDATE_GOLDEN=1 .venv/bin/pytest tests/unit/estimator/test_golden.py`.
"""

from __future__ import annotations

import pytest

from advisor.estimator import estimate
from advisor.estimator.render import render

from .golden_cases import CASES


@pytest.mark.parametrize("case", sorted(CASES))
def test_rendered_estimate_matches_its_golden_file(case, book, golden_dir, update_golden):
    service, region, config, usage = CASES[case]
    text = render(estimate(service, region, config, usage, book))
    path = golden_dir / f"{case}.txt"
    if update_golden:
        path.write_text(text, encoding="utf-8")
        return
    assert path.exists(), f"{path} is missing: run with UPDATE_GOLDEN=1 to create it"
    assert text == path.read_text(encoding="utf-8")


def test_every_golden_file_has_a_case(golden_dir):
    stale = sorted(p.stem for p in golden_dir.glob("*.txt") if p.stem not in CASES)
    assert not stale, f"golden files without a case (delete them): {stale}"
