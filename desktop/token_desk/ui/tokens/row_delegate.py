"""How one token cell is drawn: elided as its column says, no per-cell focus box, and a brief flash
on rows that just changed (the whole-row focus frame is drawn by the view)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from token_desk.models import TOKEN_ROLE
from token_desk.models.columns import ColumnSpec, Width
from token_desk.ui.common.palette import colours

ELIDE_MODES = {Width.ELIDE_MIDDLE: Qt.TextElideMode.ElideMiddle, Width.ELIDE_FRONT: Qt.TextElideMode.ElideLeft}


class TokenCellDelegate(QStyledItemDelegate):
    """`flashing` holds the IDs of tokens whose rows are highlighted for a moment."""

    def __init__(self, columns: Sequence[ColumnSpec], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._modes = [ELIDE_MODES.get(column.width, Qt.TextElideMode.ElideRight) for column in columns]
        self.flashing: frozenset[str] = frozenset()

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex) -> None:  # Qt override
        super().initStyleOption(option, index)
        if 0 <= index.column() < len(self._modes):
            option.textElideMode = self._modes[index.column()]
        # The view frames the whole current row instead of one cell's text.
        option.state &= ~QStyle.StateFlag.State_HasFocus
        if self.flashing:
            token = index.data(TOKEN_ROLE)
            if token is not None and token.id in self.flashing:
                # Over the selection too: a row that changed is usually the selected one, and the flash is
                # what says "this one". The selection shows again when the flash ends.
                option.state &= ~QStyle.StateFlag.State_Selected
                option.backgroundBrush = QColor(colours().flash)
