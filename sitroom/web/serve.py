"""Start the web app on uvicorn: `run(room, host, port, tokens, user)`.

Tokens come from `--token` (an editor), `--read-token` (read only) and the config file's
`[web] tokens = [{token = "...", user = "...", role = "read"|"edit"}]`. A host that is not a
loopback address refuses to start without a token (ConfigError, before anything listens).
"""

from __future__ import annotations

from sitroom.web.auth import Access, login_name


def build_access(room, host: str, token: str | None, read_token: str | None) -> Access:  # noqa: ANN001
    web = room.settings.web
    tokens = list(web.tokens)
    user = web.user or login_name()
    if token:
        tokens.append({"token": token, "user": user, "role": "edit"})
    if read_token:
        tokens.append({"token": read_token, "user": "reader", "role": "read"})
    return Access.build(host, tokens, user)


def run(
    room, host: str = "127.0.0.1", port: int = 8000, token=None, read_token=None, log=print
) -> None:  # noqa: ANN001
    import uvicorn

    from sitroom.web.server import create_app

    access = build_access(room, host, token, read_token)
    room.store.migrate()  # once, before serving: requests then only read (or write corrections)
    app = create_app(room, access)
    mode = "open to this machine (no token)" if access.open else f"{len(access.tokens)} token(s)"
    log(f"sitroom: serving {room.settings.db} on http://{host}:{port}/ ({mode}); Ctrl-C stops")
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
