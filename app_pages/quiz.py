"""Fit quiz: answer a few questions, see the settings ranked with the reasons why."""

import streamlit as st

from analysis.i18n import _, current_language, set_language
from analysis.pathways.gaps import missing_credentials
from analysis.pathways.plan import LABELS as RELEVANCE_WORDS
from analysis.presentation import figures
from analysis.presentation.export import answers_csv, answers_json
from analysis.presentation.safe_text import inert
from analysis.presentation.summary_pdf import answers_summary, build_summary_pdf
from analysis.quiz import WEIGHT_LABELS, ranking_flip, reasons_for_against, score
from ui.links import PageLinks, link_to
from ui.location import local_pay_table, pdf_place
from ui.orientation import NOTHING_KEPT
from ui.state import current, current_quiz, show_skipped
from ui.widgets import font_size, render_chart, show_notices

result, frames = current()
quiz, values = current_quiz()
by_id = result.by_id()
names = {p.id: p.name for p in result.profiles}

# A shared link (?answers=...) fills in the answers it carries; whatever is invalid is dropped with a notice.
links = PageLinks("quiz")
linked = links.read("answers", quiz=quiz)
if linked is not None:
    answers, weights = linked
    for q in quiz.questions:
        st.session_state[f"q_{q.id}"] = answers.get(q.id)
        st.session_state[f"w_{q.id}"] = weights.get(q.id, q.default_weight)
    links.notices.append(_("Answers filled in from the link. Change any of them below; the link is not updated unless "
                           "you choose to share."))

st.title(_("Which setting fits you?"))
st.caption(_("{n} short questions, about five minutes. Skip any you have no view on.").format(n=len(quiz.questions)))
show_notices(links.notices)
show_skipped(result)

with st.expander(_("How this works")):
    st.markdown(_(
        "Each answer is compared with every setting: its editorial ratings (pace, patient contact and so on), "
        "its usual hours, how its time is spent and its published median pay. A close match earns more points. "
        "Each answer has a weight — how much it counts — that you can change after you see your results. "
        "The fit score (0–100) is the weighted share of points earned, over the questions you answered. "
        "If you say you *can't* work nights, weekends, holidays or on-call, settings where that is common are "
        "flagged and moved to the end, never hidden.\n\n"
        "**This is an exploration aid, not a test.** The ratings are our judgement; talk to people who work in a "
        "setting before you decide."
    ))

answers: dict[str, int] = {}
for i, q in enumerate(quiz.questions, start=1):
    choice = st.radio(f"{i:d}. {inert(q.text)}", list(range(len(q.options))),
                      format_func=lambda k, q=q: inert(q.options[k].label),
                      index=None, key=f"q_{q.id}", help=inert(q.help) if q.help else None, persist_state="session")
    if choice is not None:
        answers[q.id] = choice  # "no preference" is kept so a link remembers it; scoring ignores it

st.divider()
st.header(_("Your results"))
answered = [q for q in quiz.questions if q.id in answers]
if not answered:
    st.info(_("Answer at least one question to see how the settings rank for you."))
    st.stop()

with st.expander(_("Adjust how much each answer counts"), expanded=False):
    weights = {}
    for q in answered:
        st.session_state.setdefault(f"w_{q.id}", q.default_weight)
        weights[q.id] = st.select_slider(inert(q.text), options=[0, 1, 2, 3],
                                         format_func=lambda w: f"{w:d} – {inert(_(WEIGHT_LABELS[w]))}",
                                         key=f"w_{q.id}", persist_state="session")
dismissed = set(st.multiselect(_("Leave out settings you have ruled out"), list(names), format_func=names.get,
                               key="quiz_dismissed", placeholder=_("Choose options"), persist_state="session"))

outcome = score(quiz, values, names, answers, weights, dismissed)
for warning in outcome.warnings:
    st.warning(inert(warning))
if not outcome.ranking or outcome.ranking[0].score is None:
    st.info(_("Your answers so far are all “no preference”, so there is nothing to rank yet."))
    st.stop()

short = {p.id: p.short_name for p in result.profiles}
render_chart(figures.fit_chart(outcome.ranking, short, font_size=font_size()), key="fit_chart")

flip = ranking_flip(quiz, values, names, answers, weights, dismissed)
st.markdown(_("**What would change the top two:** {flip}").format(
    flip=inert(flip) if flip else _("no single change of one answer or weight would swap them.")))

st.subheader(_("Why each setting scored as it did"))
for rank, r in enumerate(outcome.ranking, start=1):
    if r.score is None:
        continue
    flag = " ⚠ " + "; ".join(r.deal_breakers) if r.deal_breakers else ""
    with st.expander(f"{rank:d}. {inert(r.name)} — {r.score:.0f}/100{inert(flag)}", expanded=rank == 1):
        pros, cons = reasons_for_against(r)
        if pros:
            st.markdown(_("**For:**") + "\n" + "\n".join(f"- {inert(c.reason)}" for c in pros))
        if cons:
            st.markdown(_("**Against:**") + "\n" + "\n".join(f"- {inert(c.reason)}" for c in cons))
        for skipped in r.skipped:
            st.caption(inert(skipped))
        st.dataframe(
            [{_("Question"): c.question_text, _("Your answer"): c.option_label, _("Match"): f"{c.closeness:.0%}",
              _("Weight"): c.weight, _("Points"): round(c.points, 1)} for c in r.contributions],
            hide_index=True, width="stretch",
        )
        st.caption(_("The points add up to the score ({total}).").format(total=f"{sum(c.points for c in r.contributions):.0f}"))
        st.page_link("app_pages/detail.py", label=_("Everything about {name}").format(name=inert(r.name)),
                     icon=":material/arrow_forward:", query_params=link_to("setting", r.setting_id))
if dismissed:
    st.caption(_("Left out by you: {names}").format(names=inert(", ".join(names[d] for d in sorted(dismissed)))))
local_pay_table([by_id[r.setting_id] for r in outcome.ranking if r.score is not None][:3], result.catalogs.national, for_quiz=True)

top = outcome.ranking[0]
st.subheader(_("Next steps for {name}").format(name=inert(top.name)))
held = set(st.multiselect(_("Credentials you already hold"), list(result.catalogs.credentials),
                          format_func=lambda c: result.catalogs.credentials[c].name, key="held_credentials", placeholder=_("Choose options"),
                          persist_state="session"))
missing = missing_credentials(by_id[top.setting_id], held, result.catalogs)
if missing:
    st.markdown("\n".join(f"- **{inert(c.name)}** — " + _("{relevance} here").format(
        relevance=inert(_(RELEVANCE_WORDS.get(rel, rel)))) for c, rel in missing))
else:
    st.markdown(_("You hold every credential this setting requires or prefers."))
st.page_link("app_pages/detail.py", label=_("See the full profile of {name}").format(name=inert(top.name)),
             icon=":material/arrow_forward:", query_params=link_to("setting", top.setting_id))

st.subheader(_("Take-home summary"))
st.caption(_("One or two pages to keep: your shortlist, why it fits, pay and hours side by side, next steps and "
             "sources. The name and date are printed on the page only; nothing is saved."))
ranked_ids = [r.setting_id for r in outcome.ranking if r.score is not None]
c1, c2 = st.columns(2)
client_name = c1.text_input(_("Client name (optional)"), key="client_name", max_chars=80, persist_state="session")
session_date = c2.date_input(_("Date"), key="session_date", value="today", persist_state="session")
# The shortlist follows the ranking's top three until the person edits it.
top3 = ranked_ids[:3]
if st.session_state.get("shortlist") in (None, st.session_state.get("_shortlist_auto")):
    st.session_state["shortlist"] = top3
st.session_state["_shortlist_auto"] = top3
shortlist = st.multiselect(_("Shortlist for the summary (up to 4)"), ranked_ids, max_selections=4,
                           format_func=names.get, key="shortlist", placeholder=_("Choose options"))

local_place = pdf_place()  # read now: the PDF is built later, outside this script run
LANGUAGE = current_language()  # likewise: the downloads are built outside this run, in this run's language


def summary_pdf() -> bytes:
    set_language(LANGUAGE)
    return build_summary_pdf(ranking=outcome.ranking, profiles=by_id, catalogs=result.catalogs, shortlist=shortlist or None,
                             held=held, client_name=client_name, session_date=session_date,
                             quiz_answers_summary=answers_summary(quiz, answers, weights), place=local_place)


d1, d2, d3 = st.columns(3)
def in_language(build):
    """A download built later, in this run's language."""
    def run() -> bytes:
        set_language(LANGUAGE)
        return build()
    return run


d1.download_button(_("Download summary (PDF)"), data=summary_pdf, file_name="rx-settings-summary.pdf",
                   mime="application/pdf", icon=":material/picture_as_pdf:", type="primary", key="download_pdf",
                   on_click="ignore")
d2.download_button(_("My answers (CSV)"), data=in_language(lambda: answers_csv(quiz, answers, weights, outcome.ranking)),
                   file_name="rx-settings-answers.csv", mime="text/csv", key="download_csv", on_click="ignore")
d3.download_button(_("My answers (JSON)"), data=in_language(lambda: answers_json(quiz, answers, weights, outcome.ranking)),
                   file_name="rx-settings-answers.json", mime="application/json", key="download_json", on_click="ignore")
st.caption(_(NOTHING_KEPT))

st.subheader(_("Keep or share your answers"))
share = st.checkbox(_("Put my answers in this page's link"), key="quiz_share",
                    help=_("Then you can copy the address bar to come back later or send it to someone."))
if share:
    st.warning(_("The link now contains your answers. Anyone you send it to can see them."))
    links.write("answers", (answers, weights), quiz=quiz)
else:
    links.forget("answers")
