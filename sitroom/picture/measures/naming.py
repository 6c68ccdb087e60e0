"""Readable measure names ('North Korea troops deployed to Russia'), shared with estimates."""

from __future__ import annotations

from sitroom.picture.estimates import measure_name

__all__ = ["measure_name"]
