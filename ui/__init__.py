"""Streamlit-side helpers shared by the pages, one job per module: state (cached data and session uploads),
links (URL parameters), widgets (charts, cited figures, notices), session_bar (New client, presentation view),
style (the page stylesheet) and orientation (what the app says about itself)."""
