"""Golden files: set UPDATE_GOLDEN=1 to rewrite tests/golden/*.txt from the current estimator
and tests/golden/answers/*.json from the current engine.

    UPDATE_GOLDEN=1 .venv/bin/pytest tests/unit/estimator/test_golden.py tests/unit/engine/test_golden_answers.py

An environment variable rather than a pytest option: options declared in a conftest below the
rootdir are not seen when pytest is run from the project root.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

GOLDEN_DIR = Path(__file__).resolve().parents[1] / "golden"


@pytest.fixture(scope="session")
def update_golden() -> bool:
    return os.environ.get("UPDATE_GOLDEN", "") in ("1", "true", "yes")


@pytest.fixture(scope="session")
def golden_dir() -> Path:
    return GOLDEN_DIR
