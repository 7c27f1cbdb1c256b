"""First-start column widths and resize rules (from each column's specification): headers never clipped,
IDs whole, the free-text columns take the rest, and never so little that they cannot be read."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QHeaderView, QStyle, QStyleOptionHeader, QTableView

from token_desk.models.columns import ColumnSpec, Width

CELL_MARGIN = 10  # the style's text margins on both sides (3 px each in Fusion), plus a little air


def header_width(header: QHeaderView, text: str) -> int:
    """What the style needs to draw `text` in a header section with a sort arrow beside it."""
    option = QStyleOptionHeader()
    option.initFrom(header)
    option.text = text
    option.sortIndicator = QStyleOptionHeader.SortIndicator.SortDown
    size = header.style().sizeFromContents(QStyle.ContentsType.CT_HeaderSection, option, QSize(), header)
    return max(size.width(), header.fontMetrics().horizontalAdvance(text))


def minimum_width(header: QHeaderView, columns: Sequence[ColumnSpec]) -> int:
    """One minimum for every section (Qt has no per-section one): the widest header label fits."""
    return max(header_width(header, column.title) for column in columns)


def content_width(view: QTableView, column: ColumnSpec) -> int:
    if not column.width_sample:
        return 0
    return view.fontMetrics().horizontalAdvance(column.width_sample) + CELL_MARGIN + column.icon_room


def apply_column_layout(view: QTableView, columns: Sequence[ColumnSpec]) -> None:
    """First-start widths; the stretch columns fill the viewport, so nothing needs a horizontal scroll."""
    header = view.horizontalHeader()
    header.setMinimumSectionSize(minimum_width(header, columns))
    for section, column in enumerate(columns):
        view.setColumnWidth(section, max(header.minimumSectionSize(), content_width(view, column)))
    apply_resize_modes(view, columns)


def apply_resize_modes(view: QTableView, columns: Sequence[ColumnSpec]) -> None:
    """Which columns stretch; also after restoring a header saved by an older version with other modes."""
    header = view.horizontalHeader()
    header.setStretchLastSection(False)
    header.setMinimumSectionSize(minimum_width(header, columns))
    for section, column in enumerate(columns):
        stretch = column.width is Width.STRETCH
        mode = QHeaderView.ResizeMode.Stretch if stretch else QHeaderView.ResizeMode.Interactive
        header.setSectionResizeMode(section, mode)


def fit_stretch_columns(view: QTableView, columns: Sequence[ColumnSpec]) -> None:
    """Stretch columns fill what the others leave; where that is less than their sample's width (a narrow
    window), they keep that width instead and the table scrolls sideways. Qt's Stretch mode has no per-column
    floor: it would squeeze a description down to its header's width."""
    header = view.horizontalHeader()
    if header.count() != len(columns):
        return
    shown = [section for section in range(header.count()) if not header.isSectionHidden(section)]
    stretching = [section for section in shown if columns[section].width is Width.STRETCH]
    if not stretching:
        return
    others = sum(header.sectionSize(section) for section in shown if section not in stretching)
    floors = {section: max(header.minimumSectionSize(), content_width(view, columns[section]))
              for section in stretching}
    squeezed = view.viewport().width() - others < sum(floors.values())
    mode = QHeaderView.ResizeMode.Interactive if squeezed else QHeaderView.ResizeMode.Stretch
    for section in stretching:
        if header.sectionResizeMode(section) != mode:
            header.setSectionResizeMode(section, mode)
        if squeezed and header.sectionSize(section) < floors[section]:  # wider by hand stays wider
            header.resizeSection(section, floors[section])
