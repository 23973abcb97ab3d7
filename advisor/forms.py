"""The questionnaire as an HTML form, built from advisor/questionnaire.py's QUESTIONS.

Nothing about a question (label, help, choices, bounds, unit, default) is restated here: the
form only chooses widgets. Validation is not the form's either: `payload_from_form_data` turns
form or query-string data into the API's workload JSON, and `workload_from_json` (through the
recommendation service) judges it, so the page and the API give the same messages.

Form data keys are the question ids, except:
- `regions`: repeated, the first is the primary (`?regions=eu-west-1&regions=us-east-1`); the
  form sends the primary from a select and the others from checkboxes, under the same name.
- `migration_source`: one key per sub-question, `migration_<id>` (`migration_engine`, ...);
  an empty `migration_engine` means no migration.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from .auth import password_check_throttled
from .questionnaire import EDITIONS, QUESTION_BY_ID, QUESTIONS, SECTIONS, Problem, Question

MIGRATION_ID = "migration_source"
MIGRATION_PREFIX = "migration_"
REGIONS_ID = "regions"
TRUE_VALUES = ("on", "true", "1", "yes")
FALSE_VALUES = ("off", "false", "0", "no", "")

FormData = dict[str, str | list[str]]


def migration_field_name(sub_id: str) -> str:
    return f"{MIGRATION_PREFIX}{sub_id}"


def form_field_names(question: Question) -> list[str]:
    """The form fields that carry one question's answer."""
    if question.type == "object":
        return [migration_field_name(sq.id) for sq in question.subquestions]
    return [question.id]


def say(message: str) -> str:
    """A questionnaire message in the reader's language: a Problem through its template
    (translated, then filled in), any other text as it is translated."""
    if isinstance(message, Problem):
        template = _(message.template)
        return template % message.values if message.values else template
    return _(message)


def form_field_for_error(key: str) -> str:
    """The form field beside which an error of workload_from_json is shown.

    Errors name API fields ("reads_per_sec", "migration_source.engine"); unknown names (none
    come from the form) fall back to the first migration field or themselves."""
    if key.startswith(f"{MIGRATION_ID}."):
        return migration_field_name(key.split(".", 1)[1])
    if key == MIGRATION_ID:
        return migration_field_name(QUESTION_BY_ID[MIGRATION_ID].subquestions[0].id)
    return key


# --- form data -> workload JSON -------------------------------------------------------------


def _number(raw: str) -> Decimal | str:
    """A typed number as Decimal; text that is not one is passed on unchanged so that
    workload_from_json says "must be a number" beside the field."""
    text = raw.strip()
    try:
        value = Decimal(text)
    except InvalidOperation:
        return raw
    return value if value.is_finite() else raw


def _boolean(raw: str) -> bool | str:
    text = raw.strip().lower()
    if text in TRUE_VALUES:
        return True
    if text in FALSE_VALUES:
        return False
    return raw


def _choice_value(question: Question, raw: str) -> Any:
    allowed = [value for value, _label in question.choices]
    if allowed and isinstance(allowed[0], Decimal):
        return _number(raw)
    return raw


_ABSENT = object()


def _scalar(question: Question, data: Mapping[str, Any], name: str) -> Any:
    """One answer from form data, or _ABSENT to let the question's default apply.

    Empty means null for a nullable question and "not answered" otherwise (so a required
    question says "is required" and an optional one takes its default)."""
    if name not in data:
        return False if question.type == "boolean" else _ABSENT
    raw = data.get(name)
    raw = "" if raw is None else str(raw)
    if question.type == "boolean":
        return _boolean(raw)
    if question.type == "string":
        return raw  # as typed, as the API would take it
    if raw.strip() == "":
        return None if question.nullable else _ABSENT
    if question.type in ("number", "integer"):
        return _number(raw)
    if question.type == "choice":
        return _choice_value(question, raw.strip())
    return raw


def _list(data: QueryDict | Mapping[str, Any], name: str) -> list[str]:
    values = data.getlist(name) if hasattr(data, "getlist") else data.get(name, [])
    if isinstance(values, str):
        values = [values]
    out: list[str] = []
    for value in values:
        value = str(value).strip()
        # The primary region may be ticked again among the others: keep its first place.
        if value and value not in out:
            out.append(value)
    return out


def payload_from_form_data(data: QueryDict | Mapping[str, Any]) -> dict:
    """The API's workload JSON from form or query-string data (see the module docstring for
    the keys). Keys that are not answers (csrf token, save controls) are ignored."""
    payload: dict[str, Any] = {}
    for q in QUESTIONS:
        if q.type == "object":
            engine_name = migration_field_name(q.subquestions[0].id)
            if engine_name not in data:
                continue
            if not str(data.get(engine_name) or "").strip():
                payload[q.id] = None
                continue
            source = {}
            for sq in q.subquestions:
                value = _scalar(sq, data, migration_field_name(sq.id))
                if value is not _ABSENT:
                    source[sq.id] = value
            payload[q.id] = source
        elif q.type == "regions":
            if q.id in data:
                payload[q.id] = _list(data, q.id)
        elif q.type == "multi_choice":
            # An unticked checkbox sends nothing: absence is the empty list.
            payload[q.id] = _list(data, q.id)
        else:
            value = _scalar(q, data, q.id)
            if value is not _ABSENT:
                payload[q.id] = value
    return payload


# --- workload JSON -> form data -------------------------------------------------------------


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "on" if value else ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value else "0"
    if isinstance(value, float):
        return _text(Decimal(str(value)))
    return str(value)


def form_data_from_payload(payload: Mapping[str, Any]) -> FormData:
    """Form data that `payload_from_form_data` turns back into `payload`: for prefilling the
    form and for links that carry an answer. Answers missing from `payload` are left out."""
    data: FormData = {}
    for q in QUESTIONS:
        if q.id not in payload:
            continue
        value = payload[q.id]
        if q.type == "object":
            if not value:
                data[migration_field_name(q.subquestions[0].id)] = ""
                continue
            for sq in q.subquestions:
                if sq.id in value:
                    data[migration_field_name(sq.id)] = _text(value[sq.id])
        elif q.type in ("regions", "multi_choice"):
            data[q.id] = [str(v) for v in value or ()]
        elif q.type == "boolean":
            if value is True:
                data[q.id] = "on"
            elif value is not False:
                data[q.id] = _text(value)  # not a bool: kept so validation names it
        else:
            data[q.id] = _text(value)
    return data


def form_data_from_workload(payload: Mapping[str, Any]) -> list[tuple[str, str]]:
    """`form_data_from_payload` as (key, value) pairs, list answers repeated: ready for
    `urlencode(pairs)` to build a prefill link."""
    pairs: list[tuple[str, str]] = []
    for key, value in form_data_from_payload(payload).items():
        if isinstance(value, list):
            pairs.extend((key, v) for v in value)
        else:
            pairs.append((key, value))
    return pairs


def query_dict(data: FormData) -> QueryDict:
    """FormData as a QueryDict (list values repeated), as a form or a link needs it."""
    qd = QueryDict(mutable=True)
    for key, value in data.items():
        if isinstance(value, list):
            qd.setlist(key, value)
        else:
            qd[key] = value
    return qd


def default_form_data() -> FormData:
    """The form's answers before anyone answers: each question's own default."""
    return form_data_from_payload({q.id: q.default for q in QUESTIONS if not q.required})


def link_data(payload: Mapping[str, Any]) -> FormData:
    """The answers that differ from the defaults: what a shareable link must carry."""
    # Unticked checkboxes and migration details have no entry among the defaults: get() is
    # None for them, so any value of theirs is carried.
    defaults = default_form_data()
    return {k: v for k, v in form_data_from_payload(payload).items() if defaults.get(k) != v}


# --- the form -------------------------------------------------------------------------------


def _bounds_attrs(q: Question) -> dict[str, str]:
    whole = q.type == "integer"
    attrs = {"step": "1" if whole else "any", "inputmode": "numeric" if whole else "decimal"}
    if q.minimum is not None and not q.exclusive_minimum:
        attrs["min"] = _text(q.minimum)
    if q.maximum is not None:
        attrs["max"] = _text(q.maximum)
    return attrs


def _choice_list(q: Question) -> list[tuple[str, str]]:
    choices = [(_text(value), _(label)) for value, label in q.choices]
    if q.nullable:
        choices.insert(0, ("", capfirst(_(q.null_label)) if q.null_label else "—"))
    elif q.required:
        choices.insert(0, ("", _("Choose…")))
    return choices


def _field(q: Question, region_choices: list[tuple[str, str]]) -> forms.Field:
    """One form field for a (sub-)question. Every field is optional here: answers are judged
    by workload_from_json, whose messages the view puts beside the fields."""
    common = {"label": _(q.label), "help_text": _(q.help), "required": False}
    if q.type == "boolean":
        return forms.BooleanField(**common)
    if q.type == "string":
        attrs = {"maxlength": str(q.max_length)} if q.max_length else {}
        return forms.CharField(widget=forms.TextInput(attrs=attrs), strip=False, **common)
    if q.type in ("number", "integer"):
        attrs = _bounds_attrs(q)
        if q.required:
            attrs["required"] = "required"
        elif q.nullable and q.null_label:
            attrs["placeholder"] = capfirst(_(q.null_label))  # what leaving it empty means
        elif q.default is not None:
            attrs["placeholder"] = _text(q.default)
        return forms.CharField(widget=forms.NumberInput(attrs=attrs), **common)
    if q.type == "choice":
        attrs = {"required": "required"} if q.required else {}
        widget = EditionSelect if q.id == "engine_edition" else forms.Select
        return forms.ChoiceField(choices=_choice_list(q), widget=widget(attrs=attrs), **common)
    if q.type == "multi_choice":
        return forms.MultipleChoiceField(
            choices=[(v, _(label)) for v, label in q.choices],
            widget=forms.CheckboxSelectMultiple,
            **common,
        )
    if q.type == "regions":
        return forms.MultipleChoiceField(choices=region_choices, **common)
    raise ValueError(f"no widget for question type {q.type!r}")  # pragma: no cover


# Rows shown first in their section, before the questions they govern.
SHOWN_FIRST = ("multi_region",)

# Edition and licence count only for Oracle and SQL Server, and a rejection may ask to change
# them ("Enterprise Edition is bring-your-own-licence only"): they sit right under the engine
# question, shown once one of those engines is the one RDS runs, never folded among "more
# questions" where nobody would look. The edition follows the engine the team keeps (the
# questionnaire refuses one otherwise); the licence also follows an engine migrated from,
# which RDS keeps when the team names none (engine/relational.rds_engine).
LICENSED_ENGINES = tuple(EDITIONS)
BESIDE_ENGINE = {"engine_edition": "kept", "license_model": "rds"}


class EditionSelect(forms.Select):
    """Each edition names the engines that sell it, so the page offers only the chosen
    engine's (questionnaire.js)."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        engines = [engine for engine, editions in EDITIONS.items() if value in editions]
        if engines:
            option["attrs"]["data-engines"] = " ".join(engines)
        return option


class QuestionnaireForm(forms.Form):
    """The questions as form fields, in QUESTIONS order, grouped by section in `sections()`.

    The form renders; it does not validate. `workload_errors` holds workload_from_json's
    messages by form field name (see `set_workload_errors`)."""

    def __init__(self, *args, regions: Mapping[str, str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.region_choices = [(code, f"{name} ({code})") for code, name in sorted(regions.items())]
        self.region_names = sorted(regions.items())
        self.optional: set[str] = set()
        self.questions: dict[str, Question] = {}
        self.workload_errors: dict[str, list[str]] = {}
        self.other_errors: list[str] = []
        for q in QUESTIONS:
            if q.type == "object":
                for sq in q.subquestions:
                    field = _field(sq, self.region_choices)
                    if sq is q.subquestions[0]:
                        # The first sub-question also says whether there is a migration at all:
                        # it carries the question's own label, and may be left empty.
                        field.choices = [("", capfirst(_(q.null_label))), *field.choices[1:]]
                        field.label = _(q.label)
                        field.help_text = _(q.help)
                        field.widget.attrs.pop("required", None)
                        self.optional.add(migration_field_name(sq.id))
                    name = migration_field_name(sq.id)
                    self.fields[name] = field
                    self.questions[name] = sq
            else:
                self.fields[q.id] = _field(q, self.region_choices)
                self.questions[q.id] = q
        for name, field in self.fields.items():
            field.widget.attrs["aria-describedby"] = f"help-{name} errors-{name}"

    def set_workload_errors(self, errors: Mapping[str, list[str]]) -> None:
        """Put workload_from_json's messages beside the fields they name; a message about no
        form field (none should come) is kept for the top of the form."""
        self.workload_errors = {}
        self.other_errors = []
        for key, messages in errors.items():
            name = form_field_for_error(key)
            translated = [say(m) for m in messages]
            if name == REGIONS_ID:
                # Shown under the other-Regions list as a sentence telling what to do.
                translated = [capfirst(m) for m in translated]
            if name in self.fields:
                self.workload_errors.setdefault(name, []).extend(translated)
                self.fields[name].widget.attrs["aria-invalid"] = "true"
            else:
                # "workload" names the answers as a whole: its message needs no field name.
                self.other_errors.extend(capfirst(m) if key == "workload" else f"{key}: {m}"
                                         for m in translated)  # fmt: skip

    def row(self, name: str) -> dict:
        """What the template needs to draw one field."""
        q = self.questions[name]
        return {
            "name": name,
            "field": self[name],
            "question": q,
            "kind": "regions" if q.type == "regions" else q.type,
            "unit": _(q.unit) if q.unit and q.unit != "%" else "",
            "required": q.required and name not in self.optional,
            "errors": self.workload_errors.get(name, []),
            "changed": self._changed(name, q),
            **self._dependency(name),
            **self._licensed(name),
        }

    def _dependency(self, name: str) -> dict:
        """The migration details count only once a source engine is chosen: `depends_on`
        names that field, `inactive` says it is empty (the page hides or flags the row)."""
        engine = migration_field_name(QUESTION_BY_ID[MIGRATION_ID].subquestions[0].id)
        if not name.startswith(MIGRATION_PREFIX) or name == engine:
            return {}
        value = self.data.get(engine) if self.is_bound else self.initial.get(engine)
        return {"depends_on": engine, "inactive": not str(value or "").strip()}

    def _licensed(self, name: str) -> dict:
        """For edition and licence: `licensed_by` says which engine they follow ("kept": the
        engine to keep; "rds": that, else the one migrated from), `licence_hidden` that it is
        neither Oracle nor SQL Server (and no message stands beside the field)."""
        follows = BESIDE_ENGINE.get(name)
        if follows is None:
            return {}
        data = self.data if self.is_bound else self.initial
        engine = str(data.get("engine_preference") or "")
        if not engine and follows == "rds":
            engine = str(data.get(migration_field_name("engine")) or "")
        hidden = engine not in LICENSED_ENGINES and not self.workload_errors.get(name)
        return {"licensed_by": follows, "licence_hidden": hidden}

    def _changed(self, name: str, q: Question) -> bool:
        """Whether the bound answer differs from the question's default."""
        if not self.is_bound:
            return False
        default = default_form_data().get(name)
        if q.type in ("multi_choice", "regions"):
            return _list(self.data, name) != (default or [])
        value = str(self.data.get(name) or "")
        return value.strip() != (default or "")

    def rows(self) -> list[dict]:
        return [self.row(name) for name in self.fields]

    def regions_value(self) -> list[str]:
        """The regions answered, primary first (bound data, else the initial value)."""
        if self.is_bound:
            return _list(self.data, REGIONS_ID)
        initial = self.initial.get(REGIONS_ID, QUESTION_BY_ID[REGIONS_ID].default)
        return [initial] if isinstance(initial, str) else list(initial)

    def sections(self) -> list[dict]:
        """[{id, label, rows, advanced}] in SECTIONS order; `advanced` rows fold away, and
        open when one of them has an error or a value other than its default."""
        out = []
        for section_id, label in SECTIONS:
            basic, advanced = [], []
            for q in QUESTIONS:
                if q.section == section_id:
                    rows = [self.row(name) for name in form_field_names(q)]
                    folded = q.advanced and q.id not in BESIDE_ENGINE
                    (advanced if folded else basic).extend(rows)
            # The mode comes before the Region list: it says whether the list matters.
            basic.sort(key=lambda r: r["name"] not in SHOWN_FIRST)
            out.append(
                {
                    "id": section_id,
                    "label": _(label),
                    "rows": basic,
                    "advanced": advanced,
                    "advanced_open": any(r["errors"] or r["changed"] for r in advanced),
                }
            )
        return out


def email_field(*, label: str, help_text: str) -> forms.EmailField:
    """An optional address, as long as User.email may be (sign-up and the email page). Not
    unique, and never said to be in use: that would tell anyone which addresses have accounts.
    The reset mail names the username, so accounts sharing an address can tell their links
    apart. Cleaned values go through BaseUserManager.normalize_email (the domain is
    case-insensitive, the local part may not be)."""
    from django.contrib.auth import get_user_model

    return forms.EmailField(
        label=label,
        help_text=help_text,
        required=False,
        max_length=get_user_model()._meta.get_field("email").max_length,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class ThrottledPasswordCheck:
    """For an account form that asks for the user's password (password change, the email
    page): the password is checked against log-in's throttle, and `throttled` says whether
    the throttle refused it (the view then says when to try again). Needs `user` and `ip`."""

    throttled = False
    ip = ""

    def checked_password(self, field: str) -> str:
        password = self.cleaned_data[field]
        try:
            password_check_throttled(self.user, password, ip=self.ip)
        except ValidationError as exc:
            self.throttled = exc.code == "throttled"
            raise
        return password
