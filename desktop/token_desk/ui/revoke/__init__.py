"""Revoking: the confirmation dialog, its wording and what the window does around it."""

from token_desk.ui.revoke.revoke_dialog import RevokeDialog
from token_desk.ui.revoke.revoke_flow import (
    DialogRevokeService,
    RevokeService,
    needs_refresh,
    neighbour_row,
    status_sentence,
)

__all__ = ["DialogRevokeService", "RevokeDialog", "RevokeService", "needs_refresh", "neighbour_row",
           "status_sentence"]
