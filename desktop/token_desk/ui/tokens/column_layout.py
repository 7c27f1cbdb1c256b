"""Column widths from one rule, read from each column's specification.

Every shown column but Description is as wide as its content needs (its header with a sort arrow, or its
sample text), or as wide as the person dragged it; Description takes what is left of the viewport, and never
less than a readable width (the table scrolls sideways instead). The widths are a function of which columns
show, the hand-set widths and the viewport's width alone, so hiding and showing columns (or the inactive
tokens) and coming back lands on exactly the layout one started from. Qt's own Stretch mode is not used: it
keeps no floor, and it hands a re-shown section its old size, which left gaps and squeezed descriptions.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Protocol

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QHeaderView, QStyle, QStyleOptionHeader, QTableView

from token_desk.models.columns import STRETCHING, Width

CELL_MARGIN = 10  # the style's text margins on both sides (3 px each in Fusion), plus a little air


class SizedColumn(Protocol):
    """What the layout reads of a column: a token table's SizedColumn, a Clusters or History column."""

    @property
    def title(self) -> str: ...
    @property
    def width(self) -> Width: ...
    @property
    def width_sample(self) -> str: ...
    @property
    def icon_room(self) -> int: ...


def header_width(header: QHeaderView, text: str) -> int:
    """What the style needs to draw `text` in a header section with a sort arrow beside it."""
    option = QStyleOptionHeader()
    option.initFrom(header)
    option.text = text
    option.sortIndicator = QStyleOptionHeader.SortIndicator.SortDown
    size = header.style().sizeFromContents(QStyle.ContentsType.CT_HeaderSection, option, QSize(), header)
    return max(size.width(), header.fontMetrics().horizontalAdvance(text))


def minimum_width(header: QHeaderView, columns: Sequence[SizedColumn]) -> int:
    """One minimum for every section (Qt has no per-section one): the widest header label fits."""
    return max(header_width(header, column.title) for column in columns)


def content_width(view: QTableView, column: SizedColumn) -> int:
    if not column.width_sample:
        return 0
    return view.fontMetrics().horizontalAdvance(column.width_sample) + CELL_MARGIN + column.icon_room


def default_width(view: QTableView, column: SizedColumn) -> int:
    """A column's first-start width; for Description, its floor."""
    header = view.horizontalHeader()
    return max(header_width(header, column.title), header.minimumSectionSize(), content_width(view, column))


class ColumnLayout:
    """Lays out one table's sections by the rule above. `note_resize` is told of every section resize that
    the layout did not make itself (a person dragging a divider, or a restored header): such a width is the
    person's and is kept until Reset Columns."""

    def __init__(self, view: QTableView, columns: Sequence[SizedColumn]) -> None:
        self._view = view
        self._columns = tuple(columns)
        self._hand_widths: dict[int, int] = {}
        # Each section's first-start width, measured once: every resize of the viewport (a window being shown
        # lays out a table several times) reads them all. Measured again in another font or style.
        self._defaults: dict[int, int] = {}
        self._laying_out = False

    @property
    def hand_widths(self) -> dict[int, int]:
        return dict(self._hand_widths)

    def forget_measures(self) -> None:
        """Another font or style: the first-start widths are measured again, and the table laid out anew."""
        self._defaults.clear()
        self.lay_out()

    def reset(self) -> None:
        """First-start widths: nothing set by hand."""
        self._hand_widths.clear()
        self._prepare_header()
        self.lay_out()

    def adopt_current_widths(self) -> None:
        """After restoring a saved header: every width that differs from its default was set by hand."""
        self._prepare_header()
        header = self._view.horizontalHeader()
        self._hand_widths = {section: header.sectionSize(section) for section, column in enumerate(self._columns)
                             if column.width not in STRETCHING and header.sectionSize(section)
                             and header.sectionSize(section) != self._default(section)}
        self.lay_out()

    def note_resize(self, section: int, new_size: int) -> None:
        if self._laying_out or not 0 <= section < len(self._columns) or new_size <= 0:
            return  # our own resizes, and Qt's zero-width hiding
        if new_size == self._default(section):
            self._hand_widths.pop(section, None)
        else:
            self._hand_widths[section] = new_size
        self.lay_out()

    @contextmanager
    def quietly(self) -> Iterator[None]:
        """Resizes Qt makes meanwhile (re-showing a section at its old size) are not the person's."""
        was, self._laying_out = self._laying_out, True
        try:
            yield
        finally:
            self._laying_out = was

    def lay_out(self) -> None:
        header = self._view.horizontalHeader()
        if header.count() != len(self._columns) or self._laying_out:
            return
        self._laying_out = True
        try:
            for section, width in self.widths(self._view.viewport().width()).items():
                if header.sectionSize(section) != width:
                    header.resizeSection(section, width)
        finally:
            self._laying_out = False

    def widths(self, viewport_width: int) -> dict[int, int]:
        """The width of every shown section for a viewport this wide."""
        header = self._view.horizontalHeader()
        shown = [section for section in range(len(self._columns)) if not header.isSectionHidden(section)]
        widths = {section: self._width_of(section) for section in shown
                  if self._columns[section].width not in STRETCHING}
        stretching = [section for section in shown if section not in widths]
        if stretching:
            share = (viewport_width - sum(widths.values())) // len(stretching)
            for section in stretching:
                widths[section] = max(share, self._width_of(section))
        return widths

    def _width_of(self, section: int) -> int:
        return self._hand_widths.get(section) or self._default(section)

    def _default(self, section: int) -> int:
        width = self._defaults.get(section)
        if width is None:
            width = self._defaults[section] = default_width(self._view, self._columns[section])
        return width

    def _prepare_header(self) -> None:
        """Every section Interactive (a person may drag any of them); the layout does the stretching."""
        header = self._view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(minimum_width(header, self._columns))
        self._defaults.clear()  # the minimum is part of each
        for section in range(min(header.count(), len(self._columns))):
            if header.sectionResizeMode(section) != QHeaderView.ResizeMode.Interactive:
                header.setSectionResizeMode(section, QHeaderView.ResizeMode.Interactive)
