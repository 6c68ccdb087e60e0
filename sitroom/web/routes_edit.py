"""Writes: analyst corrections over HTTP (editors only, CSRF-checked), and logging in.

- `GET /corrections[.json]`: corrections, newest first (`target`, `all` to include undone).
- `POST /corrections.json` (JSON body `CorrectionIn`) -> 201 and the stored correction.
- `POST /corrections/{id}/undo.json` -> the correction, marked undone.
- `POST /corrections` and `POST /corrections/{id}/undo`: the same from the pages' forms
  (fields of `CorrectionIn` plus `csrf` and `next`, the page to return to), answered 303.
- `POST /login` (form `token`): sets the token cookie (HttpOnly, SameSite=Strict).
The author of a correction is the identity making the request (the token's user, else the
server's configured or login user name); it cannot be set by the client.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, Form, Path, Query, Request
from fastapi.responses import JSONResponse, RedirectResponse
from pydantic import BaseModel, Field

from sitroom.web import render
from sitroom.web.auth import TOKEN_COOKIE, Unauthorized, check_write
from sitroom.web.routes_read import identify

Short = Annotated[str | None, Field(max_length=300)]


class CorrectionIn(BaseModel):
    action: Annotated[str, Field(max_length=20, examples=["reject"])]
    target: Annotated[str, Field(max_length=300, examples=["c0123456789abcdef"])]
    reason: Annotated[str, Field(max_length=2000)]
    field: Short = None
    value: str | float | list[Annotated[str, Field(max_length=80)]] | None = None
    likelihood: Short = None


def list_corrections(
    request: Request,
    target: Annotated[str | None, Query(max_length=300)] = None,
    all: Annotated[bool, Query()] = False,  # noqa: A002 - the query parameter's name
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> object:
    """Analyst corrections, newest first, each with the machine's value beside the analyst's."""
    rows = request.app.state.room.corrections(target or None, include_undone=all)
    result = {
        "items": rows[offset : offset + limit],
        "total": len(rows),
        "limit": limit,
        "offset": offset,
    }
    result.update(render.page_links(request, len(rows), limit, offset))
    return render.respond(request, "corrections.html.j2", result)


def _make(request: Request, body: CorrectionIn) -> dict:
    room = request.app.state.room
    return room.correct(
        body.action,
        body.target,
        reason=body.reason,
        field=body.field,
        value=body.value,
        likelihood=body.likelihood,
        author=request.state.identity.user,
    )


def post_correction(request: Request, body: CorrectionIn) -> JSONResponse:
    """Record one correction: reject / correct (a claim's field) / grade (a source) / merge /
    split (measures) / assess (with an ICD 203 likelihood word)."""
    check_write(request, request.state.identity)
    return JSONResponse(_make(request, body), status_code=201)


def undo_correction(request: Request, correction_id: Annotated[str, Path(max_length=40)]) -> dict:
    """Undo a correction: it is kept, marked undone; the machine's value shows again."""
    check_write(request, request.state.identity)
    return request.app.state.room.undo(correction_id, author=request.state.identity.user)


def form_correction(
    request: Request,
    action: Annotated[str, Form(max_length=20)],
    target: Annotated[str, Form(max_length=300)],
    reason: Annotated[str, Form(max_length=2000)] = "",
    field: Annotated[str | None, Form(max_length=40)] = None,
    value: Annotated[str | None, Form(max_length=2000)] = None,
    likelihood: Annotated[str | None, Form(max_length=40)] = None,
    csrf: Annotated[str | None, Form(max_length=100)] = None,
    next: Annotated[str | None, Form(max_length=500)] = None,  # noqa: A002
) -> RedirectResponse:
    check_write(request, request.state.identity, csrf)
    if action == "split" and value:
        value = value.replace(",", " ").split()
    body = CorrectionIn(
        action=action,
        target=target,
        reason=reason,
        field=field or None,
        value=value,
        likelihood=likelihood or None,
    )
    _make(request, body)
    return RedirectResponse(_safe_next(next), status_code=303)


def form_undo(
    request: Request,
    correction_id: Annotated[str, Path(max_length=40)],
    csrf: Annotated[str | None, Form(max_length=100)] = None,
    next: Annotated[str | None, Form(max_length=500)] = None,  # noqa: A002
) -> RedirectResponse:
    check_write(request, request.state.identity, csrf)
    request.app.state.room.undo(correction_id, author=request.state.identity.user)
    return RedirectResponse(_safe_next(next), status_code=303)


def login(
    request: Request,
    token: Annotated[str, Form(max_length=500)],
    csrf: Annotated[str | None, Form(max_length=100)] = None,
) -> RedirectResponse:
    from sitroom.web.auth import Identity

    access = request.app.state.access
    if access.lookup(token) is None:
        raise Unauthorized("unknown token", subject="token")
    check_write(request, Identity("login", "edit"), csrf)  # same-origin + CSRF, whatever role
    resp = RedirectResponse("/", status_code=303)
    resp.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict", path="/")
    return resp


def _safe_next(path: str | None) -> str:
    """Only a path on this server (never '//host' or 'http://...')."""
    if path and path.startswith("/") and not path.startswith("//") and "\\" not in path:
        return path
    return "/corrections"


def register(app: FastAPI) -> None:
    r = APIRouter(dependencies=[Depends(identify)])
    r.add_api_route("/corrections.json", list_corrections, methods=["GET"])
    r.add_api_route("/corrections", list_corrections, methods=["GET"], include_in_schema=False)
    r.add_api_route(
        "/corrections.json",
        post_correction,
        methods=["POST"],
        status_code=201,
        summary="Record an analyst correction",
    )
    r.add_api_route("/corrections/{correction_id}/undo.json", undo_correction, methods=["POST"])
    r.add_api_route("/corrections", form_correction, methods=["POST"], include_in_schema=False)
    r.add_api_route(
        "/corrections/{correction_id}/undo", form_undo, methods=["POST"], include_in_schema=False
    )
    app.include_router(r)
    app.add_api_route("/login", login, methods=["POST"], include_in_schema=False)
