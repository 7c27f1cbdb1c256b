"""Needs attention in the window: the toggle with its count beside the search box, Preferences → Policy,
the calm expiry notice after a load, and File → Export Expiry Reminders…"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction

from token_desk.findings import Policy
from token_desk.models.columns import Column
from token_desk.ui.attention import expiry_notice
from token_desk.ui.attention.policy_settings import read_policy, write_policy
from token_desk.ui.common.short_text import set_short_text

if TYPE_CHECKING:  # each made, and its module imported, at its first use: the first paint needs neither
    from token_desk.ui.attention.preferences_dialog import PreferencesDialog
    from token_desk.ui.attention.reminders import ReminderExport
    from token_desk.ui.common.file_prompts import FilePrompts


class Attention(QObject):
    """Needs attention's behaviour, made by the window as one of its parts; the registry's commands run it
    (View → Needs attention, File → Preferences…, File → Export Expiry Reminders…)."""

    def __init__(self, window, toggle: QAction, prompts: FilePrompts | None = None) -> None:
        super().__init__(window)
        self._window = window
        self.toggle = toggle  # the registry's checkable command; its text carries the count
        self._toggle_text = toggle.text()
        self.policy = read_policy(window.settings)
        window.loader.policy = self.policy
        self.preferences: PreferencesDialog | None = None  # made on first use
        self._prompts = prompts
        self._reminders: ReminderExport | None = None
        for page in window.pages.values():
            page.proxy.counts_changed.connect(self._update_count)
            page.listing_changed.connect(self._update_count)
        window.sidebar.currentRowChanged.connect(self._update_count)
        window.loader.loaded.connect(self._after_load)
        self._update_count()

    @property
    def reminders(self) -> ReminderExport:
        """File → Export Expiry Reminders…, made on first use."""
        if self._reminders is None:
            from token_desk.ui.attention.reminders import ReminderExport

            self._reminders = ReminderExport(self._window, self._prompts)
        return self._reminders

    def export_reminders(self) -> bool:
        return self.reminders.start()

    # ---- the toggle ------------------------------------------------------------------------------
    def set_only(self, only: bool) -> None:
        """Show only the tokens with findings (True) or every token the other filters let through."""
        for page in self._window.pages.values():
            page.set_attention_only(only)

    def _update_count(self, *_ignored: object) -> None:
        page = self._window.current_page()
        count = page.proxy.counts().needs_attention
        # On the welcome page "(0)" would count no account; on a page without a list, tokens never listed.
        counted = self._window.connection is not None and page.listed
        set_short_text(self.toggle, f"{count:,}" if counted else "")  # a narrow toolbar still shows the count
        self.toggle.setText(f"{self._toggle_text} ({count:,})" if counted else self._toggle_text)
        button = self._window.toolbar.widgetForAction(self.toggle)
        if button is not None:
            button.setAccessibleName(f"{self._toggle_text}: {count:,} token{'' if count == 1 else 's'}"
                                     if counted else self._toggle_text)

    # ---- policy ----------------------------------------------------------------------------------
    def open_preferences(self) -> PreferencesDialog:
        from token_desk.ui.attention.preferences_dialog import PreferencesDialog  # at first use

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
