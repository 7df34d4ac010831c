"""`python -m analysis.validate` as a profile author runs it."""

from __future__ import annotations

import subprocess
import sys

from analysis.paths import PROFILES_DIR, ROOT


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "analysis.validate", *args], cwd=ROOT, capture_output=True, text=True, timeout=60
    )


def test_bundled_files_pass():
    proc = run()
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout == ""
    assert "OK:" in proc.stderr


def test_a_bad_file_fails_with_file_field_message(tmp_path):
    text = (PROFILES_DIR / "hospital.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "hospital.yaml"
    bad.write_text(text.replace("  autonomy:\n    score: 3", "  autonomy:\n    score: 9"), encoding="utf-8")
    good = PROFILES_DIR / "retail.yaml"
    proc = run(str(bad), str(good))
    assert proc.returncode == 1
    lines = proc.stdout.strip().splitlines()
    assert lines == [f"{bad}: ratings.autonomy.score: Input should be less than or equal to 5"]
    assert "1 of 2 profile(s) valid" in proc.stderr
