"""A table read row by row, drawn and laid out as the token tables are: the token tables, the Clusters page
and the History window share it, so their headers, focus and column widths follow one rule.

Whole rows are selected and framed (one focus frame round the current row, never one cell's), headers sit
left over their column's text, there is no grid, rows alternate, Tab leaves the table, and the columns are
laid out by column_layout.py from each column's specification (what a cell loses when narrow too).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QRect, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QHeaderView, QStyle, QStyleOptionFocusRect, QTableView,
                               QWidget)

from token_desk.ui.common.boundary_style import without_python_layer
from token_desk.ui.common.sort_arrow_style import install_sort_arrow_style
from token_desk.ui.tokens.column_layout import ColumnLayout, SizedColumn
from token_desk.ui.tokens.row_delegate import TokenCellDelegate

ROW_AIR = 14  # a row's height beyond its text's


def known_viewport() -> QWidget:
    """A viewport made in Python, as the one Qt makes is (its name, its base-coloured background).

    PySide6 names the class of a widget Qt made, the first time Python reaches one, by trying every QWidget
    class it has, and it makes each one's Python enums to do so: the table's own viewport, a plain QWidget,
    matches none of them, and the first `viewport()` cost ~60 M instructions (about 20 ms) before the first
    paint. A widget made here is known."""
    viewport = QWidget()
    viewport.setObjectName("qt_scrollarea_viewport")
    viewport.setBackgroundRole(QPalette.ColorRole.Base)
    viewport.setAutoFillBackground(True)
    return viewport


class RowTableView(QTableView):
    """Call `install_columns(columns)` once the model is set; `apply_default_widths()` lays them out."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setViewport(known_viewport())
        self._make_parts()
        self.cell_delegate = TokenCellDelegate((), self)  # no cell draws its own focus box, columns or not
        self.setItemDelegate(self.cell_delegate)
        self.column_layout = ColumnLayout(self, ())
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Whole rows are selected, so Tab moving cell to cell only trapped the keyboard: it leaves the table.
        self.setTabKeyNavigation(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + ROW_AIR)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        # Left, over the start of its column's text (a section may say otherwise: counts sit right).
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        install_sort_arrow_style(header)
        self.setStyle(without_python_layer(QApplication.style()))

    def _make_parts(self) -> None:
        """Children a subclass's overrides need during the set-up below (Qt calls updateGeometries in it)."""

    def install_columns(self, columns: Sequence[SizedColumn]) -> None:
        """Each column drawn (elided) and sized as its specification says."""
        self.cell_delegate = TokenCellDelegate(columns, self)
        self.setItemDelegate(self.cell_delegate)
        self.column_layout = ColumnLayout(self, columns)
        self.horizontalHeader().sectionResized.connect(
            lambda section, _old, new: self.column_layout.note_resize(section, new))

    def apply_default_widths(self) -> None:
        """First-start widths: nothing set by hand."""
        self.column_layout.reset()

    def adopt_restored_widths(self) -> None:
        """A restored header's widths that differ from the first-start ones are the person's."""
        self.column_layout.adopt_current_widths()

    def setColumnHidden(self, column: int, hide: bool) -> None:  # shadows QTableView's: re-lay out after
        if self.isColumnHidden(column) != hide:
            with self.column_layout.quietly():
                super().setColumnHidden(column, hide)
            self.column_layout.lay_out()

    def changeEvent(self, event: QEvent) -> None:  # Qt override: another font or style measures otherwise
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.column_layout.forget_measures()

    def viewportEvent(self, event: QEvent) -> bool:  # Qt override
        # The viewport also narrows when the vertical scroll bar appears (more rows with inactive tokens).
        handled = super().viewportEvent(event)
        if event.type() == QEvent.Type.Resize:
            self.column_layout.lay_out()
        return handled

    def paintEvent(self, event: QPaintEvent) -> None:  # Qt override
        super().paintEvent(event)
        self._paint_row_focus()

    def current_row_rect(self) -> QRect:
        """Where the whole-row focus frame goes (empty when there is no current row)."""
        index = self.currentIndex()
        if not index.isValid():
            return QRect()
        return QRect(0, self.rowViewportPosition(index.row()), self.viewport().width(), self.rowHeight(index.row()))

    def _paint_row_focus(self) -> None:
        # One frame around the whole current row, as a row-selecting list shows it (not one cell's text).
        rect = self.current_row_rect()
        if not self.hasFocus() or rect.isEmpty():
            return
        option = QStyleOptionFocusRect()
        option.initFrom(self)
        option.rect = rect.adjusted(0, 0, -1, -1)
        option.state |= QStyle.StateFlag.State_KeyboardFocusChange
        selected = self.selectionModel() is not None and self.selectionModel().isRowSelected(self.currentIndex().row())
        option.backgroundColor = self.palette().color(QPalette.ColorRole.Highlight if selected else QPalette.ColorRole.Base)
        painter = QPainter(self.viewport())
        # The application's style, whose focus ring people can see (the table's own leaves it to Fusion).
        QApplication.style().drawPrimitive(QStyle.PrimitiveElement.PE_FrameFocusRect, option, painter, self)
        painter.end()

    def currentChanged(self, current, previous) -> None:  # Qt override: the frame spans the row, repaint it whole
        super().currentChanged(current, previous)
        self.viewport().update()
