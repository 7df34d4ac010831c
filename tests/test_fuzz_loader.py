"""Fuzzing the profile loader: random and mangled YAML never raise, and every problem names its file."""

from __future__ import annotations

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.loading.loader import load_catalogs, load_profile_bytes, load_profiles
from analysis.paths import PROFILES_DIR
from tests.data import examples

CATALOGS = load_catalogs()
REAL = (PROFILES_DIR / "retail.yaml").read_bytes()
NAME = "fuzzed.yaml"

yaml_chars = st.sampled_from(
    list(string.printable)
    + [": ", "- ", "&a ", "*a", "!!python/object:os.system ", "{", "[", "\t", "\x00", "é", "\ufeff", "---\n", "...\n"]
)


def check(data: bytes) -> None:
    profile, problems = load_profile_bytes(data, NAME, CATALOGS)
    assert (profile is None) == bool(problems)
    for problem in problems:
        assert problem.file == NAME
        assert problem.field and problem.message


@settings(max_examples=examples(100), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(yaml_chars, max_size=200).map("".join))
def test_random_text_never_raises(text):
    check(text.encode("utf-8", "surrogatepass"))


@settings(max_examples=examples(100), deadline=None)
@given(st.binary(max_size=600))
def test_random_bytes_never_raise(data):
    check(data)


@settings(max_examples=examples(100), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.integers(0, len(REAL) - 1), st.integers(0, 40), st.binary(max_size=12)), min_size=1, max_size=6
    )
)
def test_mangled_real_profile_never_raises(edits):
    data = bytearray(REAL)
    for pos, cut, insert in edits:
        pos = min(pos, len(data))
        data[pos : pos + cut] = insert
    check(bytes(data))


@settings(max_examples=examples(60), deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
        lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
        max_leaves=20,
    )
)
def test_any_yaml_value_never_raises(value):
    import yaml

    check(yaml.safe_dump(value).encode())


def test_a_folder_full_of_garbage_still_loads_the_good_profile(tmp_path):
    (tmp_path / "retail.yaml").write_bytes(REAL)
    for i, junk in enumerate([b"\xff\xfe", b"- [", b"a: *b", b"!!python/name:os.system", b"x" * 300_000, b"{}"]):
        (tmp_path / f"junk-{i}.yaml").write_bytes(junk)
    result = load_profiles([tmp_path], CATALOGS)
    assert [p.id for p in result.profiles] == ["retail"]
    assert len(result.skipped) == 6
    assert {p.file.split("/")[-1] for p in result.problems} == {f"junk-{i}.yaml" for i in range(6)}
