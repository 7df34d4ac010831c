"""Spanish: the message catalog, the translated prose beside the English, and their completeness."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from analysis import i18n
from analysis.i18n import _, money, month_year, negotiate, ngettext, number, set_language, translator
from analysis.links import registry
from analysis.loading.loader import load_catalogs, load_profiles
from analysis.loading.translated import (
    CATALOG_FILES,
    catalog_translation_warnings,
    mark_english,
    profile_translation_warnings,
    translate_catalogs,
    translate_model,
    translate_profile,
)
from analysis.loading.translations import (
    ACCEPTED_FALLBACKS,
    CATALOG_PROSE,
    PROFILE_PROSE,
    en_hash,
    matches,
    prose_fields,
    read_translation,
)
from analysis.paths import ROOT
from analysis.periods import localize_period

PO = ROOT / "locale" / "es" / "LC_MESSAGES" / "messages.po"
GLOSSARY = yaml.safe_load((ROOT / "locale" / "glossary.yaml").read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def english_after():
    yield
    set_language("en")


# --- The message catalog ------------------------------------------------------------------------------


def code_messages() -> set[str]:
    """Every message the code marks for translation, found the way `make messages` finds it."""
    method_map = [
        ("app.py", "python"),
        ("app_pages/**.py", "python"),
        ("ui/**.py", "python"),
        ("analysis/**.py", "python"),
    ]
    keywords = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
    found: set[str] = set()
    for _file, _line, message, _comments, _context in extract_from_dir(str(ROOT), method_map, keywords=keywords):
        found.add(message if isinstance(message, str) else message[0])
    return found


def test_every_message_in_the_code_has_a_spanish_text():
    catalog = read_po(PO.open("rb"))
    translated = {m.id if isinstance(m.id, str) else m.id[0]: m for m in catalog if m.id}
    missing = [
        msg
        for msg in sorted(code_messages())
        if msg not in translated
        or not translated[msg].string
        or translated[msg].fuzzy
        or (isinstance(translated[msg].string, tuple) and not all(translated[msg].string))
    ]
    assert not missing, f"{len(missing)} message(s) with no Spanish in {PO.name} (run `make messages`): {missing[:10]}"


def test_the_catalog_keeps_placeholders():
    """A translation that drops or renames a {placeholder} would raise or lose a figure at run time."""
    catalog = read_po(PO.open("rb"))
    for message in catalog:
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(re.findall(r"\{(\w*)[^}]*\}", ids[-1]))
        for text in strings:
            got = set(re.findall(r"\{(\w*)[^}]*\}", text))
            # Every placeholder kept (a capitalised twin such as {Subject} may be replaced by {subject}); none invented.
            assert got <= wanted and {p.lower() for p in got} == {p.lower() for p in wanted}, (message.id, text)


def test_the_current_language_picks_the_catalog():
    assert _("Language") == "Language"
    set_language("es")
    assert _("Language") == "Idioma"
    assert _("A message nobody translated") == "A message nobody translated"
    set_language("xx")  # an unknown code is English
    assert _("Language") == "Language"
    assert translator("es").gettext("Language") == "Idioma"


def test_fuzzy_entries_read_in_english(tmp_path, monkeypatch):
    folder = tmp_path / "es" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "messages.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n'
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
        '#, fuzzy\nmsgid "Hello"\nmsgstr "Hola"\n\nmsgid "Bye"\nmsgstr "Adiós"\n\n'
        'msgid "one file"\nmsgid_plural "{n} files"\nmsgstr[0] "un archivo"\nmsgstr[1] "{n} archivos"\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    monkeypatch.setattr(i18n, "_compiled", {})
    set_language("es")
    assert (_("Hello"), _("Bye")) == ("Hello", "Adiós")
    assert ngettext("one file", "{n} files", 1) == "un archivo"
    assert ngettext("one file", "{n} files", 3).format(n=3) == "3 archivos"


def test_numbers_money_and_dates_follow_the_language():
    day = dt.date(2026, 11, 30)
    assert (money(49310), money(23.7, cents=True), number(471680)) == ("$49,310", "$23.70", "471,680")
    assert i18n.long_date(day) == "November 30, 2026"
    set_language("es")
    assert (money(49310), money(23.7, cents=True), number(471680)) == ("$49,310", "$23.70", "471,680")
    assert i18n.long_date(day) == "30 de noviembre de 2026"
    assert month_year(dt.date(2024, 5, 1)) == "mayo de 2024"
    assert localize_period("May 2024") == "mayo de 2024"
    set_language("en")
    assert localize_period("May 2024") == "May 2024"


@pytest.mark.parametrize(
    ("tag", "lang"),
    [
        ("es-MX", "es"),
        ("es_419", "es"),
        ("es", "es"),
        ("en-US", "en"),
        ("fr-FR", None),
        ("", None),
        (None, None),
        ("<script>", None),
    ],
)
def test_browser_locale_maps_to_a_language_we_have(tag, lang):
    assert negotiate(tag) == lang


def test_lang_link_parameter_is_one_registry_entry_on_every_page():
    param = registry.BY_NAME["lang"]
    assert set(param.pages) == {p.stem for p in (ROOT / "app_pages").glob("*.py")}
    assert registry.read("lang", ["es"]) == ("es", [])
    value, notices = registry.read("lang", ["klingon"])
    assert value is None and notices == ["Ignored “lang” in the link: it should be en or es."]


# --- Prose beside the English --------------------------------------------------------------------------


def test_path_patterns():
    doc = {"a": [{"id": "x", "t": "one"}, {"t": "two"}], "b": {"k": {"note": "n"}, "j": {"note": 3}}}
    assert prose_fields(doc, ("a[].t", "b.*.note")) == {"a[x].t": "one", "a[1].t": "two", "b.k.note": "n"}
    assert matches("sources[bls].title", "sources[].title") and not matches("sources[bls].url", "sources[].title")
    assert en_hash("a  b\n c") == en_hash("a b c") != en_hash("a b d")


def _fresh_translation(tmp_path: Path, profile, fields: dict[str, str]) -> Path:
    """A translation file for `profile` whose entries match its current English."""
    english = prose_fields(profile.model_dump(), PROFILE_PROSE)
    folder = tmp_path / "es"
    folder.mkdir(exist_ok=True)
    path = folder / f"{profile.id}.yaml"
    path.write_text(
        yaml.safe_dump({k: {"text": v, "en_hash": en_hash(english[k])} for k, v in fields.items()}, allow_unicode=True),
        encoding="utf-8",
    )
    return path


def test_overlay_translates_current_fields_marks_the_rest_and_keeps_every_figure(tmp_path):
    profile = load_profiles().by_id()["hospital"]
    english = prose_fields(profile.model_dump(), PROFILE_PROSE)
    stale_path = "pros[0]"
    path = _fresh_translation(
        tmp_path,
        profile,
        {"name": "Hospital (pacientes hospitalizados)", "summary": "Resumen en español.", stale_path: "Ventaja."},
    )
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc[stale_path]["en_hash"] = en_hash("an older English text")
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")

    spanish, cover = translate_profile(profile, "es", folder=tmp_path)
    assert spanish.name == "Hospital (pacientes hospitalizados)" and spanish.summary == "Resumen en español."
    assert spanish.pros[0] == mark_english(profile.pros[0])  # stale: English, marked
    assert spanish.tagline == mark_english(profile.tagline)  # missing: English, marked
    assert set(cover.translated) == {"name", "summary"} and cover.stale == [stale_path]
    assert len(cover.missing) == len(english) - 3
    # Not one figure, unit, period, source, score or id differs.
    prose = set(english)
    flat_en = _flat(profile.model_dump())
    flat_es = _flat(spanish.model_dump())
    assert {k: v for k, v in flat_en.items() if k not in prose} == {k: v for k, v in flat_es.items() if k not in prose}


def _flat(doc, path=""):
    out = {}
    if isinstance(doc, dict):
        for k, v in doc.items():
            out.update(_flat(v, f"{path}.{k}" if path else k))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            key = v.get("id") if isinstance(v, dict) and isinstance(v.get("id"), str) else i
            out.update(_flat(v, f"{path}[{key}]"))
    else:
        out[path] = doc
    return out


def test_a_translation_that_breaks_the_english_field_rule_is_refused(tmp_path):
    profile = load_profiles().by_id()["hospital"]
    _fresh_translation(tmp_path, profile, {"short_name": "Un nombre corto demasiado largo"})
    spanish, cover = translate_profile(profile, "es", folder=tmp_path)
    assert spanish == profile and "short_name" in cover.missing
    warnings = profile_translation_warnings(profile, "settings_profiles/hospital.yaml", "es", folder=tmp_path)
    assert any(w.field == "short_name" and "breaks a rule" in w.message for w in warnings)


def test_validator_warns_with_file_and_field_for_missing_and_stale(tmp_path):
    profile = load_profiles().by_id()["retail"]
    path = _fresh_translation(tmp_path, profile, {"name": "Farmacia minorista / comunitaria", "tagline": "x"})
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc["tagline"]["en_hash"] = "0000000000"
    doc["no.such.field"] = {"text": "y", "en_hash": "1111111111"}
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    warnings = profile_translation_warnings(profile, "settings_profiles/retail.yaml", "es", folder=tmp_path)
    by_field = {w.field: w for w in warnings}
    assert str(by_field["tagline"]).startswith(f"{path}: tagline: stale")
    assert "no translation yet" in by_field["summary"].message
    assert "no such prose field" in by_field["no.such.field"].message
    assert "name" not in by_field


def test_a_broken_translation_file_is_a_problem_not_a_crash(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: [unclosed\n", encoding="utf-8")
    entries, problems = read_translation(bad)
    assert entries == {} and problems and problems[0].file.endswith("bad.yaml")
    bad.write_text("name: just text, no hash\n", encoding="utf-8")
    entries, problems = read_translation(bad)
    assert entries == {} and problems[0].field == "name"


def test_catalog_overlay_keeps_figures_and_rules():
    catalogs = load_catalogs()
    spanish, _cover = translate_catalogs(catalogs, "es")
    for cid, cred in catalogs.credentials.items():
        es = spanish.credentials[cid]
        assert (es.name, es.short_name, es.issuer, es.kind, es.sources) == (
            cred.name,
            cred.short_name,
            cred.issuer,
            cred.kind,
            cred.sources,
        )
        assert [f.value for f in es.all_facts().values() if not isinstance(f.value, str)] == [
            f.value for f in cred.all_facts().values() if not isinstance(f.value, str)
        ]
        assert len(es.requires.any_of) == len(cred.requires.any_of)


# --- Completeness: every prose field of the bundled data reads in Spanish ----------------------------------


@pytest.mark.parametrize("profile_id", sorted(p.stem for p in (ROOT / "settings_profiles").glob("*.yaml")))
def test_every_profile_field_has_a_current_spanish_text(profile_id):
    profile = load_profiles().by_id()[profile_id]
    warnings = profile_translation_warnings(profile, f"settings_profiles/{profile_id}.yaml", "es")
    assert not warnings, "\n".join(str(w) for w in warnings)


@pytest.mark.parametrize("catalog", sorted(CATALOG_FILES))
def test_every_catalog_field_has_a_current_spanish_text_or_is_an_accepted_fallback(catalog):
    warnings = catalog_translation_warnings(catalog, "es")
    assert not warnings, "\n".join(str(w) for w in warnings)


def test_accepted_fallbacks_are_only_proper_names():
    """Publication titles stay as published; nothing else may skip translation."""
    assert ACCEPTED_FALLBACKS == {"sources": ("sources[].title",)}
    assert set(ACCEPTED_FALLBACKS) <= set(CATALOG_PROSE)


def test_quiz_in_spanish_keeps_its_options_distinct():
    from analysis.quiz import load_quiz

    quiz = load_quiz()
    spanish, _cover = translate_model(quiz, "quiz", "es")
    assert [q.id for q in spanish.questions] == [q.id for q in quiz.questions]
    for q in spanish.questions:
        labels = [o.label for o in q.options]
        assert len(set(labels)) == len(labels), q.id


# --- The glossary ----------------------------------------------------------------------------------------


def _spanish_texts() -> list[tuple[str, str]]:
    out = []
    for path in [
        *sorted((ROOT / "settings_profiles" / "es").glob("*.yaml")),
        *sorted((ROOT / "data" / "es").glob("*.yaml")),
    ]:
        entries, _problems = read_translation(path)
        out += [(f"{path.name}: {k}", e.text) for k, e in entries.items()]
    out += [
        (f"messages.po: {m.id}", s)
        for m in read_po(PO.open("rb"))
        if m.id
        for s in (m.string if isinstance(m.string, tuple) else (m.string,))
        if s
    ]
    return out


def test_spanish_follows_the_glossary():
    """Terms the glossary says to avoid never appear; the reader is addressed as usted, never tú."""
    avoid = [word for term in GLOSSARY["terms"].values() for word in term.get("avoid", [])]
    tu_forms = re.compile(r"\b(tú|tienes|puedes|quieres|eres|estás|tu trabajo|contigo)\b", re.IGNORECASE)
    for where, text in _spanish_texts():
        for word in avoid:
            assert word.lower() not in text.lower(), f"{where}: '{word}' (glossary: avoid)"
        assert not tu_forms.search(text), f"{where}: addresses the reader as tú"


def test_short_names_fit_charts_in_spanish():
    for path in sorted((ROOT / "settings_profiles" / "es").glob("*.yaml")):
        entries, _problems = read_translation(path)
        assert len(entries["short_name"].text) <= 18, path.name


# Periods and other data phrases outside the prose fields, in both languages: tests/test_periods.py.


# --- The language in the app -----------------------------------------------------------------------------


def test_language_comes_from_the_link_is_kept_on_new_client_and_dropped_from_the_link_in_english():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params["lang"] = "es"
    at.run()
    assert not at.exception
    assert at.title[0].value == "Entornos de trabajo de los técnicos de farmacia, lado a lado"
    assert at.query_params["lang"] == ["es"] or at.query_params["lang"] == "es"
    # New client clears the person, not the room: the language stays.
    at.button(key="new_client").click().run()
    at.button(key="confirm_reset_yes").click().run()
    assert not at.exception
    assert at.session_state["language_room"] == "es"
    assert at.title[0].value == "Entornos de trabajo de los técnicos de farmacia, lado a lado"
    # Back to English: the default is left out of the link.
    at.session_state["lang"] = "en"
    at.session_state["language_room"] = "en"
    at.run()
    assert at.title[0].value == "Pharmacy technician settings, side by side"
    assert "lang" not in at.query_params


def test_link_notices_about_places_and_answers_are_in_spanish():
    from analysis.i18n import set_language
    from analysis.links.answers import decode_answers
    from analysis.links.location import parse_area, parse_state
    from analysis.loading.oews import load_oews
    from analysis.local_pay import places_from_table
    from analysis.quiz import load_quiz

    places = places_from_table(load_oews())
    set_language("es")
    try:
        notices = parse_state("ZZ", places)[1] + parse_area("1", places)[1] + parse_area("0017410", places, "CA")[1]
        notices += decode_answers("x" * 5000, load_quiz())[2]
    finally:
        set_language("en")
    assert len(notices) == 4 and all(n.startswith("Se ignor") for n in notices), notices
