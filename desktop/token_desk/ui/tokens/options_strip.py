"""The "⋮" options button at the end of every row, as in the Admin UI.

Drawn in a strip beside the table's viewport rather than as a model column, so
it never takes part in sorting, selection, searching or keyboard navigation.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QIcon, QMouseEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QStyle, QStyleOptionHeader, QTableView, QWidget

from token_desk.models import TOKEN_ROLE
from token_desk.ui.common.icons import icon
from token_desk.ui.common.palette import colours

STRIP_WIDTH = 32
ICON_SIZE = 16


def fill(painter: QPainter, rect: QRect, brush: QBrush | QColor) -> None:
    """`painter.fillRect(rect, brush)`, with the same pixels, without fillRect's overloads: choosing among
    them makes QGradient's Python class (its Preset enum alone ~1.5 ms), at the first paint."""
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(brush)
    painter.drawRect(rect)
    painter.restore()


class OptionsStrip(QWidget):
    """Paints one ⋮ per visible row of `view`; a click emits the row and where to open the menu."""

    row_clicked = Signal(int, QPoint)  # proxy row, the button's bottom-right corner (global): the menu hangs there

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self._view = view
        self._icon = icon("more-options")
        self.setToolTip("Options for this token")
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def sizeHint(self) -> QSize:  # Qt override
        return QSize(STRIP_WIDTH, 0)

    def header_height(self) -> int:
        header = self._view.horizontalHeader()
        return header.height() if header.isVisible() else 0

    def row_rect(self, row: int) -> QRect:
        """Where row `row`'s button is, in this widget's coordinates."""
        top = self.header_height() + self._view.rowViewportPosition(row)
        return QRect(0, top, self.width(), self._view.rowHeight(row))

    def row_at(self, y: int) -> int:
        return self._view.rowAt(y - self.header_height())

    def paintEvent(self, event: QPaintEvent) -> None:  # Qt override
        painter = QPainter(self)
        fill(painter, self.rect(), self._view.palette().brush(QPalette.ColorRole.Base))
        self._paint_header(painter)
        first = max(self._view.rowAt(0), 0)
        last = self._view.rowAt(self._view.viewport().height())
        last = self._view.model().rowCount() - 1 if last < 0 and self._view.model() else last
        for row in range(first, last + 1):
            self._paint_row(painter, row)
        painter.end()

    def _paint_header(self, painter: QPainter) -> None:
        option = QStyleOptionHeader()
        option.initFrom(self)
        option.rect = QRect(0, 0, self.width(), self.header_height())
        option.text = ""
        self.style().drawControl(QStyle.ControlElement.CE_Header, option, painter, self)

    def _paint_row(self, painter: QPainter, row: int) -> None:
        rect = self.row_rect(row)
        if rect.top() >= self.height():
            return
        selected = self._is_selected(row) and not self._is_flashing(row)  # the flash shows over the selection
        fill(painter, rect, self._row_background(row, selected))
        target = QRect(0, 0, ICON_SIZE, ICON_SIZE)
        target.moveCenter(rect.center())
        # On the highlight the ⋮ takes the highlighted text's colour, as the status icons do (see icons.py).
        self._icon.paint(painter, target, mode=QIcon.Mode.Selected if selected else QIcon.Mode.Normal)

    def _is_selected(self, row: int) -> bool:
        selection, model = self._view.selectionModel(), self._view.model()
        return selection is not None and model is not None and selection.isSelected(model.index(row, 0))

    def _is_flashing(self, row: int) -> bool:
        flashing = self._view.flashing
        model = self._view.model()
        token = model.index(row, 0).data(TOKEN_ROLE) if flashing and model is not None else None
        return token is not None and token.id in flashing

    def _row_background(self, row: int, selected: bool):
        palette = self._view.palette()
        if self._is_flashing(row):
            return QColor(colours().flash)
        if selected:
            return palette.brush(QPalette.ColorRole.Highlight)
        alternate = self._view.alternatingRowColors() and row % 2 == 1
        return palette.brush(QPalette.ColorRole.AlternateBase if alternate else QPalette.ColorRole.Base)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # Qt override
        row = self.row_at(int(event.position().y()))
        if row < 0 or event.button() not in (Qt.MouseButton.LeftButton, Qt.MouseButton.RightButton):
            super().mousePressEvent(event)
            return
        rect = self.row_rect(row)
        self.row_clicked.emit(row, self.mapToGlobal(rect.bottomRight()))
        event.accept()
