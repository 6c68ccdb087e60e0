"""The web app in headless Chromium (Playwright) on a real `sitroom serve` over one store:
brief -> figure -> quote in its document, claims filtered by place and date, map, timeline,
a correction that survives re-extraction, a grade that changes the brief's confidence word.
Screenshots go to a temporary folder (to docs/screenshots/ with SITROOM_SCREENSHOTS=1)."""

from __future__ import annotations

import os
import re

import pytest
from conftest import CHROMIUM, ROOT
from conftest import CHROMIUM_ARGS as ARGS
from webserver import copy_store, serving

from sitroom import Sitroom

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"{CHROMIUM} is absent"),
]


@pytest.fixture(scope="module")
def site(picture_store: str, tmp_path_factory: pytest.TempPathFactory):
    sync_api = pytest.importorskip("playwright.sync_api")
    tmp = tmp_path_factory.mktemp("web-browser")
    db = copy_store(picture_store, tmp / "web.db")
    shots = ROOT / "docs" / "screenshots" if os.environ.get("SITROOM_SCREENSHOTS") else tmp
    shots.mkdir(exist_ok=True)
    with serving(db) as base, sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        outside: list[str] = []
        problems: list[str] = []
        page.on("request", lambda r: None if r.url.startswith(base) else outside.append(r.url))
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.base, page.db, page.shots = base, db, shots
        yield page
        browser.close()
        assert outside == [], f"requests outside the server: {outside[:5]}"
        assert not [p for p in problems if "Content Security Policy" in p], problems


def _shot(page, name: str) -> None:  # noqa: ANN001
    page.screenshot(path=str(page.shots / f"{name}.png"), full_page=False)


def test_brief_figure_leads_to_quote_in_document(site) -> None:  # noqa: ANN001
    site.goto(site.base + "/brief")
    assert site.locator("ul.glance li").count() >= 1
    assert site.locator("svg.chart circle.point").count() >= 1
    _shot(site, "brief")
    cite = site.locator("ul.glance a.cite").first
    href = cite.get_attribute("href")
    claim_id = re.match(r"/claims/(c[0-9a-f]+)#quote", href).group(1)
    cite.click()
    site.wait_for_url(f"**/claims/{claim_id}#quote")
    mark = site.locator("mark#quote")
    assert mark.is_visible()
    quote = Sitroom(db=site.db).show(claim_id)["quote"]
    assert " ".join(mark.inner_text().split()) == " ".join(quote.split())
    assert site.locator("table.fields tr[data-field='actor']").count() == 1
    _shot(site, "claim")
    # a chart point also opens its claim
    site.goto(site.base + "/brief")
    site.locator("svg.chart circle.point").last.click()  # drawn last: on top
    site.wait_for_url(re.compile(r".*/claims/c[0-9a-f]+#quote"))
    assert site.locator("mark#quote").is_visible()


def test_filter_claims_by_place_and_date(site) -> None:  # noqa: ANN001
    site.goto(site.base + "/claims")
    everything = site.locator("p.pager").first.inner_text()
    site.fill("form.filters input[name=place]", "Goma")
    site.fill("form.filters input[name=since]", "2025-01-01")
    site.fill("form.filters input[name=until]", "2025-03-31")
    site.click("form.filters button[type=submit]")
    site.wait_for_url(re.compile(r".*place=Goma.*"))
    rows = site.locator("tr.claim")
    assert 0 < rows.count()
    assert site.locator("p.pager").first.inner_text() != everything
    expected = Sitroom(db=site.db).claims_page(place="Goma", since="2025-01-01", until="2025-03-31")
    assert rows.count() == min(expected["total"], 50)
    ids = [rows.nth(i).get_attribute("data-id") for i in range(rows.count())]
    assert ids == [c["id"] for c in expected["items"]]
    _shot(site, "claims")


def test_map_and_timeline(site) -> None:  # noqa: ANN001
    site.goto(site.base + "/map")
    assert site.locator("svg.map path.country").count() > 10
    places = site.locator("svg.map circle.place")
    assert places.count() >= 3 and places.first.is_visible()
    box = places.first.bounding_box()
    assert box and box["width"] > 0
    _shot(site, "map")
    places.last.click()  # drawn last: nothing lies over it
    site.wait_for_url(re.compile(r".*/claims\?.*place=.*"))
    assert site.locator("tr.claim").count() >= 1
    site.goto(site.base + "/timeline?limit=100")
    intervals = site.locator("svg.timeline rect.interval")
    assert intervals.count() >= 1 and intervals.first.is_visible()
    first = intervals.first
    assert first.get_attribute("data-from") < first.get_attribute("data-to")
    _shot(site, "timeline")


def test_correction_survives_reextraction(site) -> None:  # noqa: ANN001
    room = Sitroom(db=site.db)
    claim = next(c for c in room.claims() if c["actor"] and c["quantity"])
    site.goto(f"{site.base}/claims/{claim['id']}")
    form = site.locator("form.correct-field")
    form.locator("select[name=field]").select_option("actor")
    form.locator("input[name=value]").fill("Corrected Actor")
    form.locator("input[name=reason]").fill("the text names another group")
    form.locator("button[type=submit]").click()
    site.wait_for_url(f"**/claims/{claim['id']}")
    row = site.locator("table.fields tr[data-field='actor']")
    assert row.locator("td.analyst").inner_text().strip() == "Corrected Actor"
    assert row.locator("td.machine").inner_text().strip() == claim["actor"]
    _make_stale(site.db, claim["evidence"]["doc_id"])
    report = room.reextract("stale")  # this document extracted again: its claims rewritten
    assert report.completed == 1
    site.reload()
    row = site.locator("table.fields tr[data-field='actor']")
    assert row.locator("td.analyst").inner_text().strip() == "Corrected Actor"
    _shot(site, "claim-corrected")
    site.goto(site.base + "/corrections")
    assert site.locator("table.corrections tbody tr").count() == 1
    site.locator("table.corrections button", has_text="Undo").click()
    site.goto(f"{site.base}/claims/{claim['id']}")
    assert site.locator("table.fields tr[data-field='actor'] td.analyst").inner_text() == ""


def _make_stale(db: str, doc_id: str) -> None:
    """Mark one document as made by an older extractor, so `reextract stale` redoes it."""
    import sqlite3

    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE documents SET extractor_version = 'old' WHERE id = ?", (doc_id,))


def test_grade_changes_the_brief_confidence_word(site) -> None:  # noqa: ANN001
    def words() -> list[str]:
        site.goto(site.base + "/brief")
        texts = site.locator("ul.glance span.sentence").all_inner_texts()
        return [t.split("Confidence:")[-1].strip() for t in texts]

    before = words()
    site.goto(site.base + "/sources?q=Voice")
    row = site.locator("table.sources tr[data-id='voice-of-america']")
    row.locator("select[name=value]").select_option("E")
    row.locator("input[name=reason]").fill("wrong on this conflict before")
    row.locator("button[type=submit]").click()
    site.wait_for_url("**/sources")
    assert site.locator("tr[data-id='voice-of-america'] td.grade").inner_text().startswith("E")
    _shot(site, "sources")
    after = words()
    assert after != before
    assert any(b != a for b, a in zip(before, after, strict=False))
