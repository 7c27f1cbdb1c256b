"""Everything the revoke dialog says, singular for one token and plural for several (read as texts.title(...))."""

from __future__ import annotations

from collections.abc import Sequence

from token_desk.api.models import Token
from token_desk.models.display import visible_text

WILL_REVOKE = "This action will revoke:"
NOT_UNDONE = "This cannot be undone."
NBSP = "\u00a0"
RISK = "I understand the risk of this action"
CANCEL, CLOSE = "Cancel", "Close"
REVOKING_ONE = "Revoking…"
CANCELLING = "Cancelling… the server may already have revoked it; Token Desk will check the list."
STOP_WAITING_TITLE = "Revoke in Progress"
STOP_WAITING = ("Token Desk is still waiting for the server to confirm the revoke. If you close now, whether "
                "the token was revoked stays unknown until you refresh the list.")
CLOSE_ANYWAY, KEEP_WAITING = "Close Anyway", "Keep Waiting"
AFTER_UNEXPECTED = "refresh the list to see which tokens were revoked"


def title(tokens: Sequence[Token]) -> str:
    return f"Revoke {tokens[0].kind.label}" if len(tokens) == 1 else f"Revoke {len(tokens)} Tokens"


def warning(tokens: Sequence[Token]) -> str:
    return "You are about to revoke a token" if len(tokens) == 1 else f"You are about to revoke {len(tokens)} tokens"


def question(tokens: Sequence[Token]) -> str:
    if len(tokens) == 1:
        return "Are you sure you want to revoke this token?"
    return f"Are you sure you want to revoke these {len(tokens)} tokens?"


def consequence(tokens: Sequence[Token]) -> str:
    which = "this token" if len(tokens) == 1 else "these tokens"
    # No-break spaces: the sentence wraps as a whole, never leaving "undone." alone on a line.
    return f"Anything that references {which} will no longer function. {NOT_UNDONE.replace(' ', NBSP)}"


def in_use(tokens: Sequence[Token]) -> str:
    if len(tokens) == 1:
        return "This is the token Token Desk is using; you will be signed out."
    return "One of these is the token Token Desk is using; it is revoked last, and you will be signed out."


def confirm_label(tokens: Sequence[Token]) -> str:
    return "Revoke Token" if len(tokens) == 1 else f"Revoke {len(tokens)} Tokens"


def revoking_n(current: int, total: int) -> str:
    return f"Revoking {current} of {total}…"


def clusters(tokens: Sequence[Token]) -> str | None:
    """Which clusters the tokens are revoked on, when they were listed from several (None: the connection's)."""
    labels = list(dict.fromkeys(visible_text(token.cluster.label) for token in tokens if token.cluster is not None))
    if not labels:
        return None
    if len(labels) == 1:
        return f"On cluster {labels[0]}."
    return f"On {len(labels)} clusters, each token on its own: {', '.join(labels)}."


def names(tokens: Sequence[Token]) -> str:
    """For the log: each token's description and ID."""
    return ", ".join(f"\u201c{token.description}\u201d ({token.id})" for token in tokens)
