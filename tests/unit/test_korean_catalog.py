"""The Korean catalog (locale/ko/LC_MESSAGES): complete, faithful to each msgid's placeholders
and markup, and compiled. The .mo is committed so that a clone without GNU gettext serves Korean;
these tests fail when it falls out of step with the .po."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import polib
import pytest

LC_MESSAGES = Path(__file__).resolve().parents[2] / "locale" / "ko" / "LC_MESSAGES"
PO = LC_MESSAGES / "django.po"
MO = LC_MESSAGES / "django.mo"
RECOMPILE = "recompile it: python manage.py compilemessages -l ko"

# printf-style as Python formats them (%(name)s, %d, %s, %%), str.format fields ({name}),
# HTML tags with their attributes and HTML entities: all must survive translation unchanged.
_PRINTF = re.compile(r"%(?:\([A-Za-z_][A-Za-z0-9_]*\))?[-#0 +]*\d*(?:\.\d+)?[sdifrxXeEgG%]")
_BRACES = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")
_TAGS = re.compile(r"</?[A-Za-z][^>]*>")
_ENTITIES = re.compile(r"&[A-Za-z]+;|&#\d+;")


def _catalog() -> polib.POFile:
    return polib.pofile(str(PO))


def _entries() -> list[polib.POEntry]:
    return [e for e in _catalog() if not e.obsolete]


def _tokens(text: str, *, printf: bool) -> Counter:
    found = _BRACES.findall(text) + _TAGS.findall(text) + _ENTITIES.findall(text)
    if printf:
        found += _PRINTF.findall(text)
    return Counter(found)


def placeholder_mismatches(entry: polib.POEntry) -> list[str]:
    """What a translation adds to or drops from its msgid: placeholders, tags, entities.

    Only python-format entries have printf placeholders; elsewhere a "%" is just a percent sign
    ("99.9%"). A plural's single Korean form must carry what the English plural carries."""
    printf = "python-format" in entry.flags
    source = entry.msgid_plural or entry.msgid
    wanted = _tokens(source, printf=printf)
    if entry.msgid_plural:
        # Korean has one form for every count: it must work for the singular's msgid too.
        assert _tokens(entry.msgid, printf=printf) == wanted, entry.msgid
        translations = list(entry.msgstr_plural.values())
    else:
        translations = [entry.msgstr]
    problems = []
    for text in translations:
        got = _tokens(text, printf=printf)
        if got != wanted:
            missing, extra = wanted - got, got - wanted
            problems.append(f"{entry.msgid!r}: missing {dict(missing)}, extra {dict(extra)}")
    return problems


def test_the_header_says_korean_has_one_plural_form():
    catalog = _catalog()
    assert catalog.metadata["Language"] == "ko"
    assert catalog.metadata["Plural-Forms"] == "nplurals=1; plural=0;"
    assert not catalog.metadata_is_fuzzy


def test_every_entry_is_translated_and_none_is_fuzzy():
    catalog = _catalog()
    untranslated = [e.msgid for e in catalog.untranslated_entries()]
    fuzzy = [e.msgid for e in catalog.fuzzy_entries()]
    assert untranslated == [], f"{len(untranslated)} untranslated, first: {untranslated[:5]}"
    assert fuzzy == [], f"{len(fuzzy)} fuzzy (check each, then drop the flag): {fuzzy[:5]}"


def test_every_plural_has_exactly_the_one_korean_form():
    for entry in _entries():
        if entry.msgid_plural:
            assert list(entry.msgstr_plural) == [0], entry.msgid
            assert entry.msgstr_plural[0].strip(), entry.msgid


def test_every_translation_keeps_the_placeholders_and_markup_of_its_msgid():
    problems = [p for entry in _entries() for p in placeholder_mismatches(entry)]
    assert problems == [], "\n".join(problems)


def test_every_translation_keeps_the_line_breaks_of_its_msgid():
    for entry in _entries():
        source = entry.msgid_plural or entry.msgid
        for text in entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]:
            assert text.count("\n") == source.count("\n"), entry.msgid
            assert text.startswith(" ") == source.startswith(" "), entry.msgid
            assert text.endswith((" ", "\n")) == source.endswith((" ", "\n")), entry.msgid


@pytest.mark.parametrize(
    ("msgid", "msgstr"),
    [
        ("Saved “%(name)s” as version 1.", "버전 1로 저장했습니다."),  # dropped
        ("Saved “%(name)s” as version 1.", "“%(nom)s” 버전 1로 저장했습니다."),  # renamed
        ("%(p)s%% done.", "%(p)s 완료."),  # literal percent lost: the % would format
        ('<a href="%(u)s">Log in</a>.', '<a href="%(u)s">로그인.'),  # tag dropped
        ("{n} rows", "{count}행"),  # format field renamed
    ],
)
def test_the_placeholder_check_catches_a_broken_translation(msgid, msgstr):
    entry = polib.POEntry(msgid=msgid, msgstr=msgstr, flags=["python-format"])
    assert placeholder_mismatches(entry)


def test_the_compiled_catalog_is_in_step_with_the_po():
    assert MO.exists(), f"{MO} is missing: {RECOMPILE}"

    def messages(entries) -> dict:
        out = {}
        for e in entries:
            if e.msgid == "":
                continue
            value = tuple(sorted(e.msgstr_plural.items())) if e.msgid_plural else e.msgstr
            out[(e.msgctxt, e.msgid, e.msgid_plural)] = value
        return out

    compiled = polib.mofile(str(MO))
    source = [e for e in _catalog().translated_entries() if "fuzzy" not in e.flags]
    assert messages(compiled) == messages(source), f"django.mo differs from django.po: {RECOMPILE}"
    assert compiled.metadata.get("Plural-Forms") == _catalog().metadata["Plural-Forms"], RECOMPILE


def test_the_catalog_passes_msgfmt_check(tmp_path):
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("GNU gettext's msgfmt is not installed (apt-get install gettext)")
    result = subprocess.run(
        [msgfmt, "--check", "-o", str(tmp_path / "django.mo"), str(PO)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
