"""The History window (View → History, Ctrl+H): every change Token Desk attempted, and its outcome."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QLineEdit, QMenu, QPushButton,
                               QVBoxLayout, QWidget)

from token_desk.api.models import utc_now
from token_desk.connection import Connection
from token_desk.export import export_history_csv, export_history_json
from token_desk.history import (
    CheckResult, HistoryEntry, HistoryRead, Journal, Outcome, RecordingService, can_check, check_entry, target_of,
)
from token_desk.models.display import local_time_with_zone
from token_desk.tasks import run_in_background
from token_desk.ui.common.error_text import error_sentence
from token_desk.ui.common.file_prompts import FilePrompts, with_suffix
from token_desk.ui.common.plain_text import plain_label, plain_tooltip
from token_desk.ui.history.history_model import (COLUMNS, OUTCOME_COLUMN, TIME_COLUMN, HistoryColumn, HistoryFilter,
                                                 HistoryTableModel)
from token_desk.ui.tokens import RowTableView

ConnectionSource = Callable[[], Connection | None]
KIND_CHOICES = (("All kinds", None), ("Management tokens", "management"), ("Database tokens", "database"))
OUTCOME_CHOICES = (("All outcomes", None), *((outcome.label, outcome) for outcome in Outcome))
ALL_PROFILES = "All profiles"
EXPORTERS = {"csv": export_history_csv, "json": export_history_json}
HALF_A_YEAR = timedelta(days=182)


def history_columns() -> tuple[HistoryColumn, ...]:
    """The columns, the time's sized for a time with its zone, never elided: this computer's zone names now
    and half a year on (CET and CEST)."""
    now = utc_now()
    samples = (local_time_with_zone(now, seconds=True), local_time_with_zone(now + HALF_A_YEAR, seconds=True))
    time = replace(COLUMNS[TIME_COLUMN], width_sample=max(samples, key=len))
    return tuple(time if column == TIME_COLUMN else spec for column, spec in enumerate(COLUMNS))


class _JournalRelay(QObject):
    """Carries "the journal grew" from the writing thread to the GUI thread."""

    changed = Signal()

    def notify(self) -> None:
        try:
            self.changed.emit()
        except RuntimeError:  # the window is gone
            pass


class HistoryWindow(QWidget):
    """A top-level window over the journal; reads it off the GUI thread whenever it grows."""

    def __init__(self, journal: Journal, connection: ConnectionSource, prompts: FilePrompts | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle("History — Token Desk")
        self.journal = journal
        self._connection = connection
        self._prompts = prompts or FilePrompts()
        self._reading = self._read_again = False
        self._read_once = False  # until the journal is read, no count: "0 entries" would claim an empty history
        self._reported_damage: set = set()
        self.model = HistoryTableModel(self)
        self._build()
        self._relay = _JournalRelay(self)
        self._relay.changed.connect(self.reload)
        journal.add_listener(self._relay.notify)
        self.resize(1100, 520)

    # ---- building -----------------------------------------------------------------------------------
    def _build(self) -> None:
        self.search_box = QLineEdit(placeholderText="Search descriptions, token IDs, messages…")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setAccessibleName("Search history")
        self.outcome_box = self._combo(OUTCOME_CHOICES, "Outcome", "Outcome: show entries with this outcome")
        self.kind_box = self._combo(KIND_CHOICES, "Token kind", "Token kind: show entries for this kind of token")
        self.profile_box = self._combo(((ALL_PROFILES, None),), "Connection",
                                       "Connection: show entries for this profile")
        self.check_button = QPushButton("Check Now")
        self.check_button.setToolTip("Ask the server what became of the selected entry, and record its answer")
        self.csv_button, self.json_button = QPushButton("Export CSV…"), QPushButton("Export JSON…")
        self.view = self._table()
        self.notice = plain_label(wrap=True)
        self.notice.setObjectName("damage")
        self.notice.hide()
        self.status = plain_label(selectable=True)
        self._lay_out()
        self._wire()

    def _combo(self, choices, name: str, description: str) -> QComboBox:
        box = QComboBox()
        box.setAccessibleName(name)  # what macOS and Windows read
        box.setAccessibleDescription(description)  # on Linux Qt names a combo box by its current choice alone
        for text, value in choices:
            box.addItem(text, value)
        return box

    def _table(self) -> RowTableView:
        view = RowTableView()  # rows, focus, headers and column widths as in the token tables
        view.setAccessibleName("History entries")
        view.setModel(self.model)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setSortingEnabled(True)
        view.horizontalHeader().setSortIndicator(TIME_COLUMN, Qt.SortOrder.DescendingOrder)
        view.install_columns(history_columns())
        for section, column in enumerate(COLUMNS):
            view.setColumnHidden(section, not column.shown_by_default)
        view.apply_default_widths()
        header = view.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(
            lambda position: self.column_menu().popup(header.mapToGlobal(position)))
        return view

    def column_menu(self) -> QMenu:
        """The header's menu: one checkable entry per column (Time and Outcome always shown)."""
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # one per right-click: gone once closed
        for section, column in enumerate(COLUMNS):
            action = menu.addAction(column.title)
            action.setCheckable(True)
            action.setChecked(not self.view.isColumnHidden(section))
            action.setEnabled(section not in (TIME_COLUMN, OUTCOME_COLUMN))
            action.toggled.connect(lambda shown, section=section: self.view.setColumnHidden(section, not shown))
        return menu

    def _lay_out(self) -> None:
        filters = QHBoxLayout()
        filters.addWidget(self.search_box, 1)
        for widget in (self.outcome_box, self.kind_box, self.profile_box):
            filters.addWidget(widget)
        actions = QHBoxLayout()
        actions.addWidget(self.status, 1)
        for widget in (self.check_button, self.csv_button, self.json_button):
            actions.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.notice)
        layout.addWidget(self.view, 1)
        layout.addLayout(actions)

    def _wire(self) -> None:
        self.search_box.textChanged.connect(self._apply_filter)
        for box in (self.outcome_box, self.kind_box, self.profile_box):
            box.currentIndexChanged.connect(self._apply_filter)
        self.view.selectionModel().selectionChanged.connect(self.update_check)
        self.model.modelReset.connect(self.update_check)
        self.check_button.clicked.connect(self.check_selected)
        self.csv_button.clicked.connect(lambda: self.export("csv"))
        self.json_button.clicked.connect(lambda: self.export("json"))
        find = QShortcut(QKeySequence.StandardKey.Find, self)
        find.activated.connect(lambda: (self.search_box.setFocus(), self.search_box.selectAll()))

    # ---- reading ------------------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:  # Qt override
        super().showEvent(event)
        self.reload()

    def reload(self) -> None:
        """Read the journal again off the GUI thread (one read at a time; a change meanwhile reads again)."""
        if self._reading:
            self._read_again = True
            return
        self._reading = True
        if not self._read_once:
            self.status.setText("Reading the history…")
        run_in_background(self.journal.read, context=self, on_result=self._loaded, on_error=self._load_failed)

    def _loaded(self, read: HistoryRead) -> None:
        self._reading = False
        self._read_once = True
        selected = self.selected_entry()
        self.model.set_entries(read.entries)
        self._refill_profiles()
        self._show_damage(read)
        self._update_counts()
        if selected is not None:
            self._select_id(selected.id)
        if self._read_again:
            self._read_again = False
            self.reload()

    def _load_failed(self, error: BaseException) -> None:
        self._reading = False
        self.status.setText(error_sentence(error, "Reading the action history", "reopen the History window"))

    def _show_damage(self, read: HistoryRead) -> None:
        """Damage is reported once: the notice appears for damage not seen before in this window."""
        new = set(read.damage) - self._reported_damage
        self._reported_damage |= set(read.damage)
        if new:
            self.notice.setText(read.damage_text)
            self.notice.show()
        elif not read.damage:
            self.notice.hide()

    def _refill_profiles(self) -> None:
        current = self.profile_box.currentData()
        self.profile_box.blockSignals(True)
        self.profile_box.clear()
        self.profile_box.addItem(ALL_PROFILES, None)
        for name in self.model.profiles():
            self.profile_box.addItem(name, name)
        found = self.profile_box.findData(current)
        self.profile_box.setCurrentIndex(max(found, 0))
        self.profile_box.blockSignals(False)
        self._apply_filter()

    # ---- filters and selection ----------------------------------------------------------------------
    def _apply_filter(self, *_args: object) -> None:
        self.model.set_filter(HistoryFilter(self.outcome_box.currentData(), self.kind_box.currentData(),
                                            self.profile_box.currentData(), self.search_box.text()))
        self._update_counts()
        self.update_check()

    def _update_counts(self) -> None:
        if not self._read_once:
            return  # "Reading the history…", or why it could not be read, stays
        shown, total = self.model.rowCount(), self.model.total
        entries = "entry" if total == 1 else "entries"
        self.status.setText(f"{total} {entries}" + ("" if shown == total else f" · {shown} shown"))

    def selected_entry(self) -> HistoryEntry | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.entry_at(rows[0].row()) if rows else None

    def _select_id(self, entry_id: str) -> None:
        for row in range(self.model.rowCount()):
            if self.model.entry_at(row).id == entry_id:
                self.view.selectRow(row)
                return

    def update_check(self, *_args: object) -> None:
        """Check Now: for one selected `unknown` entry of the cluster Token Desk is connected to."""
        entry = self.selected_entry()
        enabled, why = _check_state(entry, self._connection())
        self.check_button.setEnabled(enabled)
        self.check_button.setToolTip(plain_tooltip(why))

    # ---- check now ----------------------------------------------------------------------------------
    def check_selected(self) -> None:
        entry, connection = self.selected_entry(), self._connection()
        if not _check_state(entry, connection)[0]:
            return
        self.check_button.setEnabled(False)
        self.status.setText("Asking the server…")
        service = connection.service
        if isinstance(service, RecordingService):
            job, args = service.check, (entry,)
        else:
            job, args = check_entry, (service, self.journal, entry)
        run_in_background(job, *args, context=self, on_result=self._checked, on_error=self._check_failed)

    def _checked(self, result: CheckResult) -> None:
        self.status.setText(f"{result.outcome.label}: {result.message[:1].upper()}{result.message[1:]}")

    def _check_failed(self, error: BaseException) -> None:
        self.status.setText(f"Could not check: {error_sentence(error, 'Checking the token', 'try Check Now again')}")
        self.update_check()

    # ---- export -------------------------------------------------------------------------------------
    def export(self, file_format: str) -> None:
        """Save the entries shown (filters and sort applied) as CSV or JSON."""
        suggested = Path.home() / f"token-desk-history-{date.today():%Y-%m-%d}.{file_format}"
        chosen = self._prompts.choose_save_path(self, "Export History", suggested, file_format)
        if chosen is None:
            return
        path = with_suffix(chosen, file_format)
        if path.exists() and not self._prompts.confirm_overwrite(self, path):
            return
        entries = self.model.shown_entries()
        run_in_background(EXPORTERS[file_format], path, entries, context=self,
                          on_result=lambda count: self.status.setText(f"Exported {count} entries to {path}."),
                          on_error=lambda error: self.status.setText(
                              f"Could not export to {path}: {error_sentence(error, 'Exporting the history')}"))


def _check_state(entry: HistoryEntry | None, connection: Connection | None) -> tuple[bool, str]:
    if entry is None or not can_check(entry):
        return False, "Select an entry whose outcome is Unknown to ask the server what became of it."
    if connection is None or connection.is_demo:
        return False, "Connect to the entry's cluster to check it."
    here, there = target_of(connection), entry.target
    if (here.host, here.account_id, here.cluster_id) != (there.host, there.account_id, there.cluster_id):
        name = there.profile or there.host
        return False, f"Connect to {name} (the entry's cluster) to check it."
    return True, "Ask the server what became of this change, and record its answer."
