"""Server capacity: concurrent simulated browser tabs against the real app server (ui.serve), on loopback.

    python -m bench.load [--sessions 1 10 20] [--seconds 10] [--page compare] [--soak SECONDS]
                         [--soak-sessions N] [--sample-every S] [--env NAME=VALUE ...]
                         [--flag=--OPTION=VALUE ...] [--no-probe] [--json] [--replicas N ...] [--no-failover]

Starts the app itself on 127.0.0.1 and a free port, waits for /_stcore/health, then: one first visit;
then the other visitors arrive one by one, each running the page once (memory per extra idle session);
then for each session count N keeps N of those tabs (bench/ws_client.py) rerunning the page for a
bounded time. Prints script runs per second, latency, errors, server CPU per run, the CPU other
processes took meanwhile, and the server's resident memory (VmRSS of the server and any children)
before any visit, idle after the first visit, with all sessions idle, and after each step.
`--soak` keeps 20 tabs busy for that long, sampling memory every ~10 s, and prints a growth check.
The server is always stopped at the end, also on Ctrl-C or SIGTERM.

Figures, not pass/fail: targets are printed beside them for a person to read (the exit status is 1
only if the client saw errors).
Server config variants: `--env STREAMLIT_RUNNER_POST_SCRIPT_GC=false` (Streamlit's CLI maps every
option, hidden ones too, to STREAMLIT_<SECTION>_<OPTION>) or `--flag=--runner.postScriptGC=false`;
the effective values of runner.postScriptGC and runner.fastReruns are probed and printed.
From Python: run_load(...), run_soak(...), effective_options(...).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.server import Server, free_port  # noqa: F401 - free_port: also importable from here, as before
from bench.ws_client import StreamlitTab

ROOT = Path(__file__).resolve().parent.parent

TARGET_RUNS_PER_S = 20.0  # on 2 cores
TARGET_MB_PER_SESSION = 1.0
MAX_SESSIONS = 200  # a guard, not a limit anyone should need
RUN_TIMEOUT = 60.0  # one script run, seconds
SETTLE = 1.0  # seconds between the end of a step and the memory reading


# ---------------------------------------------------------------- the server process


def _descendants(pid: int) -> list[int]:
    """pid and all its descendants, from /proc/*/stat (Linux)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


def rss_mb(pid: int) -> float:
    """Resident memory (VmRSS) of pid plus its children, in MB (MiB)."""
    total_kb = 0
    for p in _descendants(pid):
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total_kb += int(line.split()[1])
                    break
        except OSError:
            pass
    return total_kb / 1024


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of pid plus its children so far."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for p in _descendants(pid):
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        except (OSError, IndexError, ValueError):
            pass
    return total / tick


def machine_busy_seconds() -> float:
    """CPU seconds all processes on the machine have used (all CPUs summed), from /proc/stat."""
    try:
        fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    except (OSError, ValueError, IndexError):
        return 0.0
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def _raise_interrupt(*_) -> None:
    raise KeyboardInterrupt


def _sigterm_as_interrupt() -> None:
    """So that `kill` of this process still runs the finally blocks that stop the server."""
    if hasattr(signal, "SIGTERM") and signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
        try:
            signal.signal(signal.SIGTERM, _raise_interrupt)
        except ValueError:  # not the main thread
            pass


# ---------------------------------------------------------------- load steps


async def _open_tabs(url: str, page: str, n: int) -> list[StreamlitTab]:
    tabs = [StreamlitTab(url, page, timeout=RUN_TIMEOUT) for _ in range(n)]
    await asyncio.gather(*(t.connect() for t in tabs))
    return tabs


def _server_cpu(pid: int | list[int]) -> float:
    """CPU seconds of the server process(es): one pid, or several (replicas and their proxy)."""
    return sum(cpu_seconds(p) for p in (pid if isinstance(pid, list) else [pid]))


async def _drive(tabs: list[StreamlitTab], seconds: float, pid: int | list[int]) -> dict:
    """Every tab reruns in a loop until `seconds` have passed; a run under way then is finished."""
    cpu0, client_cpu0, busy0 = _server_cpu(pid), time.process_time(), machine_busy_seconds()
    start = time.perf_counter()
    deadline = start + seconds
    latencies: list[float] = []
    errors: list[str] = []
    per_tab: list[int] = []

    async def loop(tab: StreamlitTab) -> None:
        n = 0
        while time.perf_counter() < deadline:
            r = await tab.rerun()
            n += 1
            latencies.append(r.seconds)
            errors.extend(r.errors)
            if any(e.startswith(("timeout", "connection lost")) for e in r.errors):
                break
        per_tab.append(n)

    await asyncio.gather(*(loop(t) for t in tabs))
    wall = time.perf_counter() - start
    runs = len(latencies)
    server_cpu = _server_cpu(pid) - cpu0
    client_cpu = time.process_time() - client_cpu0
    other_cpu = max(0.0, machine_busy_seconds() - busy0 - server_cpu - client_cpu)
    lat = sorted(latencies) or [0.0]
    return {
        "sessions": len(tabs),
        "runs": runs,
        "seconds": round(wall, 2),
        "runs_per_s": runs / wall if wall else 0.0,
        "latency_p50_ms": statistics.median(lat) * 1000,
        "latency_p95_ms": lat[min(len(lat) - 1, int(0.95 * len(lat)))] * 1000,
        "errors": len(errors),
        "error_examples": sorted(set(errors))[:5],
        "min_runs_per_session": min(per_tab) if per_tab else 0,
        "server_cpu_ms_per_run": server_cpu / runs * 1000 if runs else 0.0,
        "server_cpu_percent": server_cpu / wall * 100 if wall else 0.0,
        "client_cpu_percent": client_cpu / wall * 100 if wall else 0.0,
        # CPU used by everything else on the machine meanwhile (100% = one core): competition for the server
        "other_cpu_percent": other_cpu / wall * 100 if wall else 0.0,
    }


async def _warm(tabs: list[StreamlitTab]) -> list[str]:
    """One run per tab (a new visitor's first page view), outside the timed window."""
    results = await asyncio.gather(*(t.rerun() for t in tabs))
    return [e for r in results for e in r.errors]


async def _load_steps(server: Server, sessions: list[int], seconds: float, page: str) -> dict:
    """First visit; then the other visitors arrive one by one (idle memory per session); then the load steps.

    All max(sessions) tabs stay connected from the idle reading to the end, so the step readings show what
    concurrent work adds on top of the sessions' own state."""
    out: dict = {"rss_mb_before_visit": rss_mb(server.pid)}
    n_max = max(sessions)
    tabs: list[StreamlitTab] = []
    try:
        tabs += await _open_tabs(server.url, page, 1)
        t0 = time.perf_counter()
        first = await tabs[0].rerun()
        out["first_visit_ms"] = (time.perf_counter() - t0) * 1000
        out["first_visit_errors"] = first.errors
        await asyncio.sleep(SETTLE)
        out["rss_mb_idle_after_first_visit"] = rss_mb(server.pid)
        warm_errors: list[str] = []
        if n_max > 1:
            new = await _open_tabs(server.url, page, n_max - 1)
            for tab in new:  # one visitor after another: no concurrency peak in this reading
                warm_errors += (await tab.rerun()).errors
            tabs += new
            await asyncio.sleep(SETTLE)
            out["rss_mb_idle_all_sessions"] = rss_mb(server.pid)
            out["mb_per_extra_idle_session"] = (
                out["rss_mb_idle_all_sessions"] - out["rss_mb_idle_after_first_visit"]
            ) / (n_max - 1)
        out["warm_errors"] = warm_errors
        steps = []
        for n in sorted(set(sessions)):
            step = await _drive(tabs[:n], seconds, server.pid)
            await asyncio.sleep(SETTLE)
            step["rss_mb_after"] = rss_mb(server.pid)
            steps.append(step)
        out["steps"] = steps
    finally:
        await asyncio.gather(*(t.close() for t in tabs), return_exceptions=True)
    return out


def _mb_per_busy_session(steps: list[dict]) -> float | None:
    """Growth of memory per added concurrently busy session across the load steps."""
    if len(steps) < 2 or steps[-1]["sessions"] == steps[0]["sessions"]:
        return None
    return (steps[-1]["rss_mb_after"] - steps[0]["rss_mb_after"]) / (steps[-1]["sessions"] - steps[0]["sessions"])


def run_load(
    sessions: list[int],
    seconds: float,
    page: str = "compare",
    env: dict | None = None,
    *,
    extra_args: list[str] | None = None,
    script: str | Path = "app.py",
    cwd: str | Path = ROOT,
    probe: bool = True,
) -> dict:
    """Serve `script`, then for each N in `sessions` drive N concurrent tabs on `page` for `seconds`.

    `env` is added to this process's environment for the server (e.g. STREAMLIT_RUNNER_POST_SCRIPT_GC=false);
    `extra_args` are extra `streamlit run` flags. Returns a dict (see print_load for the fields)."""
    sessions = [int(n) for n in sessions]
    if not sessions or min(sessions) < 1 or max(sessions) > MAX_SESSIONS:
        raise ValueError(f"session counts must be 1..{MAX_SESSIONS}, got {sessions}")
    seconds = float(seconds)
    if not 0 < seconds <= 3600:
        raise ValueError("seconds must be in (0, 3600]")
    _sigterm_as_interrupt()
    result: dict = {
        "page": page,
        "env": dict(env or {}),
        "extra_args": list(extra_args or []),
        "script": str(script),
        "cpus": os.cpu_count(),
    }
    if probe:
        result["options"] = effective_options(
            ["runner.postScriptGC", "runner.fastReruns"], env=env, extra_args=extra_args, cwd=cwd
        )
    with Server(script, cwd=cwd, env=env, extra_args=extra_args) as server:
        result["loadavg_before"] = os.getloadavg()[0]
        result.update(asyncio.run(_load_steps(server, sessions, seconds, page)))
        result["loadavg_after"] = os.getloadavg()[0]
        result["server_log_problems"] = server.log_problems()
    result["mb_per_extra_busy_session"] = _mb_per_busy_session(result["steps"])
    result["errors"] = (
        len(result["first_visit_errors"]) + len(result["warm_errors"]) + sum(s["errors"] for s in result["steps"])
    )
    return result


# ---------------------------------------------------------------- soak


def _slope_per_min(samples: list[tuple[float, float]]) -> float | None:
    """Least-squares slope of (seconds, MB) points, in MB per minute."""
    if len(samples) < 2:
        return None
    xs, ys = [t for t, _ in samples], [m for _, m in samples]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    den = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=False)) / den * 60 if den else None


async def _soak(server: Server, sessions: int, seconds: float, page: str, sample_every: float) -> dict:
    tabs: list[StreamlitTab] = []
    try:
        tabs = await _open_tabs(server.url, page, sessions)
        warm_errors = await _warm(tabs)
        await asyncio.sleep(SETTLE)
        start_rss = rss_mb(server.pid)
        samples: list[dict] = []
        t0 = time.perf_counter()
        done = asyncio.Event()

        async def sampler() -> None:
            while not done.is_set():
                try:
                    await asyncio.wait_for(done.wait(), sample_every)
                except TimeoutError:
                    pass
                samples.append(
                    {
                        "t": round(time.perf_counter() - t0, 1),
                        "rss_mb": rss_mb(server.pid),
                        "runs": sum(t.runs for t in tabs),
                    }
                )

        task = asyncio.create_task(sampler())
        try:
            drive = await _drive(tabs, seconds, server.pid)
        finally:
            done.set()
            await task
        await asyncio.sleep(SETTLE)
        end_rss = rss_mb(server.pid)
    finally:
        await asyncio.gather(*(t.close() for t in tabs), return_exceptions=True)
    half = samples[len(samples) // 2 :]
    return {
        "sessions": sessions,
        "seconds": seconds,
        "page": page,
        "sample_every": sample_every,
        "rss_mb_start": start_rss,
        "rss_mb_end": end_rss,
        "rss_mb_max": max([start_rss, end_rss] + [s["rss_mb"] for s in samples]),
        "samples": samples,
        "slope_mb_per_min_last_half": _slope_per_min([(s["t"], s["rss_mb"]) for s in half]),
        "slope_mb_per_min_all": _slope_per_min([(0.0, start_rss)] + [(s["t"], s["rss_mb"]) for s in samples]),
        "errors": drive["errors"] + len(warm_errors),
        "error_examples": sorted(set(drive["error_examples"] + warm_errors))[:5],
        "runs": drive["runs"],
        "runs_per_s": drive["runs_per_s"],
        "min_runs_per_session": drive["min_runs_per_session"],
        "latency_p50_ms": drive["latency_p50_ms"],
        "latency_p95_ms": drive["latency_p95_ms"],
        "server_cpu_ms_per_run": drive["server_cpu_ms_per_run"],
        "server_cpu_percent": drive["server_cpu_percent"],
        "client_cpu_percent": drive["client_cpu_percent"],
        "other_cpu_percent": drive["other_cpu_percent"],
    }


def run_soak(
    seconds: float,
    page: str = "compare",
    env: dict | None = None,
    *,
    sessions: int = 20,
    sample_every: float = 10.0,
    extra_args: list[str] | None = None,
    script: str | Path = "app.py",
    cwd: str | Path = ROOT,
    probe: bool = True,
) -> dict:
    """`sessions` tabs rerun `page` for `seconds`; server memory sampled every `sample_every` seconds."""
    seconds = float(seconds)
    if not 0 < seconds <= 6 * 3600:
        raise ValueError("seconds must be in (0, 21600]")
    if not 1 <= sessions <= MAX_SESSIONS:
        raise ValueError(f"sessions must be 1..{MAX_SESSIONS}")
    _sigterm_as_interrupt()
    result: dict = {"env": dict(env or {}), "extra_args": list(extra_args or []), "cpus": os.cpu_count()}
    if probe:
        result["options"] = effective_options(["runner.postScriptGC"], env=env, extra_args=extra_args, cwd=cwd)
    with Server(script, cwd=cwd, env=env, extra_args=extra_args) as server:
        result["rss_mb_before_visit"] = rss_mb(server.pid)
        result["loadavg_before"] = os.getloadavg()[0]
        result.update(asyncio.run(_soak(server, sessions, seconds, page, max(1.0, float(sample_every)))))
        result["loadavg_after"] = os.getloadavg()[0]
        result["server_log_problems"] = server.log_problems()
    return result


# ---------------------------------------------------------------- through the proxy (deploy/)


async def _open_visitor_tabs(visitors: list, page: str) -> list[StreamlitTab]:
    tabs = [v.tab(page, timeout=RUN_TIMEOUT) for v in visitors]
    await asyncio.gather(*(t.connect() for t in tabs))
    return tabs


async def _proxied_steps(farm, sessions: list[int], seconds: float, page: str, upload: bytes) -> dict:
    from bench.proxy import Visitor

    visitors = [Visitor(farm.url) for _ in range(max(sessions))]
    for v in visitors:  # the page and the health check, as a browser loads them: the route cookie is set here
        v.visit("/" + page)
    pids = [r.pid for r in farm.replicas] + [farm.nginx.pid]
    out: dict = {"rss_mb_before_visit": sum(rss_mb(r.pid) for r in farm.replicas)}
    tabs = await _open_visitor_tabs(visitors, page)
    try:
        out["warm_errors"] = await _warm(tabs)
        steps = []
        for n in sorted(set(sessions)):
            step = await _drive(tabs[:n], seconds, pids)
            await asyncio.sleep(SETTLE)
            step["rss_mb_after"] = sum(rss_mb(r.pid) for r in farm.replicas)
            steps.append(step)
        out["steps"] = steps
        # One upload through the proxy, as st.file_uploader sends it, for a live session.
        status, body = await asyncio.to_thread(visitors[0].upload, tabs[0].session_id, "local.yaml", upload)
        out["upload_status"] = status
        out["upload_detail"] = body.decode(errors="replace")[:200]
    finally:
        await asyncio.gather(*(t.close() for t in tabs), return_exceptions=True)
    await asyncio.sleep(0.5)  # nginx logs a websocket when it closes
    routes = farm.routes()
    served = [routes.get(v.cookies.get("rx_route", ""), set()) for v in visitors]
    out["sessions_on_one_replica"] = sum(1 for s in served if len(s) == 1)
    out["sessions_split"] = sum(1 for s in served if len(s) > 1)
    per_replica: dict[str, int] = {}
    for s in served:
        for addr in s:
            per_replica[addr] = per_replica.get(addr, 0) + 1
    out["sessions_per_replica"] = [per_replica.get(f"127.0.0.1:{r.port}", 0) for r in farm.replicas]
    return out


async def _failover(farm, n_sessions: int, seconds: float, page: str) -> dict:
    """All tabs rerun; halfway, the last replica is stopped. A tab that loses its connection does what
    the browser does: opens the websocket again with the same cookies, lands on a healthy replica with a
    fresh session, and carries on."""
    from bench.proxy import Visitor

    visitors = [Visitor(farm.url) for _ in range(n_sessions)]
    for v in visitors:
        v.visit("/" + page)
    tabs = await _open_visitor_tabs(visitors, page)
    await _warm(tabs)
    victim = len(farm.replicas) - 1
    victim_addr = f"127.0.0.1:{farm.replicas[victim].port}"
    routes = farm.routes()
    on_victim = {i for i, v in enumerate(visitors) if victim_addr in routes.get(v.cookies["rx_route"], set())}
    lost: set[int] = set()
    reconnect_s: list[float] = []
    other_errors: list[str] = []
    runs_after: dict[int, int] = {}
    deadline = time.perf_counter() + seconds
    stop_at = time.perf_counter() + seconds / 2
    stopped = asyncio.Event()

    async def loop(i: int) -> None:
        while time.perf_counter() < deadline:
            r = await tabs[i].rerun()
            if stopped.is_set():
                runs_after[i] = runs_after.get(i, 0) + (0 if r.errors else 1)
            if any(e.startswith("connection lost") for e in r.errors):
                lost.add(i)
                t0 = time.perf_counter()
                await tabs[i].close()
                tabs[i] = visitors[i].tab(page, timeout=RUN_TIMEOUT)
                try:
                    await tabs[i].connect()
                    again = await tabs[i].rerun()
                    other_errors.extend(again.errors)
                    reconnect_s.append(time.perf_counter() - t0)
                except Exception as exc:  # noqa: BLE001 - reported, not raised
                    other_errors.append(f"reconnect failed: {type(exc).__name__}: {exc}")
                    return
            else:
                other_errors.extend(r.errors)

    async def outage() -> None:
        await asyncio.sleep(max(0.0, stop_at - time.perf_counter()))
        await asyncio.to_thread(farm.stop_replica, victim)
        stopped.set()

    try:
        await asyncio.gather(outage(), *(loop(i) for i in range(n_sessions)))
    finally:
        await asyncio.gather(*(t.close() for t in tabs), return_exceptions=True)
    return {
        "sessions": n_sessions,
        "replicas": len(farm.replicas),
        "on_stopped_replica": len(on_victim),
        "lost_connection": len(lost),
        "lost_but_not_on_stopped": len(lost - on_victim),
        "reconnected": len(reconnect_s),
        "reconnect_s_max": max(reconnect_s, default=0.0),
        "errors_other": len(other_errors),
        "error_examples": sorted(set(other_errors))[:5],
        "sessions_running_after": sum(1 for i in range(n_sessions) if runs_after.get(i, 0) > 0),
    }


def run_proxied(
    replica_counts: list[int],
    sessions: list[int],
    seconds: float,
    page: str = "compare",
    env: dict | None = None,
    *,
    extra_args: list[str] | None = None,
    failover: bool = True,
) -> dict:
    """For each replica count: serve the app as deploy/serve does (nginx, affinity) and drive the sessions
    through the proxy; then, with the largest count (if 2 or more), stop one replica under load."""
    from bench.proxy import ProxiedReplicas

    _sigterm_as_interrupt()
    upload = (ROOT / "settings_profiles" / "retail.yaml").read_bytes()
    result: dict = {
        "page": page,
        "env": dict(env or {}),
        "extra_args": list(extra_args or []),
        "cpus": os.cpu_count(),
        "runs": [],
    }
    for n in replica_counts:
        with ProxiedReplicas(n, env=env, extra_args=extra_args) as farm:
            r = {"replicas": n, "loadavg_before": os.getloadavg()[0]}
            r.update(asyncio.run(_proxied_steps(farm, sessions, seconds, page, upload)))
            r["server_log_problems"] = [p for s in farm.replicas for p in s.log_problems()]
            r["errors"] = len(r["warm_errors"]) + sum(s["errors"] for s in r["steps"])
            result["runs"].append(r)
    if failover and max(replica_counts) >= 2:
        with ProxiedReplicas(max(replica_counts), env=env, extra_args=extra_args) as farm:
            result["failover"] = asyncio.run(_failover(farm, max(sessions), max(seconds, 6.0), page))
    result["errors"] = sum(r["errors"] for r in result["runs"]) + sum(
        1 for r in result["runs"] if r["upload_status"] != 204 or r["sessions_split"]
    )
    if "failover" in result:
        result["errors"] += result["failover"]["errors_other"] + result["failover"]["lost_but_not_on_stopped"]
    return result


def print_proxied(r: dict) -> None:
    variant = " ".join([f"{k}={v}" for k, v in r["env"].items()] + r["extra_args"]) or "default config"
    print(f"Through nginx (deploy/nginx.conf.template) on page '{r['page']}' ({variant}; {r['cpus']} CPUs)")
    print(
        f"  {'replicas':>8} {'sessions':>8} {'runs':>6} {'runs/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'errors':>6} "
        f"{'srv CPU ms/run':>14} {'others':>6} {'RSS all':>9}"
    )
    for run in r["runs"]:
        for s in run["steps"]:
            print(
                f"  {run['replicas']:>8} {s['sessions']:>8} {s['runs']:>6} {s['runs_per_s']:>7.1f} "
                f"{s['latency_p50_ms']:>7.0f} {s['latency_p95_ms']:>7.0f} {s['errors']:>6} "
                f"{s['server_cpu_ms_per_run']:>14.1f} {s['other_cpu_percent']:>5.0f}% {s['rss_mb_after']:>6.0f} MB"
            )
            for e in s["error_examples"]:
                print(f"           error: {e}")
    for run in r["runs"]:
        total = run["sessions_on_one_replica"] + run["sessions_split"]
        print(
            f"  {run['replicas']} replica(s): {run['sessions_on_one_replica']}/{total} sessions had every request"
            f" on one replica (per replica: {run['sessions_per_replica']}); upload through the proxy:"
            f" HTTP {run['upload_status']}" + ("" if run["upload_status"] == 204 else f" {run['upload_detail']}")
        )
        for line in run["server_log_problems"][:5]:
            print(f"    server log: {line}")
    best = {run["replicas"]: max(s["runs_per_s"] for s in run["steps"]) for run in r["runs"]}
    if len(best) > 1 and min(best) in best:
        base = best[min(best)]
        print(
            "  capacity (best runs/s): "
            + ", ".join(
                f"{n} replica(s) {v:.1f}" + (f" ({v / base:.2f}x)" if base else "") for n, v in sorted(best.items())
            )
        )
    f = r.get("failover")
    if f:
        print(
            f"  Replica stopped under load ({f['sessions']} sessions on {f['replicas']} replicas): "
            f"{f['on_stopped_replica']} sessions were on it, {f['lost_connection']} lost their connection,"
            f" {f['reconnected']} reconnected to a healthy replica (slowest {f['reconnect_s_max']:.1f} s) with a fresh"
            f" session (the app keeps nothing, so nothing was lost); sessions on the other replica"
            f" interrupted: {f['lost_but_not_on_stopped']}; {f['sessions_running_after']}/{f['sessions']} sessions"
            f" ran after the outage; other errors {f['errors_other']}"
        )
        for e in f["error_examples"]:
            print(f"    error: {e}")
    print(f"  errors in total                  {r['errors']:7d}")


# ---------------------------------------------------------------- effective config


PROBE = """import streamlit as st
for key in {keys!r}:
    st.markdown(f"OPTION {{key}}={{st.get_option(key)!r}}")
"""


def effective_options(
    keys: list[str], env: dict | None = None, extra_args: list[str] | None = None, cwd: str | Path = ROOT
) -> dict:
    """The values a server started this way really uses (config.toml in `cwd`, env, flags), read by
    serving a throw-away probe page the same way and asking it."""
    with tempfile.TemporaryDirectory() as tmp:
        probe = Path(tmp) / "probe_options.py"
        probe.write_text(PROBE.format(keys=list(keys)))
        with Server(probe, cwd=cwd, env=env, extra_args=extra_args) as server:

            async def ask() -> list[str]:
                async with StreamlitTab(server.url, "", timeout=RUN_TIMEOUT, collect_text=True) as tab:
                    return (await tab.rerun()).texts

            texts = asyncio.run(ask())
    out = {}
    for text in texts:
        if text.startswith("OPTION "):
            key, _, value = text[len("OPTION ") :].partition("=")
            out[key] = value
    return out


# ---------------------------------------------------------------- printing


def _flag(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def print_load(r: dict) -> None:
    variant = " ".join([f"{k}={v}" for k, v in r["env"].items()] + r["extra_args"]) or "default config"
    print(f"Load on page '{r['page']}' ({variant}; {r['cpus']} CPUs)")
    if r.get("options"):
        print("  effective: " + ", ".join(f"{k}={v}" for k, v in r["options"].items()))
    print(f"  server RSS before any visit      {r['rss_mb_before_visit']:7.1f} MB")
    print(
        f"  server RSS idle after 1st visit  {r['rss_mb_idle_after_first_visit']:7.1f} MB"
        f"   (first visit {r['first_visit_ms']:.0f} ms)"
    )
    if "mb_per_extra_idle_session" in r:
        mb = r["mb_per_extra_idle_session"]
        label = f"server RSS, {max(st['sessions'] for st in r['steps'])} sessions idle"
        print(
            f"  {label:<33}{r['rss_mb_idle_all_sessions']:7.1f} MB"
            "   (visitors arrived one by one, each ran the page once)"
        )
        print(
            f"  MB per extra idle session        {mb:7.2f} MB   target <= {TARGET_MB_PER_SESSION:g} MB: "
            f"{_flag(mb <= TARGET_MB_PER_SESSION)}"
        )
    print(
        f"  {'sessions':>8} {'runs':>6} {'runs/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'errors':>6} "
        f"{'srv CPU ms/run':>14} {'srv CPU':>7} {'client':>6} {'others':>6} {'RSS after':>10}   target"
    )
    for s in r["steps"]:
        print(
            f"  {s['sessions']:>8} {s['runs']:>6} {s['runs_per_s']:>7.1f} {s['latency_p50_ms']:>7.0f} "
            f"{s['latency_p95_ms']:>7.0f} {s['errors']:>6} {s['server_cpu_ms_per_run']:>14.1f} "
            f"{s['server_cpu_percent']:>6.0f}% {s['client_cpu_percent']:>5.0f}% {s['other_cpu_percent']:>5.0f}% "
            f"{s['rss_mb_after']:>7.1f} MB"
            f"   >= {TARGET_RUNS_PER_S:g} runs/s on 2 cores: {_flag(s['runs_per_s'] >= TARGET_RUNS_PER_S)}"
        )
        for e in s["error_examples"]:
            print(f"           error: {e}")
    if r.get("mb_per_extra_busy_session") is not None:
        print(
            f"  MB per extra busy session        {r['mb_per_extra_busy_session']:7.2f} MB   (RSS growth across the load"
            f" steps per added concurrent session: peak working set, not kept state)"
        )
    for e in sorted(set(r["first_visit_errors"] + r["warm_errors"]))[:5]:
        print(f"  error before the steps: {e}")
    print(f"  errors in total                  {r['errors']:7d}")
    if any(st["other_cpu_percent"] > 20 for st in r["steps"]):
        print(
            "  NOTE: other processes used CPU during the steps (column 'others'): runs/s is understated;"
            " server CPU ms/run is the steadier figure"
        )
    for line in r["server_log_problems"]:
        print(f"  server log: {line}")


def print_soak(r: dict) -> None:
    variant = " ".join([f"{k}={v}" for k, v in r["env"].items()] + r["extra_args"]) or "default config"
    print(f"Soak: {r['sessions']} sessions on page '{r['page']}' for {r['seconds']:g} s ({variant}; {r['cpus']} CPUs)")
    if r.get("options"):
        print("  effective: " + ", ".join(f"{k}={v}" for k, v in r["options"].items()))
    print(
        f"  runs {r['runs']} ({r['runs_per_s']:.1f}/s, p50 {r['latency_p50_ms']:.0f} ms,"
        f" p95 {r['latency_p95_ms']:.0f} ms,"
        f" server CPU {r['server_cpu_ms_per_run']:.1f} ms/run), fewest runs by one session {r['min_runs_per_session']}"
    )
    print(
        f"  server RSS before visit {r['rss_mb_before_visit']:.1f} MB, start (20 tabs warm) {r['rss_mb_start']:.1f} MB,"
        f" end {r['rss_mb_end']:.1f} MB, max {r['rss_mb_max']:.1f} MB,"
        f" change {r['rss_mb_end'] - r['rss_mb_start']:+.1f} MB"
    )
    print("  samples (s: MB): " + ", ".join(f"{s['t']:.0f}: {s['rss_mb']:.1f}" for s in r["samples"]))
    for name, key in (("last half", "slope_mb_per_min_last_half"), ("whole run", "slope_mb_per_min_all")):
        v = r[key]
        print(
            f"  growth, {name:<9}: "
            + (
                "n/a (too few samples)"
                if v is None
                else f"{v:+.2f} MB/min   (flat is ~0; a leak shows as a steady positive slope)"
            )
        )
    print(f"  errors {r['errors']}" + "".join(f"\n    error: {e}" for e in r["error_examples"]))
    print(
        f"  CPU: server {r['server_cpu_percent']:.0f}%, this client {r['client_cpu_percent']:.0f}%, other processes"
        f" {r['other_cpu_percent']:.0f}% (100% = one core)"
    )
    for line in r["server_log_problems"]:
        print(f"  server log: {line}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, nargs="+", default=[1, 10, 20])
    parser.add_argument("--seconds", type=float, default=10.0, help="per load step")
    parser.add_argument("--page", default="compare", help="URL path of the page (empty: default page)")
    parser.add_argument("--soak", type=float, metavar="SECONDS", help="soak mode: 20 sessions for this long")
    parser.add_argument("--soak-sessions", type=int, default=20)
    parser.add_argument("--sample-every", type=float, default=10.0)
    parser.add_argument(
        "--env",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="server environment, e.g. STREAMLIT_RUNNER_POST_SCRIPT_GC=false",
    )
    parser.add_argument(
        "--flag",
        action="append",
        default=[],
        metavar="--OPTION=VALUE",
        help="extra `streamlit run` flag, e.g. --flag=--runner.postScriptGC=false",
    )
    parser.add_argument("--no-probe", action="store_true", help="skip printing the effective config options")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument(
        "--replicas",
        type=int,
        nargs="+",
        metavar="N",
        help="through nginx with N replicas each (deploy/); e.g. --replicas 1 2",
    )
    parser.add_argument(
        "--no-failover", action="store_true", help="with --replicas: skip stopping one replica under load"
    )
    args = parser.parse_args()
    env = dict(item.split("=", 1) for item in args.env)
    try:
        if args.soak:
            r = run_soak(
                args.soak,
                args.page,
                env,
                sessions=args.soak_sessions,
                sample_every=args.sample_every,
                extra_args=args.flag,
                probe=not args.no_probe,
            )
            print(json.dumps(r, indent=2)) if args.json else print_soak(r)
            return 1 if r["errors"] else 0
        if args.replicas:
            r = run_proxied(
                args.replicas,
                args.sessions,
                args.seconds,
                args.page,
                env,
                extra_args=args.flag,
                failover=not args.no_failover,
            )
            print(json.dumps(r, indent=2, default=sorted)) if args.json else print_proxied(r)
            return 1 if r["errors"] else 0
        r = run_load(args.sessions, args.seconds, args.page, env, extra_args=args.flag, probe=not args.no_probe)
        print(json.dumps(r, indent=2)) if args.json else print_load(r)
        return 1 if r["errors"] else 0
    except KeyboardInterrupt:
        print("interrupted; server stopped", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
