"""XML entity attacks on feeds (and saved pages): nothing is expanded, read or fetched.

Billion laughs and quadratic blow-up must not expand; an external entity must not read a local
file; an external DTD or parameter entity must not be fetched (a real loopback HTTP server
counts requests). The good entry next to the attack is still read.
"""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from sitroom.ingest.base import FailedInput, ReaderSettings
from sitroom.ingest.paths import iter_inputs
from sitroom.nlp.types import RawDocument

GOOD = "Ukraine said 300 soldiers were killed near Sudzha on Tuesday."
SECRET = "TOPSECRET-7f3a9c"


def _laughs(levels: int = 9) -> str:
    ents = ['<!ENTITY lol0 "lol">']
    for i in range(1, levels + 1):
        ents.append(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">')
    return "\n".join(ents)


def _feed(doctype: str, attack: str) -> str:
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE rss [\n{doctype}\n]>\n'
        '<rss version="2.0"><channel><title>Feed</title>'
        f"<item><title>Attack {attack}</title><description>Russian officials said 12,000 "
        f"troops were deployed. {attack}</description></item>"
        f"<item><title>Good</title><description>{GOOD}</description></item>"
        "</channel></rss>"
    )


def _read(path: Path) -> tuple[list[RawDocument], list[FailedInput]]:
    items = list(iter_inputs([str(path)], ReaderSettings()))
    return (
        [i for i in items if isinstance(i, RawDocument)],
        [i for i in items if isinstance(i, FailedInput)],
    )


@pytest.mark.parametrize(
    ("doctype", "attack"),
    [
        (_laughs(), "&lol9;"),  # 10^9 'lol's if expanded
        (f'<!ENTITY big "{"x" * 50_000}">', "&big;" * 2_000),  # quadratic: 100 MB if expanded
    ],
    ids=["billion-laughs", "quadratic-blowup"],
)
def test_entity_expansion_is_not_performed(tmp_path: Path, doctype: str, attack: str) -> None:
    path = tmp_path / "feed.xml"
    path.write_text(_feed(doctype, attack))
    docs, _ = _read(path)
    assert GOOD in [d.text for d in docs]
    for d in docs:
        assert len(d.text) < 20_000 and "lollol" not in d.text and "x" * 1000 not in d.text
        assert len(d.title or "") < 20_000


def test_external_entity_reads_no_local_file(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    feed = tmp_path / "xxe.xml"
    feed.write_text(_feed(f'<!ENTITY xxe SYSTEM "file://{secret}">', "&xxe;"))
    page = tmp_path / "xxe.html"
    page.write_text(
        f'<!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{secret}">]><html><head><title>T</title>'
        f"</head><body><article><p>{GOOD} &xxe;</p><p>{GOOD}</p></article></body></html>"
    )
    for path in (feed, page):
        docs, fails = _read(path)
        assert docs, fails
        for d in docs:
            assert SECRET not in d.text and SECRET not in (d.title or "")


class _Counter(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        _Counter.hits.append(self.path)
        body = f'<!ENTITY leak "{SECRET}">'.encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def dtd_server() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Counter)
    _Counter.hits = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_external_dtd_and_parameter_entities_are_not_fetched(
    tmp_path: Path, dtd_server: str
) -> None:
    param = tmp_path / "param.xml"
    param.write_text(_feed(f'<!ENTITY % ext SYSTEM "{dtd_server}/param.dtd"> %ext;', "&leak;"))
    system = tmp_path / "system.xml"
    system.write_text(
        f'<?xml version="1.0"?><!DOCTYPE rss SYSTEM "{dtd_server}/system.dtd">'
        '<rss version="2.0"><channel><title>F</title>'
        f"<item><title>Good</title><description>{GOOD} &leak;</description></item>"
        "</channel></rss>"
    )
    for path in (param, system):
        docs, _ = _read(path)
        assert all(SECRET not in d.text for d in docs)
    assert _Counter.hits == []  # nothing was fetched


def test_malformed_feed_entry_without_summary_fails_alone() -> None:
    # found by scripts/fuzz_readers.py: a broken tag left one entry with summary None, and the
    # whole feed failed ('could not read (AttributeError ...)')
    path = Path(__file__).parent / "fixtures" / "fuzz" / "feed-summary-none.atom"
    docs, fails = _read(path)
    assert [d.origin for d in docs] == [f"{path}#1", f"{path}#4"]
    assert [f.origin for f in fails] == [f"{path}#2", f"{path}#3"]
    assert all("has no text" in f.reason for f in fails)


def test_feed_with_a_broken_encoding_declaration_is_read(tmp_path: Path) -> None:
    # found by scripts/fuzz_readers.py: feedparser raised UnicodeDecodeError on a declaration
    # like encoding="ut\xa2\x038", and the whole feed failed
    good = (Path(__file__).parent / "fixtures" / "inputs" / "voa_feed.rss").read_bytes()
    assert b'encoding="utf-8"' in good
    path = tmp_path / "bad-decl.rss"
    path.write_bytes(good.replace(b'encoding="utf-8"', b'encoding="ut\xa28"', 1))
    docs, fails = _read(path)
    expected, _ = _read(Path(__file__).parent / "fixtures" / "inputs" / "voa_feed.rss")
    assert [d.text for d in docs] == [d.text for d in expected] and docs, fails
