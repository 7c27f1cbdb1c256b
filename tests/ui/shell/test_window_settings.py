"""The window's layout choices come back on the next start (same config folder)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize, Qt

from tests.ui.conftest import header_click
from token_desk.api.models import TokenKind
from token_desk.models import SORT_ROLE
from token_desk.models.columns import Column
from token_desk.ui.shell.window_size import first_start_size


def test_layout_filters_and_sort_persist_across_runs(qtbot, open_window, config_dir) -> None:
    first = open_window()
    page = first.page(TokenKind.DATABASE)
    first.sidebar.setCurrentRow(1)
    header_click(qtbot, page, Column.DESCRIPTION)
    page.view.setColumnWidth(page.column_index(Column.TOKEN_ID), 123)
    page.view.horizontalHeader().moveSection(page.column_index(Column.DATABASES), 0)
    first.commands["show-inactive"].setChecked(True)
    first.splitter.setSizes([250, 900])
    first.resize(760, 520)  # fits the offscreen screen, so nothing clamps it
    first.close()
    assert (config_dir / "ui.ini").is_file()

    second = open_window()
    page = second.page(TokenKind.DATABASE)
    header = page.view.horizontalHeader()
    assert second.current_page() is page
    assert second.toolbar.inactive_box.isChecked()
    assert header.sortIndicatorSection() == page.column_index(Column.DESCRIPTION)
    assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    assert page.view.columnWidth(page.column_index(Column.TOKEN_ID)) == 123
    assert header.visualIndex(page.column_index(Column.DATABASES)) == 0
    assert second.splitter.sizes()[0] == 250
    assert (second.width(), second.height()) == (760, 520)
    column = page.column_index(Column.DESCRIPTION)
    keys = [page.proxy.index(row, column).data(SORT_ROLE) for row in range(page.proxy.rowCount())]
    assert keys == sorted(keys)  # the restored sort is applied, not just drawn


def test_a_page_not_opened_during_a_run_keeps_its_saved_layout(qtbot, open_window) -> None:
    """The Database Tokens table is made when its page first opens: a run that never opens it still keeps
    the layout the person gave it before."""
    first = open_window()
    page = first.page(TokenKind.DATABASE)
    first.show_page(TokenKind.DATABASE)
    page.view.setColumnWidth(page.column_index(Column.TOKEN_ID), 123)
    first.show_page(TokenKind.MANAGEMENT)
    first.close()
    second = open_window()
    assert second.current_page().kind is TokenKind.MANAGEMENT
    second.close()
    third = open_window()
    third.show_page(TokenKind.DATABASE)
    page = third.page(TokenKind.DATABASE)
    assert page.view.columnWidth(page.column_index(Column.TOKEN_ID)) == 123


def test_first_start_uses_sensible_defaults(open_window) -> None:
    window = open_window()
    page = window.current_page()
    assert page.kind is TokenKind.MANAGEMENT
    assert not window.toolbar.inactive_box.isChecked()
    metrics = page.view.fontMetrics()
    token_id = page.proxy.token_at(0).id
    # IDs are for copying: a short form (the whole ID in the tooltip), so the room goes to Description.
    assert page.view.columnWidth(page.column_index(Column.TOKEN_ID)) < metrics.horizontalAdvance(token_id)
    header = page.view.horizontalHeader()
    # Description takes the room the others leave, or on a small screen keeps a readable width and scrolls.
    fills = header.length() == page.view.viewport().width()
    assert fills or page.view.columnWidth(page.column_index(Column.DESCRIPTION)) >= metrics.horizontalAdvance(
        "Airflow – data platform")


def test_first_start_fits_the_window_to_the_screen(open_window) -> None:
    window = open_window()
    available = window.screen().availableGeometry().size()
    assert window.size() == first_start_size(available)


@pytest.mark.parametrize(("screen", "window"), [
    ((1920, 1040), (1536, 832)),  # a common desktop: the Description column gets 300 px more
    ((3840, 2100), (1600, 1000)),  # a large screen: no wider than the columns can use
    ((1366, 728), (1240, 720)),  # a small laptop: the size every column needs; the window system fits it
])
def test_first_start_size_grows_with_the_screen_within_limits(screen, window) -> None:
    assert first_start_size(QSize(*screen)) == QSize(*window)
