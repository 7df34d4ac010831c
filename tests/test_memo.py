"""ui/memo.py: the shared caches every session reads (bundled data only)."""

from __future__ import annotations

import threading
import time

import pytest

from ui.memo import clear_shared, shared


def test_a_result_is_made_once_even_when_many_sessions_ask_at_once():
    calls = []

    @shared()
    def slow(x: int) -> list[int]:
        calls.append(x)
        time.sleep(0.05)  # long enough for every thread to miss together
        return [x]

    threads = [threading.Thread(target=slow, args=(1,)) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert calls == [1]
    assert slow(1) is slow(1)  # one shared object, not a copy per caller


def test_past_its_size_the_oldest_result_is_dropped_first():
    calls = []

    @shared(max_entries=2)
    def square(x: int) -> int:
        calls.append(x)
        return x * x

    square(1), square(2), square(3)  # 1 is dropped
    square(2), square(3)
    assert calls == [1, 2, 3]
    square(1)
    assert calls == [1, 2, 3, 1]


def test_only_positional_arguments_and_clearing_forgets_everything():
    calls = []

    @shared()
    def echo(x: str) -> str:
        calls.append(x)
        return x

    with pytest.raises(TypeError, match="positional"):
        echo(x="a")
    echo("a")
    clear_shared()
    echo("a")
    assert calls == ["a", "a"]


def test_only_a_bundled_setting_as_loaded_counts_as_bundled():
    """The shared caches keep bundled settings only: an uploaded copy, even one equal to a bundled profile, is not."""
    from ui.state import bundled, is_bundled

    hospital = bundled()[0].by_id()["hospital"]
    retail = bundled()[0].by_id()["retail"]
    assert is_bundled(hospital) and is_bundled(hospital, retail)
    upload = hospital.model_copy()
    assert upload == hospital and not is_bundled(upload) and not is_bundled(retail, upload)
