"""Site pages. The landing page is the questionnaire itself: the tool, not a brochure."""

from __future__ import annotations

from .questionnaire import questionnaire as home

__all__ = ["home"]
