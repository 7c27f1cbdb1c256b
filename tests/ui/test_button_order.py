"""Dialog buttons stand in the platform's order, placed by their QDialogButtonBox roles: the revoke dialog's
Cancel and Revoke Token sit as Create Token's Cancel and Create Token do (they used to be mirror images)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QPushButton

from tests.ui.create.conftest import FakeService
from tests.ui.tokens.test_display_agreement import NoServer, expiring_token
from token_desk.api.models import TokenKind
from token_desk.ui.create.create_dialog import CreateTokenDialog
from token_desk.ui.create.requests_and_results import CreateRequest
from token_desk.ui.revoke.revoke_dialog import RevokeDialog


def cancel_is_left_of(dialog, confirm_text: str) -> bool:
    (box,) = dialog.findChildren(QDialogButtonBox)
    buttons = {button.text(): button for button in box.findChildren(QPushButton) if button.isVisibleTo(dialog)}
    cancel, confirm = buttons["Cancel"], buttons[confirm_text]
    assert box.buttonRole(cancel) == QDialogButtonBox.ButtonRole.RejectRole
    assert box.buttonRole(confirm) == QDialogButtonBox.ButtonRole.AcceptRole
    return cancel.x() < confirm.x()


def test_revoke_and_create_dialogs_order_their_buttons_alike(qtbot) -> None:
    revoke = RevokeDialog(None, [expiring_token(TokenKind.MANAGEMENT)], NoServer())
    create = CreateTokenDialog(None, FakeService(), CreateRequest(TokenKind.MANAGEMENT))
    for dialog in (revoke, create):
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
    assert cancel_is_left_of(revoke, "Revoke Token") == cancel_is_left_of(create, "Create Token")
    cancel = next(b for b in revoke.findChildren(QPushButton) if b.text() == "Cancel")
    assert cancel.isDefault()  # Enter never revokes
