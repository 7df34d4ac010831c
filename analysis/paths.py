"""Where the bundled data lives, relative to the project root."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROFILES_DIR = ROOT / "settings_profiles"
DATA_DIR = ROOT / "data"
SCHEMA_PATH = PROFILES_DIR / "schema.json"
SOURCES_PATH = DATA_DIR / "sources.yaml"
CREDENTIALS_PATH = DATA_DIR / "credentials.yaml"
REFERENCE_PATH = DATA_DIR / "reference_facts.yaml"
NATIONAL_PATH = DATA_DIR / "national.yaml"
OEWS_DIR = DATA_DIR / "oews"
OEWS_TABLE_PATH = OEWS_DIR / "pharmacy_technicians_may2025.csv"
OEWS_PROVENANCE_PATH = OEWS_DIR / "provenance.yaml"
OEWS_TREND_PATH = OEWS_DIR / "national_trend.csv"
