"""The Clusters page's model: one row per cluster of the connection, with its database-token counts
filled in as each cluster loads (from ClusterRows). No widgets."""

from __future__ import annotations

from collections.abc import Callable

from msgspec import Struct
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from token_desk.api.clusters import Cluster
from token_desk.models.cluster_rows import ClusterRows
from token_desk.models.columns import LEFT, TIME_HEADER_TIP, Width
from token_desk.models.display import EMPTY_CELL, optional_local_time, plain_tooltip, short_id, utc_tooltip

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


ClusterText = Callable[[ClusterRows, Cluster], str]
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class ClusterColumn(Struct, frozen=True):
    """One column of the Clusters table, sized and elided by the token tables' rule (see models/columns.py)."""

    title: str
    text: ClusterText
    tooltip: ClusterText
    width: Width = Width.FIT
    width_sample: str = ""
    alignment: Qt.AlignmentFlag = LEFT
    header_tooltip: str = ""
    icon_room: int = 0


# The name and the URL share what is left (and lose their end, or their middle, first); the ID shows its
# first characters as the token tables' IDs do (Copy Cluster ID and the tooltip give it whole); state, time
# and counts are never cut.
COLUMNS = (
    ClusterColumn("Name", lambda rows, c: c.label, lambda rows, c: plain_tooltip(c.name or "No name known: added by ID"),
                  Width.STRETCH, "Production"),
    ClusterColumn("ID", lambda rows, c: c.id, lambda rows, c: plain_tooltip(c.id), Width.SHORT_ID,
                  short_id("00000000-0000-0000-0000-000000000000")),
    ClusterColumn("State", lambda rows, c: c.state_label,
                  lambda rows, c: "" if c.can_load else "Not ready, so its tokens are not loaded",
                  width_sample="Provisioning"),
    ClusterColumn("URL", lambda rows, c: c.url or EMPTY_CELL, lambda rows, c: plain_tooltip(c.url),
                  Width.STRETCH_MIDDLE, short_id("00000000-0000")),
    ClusterColumn("Created", lambda rows, c: optional_local_time(c.created_at),
                  lambda rows, c: utc_tooltip(c.created_at, "Not known"), width_sample="2024-03-19 20:09",
                  header_tooltip=TIME_HEADER_TIP),
    ClusterColumn("Active", lambda rows, c: _counts_text(rows, c, True), lambda rows, c: _failure_tooltip(rows, c),
                  width_sample=NOT_LOADED, alignment=RIGHT, header_tooltip="Active database tokens of the cluster"),
    ClusterColumn("Total", lambda rows, c: _counts_text(rows, c, False), lambda rows, c: _failure_tooltip(rows, c),
                  width_sample=NOT_LOADED, alignment=RIGHT,
                  header_tooltip="Database tokens of the cluster, revoked and expired ones included"),
)
COLUMN_TITLES = tuple(column.title for column in COLUMNS)


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
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._clusters) - 1, len(COLUMNS) - 1))

    def cluster_at(self, row: int) -> Cluster:
        return self._clusters[row]

    def error_at(self, row: int) -> BaseException | None:
        """Why the cluster in `row` could not be loaded (None: it loaded, is loading, or is not loaded)."""
        return self._rows.error_of(self._clusters[row].id)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._clusters)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        column = COLUMNS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.header_tooltip or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column.alignment != LEFT:
            return int(column.alignment)  # over its numbers' end, as its cells
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        cluster = self._clusters[index.row()]
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(self._rows, cluster)
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tooltip(self._rows, cluster) or None
        if role == CLUSTER_ROLE:
            return cluster
        if role == Qt.ItemDataRole.TextAlignmentRole and column.alignment != LEFT:
            return int(column.alignment)
        return None
