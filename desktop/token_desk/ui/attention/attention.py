"""Needs attention in the window: the toggle with its count beside the search box, Preferences → Policy,
the calm expiry notice after a load, and File → Export Expiry Reminders…"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from token_desk.findings import Policy
from token_desk.models.columns import Column
from token_desk.ui.attention import expiry_notice
from token_desk.ui.attention.policy_settings import read_policy, write_policy
from token_desk.ui.attention.preferences_dialog import PreferencesDialog
from token_desk.ui.attention.reminders import ReminderExport
from token_desk.ui.common.file_prompts import FilePrompts
from token_desk.ui.common.icons import icon

TOGGLE_TEXT = "Needs attention"
TOGGLE_TIP = ("Only the tokens an auditor would flag: never expiring, expiring soon, old, too broad, "
              "or hard to tell apart (Ctrl+Shift+A)")


class Attention(QObject):
    """Built once per window by install_attention(); every part reads the window's public parts only."""

    def __init__(self, window, prompts: FilePrompts | None = None) -> None:
        super().__init__(window)
        self._window = window
        self.policy = read_policy(window.settings)
        window.loader.policy = self.policy
        self.preferences: PreferencesDialog | None = None
        self.reminders = ReminderExport(window, prompts)
        self.toggle = self._action(TOGGLE_TEXT, TOGGLE_TIP, "Ctrl+Shift+A")
        self.toggle.setCheckable(True)
        self.toggle.setIcon(icon("warning"))
        self.preferences_action = self._action("Preferences…", "When a token needs attention: expiry warning "
                                               "and maximum ages")
        self.preferences_action.setShortcuts(QKeySequence.StandardKey.Preferences)
        self.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.export_action = self._action("Export Expiry Reminders…", "Save an iCalendar file with a reminder "
                                          "7 days and 1 day before each token expires")
        self._place()
        self._wire()
        self._set_connected(window.connection is not None)
        self._update_count()

    def _action(self, text: str, tip: str, shortcut: str | None = None) -> QAction:
        action = QAction(text, self._window)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        self._window.addAction(action)  # its shortcut works wherever the focus is
        return action

    # ---- where the parts go ----------------------------------------------------------------------
    def _place(self) -> None:
        window = self._window
        toolbar = window.toolbar
        actions = toolbar.actions()
        search = next(i for i, action in enumerate(actions) if toolbar.widgetForAction(action) is window.search_box)
        after_search = actions[search + 1] if search + 1 < len(actions) else None
        gap = QWidget()
        gap.setFixedWidth(8)
        toolbar.insertWidget(after_search, gap)
        toolbar.insertAction(after_search, self.toggle)  # the toolbar's own button: it drops its text when narrow
        self.toggle_button = toolbar.widgetForAction(self.toggle)
        self.toggle_button.setObjectName("needsAttention")
        menus = window.menus
        menus.view_menu.insertAction(menus.columns_menu.menuAction(), self.toggle)  # after Show inactive tokens
        file_actions = menus.file_menu.actions()
        before_quit = file_actions[file_actions.index(menus.quit) - 1]
        # Beside Export… (before its separator), then Preferences… in a group of its own above Quit.
        menus.file_menu.insertAction(before_quit if before_quit.isSeparator() else menus.quit, self.export_action)
        menus.file_menu.insertAction(menus.quit, self.preferences_action)
        menus.file_menu.insertSeparator(menus.quit)

    def _wire(self) -> None:
        window = self._window
        self.toggle.toggled.connect(self._apply_toggle)
        self.preferences_action.triggered.connect(self.open_preferences)
        self.export_action.triggered.connect(lambda: self.reminders.start())
        for page in window.pages.values():
            page.proxy.counts_changed.connect(self._update_count)
        window.sidebar.currentRowChanged.connect(self._update_count)
        window.loader.loaded.connect(self._after_load)
        if window.connections is not None and hasattr(window.connections, "connection_changed"):
            window.connections.connection_changed.connect(lambda connection: self._set_connected(connection is not None))

    def _set_connected(self, connected: bool) -> None:
        for action in (self.toggle, self.export_action):
            action.setEnabled(connected)

    # ---- the toggle ------------------------------------------------------------------------------
    def _apply_toggle(self, only: bool) -> None:
        for page in self._window.pages.values():
            page.set_attention_only(only)

    def _update_count(self, *_ignored: object) -> None:
        count = self._window.current_page().proxy.counts().needs_attention
        self.toggle.setText(f"{TOGGLE_TEXT} ({count:,})")
        self.toggle_button.setAccessibleName(f"{TOGGLE_TEXT}: {count:,} token{'' if count == 1 else 's'}")

    # ---- policy ----------------------------------------------------------------------------------
    def open_preferences(self) -> PreferencesDialog:
        if self.preferences is None:
            self.preferences = PreferencesDialog(self.policy, self._window)
            self.preferences.policy_changed.connect(self.apply_policy)
        self.preferences.show()
        self.preferences.raise_()
        self.preferences.activateWindow()
        return self.preferences

    def apply_policy(self, policy: Policy) -> None:
        """New numbers: kept, used by the next load, and applied to the tables shown now (no reload)."""
        if policy == self.policy:
            return
        self.policy = policy
        write_policy(self._window.settings, policy)
        self._window.loader.policy = policy
        for page in self._window.pages.values():
            page.set_policy(policy)
        self._update_count()

    # ---- the notice after a load -----------------------------------------------------------------
    def _after_load(self, rows_by_kind: dict) -> None:
        window = self._window
        connection = window.connection
        count = expiry_notice.expiring_count(rows.findings.masks for rows in rows_by_kind.values())
        if connection is None or not count:
            return
        key = expiry_notice.connection_key(connection.kind.value, connection.profile_name or connection.label)
        today = date.today()
        if not expiry_notice.due_today(window.settings, key, today):
            return
        expiry_notice.mark_shown(window.settings, key, today)
        window.notice.show_notice(expiry_notice.notice_text(count, self.policy.expiry_warning_days),
                                  duration_ms=expiry_notice.SHOWN_MS, action=("Show them", self.show_expiring))

    def show_expiring(self) -> None:
        """Needs attention on, the page with expiring tokens shown, the soonest first."""
        window = self._window
        self.toggle.setChecked(True)
        pages = list(window.pages.values())
        current = window.current_page()
        expiring = [page for page in pages if expiry_notice.expiring_count([page.model.row_values.findings.masks])]
        if expiring and current not in expiring:
            window.sidebar.setCurrentRow(pages.index(expiring[0]))
        page = window.current_page()
        page.view.sortByColumn(page.column_index(Column.EXPIRES_AT), Qt.SortOrder.AscendingOrder)
        page.view.setFocus(Qt.FocusReason.OtherFocusReason)
