"""Fit quiz: answer a few questions, see the settings ranked with the reasons why.

Two tabs, and only the open one is drawn: answering a question redraws the questions and a one-line standing,
not the chart, the reasons and the downloads (a click there costs about what it costs on a one-widget page)."""

from functools import partial

import streamlit as st

from analysis.i18n import _, current_language, set_language
from analysis.pathways import DEFAULT_HOURS_PER_WEEK, Person
from analysis.pathways.entry import entry_lines
from analysis.pathways.gaps import missing_credentials
from analysis.pathways.plan import LABELS as RELEVANCE_WORDS
from analysis.presentation import charts
from analysis.presentation.export import answers_csv, answers_json
from analysis.presentation.safe_text import inert, inert_label
from analysis.presentation.summary_pdf import answers_summary, build_summary_pdf
from analysis.quiz import (
    WEIGHT_LABELS,
    judgement_subjects,
    ranking_flip_change,
    reasons_for_against,
    score,
    starting_weight,
    weight_shown,
)
from analysis.quiz.shortlist import follow_again, follow_shortlist
from ui.language import in_session_language
from ui.links import PageLinks, link_to
from ui.local_pay import local_pay_table
from ui.location import pdf_place
from ui.orientation import NOTHING_KEPT
from ui.pickers import pick_many
from ui.state import current, current_quiz, show_skipped
from ui.widgets import font_size, render_chart, show_notices

result, frames = current()
quiz, values = current_quiz()
by_id = result.by_id()
names = {p.id: p.name for p in result.profiles}

VIEW_KEY, VIEW_KEPT = "quiz_view", "quiz_view_kept"

# A shared link (?answers=...) fills in the answers it carries; whatever is invalid is dropped with a notice.
links = PageLinks("quiz")
linked = links.read("answers", quiz=quiz)
if linked is not None:
    answers, weights = linked
    for q in quiz.questions:
        st.session_state[f"q_{q.id}"] = answers.get(q.id)
        st.session_state[f"w_{q.id}"] = weights.get(q.id, starting_weight(q, answers.get(q.id)))
        st.session_state[f"w_set_{q.id}"] = q.id in weights  # a weight in the link is the person's own
    st.session_state[VIEW_KEY] = _("Your results")  # someone opening their answers wants the results
    links.notices.append(
        _(
            "Answers filled in from the link. Change any of them on the Questions tab; the link is not updated "
            "unless you choose to share."
        )
    )

st.title(_("Which setting fits you?"))
st.caption(_("{n} short questions, about five minutes. Skip any you have no view on.").format(n=len(quiz.questions)))
show_notices(links.notices)
show_skipped(result)

with st.expander(_("How this works")):
    st.markdown(
        _(
            "Each answer is compared with every setting: its editorial ratings (pace, patient contact, benefits and "
            "so on), its usual hours, how its time is spent and its published median pay. Answers mean what they say: "
            "“enough” or “at least” is met by any setting that offers that much or more, “now and then is OK” by any "
            "setting where it comes up sometimes or less, and only answers like “a mix” or “somewhere in between” "
            "ask for about that much. Ratings and hours come in five steps: a setting one step short of what you "
            "asked for earns half the points for that answer, two steps short none.\n\n"
            "**What the ranking rests on.** Each rating names the sources behind it, or is our judgement alone. A "
            "judgement counts at half the weight of your answer, so a guess weighs less than a sourced rating, and "
            "the results say which reasons rest on judgement. Pay is BLS's median for the industry closest to each "
            "setting; where that industry is a loose fit (long-term care, mail order, specialty and nuclear pharmacy "
            "borrow the drugstore figure), pay is not counted for that setting and it says so.\n\n"
            "**Places.** Each answer has a weight — how much it counts. It starts where your answer puts it "
            "(“matters a lot” starts at the top) and you can change it after you see your results. The fit score "
            "(0–100) is the weighted share of points earned. A setting whose score is closer to the one above it than "
            "one step of a judgement rating on your lightest answer is worth shares its place, shown as “=2”: the "
            "ratings cannot tell them apart. If you say you *can't* work nights, weekends, holidays, very early starts "
            "or on call, settings where that comes up often are flagged and moved to the end, never hidden; where "
            "nights, weekends, holidays or early starts come up sometimes, the setting says so. If you say you'd "
            "like those hours, settings that have them score higher.\n\n"
            "**This is an exploration aid, not a test.** The ratings are our judgement or our reading of the "
            "sources; talk to people who work in a setting before you decide."
        )
    )

run = st.session_state["quiz_run"] = st.session_state.get("quiz_run", 0) + 1  # see _weight_set
total = len(quiz.questions)


def _weight_set(question_id: str) -> None:
    """The person moved the slider: it no longer follows the answer. Unless the browser is only sending back
    the value this page replaced in the previous run (a run cut short by quick answering never reached it)."""
    before, written_in = st.session_state.get(f"w_prev_{question_id}", (None, None))
    if written_in == st.session_state.get("quiz_run") and st.session_state[f"w_{question_id}"] == before:
        return
    st.session_state[f"w_set_{question_id}"] = True


@in_session_language  # the tab's value is its label, in the page's language
def _show_results() -> None:
    st.session_state[VIEW_KEY] = _("Your results")


# Answers, weights and left-out settings are read from the session, whichever tab is open: the widgets of the
# closed tab are not drawn, and their values are kept (persist_state) for when it opens.
answers: dict[str, int] = {}
for q in quiz.questions:
    if (choice := st.session_state.get(f"q_{q.id}")) is not None:
        answers[q.id] = choice  # "no preference" is kept so a link remembers it; scoring ignores it
answered = [q for q in quiz.questions if q.id in answers]
weights = {}
for q in answered:  # each weight follows its answer until the person moves it
    start = starting_weight(q, answers[q.id])
    if not st.session_state.get(f"w_set_{q.id}") and st.session_state.get(f"w_{q.id}") != start:
        st.session_state[f"w_prev_{q.id}"] = (st.session_state.get(f"w_{q.id}"), run)
        st.session_state[f"w_{q.id}"] = start
    weights[q.id] = st.session_state[f"w_{q.id}"]
dismissed = set(st.session_state.get("quiz_dismissed") or [])

# The link carries the answers only when the person chose to share (the checkbox is on the results tab).
if st.session_state.get("quiz_share"):
    links.write("answers", (answers, weights), quiz=quiz)
else:
    links.forget("answers")

# The open tab is also kept in a plain key, as "results" or "questions": Streamlit forgets a widget's state on a
# page switch (a person back from Compare expects their results), and a language switch renames the tabs.
if st.session_state.get(VIEW_KEY) not in (_("Questions"), _("Your results")):
    st.session_state[VIEW_KEY] = _("Your results") if st.session_state.get(VIEW_KEPT) == "results" else _("Questions")
questions_tab, results_tab = st.tabs(
    [_("Questions"), _("Your results")], key=VIEW_KEY, on_change="rerun"
)  # literal: tab labels are Markdown
st.session_state[VIEW_KEPT] = "results" if results_tab.open else "questions"

with questions_tab:
    if questions_tab.open:
        st.progress(
            len(answers) / total, text=_("{done} of {total} questions answered").format(done=len(answers), total=total)
        )
        for i, q in enumerate(quiz.questions, start=1):
            st.radio(
                _("{i} of {total}. {question}").format(i=f"{i:d}", total=f"{total:d}", question=inert_label(q.text)),
                list(range(len(q.options))),
                format_func=lambda k, q=q: inert_label(q.options[k].label),
                index=None,
                key=f"q_{q.id}",
                help=inert(q.help) if q.help else None,
                persist_state="session",
            )
        st.divider()
        standing = score(quiz, values, names, answers, weights, dismissed).ranking if answered else []
        scored = [r for r in standing if r.score is not None]
        if scored:
            st.markdown(
                _("**Best fits so far:** {ranking}").format(
                    ranking=inert(" · ".join(f"{r.rank_label}. {r.name} ({r.score:.0f}/100)" for r in scored[:3]))
                )
            )
            st.button(
                _("See my results"),
                icon=":material/arrow_forward:",
                type="primary",
                key="see_results",
                on_click=_show_results,
                help=_("Why each setting scored as it did, next steps and a take-home summary."),
            )
        else:
            st.caption(_("Answer at least one question to see how the settings rank for you."))
        if st.session_state.get("quiz_share"):
            st.caption(_("Your answers are in this page's link: you chose to share them (on Your results)."))

if not results_tab.open:
    st.stop()  # the results are drawn only while their tab is open

with results_tab:
    if not answered:
        st.info(_("Answer at least one question to see how the settings rank for you."))
        st.stop()
    st.caption(_("Based on {n} of {total} questions.").format(n=len(answered), total=total))
    with st.expander(_("Adjust how much each answer counts"), expanded=False):
        st.caption(_("Each weight starts where your answer puts it (“matters a lot” starts at 3) until you move it."))
        for q in answered:
            st.select_slider(
                inert_label(q.text),
                options=[0, 1, 2, 3],
                format_func=lambda w: f"{w:d} – {inert_label(_(WEIGHT_LABELS[w]))}",
                key=f"w_{q.id}",
                persist_state="session",
                on_change=_weight_set,
                args=(q.id,),
            )
    pick_many(_("Leave out settings you have ruled out"), names, key="quiz_dismissed")

    outcome = score(quiz, values, names, answers, weights, dismissed)
    for warning in outcome.headlines + outcome.warnings:
        st.warning(inert(warning))
    if not outcome.ranking or outcome.ranking[0].score is None:
        st.info(_("Your answers so far are all “no preference”, so there is nothing to rank yet."))
        st.stop()

    short = {p.id: p.short_name for p in result.profiles}
    render_chart(charts.fit_chart(outcome.ranking, short, font_size=font_size()), key="fit_chart")

    first = outcome.ranking[0]
    tied = [r for r in outcome.ranking if r.rank == first.rank and r.score is not None]
    if len(tied) > 1:  # said plainly: the order among them is not a preference
        if outcome.tolerance > 0:
            st.info(
                _(
                    "About equally good fits: {names}. Their scores are closer than the ratings can tell apart (one "
                    "step of a judgement rating on your lightest answer is worth {points} points), so they share "
                    "first place; the order they are listed in means nothing."
                ).format(points=f"{outcome.tolerance:.1f}", names=inert(", ".join(r.name for r in tied)))
            )
        else:
            st.info(
                _(
                    "Equal first: {names}. Their scores are the same as shown, so they share first place; the order "
                    "they are listed in means nothing."
                ).format(names=inert(", ".join(r.name for r in tied)))
            )
    judged = [(r, judgement_subjects(r)) for r in [r for r in outcome.ranking if r.score is not None][:3]]
    if any(subjects for _r, subjects in judged):
        st.markdown(
            _("**Resting on our judgement alone** (no source; counted at half weight), for your top three:")
            + "\n"
            + "\n".join(
                f"- {inert(r.name)} ({inert(r.rank_label)}): {inert(', '.join(subjects) or _('none'))}"
                for r, subjects in judged
            )
        )
    flip = ranking_flip_change(quiz, values, names, answers, weights, dismissed)
    st.markdown(
        _("**What would change first place:** {flip}").format(
            flip=inert(flip.description) if flip else _("no single change of one answer or weight would change it.")
        )
    )

    st.subheader(_("Why each setting scored as it did"))
    subjects = {q.id: q.subject[:1].upper() + q.subject[1:] for q in quiz.questions}
    for r in outcome.ranking:
        if r.score is None:
            continue
        flag = " ⚠ " + "; ".join(r.deal_breakers) if r.deal_breakers else ""
        with st.expander(
            f"{inert(r.rank_label)}. {inert(r.name)} — {r.score:.0f}/100{inert(flag)}", expanded=r is first
        ):
            pros, cons = reasons_for_against(r)
            if pros:
                st.markdown(_("**For:**") + "\n" + "\n".join(f"- {inert(c.reason)}" for c in pros))
            if cons:
                st.markdown(_("**Against:**") + "\n" + "\n".join(f"- {inert(c.reason)}" for c in cons))
            if r.cautions:
                st.markdown(_("**Check:**") + "\n" + "\n".join(f"- {inert(c)}" for c in r.cautions))
            if r.skipped:
                st.markdown(_("**Not counted:**") + "\n" + "\n".join(f"- {inert(s)}" for s in r.skipped))
            # A plain table that wraps: every column fits a phone screen without sideways scrolling.
            st.markdown(
                _("| Your answer | Match | Weight | Points |")
                + "\n| --- | ---: | ---: | ---: |\n"
                + "\n".join(
                    f"| {inert(subjects[c.question_id])}: {inert(c.option_label)} "
                    f"| {c.closeness:.0%} | {inert(weight_shown(c))} | {c.points:.1f} |"
                    for c in r.contributions
                )
            )
            st.caption(
                _("The points add up to the score ({total}).").format(
                    total=f"{sum(c.points for c in r.contributions):.0f}"
                )
                + (
                    " "
                    + _("A weight shown as “2 → 1” is on a rating that rests on our judgement alone, counted at half.")
                    if any(c.judgement for c in r.contributions)
                    else ""
                )
            )
            st.page_link(
                "app_pages/detail.py",
                label=_("Everything about {name}").format(name=inert(r.name)),
                icon=":material/arrow_forward:",
                query_params=link_to("setting", r.setting_id),
            )
    if dismissed:
        st.caption(_("Left out by you: {names}").format(names=inert(", ".join(names[d] for d in sorted(dismissed)))))
    local_pay_table(
        [by_id[r.setting_id] for r in outcome.ranking if r.score is not None][:3],
        result.catalogs.national,
        for_quiz=True,
    )

    top = outcome.ranking[0]
    st.subheader(_("Next steps for {name}").format(name=inert(top.name)))
    sharing = [r.name for r in tied if r.setting_id != top.setting_id] if top.rank == 1 else []
    if sharing:  # listed first among equals only by name: say so, and where to plan toward the others
        st.caption(
            _(
                "{name} shares first place with {others}. To plan toward one of those, choose it under “Plan toward "
                "a setting” on the Credentials page."
            ).format(name=inert(top.name), others=inert(", ".join(sharing)))
        )
    credential_names = {c: cred.name for c, cred in result.catalogs.credentials.items()}
    held = set(pick_many(_("Credentials you already hold"), credential_names, key="held_credentials"))
    # The credential planner's "About you", when filled in, carries over: lapsed credentials are not held, and
    # the take-home summary checks the setting's entry conditions against the experience given there.
    lapsed = set(st.session_state.get("plan_lapsed") or []) & held
    held -= lapsed
    planner_years = st.session_state.get("plan_years")
    person = (
        Person(
            held=held,
            lapsed=lapsed,
            years_experience=max(planner_years, st.session_state.get("plan_sterile") or 0.0),
            sterile_years=st.session_state.get("plan_sterile") or 0.0,
            hours_per_week=st.session_state.get("plan_hours") or DEFAULT_HOURS_PER_WEEK,
            years_since_last_worked=st.session_state.get("plan_gap") or 0.0,
        )
        if isinstance(planner_years, (int, float))
        else None
    )
    missing = missing_credentials(by_id[top.setting_id], held, result.catalogs)
    if missing:
        st.markdown(
            "\n".join(
                f"- **{inert(c.name)}** — "
                + _("{relevance} here").format(relevance=inert(_(RELEVANCE_WORDS.get(rel, rel))))
                for c, rel in missing
            )
        )
    else:
        st.markdown(_("You hold every credential this setting requires or prefers."))
    # Credentials are not all: experience and other entry conditions, by the planner's rules, with their evidence.
    entry = entry_lines(by_id[top.setting_id], person, held, result.catalogs)
    if entry:
        st.markdown(
            _("**Entry usually needs** (besides credentials):") + "\n" + "\n".join(f"- {inert(x)}" for x in entry)
        )
        if person is None:
            st.caption(_("Fill in “About you” on the Credentials page to check your experience against these."))
    st.page_link(
        "app_pages/detail.py",
        label=_("See the full profile of {name}").format(name=inert(top.name)),
        icon=":material/arrow_forward:",
        query_params=link_to("setting", top.setting_id),
    )

    st.subheader(_("Take-home summary"))
    st.caption(
        _(
            "One or two pages to keep: your shortlist, why it fits, pay and hours side by side, next steps and "
            "sources. The name and date are printed on the page only; nothing is saved."
        )
    )
    ranked_ids = [r.setting_id for r in outcome.ranking if r.score is not None]
    c1, c2 = st.columns(2)
    client_name = c1.text_input(_("Client name (optional)"), key="client_name", max_chars=80, persist_state="session")
    session_date = c2.date_input(_("Date"), key="session_date", value="today", persist_state="session")
    # The shortlist follows the top three until the person edits it (the rule: analysis.quiz.shortlist).
    top3 = ranked_ids[:3]
    follow = follow_shortlist(
        ranked_ids,
        st.session_state.get("shortlist"),
        st.session_state.get("_shortlist_choice"),
        st.session_state.get("_shortlist_written", []),
    )
    choice = follow.choice
    st.session_state["shortlist"], st.session_state["_shortlist_choice"] = follow.shown, follow.choice
    st.session_state["_shortlist_written"] = follow.written

    def _shortlist_follow() -> None:
        st.session_state["_shortlist_written"] = follow_again(
            st.session_state["shortlist"], st.session_state["_shortlist_written"]
        )
        st.session_state["_shortlist_choice"] = None

    shortlist = st.multiselect(
        _("Shortlist for the summary (up to 4)"),
        ranked_ids,
        max_selections=4,
        format_func=names.get,
        key="shortlist",
        placeholder=_("Choose options"),
    )
    if choice is None:
        st.caption(_("The shortlist follows your top three until you change it."))
    elif set(shortlist) != set(top3):
        st.caption(
            _("Your shortlist differs from your current top three ({names}).").format(
                names=inert(", ".join(names[s] for s in top3))
            )
        )
        st.button(_("Use my top three again"), key="shortlist_follow", on_click=_shortlist_follow)

    local_place = pdf_place()  # read now: the PDF is built later, outside this script run
    LANGUAGE = current_language()  # likewise: the downloads are built outside this run, in this run's language

    def in_language(build):
        """A download built later, in this run's language."""

        def run_in_language() -> bytes:
            set_language(LANGUAGE)
            return build()

        return run_in_language

    def summary_pdf() -> bytes:
        set_language(LANGUAGE)
        # Exactly the shortlist shown above (an emptied shortlist means the summary's default, the top three).
        return build_summary_pdf(
            ranking=outcome.ranking,
            profiles=by_id,
            catalogs=result.catalogs,
            shortlist=shortlist or None,
            held=held,
            client_name=client_name,
            session_date=session_date,
            quiz_answers_summary=answers_summary(quiz, answers, weights),
            place=local_place,
            person=person,
        )

    d1, d2, d3 = st.columns(3)
    d1.download_button(
        _("Download summary (PDF)"),
        data=summary_pdf,
        file_name="rx-settings-summary.pdf",
        mime="application/pdf",
        icon=":material/picture_as_pdf:",
        type="primary",
        key="download_pdf",
        on_click="ignore",
    )
    # The answers as a spreadsheet, or as data the app reads back; each file is built when its button is clicked.
    for column, label, ext, mime, build in (
        (d2, _("My answers (CSV)"), "csv", "text/csv", answers_csv),
        (d3, _("My answers (JSON)"), "json", "application/json", answers_json),
    ):
        column.download_button(
            inert_label(label),
            data=in_language(partial(build, quiz, answers, weights, outcome.ranking)),
            file_name=f"rx-settings-answers.{ext}",
            mime=mime,
            key=f"download_{ext}",
            on_click="ignore",
        )
    st.caption(_(NOTHING_KEPT))

    st.subheader(_("Keep or share your answers"))
    if st.checkbox(
        _("Put my answers in this page's link"),
        key="quiz_share",
        help=_("Then you can copy the address bar to come back later or send it to someone."),
        persist_state="session",
    ):
        st.warning(_("The link now contains your answers. Anyone you send it to can see them."))
