"""Feed monitoring against a real HTTP server on 127.0.0.1: conditional GET, redirects, caps,
gzip bombs, robots.txt, backoff, alert outbox and delivery. Private, link-local and metadata
addresses are tested with an injected resolver, and refused before any connection is made."""

from __future__ import annotations

import gzip
import json
import threading
import time
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import urllib3
from conftest import INPUTS

from sitroom import Sitroom
from sitroom.errors import ConfigError
from sitroom.watch import state
from sitroom.watch.config import Limits, load
from sitroom.watch.fetch import FetchRefused, SafeFetcher, vet_address
from sitroom.watch.poller import Watcher

RSS = (INPUTS / "voa_feed.rss").read_bytes()
BOMB = gzip.compress(b"\0" * 60_000_000, compresslevel=9)


class Site:
    """What the test server serves and what it saw."""

    def __init__(self) -> None:
        self.etag = '"v1"'
        self.body = RSS
        self.hits: dict[str, int] = {}
        self.posts: list[bytes] = []
        self.hook_failures = 0


def _handler(site: Site):  # noqa: ANN202
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:  # noqa: ANN002
            pass

        def _send(self, code: int, body: bytes = b"", headers: dict | None = None) -> None:
            self.send_response(code)
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            if "Content-Length" not in (headers or {}):
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if body:
                self.wfile.write(body)

        def do_GET(self) -> None:  # noqa: N802
            path = self.path
            site.hits[path] = site.hits.get(path, 0) + 1
            if path == "/robots.txt":
                self._send(200, b"User-agent: *\nDisallow: /private/\n")
            elif path in ("/feed.rss", "/private/feed.rss"):
                if self.headers.get("If-None-Match") == site.etag:
                    self._send(304)
                else:
                    ctype = {"Content-Type": "application/rss+xml", "ETag": site.etag}
                    self._send(200, site.body, ctype)
            elif path == "/redirect":
                self._send(302, headers={"Location": "/feed.rss"})
            elif path == "/loop":
                self._send(302, headers={"Location": "/loop"})
            elif path == "/to-private":
                self._send(302, headers={"Location": "http://evil.test/feed.rss"})
            elif path == "/huge":
                self._send(200, headers={"Content-Length": str(50_000_000)})
            elif path == "/bomb":
                headers = {"Content-Encoding": "gzip", "Content-Type": "application/rss+xml"}
                self._send(200, BOMB, headers)
            elif path == "/slow":
                self.send_response(200)
                self.send_header("Content-Length", "100")
                self.end_headers()
                for _ in range(100):
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.1)
            elif path == "/broken":
                self._send(500, b"oops")
            else:
                self._send(404)

        def do_POST(self) -> None:  # noqa: N802
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            if site.hook_failures > 0:
                site.hook_failures -= 1
                self._send(503)
                return
            site.posts.append(body)
            self._send(204)

    return Handler


@pytest.fixture
def site():  # noqa: ANN201
    s = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(s))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    s.port = server.server_address[1]
    yield s
    server.shutdown()
    server.server_close()


def resolver(host: str, port: int) -> list[str]:
    return {
        "feeds.test": ["127.0.0.1"],
        "evil.test": ["10.0.0.1"],
        "meta.test": ["169.254.169.254"],
        "mixed.test": ["93.184.215.14", "192.168.1.5"],
    }[host]


def fetcher(**limits) -> SafeFetcher:  # noqa: ANN003
    return SafeFetcher(Limits(**{"timeout": 2.0, **limits}), resolver=resolver)


def feeds_file(tmp: Path, site: Site, body: str = "", path: str = "/feed.rss") -> str:
    f = tmp / "feeds.toml"
    f.write_text(
        f'[watch]\ntimeout = 2\n\n[[feed]]\nname = "Test feed"\n'
        f'url = "http://feeds.test:{site.port}{path}"\ninterval = 60\n'
        f'source = "Test Outlet"\nallow_private = true\n{body}',
        encoding="utf-8",
    )
    return str(f)


@pytest.fixture
def room(tmp_path, store_url) -> Sitroom:
    """A store without extraction, on each back end (SQLite, PostgreSQL)."""
    cfg = tmp_path / "c.toml"
    cfg.write_text("[nlp]\nextract = false\n", encoding="utf-8")
    return Sitroom(db=store_url, config=str(cfg))


def no_connections(monkeypatch) -> None:  # noqa: ANN001
    def refuse(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise AssertionError("a connection was attempted")

    monkeypatch.setattr(urllib3.HTTPConnectionPool, "urlopen", refuse)


@pytest.mark.parametrize(
    "url",
    ["http://evil.test/feed.rss", "http://meta.test/latest/meta-data/", "http://mixed.test/"],
)
def test_private_and_metadata_addresses_are_refused_before_connecting(url, monkeypatch):
    no_connections(monkeypatch)
    with pytest.raises(FetchRefused) as err:
        fetcher().get(url)
    assert "refused: resolves to a" in str(err.value)
    assert "\n" not in str(err.value)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://feeds.test/x", "gopher://x/"])
def test_only_http_and_https(url, monkeypatch):
    no_connections(monkeypatch)
    with pytest.raises(FetchRefused, match="only http and https"):
        fetcher().get(url)


def test_vetting_of_addresses():
    vet_address("93.184.215.14", allow_private=False)
    for ip in (
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.9",
        "192.168.0.1",
        "169.254.169.254",
        "100.64.0.1",
        "::1",
        "fe80::1",
        "::ffff:10.0.0.1",
        "0.0.0.0",
        "224.0.0.1",
    ):
        with pytest.raises(FetchRefused):
            vet_address(ip, allow_private=False)
    vet_address("10.1.2.3", allow_private=True)


def test_redirect_to_a_private_address_is_refused_at_the_hop(site):
    # the feed's own host is allowed to be private (loopback here); the redirect's host is not
    with pytest.raises(FetchRefused, match="10.0.0.1"):
        fetcher().get(f"http://feeds.test:{site.port}/to-private", allow_private=True)
    assert site.hits["/to-private"] == 1
    with pytest.raises(FetchRefused, match="loopback"):
        fetcher().get(f"http://feeds.test:{site.port}/feed.rss", allow_private=False)


def test_redirects_are_followed_and_capped(site):
    resp = fetcher().get(f"http://feeds.test:{site.port}/redirect", allow_private=True)
    assert resp.status == 200 and resp.body == RSS and len(resp.hops) == 1
    with pytest.raises(FetchRefused, match="more than 3 redirects"):
        fetcher(max_redirects=3).get(f"http://feeds.test:{site.port}/loop", allow_private=True)
    assert site.hits["/loop"] == 4


def test_size_caps_and_gzip_bombs(site):
    f = fetcher(max_bytes=5_000_000)
    with pytest.raises(FetchRefused, match="50,000,000 bytes is over"):
        f.get(f"http://feeds.test:{site.port}/huge", allow_private=True)
    with pytest.raises(FetchRefused, match="bomb|over 5,000,000"):
        f.get(f"http://feeds.test:{site.port}/bomb", allow_private=True)


def test_slow_drip_hits_the_total_deadline(site):
    started = time.monotonic()
    with pytest.raises(FetchRefused, match="too slow"):
        fetcher(timeout=1.0).get(f"http://feeds.test:{site.port}/slow", allow_private=True)
    assert time.monotonic() - started < 8


def test_conditional_get_ingests_once_and_sends_validators(room, site, tmp_path):
    path = feeds_file(tmp_path, site)
    logs: list[str] = []
    first = room.watch(path, rounds=1, log=logs.append, fetcher=fetcher())
    assert first[0].status == "new" and first[0].documents >= 2
    stored = room.stats()["documents"]
    # due again (move the schedule), server unchanged: a 304, nothing stored, nothing fetched
    state.save_feed(room.store, "test-feed", next_due=None)
    second = room.watch(path, rounds=1, log=logs.append, fetcher=fetcher())
    assert second[0].status == "not_modified"
    assert room.stats()["documents"] == stored
    assert site.hits["/feed.rss"] == 2 and site.hits["/robots.txt"] >= 1
    # not due yet: not polled at all
    assert room.watch(path, rounds=1, log=logs.append, fetcher=fetcher()) == []
    assert site.hits["/feed.rss"] == 2
    row = room.feeds()[0]
    assert row["polls"] == 2 and row["unchanged"] == 1 and row["etag"] == '"v1"'
    assert room.stats()["feeds"]["Test feed"]["documents"] == first[0].documents
    assert any("not modified" in line for line in logs)


def test_a_changed_feed_is_ingested_again(room, site, tmp_path):
    path = feeds_file(tmp_path, site)
    room.watch(path, rounds=1, log=lambda _: None, fetcher=fetcher())
    site.etag = '"v2"'
    site.body = RSS.replace(b"is calling for an end", b"is again calling for an end")
    state.save_feed(room.store, "test-feed", next_due=None)
    res = room.watch(path, rounds=1, log=lambda _: None, fetcher=fetcher())
    assert res[0].status == "new" and res[0].documents >= 1
    assert room.feeds()[0]["etag"] == '"v2"'


def test_robots_txt_is_honoured(room, site, tmp_path):
    path = feeds_file(tmp_path, site, path="/private/feed.rss")
    res = room.watch(path, rounds=1, log=lambda _: None, fetcher=fetcher())
    assert res[0].status == "error" and "robots.txt" in res[0].detail
    assert "/private/feed.rss" not in site.hits


def test_errors_back_off_exponentially_with_jitter(room, site, tmp_path):
    path = feeds_file(tmp_path, site, path="/broken")
    for n in (1, 2, 3):
        before = datetime.now(UTC)
        state.save_feed(room.store, "test-feed", next_due=None)
        res = room.watch(path, rounds=1, log=lambda _: None, fetcher=fetcher())
        assert res[0].status == "error" and "HTTP 500" in res[0].detail
        row = room.feeds()[0]
        assert row["errors"] == n
        delay = (state.parse(row["next_due"]) - before).total_seconds()
        assert 60 * 2**n * 0.85 <= delay <= 60 * 2**n * 1.15
    assert room.stats()["documents"] == 0


def test_bad_feeds_file_is_one_line_config_error(room, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[[feed]]\nname = "x"\nurl = "file:///etc/passwd"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="only http and https"):
        load(str(bad))
    bad.write_text("[[feed]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load(str(bad))


def test_alerts_are_delivered_once_and_retried_until_delivered(room, site, tmp_path, store_url):
    alerts_file = tmp_path / "alerts.jsonl"
    rules = (
        f'\n[[alert]]\nname = "syria"\nwhen = "mention"\nnames = ["Syria"]\n'
        f'deliver = "file:{alerts_file}"\n'
        f'\n[[alert]]\nname = "hook"\nwhen = "mention"\nnames = ["Syria"]\n'
        f'deliver = "webhook:http://feeds.test:{site.port}/hook"\nallow_private = true\n'
    )
    cfg = tmp_path / "c2.toml"
    cfg.write_text("[nlp]\nextract = true\n", encoding="utf-8")
    extracting = Sitroom(db=store_url, config=str(cfg))  # room's (empty) store, extracting
    site.hook_failures = 1
    path = feeds_file(tmp_path, site, body=rules)
    extracting.watch(path, rounds=1, log=lambda _: None, fetcher=fetcher())
    lines = [json.loads(x) for x in alerts_file.read_text().splitlines()]
    assert lines and all(a["rule"] == "syria" for a in lines)
    assert all("Syria" in a["summary"] for a in lines)
    outbox = {a["id"]: a for a in state.outbox(extracting.store)}
    hooks = [a for a in outbox.values() if a["rule"] == "hook"]
    assert hooks and site.posts[: len(hooks) - 1] is not None
    failed = [a for a in hooks if a["status"] == "pending"]
    assert failed and failed[0]["attempts"] == 1 and "503" in failed[0]["last_error"]
    # the retry comes when due; nothing is delivered twice
    for a in failed:
        state.set_alert(extracting.store, a["id"], next_try=state.iso(datetime.now(UTC)))
    state.save_feed(extracting.store, "test-feed", next_due=None)
    extracting.watch(path, rounds=1, log=lambda _: None, fetcher=fetcher())
    statuses = {a["status"] for a in state.outbox(extracting.store)}
    assert statuses == {"delivered"}
    assert len(site.posts) == len(hooks)
    assert len(alerts_file.read_text().splitlines()) == len(lines)


def test_an_undeliverable_alert_expires_visibly(room, tmp_path):
    state.enqueue(room.store, "a1", "r", "command:false", "{}", expire_hours=-1)
    logs: list[str] = []
    from sitroom.watch.alerts import deliver_due

    assert deliver_due(room.store, fetcher(), logs.append) == 0
    (row,) = state.outbox(room.store)
    assert row["status"] == "expired" and "exited 1" in row["last_error"]
    assert any("EXPIRED" in line for line in logs)


def test_watch_runs_until_stopped(room, site, tmp_path):
    path = feeds_file(tmp_path, site)
    from sitroom.watch.poller import Watcher

    watcher = Watcher(room, load(path), fetcher=fetcher(), log=lambda _: None)
    timer = threading.Timer(1.5, watcher.stop.set)
    timer.start()
    started = time.monotonic()
    watcher.run()
    assert time.monotonic() - started < 10
    assert room.feeds()[0]["polls"] == 1
    assert state.parse(room.feeds()[0]["next_due"]) > datetime.now(UTC) + timedelta(seconds=40)


def test_watcher_is_importable_without_network():
    assert Watcher
