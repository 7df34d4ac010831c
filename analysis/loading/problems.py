"""Pydantic's validation errors as plain `Problem(file, field, message)` lines a profile author can act on."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ValidationError

from analysis.loading.yaml_io import Problem


def _loc(loc: Iterable[Any]) -> str:
    parts: list[str] = []
    for item in loc:
        if isinstance(item, int):
            parts.append(f"[{item}]")
        elif parts:
            parts.append(f".{item}")
        else:
            parts.append(str(item))
    return "".join(parts) or "(document)"


def _message(err: dict[str, Any]) -> str:
    kind = err["type"]
    if kind == "extra_forbidden":
        return "unknown field (check the spelling against settings_profiles/schema.json)"
    if kind == "missing":
        return "required field is missing"
    msg = err["msg"]
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, ") :]
    if kind in {"int_type", "float_type", "string_type", "list_type", "model_type", "dict_type", "bool_type"}:
        msg += f" (got {type(err.get('input')).__name__}: {str(err.get('input'))[:60]!r})"
    return msg


def validation_problems(exc: ValidationError, file: str) -> list[Problem]:
    problems = []
    for err in exc.errors():
        loc = list(err["loc"])
        # Union members add their type names to the location ("value.int"); drop those.
        loc = [
            p
            for p in loc
            if not (
                isinstance(p, str)
                and p in {"int", "float", "str", "none", "function-after[_cited_or_explained(), NumericFact]"}
            )
        ]
        msg = _message(err)
        # Model-level rules ("tasks: shares add up to ...") name their own field.
        field_name = _loc(loc)
        if ": " in msg and field_name == "(document)":
            field_name, msg = msg.split(": ", 1)
        problems.append(Problem(file, field_name, msg))
    return problems


def validate_model(model: type[BaseModel], doc: Any, file: str) -> tuple[Any, list[Problem]]:
    if not isinstance(doc, dict):
        return None, [Problem(file, "(document)", f"expected a mapping of fields, got {type(doc).__name__}")]
    try:
        return model.model_validate(doc), []
    except ValidationError as exc:
        return None, validation_problems(exc, file)
    except Exception as exc:  # noqa: BLE001 - a surprise in one file is that file's problem, never a traceback
        return None, [unexpected(file, exc)]


def unexpected(file: str, exc: Exception) -> Problem:
    return Problem(file, "(file)", f"could not be checked ({type(exc).__name__}); the file was skipped")
