from __future__ import annotations

from pathlib import Path

from advisor.i18n_catalog import questionnaire_strings, render_strings_module

GENERATED = Path(__file__).resolve().parents[2] / "advisor" / "questionnaire_strings.py"


def test_translation_strings_file_is_in_step_with_the_question_table():
    # If this fails: python manage.py questionnaire_strings
    assert GENERATED.read_text(encoding="utf-8") == render_strings_module()


def test_every_label_and_help_text_is_marked_for_translation():
    from advisor.questionnaire import QUESTIONS

    strings = set(questionnaire_strings())
    for q in QUESTIONS:
        assert q.label in strings
        assert q.help in strings
        for _value, label in q.choices:
            assert label in strings


def test_every_validation_message_template_is_marked_for_translation():
    from advisor.i18n_catalog import problem_templates

    templates = problem_templates()
    strings = set(questionnaire_strings())
    assert "must be at least %(minimum)s" in templates
    assert "average writes cannot exceed peak writes (%(peak)s/s)" in templates
    assert len(templates) >= 25 and set(templates) <= strings


def test_a_problem_reads_as_english_and_keeps_what_it_was_made_from():
    from decimal import Decimal

    from advisor.questionnaire import Problem

    problem = Problem("must be at least %(minimum)s", minimum=Decimal(0))
    assert problem == "must be at least 0"
    assert (problem.template, problem.values) == ("must be at least %(minimum)s",
                                                  {"minimum": Decimal(0)})  # fmt: skip
