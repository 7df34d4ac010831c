"""Compare: 2-4 settings side by side, widest differences first."""

import streamlit as st

from analysis import figures
from analysis.links import parse_setting_list
from app_pages.data import current, show_skipped
from app_pages.ui import drop_unknown_params, font_size, new_link_values, render_chart, show_notices, write_link

DEFAULT = ["hospital", "retail", "long-term-care", "industry-pbm"]
MAX_CHOICES = 4

result, frames = current()
by_id = result.by_id()
ids = list(by_id)

# A link (?settings=a,b) applies when it differs from what this page last wrote to the URL.
notices = drop_unknown_params(["settings", "pay"])
raw = new_link_values("settings")
if raw:
    chosen, more = parse_setting_list(raw, ids, max_items=MAX_CHOICES)
    notices += more
    if chosen:
        st.session_state["compare_ids"] = chosen
if "compare_ids" not in st.session_state:
    st.session_state["compare_ids"] = [i for i in DEFAULT if i in by_id] or ids[:MAX_CHOICES]
pay_raw = new_link_values("pay")
if pay_raw and pay_raw[-1] not in ("annual", "hourly"):
    notices.append("Ignored “pay” in the link: it should be annual or hourly.")
elif pay_raw:
    st.session_state["pay_unit"] = pay_raw[-1]

st.title("Compare settings")
show_notices(notices)
show_skipped(result)
chosen = st.multiselect("Settings to compare (2 to 4)", ids, format_func=lambda i: by_id[i].name, key="compare_ids",
                        max_selections=MAX_CHOICES, persist_state="session")
write_link("settings", ",".join(chosen))

if len(chosen) < 2:
    st.warning("Pick at least two settings to compare.")
    st.stop()

names = {i: by_id[i].short_name for i in chosen}
size = font_size()

st.subheader("Where they differ most")
st.caption("Sorted by how far apart the chosen settings are. Ratings and hours are editorial; pay is published.")
diff = figures.differences(frames.settings, frames.ratings, frames.schedule, names).drop(columns="spread")
st.dataframe(diff.head(6), hide_index=True, width="stretch")
with st.expander(f"All {len(diff)} dimensions"):
    st.dataframe(diff, hide_index=True, width="stretch")

st.subheader("Pay")
unit = st.segmented_control("Show pay as", ["annual", "hourly"], key="pay_unit", default="annual", required=True,
                            format_func=str.capitalize, persist_state="session")
write_link("pay", unit)
wages = frames.wages[frames.wages["setting_id"].isin(chosen)]
render_chart(figures.pay_chart(wages, names, result.catalogs.national.median_wage_annual, result.catalogs.sources,
                               hourly=unit == "hourly", font_size=size), key="pay_chart")

st.subheader("Ratings :gray-badge[Editorial]")
render_chart(figures.ratings_chart(frames.ratings[frames.ratings["setting_id"].isin(chosen)], names, font_size=size),
             key="ratings_chart")

st.subheader("Hours")
render_chart(figures.schedule_chart(frames.schedule[frames.schedule["setting_id"].isin(chosen)], names, font_size=size),
             key="schedule_chart")

st.subheader("How the time is spent")
render_chart(figures.tasks_chart(frames.tasks[frames.tasks["setting_id"].isin(chosen)], names, font_size=size),
             key="tasks_chart")

st.subheader("Credentials")
render_chart(figures.credential_chart(frames.credentials, names, font_size=size), key="credential_chart")
