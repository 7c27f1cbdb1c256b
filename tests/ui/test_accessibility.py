"""Every control a keyboard can reach has a name a screen reader can say, in the main window and every dialog,
and the whole window works from the keyboard alone."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAccessible, QGuiApplication
from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QApplication, QComboBox, QLabel, QWidget

from tests.ui.conftest import LOAD_TIMEOUT_MS, revoke_button, risk_box, shown_tokens, wait_loaded, wait_settled
from tests.ui.modals import modals_answered
from token_desk.api.models import TokenKind
from token_desk.app import create_window
from token_desk.ui.revoke.revoke_dialog import RevokeDialog
from token_desk.ui.shell.about_dialog import AboutDialog
from token_desk.ui.tokens import TokenDetailsDialog
from token_desk.api.influxctl.login import LoginPrompt
from token_desk.api.models import CreatedToken, utc_now
from token_desk.credentials.errors import SecretStoreError
from token_desk.history import Journal
from token_desk.ui.connections.influxctl_import_dialog import InfluxctlImportDialog
from token_desk.ui.connections.influxctl_sign_in import InfluxctlSignInDialog
from token_desk.ui.connections.keyring_problem import KeyringProblemDialog
from token_desk.ui.connections.profile_form import ProfileDialog
from token_desk.ui.connections.token_prompt import TokenPrompt
from token_desk.ui.create.create_dialog import CreateTokenDialog, rotate_request
from token_desk.ui.create.requests_and_results import CreateRequest
from token_desk.ui.create.edit_dialog import EditTokenDialog
from token_desk.ui.create.secret_dialog import SecretDialog
from token_desk.ui.export.export_dialog import ExportDialog
from token_desk.ui.history import HistoryWindow


def accessible_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface is not None else ""


def unnamed_controls(root: QWidget) -> list[str]:
    """Every shown control, walked through the accessibility tree's objects: what a keyboard reaches, and every
    button a pointer or a screen reader can press (a search box's clear button takes no focus). On Linux Qt
    names a combo box by its current text, which says what it holds, not what it is for: it must carry its own
    name (what macOS and Windows read) and describe itself as well."""
    offenders = []
    for widget in [root, *root.findChildren(QWidget)]:
        # A widget whose focus goes to another (a date edit's inner text field) is named by that other.
        reachable = ((widget.focusPolicy() & Qt.FocusPolicy.TabFocus or isinstance(widget, QAbstractButton))
                     and widget.isVisibleTo(root)
                     and widget.focusProxy() is None and not isinstance(widget.parent(), QAbstractSpinBox))
        undescribed = isinstance(widget, QComboBox) and not (widget.accessibleDescription() and widget.accessibleName())
        if reachable and widget.isEnabled() and (not accessible_name(widget) or undescribed):
            offenders.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return offenders


@pytest.fixture
def demo(qtbot):
    window = create_window(["--demo"])
    qtbot.addWidget(window)
    window.show()
    wait_settled(qtbot, window)
    return window


def test_every_control_of_the_main_window_has_a_name(demo) -> None:
    demo.search_box.setText("ci")  # its clear button shows only with something to clear
    for row in range(demo.sidebar.count()):
        demo.sidebar.setCurrentRow(row)
        assert unnamed_controls(demo) == []


def test_the_welcome_page_names_every_control(qtbot, config_dir) -> None:
    window = create_window([])
    qtbot.addWidget(window)
    window.show()
    assert window.central_stack.currentWidget() is window.welcome
    assert unnamed_controls(window) == []


def dialogs(window, tmp_path):
    page = window.current_page()
    tokens = [page.proxy.token_at(row) for row in range(3)]
    database_token = window.page(TokenKind.DATABASE).proxy.token_at(0)
    client = window.connection.service
    yield "revoke one", RevokeDialog(window, tokens[:1], client)
    yield "revoke several", RevokeDialog(window, tokens, client)
    yield "details", TokenDetailsDialog(tokens[0], window)
    yield "about", AboutDialog(window, "https://console.influxdata.com/api/v0")
    yield "connections", window.connections.manage_connections()
    for kind in TokenKind:
        yield f"new {kind.value} token", CreateTokenDialog(window, client, CreateRequest(kind))
    yield "edit", EditTokenDialog(window, client, database_token)
    yield "rotate", CreateTokenDialog(window, client, rotate_request(database_token, utc_now()))
    yield "secret", SecretDialog(window, CreatedToken(database_token, "apiv1_not-a-real-secret"))
    yield "export", ExportDialog(window, page)
    yield "history", HistoryWindow(Journal(tmp_path), lambda: window.connection, parent=window)
    yield "profile", ProfileDialog(window, [], influxctl_program=lambda: None)
    yield "token prompt", TokenPrompt(window, "Enter the management token for 'Production'.")
    yield "keyring problem", KeyringProblemDialog(window, SecretStoreError(), "apiv1_not-a-real-secret")
    yield "influxctl import", InfluxctlImportDialog(window, lambda *chosen, **how: None, [], tmp_path / "config.toml")
    sign_in = LoginPrompt("Visit https://auth.example.com/activate and enter ABCD-EFGH", "https://auth.example.com/activate",
                          "ABCD-EFGH", cancel=lambda: None)
    yield "influxctl sign-in", InfluxctlSignInDialog(sign_in, window)


def test_every_dialog_names_every_control(qtbot, demo, tmp_path) -> None:
    for name, dialog in dialogs(demo, tmp_path):
        dialog.show()
        offenders = unnamed_controls(dialog)
        dialog.hide()  # not close(): the secret dialog would ask whether the secret was saved
        dialog.deleteLater()
        assert offenders == [], f"{name}: {offenders}"


def press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key press delivered to whatever has the window's keyboard focus, as a person's keyboard would."""
    qtbot.keyClick(window.focusWidget() or window, key, modifier)


def assert_details_open_for(window, token) -> None:
    """One Details window is open, for `token`; it is closed again."""
    details = [d for d in window.findChildren(TokenDetailsDialog) if d.isVisible()]
    assert len(details) == 1 and token.id in " ".join(label.text() for label in details[0].findChildren(QLabel))
    details[0].close()


def test_the_window_works_from_the_keyboard_alone(qtbot, demo) -> None:
    page = demo.current_page()
    assert demo.focusWidget() is page.view  # the keyboard starts on the table, not on a button
    press(qtbot, demo, Qt.Key.Key_Return)  # at once: the row with the focus frame is the one opened
    assert page.current_token() is not None and page.selected_tokens() == [page.current_token()]
    assert_details_open_for(demo, page.current_token())
    press(qtbot, demo, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # Find
    assert demo.focusWidget() is demo.search_box
    qtbot.keyClicks(demo.search_box, "zzz-no-such-token")
    assert page.proxy.rowCount() == 0 and page.empty_state.text.startswith("No tokens match")
    press(qtbot, demo, Qt.Key.Key_Escape)  # clears the search
    assert demo.search_box.text() == "" and page.proxy.rowCount() > 0
    for _ in range(12):  # Tab walks on through the toolbar and the page list to the table
        if demo.focusWidget() is page.view:
            break
        press(qtbot, demo, Qt.Key.Key_Tab)
    assert demo.focusWidget() is page.view
    press(qtbot, demo, Qt.Key.Key_Down)
    press(qtbot, demo, Qt.Key.Key_Down)
    assert page.current_token() is not None and len(page.selected_tokens()) == 1
    press(qtbot, demo, Qt.Key.Key_Return)  # Enter opens the row's details
    assert_details_open_for(demo, page.current_token())
    press(qtbot, demo, Qt.Key.Key_Menu)  # the row's menu
    menu = demo.context_menu
    assert menu is not None and menu.isVisible() and menu.actions()[-1] is demo.commands["revoke"]
    menu.close()
    press(qtbot, demo, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)  # copy the ID
    assert QGuiApplication.clipboard().text() == page.current_token().id
    chosen = page.current_token()
    with modals_answered() as seen:
        press(qtbot, demo, Qt.Key.Key_Delete)  # revoke asks first
    assert [(d.kind, d.shows(chosen.id), d.answer) for d in seen] == [("RevokeDialog", True, "Cancel")]
    press(qtbot, demo, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # the database tokens
    assert demo.current_page().kind is TokenKind.DATABASE
    press(qtbot, demo, Qt.Key.Key_F5)  # refresh
    wait_loaded(qtbot, demo)
    assert demo.current_page().proxy.rowCount() > 0


def tab_to(qtbot, window, target: QWidget, presses: int = 20) -> None:
    """Tab on until `target` has the keyboard, as a person would; fails if it never gets there."""
    for _ in range(presses):
        if QApplication.focusWidget() is target:
            return
        qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is target, f"Tab never reached {target.text() or type(target).__name__}"


def confirm_with_keys_when_the_dialog_opens(qtbot, window) -> list[str]:
    """In the modal revoke dialog: Tab to the risk box, Space ticks it, Tab to Revoke Token, Space presses it."""
    walked: list[str] = []

    def act() -> None:
        dialog = window.findChild(RevokeDialog)
        if dialog is None or not dialog.isVisible() or not dialog.isActiveWindow():
            if dialog is not None and dialog.isVisible():
                dialog.activateWindow()  # what the window manager does for a new modal dialog
            QTimer.singleShot(20, act)
            return
        try:
            walked.append(QApplication.focusWidget().text())  # where the keyboard starts: the safe choice
            tab_to(qtbot, dialog, risk_box(dialog))
            qtbot.keyClick(risk_box(dialog), Qt.Key.Key_Space)
            tab_to(qtbot, dialog, revoke_button(dialog))
            walked.append(revoke_button(dialog).text())
            qtbot.keyClick(revoke_button(dialog), Qt.Key.Key_Space)
        except Exception as failure:  # a walk that went wrong must fail the test, not leave it modal
            walked.append(repr(failure))
            dialog.reject()

    QTimer.singleShot(0, act)
    return walked


def test_revoke_its_notice_and_a_failure_banner_work_from_the_keyboard_alone(qtbot, window, sandbox) -> None:
    page = window.current_page()
    tab_to(qtbot, window, page.view)
    press(qtbot, window, Qt.Key.Key_Down)
    if window.connection.service.is_signed_in_with(page.current_token()):
        press(qtbot, window, Qt.Key.Key_Down)  # not the token Token Desk signs in with: that one signs out
    chosen, following = page.current_token(), page.proxy.token_at(page.view.currentIndex().row() + 1)
    walked = confirm_with_keys_when_the_dialog_opens(qtbot, window)
    press(qtbot, window, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: window.notice.text != "", timeout=LOAD_TIMEOUT_MS)
    assert walked == ["Cancel", "Revoke Token"]
    assert window.notice.text.startswith(f"Revoked “{chosen.description}”")
    assert chosen.id not in [token.id for token in shown_tokens(page)]
    window.activateWindow()  # what the window manager does once the modal dialog has gone
    qtbot.waitUntil(window.isActiveWindow)
    assert QApplication.focusWidget() is page.view and page.current_token().id == following.id  # the next row
    assert window.notice.close_button.focusPolicy() == Qt.FocusPolicy.NoFocus  # the notice never takes the keyboard

    press(qtbot, window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # find the token just revoked:
    qtbot.keyClicks(window.search_box, chosen.id)  # only "Show inactive tokens (1 match)" can show it
    tab_to(qtbot, window, page.empty_state.link)
    press(qtbot, window, Qt.Key.Key_Space)
    assert window.toolbar.inactive_box.isChecked() and [token.id for token in shown_tokens(page)] == [chosen.id]
    press(qtbot, window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, window, Qt.Key.Key_Escape)  # clears the search

    press(qtbot, window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # database tokens: over REST
    wait_loaded(qtbot, window)  # the re-read after the revoke, if one runs
    sandbox.faults.fail_next_requests(1, 403, path_ending="/tokens")  # refused outright: no retry hides it
    press(qtbot, window, Qt.Key.Key_F5)
    wait_loaded(qtbot, window)
    assert window.banner.isVisible() and window.banner.button.text() == "Retry"
    tab_to(qtbot, window, window.banner.button)
    assert accessible_name(window.banner.button) == "Retry"
    press(qtbot, window, Qt.Key.Key_Space)
    wait_loaded(qtbot, window)
    assert not window.banner.isVisible() and window.current_page().proxy.rowCount() > 0
