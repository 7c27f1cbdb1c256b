"""First-start column widths and resize rules: headers never clipped, IDs whole, the text columns take the rest."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (QHeaderView, QStyle, QStyledItemDelegate, QStyleOptionHeader,
                               QStyleOptionViewItem, QTableView)

from token_desk.models.columns import Column

CELL_MARGIN = 10  # the style's text margins on both sides (3 px each in Fusion), plus a little air
STATUS_ICON_ROOM = 24  # the 16 px status icon and the gap before its label
SAMPLE_TEXT: dict[Column, str] = {
    Column.STATUS: "Expires soon",
    Column.TOKEN_ID: "00000000-0000-0000-0000-000000000000",
    Column.PREFIX: "M.V1.+5Jk",  # the length the API hands out (see the spec's examples)
    Column.CREATED_AT: "2024-03-19 20:09",
    Column.EXPIRES_AT: "2024-03-19 20:09",
    Column.REVOKED_AT: "2024-03-19 20:09",
}
# Free text shares whatever width is left, and keeps sharing it when the window or another column changes.
STRETCH_COLUMNS = frozenset({Column.DESCRIPTION, Column.DATABASES})
# IDs lose their middle rather than their end, so both ends stay recognisable; the tooltip has them whole.
MIDDLE_ELIDED_COLUMNS = frozenset({Column.TOKEN_ID, Column.CREATED_BY})


class MiddleElideDelegate(QStyledItemDelegate):
    """Draws the cell text elided in the middle ("d2f1e0…a76c0a7c") when the column is too narrow."""

    def initStyleOption(self, option: QStyleOptionViewItem, index) -> None:  # Qt override
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideMiddle


def header_width(header: QHeaderView, text: str) -> int:
    """What the style needs to draw `text` in a header section with a sort arrow beside it."""
    option = QStyleOptionHeader()
    option.initFrom(header)
    option.text = text
    option.sortIndicator = QStyleOptionHeader.SortIndicator.SortDown
    size = header.style().sizeFromContents(QStyle.ContentsType.CT_HeaderSection, option, QSize(), header)
    return max(size.width(), header.fontMetrics().horizontalAdvance(text))


def minimum_width(header: QHeaderView, columns: Sequence[Column]) -> int:
    """One minimum for every section (Qt has no per-section one): the widest header label fits."""
    return max(header_width(header, column.label) for column in columns)


def content_width(view: QTableView, column: Column) -> int:
    sample = SAMPLE_TEXT.get(column)
    if sample is None:
        return 0
    icon_room = STATUS_ICON_ROOM if column is Column.STATUS else 0
    return view.fontMetrics().horizontalAdvance(sample) + CELL_MARGIN + icon_room


def apply_column_layout(view: QTableView, columns: Sequence[Column]) -> None:
    """First-start widths; the stretch columns fill the viewport, so nothing needs a horizontal scroll."""
    header = view.horizontalHeader()
    header.setMinimumSectionSize(minimum_width(header, columns))
    for section, column in enumerate(columns):
        view.setColumnWidth(section, max(header.minimumSectionSize(), content_width(view, column)))
    apply_resize_modes(view, columns)


def apply_resize_modes(view: QTableView, columns: Sequence[Column]) -> None:
    """Which columns stretch; also after restoring a header saved by an older version with other modes."""
    header = view.horizontalHeader()
    header.setStretchLastSection(False)
    header.setMinimumSectionSize(minimum_width(header, columns))
    for section, column in enumerate(columns):
        stretch = column in STRETCH_COLUMNS
        mode = QHeaderView.ResizeMode.Stretch if stretch else QHeaderView.ResizeMode.Interactive
        header.setSectionResizeMode(section, mode)


def install_delegates(view: QTableView, columns: Sequence[Column]) -> None:
    delegate = MiddleElideDelegate(view)
    for section, column in enumerate(columns):
        if column in MIDDLE_ELIDED_COLUMNS:
            view.setItemDelegateForColumn(section, delegate)
