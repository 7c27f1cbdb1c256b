"""Header sort arrows that point up for ascending order (oldest, smallest, A first) on every style.

QHeaderView hands the style SortDown for ascending order and SortUp for descending, and Fusion (the
style on Linux) draws SortUp as an up arrow: newest-first dates showed an up arrow. People read an up
arrow as ascending (Finder, Explorer, the Admin UI), so the header draws the arrow for the order itself.
"""

from __future__ import annotations

from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QHeaderView, QProxyStyle, QStyle, QStyleOption, QStyleOptionHeader, QWidget

SortIndicator = QStyleOptionHeader.SortIndicator


def is_ascending(indicator: SortIndicator) -> bool:
    """QHeaderView's mapping: Qt.AscendingOrder arrives as SortDown (see QHeaderView::initStyleOption)."""
    return indicator == SortIndicator.SortDown


class SortArrowStyle(QProxyStyle):
    """The app's style, except that the header arrow is drawn from the sort order it stands for."""

    def drawPrimitive(self, element: QStyle.PrimitiveElement, option: QStyleOption, painter: QPainter,
                      widget: QWidget | None = None) -> None:  # Qt override
        if element == QStyle.PrimitiveElement.PE_IndicatorHeaderArrow and isinstance(option, QStyleOptionHeader):
            if option.sortIndicator == SortIndicator.None_:
                return
            arrow = (QStyle.PrimitiveElement.PE_IndicatorArrowUp if is_ascending(option.sortIndicator)
                     else QStyle.PrimitiveElement.PE_IndicatorArrowDown)
            super().drawPrimitive(arrow, option, painter, widget)
            return
        super().drawPrimitive(element, option, painter, widget)


def install_sort_arrow_style(header: QHeaderView) -> SortArrowStyle:
    style = SortArrowStyle()  # a proxy of the application style
    style.setParent(header)  # setStyle does not take ownership; the header keeps it alive
    header.setStyle(style)
    return style
