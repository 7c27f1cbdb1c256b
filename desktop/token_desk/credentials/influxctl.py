"""Reading influxctl's config.toml to offer its profiles for import (the file is never changed).

influxctl keeps `[[profile]]` tables with name, product, account_id, cluster_id,
an optional host and, for manually created management tokens, mgmt_token.
"""

from __future__ import annotations

import os
import sys
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from token_desk.api.ids import is_uuid
from token_desk.credentials.profile import DEFAULT_BASE_URL, Profile, names_clash, validate_name
from token_desk.paths import user_config_root

SUPPORTED_PRODUCT = "dedicated"


def default_influxctl_config_path(
    platform: str | None = None, environ: Mapping[str, str] | None = None, home: Path | None = None
) -> Path:
    """Where influxctl keeps config.toml on this OS (it follows Go's os.UserConfigDir)."""
    platform = sys.platform if platform is None else platform
    environ = os.environ if environ is None else environ
    return user_config_root(platform, environ, home) / "influxctl" / "config.toml"


@dataclass(frozen=True)
class InfluxctlCandidate:
    """One [[profile]] of config.toml: importable (`profile` set) or with `problems` saying why not."""

    position: int
    name: str
    product: str = ""
    host: str = ""  # informational only: the cluster's query/write host
    profile: Profile | None = None
    token: str | None = field(default=None, repr=False)
    problems: tuple[str, ...] = ()
    source: Path | None = None  # the config.toml it came from

    @property
    def is_importable(self) -> bool:
        return self.profile is not None and not self.problems

    @property
    def has_token(self) -> bool:
        return self.token is not None

    @property
    def problem(self) -> str | None:
        """All problems as one message, or None."""
        return " ".join(self.problems) if self.problems else None

    @property
    def note(self) -> str | None:
        if self.is_importable and not self.has_token:
            return "No management token in config.toml; Token Desk will ask for it when you connect."
        return None


@dataclass(frozen=True)
class InfluxctlReadResult:
    path: Path
    candidates: tuple[InfluxctlCandidate, ...] = ()
    file_error: str | None = None

    @property
    def importable(self) -> list[InfluxctlCandidate]:
        return [candidate for candidate in self.candidates if candidate.is_importable]


def read_influxctl_profiles(path: Path, existing_names: Iterable[str] = ()) -> InfluxctlReadResult:
    """Parse config.toml into candidates; `existing_names` (Token Desk's profiles) mark clashes."""
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return InfluxctlReadResult(path, file_error=f"There is no influxctl configuration at {path}; choose its config.toml.")
    except (OSError, UnicodeDecodeError) as err:
        reason = getattr(err, "strerror", None) or "not UTF-8 text"
        return InfluxctlReadResult(path, file_error=f"Token Desk cannot read {path} ({reason}); check the file and its permissions.")
    except (tomllib.TOMLDecodeError, RecursionError) as err:  # the latter: nested deeper than tomllib can follow
        reason = err if isinstance(err, tomllib.TOMLDecodeError) else "nested too deeply"
        return InfluxctlReadResult(
            path, file_error=f"{path} is not valid TOML ({reason}); fix it in a text editor or with influxctl, then try again."
        )
    tables = document.get("profile")
    if not isinstance(tables, list) or not tables:
        return InfluxctlReadResult(path, file_error=f"{path} holds no [[profile]] tables, so there is nothing to import.")
    candidates = tuple(replace(c, source=path) for c in _candidates(tables, list(existing_names)))
    return InfluxctlReadResult(path, candidates=candidates)


def _candidates(tables: list[Any], existing_names: list[str]) -> tuple[InfluxctlCandidate, ...]:
    candidates: list[InfluxctlCandidate] = []
    for position, table in enumerate(tables, start=1):
        earlier = [c.name for c in candidates if c.name]
        candidates.append(_candidate(position, table, existing_names, earlier))
    return tuple(candidates)


def _text(table: Mapping[str, Any], key: str) -> str:
    value = table.get(key)
    return value.strip() if isinstance(value, str) else ""


def _candidate(position: int, table: Any, existing: list[str], earlier: list[str]) -> InfluxctlCandidate:
    if not isinstance(table, dict):
        return InfluxctlCandidate(position, "", problems=(f"Profile #{position} is not a table.",))
    name, product = _text(table, "name"), _text(table, "product")
    problems = _problems(position, table, name, product, existing, earlier)
    token = _text(table, "mgmt_token") or None
    profile = None
    if not problems:
        # Cloud Dedicated's Management API is at console.influxdata.com whatever the
        # cluster: `host` is the cluster's query/write endpoint, so it is kept only
        # for display and never becomes the base URL.
        profile = Profile(
            name=name,
            base_url=DEFAULT_BASE_URL,
            account_id=_text(table, "account_id"),
            cluster_id=_text(table, "cluster_id"),
        )
    return InfluxctlCandidate(position, name, product, _text(table, "host"), profile, token, tuple(problems))


def _problems(
    position: int, table: Mapping[str, Any], name: str, product: str, existing: list[str], earlier: list[str]
) -> list[str]:
    label = f"Profile '{name}'" if name else f"Profile #{position}"
    problems: list[str] = []
    if not name:
        problems.append(f"{label} has no name.")
    elif (message := validate_name(name)) is not None:
        problems.append(f"{label}: {message}")
    elif any(names_clash(name, other) for other in existing):
        problems.append(f"{label}: a Token Desk profile with this name already exists; rename one of them first.")
    elif any(names_clash(name, other) for other in earlier):
        problems.append(f"{label} appears more than once in the file; only the first can be imported.")
    if product.casefold() != SUPPORTED_PRODUCT:
        shown = f"'{product}'" if product else "not set"
        problems.append(f"{label} is for product {shown}; Token Desk manages InfluxDB Cloud Dedicated only.")
    for key, label_text in (("account_id", "account ID"), ("cluster_id", "cluster ID")):
        value = _text(table, key)
        if not value:
            problems.append(f"{label} has no {key} (the {label_text}).")
        elif not is_uuid(value):
            problems.append(f"{label}: {key} '{value[:60]}' is not a UUID.")
    return problems
