"""Compare: 2-4 settings side by side, widest differences first."""

import streamlit as st

from ui.links import PageLinks
from ui.location import local_pay_table
from ui.state import compare_view, current, show_skipped
from ui.widgets import font_size, render_chart, show_notices

DEFAULT = ["hospital", "retail", "long-term-care", "industry-pbm"]
MAX_CHOICES = 4

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
st.session_state.setdefault("pay_unit", "annual")  # set here, not as the widget's default: a link may set it first

st.title("Compare settings")
show_notices(links.notices)
show_skipped(result)
chosen = st.multiselect("Settings to compare (2 to 4)", ids, format_func=lambda i: by_id[i].name, key="compare_ids",
                        max_selections=MAX_CHOICES, persist_state="session")
links.write("settings", chosen)

if len(chosen) < 2:
    st.warning("Pick at least two settings to compare.")
    st.stop()

st.subheader("Where they differ most")
st.caption("Sorted by how far apart the chosen settings are. Ratings and hours are our editorial judgement; "
           "pay is the published BLS median with its period.")
# The pay unit is chosen below the table but needed now: read the widget's state (default annual).
unit = st.session_state["pay_unit"]
view = compare_view(tuple(chosen), unit == "hourly", font_size())
diff = view.differences.drop(columns="spread")
st.dataframe(diff.head(5), hide_index=True, width="stretch")
all_rows = st.expander(f"All {len(diff)} dimensions", key="compare_all_rows", on_change="rerun")
with all_rows:
    if all_rows.open:
        st.dataframe(diff, hide_index=True, width="stretch")

# One chart at a time: only the open tab's chart is built and sent (lazy tabs), which keeps reruns cheap.
TABS = ["Pay", "Ratings (editorial)", "Hours", "Tasks", "Credentials"]
pay_tab, ratings_tab, hours_tab, tasks_tab, creds_tab = st.tabs(TABS, key="compare_tab", on_change="rerun")
with pay_tab:
    if pay_tab.open:
        st.segmented_control("Show pay as", ["annual", "hourly"], key="pay_unit", required=True,
                             format_func=str.capitalize, persist_state="session")
        render_chart(view.pay, key="pay_chart")
        local_pay_table([by_id[i] for i in chosen], result.catalogs.national, hourly=unit == "hourly")
links.write("pay", unit)
for tab, chart, key in [(ratings_tab, view.ratings, "ratings_chart"), (hours_tab, view.schedule, "schedule_chart"),
                        (tasks_tab, view.tasks, "tasks_chart"), (creds_tab, view.credentials, "credential_chart")]:
    with tab:
        if tab.open:
            render_chart(chart, key=key)
