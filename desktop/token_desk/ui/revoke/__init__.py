"""Revoking: the confirmation dialog, its wording and what the window does around it."""

from token_desk.ui.revoke.revoke_dialog import RevokeDialog, confirm_stop_waiting
from token_desk.ui.revoke.revoke_flow import (
    DialogRevokeService,
    RevokeService,
    neighbour_row,
)

__all__ = ["DialogRevokeService", "RevokeDialog", "RevokeService", "confirm_stop_waiting", "neighbour_row"]
