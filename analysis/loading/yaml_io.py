"""Reading one YAML file safely: size limit, UTF-8, safe tags only, no aliases, no duplicate keys.

Every failure becomes a `Problem` naming the file; nothing here raises on bad input.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError
from yaml.nodes import MappingNode

MAX_FILE_BYTES = 256 * 1024  # a full profile is ~8 KB; anything near this limit is not a profile


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file: which file, where in it, and what was expected."""

    file: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.field}: {self.message}"


# libyaml's parser when present (about 10x faster); the constructor is Python either way.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictSafeLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader that refuses aliases (no 'billion laughs') and duplicate mapping keys."""

    def construct_object(self, node, deep=False):  # type: ignore[override]
        # A node met a second time is an alias (*name) pointing back at an anchor.
        if node in self.constructed_objects or node in self.recursive_objects:
            raise ConstructorError(
                None, None, "YAML aliases (*name) are not allowed in these files; write the value out", node.start_mark
            )
        return super().construct_object(node, deep=deep)

    def construct_mapping(self, node: MappingNode, deep: bool = False):  # type: ignore[override]
        seen: set[Any] = set()
        for key_node, _ in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise ConstructorError(None, None, "mapping keys must be plain text", key_node.start_mark)
            key = key_node.value
            if key in seen:
                raise ConstructorError(None, None, f"key '{key}' appears twice in the same mapping", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def parse_yaml_bytes(data: bytes, name: str) -> tuple[Any, list[Problem]]:
    """Parse YAML bytes; return (document, problems). Document is None when there are problems."""
    if len(data) > MAX_FILE_BYTES:
        return None, [Problem(name, "(file)", f"file is {len(data):,} bytes; the limit is {MAX_FILE_BYTES:,} bytes")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [Problem(name, "(file)", f"not UTF-8 text (bad byte at position {exc.start}); save the file as UTF-8")]
    if not text.strip():
        return None, [Problem(name, "(file)", "file is empty; expected a YAML mapping")]
    try:
        doc = yaml.load(text, Loader=_StrictSafeLoader)  # noqa: S506 - a SafeLoader subclass
    except ConstructorError as exc:
        return None, [Problem(name, _line(exc), _constructor_message(exc))]
    except yaml.YAMLError as exc:
        return None, [Problem(name, _line(exc), f"malformed YAML: {_yaml_reason(exc)}")]
    except RecursionError:
        return None, [Problem(name, "(file)", "YAML nesting is too deep")]
    return doc, []


def read_yaml_file(path: Path) -> tuple[Any, list[Problem]]:
    name = display_name(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, [Problem(name, "(file)", f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,} bytes")]
        data = path.read_bytes()
    except OSError as exc:
        return None, [Problem(name, "(file)", f"cannot read file: {exc.strerror or exc}")]
    return parse_yaml_bytes(data, name)


def display_name(path: Path) -> str:
    """A short, stable name for messages: relative to the working directory when possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _line(exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    return f"line {mark.line + 1}" if mark is not None else "(file)"


def _yaml_reason(exc: yaml.YAMLError) -> str:
    problem = getattr(exc, "problem", None)
    context = getattr(exc, "context", None)
    parts = [p for p in (context, problem) if p]
    return "; ".join(parts) if parts else str(exc).splitlines()[0]


def _constructor_message(exc: ConstructorError) -> str:
    problem = exc.problem or str(exc)
    if "could not determine a constructor for the tag" in problem:
        tag = problem.split("tag", 1)[1].strip()
        return f"tag {tag} is not allowed; only plain YAML values (text, numbers, lists, mappings) are read"
    return problem
