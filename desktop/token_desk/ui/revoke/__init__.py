"""Revoking: the confirmation dialog, its wording and what the window does around it."""

from token_desk.ui.revoke.revoke_flow import (
    DialogRevokeService,
    RevokeService,
    busy_revokes,
    neighbour_row,
)

__all__ = ["DialogRevokeService", "RevokeDialog", "RevokeService", "busy_revokes", "confirm_stop_waiting",
           "neighbour_row"]


def __getattr__(name: str):
    """The dialog's module when first named (PEP 562): the window is built, and painted, without it."""
    if name in ("RevokeDialog", "confirm_stop_waiting"):
        from token_desk.ui.revoke import revoke_dialog

        return getattr(revoke_dialog, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
