"""Every control a keyboard can reach has a name a screen reader can say, in the main window and every dialog,
and the whole window works from the keyboard alone."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QGuiApplication
from PySide6.QtWidgets import QWidget

from tests.ui.conftest import DecliningPrompts, RecordingRevoker, wait_loaded
from token_desk.api.models import TokenKind
from token_desk.app import create_window
from token_desk.ui.revoke.revoke_dialog import RevokeDialog
from token_desk.ui.shell.about_dialog import AboutDialog
from token_desk.ui.tokens import TokenDetailsDialog


def accessible_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface is not None else ""


def unnamed_controls(root: QWidget) -> list[str]:
    """Every shown widget a keyboard can reach, walked through the accessibility tree's objects."""
    offenders = []
    for widget in [root, *root.findChildren(QWidget)]:
        reachable = widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisibleTo(root)
        if reachable and widget.isEnabled() and not accessible_name(widget):
            offenders.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return offenders


@pytest.fixture
def demo(qtbot):
    revoker = RecordingRevoker()
    window = create_window(["--demo"], prompts=DecliningPrompts(), revoker=revoker)
    qtbot.addWidget(window)
    window.show()
    wait_loaded(qtbot, window)
    window.revoker_used = revoker
    return window


def test_every_control_of_the_main_window_has_a_name(demo) -> None:
    for row in range(demo.sidebar.count()):
        demo.sidebar.setCurrentRow(row)
        assert unnamed_controls(demo) == []


def test_the_welcome_page_names_every_control(qtbot, config_dir) -> None:
    window = create_window([], prompts=DecliningPrompts())
    qtbot.addWidget(window)
    window.show()
    assert window.central_stack.currentWidget() is window.welcome
    assert unnamed_controls(window) == []


def dialogs(window):
    page = window.current_page()
    tokens = [page.proxy.token_at(row) for row in range(3)]
    client = window.connection.client
    yield "revoke one", RevokeDialog(window, tokens[:1], client)
    yield "revoke several", RevokeDialog(window, tokens, client)
    yield "details", TokenDetailsDialog(tokens[0], window)
    yield "about", AboutDialog(window, "https://console.influxdata.com/api/v0")
    yield "connections", window.connections.manage_connections()


def test_every_dialog_names_every_control(qtbot, demo) -> None:
    for name, dialog in dialogs(demo):
        qtbot.addWidget(dialog)
        dialog.show()
        assert unnamed_controls(dialog) == [], name
        dialog.close()


def press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key press delivered to whatever has the window's keyboard focus, as a person's keyboard would."""
    qtbot.keyClick(window.focusWidget() or window, key, modifier)


def test_the_window_works_from_the_keyboard_alone(qtbot, demo) -> None:
    page = demo.current_page()
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
    press(qtbot, demo, Qt.Key.Key_Menu)  # the row's menu
    menu = demo.context_menu
    assert menu is not None and menu.isVisible() and menu.actions()[-1] is demo.token_actions.revoke
    menu.close()
    press(qtbot, demo, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)  # copy the ID
    assert QGuiApplication.clipboard().text() == page.current_token().id
    chosen = page.current_token()
    press(qtbot, demo, Qt.Key.Key_Delete)  # revoke asks first
    assert demo.revoker_used.asked == [[chosen]]
    press(qtbot, demo, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # the database tokens
    assert demo.current_page().kind is TokenKind.DATABASE
    press(qtbot, demo, Qt.Key.Key_F5)  # refresh
    wait_loaded(qtbot, demo)
    assert demo.current_page().proxy.rowCount() > 0
