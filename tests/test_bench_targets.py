"""The benchmark flags a timed figure that misses its written target (`python -m bench.run --strict` exits 1)."""

from bench.run import over_target


def test_a_figure_over_its_target_is_flagged():
    assert over_target({"median_ms": 310.0, "target": "< 300 ms"})
    assert over_target({"median_ms": 300.0, "target": "< 300 ms"})
    assert not over_target({"median_ms": 156.0, "target": "< 300 ms"})
    assert over_target({"median_ms": 1950.0, "target": "<= 1000 ms"})
    assert not over_target({"median_ms": 1000.0, "target": "<= 1000 ms"})


def test_targets_a_person_reads_are_not_judged_here():
    assert not over_target({"median_ms": 11.0, "target": "<= 1.5x hello"})
    assert not over_target({"median_ms": 11.0, "target": "-"})
    assert not over_target({"value": 20.8, "unit": "runs/s", "target": ">= 20"})
