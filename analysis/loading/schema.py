"""The shape of a setting profile and of the shared catalogs, as pydantic models: one import for all of them.

The models live by concern: `fields` (vocabularies, text and numbers, facts), `profile_model` (a setting
profile), `catalog_model` (sources, credentials and their rules, national figures). Every name is importable
from here as before.

Run `python -m analysis.loading.schema` to rewrite settings_profiles/schema.json.
"""

from __future__ import annotations

import json
from pathlib import Path

from analysis.loading import catalog_model, fields, profile_model
from analysis.loading.catalog_model import *  # noqa: F403 - the catalogs' models, listed in its __all__
from analysis.loading.fields import *  # noqa: F403 - vocabularies, text and number types, facts
from analysis.loading.profile_model import *  # noqa: F403 - the setting profile's models
from analysis.loading.profile_model import Profile

_visible_text = fields.visible_text  # the name modules written before the split import

# every model and vocabulary, importable from here
__all__ = [
    *fields.__all__,
    *profile_model.__all__,
    *catalog_model.__all__,
    "_visible_text",
    "profile_json_schema",
    "write_schema",
]


def write_schema(path: Path) -> None:
    path.write_text(profile_json_schema() + "\n", encoding="utf-8")


def profile_json_schema() -> str:
    schema = Profile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Rx Settings Explorer setting profile"
    return json.dumps(schema, indent=2, sort_keys=True)


if __name__ == "__main__":  # pragma: no cover - a maintenance command
    from analysis.paths import SCHEMA_PATH

    write_schema(SCHEMA_PATH)
    print(f"wrote {SCHEMA_PATH}")
