"""Which columns show is the person's choice: the header's right-click menu and View → Columns hide and show
them, the choice survives a restart, and Reset Columns brings the first-start layout back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QHeaderView

from tests.ui.conftest import column_shown
from token_desk.api.models import TokenKind
from token_desk.app import create_window
from token_desk.models.columns import Column, columns_for
from token_desk.ui.tokens.token_page import TokenPage


def header_menu(qtbot, page: TokenPage):
    """Right-click the Token ID header, as a person would, and return the menu that opens."""
    header = page.view.horizontalHeader()
    section = page.column_index(Column.TOKEN_ID)
    header.customContextMenuRequested.emit(QPoint(header.sectionViewportPosition(section) + 5, 5))
    qtbot.waitUntil(page.column_menu.isVisible)
    return page.column_menu


def entries(menu) -> dict[str, tuple[bool, bool]]:
    """Each column entry's title: (ticked, can be changed)."""
    return {action.text(): (action.isChecked(), action.isEnabled()) for action in menu.actions() if action.isCheckable()}


def test_the_header_menu_lists_every_column_and_keeps_status_and_description(qtbot) -> None:
    page = TokenPage(TokenKind.MANAGEMENT)
    qtbot.addWidget(page)
    page.show()
    page.set_show_inactive(True)  # Revoked At shows only with inactive tokens
    menu = header_menu(qtbot, page)
    titles = [spec.title for spec in columns_for(TokenKind.MANAGEMENT)]
    assert list(entries(menu)) == [f"{t} (with inactive tokens)" if t == "Revoked At" else t for t in titles]
    assert [title for title, (ticked, _) in entries(menu).items() if not ticked] == ["Findings"]  # off at first
    assert entries(menu)["Status"] == (True, False) and entries(menu)["Description"] == (True, False)
    assert [action.text() for action in menu.actions()][-1] == "Reset Columns"
    menu.close()


def test_unticking_a_column_hides_it_and_description_takes_its_room(qtbot) -> None:
    page = TokenPage(TokenKind.MANAGEMENT)
    qtbot.addWidget(page)
    page.resize(1100, 500)
    page.show()
    qtbot.waitExposed(page)
    description = page.column_index(Column.DESCRIPTION)
    before = page.view.columnWidth(description)
    freed = page.view.columnWidth(page.column_index(Column.CREATED_BY))
    menu = header_menu(qtbot, page)
    next(action for action in menu.actions() if action.text() == "Created By").trigger()
    assert not column_shown(page, Column.CREATED_BY)
    qtbot.waitUntil(lambda: page.view.columnWidth(description) == before + freed)
    menu = header_menu(qtbot, page)
    assert entries(menu)["Created By"] == (False, True)  # the menu says what the table shows
    next(action for action in menu.actions() if action.text() == "Created By").trigger()
    assert column_shown(page, Column.CREATED_BY)
    menu.close()


def test_status_and_description_cannot_be_hidden_even_by_a_saved_state(qtbot) -> None:
    old = TokenPage(TokenKind.DATABASE)
    qtbot.addWidget(old)
    old.view.setColumnHidden(old.column_index(Column.DESCRIPTION), True)  # a hand-edited settings file
    old.view.setColumnHidden(old.column_index(Column.DATABASES), True)
    old.set_column_shown(Column.STATUS, False)
    assert column_shown(old, Column.STATUS)
    page = TokenPage(TokenKind.DATABASE)
    qtbot.addWidget(page)
    assert page.restore_header(old.save_header())
    assert column_shown(page, Column.DESCRIPTION)
    assert not column_shown(page, Column.DATABASES)  # the person's own choice stays


def test_reset_columns_brings_back_order_widths_and_hidden_columns_but_keeps_the_sort(qtbot) -> None:
    page = TokenPage(TokenKind.MANAGEMENT)
    qtbot.addWidget(page)
    page.resize(1400, 500)  # room for every column, so Description stretches
    page.show()
    qtbot.waitExposed(page)
    default_widths = [page.view.columnWidth(s) for s in range(len(page.columns))]
    header = page.view.horizontalHeader()
    header.moveSection(page.column_index(Column.CREATED_BY), 0)
    page.view.setColumnWidth(page.column_index(Column.TOKEN_ID), 300)
    page.set_column_shown(Column.PREFIX, False)
    page.view.sortByColumn(page.column_index(Column.DESCRIPTION), Qt.SortOrder.AscendingOrder)
    menu = header_menu(qtbot, page)
    next(action for action in menu.actions() if action.text() == "Reset Columns").trigger()
    assert [header.logicalIndex(v) for v in range(header.count())] == list(range(header.count()))
    assert column_shown(page, Column.PREFIX)
    widths = [page.view.columnWidth(s) for s in range(len(page.columns))]
    description = page.column_index(Column.DESCRIPTION)
    assert [w for s, w in enumerate(widths) if s != description] == \
        [w for s, w in enumerate(default_widths) if s != description]  # the stretch column takes what is left
    assert header.sortIndicatorSection() == description
    assert header.length() == page.view.viewport().width()  # Description takes what is left


def test_hidden_columns_stay_hidden_after_a_restart_and_view_columns_shows_them_again(qtbot, window) -> None:
    window.pages[TokenKind.MANAGEMENT].set_column_shown(Column.PREFIX, False)
    window.close()  # closing saves the layout
    again = create_window([])  # the same settings folder: the layout is read back
    qtbot.addWidget(again)
    page = again.pages[TokenKind.MANAGEMENT]
    assert not column_shown(page, Column.PREFIX)
    columns_menu = again.commands["columns"].menu()
    columns_menu.aboutToShow.emit()  # View → Columns, opened from the keyboard (Alt+V, C)
    prefix = next(action for action in columns_menu.actions() if action.text() == "Prefix")
    assert not prefix.isChecked()
    prefix.trigger()
    assert column_shown(page, Column.PREFIX)


@pytest.mark.parametrize("kind", list(TokenKind))
def test_revoked_at_shows_only_with_inactive_tokens_and_gives_its_room_to_description(qtbot, window, kind) -> None:
    """Only revoked tokens have a Revoked At, and they show only with "Show inactive tokens"."""
    window.resize(1280, 760)
    window.sidebar.setCurrentRow(list(TokenKind).index(kind))
    page = window.page(kind)
    qtbot.waitUntil(lambda: page.view.viewport().width() > 900)
    description = page.column_index(Column.DESCRIPTION)
    assert not column_shown(page, Column.REVOKED_AT)
    narrow = page.view.columnWidth(description)
    window.commands["show-inactive"].setChecked(True)
    assert column_shown(page, Column.REVOKED_AT)
    revoked = next(row for row in range(page.proxy.rowCount()) if page.proxy.token_at(row).revoked_at is not None)
    assert page.view.visualRect(page.proxy.index(revoked, page.column_index(Column.REVOKED_AT))).width() > 0
    qtbot.waitUntil(lambda: page.view.columnWidth(description) < narrow)  # Revoked At took its room back
    window.commands["show-inactive"].setChecked(False)
    assert not column_shown(page, Column.REVOKED_AT)
    qtbot.waitUntil(lambda: page.view.columnWidth(description) == narrow)
    menu = header_menu(qtbot, page)
    assert entries(menu)["Revoked At (with inactive tokens)"] == (False, False)  # the toggle decides, not the menu
    menu.close()


def test_a_sort_by_a_column_that_goes_away_falls_back_to_newest_first(qtbot, window) -> None:
    page = window.current_page()
    window.commands["show-inactive"].setChecked(True)
    page.view.sortByColumn(page.column_index(Column.REVOKED_AT), Qt.SortOrder.AscendingOrder)
    window.commands["show-inactive"].setChecked(False)  # Revoked At leaves: no arrow would show the order
    header = page.view.horizontalHeader()
    assert header.sortIndicatorSection() == page.column_index(Column.CREATED_AT)
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    created = [page.proxy.token_at(row).created_at for row in range(page.proxy.rowCount())]
    assert created == sorted(created, reverse=True)
    page.view.sortByColumn(page.column_index(Column.PREFIX), Qt.SortOrder.AscendingOrder)
    page.set_column_shown(Column.PREFIX, False)  # the same when the person hides it
    assert header.sortIndicatorSection() == page.column_index(Column.CREATED_AT)


def test_view_columns_is_offered_only_with_a_table_to_change(bare_window) -> None:
    assert bare_window.central_stack.currentWidget() is bare_window.welcome
    assert not bare_window.commands["columns"].menu().menuAction().isEnabled()


def test_a_sort_by_revoked_at_survives_a_restart_with_inactive_tokens_shown(qtbot, window) -> None:
    window.commands["show-inactive"].setChecked(True)
    page = window.pages[TokenKind.MANAGEMENT]
    page.view.sortByColumn(page.column_index(Column.REVOKED_AT), Qt.SortOrder.DescendingOrder)
    window.close()  # closing saves the layout and the toggle
    again = create_window([])
    qtbot.addWidget(again)
    restored = again.pages[TokenKind.MANAGEMENT]
    assert column_shown(restored, Column.REVOKED_AT)
    assert restored.view.horizontalHeader().sortIndicatorSection() == restored.column_index(Column.REVOKED_AT)
