"""The one way this project starts a real Streamlit server: `python -m ui.serve SCRIPT` (`streamlit run` without
Streamlit's outbound address look-up) on 127.0.0.1 and a free port, healthy before use, always stopped after.
Used by the benchmarks (bench/load.py, bench/run.py) and by the tests' `app_server` fixture (tests/conftest.py)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Self

# Headless Chromium as the tests, benchmarks and screenshots start it: no background network traffic
# (this machine's closed network refuses it), no sandbox (runs as root in CI).
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`python -m ui.serve SCRIPT` on 127.0.0.1:free port; a context manager that always stops it."""

    def __init__(
        self,
        script: str | Path = "app.py",
        *,
        cwd: str | Path = ROOT,
        env: dict | None = None,
        extra_args: list[str] | None = None,
        start_timeout: float = 90.0,
        log_path: Path | None = None,
        port: int = 0,
        launcher: tuple[str, ...] = ("-m", "ui.serve"),
        keep_log: bool | None = None,
        append_log: bool = False,
    ) -> None:
        """`log_path`: keep the server's log there (tests keep theirs in test-artifacts/); by default it goes
        to a temporary file that is deleted when the server stops cleanly. `keep_log=False` deletes a given
        `log_path` too; `append_log` adds to it instead of starting it afresh (a restarted replica writes on
        in its predecessor's log). `launcher`: what follows `python` before SCRIPT (e.g. ("-m", "streamlit",
        "run") for plain Streamlit)."""
        self.script, self.cwd, self.start_timeout = str(script), Path(cwd), start_timeout
        self.keep_log = log_path is not None if keep_log is None else keep_log
        self.append_log = append_log
        self.fixed_port = port  # 0: a free port on every start
        self.env = {**os.environ, **(env or {})}
        self.extra_args = list(extra_args or [])
        self.launcher = tuple(launcher)
        self.port = 0
        self.proc: subprocess.Popen | None = None
        self.log_path: Path | None = Path(log_path) if log_path else None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int:
        return self.proc.pid

    def start(self) -> Self:
        self.port = self.fixed_port or free_port()
        if self.log_path is None:
            fd, name = tempfile.mkstemp(prefix="streamlit-server-", suffix=".log")
            os.close(fd)
            self.log_path = Path(name)
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("a" if self.append_log else "w") as log:
            self.proc = subprocess.Popen(
                [
                    sys.executable,
                    *self.launcher,
                    self.script,
                    "--server.headless",
                    "true",
                    "--server.address",
                    "127.0.0.1",
                    "--server.port",
                    str(self.port),
                    "--browser.gatherUsageStats",
                    "false",
                    *self.extra_args,
                ],
                cwd=self.cwd,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                break
            try:
                with urllib.request.urlopen(self.url + "/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        return self
            except OSError:
                time.sleep(0.3)
        log_tail = self.log_tail()
        self.stop()
        raise RuntimeError(f"streamlit did not become healthy on {self.url}:\n{log_tail}")

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except (OSError, AttributeError):
            return ""

    def log_problems(self) -> list[str]:
        """Lines of the server log that look like trouble (tracebacks, errors, warnings)."""
        try:
            text = self.log_path.read_text(errors="replace")
        except (OSError, AttributeError):
            return []
        keys = ("Traceback", "Error", "ERROR", "WARNING", "Exception")
        return [line for line in text.splitlines() if any(k in line for k in keys)][:20]

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
        if exc[0] is None and self.log_path is not None and not self.keep_log:
            self.log_path.unlink(missing_ok=True)
