"""How one cell of a row table (row_table.py: the token tables, Clusters, History) is drawn: elided as its
column says, no per-cell focus box, and a brief flash on rows that just changed (the whole-row focus frame
is drawn by the view)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from token_desk.models import TOKEN_ROLE
from token_desk.models.columns import Width
from token_desk.models.display import short_id, split_more_count
from token_desk.ui.common.palette import colours
from token_desk.ui.tokens.column_layout import SizedColumn

ELIDE_MODES = {Width.ELIDE_MIDDLE: Qt.TextElideMode.ElideMiddle,
               Width.STRETCH_MIDDLE: Qt.TextElideMode.ElideMiddle}


def text_room(option: QStyleOptionViewItem) -> int:
    """The width a cell has for its text: the rect less the style's text margins (as Qt lays it out)."""
    style = option.widget.style() if option.widget else None
    margin = (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, option.widget) + 1) if style else 3
    return option.rect.width() - 2 * margin


def fitted_text(width: Width, text: str, option: QStyleOptionViewItem) -> str:
    """The text a short-ID or count-keeping cell shows in the room it has (its rect is set while painting)."""
    room = text_room(option)
    if room <= 0 or option.fontMetrics.horizontalAdvance(text) <= room:
        return text
    if width is Width.SHORT_ID:
        return short_id(text)
    head, count = split_more_count(text)
    head_room = room - option.fontMetrics.horizontalAdvance(count)
    return option.fontMetrics.elidedText(head, Qt.TextElideMode.ElideRight, max(head_room, 0)) + count


class TokenCellDelegate(QStyledItemDelegate):
    """`flashing` holds the IDs of tokens whose rows are highlighted for a moment."""

    def __init__(self, columns: Sequence[SizedColumn], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._modes = [ELIDE_MODES.get(column.width, Qt.TextElideMode.ElideRight) for column in columns]
        self._fitted = [column.width if column.width in (Width.SHORT_ID, Width.KEEP_COUNT) else None
                        for column in columns]
        self.flashing: frozenset[str] = frozenset()

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex) -> None:  # Qt override
        super().initStyleOption(option, index)
        marked = index.data(Qt.ItemDataRole.AccessibleTextRole)  # the signed-in token's "· Signed in"
        if marked:
            option.text = marked
        if 0 <= index.column() < len(self._modes):
            option.textElideMode = self._modes[index.column()]
            if self._fitted[index.column()] is not None:
                option.text = fitted_text(self._fitted[index.column()], option.text, option)
        # The view frames the whole current row instead of one cell's text.
        option.state &= ~QStyle.StateFlag.State_HasFocus
        if self.flashing:
            token = index.data(TOKEN_ROLE)
            if token is not None and token.id in self.flashing:
                # Over the selection too: a row that changed is usually the selected one, and the flash is
                # what says "this one". The selection shows again when the flash ends.
                option.state &= ~QStyle.StateFlag.State_Selected
                option.backgroundBrush = QColor(colours().flash)
