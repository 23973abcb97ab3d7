"""Filters for the design pages: stored answers and diffs shown as readable text."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def answer_value(value: Any) -> str:
    """One stored answer or config value: yes/no, "—" for none, lists joined."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list | tuple):
        return ", ".join(answer_value(v) for v in value) if value else "—"
    if isinstance(value, dict):
        return ", ".join(f"{k}: {answer_value(v)}" for k, v in value.items()) or "—"
    return str(value)


def _words(name: str) -> str:
    return str(name).replace("_", " ").capitalize()


@register.filter
def workload_label(name: str) -> str:
    """A workload field by its question's label (migration_source.engine: both labels)."""
    from ..questionnaire import QUESTION_BY_ID

    head, _dot, rest = str(name).partition(".")
    question = QUESTION_BY_ID.get(head)
    if question is None:
        return _words(name)
    if not rest:
        return question.label
    sub = next((q for q in question.subquestions if q.id == rest), None)
    return f"{question.label} › {sub.label if sub else _words(rest)}"


@register.filter
def config_label(name: str) -> str:
    from .advisor_format import CONFIG_LABELS

    label = CONFIG_LABELS.get(str(name).split(".")[0])
    return str(label) if label else _words(name)
