"""The command registry: one entry makes a command appear in menus, toolbar, row menu and shortcut, with its
enabled rule obeyed and its reason shown; Help's shortcuts list, documentation link and the platform roles."""

from __future__ import annotations

from PySide6.QtCore import QUrl, Qt
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QDialog, QLabel, QTableView

from token_desk.api.models import TokenKind
from tests.ui.conftest import NoConnections, RecordingRevoker, wait_loaded
from token_desk.ui.shell.command_list import DOCUMENTATION_URL, window_commands
from token_desk.ui.shell.command_registry import Command, WindowState, enabled_states
from token_desk.ui.shell.shortcuts_dialog import ShortcutsDialog
from token_desk.ui.shell.window_builder import build_window

PIN_REASON = "Select exactly two tokens to compare them"


def pin_rule(state: WindowState) -> str | None:
    return None if len(state.selection) == 2 else PIN_REASON


def menu_named(window, title: str):
    return next(action.menu() for action in window.menuBar().actions() if action.text().replace("&", "") == title)


def with_compare(ran: list) -> list[Command]:
    compare = Command("compare", "Compare…", lambda host, _checked: ran.append(host.current_page().selected_tokens()),
                      tip="Compare two tokens side by side", shortcuts=("Ctrl+Shift+K",), enabled=pin_rule,
                      menu="Token", section=2, toolbar=True, row_menu=True, rows=True)
    return [*window_commands(), compare]


def test_a_new_command_is_one_entry_and_shows_everywhere_with_its_rule(qtbot, sandbox, isolated_settings) -> None:
    from token_desk.api.connect import management_token_service
    from token_desk.connection import Connection, ConnectionKind

    ran: list = []
    window = build_window(NoConnections, RecordingRevoker(), isolated_settings, None,
                          with_compare(ran))
    qtbot.addWidget(window)
    service = management_token_service(sandbox.url, sandbox.account_id, sandbox.cluster_id,
                                       sandbox.management_token, None)
    window.set_connection(Connection("sandbox", service, ConnectionKind.ONE_OFF))
    window.show()
    wait_loaded(qtbot, window)
    window.show_page(TokenKind.DATABASE)  # REST only: no influxctl needed
    compare = next(a for a in menu_named(window, "Token").actions() if a.text() == "Compare…")
    assert compare in window.toolbar.actions()
    assert compare.shortcut().toString() == "Ctrl+Shift+K"
    page = window.current_page()

    page.select_row(0)
    assert not compare.isEnabled() and compare.toolTip() == PIN_REASON
    window.rows.open_row_menu(page, 0, page.view.mapToGlobal(page.view.rect().center()))
    assert compare in window.context_menu.actions()
    window.rows.close_menu()

    page.select_ids([page.proxy.token_at(0).id, page.proxy.token_at(1).id])
    assert compare.isEnabled() and compare.toolTip() == "Compare two tokens side by side"
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    page.view.setFocus()
    qtbot.waitUntil(page.view.hasFocus)
    qtbot.keyClick(page.view, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert len(ran) == 1 and len(ran[0]) == 2


def test_every_command_has_one_key_and_a_rule_that_gives_a_reason_when_it_says_no() -> None:
    commands = window_commands()
    assert len({command.key for command in commands}) == len(commands)
    welcome = enabled_states(commands, WindowState())
    assert all(reason is None or (isinstance(reason, str) and reason) for reason in welcome.values())
    assert welcome["refresh"] == "Open a connection first" and welcome["connections"] is None


def test_disabled_commands_say_why_in_their_tooltip(qtbot, open_window) -> None:
    window = open_window()
    window.current_page().view.clearSelection()
    revoke = window.commands["revoke"]
    assert not revoke.isEnabled() and revoke.toolTip() == "Select the tokens to revoke first"
    assert window.commands["edit"].toolTip() == "Select one database token to edit"
    window.current_page().select_row(0)
    assert revoke.isEnabled() and revoke.toolTip() == "Revoke the selected tokens (asks first)"
    assert menu_named(window, "Token").toolTipsVisible() and menu_named(window, "View").toolTipsVisible()


def test_the_demo_says_why_it_has_no_history(qtbot, isolated_settings) -> None:
    window = build_window(NoConnections, RecordingRevoker(), isolated_settings, None)
    qtbot.addWidget(window)
    history = next(a for a in menu_named(window, "View").actions() if a.text() == "History")
    assert not history.isEnabled()
    assert history.toolTip() == "The demo keeps no history: nothing it does is recorded"


def test_keyboard_shortcuts_lists_every_shortcut_of_the_registry(qtbot, bare_window, monkeypatch) -> None:
    shown: list[ShortcutsDialog] = []
    monkeypatch.setattr(ShortcutsDialog, "exec", lambda dialog: shown.append(dialog) or QDialog.DialogCode.Rejected)
    next(a for a in menu_named(bare_window, "Help").actions() if a.text() == "Keyboard Shortcuts").trigger()
    model = shown[0].findChild(QTableView).model()
    rows = {model.index(row, 0).data(): model.index(row, 1).data() for row in range(model.rowCount())}
    native = QKeySequence.SequenceFormat.NativeText
    assert rows["Refresh"].startswith(QKeySequence(QKeySequence.StandardKey.Refresh).toString(native) or "F5")
    assert rows["Export"] == QKeySequence("Ctrl+E").toString(native)
    assert rows["New Management Token"].endswith("(on the management tokens page)")
    # Only keys every keyboard has: Linux binds Refresh, Find and New to dedicated keys too, and "F5, Refresh"
    # read as if the word were a shortcut.
    assert "Refresh" not in rows["Refresh"] and "Find" not in rows["Find"]
    assert not rows["New Management Token"].startswith("New") and ", New" not in rows["New Management Token"]
    assert "Connections" not in rows  # no shortcut, not listed
    with_shortcut = [c for c in window_commands() if c.shortcuts]
    assert len(rows) == len(with_shortcut)


def shown_shortcuts(qtbot, window) -> QTableView:
    """The Keyboard Shortcuts window's table, shown as Help → Keyboard Shortcuts shows it."""
    dialog = ShortcutsDialog(window, window.commands.commands)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog.findChild(QTableView)


def test_keyboard_shortcuts_shows_every_command_whole_on_one_line_left_under_its_header(qtbot, bare_window) -> None:
    """"New Management Token" wrapped in a narrow column and lost its second line; headers were centred."""
    table = shown_shortcuts(qtbot, bare_window)
    header, model, metrics = table.horizontalHeader(), table.model(), table.fontMetrics()
    assert not table.wordWrap() and header.defaultAlignment() & Qt.AlignmentFlag.AlignLeft
    for row in range(model.rowCount()):
        for column in range(2):
            text = model.index(row, column).data()
            assert metrics.horizontalAdvance(text) + 6 <= header.sectionSize(column), text
    assert header.length() <= table.viewport().width() and not table.horizontalScrollBar().isVisible()


def test_help_documentation_opens_the_readmes_online_home(bare_window, monkeypatch) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    next(a for a in menu_named(bare_window, "Help").actions() if a.text() == "Documentation").trigger()
    assert [url.toString() for url in opened] == [DOCUMENTATION_URL]
    assert DOCUMENTATION_URL.startswith("https://")


def test_about_and_quit_carry_the_macos_menu_roles_and_quit_the_platform_key(bare_window) -> None:
    commands = bare_window.commands
    assert commands["about"].menuRole() is QAction.MenuRole.AboutRole
    assert commands["quit"].menuRole() is QAction.MenuRole.QuitRole
    quit_keys = commands["quit"].shortcuts()
    assert all(key in quit_keys for key in QKeySequence.keyBindings(QKeySequence.StandardKey.Quit))
    assert QKeySequence("Ctrl+Q") in quit_keys
    # No other command may be moved into the application menu by Qt's guess from its text.
    others = ("connections", "export", "refresh", "history", "shortcuts", "documentation")
    assert all(commands[key].menuRole() is QAction.MenuRole.NoRole for key in others)


def test_about_says_what_the_app_does(qtbot, bare_window, monkeypatch) -> None:
    from token_desk.ui.shell.about_dialog import AboutDialog

    shown: list[AboutDialog] = []
    monkeypatch.setattr(AboutDialog, "exec", lambda dialog: shown.append(dialog))
    next(a for a in menu_named(bare_window, "Help").actions() if a.text() == "About Token Desk").trigger()
    texts = [label.text() for label in shown[0].findChildren(QLabel)]
    assert any(all(word in text for word in ("See", "audit", "create", "rotate", "revoke")) for text in texts)


def test_the_readmes_about_picture_shows_the_about_dialog_with_the_connections_address(qtbot, window) -> None:
    """`screenshot --dialog about` (README's about.png) opens the dialog Help ▸ About opens, for the same URL."""
    from token_desk.devtools.screenshot import open_dialog

    dialog = open_dialog(window, "about")
    try:
        texts = [label.text() for label in dialog.findChildren(QLabel)]
        assert dialog.windowTitle() == "About Token Desk"
        assert any(window.connection.service.base_url in text for text in texts)
    finally:
        dialog.close()


def test_the_view_menus_pages_are_radio_items_one_checked(bare_window) -> None:
    """The page shown is one of three: drawn as check boxes they looked as if two could be shown at once."""
    from PySide6.QtWidgets import QStyleOptionMenuItem

    view = menu_named(bare_window, "View")
    names = ("Management Tokens", "Database Tokens", "Clusters")
    pages = [action for action in view.actions() if action.text() in names]
    assert len(pages) == 3
    kinds = set()
    for action in pages:
        option = QStyleOptionMenuItem()
        view.initStyleOption(option, action)
        kinds.add(option.checkType)
    assert kinds == {QStyleOptionMenuItem.CheckType.Exclusive}
    assert [action.isChecked() for action in pages] == [True, False, False]
    show_inactive = next(action for action in view.actions() if action.text() == "Show inactive tokens")
    option = QStyleOptionMenuItem()
    view.initStyleOption(option, show_inactive)
    assert option.checkType == QStyleOptionMenuItem.CheckType.NonExclusive  # a real on/off stays a check box


def test_keyboard_shortcuts_shows_every_row_at_once_with_air_between_command_and_keys(qtbot, bare_window) -> None:
    """A scroll bar hid the last rows of a short list, and "New Management Token" ran into "Ctrl+N"."""
    table = shown_shortcuts(qtbot, bare_window)
    assert not table.verticalScrollBar().isVisible()
    model, metrics = table.model(), table.fontMetrics()
    longest = max(metrics.horizontalAdvance(model.index(row, 0).data()) for row in range(model.rowCount()))
    assert table.horizontalHeader().sectionSize(0) >= longest + 16
