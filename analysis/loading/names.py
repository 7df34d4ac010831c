"""Whether two settings' names read alike, so that no upload can pass for a bundled setting on a page.

Names are compared as a reader sees them: Unicode-normalised (NFKC: full-width and other compatibility
letters become plain ones), case and spacing ignored, and letter by letter through the Unicode confusables
data (via `confusable_homoglyphs`), so Cyrillic "Ноѕріtаl" reads the same as "Hospital".
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import cache

from confusable_homoglyphs.confusables import confusables_data

from analysis.loading.schema import Profile
from analysis.loading.yaml_io import Problem

NAME_FIELDS = ("id", "name", "short_name")


def _plain(text: str) -> str:
    """NFKC, without invisible format characters or combining marks, spaces folded."""
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(ch for ch in decomposed if unicodedata.category(ch) not in ("Mn", "Cf"))
    return " ".join(unicodedata.normalize("NFKC", kept).split())


@cache
def _glyphs(ch: str) -> frozenset[str]:
    """Every single character `ch` may be read as: itself in either case and its listed look-alikes."""
    alike = {ch, ch.casefold(), ch.upper()}
    for c in list(alike):
        alike |= {g["c"] for g in confusables_data.get(c, ()) if len(g["c"]) == 1}
    return frozenset(alike | {c.casefold() for c in alike})


def same_words(a: str, b: str) -> bool:
    """The same text once case and spacing are ignored."""
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def look_alike(a: str, b: str) -> bool:
    """`a` and `b` would read the same on a page: equal after normalisation, or letter for letter confusable."""
    a, b = _plain(a), _plain(b)
    if same_words(a, b):
        return True
    return len(a) == len(b) and all(x == y or _glyphs(x) & _glyphs(y) for x, y in zip(a, b, strict=True))


def name_clash(file: str, profile: Profile, others: Iterable[Profile], bundled_ids: set[str]) -> Problem | None:
    """A problem when `profile`'s id, name or short name reads the same as any of another setting's: two
    settings that read alike cannot be told apart on a page."""
    for other in others:
        kind = "a bundled setting" if other.id in bundled_ids else "a setting added earlier in this session"
        for field_name in NAME_FIELDS:
            mine = getattr(profile, field_name)
            theirs = [other.short_name, other.name, other.id]  # named in the message as a page shows them
            if any(same_words(mine, t) for t in theirs):
                said = f"'{mine}' is already used by {kind} ({other.name})"
            elif match := next((t for t in theirs if look_alike(mine, t)), None):
                said = (
                    f"'{mine}' looks the same as '{match}' (letters from another alphabet or style that look "
                    f"alike), already used by {kind} ({other.name})"
                )
            else:
                continue
            return Problem(file, field_name, f"{said}; give your profile its own {field_name.replace('_', ' ')}")
    return None
