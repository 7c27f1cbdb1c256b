"""The History window's table: every entry, filtered and sorted in Python (keys computed once)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from token_desk.history import HistoryEntry, Outcome
from token_desk.models.display import local_time_with_zone, text_or_empty, utc_time, visible_text
from token_desk.ui.common.palette import colours
from token_desk.ui.common.plain_text import plain_tooltip

_Index = QModelIndex | QPersistentModelIndex
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
ONE_OFF = "(one-off)"
KIND_LABELS = {"management": "Management", "database": "Database"}


def local_seconds(entry: HistoryEntry) -> str:
    return local_time_with_zone(entry.time, seconds=True)  # to the second: the order of actions matters


def profile_label(entry: HistoryEntry) -> str:
    return entry.target.profile or ONE_OFF


@dataclass(frozen=True)
class HistoryColumn:
    title: str
    text: Callable[[HistoryEntry], str]
    sort_key: Callable[[HistoryEntry], Any] | None = None  # None: the text, casefolded


COLUMNS = (
    HistoryColumn("Time", local_seconds, lambda entry: entry.time),
    HistoryColumn("Outcome", lambda entry: entry.outcome.label),
    HistoryColumn("Action", lambda entry: entry.action.label),
    HistoryColumn("Kind", lambda entry: KIND_LABELS.get(entry.kind, entry.kind)),
    HistoryColumn("Description", lambda entry: text_or_empty(entry.description)),  # "—" as the token tables
    HistoryColumn("Message", lambda entry: entry.message or _NO_MESSAGE.get(entry.outcome, "")),
    HistoryColumn("Token ID", lambda entry: entry.token_id),
    HistoryColumn("Profile", profile_label),
    HistoryColumn("Server", lambda entry: entry.target.host),
    HistoryColumn("Account ID", lambda entry: entry.target.account_id),
    HistoryColumn("Cluster ID", lambda entry: entry.target.cluster_id),
)
_NO_MESSAGE = {Outcome.UNKNOWN: "No answer yet: it may or may not have happened. Select it and use Check Now."}
TIME_COLUMN = 0
OUTCOME_COLUMN = 1
# Outcome words in the palette's AA-checked colours: confirmed reads as success, failed as an error,
# unknown like a token about to expire (look at it).
OUTCOME_COLOURS = {Outcome.CONFIRMED: "success_text", Outcome.FAILED: "error_text", Outcome.UNKNOWN: "expires_soon"}


@dataclass(frozen=True)
class HistoryFilter:
    outcome: Outcome | None = None
    kind: str | None = None
    profile: str | None = None  # as shown: ONE_OFF for one-off connections
    text: str = ""

    def accepts(self, entry: HistoryEntry, search_text: str) -> bool:
        return ((self.outcome is None or entry.outcome is self.outcome)
                and (self.kind is None or entry.kind == self.kind)
                and (self.profile is None or profile_label(entry) == self.profile)
                and self.text.casefold() in search_text)


class HistoryTableModel(QAbstractTableModel):
    """Entries newest first by default; `sort` and `set_filter` reorder the Python list behind the rows."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._all: list[HistoryEntry] = []
        self._search: dict[str, str] = {}
        self._shown: list[HistoryEntry] = []
        self._filter = HistoryFilter()
        self._sort = (TIME_COLUMN, Qt.SortOrder.DescendingOrder)

    # ---- content ------------------------------------------------------------------------------------
    def set_entries(self, entries: Sequence[HistoryEntry]) -> None:
        self.beginResetModel()
        self._all = list(entries)
        self._search = {entry.id: _search_text(entry) for entry in self._all}
        self._shown = self._ordered(self._filtered())
        self.endResetModel()

    def set_filter(self, history_filter: HistoryFilter) -> None:
        if history_filter == self._filter:
            return
        self._filter = history_filter
        self._relayout(lambda: self._ordered(self._filtered()))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:  # Qt override
        self._sort = (column, order)
        self._relayout(lambda: self._ordered(self._shown))

    def _relayout(self, compute: Callable[[], list[HistoryEntry]]) -> None:
        self.layoutAboutToBeChanged.emit()
        self._shown = compute()
        self.layoutChanged.emit()

    def _filtered(self) -> list[HistoryEntry]:
        accepts, search = self._filter.accepts, self._search
        return [entry for entry in self._all if accepts(entry, search[entry.id])]

    def _ordered(self, entries: list[HistoryEntry]) -> list[HistoryEntry]:
        column, order = self._sort
        spec = COLUMNS[column]
        key = spec.sort_key or (lambda entry: spec.text(entry).casefold())
        # Ties stay newest first whichever way the column sorts (Python's sort is stable, also reversed).
        by_time = sorted(entries, key=lambda entry: entry.time, reverse=True)
        return sorted(by_time, key=key, reverse=order == Qt.SortOrder.DescendingOrder)

    def entry_at(self, row: int) -> HistoryEntry:
        return self._shown[row]

    def shown_entries(self) -> list[HistoryEntry]:
        return list(self._shown)

    def profiles(self) -> list[str]:
        return sorted({profile_label(entry) for entry in self._all}, key=str.casefold)

    @property
    def total(self) -> int:
        return len(self._all)

    # ---- Qt overrides -------------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self._shown[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return visible_text(COLUMNS[index.column()].text(entry))  # read from a file
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(entry, index.column())
        if role == ENTRY_ROLE:
            return entry
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == OUTCOME_COLUMN:
            return QColor(getattr(colours(), OUTCOME_COLOURS[entry.outcome]))
        return None

    def _tooltip(self, entry: HistoryEntry, column: int) -> str:
        if column == TIME_COLUMN:
            return utc_time(entry.time)  # the exact value, as the journal and the export keep it
        if column == OUTCOME_COLUMN:
            return _outcome_tooltip(entry)
        return plain_tooltip(visible_text(COLUMNS[column].text(entry), line_breaks=True))

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section].title
        return None


def _search_text(entry: HistoryEntry) -> str:
    return "\n".join(column.text(entry) for column in COLUMNS[1:]).casefold()


def _outcome_tooltip(entry: HistoryEntry) -> str:
    if entry.outcome is Outcome.UNKNOWN:
        return plain_tooltip("No answer was received: the change may or may not have been made. "
                             "Select it and use Check Now.")
    how = "checked later" if entry.checked else "the server's answer"
    when = f" at {local_time_with_zone(entry.answered_at, seconds=True)}" if entry.answered_at else ""
    return plain_tooltip(f"{entry.outcome.label}: {how}{when}.")
