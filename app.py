"""Rx Settings Explorer: compare pharmacy-technician practice settings and find the ones that fit.

This file only wires pages together; each page lives in app_pages/ and calls analysis/.
"""

import streamlit as st

from analysis.i18n import _
from ui.language import use_language
from ui.pages import navigation_pages
from ui.serve import keep_offline
from ui.session_bar import session_bar
from ui.widgets import show_notices

keep_offline()  # also when started as `streamlit run app.py` rather than `python -m ui.serve app.py`

st.set_page_config(page_title=_("Rx Settings Explorer"), page_icon="💊", layout="wide")
LANGUAGE_NOTICES = use_language()  # first: every text below is in the chosen language

PAGES = navigation_pages()  # made once per language (ui/pages.py), from analysis.links.registry

page = st.navigation(PAGES, position="top")
session_bar(page.url_path)
show_notices(LANGUAGE_NOTICES)
page.run()
