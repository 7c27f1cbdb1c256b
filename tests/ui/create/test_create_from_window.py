"""The whole lifecycle from the main window, over real HTTP against the sandbox, with the real dialogs."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.ui.conftest import revoke_button, risk_box
from token_desk.ui.shell.command_list import new_token_key
from token_desk.api.models import TokenKind
from token_desk.connection import Connection, ConnectionKind
from token_desk.ui.create.create_dialog import CreateTokenDialog
from token_desk.ui.create.edit_dialog import EditTokenDialog
from token_desk.ui.create.secret_dialog import SecretDialog
from token_desk.ui.revoke.revoke_dialog import RevokeDialog


def when_open(dialog_type, act, then=None) -> list:
    """Run `act(dialog)` once a modal dialog of `dialog_type` is up (it blocks the test's own call)."""
    seen: list = []

    def poll() -> None:
        dialog = next((w for w in QApplication.topLevelWidgets()
                       if isinstance(w, dialog_type) and w.isVisible() and w not in seen), None)
        if dialog is None:
            QTimer.singleShot(20, poll)
            return
        seen.append(dialog)
        act(dialog)
        if then is not None:
            then()

    QTimer.singleShot(0, poll)
    return seen


def edit_description_once_listed(text: str):
    """An act for `when_open(EditTokenDialog, …)`: once the dialog has listed the databases, set the
    description to `text` and save."""
    def act(dialog: EditTokenDialog) -> None:
        if "Loading" in dialog.permissions.load_status.text():
            QTimer.singleShot(20, lambda: act(dialog))
            return
        dialog.description_box.setText(text)
        dialog.confirm_button.click()

    return act


def fill_database_token(dialog: CreateTokenDialog, description: str = "grafana") -> None:
    def when_listed() -> None:
        if "telemetry" not in dialog.permissions.rows.resources():
            QTimer.singleShot(20, when_listed)
            return
        dialog.description_box.setText(description)
        dialog.permissions.set_checked("telemetry", "read")
        dialog.confirm_button.click()

    when_listed()


def copy_and_close(dialog: SecretDialog) -> None:
    dialog.copy_button.click()
    dialog.accept()


def answer_message_box(button_text: str):
    def act(box: QMessageBox) -> None:
        next(button for button in box.buttons() if button.text() == button_text).click()
    return act


def test_ctrl_n_creates_for_the_page_shown(window) -> None:
    new_token = {kind: window.commands[new_token_key(kind)] for kind in TokenKind}
    assert new_token[TokenKind.MANAGEMENT].shortcut().toString() == "Ctrl+N"
    window.sidebar.setCurrentRow(1)
    assert new_token[TokenKind.DATABASE].shortcut().toString() == "Ctrl+N"
    assert new_token[TokenKind.MANAGEMENT].shortcut().isEmpty()
    assert window.toolbar.new_button.defaultAction() is new_token[TokenKind.DATABASE]
    assert window.toolbar.new_button.actions() == [new_token[TokenKind.DATABASE]]  # no menu arrow
    assert all(a.text().startswith("New") and "Token" in a.text() for a in new_token.values())


def test_a_new_database_token_appears_selected_at_once_from_the_servers_answer(qtbot, window, sandbox) -> None:
    window.sidebar.setCurrentRow(1)
    page = window.page(TokenKind.DATABASE)
    refreshes = []
    window.loader.busy_changed.connect(refreshes.append)
    when_open(CreateTokenDialog, fill_database_token)
    secrets = when_open(SecretDialog, copy_and_close)
    window.commands[new_token_key(TokenKind.DATABASE)].trigger()
    assert secrets, "the secret dialog never opened"
    [selected] = page.selected_tokens()
    assert selected.description == "grafana" and [p.resource for p in selected.permissions] == ["telemetry"]
    assert sandbox.state.database_token(selected.id)["permissions"] == [{"action": "read", "resource": "telemetry"}]
    assert refreshes == []  # shown from the create answer, not by reloading
    assert page.view.visualRect(page.proxy.index(page.proxy_row_of(selected.id), 0)).isValid()
    assert QGuiApplication.clipboard().text().startswith("apiv1_")
    assert "Created" in window.statusBar().currentMessage()


def edit_description_of_a_database_token(window, description: str):
    """Select the first database token with permissions and rename it through F2's dialog; the token as it was."""
    window.sidebar.setCurrentRow(1)
    page = window.page(TokenKind.DATABASE)
    row = next(r for r in range(page.proxy.rowCount()) if page.proxy.token_at(r).permissions)
    token = page.proxy.token_at(row)
    page.select_row(row)
    window.update_actions()
    assert window.commands["edit"].isEnabled() and window.commands["edit"].shortcut().toString() == "F2"

    def rename(dialog: EditTokenDialog) -> None:
        dialog.description_box.setText(description)
        dialog.confirm_button.click()

    when_open(EditTokenDialog, rename)
    window.commands["edit"].trigger()
    return token


def test_f2_edits_and_the_row_follows_the_servers_answer(qtbot, window, sandbox) -> None:
    token = edit_description_of_a_database_token(window, "renamed in Token Desk")
    page = window.page(TokenKind.DATABASE)
    assert page.selected_tokens()[0].description == "renamed in Token Desk"
    assert page.view.flashing == {token.id}  # the changed row is highlighted for a moment
    assert sandbox.state.database_token(token.id)["description"] == "renamed in Token Desk"


def test_edit_is_not_offered_for_management_tokens(window) -> None:
    page = window.page(TokenKind.MANAGEMENT)
    page.select_row(0)
    window.update_actions()
    assert not window.commands["edit"].isEnabled()
    assert "Rotate" in window.commands["edit"].toolTip()


def confirm_revoke_then_close(dialog: RevokeDialog) -> None:
    """Tick, revoke, and close the dialog once it shows a failure (a success closes it by itself)."""
    dialog.revoke_finished.connect(lambda report: QTimer.singleShot(0, dialog.reject))
    risk_box(dialog).click()
    revoke_button(dialog).click()


def rotate(window, page, row, revoke_choice: str, confirm_revoke: bool):
    page.select_row(row)
    window.update_actions()
    when_open(CreateTokenDialog, lambda dialog: dialog.confirm_button.click())
    when_open(SecretDialog, copy_and_close)
    when_open(QMessageBox, answer_message_box(revoke_choice))
    if confirm_revoke:
        when_open(RevokeDialog, confirm_revoke_then_close)
    window.commands["rotate"].trigger()


def revocable_row(window, page) -> int:
    client = window.connection.service
    return next(r for r in range(page.proxy.rowCount())
                if not client.is_signed_in_with(page.proxy.token_at(r)) and page.proxy.token_at(r).permissions)


def test_rotate_creates_a_twin_then_revokes_the_old_one_through_the_revoke_dialog(qtbot, window, sandbox) -> None:
    window.sidebar.setCurrentRow(1)
    page = window.page(TokenKind.DATABASE)
    old = page.proxy.token_at(revocable_row(window, page))
    rotate(window, page, page.proxy_row_of(old.id), "Revoke Old Token…", True)
    new = next(t for t in sandbox.state.database_tokens() if t["description"].startswith(old.description + " (rotated"))
    assert {(p["action"], p["resource"]) for p in new["permissions"]} == {(p.action, p.resource) for p in old.permissions}
    assert "revokedAt" in sandbox.state.database_token(old.id)
    assert "revoked" in window.statusBar().currentMessage()


def test_keeping_the_old_token_revokes_nothing(qtbot, window, sandbox) -> None:
    window.sidebar.setCurrentRow(1)
    page = window.page(TokenKind.DATABASE)
    old = page.proxy.token_at(revocable_row(window, page))
    rotate(window, page, page.proxy_row_of(old.id), "Keep It for Now", False)
    assert "revokedAt" not in sandbox.state.database_token(old.id)
    assert "kept until you revoke it" in window.statusBar().currentMessage()


def test_a_failed_revoke_after_rotating_says_the_new_token_stands(qtbot, window, sandbox) -> None:
    window.sidebar.setCurrentRow(1)
    page = window.page(TokenKind.DATABASE)
    old = page.proxy.token_at(revocable_row(window, page))
    sandbox.faults.fail_next_revokes(3, 403)
    rotate(window, page, page.proxy_row_of(old.id), "Revoke Old Token…", True)
    qtbot.waitUntil(lambda: "not revoked" in window.statusBar().currentMessage())
    assert "new token" in window.statusBar().currentMessage() and "stands" in window.statusBar().currentMessage()
    assert "revokedAt" not in sandbox.state.database_token(old.id)


def test_save_as_a_connection_targets_this_account_and_cluster(window, sandbox) -> None:
    saver = window.connections.new_profile_saver(window.connection)
    assert saver is not None and sandbox.account_id in repr(saver)
    assert window.connections.new_profile_saver(None) is None
    demo = Connection("Demo data", window.connection.service, ConnectionKind.DEMO)
    assert window.connections.new_profile_saver(demo) is None  # demo data stores nothing
