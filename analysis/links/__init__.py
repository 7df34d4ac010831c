"""Shareable-link codecs: read link parameters without trusting them and without ever failing.

Each parser takes raw URL text and returns what it could use plus plain-language notices for what it
ignored; the UI shows the notices. `common` holds the shared limits, one module per kind of state.
"""
