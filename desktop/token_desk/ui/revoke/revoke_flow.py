"""What the window does around the revoke dialog: where the selection goes and what it says afterwards."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from PySide6.QtWidgets import QWidget

from token_desk.api.models import Token
from token_desk.revocation import RevokeReport, RevokingClient
from token_desk.ui.revoke.revoke_dialog import RevokeDialog

ELLIPSIS = "…"


def token_name(token: Token) -> str:
    """E.g. “ci deploy” (538b034c…): the description people know, and enough ID to tell twins apart."""
    description = token.description or "(no description)"
    return f"\u201c{description}\u201d ({token.id[:8]}{ELLIPSIS})"


def neighbour_row(selected_rows: Sequence[int], row_count: int) -> int | None:
    """The row to select once the selected rows leave the view: the next one after them, else the one before."""
    if not selected_rows:
        return None
    chosen = set(selected_rows)
    after = [row for row in range(max(chosen) + 1, row_count) if row not in chosen]
    if after:
        return after[0]
    before = [row for row in range(min(chosen) - 1, -1, -1) if row not in chosen]
    return before[0] if before else None


def status_sentence(report) -> str:
    """One status-bar sentence for a revoke report."""
    revoked = list(report.succeeded)  # the server confirmed the DELETE
    gone = list(report.gone)
    unknown = list(report.unknown)
    failed = [outcome for outcome in report.failed if not outcome.gone and not outcome.unknown]
    parts = []
    if len(revoked) == 1:
        parts.append(f"Revoked {token_name(revoked[0].token)}")
    elif revoked:
        parts.append(f"Revoked {len(revoked)} tokens")
    if gone:
        parts.append(_gone_text(gone))
    if unknown:
        parts.append(_unknown_text(unknown))
    if failed:
        parts.append(_failed_text(failed))
    text = "; ".join(parts)
    return f"{text[:1].upper()}{text[1:]}." if text else ""


def _gone_text(gone) -> str:
    if len(gone) == 1:
        return f"{token_name(gone[0].token)} no longer exists on the server, so the list was refreshed"
    return f"{len(gone)} tokens no longer exist on the server, so the list was refreshed"


def _unknown_text(unknown) -> str:
    which = token_name(unknown[0].token) if len(unknown) == 1 else f"{len(unknown)} tokens"
    return f"the server did not confirm revoking {which}, so the list was refreshed to show what it says"


def _failed_text(failed) -> str:
    first = failed[0]
    reason = str(first.error) if first.error is not None else "the server did not confirm it"
    if len(failed) == 1:
        return f"could not revoke {token_name(first.token)}: {reason}"
    return f"could not revoke {len(failed)} tokens (first: {token_name(first.token)}: {reason})"


def needs_refresh(report) -> bool:
    """Gone or unknown tokens, or confirmed revokes whose new state could not be read back: ask the server again."""
    return bool(report.gone or report.unknown) or any(outcome.revoked is None for outcome in report.succeeded)


@runtime_checkable
class RevokeService(Protocol):
    """The revoke service the window is built with: confirm with a person, revoke, report."""

    def ask(self, parent: QWidget | None, tokens: Sequence[Token], client: RevokingClient) -> RevokeReport | None:
        """A RevokeReport of what the server confirmed, or None when cancelled before anything was sent."""
        ...


class DialogRevokeService(RevokeService):
    """The real one: the modal confirmation dialog."""

    def ask(self, parent: QWidget | None, tokens: Sequence[Token], client: RevokingClient) -> RevokeReport | None:
        return RevokeDialog.ask(parent, tokens, client)
