"""Streamlit-side helpers shared by the pages: cached state, link state, widgets, the session bar."""
