"""The History window's table: every entry, filtered and sorted in Python (keys computed once)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from token_desk.history import Action, HistoryEntry, Outcome
from token_desk.models.columns import DESCRIPTION, Width
from token_desk.models.display import local_time_with_zone, short_id, text_or_empty, utc_time, visible_text
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
    """One column; its width and what it loses when narrow follow the token tables' rule (models/columns.py)."""

    title: str
    text: Callable[[HistoryEntry], str]
    sort_key: Callable[[HistoryEntry], Any] | None = None  # None: the text, casefolded
    width: Width = Width.FIT
    width_sample: str = ""
    icon_room: int = 0
    shown_by_default: bool = True  # else shown from the header's menu (the Profile cell's tooltip has it too)


ID_SAMPLE = short_id("00000000-0000-0000-0000-000000000000")
# Description and Message share what is left; IDs show their start as in the token tables (whole in the
# tooltip); the words of a few letters and the time are never cut (the window sets the time's sample). The
# account and cluster IDs wait in the header's menu: with them the table scrolled sideways at 1180 pixels.
COLUMNS = (
    HistoryColumn("Time", local_seconds, lambda entry: entry.time),
    HistoryColumn("Outcome", lambda entry: entry.outcome.label,
                  width_sample=max((outcome.label for outcome in Outcome), key=len)),
    HistoryColumn("Action", lambda entry: entry.action.label,
                  width_sample=max((action.label for action in Action), key=len)),
    HistoryColumn("Kind", lambda entry: KIND_LABELS.get(entry.kind, entry.kind),
                  width_sample=max(KIND_LABELS.values(), key=len)),
    HistoryColumn("Description", lambda entry: text_or_empty(entry.description),  # "—" as the token tables
                  width=Width.STRETCH, width_sample=DESCRIPTION.width_sample),
    HistoryColumn("Message", lambda entry: entry.message or _NO_MESSAGE.get(entry.outcome, ""),
                  width=Width.STRETCH, width_sample=DESCRIPTION.width_sample),
    HistoryColumn("Token ID", lambda entry: entry.token_id, width=Width.SHORT_ID, width_sample=ID_SAMPLE),
    HistoryColumn("Profile", profile_label, width=Width.ELIDE_MIDDLE, width_sample="Production"),
    HistoryColumn("Server", lambda entry: entry.target.host, width=Width.ELIDE_MIDDLE, width_sample="console.influxdata…"),
    HistoryColumn("Account ID", lambda entry: entry.target.account_id, width=Width.SHORT_ID, width_sample=ID_SAMPLE,
                  shown_by_default=False),
    HistoryColumn("Cluster ID", lambda entry: entry.target.cluster_id, width=Width.SHORT_ID, width_sample=ID_SAMPLE,
                  shown_by_default=False),
)
_NO_MESSAGE = {Outcome.UNKNOWN: "No answer yet: it may or may not have happened. Select it and use Check Now."}
TIME_COLUMN = 0
OUTCOME_COLUMN = 1
PROFILE_COLUMN = 7
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
        if column == PROFILE_COLUMN:  # where it went, whichever columns are shown
            target = entry.target
            return plain_tooltip(visible_text(f"{profile_label(entry)}: {target.host}, account {target.account_id}, "
                                              f"cluster {target.cluster_id}", line_breaks=True))
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
