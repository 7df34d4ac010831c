"""N Streamlit replicas behind nginx on 127.0.0.1, with session affinity (deploy/nginx.conf.template).

    python -m bench.proxy [--replicas 2] [--port 8080] [--no-restart]

Starts N `python -m ui.serve app.py` replicas on free loopback ports, waits until each answers
/_stcore/health, writes the nginx configuration into a temporary folder and runs Debian's nginx in the
foreground in front of them. While serving, it checks every replica's /_stcore/health every few
seconds and restarts a replica whose process has exited (nginx sends its browsers to a healthy one
meanwhile). Ctrl-C or SIGTERM stops nginx and every replica. `deploy/serve` is the command for people;
it installs nginx first when missing.

From Python (tests, bench/load.py): `with ProxiedReplicas(2) as farm: farm.url, farm.stop_replica(0), ...`.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections import defaultdict
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Self

from bench.server import ROOT, Server, free_port
from bench.ws_client import StreamlitTab

TEMPLATE = ROOT / "deploy" / "nginx.conf.template"
NGINX = (
    os.environ.get("NGINX")
    or shutil.which("nginx")
    or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
)
HEALTH = "/_stcore/health"


def healthy(url: str, timeout: float = 2.0) -> bool:
    try:
        with urllib.request.urlopen(url + HEALTH, timeout=timeout) as r:
            return r.status == 200
    except OSError:
        return False


def app_scripts() -> list[str]:
    """The app's own inline scripts (st.html): the page language for each language, and the keyboard help."""
    from analysis.i18n import LANGUAGES
    from ui.keyboard import KEYBOARD_SCRIPT
    from ui.language import document_language_script

    return [*(document_language_script(code) for code in LANGUAGES), KEYBOARD_SCRIPT]


def inline_script_hashes() -> str:
    """CSP sources for the inline scripts of the installed Streamlit's page and the app's own (app_scripts),
    e.g. "'sha256-...' 'sha256-...'"."""
    import streamlit

    page = (Path(streamlit.__file__).parent / "static" / "index.html").read_text(encoding="utf-8")
    scripts = re.findall(r"<script>(.*?)</script>", page, flags=re.DOTALL) + app_scripts()
    return " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'" for s in scripts)


def served_origins(listen: str) -> list[str]:
    """The origins a browser shows for a proxy listening on 127.0.0.1:PORT (both loopback names Streamlit allows)."""
    host, _, port = listen.rpartition(":")
    names = [host] + (["localhost"] if host == "127.0.0.1" else [])
    return [f"http://{name}:{port}" for name in names]


def render_config(
    template: str, *, listen: str, replica_ports: list[int], prefix: Path, origins: list[str] | None = None
) -> str:
    """The nginx configuration for these replicas (the template's @@FIELDS@@ filled in). `origins`: where the
    app is served (scheme://host:port); by default the listening address, as http."""
    servers = "\n".join(f"        server 127.0.0.1:{p} max_fails=1 fail_timeout=10s;" for p in replica_ports)
    allowed = []
    for origin in origins or served_origins(listen):
        if not re.fullmatch(r"https?://[A-Za-z0-9.\-\[\]:]+", origin):
            raise ValueError(f"an origin is scheme://host[:port] and nothing else, got {origin!r}")
        allowed.append(f'        "{origin}" 1;')
    fields = {
        "@@PREFIX@@": str(prefix),
        "@@LISTEN@@": listen,
        "@@SERVERS@@": servers,
        "@@ORIGINS@@": "\n".join(allowed),
        "@@SCRIPT_HASHES@@": inline_script_hashes(),
        "@@ERROR_LOG@@": str(prefix / "error.log"),
        "@@ACCESS_LOG@@": str(prefix / "access.log"),
    }
    lines = []
    for line in template.splitlines(keepends=True):
        if not line.lstrip().startswith("#"):  # the header comment names the fields; leave it as it is
            for key, value in fields.items():
                line = line.replace(key, value)
            if re.search(r"@@[A-Z_]+@@", line):
                raise ValueError(f"unfilled field in the nginx template: {line.strip()}")
        lines.append(line)
    return "".join(lines)


class Visitor:
    """One browser's cookies and HTTP requests, as Streamlit's page makes them (loopback only).

    `visit()` loads the page and /_stcore/health (the route cookie from nginx, the XSRF cookie from
    Streamlit), `tab(page)` opens a websocket tab carrying those cookies, `upload(...)` sends a file the
    way the file uploader does."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.cookies: dict[str, str] = {}

    def request(
        self,
        path: str,
        *,
        method: str = "GET",
        data: bytes | None = None,
        headers: dict[str, str] | None = None,
        timeout: float = 30.0,
    ) -> tuple[int, dict[str, str], bytes]:
        """(status, headers, body); an HTTP error status is returned, not raised."""
        req = urllib.request.Request(self.base_url + path, data=data, method=method, headers=dict(headers or {}))
        if self.cookies:
            req.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        try:
            with urllib.request.urlopen(req, timeout=timeout) as r:
                status, head, body = r.status, r.headers, r.read()
        except urllib.error.HTTPError as err:
            status, head, body = err.code, err.headers, err.read()
        for raw in head.get_all("Set-Cookie") or []:
            cookie = SimpleCookie()
            cookie.load(raw)
            self.cookies.update({k: m.value for k, m in cookie.items()})
        return status, dict(head.items()), body

    def visit(self, path: str = "/") -> int:
        status, _, _ = self.request(path)
        self.request(HEALTH)
        return status

    @property
    def cookie_header(self) -> dict[str, str]:
        return {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}

    def tab(self, page: str = "", **kwargs) -> StreamlitTab:
        return StreamlitTab(self.base_url, page, headers=self.cookie_header, **kwargs)

    def upload(self, session_id: str, name: str, data: bytes, file_id: str = "upload-1") -> tuple[int, bytes]:
        """PUT a file for `session_id` like st.file_uploader's frontend does; (status, body)."""
        boundary = "rxboundary" + hashlib.sha256(data).hexdigest()[:16]
        body = (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{name}"\r\n'
                f"Content-Type: application/octet-stream\r\n\r\n"
            ).encode()
            + data
            + f"\r\n--{boundary}--\r\n".encode()
        )
        status, _, text = self.request(
            f"/_stcore/upload_file/{session_id}/{file_id}",
            method="PUT",
            data=body,
            headers={
                "Content-Type": f"multipart/form-data; boundary={boundary}",
                "X-Xsrftoken": self.cookies.get("_streamlit_xsrf", ""),
            },
        )
        return status, text


class ProxiedReplicas:
    """A context manager: `n` replicas of the app, nginx in front on 127.0.0.1:`port` (0 = a free port)."""

    def __init__(
        self,
        n: int = 2,
        *,
        port: int = 0,
        script: str = "app.py",
        cwd: Path = ROOT,
        env: dict | None = None,
        extra_args: list[str] | None = None,
    ) -> None:
        if not 1 <= n <= 16:
            raise ValueError("replicas must be 1..16")
        if NGINX is None:
            raise FileNotFoundError("nginx is not installed (deploy/serve installs Debian's package)")
        self.n, self.port, self.script, self.cwd = n, port, script, Path(cwd)
        self.env, self.extra_args = dict(env or {}), list(extra_args or [])
        self.replicas: list[Server] = []
        self.nginx: subprocess.Popen | None = None
        self.prefix: Path | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def access_log(self) -> Path:
        return self.prefix / "access.log"

    def replica_url(self, i: int) -> str:
        return self.replicas[i].url

    def _new_replica(self, port: int = 0, log_path: Path | None = None) -> Server:
        """A started replica; `port` to restart one on the port nginx's configuration names, writing on in the
        log it had (`log_path`: deleted with the others by cleanup())."""
        return Server(
            self.script,
            cwd=self.cwd,
            env=self.env,
            extra_args=self.extra_args,
            port=port,
            log_path=log_path,
            keep_log=False,
            append_log=log_path is not None,
        ).start()

    def start(self) -> Self:
        try:
            self.replicas = [self._new_replica() for _ in range(self.n)]
            self.prefix = Path(tempfile.mkdtemp(prefix="rx-nginx-"))
            os.chmod(self.prefix, 0o755)  # nginx's workers (user nobody when started as root) write temp files here
            self.port = self.port or free_port()
            conf = self.prefix / "nginx.conf"
            conf.write_text(
                render_config(
                    TEMPLATE.read_text(),
                    listen=f"127.0.0.1:{self.port}",
                    replica_ports=[r.port for r in self.replicas],
                    prefix=self.prefix,
                )
            )
            check = subprocess.run(
                [NGINX, "-t", "-q", "-p", str(self.prefix), "-c", str(conf)],
                capture_output=True,
                text=True,
                check=False,
            )
            if check.returncode:
                raise RuntimeError("nginx rejected the configuration:\n" + check.stderr)
            self.nginx = subprocess.Popen(
                [NGINX, "-p", str(self.prefix), "-c", str(conf), "-g", "daemon off;"],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=(self.prefix / "nginx.stderr").open("w"),
            )
            deadline = time.monotonic() + 20
            while not healthy(self.url):
                if self.nginx.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("nginx did not start:\n" + self.error_log_tail())
                time.sleep(0.2)
            return self
        except BaseException:
            self.stop()
            raise

    def error_log_tail(self, lines: int = 20) -> str:
        out = []
        for name in ("nginx.stderr", "error.log"):
            try:
                out += (self.prefix / name).read_text(errors="replace").splitlines()[-lines:]
            except (OSError, TypeError):
                pass
        return "\n".join(out)

    def stop_replica(self, i: int) -> None:
        """Stop replica i as an outage would (its sessions' websockets drop)."""
        self.replicas[i].stop()

    def restart_replica(self, i: int) -> None:
        """Start replica i again on its port (stopping it first if it still runs); it writes on in the same log
        file, so restarts leave no log behind."""
        old = self.replicas[i]
        old.stop()
        self.replicas[i] = self._new_replica(old.port, old.log_path)

    def replica_alive(self, i: int) -> bool:
        proc = self.replicas[i].proc
        return proc is not None and proc.poll() is None

    def served(self, route: str, until=bool, timeout: float = 20.0) -> set[str]:
        """The replica addresses that served `route`, once `until(addresses)` holds: nginx writes a request's
        line when the request has finished, so a test waits for the lines it needs rather than read early."""
        deadline = time.monotonic() + timeout
        while True:
            addresses = self.routes().get(route, set())
            if until(addresses):
                return addresses
            if time.monotonic() > deadline:
                raise TimeoutError(
                    f"nginx's access log never showed what was expected for route {route}: "
                    f"{sorted(addresses)} after {timeout:g} s"
                )
            time.sleep(0.05)

    def wait_for_log(self, wanted, timeout: float = 20.0) -> list[str]:
        """The access log's lines for which `wanted(line)` holds, as soon as there is one (nginx writes a line
        when its request has finished, e.g. after discarding a refused body)."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                found = [line for line in self.access_log.read_text(errors="replace").splitlines() if wanted(line)]
            except OSError:
                found = []
            if found:
                return found
            if time.monotonic() > deadline:
                raise TimeoutError(f"no matching line in nginx's access log after {timeout:g} s")
            time.sleep(0.05)

    def routes(self) -> dict[str, set[str]]:
        """From nginx's access log: route cookie -> the replica addresses that served its requests."""
        seen: dict[str, set[str]] = defaultdict(set)
        try:
            lines = self.access_log.read_text(errors="replace").splitlines()
        except OSError:
            return {}
        for line in lines:
            match = re.search(r' route=(\S+) .*upstream="([^"]*)"', line)
            if match and match.group(2) not in ("", "-"):
                # a retried request lists every address it tried ("a, b"); the last one answered
                seen[match.group(1)].add(match.group(2).split(",")[-1].strip())
        return dict(seen)

    def stop(self) -> None:
        if self.nginx is not None and self.nginx.poll() is None:
            self.nginx.send_signal(signal.SIGQUIT)  # graceful: finish the requests in flight
            try:
                self.nginx.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.nginx.kill()
                self.nginx.wait(timeout=10)
        for server in self.replicas:
            server.stop()

    def cleanup(self) -> None:
        for server in self.replicas:
            if server.log_path is not None:
                server.log_path.unlink(missing_ok=True)
        if self.prefix is not None:
            shutil.rmtree(self.prefix, ignore_errors=True)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
        if exc[0] is None:
            self.cleanup()


def serve(n: int, port: int, restart: bool, check_every: float = 5.0) -> int:
    """Run until interrupted, restarting a replica whose process exited."""

    def interrupt(*_):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)
    farm = ProxiedReplicas(n, port=port)
    try:
        farm.start()
        print(f"Serving {n} replica(s) of the app behind nginx on {farm.url}", flush=True)
        for i in range(n):
            print(f"  replica {i}: {farm.replica_url(i)} (log {farm.replicas[i].log_path})", flush=True)
        print(f"  nginx logs: {farm.prefix}/access.log, error.log  -  Ctrl-C stops everything", flush=True)
        while True:
            time.sleep(check_every)
            if farm.nginx.poll() is not None:
                print("nginx stopped:\n" + farm.error_log_tail(), file=sys.stderr)
                return 1
            for i in range(n):
                if farm.replica_alive(i) and healthy(farm.replica_url(i)):
                    continue
                print(f"replica {i} ({farm.replica_url(i)}) is not healthy", flush=True)
                if restart and not farm.replica_alive(i):
                    try:
                        farm.restart_replica(i)
                        print(f"replica {i} restarted", flush=True)
                    except RuntimeError as exc:
                        print(f"replica {i} did not restart: {exc}", file=sys.stderr, flush=True)
    except KeyboardInterrupt:
        return 0
    finally:
        farm.stop()
        farm.cleanup()  # its temporary folder: configuration, logs, request bodies
        print("stopped nginx and the replicas", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT") or 8080))
    parser.add_argument("--no-restart", action="store_true", help="leave a stopped replica stopped")
    args = parser.parse_args()
    return serve(args.replicas, args.port, restart=not args.no_restart)


if __name__ == "__main__":
    sys.exit(main())
