"""The HTML brief in headless Chromium: no network request, charts and map drawn, screenshot."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import CHROMIUM
from conftest import CHROMIUM_ARGS as ARGS

from sitroom import Sitroom

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not os.path.exists(CHROMIUM), reason=f"{CHROMIUM} is absent (apt-get install -y chromium)"
    ),
]


def test_html_brief_renders_offline(tmp_path: Path, picture_store: str) -> None:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

    page_file = tmp_path / "brief.html"
    page_file.write_text(Sitroom(db=picture_store).brief(fmt="html", top=100), encoding="utf-8")
    shot = tmp_path / "brief.png"
    requested: list[str] = []
    blocked: list[str] = []

    def route(r) -> None:  # noqa: ANN001
        url = r.request.url
        requested.append(url)
        if url.startswith(("file://", "data:")):
            r.continue_()
        else:
            blocked.append(url)
            r.abort()

    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1100, "height": 900})
            page.route("**/*", route)
            page.goto(page_file.as_uri(), wait_until="load")
            page.wait_for_load_state("networkidle")

            assert any(u.startswith("file://") for u in requested)  # the route saw the page
            assert blocked == [], f"non-local requests: {blocked}"

            charts = page.locator("svg.chart")
            assert charts.count() >= 1
            points = page.locator("svg.chart circle.point")
            assert points.count() >= 1
            boxes = [points.nth(i).bounding_box() for i in range(points.count())]
            assert any(b and b["width"] > 0 and b["height"] > 0 for b in boxes)
            assert page.locator("svg.chart line.range").count() >= 1

            assert page.locator("svg.map").count() == 1
            places = page.locator("svg.map circle.place")
            assert places.count() >= 1
            assert places.first.is_visible()
            box = places.first.bounding_box()
            assert box and box["width"] > 0 and box["height"] > 0

            # a citation link leads to its entry in the sources list
            first = page.locator("a.cite").first
            target = first.get_attribute("href")
            assert target and page.locator(target).count() == 1

            # the first screen only: a full-page shot of the long brief takes >30 s under load
            page.screenshot(path=str(shot), timeout=120_000)
        finally:
            browser.close()
    assert shot.exists() and shot.stat().st_size > 1000
