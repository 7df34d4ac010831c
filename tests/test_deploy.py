"""Two replicas of the app behind nginx (deploy/nginx.conf.template), as deploy/serve runs them.

Checks what a deployment relies on: the websocket through the proxy, one browser staying on one
replica, security headers, private metrics, the request-size limit, uploads, and what live sessions
see when a replica stops. Skipped, saying why, when nginx is not installed.
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from urllib.parse import quote, unquote, urlparse

import pytest

from bench.proxy import NGINX, ProxiedReplicas, Visitor, inline_script_hashes, render_config
from tests.server_helpers import run_async, takeover

pytestmark = [
    pytest.mark.deploy,  # starts nginx and two replicas: runs with the browser tests, its file on one worker
    pytest.mark.skipif(
        NGINX is None, reason="nginx is not installed (apt-get install nginx); deployment tests skipped"
    ),
]

ROOT = Path(__file__).resolve().parent.parent
PROFILE = (ROOT / "settings_profiles" / "retail.yaml").read_bytes()


@pytest.fixture(scope="module")
def farm():
    with ProxiedReplicas(2) as farm:
        yield farm


def replica_of(farm: ProxiedReplicas, visitor: Visitor) -> str:
    """The replica address nginx sent this visitor's requests to (from its access log)."""
    served = farm.served(visitor.cookies["rx_route"])  # waits until nginx has written the line
    assert len(served) == 1, served
    return next(iter(served))


def test_the_configuration_names_every_replica_and_no_field_is_left(tmp_path):
    conf = render_config(
        (ROOT / "deploy" / "nginx.conf.template").read_text(),
        listen="127.0.0.1:9000",
        replica_ports=[9001, 9002, 9003],
        prefix=tmp_path,
    )
    assert re.findall(r"server 127\.0\.0\.1:(\d+) ", conf) == ["9001", "9002", "9003"]
    assert "listen 127.0.0.1:9000;" in conf
    assert "@@" not in "\n".join(line for line in conf.splitlines() if not line.lstrip().startswith("#"))
    assert re.findall(r'^ +"(http[^"]*)" 1;', conf, flags=re.MULTILINE) == [
        "http://127.0.0.1:9000",
        "http://localhost:9000",
    ]
    with pytest.raises(ValueError, match="scheme://host"):
        render_config(
            (ROOT / "deploy" / "nginx.conf.template").read_text(),
            listen="127.0.0.1:9000",
            replica_ports=[9001],
            prefix=tmp_path,
            origins=['http://x" 1; default 1; "'],
        )


def test_websocket_runs_through_the_proxy_and_each_browser_stays_on_one_replica(farm):
    visitors = [Visitor(farm.url) for _ in range(3)]

    async def session(visitor: Visitor) -> list[str]:
        visitor.visit("/compare")
        errors = []
        async with visitor.tab("compare", timeout=60) as tab:
            for _ in range(3):
                errors += (await tab.rerun()).errors
        visitor.request("/_stcore/health")  # a later plain request of the same browser
        return errors

    async def all_sessions():
        return await asyncio.gather(*(session(v) for v in visitors))

    assert run_async(all_sessions()) == [[], [], []]
    for v in visitors:
        replica_of(farm, v)  # page, health, websocket and the later request: one replica each


def test_a_client_presenting_another_browsers_session_id_gets_a_fresh_session(farm):
    """The session takeover through the proxy, with the thief on the victim's replica (its route cookie)."""
    seen = run_async(takeover(farm.url))
    assert seen["first"] == [] and seen["stolen"] == []
    assert seen["thief"] and seen["thief"] != seen["victim"], "the thief was attached to the victim's session"
    assert seen["victim_after"] == [], "the victim's tab stopped working"
    assert (seen["thief_upload"], seen["victim_upload"]) == (400, 204)


def test_browsers_are_spread_over_both_replicas(farm):
    visitors = [Visitor(farm.url) for _ in range(24)]
    for v in visitors:
        v.request("/_stcore/health")
    used = {replica_of(farm, v) for v in visitors}
    # 24 random routes all hashing onto one replica has a probability of 2 * 2**-24
    assert used == {f"127.0.0.1:{r.port}" for r in farm.replicas}


def test_security_headers_on_pages_and_errors(farm):
    v = Visitor(farm.url)
    for path, expected in (("/", 200), ("/no-such-thing/../_stcore/metrics", 404)):
        status, headers, _ = v.request(path)
        assert status == expected
        csp = headers["Content-Security-Policy"]
        directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
        assert directives["default-src"] == "'self'"
        assert directives["frame-ancestors"] == "'self'"
        assert directives["connect-src"] == "'self'"
        assert "'unsafe-inline'" not in directives["script-src"] and "unsafe-eval" not in csp
        assert inline_script_hashes() in directives["script-src"]
        assert headers["Referrer-Policy"] == "no-referrer"
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["X-Frame-Options"] == "SAMEORIGIN"
    assert v.cookies["rx_route"]  # the affinity cookie came with the first response


def test_metrics_stay_private(farm):
    status, _, _ = Visitor(farm.url).request("/_stcore/metrics")
    assert status == 404
    status, _, body = Visitor(farm.replica_url(0)).request("/_stcore/metrics")
    assert status == 200 and body  # the replica has them; only the proxy hides them


def test_an_oversized_request_is_refused_before_a_replica_reads_it(farm):
    v = Visitor(farm.url)
    v.visit()
    status, _ = v.upload("no-session", "big.yaml", b"x" * (3 * 1024 * 1024))
    assert status == 413
    # nginx writes the line once it has discarded the rest of the body
    logged = farm.wait_for_log(lambda line: f"route={v.cookies['rx_route']} " in line and ' PUT "' in line)
    assert len(logged) == 1 and '" 413 ' in logged[0] and 'upstream="-"' in logged[0]  # answered by nginx itself


def test_an_upload_goes_to_the_replica_that_holds_the_session(farm):
    v = Visitor(farm.url)
    v.visit()
    tab = v.tab("", timeout=60)

    async def upload_while_connected():
        await tab.connect()
        try:
            assert (await tab.rerun()).errors == []
            assert tab.session_id
            through_proxy = v.upload(tab.session_id, "local.yaml", PROFILE)
            # the same request sent straight to the other replica, which does not know this session
            holder = replica_of(farm, v)
            other = next(r for r in farm.replicas if f"127.0.0.1:{r.port}" != holder)
            elsewhere = Visitor(other.url)
            elsewhere.cookies = dict(v.cookies)
            return through_proxy, elsewhere.upload(tab.session_id, "local.yaml", PROFILE)
        finally:
            await tab.close()

    (status, body), (other_status, other_body) = run_async(upload_while_connected())
    assert status == 204, body
    assert other_status == 400 and b"Invalid session_id" in other_body


@pytest.mark.browser
def test_a_browser_whose_replica_stops_reconnects_and_is_told(farm, page, artifacts):
    """The page reconnects through the proxy to the healthy replica by itself, reruns there and says that it starts
    afresh. The notice stays on that page through later runs and goes when the person leaves it; the pages'
    widgets work on the new replica."""
    from playwright.sync_api import expect

    from tests.browser_helpers import CHART_BOX, settle

    sockets = []
    page.on("websocket", lambda ws: sockets.append(ws))
    page.goto(f"{farm.url}/compare?settings=retail,nuclear")
    settle(page)
    notice = page.get_by_text(re.compile("The app reconnected you after the server you were on stopped"))
    expect(notice).to_have_count(0)
    route = next(c["value"] for c in page.context.cookies() if c["name"] == "rx_route")
    served = farm.served(route)
    assert len(served) == 1, served
    i = next(i for i, r in enumerate(farm.replicas) if f"127.0.0.1:{r.port}" in served)
    farm.stop_replica(i)
    try:
        if len(sockets) < 2:  # the browser opens its websocket again
            page.wait_for_event("websocket", timeout=60_000)
        assert len(sockets) >= 2, "the page did not reconnect"
        # The page reruns as soon as it has reconnected (on Compare, or on the Overview when Streamlit opens the new
        # session on the default page) and says so.
        expect(notice).to_be_visible(timeout=60_000)
        settle(page)
        page.screenshot(path=str(artifacts / "deploy-reconnected.png"))
        served_now = farm.served(route, until=lambda s: len(s) == 2)  # the reconnect went to the other replica
        assert len(served_now) == 2
        page.get_by_text("Presentation view", exact=True).first.click()
        settle(page)
        expect(notice).to_be_visible()  # later runs on the same page keep it
        page.get_by_role("link", name="About the data").click()  # leaving the page: said once
        settle(page)
        expect(notice).to_have_count(0)
        page.get_by_role("link", name="Compare").click()  # the page's widgets work on the new replica
        settle(page)
        page.get_by_role("tab", name="Hours").click()
        settle(page)
        expect(page.locator(CHART_BOX).filter(visible=True).first).to_contain_text("Nights", timeout=20_000)
    finally:
        farm.restart_replica(i)


def test_sessions_on_a_stopped_replica_reconnect_to_the_other(farm):
    """The outage ends the sessions on that replica; their browsers reconnect and get a fresh session
    on the healthy one. Sessions on the healthy replica carry on untouched."""
    visitors = [Visitor(farm.url) for _ in range(8)]
    for v in visitors:
        v.visit()
    stopped = f"127.0.0.1:{farm.replicas[1].port}"
    on_stopped = [v for v in visitors if replica_of(farm, v) == stopped]
    on_healthy = [v for v in visitors if replica_of(farm, v) != stopped]
    assert on_stopped and on_healthy  # 8 random routes on one replica: probability 2**-7

    async def scenario():
        tabs = {id(v): v.tab("", timeout=60) for v in visitors}
        try:
            for tab in tabs.values():
                await tab.connect()
                assert (await tab.rerun()).errors == []
            farm.stop_replica(1)
            lost = [(await tabs[id(v)].rerun()).errors for v in on_stopped]
            kept = [(await tabs[id(v)].rerun()).errors for v in on_healthy]
            again = []
            for v in on_stopped:  # what the browser does: open the websocket again, same cookies
                await tabs[id(v)].close()
                tabs[id(v)] = v.tab("", timeout=60)
                await tabs[id(v)].connect()
                again.append((await tabs[id(v)].rerun()).errors)
            return lost, kept, again
        finally:
            await asyncio.gather(*(t.close() for t in tabs.values()), return_exceptions=True)

    try:
        lost, kept, again = run_async(scenario())
        assert all(any(e.startswith("connection lost") for e in errors) for errors in lost)
        assert kept == [[]] * len(on_healthy)
        assert again == [[]] * len(on_stopped)
        healthy = f"127.0.0.1:{farm.replicas[0].port}"
        for v in on_stopped:  # the route now also lists the healthy replica, which served the new session
            assert healthy in farm.served(v.cookies["rx_route"], until=lambda s: healthy in s)
    finally:
        farm.restart_replica(1)


@pytest.mark.browser
def test_the_app_works_in_chromium_through_the_proxy_under_its_csp(farm, page, tmp_path, artifacts):
    """Every page renders with no Content-Security-Policy violation, and the file uploader works."""
    from playwright.sync_api import expect

    from tests.browser_helpers import settle

    console: list[str] = []
    page.on("console", lambda m: console.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: console.append(str(e)))
    for path, heading in (
        ("", "Pharmacy technician settings"),
        ("compare?settings=retail,nuclear", "Compare"),
        ("quiz", "Which setting fits you"),
        ("about", "About the data"),
    ):
        page.goto(f"{farm.url}/{path}")
        settle(page)
        expect(page.get_by_role("heading", name=re.compile(heading, re.IGNORECASE)).first).to_be_visible(timeout=60_000)
    page.goto(f"{farm.url}/compare?settings=retail,nuclear")
    settle(page)
    expect(page.locator('[data-testid="stVegaLiteChart"] svg.marks').first).to_be_visible(timeout=60_000)
    page.screenshot(path=str(artifacts / "deploy-compare-through-proxy.png"))

    page.goto(farm.url)
    settle(page)
    page.get_by_text("Add a local setting for this session").click()
    profile = tmp_path / "local-clinic.yaml"  # the file is named after its id
    profile.write_bytes(
        PROFILE.replace(b"id: retail\n", b"id: local-clinic\n", 1)
        .replace(b"name: Retail / community pharmacy", b"name: Local clinic pharmacy", 1)
        .replace(b"short_name: Retail\n", b"short_name: Local clinic\n", 1)
    )  # names of its own
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(profile))
    settle(page)
    page.screenshot(path=str(artifacts / "deploy-upload-through-proxy.png"))
    expect(page.get_by_text(re.compile("Added for this session: Local clinic pharmacy"))).to_be_visible(timeout=30_000)
    violations = [m for m in console if "Content Security Policy" in m or "Refused to" in m]
    assert violations == []


def test_websockets_only_from_the_apps_own_origin(farm):
    """Scheme, host and port must be the served origin's, at the proxy and at each replica behind it."""
    from tests.server_helpers import handshake

    forbidden, switching = b"HTTP/1.1 403 Forbidden", b"HTTP/1.1 101 Switching Protocols"
    port = farm.url.rsplit(":", 1)[1]
    assert handshake(farm.url, farm.url) == switching
    assert handshake(farm.url, f"http://localhost:{port}", host=f"localhost:{port}") == switching
    for origin in (
        "http://127.0.0.1:9999",
        f"https://127.0.0.1:{port}",
        f"http://localhost:{port}",
        "http://evil.example",
        "null",
        "",
    ):
        assert handshake(farm.url, origin) == forbidden, origin
    replica = farm.replica_url(0)
    assert handshake(replica, replica) == switching
    for origin in ("http://127.0.0.1:9999", farm.url, f"http://localhost:{replica.rsplit(':', 1)[1]}", ""):
        assert handshake(replica, origin) == forbidden, origin


@pytest.mark.browser
def test_a_session_through_the_proxy_leaves_no_personal_data_in_any_log(farm, page):
    """Quiz answers and a place in the link, a client name, the PDF downloaded: no log names any of them, nor the
    session, nor the download; the download is not cacheable, from the proxy and from the replica itself."""
    from playwright.sync_api import expect
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    from tests.browser_helpers import quiz_to_pdf, settle

    session_ids, media = [], []

    def on_frame(payload):
        if isinstance(payload, bytes):
            msg = ForwardMsg()
            msg.ParseFromString(payload)
            if msg.WhichOneof("type") == "new_session":
                session_ids.append(msg.new_session.initialize.session_id)

    page.on("websocket", lambda ws: ws.on("framereceived", on_frame))
    page.on("request", lambda r: media.append(r.url) if "/media/" in r.url else None)
    name = "Quentin Privatperson"
    download = quiz_to_pdf(page, farm.url, name, query="?state=OH&area=0017410")
    assert Path(download.path()).read_bytes().startswith(b"%PDF")
    media_url = download.url
    assert "/media/" in media_url and session_ids
    response = page.request.get(media_url)  # the same browser asks again: the proxy's answer, while the session lasts
    assert response.status == 200 and response.headers["cache-control"] == "no-store, private"
    direct = [Visitor(farm.replica_url(i)).request(urlparse(media_url).path) for i in range(len(farm.replicas))]
    assert [h.get("cache-control") for status, h, _ in direct if status == 200] == ["no-store, private"]
    page.get_by_text("Put my answers in this page's link").click()  # share them, then open the shared link
    settle(page)
    expect(page).to_have_url(re.compile(r"answers=.*sterile_work"), timeout=15_000)
    link = page.url
    page.goto(link)  # the link's query string goes to the proxy and a replica
    settle(page)
    expect(page.get_by_text(re.compile("Best fit:")).first).to_be_visible(timeout=20_000)  # it opens on the results
    query = link.split("?", 1)[1]  # the answers and the place, as the link carries them
    assert "state=OH" in query and "answers=" in query, query

    answers = unquote(query.split("answers=", 1)[1].split("&")[0])
    secrets = [
        name,
        "Privatperson",
        query,
        "0017410",
        *query.split("&"),
        answers,
        quote(answers),
        *answers.split(","),
        *session_ids,
        urlparse(media_url).path,
        *media,
    ]
    logs = {p.name: p.read_text(errors="replace") for p in farm.prefix.glob("*.log")}
    logs["nginx.stderr"] = (farm.prefix / "nginx.stderr").read_text(errors="replace")
    logs.update({f"replica {i}": r.log_path.read_text(errors="replace") for i, r in enumerate(farm.replicas)})
    assert set(logs) >= {"access.log", "error.log", "nginx.stderr", "replica 0", "replica 1"}
    for label, text in logs.items():
        found = [s for s in secrets if s and s in text]
        assert found == [], f"{label} records {found}"
        assert "?" not in text if label == "access.log" else True
    assert "/media/-" in logs["access.log"]  # the download is logged, without its id


def test_a_restarted_replica_writes_on_in_its_log_and_leaves_nothing_behind():
    with ProxiedReplicas(1) as farm:
        log = farm.replicas[0].log_path
        farm.stop_replica(0)
        farm.restart_replica(0)
        assert farm.replicas[0].log_path == log
        assert Visitor(farm.url).request("/_stcore/health")[0] == 200
        assert log.read_text().count("Uvicorn server started") == 2  # both runs, one file
        prefix = farm.prefix
    assert not log.exists() and not prefix.exists()
