"""Rx Settings Explorer: compare pharmacy-technician practice settings and find the ones that fit.

This file only wires pages together; each page lives in app_pages/ and calls analysis/.
"""

import streamlit as st

from analysis.i18n import _
from ui.language import use_language
from ui.serve import keep_offline
from ui.session_bar import session_bar
from ui.widgets import show_notices

keep_offline()  # also when started as `streamlit run app.py` rather than `python -m ui.serve app.py`

st.set_page_config(page_title=_("Rx Settings Explorer"), page_icon="💊", layout="wide")
LANGUAGE_NOTICES = use_language()  # first: every text below is in the chosen language

PAGES = [
    st.Page("app_pages/overview.py", title=_("Overview"), icon=":material/dashboard:", default=True,
            help=_("Every practice setting at a glance, with national pay and outlook.")),
    st.Page("app_pages/compare.py", title=_("Compare"), icon=":material/compare_arrows:",
            help=_("Two to four settings side by side: pay, ratings, hours, tasks and credentials.")),
    st.Page("app_pages/detail.py", title=_("Setting detail"), icon=":material/article:",
            help=_("Everything about one setting: a day in the life, pay, tasks, credentials, sources.")),
    st.Page("app_pages/quiz.py", title=_("Fit quiz"), icon=":material/quiz:",
            help=_("A few plain questions that rank the settings for you and explain why.")),
    st.Page("app_pages/pathways.py", title=_("Credentials"), icon=":material/workspace_premium:",
            help=_("Which credentials each setting asks for, and a step-by-step plan from where you are.")),
    st.Page("app_pages/about.py", title=_("About the data"), icon=":material/info:",
            help=_("Where every figure comes from, how ratings were made, and what the data cannot tell you.")),
]

page = st.navigation(PAGES, position="top")
session_bar(page.url_path)
show_notices(LANGUAGE_NOTICES)
page.run()
