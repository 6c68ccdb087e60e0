"""The FastAPI application: one `Sitroom` behind HTML pages and their JSON twins.

Contract: `create_app(room, access)` returns an ASGI app. Every page `/x` has a JSON twin at
`/x.json` (also `/x` with `Accept: application/json`); the OpenAPI document (`/openapi.json`)
describes the JSON paths. Errors are the project's one error shape
`{"error": {"code", "message", "subject"}}` (HTML pages show it as text) with statuses:
config/input 400, unauthorized 401, forbidden 403, not_found 404, store 503. Every response
carries a strict Content-Security-Policy (`default-src 'self'`, no inline script or style) and
no page contains script: charts and maps are server-drawn SVG. Templates autoescape every
value; stored text is never rendered as HTML.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from sitroom.errors import SitroomError
from sitroom.web import render
from sitroom.web.auth import CSRF_COOKIE, Access, new_csrf

STATUS = {
    "config": 400,
    "input": 400,
    "unauthorized": 401,
    "forbidden": 403,
    "not_found": 404,
    "store": 503,
}
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
STATIC = Path(__file__).parent / "static"


def create_app(room, access: Access | None = None) -> FastAPI:  # noqa: ANN001 - a Sitroom
    app = FastAPI(
        title="sitroom",
        version="1",
        description="Sourced, graded claims, measures and the brief over HTTP. Every list is "
        "paginated (limit, offset) and filterable; errors are {error: {code, message, subject}}.",
        docs_url=None,  # FastAPI's browsers load scripts from a CDN: not served
        redoc_url=None,
    )
    app.state.room = room
    app.state.access = access or Access.build("127.0.0.1", None)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.middleware("http")
    async def headers(request: Request, call_next):  # noqa: ANN202, ANN001
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers["X-Frame-Options"] = "DENY"
        if CSRF_COOKIE not in request.cookies:
            response.set_cookie(CSRF_COOKIE, request.state.csrf, samesite="strict", path="/")
        return response

    @app.middleware("http")
    async def csrf_seed(request: Request, call_next):  # noqa: ANN202, ANN001
        request.state.csrf = request.cookies.get(CSRF_COOKIE) or new_csrf()
        return await call_next(request)

    @app.exception_handler(SitroomError)
    async def sitroom_error(request: Request, exc: SitroomError) -> Response:
        return error_response(request, exc.as_dict(), STATUS.get(exc.code, 500))

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()) if p not in ("query", "path"))
        body = {
            "error": {
                "code": "config",
                "message": first.get("msg", "bad request"),
                "subject": where or None,
            }
        }
        return error_response(request, body, 400)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http")
        body = {"error": {"code": code, "message": str(exc.detail), "subject": request.url.path}}
        return error_response(request, body, exc.status_code)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        import logging

        logging.getLogger("sitroom.web").exception("unexpected error on %s", request.url.path)
        body = {
            "error": {
                "code": "internal",
                "message": f"unexpected {type(exc).__name__}",
                "subject": request.url.path,
            }
        }
        return error_response(request, body, 500)

    from sitroom.web import routes_edit, routes_picture, routes_read

    for module in (routes_read, routes_edit, routes_picture):
        module.register(app)
    return app


def error_response(request: Request, body: dict, status: int) -> Response:
    if render.wants_json(request):
        return JSONResponse(body, status_code=status)
    return render.page(request, "error.html.j2", {"error": body["error"], "status": status}, status)
