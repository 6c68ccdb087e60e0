"""Content negotiation and HTML rendering for the web app.

Contract: `wants_json(request)` is true for paths ending in `.json` or requests that accept
`application/json` before `text/html`. `respond(request, template, data, ctx)` returns the JSON
`data` or the page rendered from `template` (Jinja2, autoescape on for every template, so every
stored or user string is escaped; SVG made by sitroom's own drawing functions is the only markup
passed through, and those functions escape every text they draw). `page_links(...)` builds the
previous/next URLs of a paged list keeping its filters.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import ChainableUndefined, Environment, FileSystemLoader

from sitroom.report import cite as C

TEMPLATES = Path(__file__).parent / "templates"
_ENV: Environment | None = None


def env() -> Environment:
    global _ENV
    if _ENV is None:
        e = Environment(
            loader=FileSystemLoader(TEMPLATES),
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=ChainableUndefined,
        )
        e.filters["num"] = C.num
        e.filters["span"] = C.span
        e.filters["quantity"] = C.quantity
        e.filters["safe_url"] = lambda u: (
            u if str(u or "").startswith(("http://", "https://")) else None
        )
        e.globals["qs"] = _qs
        _ENV = e
    return _ENV


def wants_json(request: Request) -> bool:
    if request.url.path.endswith(".json"):
        return True
    accept = request.headers.get("accept", "")
    if "application/json" not in accept:
        return False
    return "text/html" not in accept or accept.index("application/json") < accept.index("text/html")


def respond(request: Request, template: str, data: dict, ctx: dict | None = None) -> Response:
    if wants_json(request):
        return JSONResponse(data)
    return page(request, template, {**data, **(ctx or {})})


def page(request: Request, template: str, ctx: dict, status: int = 200) -> Response:
    who = getattr(request.state, "identity", None)
    html = (
        env()
        .get_template(template)
        .render(
            **ctx,
            request_path=request.url.path,
            params=dict(request.query_params),
            csrf=getattr(request.state, "csrf", ""),
            identity=who,
        )
    )
    return HTMLResponse(html, status_code=status)


def _qs(params: dict, **changes) -> str:
    """A query string from `params` with `changes` applied (None drops a key)."""
    merged = {**params, **changes}
    return urlencode({k: v for k, v in merged.items() if v not in (None, "")})


def page_links(request: Request, total: int, limit: int, offset: int) -> dict:
    params = dict(request.query_params)
    base = request.url.path
    nxt = offset + limit < total
    return {
        "next": f"{base}?{_qs(params, offset=offset + limit)}" if nxt else None,
        "prev": f"{base}?{_qs(params, offset=max(0, offset - limit) or None)}"
        if offset > 0
        else None,
    }
