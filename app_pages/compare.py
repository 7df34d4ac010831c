"""Compare: 2-4 settings side by side, pay first, then the widest differences."""

import streamlit as st

from analysis.i18n import N_, _
from analysis.presentation.charts import HIGHER_IS_MORE
from analysis.presentation.safe_text import inert
from ui.links import PageLinks
from ui.local_pay import local_pay_table
from ui.pickers import pick_many
from ui.reality import compare_reality
from ui.state import compare_view, current, show_skipped
from ui.widgets import font_size, render_chart, show_notices

DEFAULT = ["hospital", "retail", "long-term-care", "industry-pbm"]
MAX_CHOICES = 4
# Tab labels and the short names the link uses for them (?tab=ratings).
TABS = {
    "pay": N_("Pay"),
    "ratings": N_("Ratings (editorial)"),
    "hours": N_("Hours"),
    "tasks": N_("Tasks"),
    "credentials": N_("Credentials"),
    "realities": N_("Day-to-day realities"),  # the section's title (analysis/loading/reality.py)
}
SHOWN_FIRST = 5  # pay and the four widest other differences; the rest behind "All … dimensions"

result, frames = current()
by_id = result.by_id()
ids = list(frames.settings["id"])  # display order, as on the Overview

# A link (?settings=a,b&pay=hourly) sets the view; invalid parts are dropped with a notice.
links = PageLinks("compare")
linked = links.read("settings", known=ids, max_items=MAX_CHOICES)
if linked:
    st.session_state["compare_ids"] = linked
if "compare_ids" not in st.session_state:
    st.session_state["compare_ids"] = [i for i in DEFAULT if i in by_id] or ids[:MAX_CHOICES]
linked_unit = links.read("pay")
if linked_unit:
    st.session_state["pay_unit"] = linked_unit
linked_tab = links.read("tab")
if linked_tab:
    st.session_state["compare_tab"] = _(TABS[linked_tab])
st.session_state.setdefault("pay_unit", "annual")  # set here, not as the widget's default: a link may set it first

st.title(_("Compare settings"))
show_notices(links.notices)
show_skipped(result)


# Not a fragment: the page's own widgets rerun the whole page, which is now cheap. A fragment made each interaction
# skip the session bar, but cost every full run more than the session bar does (bench/load.py: 83 -> 88 runs/s at
# 20 sessions without it; bench/interaction.py keeps clicks within 1.5x a one-widget page).
def comparison() -> None:
    names = {i: by_id[i].name for i in ids}
    chosen = pick_many(_("Settings to compare (2 to 4)"), names, key="compare_ids", max_selections=MAX_CHOICES)
    links.write("settings", chosen)

    if len(chosen) < 2:
        st.warning(_("Pick at least two settings to compare."))
        return

    st.subheader(_("Where they differ most"))
    st.caption(
        _(
            "Pay first, then the widest other differences. Ratings are editorial, 1–5, {higher}; hours run "
            "never, rare, sometimes, common, typical. Both are compared on one scale: how many of their four steps "
            "separate the settings. Pay is the published BLS median for each setting's industry."
        ).format(higher=inert(_(HIGHER_IS_MORE)))
    )
    # The pay unit is chosen below the list but needed now: read the widget's state (default annual).
    unit = st.session_state["pay_unit"]
    view = compare_view(tuple(chosen), unit == "hourly", font_size())
    with st.container(border=True):
        st.markdown("\n\n".join(view.difference_blocks[:SHOWN_FIRST]))
    all_rows = st.expander(
        _("The other {n} dimensions").format(n=len(view.difference_blocks) - SHOWN_FIRST),
        key="compare_all_rows",
        on_change="rerun",
    )
    with all_rows:
        if all_rows.open:
            st.markdown("\n\n".join(view.difference_blocks[SHOWN_FIRST:]))

    # Only the open tab's content is built and sent (lazy tabs), which keeps reruns cheap; the pay chart, the page's
    # first view, is the exception: it stays drawn behind the other tabs. It is updated in place when a setting is
    # added, and coming back to it does not build it again (a new Vega-Lite view costs ~100 ms in Chromium).
    labels = [_("Pay"), _("Ratings (editorial)"), _("Hours"), _("Tasks"), _("Credentials"), _("Day-to-day realities")]
    tab_labels = dict(zip(TABS, labels, strict=True))  # TABS' labels, written out: tab labels are Markdown
    if st.session_state.get("compare_tab") not in labels:  # e.g. the language just changed
        st.session_state.pop("compare_tab", None)
    tabs = st.tabs(labels, key="compare_tab", on_change="rerun")
    pay_tab, ratings_tab, hours_tab, tasks_tab, creds_tab, realities_tab = tabs
    with pay_tab:
        st.segmented_control(
            _("Show pay as"),
            ["annual", "hourly"],
            key="pay_unit",
            required=True,
            format_func=lambda unit: _("Annual") if unit == "annual" else _("Hourly"),
            persist_state="session",
        )
        render_chart(view.pay, key="pay_chart")
        if pay_tab.open:  # the place's figures and their chart: built only while Pay is open
            local_pay_table([by_id[i] for i in chosen], result.catalogs.national, hourly=unit == "hourly")
    links.write("pay", unit)
    open_tab = st.session_state.get("compare_tab") or tab_labels["pay"]
    links.write("tab", next((slug for slug, label in tab_labels.items() if label == open_tab), "pay"))
    for tab, chart, key in [
        (ratings_tab, view.ratings, "ratings_chart"),
        (hours_tab, view.schedule, "schedule_chart"),
        (tasks_tab, view.tasks, "tasks_chart"),
        (creds_tab, view.credentials, "credential_chart"),
    ]:
        with tab:
            if tab.open:
                render_chart(chart, key=key)
    with realities_tab:
        if realities_tab.open:
            compare_reality([by_id[i] for i in chosen], result.catalogs.sources)


comparison()
