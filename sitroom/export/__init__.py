"""Exports and imports in the formats the field already uses.

Contract: `export(room, fmt, out, scope)` writes the claims in `scope` (and, where the format has
them, documents, sources, places, events and the stored picture tables) to `out` (a path, a
directory for multi-table formats, or "-" for standard output) and returns counts per table.
Rows are read from the store as a stream (constant memory in the number of claims); events are
built for the scope by `sitroom.picture` (they are not stored). Each format is written with the
library made for it: csv (stdlib, formula-safe cells), pyarrow (Parquet), stix2 (STIX 2.1),
followthemoney (FtM statements), and RFC 7946 GeoJSON. `import_file(room, path, fmt)` reads a
sitroom JSONL export (round trip) or ACLED-style CSV rows (observations of their own origin).

Mappings (STIX, FtM, ACLED) are documented in docs/exports.md.
"""

from sitroom.export.scope import Scope

FORMATS = ("jsonl", "csv", "parquet", "geojson", "stix", "ftm", "acled")
IMPORT_FORMATS = ("jsonl", "acled")

__all__ = ["FORMATS", "IMPORT_FORMATS", "Scope"]
