"""Fixtures of the integration tests: the actors of the team stories (see actors.py)."""

from .actors import (  # noqa: F401 - registered as fixtures by being imported here
    alice,
    bob,
    charlie,
    charlies_team,
    design,
    design_v2,
    fast_password_hashing,
    team,
    vera,
)
