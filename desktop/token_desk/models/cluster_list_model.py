"""The Clusters page's model: one row per cluster of the connection, with its database-token counts
filled in as each cluster loads (from ClusterRows). No widgets."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from token_desk.api.clusters import Cluster
from token_desk.models.cluster_rows import ClusterRows
from token_desk.models.display import EMPTY_CELL, optional_local_time, plain_tooltip, utc_tooltip

_Index = QModelIndex | QPersistentModelIndex
CLUSTER_ROLE = Qt.ItemDataRole.UserRole + 20
NOT_LOADED = "Not loaded"  # not ready (provisioning, say): its tokens are never asked for
LOADING = "…"


def _counts_text(rows: ClusterRows, cluster: Cluster, active: bool) -> str:
    if not cluster.can_load:
        return NOT_LOADED
    if rows.error_of(cluster.id) is not None:
        return "Failed"
    counts = rows.counts(cluster.id)
    if counts is None:
        return LOADING
    return f"{counts.active if active else counts.total:,}"


# (title, cell text, tooltip)
_COLUMNS: tuple[tuple[str, Callable[[ClusterRows, Cluster], str], Callable[[ClusterRows, Cluster], str]], ...] = (
    ("Name", lambda rows, c: c.label, lambda rows, c: plain_tooltip(c.name or "No name known: added by ID")),
    ("ID", lambda rows, c: c.id, lambda rows, c: plain_tooltip(c.id)),
    ("State", lambda rows, c: c.state_label,
     lambda rows, c: "" if c.can_load else "Not ready, so its tokens are not loaded"),
    ("URL", lambda rows, c: c.url or EMPTY_CELL, lambda rows, c: plain_tooltip(c.url)),
    ("Created", lambda rows, c: optional_local_time(c.created_at),
     lambda rows, c: utc_tooltip(c.created_at, "Not known")),
    ("Active tokens", lambda rows, c: _counts_text(rows, c, True),
     lambda rows, c: _failure_tooltip(rows, c)),
    ("Database tokens", lambda rows, c: _counts_text(rows, c, False),
     lambda rows, c: _failure_tooltip(rows, c)),
)
COLUMN_TITLES = tuple(title for title, _text, _tooltip in _COLUMNS)


def _failure_tooltip(rows: ClusterRows, cluster: Cluster) -> str:
    error = rows.error_of(cluster.id)
    return plain_tooltip(str(error)) if error is not None else ""


class ClusterListModel(QAbstractTableModel):
    """Clusters in the order given (the connection's own first); `refresh()` after ClusterRows changes."""

    def __init__(self, rows: ClusterRows, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows = rows
        self._clusters: tuple[Cluster, ...] = rows.clusters

    def refresh(self) -> None:
        """The clusters or their counts changed: a new list resets, new counts repaint."""
        if self._rows.clusters != self._clusters:
            self.beginResetModel()
            self._clusters = self._rows.clusters
            self.endResetModel()
        elif self._clusters:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._clusters) - 1, len(_COLUMNS) - 1))

    def cluster_at(self, row: int) -> Cluster:
        return self._clusters[row]

    def error_at(self, row: int) -> BaseException | None:
        """Why the cluster in `row` could not be loaded (None: it loaded, is loading, or is not loaded)."""
        return self._rows.error_of(self._clusters[row].id)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._clusters)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(_COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _COLUMNS[section][0]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        cluster = self._clusters[index.row()]
        _title, text, tooltip = _COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return text(self._rows, cluster)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(self._rows, cluster) or None
        if role == CLUSTER_ROLE:
            return cluster
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= 5:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
