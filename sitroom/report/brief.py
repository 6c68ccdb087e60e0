"""The brief (situation report): a `Picture` rendered as Markdown or one self-contained HTML file.

Contract: `render_brief(picture, fmt)` returns the whole document as text. Every sentence and
number taken from claims carries citation markers [n]; the "Sources cited" list at the end gives
for each n the exact quote, the document (title, url, id, publication date or "publication date
unknown"), the outlet with its Admiralty reliability grade, who says it, and the claim id. The
context is built once and numbered in reading order, so Markdown and HTML cite identically.
The HTML has inline CSS and inline SVG only: no scripts, fonts, images or other fetched files.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from sitroom.errors import ConfigError
from sitroom.output_safety import md_text, md_url
from sitroom.picture.model import Picture
from sitroom.report import cite as C
from sitroom.report.sections import brief_context

FORMATS = ("md", "html", "json")
TEMPLATES = Path(__file__).parent / "templates"


def render_brief(
    picture: Picture, fmt: str = "md", resolve: Callable[[str], dict | None] | None = None
) -> str:
    """Render the brief as 'md', 'html' or 'json' (the HTML's twin: the same sections and
    numbered citations as plain data); any other format raises ConfigError naming it.

    `resolve` optionally looks up claim views for claim ids cited but not carried in the
    picture (e.g. `room.show`); without it such a citation says the quote is unavailable.
    """
    if fmt not in FORMATS:
        raise ConfigError(
            f"unknown brief format {fmt!r}; use one of {', '.join(FORMATS)}", subject=str(fmt)
        )
    ctx = brief_context(picture, resolve)
    if fmt == "json":  # data only: the picture object and rendered SVG stay out
        data = _data_only({k: v for k, v in ctx.items() if k not in ("p", "map")})
        data["scope"] = {
            "query": picture.query,
            "since": picture.since,
            "until": picture.until,
            "generated_at": picture.generated_at,
        }
        return json.dumps(data, indent=2, ensure_ascii=False, default=str)
    return _env(fmt).get_template(f"brief.{fmt}.j2").render(**ctx, html=fmt == "html")


def _data_only(value):  # noqa: ANN001, ANN202 - JSON-shaped data in, the same shape out
    """Drop rendered SVG (charts) from the brief's data; the JSON twin carries the points."""
    if isinstance(value, dict):
        return {
            k: _data_only(v)
            for k, v in value.items()
            if not (isinstance(v, str) and v.lstrip().startswith("<svg"))
        }
    if isinstance(value, list):
        return [_data_only(v) for v in value]
    return value


class _MdDone(str):
    """Markdown already escaped by a filter; `_md_finalize` passes it through."""


def _md_finalize(value: object) -> str:
    """Every {{ value }} in the Markdown template: escaped unless a filter already did it, so
    no text from an article or the store can add HTML, links, images or structure."""
    return value if isinstance(value, _MdDone) else md_text(value)


def _env(fmt: str) -> Environment:
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
