"""Typed inputs and results of the create, edit and rotate dialogs."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol

from token_desk.api.clusters import Cluster
from token_desk.api.models import CreatedToken, Permission, Token, TokenKind
from token_desk.api.service import TokenService
from token_desk.models.display import visible_text

__all__ = ["CreateRequest", "CreateResult", "EditResult", "ProfileSaver", "SecretOutcome", "TokenDraft", "TokenService"]


DEFAULT_LIFETIME = timedelta(days=90)  # what new tokens are offered (GitHub offers 30 days, GitLab requires one)


@dataclass(frozen=True)
class CreateRequest:
    """What a create dialog opens with: empty for New…, the old token's values for Rotate…."""

    kind: TokenKind
    description: str = ""
    permissions: tuple[Permission, ...] = ()
    lifetime: timedelta | None = DEFAULT_LIFETIME  # proposed from now; None: never (see expiry_editor.py)
    replaces: Token | None = None  # set when rotating
    # The cluster it is created on (a rotation: the old token's); None: the connection's own.
    cluster: Cluster | None = None

    @property
    def title(self) -> str:
        title = f"Rotate {self.kind.label}" if self.replaces else f"Create {self.kind.label}"
        return f"{title} on {visible_text(self.cluster.label)}" if self.cluster is not None else title


@dataclass(frozen=True)
class TokenDraft:
    kind: TokenKind
    description: str
    expires_at: datetime | None
    permissions: tuple[Permission, ...] = ()


@dataclass(frozen=True)
class EditResult:
    """The server's copy after Save Changes, or `rotate` when the person chose Rotate… instead."""

    updated: Token | None = None
    rotate: bool = False


@dataclass(frozen=True)
class SecretOutcome:
    copied: bool = False
    saved_profile: str | None = None


@dataclass
class CreateResult:
    """A create dialog's answer: the new token and its secret, plus tokens an unsure retry found."""

    created: CreatedToken | None = None
    discovered: list[Token] = field(default_factory=list)


class ProfileSaver(Protocol):
    """Stores a management token as a new connection for this account and cluster (runs off the GUI thread)."""

    def names(self) -> list[str]: ...
    def name_problem(self, name: str) -> str | None: ...
    def save(self, name: str, secret: str) -> None: ...
