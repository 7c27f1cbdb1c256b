"""Reading and atomically writing profiles.json (non-secret fields only).

Format: {"schema_version": 1, "last_used": "name" | null, "profiles": [{name, base_url, account_id, cluster_id}]}
(each profile may also carry allow_plain_http, influxctl_profile, influxctl_config and added_cluster_ids)
"""

from __future__ import annotations

import logging
import re
import shutil
from pathlib import Path
from typing import Any

import msgspec

from token_desk.credentials.errors import (
    ProfileFileCorruptError,
    ProfileFileUnreadableError,
    ProfileFileWriteError,
)
from token_desk.credentials.profile import Profile, ProfileField, clash_key, name_problem

SCHEMA_VERSION = 1
ADDED_CLUSTERS_KEY = "added_cluster_ids"  # optional: a list of cluster IDs the person added
_PROFILE_KEYS = tuple(str(member) for member in ProfileField)
ALLOW_PLAIN_HTTP_KEY = "allow_plain_http"
INFLUXCTL_KEYS = ("influxctl_profile", "influxctl_config")  # an "influxctl profile" connection (no token)

log = logging.getLogger(__name__)


class ProfileData(msgspec.Struct):
    profiles: list[Profile] = msgspec.field(default_factory=list)
    last_used: str | None = None
    # Entries whose name breaks the name rule: not loaded, each with the sentence that says why and where,
    # and written back as they were, so saving another change never loses them.
    refused: list[RefusedEntry] = msgspec.field(default_factory=list)


class RefusedEntry(msgspec.Struct, frozen=True):
    entry: dict[str, Any]
    sentence: str


def read_profile_file(path: Path) -> ProfileData:
    """Parse `path`; a missing file is an empty store, anything unusable raises ProfileFileError."""
    try:
        text = path.read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError):  # no file there (nor even its folder): no profiles yet
        return ProfileData()
    except UnicodeDecodeError as err:
        raise _corrupt(path, "it is not UTF-8 text", err) from err
    except OSError as err:
        raise ProfileFileUnreadableError(
            f"Token Desk cannot read its profiles file {path} ({err.strerror or err}); "
            "check that file's permissions and try again.",
            path=path,
            details=repr(err),
        ) from err
    return _parse(path, text)


def _corrupt(path: Path, reason: str, cause: Exception | None = None) -> ProfileFileCorruptError:
    return ProfileFileCorruptError(
        f"The profiles file {path} is damaged ({reason}); Token Desk left it untouched: "
        f"fix it in a text editor, or start over with no profiles (a copy is kept as {path.name}.bak).",
        path=path,
        details=repr(cause) if cause else reason,
    )


def _parse(path: Path, text: str) -> ProfileData:
    import json  # here, not at import: a --url or --demo window's start reads no profiles file, nor any JSON

    try:
        document = json.loads(text)
    except json.JSONDecodeError as err:
        raise _corrupt(path, f"not valid JSON: {err.msg} at line {err.lineno}, column {err.colno}", err) from err
    except RecursionError:  # valid only in form: nested deeper than any parser can follow
        raise _corrupt(path, "nested too deeply to read") from None
    if not isinstance(document, dict):
        raise _corrupt(path, "it does not hold a JSON object")
    version = document.get("schema_version")
    if version != SCHEMA_VERSION:
        if isinstance(version, int) and version > SCHEMA_VERSION:
            raise ProfileFileCorruptError(
                f"The profiles file {path} was written by a newer Token Desk (format {version}); "
                "update Token Desk to use it.",
                path=path,
            )
        raise _corrupt(path, f"unknown schema_version {version!r}")
    data = ProfileData(last_used=_parse_last_used(path, document))
    refused = _parse_profiles(path, document.get("profiles"), data.profiles)
    if refused:  # lines are counted only then: a file of 10,000 good profiles pays nothing
        entries = document["profiles"]
        lines = _name_lines(text)
        known = len(lines) == len(entries)  # else an unknown key holds a "name" too: say the entry's number
        data.refused = [RefusedEntry(entries[index], _refusal(path, index + 1, lines[index] if known else None,
                                                               problem)) for index, problem in refused]
    return data


def _parse_profiles(path: Path, entries: Any, profiles: list[Profile]) -> list[tuple[int, str]]:
    """Append the usable profiles; return (index, problem) of each entry the name rule refuses."""
    if not isinstance(entries, list):
        raise _corrupt(path, "'profiles' is not a list")
    refused: list[tuple[int, str]] = []
    seen: set[str] = set()  # names_clash() keys: one set lookup per profile, so 10,000 profiles read at once
    for position, entry in enumerate(entries, start=1):
        profile = _parse_profile(path, position, entry)
        problem = name_problem(profile.name)
        if problem is not None:
            refused.append((position - 1, problem))
            continue
        key = clash_key(profile.name)
        if key in seen:
            raise _corrupt(path, f"the name '{profile.name}' appears twice")
        seen.add(key)
        profiles.append(profile)
    return refused


# A whole JSON string (escapes included), so a "name" inside another string is never taken for the key.
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_KEY_COLON = re.compile(r"\s*:")


def _name_lines(text: str) -> list[int]:
    """The line of each profile's "name" key, in file order (only profile entries have that key)."""
    lines, line, counted_to = [], 1, 0
    for match in _JSON_STRING.finditer(text):
        if match.group() == '"name"' and _KEY_COLON.match(text, match.end()):
            line += text.count("\n", counted_to, match.start())
            counted_to = match.start()
            lines.append(line)
    return lines


def _refusal(path: Path, position: int, line: int | None, problem: str) -> str:
    where = f"line {line}" if line is not None else f"profile #{position}"
    return (f"Token Desk skipped the connection at {where} of {path} and loaded the others: "
            f"{problem[:1].lower()}{problem[1:]}")


def _parse_profile(path: Path, position: int, entry: Any) -> Profile:
    if not isinstance(entry, dict):
        raise _corrupt(path, f"profile #{position} is not an object")
    for key in _PROFILE_KEYS:
        if not isinstance(entry.get(key), str):
            raise _corrupt(path, f"profile #{position} has no text value for '{key}'")
    allow_plain_http = entry.get(ALLOW_PLAIN_HTTP_KEY, False)
    if not isinstance(allow_plain_http, bool):
        raise _corrupt(path, f"profile #{position} has a non-boolean '{ALLOW_PLAIN_HTTP_KEY}'")
    influxctl = {key: entry.get(key) for key in INFLUXCTL_KEYS}
    if any(value is not None and not isinstance(value, str) for value in influxctl.values()):
        raise _corrupt(path, f"profile #{position} has a non-text influxctl setting")
    added = entry.get(ADDED_CLUSTERS_KEY, [])
    if not isinstance(added, list) or not all(isinstance(cluster_id, str) for cluster_id in added):
        raise _corrupt(path, f"profile #{position} has an '{ADDED_CLUSTERS_KEY}' that is not a list of IDs")
    return Profile(**{key: entry[key] for key in _PROFILE_KEYS}, allow_plain_http=allow_plain_http, **influxctl,
                   added_cluster_ids=tuple(added))


def _parse_last_used(path: Path, document: dict[str, Any]) -> str | None:
    last_used = document.get("last_used")
    if last_used is not None and not isinstance(last_used, str):
        raise _corrupt(path, "'last_used' is not text")
    return last_used


def write_profile_file(path: Path, data: ProfileData) -> None:
    """Replace `path` atomically: a crash leaves either the old or the new file, never half of one."""
    document = {
        "schema_version": SCHEMA_VERSION,
        "last_used": data.last_used,
        "profiles": [_profile_entry(profile) for profile in data.profiles] + [item.entry for item in data.refused],
    }
    import json  # see _parse

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _replace_atomically(path, json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    except OSError as err:
        raise ProfileFileWriteError(
            f"Token Desk could not save its profiles file {path} ({err.strerror or err}); "
            "check free disk space and that folder's permissions, then try again.",
            path=path,
            details=repr(err),
        ) from err
    log.debug("Saved %d profile(s) to %s", len(data.profiles), path)


def _profile_entry(profile: Profile) -> dict[str, Any]:
    entry: dict[str, Any] = {key: getattr(profile, key) for key in _PROFILE_KEYS}
    if profile.allow_plain_http:  # written only when chosen: files stay readable by older versions
        entry[ALLOW_PLAIN_HTTP_KEY] = True
    entry.update((key, getattr(profile, key)) for key in INFLUXCTL_KEYS if getattr(profile, key) is not None)
    if profile.added_cluster_ids:  # written only when there are some, like the other optional fields
        entry[ADDED_CLUSTERS_KEY] = list(profile.added_cluster_ids)
    return entry


def _replace_atomically(path: Path, text: str) -> None:
    from token_desk.atomic_write import write_text_atomically  # with the first change: the start only reads

    write_text_atomically(path, lambda file: file.write(text))


def back_up_file(path: Path) -> Path:
    """Copy `path` to a .bak name that does not overwrite an older backup; return that name."""
    backup = path.with_name(path.name + ".bak")
    number = 1
    while backup.exists():
        backup = path.with_name(f"{path.name}.{number}.bak")
        number += 1
    shutil.copy2(path, backup)
    log.info("Kept a copy of the damaged profiles file as %s", backup)
    return backup
