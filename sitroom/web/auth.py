"""Who may read and who may write: tokens with roles, and CSRF protection on writes.

Contract:
- `Access.build(host, tokens, user)` -> the server's access rules. `tokens` is a list of
  `{"token", "user", "role"}` (role "read" or "edit"; from `--token`/`--read-token` or the
  `[web] tokens` of the config file). With no token, the server is open to whoever can reach
  it, which `build` allows only on a loopback host (ConfigError otherwise); everyone is then an
  editor named `user` (the configured `[web] user`, else the login name).
- `Access.identify(request)` -> `Identity(user, role)` or raises `Unauthorized`. A token is
  read from `Authorization: Bearer T`, else the `sitroom_token` cookie (set by POST /login).
- `check_write(request, identity)` raises `Forbidden` unless the identity is an editor and the
  request cannot be a cross-site forgery: a bearer-token request (no ambient credential), or a
  same-origin request (`Origin`, when sent, equal to the server's own) that also carries the
  double-submit CSRF token (form field `csrf` or header `X-CSRF-Token` equal to the `sitroom_csrf`
  cookie). JSON bodies from scripts are covered by the same rule: send the header.
Tokens are compared in constant time (`hmac.compare_digest`).
"""

from __future__ import annotations

import getpass
import hmac
import ipaddress
import secrets
from dataclasses import dataclass, field

from sitroom.errors import ConfigError, SitroomError

ROLES = ("read", "edit")
CSRF_COOKIE = "sitroom_csrf"
TOKEN_COOKIE = "sitroom_token"


class Unauthorized(SitroomError):
    code = "unauthorized"


class Forbidden(SitroomError):
    code = "forbidden"


@dataclass(frozen=True)
class Identity:
    user: str
    role: str

    @property
    def can_edit(self) -> bool:
        return self.role == "edit"


def is_loopback(host: str) -> bool:
    if host in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (containers)
        return "analyst"


@dataclass
class Access:
    tokens: list[dict] = field(default_factory=list)
    user: str = ""

    @classmethod
    def build(cls, host: str, tokens: list[dict] | None, user: str | None = None) -> Access:
        checked = []
        for i, t in enumerate(tokens or []):
            if not isinstance(t, dict) or not isinstance(t.get("token"), str):
                raise ConfigError("each token needs a 'token' string", subject=f"tokens[{i}]")
            role = t.get("role", "read")
            if role not in ROLES:
                raise ConfigError("role must be 'read' or 'edit'", subject=f"tokens[{i}]")
            if len(t["token"]) < 8:
                raise ConfigError("a token must have at least 8 characters", subject=f"tokens[{i}]")
            checked.append({"token": t["token"], "user": str(t.get("user") or role), "role": role})
        if not checked and not is_loopback(host):
            raise ConfigError(
                "binding to a non-loopback address needs a token (--token or [web] tokens)",
                subject=f"--host {host}",
            )
        return cls(tokens=checked, user=user or login_name())

    @property
    def open(self) -> bool:
        return not self.tokens

    def lookup(self, token: str | None) -> Identity | None:
        if not token:
            return None
        found = None
        for t in self.tokens:  # no early exit: the time taken does not depend on which matched
            if hmac.compare_digest(t["token"].encode(), token.encode()):
                found = Identity(t["user"], t["role"])
        return found

    def identify(self, request) -> Identity:  # noqa: ANN001 - a starlette Request
        if self.open:
            return Identity(self.user, "edit")
        auth = request.headers.get("authorization", "")
        token = auth[7:].strip() if auth.lower().startswith("bearer ") else None
        who = self.lookup(token or request.cookies.get(TOKEN_COOKIE))
        if who is None:
            raise Unauthorized("a valid token is needed (Authorization: Bearer, or log in)")
        return who


def new_csrf() -> str:
    return secrets.token_urlsafe(24)


def check_write(request, identity: Identity, form_token: str | None = None) -> None:  # noqa: ANN001
    if not identity.can_edit:
        raise Forbidden("this token may only read", subject=identity.user)
    if request.headers.get("authorization", "").lower().startswith("bearer "):
        return
    origin = request.headers.get("origin")
    if origin and origin != own_origin(request):
        raise Forbidden("cross-origin write refused", subject=origin)
    cookie = request.cookies.get(CSRF_COOKIE)
    sent = form_token or request.headers.get("x-csrf-token")
    if not cookie or not sent or not hmac.compare_digest(cookie.encode(), sent.encode()):
        raise Forbidden(
            "missing or wrong CSRF token (reload the page; scripts send X-CSRF-Token)",
            subject="csrf",
        )


def own_origin(request) -> str:  # noqa: ANN001
    host = request.headers.get("host") or f"{request.url.hostname}:{request.url.port}"
    return f"{request.url.scheme}://{host}"
