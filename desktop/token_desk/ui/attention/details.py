"""Details… with the token's findings, and the fix buttons wired to the window's own commands."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from token_desk.api.models import Token
from token_desk.findings import Fix
from token_desk.ui.attention.findings_panel import FindingsPanel
from token_desk.ui.tokens import TokenDetailsDialog, TokenPage


def show_token_details(window, page: TokenPage, token: Token) -> TokenDetailsDialog:
    """The Details dialog for `token`, listing its findings (as its row's tooltip does) with their fixes."""
    findings = page.findings_of(token.id)
    panel = None
    if findings:
        connection = window.connection
        signed_in_with = connection is not None and connection.service.is_signed_in_with(token)
        panel = FindingsPanel(token, findings, signed_in_with)
    dialog = TokenDetailsDialog.show_for(window, token, panel)
    if panel is not None:
        panel.fix_requested.connect(lambda fix: apply_fix(window, page, token, fix, dialog))
    return dialog


def apply_fix(window, page: TokenPage, token: Token, fix: Fix, dialog: QDialog | None = None) -> bool:
    """Run the fix's command on `token` as if it were chosen from its row menu; False (and the reason in
    the status line) when that command cannot run now (signed out, the row hidden by a filter)."""
    page.select_ids([token.id], token.id)
    window.update_actions()
    action = window.commands[{Fix.ROTATE: "rotate", Fix.EDIT: "edit", Fix.REVOKE: "revoke"}[fix]]
    selected = [selected.id for selected in page.selected_tokens()]
    if selected != [token.id] or not action.isEnabled():
        reason = (action.toolTip() if selected == [token.id]
                  else "Show the token in its table first (the search or a filter hides it)")
        window.status.show_message(f"{fix.value.rstrip('…')}: {reason}.", 8000)
        return False
    if dialog is not None:
        dialog.close()  # what it shows is about to change
    action.trigger()
    return True
