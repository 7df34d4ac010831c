"""Rx Settings Explorer: compare pharmacy-technician practice settings and find the ones that fit.

This file only wires pages together; each page lives in app_pages/ and calls analysis/.
"""

import streamlit as st

from ui.serve import keep_offline
from ui.session_bar import session_bar

keep_offline()  # also when started as `streamlit run app.py` rather than `python -m ui.serve app.py`

st.set_page_config(page_title="Rx Settings Explorer", page_icon="💊", layout="wide")

PAGES = [
    st.Page("app_pages/overview.py", title="Overview", icon=":material/dashboard:", default=True,
            help="Every practice setting at a glance, with national pay and outlook."),
    st.Page("app_pages/compare.py", title="Compare", icon=":material/compare_arrows:",
            help="Two to four settings side by side: pay, ratings, hours, tasks and credentials."),
    st.Page("app_pages/detail.py", title="Setting detail", icon=":material/article:",
            help="Everything about one setting: a day in the life, pay, tasks, credentials, sources."),
    st.Page("app_pages/quiz.py", title="Fit quiz", icon=":material/quiz:",
            help="A few plain questions that rank the settings for you and explain why."),
    st.Page("app_pages/pathways.py", title="Credentials", icon=":material/workspace_premium:",
            help="Which credentials each setting asks for, and a step-by-step plan from where you are."),
    st.Page("app_pages/about.py", title="About the data", icon=":material/info:",
            help="Where every figure comes from, how ratings were made, and what the data cannot tell you."),
]

page = st.navigation(PAGES, position="top")
session_bar()
page.run()
