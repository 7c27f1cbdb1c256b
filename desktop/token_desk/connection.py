"""What the main window is connected to: a label for people and the token service that holds the secret."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import msgspec

if TYPE_CHECKING:  # the API package imports httpx; this module stays importable without it
    from token_desk.api.service import TokenService


class ConnectionKind(enum.Enum):
    DEMO = "demo"
    PROFILE = "profile"
    ONE_OFF = "one-off"
    INFLUXCTL = "influxctl"  # an influxctl config and profile used as they are: no secret held here


class Connection(msgspec.Struct, frozen=True):
    """The secret (if Token Desk holds one) lives only inside `service`; nothing here may ever print it."""

    label: str
    service: TokenService
    kind: ConnectionKind
    profile_name: str | None = None
    # Other clusters of the account the person added by ID (the profile's): shown where influxctl cannot list them.
    added_cluster_ids: tuple[str, ...] = ()

    @property
    def is_demo(self) -> bool:
        return self.kind is ConnectionKind.DEMO


def host_label(base_url: str) -> str:
    """The host (and a non-default port) of an API URL: enough for people to tell servers apart."""
    parts = urlsplit(base_url)
    return parts.netloc.rpartition("@")[2] or base_url
