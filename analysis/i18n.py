"""Languages: the message catalogs (gettext), the current language, and numbers, money and dates per locale.

English is the source language: every message is written in English in the code and wrapped in `_()`
(or `ngettext` for counts). `locale/<lang>/LC_MESSAGES/messages.po` holds the translations; it is compiled
in memory with Babel the first time a language is used (and again if the file changes), so there is no
compiled .mo file to keep in step. A message with no translation (or a fuzzy one) reads in English.

The current language is a context variable: the app sets it once at the top of each script run
(`set_language`), and every `_()` below it, in a page or in analysis/, reads it. Tests and the command
line never set it, so they get English. Text defined at import time is marked with `N_()` and
translated where it is shown.
"""

from __future__ import annotations

import datetime as dt
import gettext as _gettext
import io
import os
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_currency, format_decimal

from analysis.paths import ROOT

LOCALE_DIR = ROOT / "locale"
DOMAIN = "messages"
DEFAULT_LANGUAGE = "en"
# Language code -> (its own name, the Babel locale for numbers and dates). US Spanish: "$49,310",
# "30 de noviembre de 2026", as in US workforce materials.
LANGUAGES: dict[str, tuple[str, str]] = {
    "en": ("English", "en_US"),
    "es": ("Español", "es_US"),
}

_language: ContextVar[str] = ContextVar("language", default=DEFAULT_LANGUAGE)


def N_(message: str) -> str:
    """Mark text for translation where it is defined (at import time); translate it with `_()` where shown."""
    return message


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@dataclass(frozen=True)
class Translator:
    """One language's gettext functions, plus its Babel locale for numbers and dates."""

    lang: str
    messages: _gettext.NullTranslations

    @property
    def locale(self) -> str:
        return LANGUAGES[self.lang][1]

    def gettext(self, message: str) -> str:
        return self.messages.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.messages.ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        return self.messages.pgettext(context, message)


_compiled: dict[str, tuple[float, Translator]] = {}
_ENGLISH = Translator(DEFAULT_LANGUAGE, _gettext.NullTranslations())
# Each catalog is compiled once per process; a translator editing the .po file while the app runs can set
# RX_RELOAD_MESSAGES=1 to have it recompiled when the file changes (a file check on every message costs time).
RELOAD_MESSAGES = os.environ.get("RX_RELOAD_MESSAGES") == "1"


def _compile(path: Path) -> _gettext.NullTranslations:
    """The .po file as gettext translations, compiled in memory (fuzzy entries left out)."""
    with path.open("rb") as fh:
        catalog = read_po(fh)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return _gettext.GNUTranslations(buffer)


def translator(lang: str) -> Translator:
    """The translator for `lang` ('en', 'es'); an unknown code gets English."""
    if lang not in LANGUAGES or lang == DEFAULT_LANGUAGE:
        return _ENGLISH
    cached = _compiled.get(lang)
    if cached is not None and not RELOAD_MESSAGES:
        return cached[1]
    path = po_path(lang)
    if not path.is_file():
        return Translator(lang, _gettext.NullTranslations())
    mtime = path.stat().st_mtime
    if cached is None or cached[0] != mtime:
        cached = (mtime, Translator(lang, _compile(path)))
        _compiled[lang] = cached
    return cached[1]


# --- The current language -------------------------------------------------------------------


def set_language(lang: str) -> None:
    """Use `lang` for every message from here on in this thread's context (one script run in the app)."""
    _language.set(lang if lang in LANGUAGES else DEFAULT_LANGUAGE)


def current_language() -> str:
    return _language.get()


def language_tag(lang: str | None = None) -> str:
    """The BCP 47 tag of `lang` (default: the current language) as documents declare it: 'en-US', 'es-US'."""
    return _locale(lang).replace("_", "-")


def _(message: str) -> str:
    return translator(current_language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translator(current_language()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return translator(current_language()).pgettext(context, message)


def negotiate(tag: str | None) -> str | None:
    """A browser or request locale ('es-MX', 'es_419', 'en-US') -> a language we have, or None."""
    if not tag:
        return None
    try:
        code = Locale.parse(str(tag).strip().replace("-", "_")).language
    except (ValueError, TypeError, UnknownLocaleError):
        return None
    return code if code in LANGUAGES else None


# --- Numbers, money and dates in the current language ----------------------------------------


def _locale(lang: str | None) -> str:
    return LANGUAGES.get(lang or current_language(), LANGUAGES[DEFAULT_LANGUAGE])[1]


def number(value: float, decimals: int = 0, lang: str | None = None) -> str:
    """1234567 -> '1,234,567' (US Spanish groups digits the same way)."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=_locale(lang))


def money(value: float, cents: bool = False, lang: str | None = None) -> str:
    """49310 -> '$49,310'; cents=True -> '$23.71' (hourly pay)."""
    return _money(value, cents, _locale(lang))


@lru_cache(maxsize=4096)
def _money(value: float, cents: bool, locale: str) -> str:
    # Babel parses the pattern on every call; pages show the same published figures on every run.
    pattern = "¤#,##0.00" if cents else "¤#,##0"
    return format_currency(value, "USD", format=pattern, currency_digits=False, locale=locale)


def long_date(day: dt.date, lang: str | None = None) -> str:
    """'November 30, 2026' / '30 de noviembre de 2026'."""
    return format_date(day, "long", locale=_locale(lang))


def month_year(day: dt.date, lang: str | None = None) -> str:
    """'May 2024' / 'mayo de 2024'."""
    return format_skeleton("yMMMM", day, locale=_locale(lang))


def babel_locale(lang: str | None = None) -> str:
    """The Babel locale of `lang` (default: the current language): 'en_US', 'es_US'."""
    return _locale(lang)


_period_phrases: dict[str, tuple[float, dict[str, str]]] = {}


def period_phrases(lang: str) -> dict[str, str]:
    """English data phrase (the words around a period's dates, the import record) -> its translation, from
    locale/<lang>/phrases.yaml (read once per process; re-read when the file changes with RX_RELOAD_MESSAGES=1)."""
    cached = _period_phrases.get(lang)
    if cached is not None and not RELOAD_MESSAGES:  # read once per process, like the message catalogs
        return cached[1]
    path = LOCALE_DIR / lang / "phrases.yaml"
    if not path.is_file():
        return {}
    mtime = path.stat().st_mtime
    if cached is None or cached[0] != mtime:
        import yaml  # only needed for translated periods

        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        cached = (mtime, {str(k): str(v) for k, v in doc.items()} if isinstance(doc, dict) else {})
        _period_phrases[lang] = cached
    return cached[1]


def data_phrase(text: str) -> str:
    """A short English phrase of the data outside the prose fields (a unit after a number, a line of the BLS
    table's import record) in the current language, from locale/<lang>/phrases.yaml; as written if not listed."""
    lang = current_language()
    if lang == DEFAULT_LANGUAGE:
        return text
    return period_phrases(lang).get(" ".join(str(text).split()), text)
