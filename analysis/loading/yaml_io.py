"""Reading one YAML file safely: regular files only, no links inside a folder, bounded read, UTF-8, safe tags
only, no aliases, no merge keys, no duplicate keys, whole numbers in plain decimal digits and short enough to be
a figure.

Every failure becomes a `Problem` naming the file; nothing here raises on bad input.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError
from yaml.nodes import MappingNode

MAX_FILE_BYTES = 256 * 1024  # a full profile is ~8 KB; anything near this limit is not a profile
MAX_INT_DIGITS = 15  # no figure here needs more; Python refuses to read ints past 4,300 digits anyway
MERGE_TAG = "tag:yaml.org,2002:merge"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file: which file, where in it, and what was expected."""

    file: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.field}: {self.message}"


# Forms YAML 1.1 reads as whole numbers besides plain decimal: no figure is meant that way, and a long one
# can reach Python's own limit on converting integers to text.
_NOT_DECIMAL = (
    ("0x", "hexadecimal (0x…)"),
    ("0b", "binary (0b…)"),
    (":", "base 60 (1:30)"),
    ("0", "octal (a leading 0)"),
)


def number_problem(text: str) -> str | None:
    """Why a YAML whole number is not a figure (a form other than decimal digits, or too many digits), else None."""
    plain = text.replace("_", "").lstrip("+-")
    for mark, form in _NOT_DECIMAL:
        if (mark == ":" and mark in plain) or (mark != ":" and plain.startswith(mark) and plain != "0"):
            return f"a number written in {form} is not a figure; write it in decimal digits"
    if len(plain) > MAX_INT_DIGITS:
        return f"a number with {len(plain)} digits is not a figure; the limit is {MAX_INT_DIGITS} digits"
    return None


# libyaml's parser when present (about 10x faster); the constructor is Python either way.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictSafeLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader that refuses aliases (no 'billion laughs'), merge keys and duplicate mapping keys."""

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
            if key_node.tag == MERGE_TAG:
                # `<<: {...}` copies keys in from elsewhere, round the duplicate-key rule below.
                raise ConstructorError(
                    None,
                    None,
                    "merge keys (<<) are not allowed in these files; write the keys out",
                    key_node.start_mark,
                )
            key = key_node.value
            if key in seen:
                raise ConstructorError(
                    None, None, f"key '{key}' appears twice in the same mapping", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_int(self, node):  # type: ignore[override]
        problem = number_problem(str(node.value))
        if problem:
            raise ConstructorError(None, None, problem, node.start_mark)
        return super().construct_yaml_int(node)


_StrictSafeLoader.add_constructor("tag:yaml.org,2002:int", _StrictSafeLoader.construct_yaml_int)


def parse_yaml_bytes(data: bytes, name: str) -> tuple[Any, list[Problem]]:
    """Parse YAML bytes; return (document, problems). Document is None when there are problems."""
    if len(data) > MAX_FILE_BYTES:
        return None, [Problem(name, "(file)", f"file is {len(data):,} bytes; the limit is {MAX_FILE_BYTES:,} bytes")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [
            Problem(name, "(file)", f"not UTF-8 text (bad byte at position {exc.start}); save the file as UTF-8")
        ]
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
    except Exception as exc:  # noqa: BLE001 - any surprise in a hostile file is that file's problem, not a crash
        return None, [Problem(name, "(file)", f"could not be read as YAML ({type(exc).__name__})")]
    return doc, []


def read_yaml_file(path: Path, within: Path | None = None) -> tuple[Any, list[Problem]]:
    """Read a regular file of at most MAX_FILE_BYTES and parse it.

    FIFOs, devices and folders are refused before anything is read (so nothing can hang or stream
    forever). With `within` (the folder the file was listed from), a link is refused wherever it points: one out
    of the folder could read any file, and one inside it would read a profile twice under another name.
    """
    name = display_name(path)
    if within is not None and not _inside(path, within):
        return None, [
            Problem(
                name,
                "(file)",
                f"is a link to a file outside {display_name(within)}; only files inside the folder are read",
            )
        ]
    if within is not None and path.is_symlink():
        return None, [
            Problem(name, "(file)", "is a link to another file; only files inside the folder are read, never links")
        ]
    try:
        data = _read_regular_file(path)
    except _NotAFile as exc:
        return None, [Problem(name, "(file)", str(exc))]
    except OSError as exc:
        return None, [Problem(name, "(file)", f"cannot read file: {exc.strerror or exc}")]
    return parse_yaml_bytes(data, name)


class _NotAFile(Exception):
    pass


def _read_regular_file(path: Path) -> bytes:
    # O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise _NotAFile("is a folder, not a profile file")
        if not stat.S_ISREG(info.st_mode):
            raise _NotAFile("is not a regular file (a device, pipe or socket); only plain files are read")
        if info.st_size > MAX_FILE_BYTES:
            raise _NotAFile(f"file is {info.st_size:,} bytes; the limit is {MAX_FILE_BYTES:,} bytes")
        chunks, left = [], MAX_FILE_BYTES + 1  # bounded even if the file grows while we read
        while left > 0:
            chunk = os.read(fd, min(left, 65536))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except (ValueError, OSError, RuntimeError):
        return False
    return True


def display_name(path: Path) -> str:
    """A short, stable name for messages: relative to the working directory when possible.

    Links are not followed, so a message names the file as given, never where a link points."""
    try:
        return str(Path(os.path.abspath(path)).relative_to(os.path.abspath(Path.cwd())))
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
