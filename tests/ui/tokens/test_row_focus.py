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


def test_cells_are_drawn_by_fusion_alone_and_the_focus_frame_by_the_applications_style(qtbot, qapp) -> None:
    """Each cell drawn asks the style for several rectangles: a table's own style calls no Python for them
    (no BoundaryStyle under it), while the row's focus frame is still the visible ring (test_focus_contrast)."""
    from token_desk.ui.common.boundary_style import BoundaryStyle, install_boundary_style
    from token_desk.ui.tokens import RowTableView

    install_boundary_style(qapp)  # as create_application does
    view = RowTableView()
    qtbot.addWidget(view)
    assert isinstance(qapp.style(), BoundaryStyle)
    assert view.style().name().lower() == "fusion" and not isinstance(view.style(), BoundaryStyle)
    assert view.style().proxy() is view.style()  # no layer its inner calls go back through
