"""Plain-Python core of Rx Settings Explorer: schema, loading, scoring, figures, exports.

Nothing in this package imports Streamlit, so all of it runs and is tested without a browser.
"""
