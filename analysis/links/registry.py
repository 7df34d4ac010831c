"""Every page of the app and every URL parameter it reads or writes, in two tables.

`PAGES` is the navigation, in order: app.py builds its `st.Page`s from it and the README's page table is
checked against it.

One `LinkParam` per parameter: its name, the pages that use it, what it carries, its codec and what a valid
value looks like (the notice for a bad value quotes that). Pages ask `ui.links` for their parameters, which
reads this table; the list of known parameters, the unknown-parameter notice and the README's link table
all come from here. Adding a parameter is one entry in PARAMS.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from analysis.i18n import N_, _, ngettext
from analysis.links.answers import decode_answers, encode_answers
from analysis.links.common import MAX_PARAM_CHARS, clip
from analysis.links.location import parse_area, parse_state
from analysis.links.plan import decode_plan, encode_plan
from analysis.links.settings import parse_setting, parse_setting_list

Parser = Callable[..., tuple[Any, list[str]]]  # (text, **page context) -> (value or None, notices); never raises
Encoder = Callable[..., str]  # (value, **page context) -> URL text


@dataclass(frozen=True)
class LinkParam:
    name: str
    pages: tuple[str, ...]  # stems of the app_pages/*.py scripts that read and write it
    carries: str  # what it holds, in plain words
    expects: str  # what a valid value looks like; completes "it should be …" in the bad-value notice
    example: str
    parse: Parser
    encode: Encoder = str

    def bad_value(self) -> str:
        return _("Ignored “{name}” in the link: it should be {expects}.").format(
            name=self.name, expects=_(self.expects)
        )


def choice(*options: str) -> Parser:
    """A parser for a parameter with a few fixed values."""
    return lambda text: (text if text in options else None, [])


def _settings(text: str, known: Iterable[str], max_items: int = 4) -> tuple[list[str] | None, list[str]]:
    chosen, notices = parse_setting_list([text], list(known), max_items=max_items)
    return chosen or None, notices


def _setting(text: str, known: Iterable[str]) -> tuple[str | None, list[str]]:
    return parse_setting([text], list(known))


def _answers(text: str, quiz) -> tuple[tuple[dict, dict], list[str]]:
    answers, weights, notices = decode_answers(text, quiz)
    return (answers, weights), notices


def _plan(
    text: str, settings: Iterable[str], credentials: Iterable[str], programs: Iterable[str]
) -> tuple[dict, list[str]]:
    return decode_plan(text, list(settings), list(credentials), list(programs))


@dataclass(frozen=True)
class Page:
    stem: str  # app_pages/<stem>.py, and the name the parameters below use for it
    title: str  # shown through _()
    icon: str
    help: str  # shown through _()
    default: bool = False


PAGES: tuple[Page, ...] = (
    Page(
        "overview",
        N_("Overview"),
        ":material/dashboard:",
        N_("Every practice setting at a glance, with national pay and outlook."),
        default=True,
    ),
    Page(
        "compare",
        N_("Compare"),
        ":material/compare_arrows:",
        N_("Two to four settings side by side: pay, ratings, hours, tasks and credentials."),
    ),
    Page(
        "detail",
        N_("Setting detail"),
        ":material/article:",
        N_("Everything about one setting: a day in the life, pay, tasks, credentials, sources."),
    ),
    Page(
        "quiz",
        N_("Fit quiz"),
        ":material/quiz:",
        N_("A few plain questions that rank the settings for you and explain why."),
    ),
    Page(
        "pathways",
        N_("Credentials"),
        ":material/workspace_premium:",
        N_("Which credentials each setting asks for, and a step-by-step plan from where you are."),
    ),
    Page(
        "about",
        N_("About the data"),
        ":material/info:",
        N_("Where every figure comes from, how ratings were made, and what the data cannot tell you."),
    ),
)
EVERY_PAGE = tuple(p.stem for p in PAGES)

PARAMS: tuple[LinkParam, ...] = (
    LinkParam(
        "settings",
        ("compare",),
        "the settings being compared, in order",
        N_("two to four setting ids separated by commas"),
        "settings=hospital,retail",
        _settings,
        ",".join,
    ),
    LinkParam(
        "pay",
        ("compare",),
        "whether pay is shown per year or per hour",
        N_("annual or hourly"),
        "pay=hourly",
        choice("annual", "hourly"),
    ),
    LinkParam(
        "tab",
        ("compare",),
        "which Compare tab is open",
        N_("pay, ratings, hours, tasks, credentials or realities"),
        "tab=ratings",
        choice("pay", "ratings", "hours", "tasks", "credentials", "realities"),
    ),
    LinkParam("setting", ("detail",), "the setting shown", N_("one setting id"), "setting=federal-va", _setting),
    LinkParam(
        "answers",
        ("quiz",),
        "quiz answers and weights, only when the person chooses to share them",
        N_("question.option.weight parts joined by ~"),
        "answers=pace.1~nights.0.3",
        _answers,
        lambda value, quiz: encode_answers(value[0], value[1], quiz),
    ),
    LinkParam(
        "plan",
        ("pathways",),
        "the credential planner: stage, settings, credentials held and lapsed, years",
        N_("the planner's own link text"),
        "plan=st.working~from.retail~held.cpht~yrs.2~csp.0~dip.1~to.hospital",
        _plan,
        lambda value: encode_plan(value),
    ),
    LinkParam(
        "lang",
        EVERY_PAGE,
        "the language the app is shown in (English when absent)",
        N_("en or es"),
        "lang=es",
        choice("en", "es"),
    ),
    LinkParam(
        "state",
        EVERY_PAGE,
        "the state or territory whose pay is shown beside the national figures",
        N_("a two-letter postal code"),
        "state=OH",
        parse_state,
    ),
    LinkParam(
        "area",
        EVERY_PAGE,
        "a metro or nonmetro area within that state (BLS area code)",
        N_("a 7-digit BLS area code in the chosen state"),
        "area=0017410",
        parse_area,
    ),
)

BY_NAME: dict[str, LinkParam] = {p.name: p for p in PARAMS}
APP_PARAMS = frozenset(BY_NAME)  # every parameter some page of the app writes

# Tags that newsletters, ads and social sites add to every link they pass on. They say nothing to this app,
# so they are dropped without a notice (a notice per tag would bury the page under boxes).
TRACKING_PREFIXES = ("utm_",)
TRACKING_TAGS = frozenset(
    {
        "fbclid",
        "gclid",
        "gclsrc",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "twclid",
        "ttclid",
        "li_fat_id",
        "igshid",
        "mc_cid",
        "mc_eid",
        "_ga",
        "_gl",
        "yclid",
        "_hsenc",
        "_hsmi",
        "mkt_tok",
        "vero_id",
        "oly_enc_id",
        "oly_anon_id",
        "rb_clickid",
        "s_cid",
        "srsltid",
    }
)


def is_tracking_tag(key: str) -> bool:
    k = key.strip().lower()
    return k in TRACKING_TAGS or k.startswith(TRACKING_PREFIXES)


def page_params(page: str) -> list[str]:
    return [p.name for p in PARAMS if page in p.pages]


def unknown_params(keys: Iterable[str], page: str) -> tuple[list[str], list[str]]:
    """Keys `page` does not use: (keys to drop, at most one notice).

    Another page's parameter and common tracking tags (utm_source, fbclid …) are dropped quietly; keys no
    page uses are named in one notice.
    """
    mine = set(page_params(page))
    drop = [k for k in keys if k not in mine]
    foreign = [f"“{clip(k)}”" for k in drop if k not in APP_PARAMS and not is_tracking_tag(k)]
    if not foreign:
        return drop, []
    shown = ", ".join(foreign[:5]) + (_(" and {n} more").format(n=len(foreign) - 5) if len(foreign) > 5 else "")
    return drop, [
        ngettext(
            "Ignored the link parameter {names}: this app does not use it.",
            "Ignored the link parameters {names}: this app does not use them.",
            len(foreign),
        ).format(names=shown)
    ]


def read(name: str, values: list[str], **context: Any) -> tuple[Any, list[str]]:
    """A parameter's URL values -> (value or None, notices). The rules every parameter shares live here:
    the last of repeated values wins, over-long values are dropped, and a value the codec could not use
    and said nothing about gets the parameter's own notice."""
    param = BY_NAME[name]
    if not values:
        return None, []
    notices = (
        [_("The link repeats “{param}”; only its last value was used.").format(param=name)] if len(values) > 1 else []
    )
    text = str(values[-1])
    if len(text) > MAX_PARAM_CHARS:
        return None, notices + [
            _("Ignored “{param}” in the link: the value is too long to be a real link.").format(param=name)
        ]
    value, more = param.parse(text, **context)
    if value is None and not more:
        more = [param.bad_value()]
    return value, notices + more


def write(name: str, value: Any, **context: Any) -> str:
    """A value -> the text that goes into the URL."""
    return BY_NAME[name].encode(value, **context)
