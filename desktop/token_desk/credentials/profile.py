"""A connection profile (no secret in it) and field validators usable "as you type"."""

from __future__ import annotations

import enum
import unicodedata
from collections.abc import Iterable
from urllib.parse import urlsplit

import msgspec

from token_desk.api.ids import is_uuid
from token_desk.api.url_safety import DEFAULT_BASE_URL, base_url_problem, plain_http_refusal, url_host

MAX_NAME_LENGTH = 100
ALLOW_PLAIN_HTTP_LABEL = "Allow plain HTTP for this connection"
_EXAMPLE_UUID = "0f8fad5b-d9cb-469f-a165-70867728950e"


class ProfileField(enum.StrEnum):
    """Keys of validate_profile_fields(); equal to the Profile attribute names."""

    NAME = "name"
    BASE_URL = "base_url"
    ACCOUNT_ID = "account_id"
    CLUSTER_ID = "cluster_id"


class Profile(msgspec.Struct, frozen=True, kw_only=True):
    """Where to connect; the management token is kept apart, in the keyring."""

    name: str
    base_url: str = DEFAULT_BASE_URL
    account_id: str
    cluster_id: str
    # Send the token over plain http:// to another computer anyway: chosen per profile, after a warning.
    allow_plain_http: bool = False
    # Set: an "influxctl profile" connection. influxctl signs in with this profile of its own config file
    # (None: influxctl's default file), and Token Desk keeps no token for it.
    influxctl_profile: str | None = None
    influxctl_config: str | None = None
    # Other clusters of the account the person added by ID: shown beside the connection's own cluster where
    # influxctl cannot list the account's clusters (not installed, or InfluxDB Clustered). IDs, not secrets.
    added_cluster_ids: tuple[str, ...] = ()

    @property
    def uses_influxctl_profile(self) -> bool:
        return self.influxctl_profile is not None

    def renamed(self, new_name: str) -> Profile:
        return msgspec.structs.replace(self, name=new_name)


def clash_key(name: str) -> str:
    """Names with equal keys clash. Case-insensitive: the name is the keyring username, and
    Windows Credential Manager treats names differing only by case as the same entry."""
    return name.casefold()


def names_clash(a: str, b: str) -> bool:
    return clash_key(a) == clash_key(b)


def name_problem(name: str) -> str | None:
    """The one rule for what a profile name may hold, whoever brings it: Add, Rename, Import and the
    profiles file. None if usable; else the fix, as one sentence. Control and format characters (a line
    break, an escape code, a right-to-left override) would reach the window title, menus and the keyring."""
    if not name.strip():
        return "Enter a name for this profile."
    if name != name.strip():
        return "Remove the spaces at the start or end of the profile name."
    if len(name) > MAX_NAME_LENGTH:
        return f"Shorten the profile name to at most {MAX_NAME_LENGTH} characters."
    if any(unicodedata.category(char).startswith("C") for char in name):
        return "Remove the control characters (tabs, line breaks, escape codes) from the profile name."
    return None


def validate_name(name: str, existing_names: Iterable[str] = (), current_name: str | None = None) -> str | None:
    """None if `name` is usable and free; `current_name` is the profile being edited (may keep its name)."""
    problem = name_problem(name)
    if problem is not None:
        return problem
    if current_name is not None and names_clash(name, current_name):
        return None
    if any(names_clash(name, other) for other in existing_names):
        return f"A profile named '{name}' already exists; choose another name."
    return None


def validate_base_url(base_url: str) -> str | None:
    """None if `base_url` is an http(s) URL with a host (the client and --url check it the same way)."""
    return base_url_problem(base_url)


def _validate_uuid(value: str, label: str) -> str | None:
    if not value.strip():
        return f"Enter the {label} (a UUID such as {_EXAMPLE_UUID})."
    if not is_uuid(value.strip()):
        shown = value if len(value) <= 60 else value[:57] + "…"
        return f"The {label} must be a UUID like {_EXAMPLE_UUID} (8-4-4-4-12 hexadecimal digits); '{shown}' is not."
    if value != value.strip():
        return f"Remove the spaces around the {label}."
    return None


def validate_account_id(account_id: str) -> str | None:
    return _validate_uuid(account_id, "account ID")


def validate_cluster_id(cluster_id: str) -> str | None:
    return _validate_uuid(cluster_id, "cluster ID")


def validate_added_cluster_ids(cluster_ids: Iterable[str], own_cluster_id: str = "") -> str | None:
    """None if every added cluster ID is a UUID, none repeats, and none is the connection's own."""
    seen: set[str] = set()
    for cluster_id in cluster_ids:
        problem = _validate_uuid(cluster_id, "added cluster ID")
        if problem is not None:
            return problem
        if cluster_id.casefold() == own_cluster_id.casefold():
            return f"{cluster_id} is this connection's own cluster; it is always shown, so remove it from the added ones."
        if cluster_id.casefold() in seen:
            return f"The cluster {cluster_id} is added twice; remove one."
        seen.add(cluster_id.casefold())
    return None


def validate_profile_fields(
    name: str,
    base_url: str,
    account_id: str,
    cluster_id: str,
    *,
    existing_names: Iterable[str] = (),
    current_name: str | None = None,
    allow_plain_http: bool = False,
) -> dict[ProfileField, str]:
    """Map each invalid field to its message; an empty dict means the profile can be saved."""
    messages = {
        ProfileField.NAME: validate_name(name, existing_names, current_name),
        ProfileField.BASE_URL: validate_base_url(base_url) or _plain_http_problem(base_url, allow_plain_http),
        ProfileField.ACCOUNT_ID: validate_account_id(account_id),
        ProfileField.CLUSTER_ID: validate_cluster_id(cluster_id),
    }
    return {field: message for field, message in messages.items() if message is not None}


def validate_profile(
    profile: Profile, existing_names: Iterable[str] = (), current_name: str | None = None
) -> dict[ProfileField, str]:
    added = validate_added_cluster_ids(profile.added_cluster_ids, profile.cluster_id)
    # Reported on the cluster field: the added clusters are more of the connection's clusters.
    messages = {ProfileField.CLUSTER_ID: added} if added is not None else {}
    if profile.uses_influxctl_profile:  # influxctl knows where to go: only the name is Token Desk's
        message = validate_name(profile.name, existing_names, current_name)
        return messages | ({ProfileField.NAME: message} if message is not None else {})
    return messages | validate_profile_fields(
        profile.name,
        profile.base_url,
        profile.account_id,
        profile.cluster_id,
        existing_names=existing_names,
        current_name=current_name,
        allow_plain_http=profile.allow_plain_http,
    )


def _plain_http_problem(base_url: str, allowed: bool) -> str | None:
    if plain_http_refusal(base_url, allowed) is None:
        return None
    return (f"This URL would send the management token unencrypted to {url_host(base_url)}; use https://, "
            f"or tick “{ALLOW_PLAIN_HTTP_LABEL}” below if you trust the network.")
