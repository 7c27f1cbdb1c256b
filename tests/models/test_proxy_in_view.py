"""The proxy behind a real QTableView: selections follow tokens through sort and search."""

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QTableView

from tests.models.conftest import make_token
from token_desk.models import TOKEN_ROLE


@pytest.fixture
def view(qtbot, proxy):
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(proxy)
    view.setSortingEnabled(True)
    return view


def select_row(view, row: int) -> None:
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    view.selectionModel().select(view.model().index(row, 0), flags)


def selected_descriptions(view) -> list[str]:
    rows = view.selectionModel().selectedRows()
    return [index.data(TOKEN_ROLE).description for index in rows]


def test_selection_follows_token_when_header_sort_reverses(management_model, view):
    management_model.set_tokens([make_token("a"), make_token("b"), make_token("c")])
    view.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    select_row(view, 0)
    view.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert selected_descriptions(view) == ["a"] and view.selectionModel().selectedRows()[0].row() == 2


def test_selection_survives_search_that_keeps_the_row(management_model, proxy, view):
    management_model.set_tokens([make_token("ci one"), make_token("other"), make_token("ci two")])
    view.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    select_row(view, 1)  # "ci two"
    proxy.set_search_text("ci")
    assert selected_descriptions(view) == ["ci two"]


def test_search_hiding_the_selected_row_clears_selection(management_model, proxy, view):
    management_model.set_tokens([make_token("ci one"), make_token("other")])
    select_row(view, 1)
    proxy.set_search_text("ci")
    assert selected_descriptions(view) == []
