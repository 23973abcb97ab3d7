"""Filters for the design pages and the shared report: stored answers and diffs shown as
readable text, in the page's language."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext, gettext_noop

from ..workload_display import AnswerText, answer_label, answer_text, workload_answers
from .advisor_format import _config_value, _key_label

register = template.Library()

# The workload display's own words, beside the questionnaire's (questionnaire_strings.py).
STRINGS = [
    gettext_noop("yes"),
    gettext_noop("no"),
    gettext_noop("none"),
    gettext_noop("estimated by the advisor"),
    gettext_noop("derived from the traffic pattern"),
]


@register.filter
def workload_items(workload: dict | None) -> list[AnswerText]:
    """Every answer of a stored workload: label, readable value, and whether it was left
    empty (its value then says what that means)."""
    return workload_answers(workload or {}, gettext)


@register.filter
def workload_value(value: Any, name: str) -> str:
    """`{{ change.before|workload_value:change.name }}`: one answer by its field name."""
    return answer_text(name, value, gettext)


@register.filter
def workload_label(name: str) -> str:
    """A workload field by its question's label (migration_source.engine: both labels)."""
    return answer_label(name, gettext)


@register.filter
def config_value(value: Any) -> str:
    """One setting of an option's `config`, as the answer page shows it."""
    return _config_value(value)


@register.filter
def config_label(name: str) -> str:
    head, _dot, rest = str(name).partition(".")
    return f"{_key_label(head)} › {_key_label(rest)}" if rest else _key_label(head)
