"""The menu bar: the toolbar's and context menu's own actions, page switching, Connections and About."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from tests.ui.conftest import shown_tokens
from token_desk.api.models import TokenKind
from token_desk.ui.shell.about_dialog import AboutDialog
from token_desk.ui.shell.command_list import history_shortcut
from token_desk.ui.connections.connections_dialog import ConnectionsDialog


def menus(window) -> dict[str, QMenu]:
    return {action.text().replace("&", ""): action.menu() for action in window.menuBar().actions()}


def entries(menu: QMenu) -> list[QAction]:
    return [action for action in menu.actions() if not action.isSeparator()]


def test_the_menu_bar_has_file_view_token_and_help_in_that_order(window) -> None:
    assert list(menus(window)) == ["File", "View", "Token", "Help"]


def test_menus_hold_the_same_actions_as_the_toolbar_and_context_menu(window) -> None:
    commands = window.commands
    found = menus(window)
    assert entries(found["Token"]) == [commands[key] for key in (
        "new-management-token", "new-database-token", "details", "copy-id", "copy-description", "edit", "rotate",
        "revoke")]
    view = entries(found["View"])
    assert view[:3] == [commands["refresh"], commands["find"], commands["show-inactive"]]
    assert view[3].text().startswith("Needs attention") and view[3] in window.toolbar.actions()
    assert commands["refresh"] in window.toolbar.actions() and commands["revoke"] in window.toolbar.actions()


def test_menu_texts_and_shortcuts_read_as_a_user_expects(window) -> None:
    found = menus(window)
    file_entries = [(a.text(), a.shortcut().toString()) for a in entries(found["File"])]
    assert [text for text, _key in file_entries] == ["Connections…", "Export…", "Export Expiry Reminders…",
                                                     "Preferences…", "Quit"]
    assert file_entries[1] == ("Export…", "Ctrl+E") and file_entries[-1] == ("Quit", "Ctrl+Q")
    pages = [(a.text(), a.shortcut().toString()) for a in entries(found["View"])[5:]]
    assert entries(found["View"])[3].shortcut().toString() == "Ctrl+Shift+A"  # Needs attention
    assert entries(found["View"])[4].text() == "&Columns"  # Alt+V, C: the header's column menu, by keyboard
    assert pages == [("Management Tokens", "Ctrl+1"), ("Database Tokens", "Ctrl+2"), ("Clusters", "Ctrl+3"),
                     ("History", "Ctrl+H")]
    assert "F5" in [key.toString() for key in window.commands["refresh"].shortcuts()]
    assert [a.text() for a in entries(found["Help"])] == ["Keyboard Shortcuts", "Documentation", "About Token Desk"]


def test_token_menu_entries_follow_the_selection_rule(qtbot, window) -> None:
    revoke = entries(menus(window)["Token"])[-1]
    window.current_page().view.clearSelection()
    assert not revoke.isEnabled()
    window.current_page().select_row(0)
    assert revoke.isEnabled() and entries(menus(window)["Token"])[3].isEnabled()


def test_ctrl_2_and_ctrl_1_switch_pages_and_the_view_menu_shows_which(qtbot, window) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page().kind is TokenKind.DATABASE
    assert window.commands["page-database"].isChecked() and not window.commands["page-management"].isChecked()
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page().kind is TokenKind.MANAGEMENT
    window.sidebar.setCurrentRow(1)  # clicking the sidebar moves the menu's check too
    assert window.commands["page-database"].isChecked()


def test_show_inactive_from_the_view_menu_lists_inactive_tokens(window) -> None:
    before = len(shown_tokens(window.current_page()))
    window.commands["show-inactive"].trigger()
    assert window.toolbar.inactive_box.isChecked()
    assert len(shown_tokens(window.current_page())) > before


def test_help_about_shows_the_connections_base_url(window, sandbox, monkeypatch) -> None:
    calls: list[tuple[object, str]] = []
    monkeypatch.setattr(AboutDialog, "show_for", classmethod(lambda cls, parent, url: calls.append((parent, url))))
    entries(menus(window)["Help"])[-1].trigger()
    assert calls == [(window, sandbox.url)]


def test_about_without_a_connection_says_not_connected(qtbot, bare_window, monkeypatch) -> None:
    shown: list[AboutDialog] = []
    monkeypatch.setattr(AboutDialog, "exec", lambda dialog: shown.append(dialog))
    entries(menus(bare_window)["Help"])[-1].trigger()
    assert "API base URL: Not connected" in shown[0].details_text()


def test_file_connections_opens_the_connections_dialog(qtbot, window) -> None:
    entries(menus(window)["File"])[0].trigger()
    dialog = window.findChild(ConnectionsDialog)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    dialog.reject()


def test_file_connections_asks_the_windows_connection_controller(bare_window) -> None:
    bare_window.commands["connections"].trigger()
    assert bare_window.connections.managed == 1


def test_quit_closes_the_window_and_saves_its_layout(qtbot, window) -> None:
    window.sidebar.setCurrentRow(1)
    window.commands["quit"].trigger()
    assert not window.isVisible()
    assert int(window.settings.value("window/page")) == 1


@pytest.mark.parametrize(("platform", "key"), [("linux", "Ctrl+H"), ("win32", "Ctrl+H"), ("darwin", "Ctrl+Y")])
def test_history_never_takes_the_macs_hide_shortcut(platform, key) -> None:
    # Qt reads Ctrl as Cmd on a Mac, where Cmd+H hides the app: History is Cmd+Y there, as in Safari.
    assert history_shortcut(platform) == key
