"""`sitroom serve` over HTTP: pages and JSON twins, paging, filters, errors, auth, CSP.

One real server (a `sitroom serve` subprocess on a free loopback port) over a copy of the
session's picture store, with an editor and a read-only token."""

from __future__ import annotations

import json
import re
from pathlib import Path

import httpx
import pytest
from webserver import copy_store, serving

from sitroom import Sitroom
from sitroom.errors import ConfigError

EDIT, READ = "editor-token-123", "reader-token-456"


@pytest.fixture(scope="module")
def web(picture_store: str, tmp_path_factory: pytest.TempPathFactory):
    db = copy_store(picture_store, tmp_path_factory.mktemp("web") / "web.db")
    with serving(db, "--token", EDIT, "--read-token", READ) as base:
        with httpx.Client(
            base_url=base, headers={"Authorization": f"Bearer {EDIT}"}, timeout=60
        ) as client:
            client.db = db
            yield client


def test_claims_paged_and_filtered(web: httpx.Client) -> None:
    first = web.get("/claims.json", params={"limit": 5}).json()
    assert len(first["items"]) == 5 and first["total"] > 5 and first["offset"] == 0
    assert first["next"] and first["prev"] is None
    second = web.get(first["next"]).json()
    assert second["offset"] == 5
    assert not {c["id"] for c in first["items"]} & {c["id"] for c in second["items"]}
    # the same page with Accept: application/json on the page path
    twin = web.get("/claims", params={"limit": 5}, headers={"Accept": "application/json"})
    assert twin.headers["content-type"].startswith("application/json")
    assert [c["id"] for c in twin.json()["items"]] == [c["id"] for c in first["items"]]
    # filters narrow, and every item satisfies them
    placed = web.get("/claims.json", params={"place": "Goma", "limit": 500}).json()
    assert 0 < placed["total"] < first["total"]
    for c in placed["items"]:
        p = c["place"] or {}
        assert "goma" in " ".join(str(p.get(k) or "") for k in ("name", "text", "admin1")).lower()
    dated = web.get("/claims.json", params={"since": "2025-01-01", "until": "2025-02-28"}).json()
    assert 0 < dated["total"] < first["total"]
    kinds = web.get("/claims.json", params={"kind": "casualties", "limit": 500}).json()
    assert kinds["items"] and {c["kind"] for c in kinds["items"]} == {"casualties"}
    assert Sitroom(db=web.db).claims_page(kind="casualties")["total"] == kinds["total"]
    html = web.get("/claims", params={"place": "Goma"}).text
    assert html.count('<tr class="claim') == min(placed["total"], 50)


def test_claim_page_highlights_quote_and_explains(web: httpx.Client) -> None:
    items = web.get("/claims.json", params={"limit": 200}).json()["items"]
    c = next(i for i in items if i["notes"] and i["origin_chain"])
    data = web.get(f"/claims/{c['id']}.json").json()
    assert data["claim"]["id"] == c["id"] and data["chain"]
    assert data["chain"][0]["name"] == c["origin_chain"][0]["name"]
    page = web.get(f"/claims/{c['id']}").text
    marked = re.search(r'<mark id="quote" class="quote">(.*?)</mark>', page, re.S)
    assert marked
    doc = Sitroom(db=web.db).store.get_document(c["evidence"]["doc_id"])
    span = doc["text"][c["evidence"]["start"] : c["evidence"]["end"]]
    from html import escape

    assert marked.group(1) == escape(span, quote=True)
    assert escape(c["notes"][0], quote=True) in page  # why a field was set


def test_documents_and_sources(web: httpx.Client) -> None:
    docs = web.get("/documents.json", params={"limit": 3}).json()
    assert len(docs["items"]) == 3 and docs["total"] >= 51
    assert "text" not in docs["items"][0]  # the list never ships whole texts
    one = web.get(f"/documents/{docs['items'][0]['id']}.json").json()["document"]
    assert one["text"] and set(one["related"]) == {"copies", "copy_of", "versions"}
    srcs = web.get("/sources.json").json()
    assert srcs["total"] == len(Sitroom(db=web.db).sources())
    assert all(s["reliability"] in "ABCDEF" for s in srcs["items"])


def test_errors_in_one_shape(web: httpx.Client) -> None:
    for path, params, status, code in (
        ("/claims.json", {"kind": "nonsense"}, 400, "config"),
        ("/claims.json", {"since": "last tuesday"}, 400, "config"),
        ("/claims.json", {"limit": 0}, 400, "config"),
        ("/claims/cdoesnotexist.json", {}, 404, "not_found"),
        ("/documents/dnothere.json", {}, 404, "not_found"),
        ("/no/such/page.json", {}, 404, "not_found"),
    ):
        r = web.get(path, params=params)
        assert r.status_code == status, (path, r.text)
        err = r.json()["error"]
        assert err["code"] == code and err["message"] and set(err) == {"code", "message", "subject"}
    page = web.get("/claims", params={"kind": "<b>x</b>"})
    assert (
        page.status_code == 400 and "&lt;b&gt;x&lt;/b&gt;" in page.text and "<b>x" not in page.text
    )


def test_auth_roles_and_security_headers(web: httpx.Client) -> None:
    base = str(web.base_url)
    anon = httpx.get(base + "/claims.json")
    assert anon.status_code == 401 and anon.json()["error"]["code"] == "unauthorized"
    reader = httpx.get(base + "/claims.json", headers={"Authorization": f"Bearer {READ}"})
    assert reader.status_code == 200
    wrong = httpx.get(base + "/claims.json", headers={"Authorization": "Bearer nope-nope-nope"})
    assert wrong.status_code == 401
    r = web.get("/claims")
    csp = r.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "unsafe-inline" not in csp
    assert "<script" not in r.text and " style=" not in r.text
    assert r.headers["x-content-type-options"] == "nosniff"


def test_non_loopback_needs_a_token() -> None:
    from sitroom.web.auth import Access

    with pytest.raises(ConfigError, match="token"):
        Access.build("0.0.0.0", None)
    assert Access.build("127.0.0.1", None).open
    assert not Access.build("0.0.0.0", [{"token": "x" * 12, "role": "read"}]).open


def test_hostile_document_text_is_inert(web: httpx.Client, tmp_path: Path) -> None:
    evil = tmp_path / "evil.txt"
    evil.write_text(
        '<script>alert("x")</script><img src=x onerror=alert(1)> Rebels said 5 soldiers died.',
        encoding="utf-8",
    )
    store = Sitroom(db=web.db).store  # stored as a reader would store it, without extraction
    text = evil.read_text("utf-8")
    with store.begin() as conn:
        store.insert_document(
            conn,
            {
                "id": "dhostile000000001",
                "title": '<b onmouseover="alert(1)">Hostile</b>',
                "text": text,
                "blocks": json.dumps([{"kind": "paragraph", "start": 0, "end": len(text)}]),
                "published_at": "2025-01-02",
                "published_how": "given",
                "retrieved_at": "2025-01-02T00:00:00Z",
                "origin": str(evil),
                "fmt": "text",
                "status": "stored",
            },
        )
    doc = web.get("/documents.json", params={"q": "onerror"}).json()["items"]
    assert doc
    page = web.get(f"/documents/{doc[0]['id']}").text
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
    assert "<b onmouseover" not in page and "&lt;b onmouseover" in page


def test_corrections_over_http_roles_and_csrf(web: httpx.Client) -> None:
    base = str(web.base_url)
    cid = web.get("/claims.json", params={"limit": 1}).json()["items"][0]["id"]
    body = {"action": "reject", "target": cid, "reason": "not in this war"}
    ro = httpx.post(
        base + "/corrections.json", json=body, headers={"Authorization": f"Bearer {READ}"}
    )
    assert ro.status_code == 403 and ro.json()["error"]["code"] == "forbidden"
    made = web.post("/corrections.json", json=body)
    assert made.status_code == 201
    k = made.json()
    from sitroom.web.auth import login_name

    assert k["author"] == login_name()  # the editor token's user (the login name by default)
    assert web.get(f"/claims/{cid}.json").json()["claim"]["correction"]["rejected"]["id"] == k["id"]
    listed = web.get("/corrections.json").json()
    assert k["id"] in {c["id"] for c in listed["items"]}
    assert web.post(f"/corrections/{k['id']}/undo.json").json()["active"] is False
    assert "correction" not in web.get(f"/claims/{cid}.json").json()["claim"]
    # a browser session: log in with the token (cookie), then forms need the CSRF token
    with httpx.Client(base_url=base, follow_redirects=False) as browser:
        browser.get("/static/web.css")
        login_page = browser.get("/claims")
        assert login_page.status_code == 401 and 'action="/login"' in login_page.text
        csrf = browser.cookies["sitroom_csrf"]
        assert browser.post("/login", data={"token": EDIT, "csrf": "wrong"}).status_code == 403
        assert browser.post("/login", data={"token": EDIT, "csrf": csrf}).status_code == 303
        form = {
            "action": "correct",
            "target": cid,
            "field": "actor",
            "value": "Wagner",
            "reason": "named in the text",
            "next": f"/claims/{cid}",
        }
        assert browser.post("/corrections", data=form).status_code == 403  # no CSRF token
        evil = browser.post(
            "/corrections", data={**form, "csrf": csrf}, headers={"Origin": "http://evil.example"}
        )
        assert evil.status_code == 403
        ok = browser.post("/corrections", data={**form, "csrf": csrf})
        assert ok.status_code == 303 and ok.headers["location"] == f"/claims/{cid}"
        page = browser.get(f"/claims/{cid}").text
        assert "<strong>Wagner</strong>" in page
    last = web.get("/corrections.json").json()["items"][0]
    assert last["value"] == "Wagner" and last["author"] == login_name()
    web.post(f"/corrections/{last['id']}/undo.json")
