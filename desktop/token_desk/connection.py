"""What the main window is connected to: a label for people and the client that holds the secret."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:  # the client module imports httpx; this module stays importable without it
    from token_desk.api.client import ManagementApiClient


class ConnectionKind(enum.Enum):
    DEMO = "demo"
    PROFILE = "profile"
    ONE_OFF = "one-off"


@dataclass(frozen=True)
class Connection:
    """The secret lives only inside `client`; nothing here may ever print it."""

    label: str
    client: ManagementApiClient
    kind: ConnectionKind
    profile_name: str | None = None

    @property
    def is_demo(self) -> bool:
        return self.kind is ConnectionKind.DEMO


def host_label(base_url: str) -> str:
    """The host (and a non-default port) of an API URL: enough for people to tell servers apart."""
    parts = urlsplit(base_url)
    return parts.netloc.rpartition("@")[2] or base_url
