"""Focus shows as one frame around the whole current row, never a box around one cell's text."""

from __future__ import annotations

from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

from tests.ui.conftest import header_click
from token_desk.models.columns import Column


def test_the_focus_frame_spans_the_whole_row_and_no_cell_draws_its_own(qtbot, window) -> None:
    page = window.current_page()
    header_click(qtbot, page, Column.STATUS)  # what used to leave a frame round one cell's text
    page.select_row(1)
    rect = page.view.current_row_rect()
    assert rect.left() == 0 and rect.width() == page.view.viewport().width()
    assert rect.top() == page.view.rowViewportPosition(1)
    for section in range(page.proxy.columnCount()):
        index = page.proxy.index(1, section)
        option = QStyleOptionViewItem()
        option.state |= QStyle.StateFlag.State_HasFocus
        page.view.itemDelegate().initStyleOption(option, index)
        assert not option.state & QStyle.StateFlag.State_HasFocus
