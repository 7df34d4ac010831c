"""Check the container recipe: build and run the Dockerfile, or, without a container engine, the same steps.

    python deploy/check_container.py [--base IMAGE] [--without-engine]

With a working Docker daemon: builds the image (`--base` replaces the python:3.11-slim base, e.g. a
locally built one where Docker Hub is unreachable), runs it read-only with a tmpfs /tmp, and checks that
Docker's HEALTHCHECK reports healthy, the app answers, it runs as a non-root user, the image holds the
app and its data but no tests, tools or build-time CA, and the take-home PDF is built with the bundled
DejaVu font with networking switched off.

Without an engine (or with --without-engine) it follows the Dockerfile's own steps on this machine:
a fresh virtual environment with requirements.txt only, the files the Dockerfile copies (read from its
COPY lines) in a fresh folder, the server run as an unprivileged user with its own home and temporary
folder, the HEALTHCHECK command, the app's page, and the PDF with its font (no network when run as root).
Exit status 0 when every check passed; each check is printed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCKERFILE = ROOT / "Dockerfile"
IMAGE = "rx-settings-explorer:check"
PDF_CHECK = """
from analysis.loading.loader import load_profiles
from analysis.quiz import dimension_values, load_quiz, score
from analysis.presentation.summary_pdf import answers_summary, build_summary_pdf
result = load_profiles(); quiz = load_quiz()
answers = {q.id: 0 for q in quiz.questions}
outcome = score(quiz, dimension_values(result.profiles, result.catalogs.national, quiz),
                {p.id: p.name for p in result.profiles}, answers)
pdf = build_summary_pdf(ranking=outcome.ranking, profiles=result.by_id(), catalogs=result.catalogs,
                        client_name="Zoë Ñúñez", quiz_answers_summary=answers_summary(quiz, answers))
assert bytes(pdf).startswith(b"%PDF") and b"DejaVuSans" in bytes(pdf), "PDF without the DejaVu font"
print("pdf ok", len(pdf))
"""

failures: list[str] = []


def run(cmd: list[str], **kwargs) -> subprocess.CompletedProcess:
    """A command whose exit status the caller reads."""
    return subprocess.run(cmd, check=kwargs.pop("check", False), **kwargs)


def check(ok: bool, what: str, detail: str = "") -> None:
    print(f"  [{'ok' if ok else 'FAILED'}] {what}" + (f": {detail}" if detail and not ok else ""), flush=True)
    if not ok:
        failures.append(what)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.status
    except OSError:
        return 0


def dockerfile_copies() -> list[tuple[str, str]]:
    """(source, destination) of the Dockerfile's COPY lines from the checkout (not from a build stage)."""
    pairs = []
    for line in DOCKERFILE.read_text().splitlines():
        parts = shlex.split(line) if line.startswith("COPY ") else []
        if parts and not any(p.startswith("--from") for p in parts) and parts[-1].startswith("/app"):
            pairs.append((parts[-2], parts[-1]))
    return pairs


def healthcheck_command() -> list[str]:
    """The HEALTHCHECK's CMD, as the Dockerfile writes it (exec form)."""
    text = DOCKERFILE.read_text().replace("\\\n", " ")
    match = re.search(r"HEALTHCHECK .*?CMD (\[.*?\])\n", text)
    return json.loads(match.group(1))


def engine_available() -> bool:
    docker = shutil.which("docker")
    return bool(docker) and run([docker, "info"], capture_output=True, timeout=20).returncode == 0


# ---------------------------------------------------------------- with Docker


def with_engine(base: str | None) -> None:
    print("Container engine found: building and running the image", flush=True)
    build = ["docker", "build", "-t", IMAGE, str(ROOT)] + (["--build-arg", f"PYTHON_IMAGE={base}"] if base else [])
    t0 = time.monotonic()
    built = run(build, capture_output=True, text=True)
    check(
        built.returncode == 0,
        f"image builds ({time.monotonic() - t0:.0f} s)",
        built.stdout[-2000:] + built.stderr[-2000:],
    )
    if built.returncode:
        return
    port = free_port()
    name = f"rx-check-{os.getpid()}"
    run(
        [
            "docker",
            "run",
            "-d",
            "--name",
            name,
            "--read-only",
            "--tmpfs",
            "/tmp",
            "-p",
            f"127.0.0.1:{port}:8501",
            IMAGE,
        ],
        check=True,
        capture_output=True,
    )
    try:
        status, deadline = "", time.monotonic() + 120
        while time.monotonic() < deadline and status != "healthy":
            time.sleep(2)
            status = run(
                ["docker", "inspect", "-f", "{{.State.Health.Status}}", name], capture_output=True, text=True
            ).stdout.strip()
        check(status == "healthy", "Docker's HEALTHCHECK reports healthy (read-only root filesystem)", status)
        check(get(f"http://127.0.0.1:{port}/") == 200, "the app answers on the published port")
        uid = run(["docker", "exec", name, "id", "-u"], capture_output=True, text=True).stdout.strip()
        check(uid not in ("", "0"), "runs as a non-root user", f"uid {uid!r}")
        listing = run(
            [
                "docker",
                "exec",
                name,
                "sh",
                "-c",
                "ls -A /app; ls /usr/local/share/ca-certificates; /opt/venv/bin/pip list 2>/dev/null",
            ],
            capture_output=True,
            text=True,
        ).stdout
        present = set(listing.split())
        check(
            {"app.py", "app_pages", "analysis", "data", "settings_profiles", "locale"} <= present,
            "the app, its data and its translations are in /app",
        )
        unwanted = present & {"tests", "bench", ".git", ".venv", "deploy", "pytest", "playwright", "ruff", "hypothesis"}
        unwanted |= {w for w in present if w.endswith(".crt")}
        check(not unwanted, "no tests, tools, dev packages or build-time CA in the image", str(sorted(unwanted)))
        logs = run(["docker", "logs", name], capture_output=True, text=True)
        check("Traceback" not in logs.stdout + logs.stderr, "server log has no traceback")
    finally:
        run(["docker", "rm", "-f", name], capture_output=True)
    pdf = run(
        [
            "docker",
            "run",
            "--rm",
            "--network",
            "none",
            "--read-only",
            "--tmpfs",
            "/tmp",
            IMAGE,
            "python3",
            "-c",
            PDF_CHECK,
        ],
        capture_output=True,
        text=True,
    )
    check(pdf.returncode == 0, "PDF with the DejaVu font, no network", pdf.stderr[-1500:])


# ---------------------------------------------------------------- without an engine


def without_engine() -> None:
    print("No container engine: the Dockerfile's steps on this machine", flush=True)
    work = Path(tempfile.mkdtemp(prefix="rx-container-steps-"))
    os.chmod(work, 0o755)
    try:
        venv, app, home = work / "venv", work / "app", work / "home"
        t0 = time.monotonic()
        run([sys.executable, "-m", "venv", str(venv)], check=True)
        pip = run(
            [
                str(venv / "bin" / "pip"),
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "--only-binary=:all:",
                "-r",
                str(ROOT / "requirements.txt"),
            ],
            capture_output=True,
            text=True,
        )
        check(
            pip.returncode == 0,
            f"requirements.txt installs into a fresh environment ({time.monotonic() - t0:.0f} s)",
            pip.stderr[-2000:],
        )
        if pip.returncode:
            return
        listed = run([str(venv / "bin" / "pip"), "list", "--format=freeze"], capture_output=True, text=True).stdout
        dev = [
            p
            for p in ("pytest", "playwright", "ruff", "hypothesis")
            if re.search(rf"^{p}==", listed, re.MULTILINE | re.IGNORECASE)
        ]
        check(not dev, "runtime only: no development tools installed", str(dev))
        for src, dest in dockerfile_copies():
            target = app / Path(dest).relative_to("/app") if dest != "/app/" else app
            source = ROOT / src
            if source.is_dir():
                shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                target = target / source.name if dest.endswith("/") else target
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target)
        check(
            (app / "app.py").is_file() and (app / "settings_profiles").is_dir(),
            "the Dockerfile's COPY lines give the app",
        )
        (home / "tmp").mkdir(parents=True)
        as_user: list[str] = []
        if os.geteuid() == 0:  # like USER app: an unprivileged account, its own home and temporary folder
            shutil.chown(home, "nobody")
            shutil.chown(home / "tmp", "nobody")
            as_user = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"]
        port = free_port()
        env = {
            "PATH": f"{venv / 'bin'}:/usr/bin:/bin",
            "PYTHONPATH": str(app),
            "PYTHONDONTWRITEBYTECODE": "1",
            "HOME": str(home),
            "TMPDIR": str(home / "tmp"),
            "STREAMLIT_SERVER_ADDRESS": "127.0.0.1",
            "STREAMLIT_SERVER_PORT": str(port),
            "STREAMLIT_SERVER_HEADLESS": "true",
            "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
        }
        log = (work / "server.log").open("w")
        server = subprocess.Popen(
            as_user + [str(venv / "bin" / "python"), "-m", "ui.serve", "app.py"],
            cwd=app,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
        try:
            health = healthcheck_command()
            health = [str(venv / "bin" / "python")] + health[1:] if health[0].startswith("python") else health
            ok, deadline = False, time.monotonic() + 90
            while not ok and time.monotonic() < deadline and server.poll() is None:
                time.sleep(1)
                ok = run(health, env=env, capture_output=True).returncode == 0
            check(ok, "the Dockerfile's HEALTHCHECK command passes", (work / "server.log").read_text()[-1500:])
            check(get(f"http://127.0.0.1:{port}/") == 200, "the app answers")
            uid = Path(f"/proc/{server.pid}/status").read_text().split("Uid:")[1].split()[0]
            check(uid != "0", "the server runs as a non-root user", f"uid {uid}")
        finally:
            server.terminate()
            server.wait(timeout=20)
            log.close()
        check("Traceback" not in (work / "server.log").read_text(), "server log has no traceback")
        no_net = ["unshare", "--net", "--"] if os.geteuid() == 0 and shutil.which("unshare") else []
        pdf = run(
            no_net + as_user + [str(venv / "bin" / "python"), "-c", PDF_CHECK],
            cwd=app,
            env=env,
            capture_output=True,
            text=True,
        )
        check(pdf.returncode == 0, "PDF with the DejaVu font" + (", no network" if no_net else ""), pdf.stderr[-1500:])
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", help="base image instead of python:3.11-slim-bookworm")
    parser.add_argument("--without-engine", action="store_true", help="test the steps without a container engine")
    args = parser.parse_args()
    if not args.without_engine and engine_available():
        with_engine(args.base)
    else:
        without_engine()
    print("all checks passed" if not failures else f"{len(failures)} check(s) FAILED", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
