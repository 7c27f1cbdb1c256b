"""The token table: whole-row extended selection, sortable headers, and the ⋮ strip at the row ends."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from PySide6.QtCore import QEvent, QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QStyle, QStyleOptionFocusRect, QTableView,
                               QWidget)

from token_desk.models.columns import ColumnSpec
from token_desk.ui.tokens.column_layout import ColumnLayout
from token_desk.ui.tokens.row_delegate import TokenCellDelegate
from token_desk.ui.tokens.options_strip import STRIP_WIDTH, OptionsStrip
from token_desk.ui.common.sort_arrow_style import install_sort_arrow_style


FLASH_MS = 1600  # long enough to catch the eye, short enough not to linger


class TokenTableView(QTableView):
    """`options_requested(row, global_pos)` fires for the ⋮ button and for Menu / Shift+F10;
    `open_requested(row)` for Enter and a double-click (not Qt's `activated`, which some desktops send on a
    single click and macOS never sends for Return)."""

    options_requested = Signal(int, QPoint)
    open_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.options_strip = OptionsStrip(self)  # before _configure: Qt calls updateGeometries early
        self.cell_delegate = TokenCellDelegate((), self)
        self.column_layout = ColumnLayout(self, ())
        self._flash_timer = QTimer(self)
        self._flash_timer.setSingleShot(True)
        self._flash_timer.timeout.connect(self._end_flash)
        self._after_paint: list[Callable[[], None]] = []
        self._configure()
        self.options_strip.row_clicked.connect(self.options_requested)
        self.doubleClicked.connect(lambda index: self.open_requested.emit(index.row()))

    def _configure(self) -> None:
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        # Whole rows are selected, so Tab moving cell to cell only trapped the keyboard: it leaves the table.
        self.setTabKeyNavigation(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 14)
        header = self.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        install_sort_arrow_style(header)

    def install_column_delegates(self, columns: Sequence[ColumnSpec]) -> None:
        self.cell_delegate = TokenCellDelegate(columns, self)
        self.setItemDelegate(self.cell_delegate)
        self.column_layout = ColumnLayout(self, columns)
        self.horizontalHeader().sectionResized.connect(
            lambda section, _old, new: self.column_layout.note_resize(section, new))

    def setColumnHidden(self, column: int, hide: bool) -> None:  # shadows QTableView's: re-lay out after
        if self.isColumnHidden(column) != hide:
            with self.column_layout.quietly():
                super().setColumnHidden(column, hide)
            self.column_layout.lay_out()

    def viewportEvent(self, event: QEvent) -> bool:  # Qt override
        # The viewport also narrows when the vertical scroll bar appears (more rows with inactive tokens).
        handled = super().viewportEvent(event)
        if event.type() == QEvent.Type.Resize:
            self.column_layout.lay_out()
        return handled

    def flash_tokens(self, token_ids: Iterable[str], duration_ms: int = FLASH_MS) -> None:
        """Highlight these tokens' rows for a moment (after a change people should see land)."""
        self.cell_delegate.flashing = frozenset(token_ids)
        self.viewport().update()
        self._flash_timer.start(duration_ms)

    def _end_flash(self) -> None:
        self.cell_delegate.flashing = frozenset()
        self.viewport().update()

    @property
    def flashing(self) -> frozenset[str]:
        return self.cell_delegate.flashing

    def apply_default_widths(self) -> None:
        """First-start widths: nothing set by hand."""
        self.column_layout.reset()

    def adopt_restored_widths(self) -> None:
        """A restored header's widths that differ from the first-start ones are the person's."""
        self.column_layout.adopt_current_widths()

    # The ⋮ strip sits in a right-hand viewport margin that QTableView would otherwise reset.
    def updateGeometries(self) -> None:  # Qt override
        super().updateGeometries()
        margins = self.viewportMargins()
        if margins.right() != STRIP_WIDTH:
            self.setViewportMargins(margins.left(), margins.top(), STRIP_WIDTH, margins.bottom())
        self._place_strip()

    def _place_strip(self) -> None:
        viewport = self.viewport().geometry()
        header_height = self.options_strip.header_height()
        self.options_strip.setGeometry(viewport.right() + 1, viewport.top() - header_height,
                                       STRIP_WIDTH, viewport.height() + header_height)

    def paintEvent(self, event: QPaintEvent) -> None:  # Qt override
        super().paintEvent(event)
        self._paint_row_focus()
        self.options_strip.update()  # rows moved, scrolled or changed selection: keep the strip in step
        if self._after_paint:
            callbacks, self._after_paint = self._after_paint, []
            for callback in callbacks:
                QTimer.singleShot(0, self, callback)  # once this paint pass is on screen

    def call_after_next_paint(self, callback: Callable[[], None]) -> None:
        """Run `callback` once the table has next been drawn: work that would slow the drawing of rows just
        set (Python on a worker holds the interpreter lock the paint needs) waits for it."""
        if callback not in self._after_paint:
            self._after_paint.append(callback)

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
        self.style().drawPrimitive(QStyle.PrimitiveElement.PE_FrameFocusRect, option, painter, self)
        painter.end()

    def currentChanged(self, current, previous) -> None:  # Qt override: the frame spans the row, repaint it whole
        super().currentChanged(current, previous)
        self.viewport().update()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # Qt override
        plain_enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers() & ~(
            Qt.KeyboardModifier.KeypadModifier)
        if plain_enter and self.currentIndex().isValid():
            self.open_requested.emit(self.currentIndex().row())
            event.accept()
            return
        if self._is_menu_key(event) and self.currentIndex().isValid():
            row = self.currentIndex().row()
            # The same place as the row's ⋮ button: one menu, one position, mouse or keyboard.
            self.scrollTo(self.currentIndex())
            rect = self.options_strip.row_rect(row)
            self.options_requested.emit(row, self.options_strip.mapToGlobal(rect.bottomRight()))
            event.accept()
            return
        super().keyPressEvent(event)

    @staticmethod
    def _is_menu_key(event: QKeyEvent) -> bool:
        shift_f10 = event.key() == Qt.Key.Key_F10 and event.modifiers() == Qt.KeyboardModifier.ShiftModifier
        return event.key() == Qt.Key.Key_Menu or shift_f10
