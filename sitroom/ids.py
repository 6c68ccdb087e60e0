"""Deterministic ids: the same content always gets the same id."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_WS = re.compile(r"\s+")


def normalise_for_hash(text: str) -> str:
    """NFC, white space collapsed, trimmed: cosmetic changes do not make a new document."""
    return _WS.sub(" ", unicodedata.normalize("NFC", text)).strip()


def digest(*parts: object, length: int = 16) -> str:
    h = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8"))
    return h.hexdigest()[:length]


def document_id(text: str) -> str:
    return "d" + digest(normalise_for_hash(text))


def claim_id(doc_id: str, kind: str, start: int, end: int, actor: str | None) -> str:
    return "c" + digest(doc_id, kind, start, end, actor or "")


def failure_id(origin: str, reason: str) -> str:
    return "f" + digest(origin, reason)


def slug(name: str) -> str:
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-") or "unknown"
