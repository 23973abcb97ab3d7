"""A stored workload answer as people read it: the question's label, the choice's label, the
number with its unit and thousands separators, and what an empty answer means.

One place for every page and download that shows a workload (the shared report, its Markdown
export, a version's page, the diff of two versions). Pure, like the questionnaire it reads:
the caller passes its `translate` (Django's gettext on the web pages); the labels it gets are
the ones `questionnaire_strings` marks for translation.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from .number_text import decimal_or_none, grouped
from .questionnaire import QUESTION_BY_ID, QUESTIONS, Question, shipped_regions

Translate = Callable[[str], str]
EMPTY = "—"


def _same(text: str) -> str:
    return text


@dataclass(frozen=True, slots=True)
class AnswerText:
    name: str  # the workload field (migration_source.engine for a part of the migration)
    label: str
    value: str
    unstated: bool  # left empty: `value` says what that means ("no budget")


def _question(name: str) -> tuple[Question | None, Question | None]:
    """The question of a field name and, for a dotted name, its subquestion."""
    head, _dot, rest = str(name).partition(".")
    question = QUESTION_BY_ID.get(head)
    if question is None or not rest:
        return question, None
    return question, next((q for q in question.subquestions if q.id == rest), None)


def _words(name: str) -> str:
    return str(name).replace("_", " ").capitalize()


def answer_label(name: str, translate: Translate = _same) -> str:
    """A field by its question's label; a part of the migration by both labels."""
    question, sub = _question(name)
    if question is None:
        return _words(name)
    if "." not in str(name):
        return translate(question.label)
    rest = str(name).partition(".")[2]
    return f"{translate(question.label)} › {translate(sub.label) if sub else _words(rest)}"


def _number(question: Question, value: Any, translate: Translate) -> str:
    amount = decimal_or_none(value)
    if amount is None:
        return str(value)
    text = grouped(amount)
    if not question.unit:
        return text
    if question.unit == "%":
        return f"{text}%"
    return f"{text} {translate(question.unit)}"


def _choice(question: Question, value: Any, translate: Translate) -> str:
    for choice, label in question.choices:
        # Availability targets are Decimal choices stored as JSON numbers (99.95).
        same = decimal_or_none(value) == choice if not isinstance(choice, str) else value == choice
        if same:
            return translate(label)
    return str(value)  # a value no longer offered: shown as it was stored


def _plain(value: Any, translate: Translate) -> str:
    """A value without a question (a field an older snapshot had): readable, unlabelled."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return translate("yes") if value else translate("no")
    if isinstance(value, list | tuple):
        return ", ".join(_plain(v, translate) for v in value) or translate("none")
    if isinstance(value, dict):
        return "; ".join(f"{_words(k)}: {_plain(v, translate)}" for k, v in value.items())
    amount = decimal_or_none(value)
    return grouped(amount) if amount is not None else str(value)


# The form's words for an empty answer, where they read as an instruction ("estimate it")
# rather than as what the empty answer means on a page about a saved design.
EMPTY_MEANINGS = {
    "working_set_gb": "estimated by the advisor",
    "iops_required": "estimated by the advisor",
    "avg_reads_per_sec": "derived from the traffic pattern",
    "avg_writes_per_sec": "derived from the traffic pattern",
}


def _value(question: Question, value: Any, translate: Translate) -> str:
    if value is None:
        meaning = EMPTY_MEANINGS.get(question.id) or question.null_label
        return translate(meaning) if meaning else EMPTY
    kind = question.type
    if kind == "boolean" and isinstance(value, bool):
        return translate("yes") if value else translate("no")
    if kind == "choice":
        return _choice(question, value, translate)
    if kind in ("multi_choice", "regions") and isinstance(value, list | tuple):
        if not value:
            return translate("none")
        if kind == "regions":
            # As the form lists them; a code the shipped catalog does not name stays a code.
            names = shipped_regions()
            return ", ".join(f"{names[v]} ({v})" if v in names else str(v) for v in value)
        return ", ".join(_choice(question, v, translate) for v in value)
    if kind in ("number", "integer"):
        return _number(question, value, translate)
    if kind == "object" and isinstance(value, Mapping):
        return "; ".join(
            f"{translate(sq.label)}: {_value(sq, value.get(sq.id), translate)}"
            for sq in question.subquestions
            if sq.id in value
        )
    if kind == "string":
        return str(value) if value != "" else EMPTY
    return _plain(value, translate)


def answer_text(name: str, value: Any, translate: Translate = _same) -> str:
    """One answer's value as people read it, by its field name (dotted for a migration part)."""
    question, sub = _question(name)
    if question is None or ("." in str(name) and sub is None):
        return _plain(value, translate)
    return _value(sub or question, value, translate)


def _unstated(name: str, value: Any) -> bool:
    question, sub = _question(name)
    target = sub or question
    return value is None and target is not None and bool(target.null_label)


def workload_answers(workload: Mapping[str, Any], translate: Translate = _same) -> list[AnswerText]:
    """Every answer of a stored workload, in the questionnaire's order; fields the questions
    no longer have (an older snapshot) follow, by their own names."""
    known = [q.id for q in QUESTIONS if q.id in workload]
    extra = [name for name in workload if name not in QUESTION_BY_ID]
    return [
        AnswerText(
            name=name,
            label=answer_label(name, translate),
            value=answer_text(name, workload[name], translate),
            unstated=_unstated(name, workload[name]),
        )
        for name in known + extra
    ]
