"""The brief (situation report) from the stored measures: Markdown, one self-contained HTML
file, or its JSON twin.

Contract: `render_brief(data, fmt)` renders `report.digest.brief_data(...)` and returns the
whole document as text. Every number carries a citation [n]; "Sources cited" gives for each n
the exact quote, the document (title, url, id, publication date or "publication date
unknown"), the outlet with its Admiralty grade, the origin (who says it) and the claim id.
Numbering is done once in reading order, so Markdown, HTML and JSON cite identically. The HTML
has inline CSS and inline SVG only (CSP default-src 'none'): no scripts, fonts or fetched files.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from sitroom.errors import ConfigError
from sitroom.output_safety import md_text, md_url
from sitroom.report import cite as C
from sitroom.report.charts import estimate_chart
from sitroom.report.mapsvg import places_map

FORMATS = ("md", "html", "json")
TEMPLATES = Path(__file__).parent / "templates"


class _Point:  # what charts.estimate_chart reads from a point
    def __init__(self, p: dict) -> None:
        self.claim_id, self.source, self.published_at = (
            p["claim_id"],
            p["source"],
            p["published_at"],
        )
        self.low, self.high = p["low"], p["high"]


def render_brief(data: dict, fmt: str = "md") -> str:
    """Render the brief as 'md', 'html' or 'json' (the same sections and numbered citations as
    plain data); any other format raises ConfigError naming it."""
    if fmt not in FORMATS:
        raise ConfigError(
            f"unknown brief format {fmt!r}; use one of {', '.join(FORMATS)}", subject=str(fmt)
        )
    if fmt == "json":
        return json.dumps(_plain(data), indent=2, ensure_ascii=False, default=str)
    ctx = dict(data)
    if fmt == "html":
        numbers = {c["claim_id"]: c["n"] for c in data["cited"]}
        ctx["measures"] = [
            {**m, "chart": estimate_chart(m["name"], [_Point(p) for p in m["points"]], numbers)}
            for m in data["measures"]
        ]
        ctx["map"] = places_map(data["places"])
    return _env(fmt).get_template(f"brief.{fmt}.j2").render(**ctx, html=fmt == "html")


def _plain(value):  # noqa: ANN001, ANN202 - JSON-shaped data in, the same shape out
    """Citation markers as "[n]" in every string of the brief's data."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, str):
        return C.plain_marks(value)
    return value


class _MdDone(str):
    """Markdown already escaped by a filter; `_md_finalize` passes it through."""


def _md_finalize(value: object) -> str:
    """Every {{ value }} in the Markdown template: escaped unless a filter already did it, so
    no text from an article or the store can add HTML, links, images or structure."""
    return value if isinstance(value, _MdDone) else md_text(value)


@lru_cache(maxsize=2)
def _env(fmt: str) -> Environment:
    """One Jinja environment per format per process (templates compile once)."""
    html = fmt == "html"
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=html,
        finalize=None if html else _md_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
    )
    env.filters["cite"] = _html_cite if html else _md_cite
    env.filters["cell"] = _md_cite  # md_text escapes '|' too
    env.filters["oneline"] = (lambda s: " ".join(str(s).split())) if html else _md_oneline
    env.filters["safe_url"] = (
        (lambda u: u if str(u or "").startswith(("http://", "https://")) else None)
        if html
        else _md_url
    )
    return env


def _md_cite(text: object) -> str:
    return _MdDone(C.plain_marks(md_text(text)))


def _md_oneline(text: object) -> str:
    return _MdDone(md_text(text))


def _md_url(url: object) -> str | None:
    safe = md_url(url)
    return None if safe is None else _MdDone(safe)


def _html_cite(text: object) -> Markup:
    safe = str(escape(str(text)))
    return Markup(
        C.MARK_RE.sub(
            lambda m: f'<a class="cite" href="#cite-{m.group(1)}">[{m.group(1)}]</a>', safe
        )
    )
