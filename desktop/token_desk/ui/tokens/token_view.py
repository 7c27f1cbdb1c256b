"""The token table: whole-row extended selection, sortable headers, and the ⋮ strip at the row ends."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QPaintEvent
from PySide6.QtWidgets import QAbstractItemView, QWidget

from token_desk.models.columns import ColumnSpec
from token_desk.ui.tokens.options_strip import STRIP_WIDTH, OptionsStrip
from token_desk.ui.tokens.row_table import RowTableView


FLASH_MS = 1600  # long enough to catch the eye, short enough not to linger


class TokenTableView(RowTableView):
    """`options_requested(row, global_pos)` fires for the ⋮ button and for Menu / Shift+F10;
    `open_requested(row)` for Enter and a double-click (not Qt's `activated`, which some desktops send on a
    single click and macOS never sends for Return)."""

    options_requested = Signal(int, QPoint)
    open_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._flash_timer = QTimer(self)
        self._flash_timer.setSingleShot(True)
        self._flash_timer.timeout.connect(self._end_flash)
        self._after_paint: list[Callable[[], None]] = []
        self._configure()
        self.options_strip.row_clicked.connect(self.options_requested)
        self.doubleClicked.connect(lambda index: self.open_requested.emit(index.row()))

    def _make_parts(self) -> None:  # RowTableView's hook: updateGeometries places the strip
        self.options_strip = OptionsStrip(self)

    def _configure(self) -> None:
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.horizontalHeader().setSectionsMovable(True)

    def install_column_delegates(self, columns: Sequence[ColumnSpec]) -> None:
        self.install_columns(columns)

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
