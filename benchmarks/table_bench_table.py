"""The app's table stack as the benchmark drives it: the database tokens' table, the list the
REST API serves (management tokens come through influxctl)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

from token_desk.api.models import TokenKind
from token_desk.models import Column, TokenFilterProxy, TokenTableModel


class Table:
    """Model, proxy (sorted by Created At, newest first, as a user would want) and view."""

    def __init__(self) -> None:
        self.model = TokenTableModel(TokenKind.DATABASE)
        self.proxy = TokenFilterProxy()
        self.proxy.setSourceModel(self.model)
        self.proxy.sort(self.model.section_of(Column.CREATED_AT), Qt.SortOrder.DescendingOrder)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(self.model.section_of(Column.CREATED_AT), Qt.SortOrder.DescendingOrder)
        self.view.resize(1200, 700)
        self.view.show()

    def paint(self) -> None:
        self.view.viewport().grab()  # renders the visible rows, as the first paint does

    def finish_rows(self) -> None:
        """What the token page has a worker make once a list is drawn (search texts, ID order), before a
        person's first click or keystroke (see RowValues.deferred_work)."""
        work = self.model.row_values.deferred_work()
        if work is not None:
            work()()
