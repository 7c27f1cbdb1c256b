"""The Clusters page: every cluster of the connection's account, with its state and token counts, and
Copy ID / Copy URL (and Retry Loading for one that failed) in each row's menu, from the command registry."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QLabel, QMenu, QVBoxLayout, QWidget

from token_desk.api.clusters import Cluster, ClusterDiscovery
from token_desk.models.cluster_list_model import COLUMNS, ClusterListModel
from token_desk.models.cluster_rows import ClusterRows
from token_desk.ui.common.error_text import error_sentence
from token_desk.ui.tokens import RowTableView


class ClustersPage(QWidget):
    """Shows `rows` (the ClusterRows the Database Tokens page fills); call `refresh()` when they change.

    Its table is made when the page is first shown (or first looked at): the model follows the rows from the
    start, and most starts never open this page. `selection_changed()`: the table's selection changed."""

    selection_changed = Signal()

    def __init__(self, rows: ClusterRows, row_actions: Sequence[QAction] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Clusters")
        self._row_actions = tuple(row_actions)
        self.model = ClusterListModel(rows, self)
        self.source_note = QLabel(self)
        self.source_note.setTextFormat(Qt.TextFormat.PlainText)
        self.source_note.setWordWrap(True)
        self.source_note.hide()
        self.source_note.setMargin(6)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.source_note)
        self._view: RowTableView | None = None

    @property
    def view(self) -> RowTableView:
        if self._view is None:
            self._view = self._make_view()
        return self._view

    def setVisible(self, visible: bool) -> None:  # Qt override: the page stack shows the page it turns to
        if visible:
            self.view  # noqa: B018 - made now, so Qt shows and places it with the page
        super().setVisible(visible)

    def _make_view(self) -> RowTableView:
        # Drawn, focused and laid out as the token tables are (ui/tokens/row_table.py): one rule for columns.
        view = RowTableView(self)
        view.setModel(self.model)
        view.setAccessibleName("Clusters of this account")
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.install_columns(COLUMNS)
        view.apply_default_widths()
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self._show_row_menu)
        view.selectionModel().selectionChanged.connect(self.selection_changed)
        self.layout().addWidget(view)
        return view

    def show_discovery(self, discovery: ClusterDiscovery) -> None:
        """Say where the list comes from when influxctl could not give it (one sentence, plain text)."""
        if discovery.listed_by_influxctl:
            self.source_note.hide()
            return
        reason = error_sentence(discovery.problem, "Listing the account's clusters")
        self.source_note.setText("Showing this connection's cluster and the clusters added to it: "
                                 f"influxctl could not list the account's clusters. {reason}")
        self.source_note.show()

    def refresh(self) -> None:
        self.model.refresh()

    def row_menu(self, row: int) -> QMenu:
        """The row made the selection (the commands act on it), then its menu: the registry's commands, each
        enabled or saying why not."""
        self.view.selectRow(row)
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # one per right-click: gone once closed
        menu.setToolTipsVisible(True)
        menu.addActions(list(self._row_actions))
        return menu

    def selected_cluster(self) -> Cluster | None:
        if self._view is None:
            return None  # never shown: nothing chosen
        rows = self._view.selectionModel().selectedRows()
        return self.model.cluster_at(rows[0].row()) if rows else None

    def _show_row_menu(self, position: QPoint) -> None:
        index = self.view.indexAt(position)
        if index.isValid():
            self.row_menu(index.row()).popup(self.view.viewport().mapToGlobal(position))
