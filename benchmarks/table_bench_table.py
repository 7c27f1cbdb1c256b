"""The app's table stack as the benchmark drives it: the database tokens' table, the list the
REST API serves (management tokens come through influxctl)."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QTableView

from token_desk.api.models import TokenKind
from token_desk.models import Column, TokenFilterProxy, TokenTableModel, row_values

# The token page's first order (ui/tokens/token_page.DEFAULT_SORT): newest first.
DEFAULT_SORT = (Column.CREATED_AT, Qt.SortOrder.DescendingOrder)


class Table:
    """Model, proxy (sorted by Created At, newest first, as a user would want) and view."""

    def __init__(self) -> None:
        self.model = TokenTableModel(TokenKind.DATABASE)
        self.proxy = TokenFilterProxy()
        self.proxy.setSourceModel(self.model)
        column, order = DEFAULT_SORT
        self.proxy.sort(self.model.section_of(column), order)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(self.model.section_of(column), order)
        self.view.resize(1200, 700)
        self.view.show()

    def paint(self) -> None:
        self.view.viewport().grab()  # renders the visible rows, as the first paint does

    def finish_rows(self) -> None:
        """What the token page has a worker make once a list is drawn (search texts, ID order, then the order
        of each column shown: all of them here), before a person's first click or keystroke (see
        RowValues.deferred_work and order_work)."""
        rows = self.model.row_values
        row_values.WORKER_PAUSE_S = 0  # made here on this thread, untimed: no window draws between the steps
        for make_work in [rows.deferred_work, *(partial(rows.order_work, column) for column in self.model.columns)]:
            work = make_work()  # from the rows as the work before left them, as the page does
            if work is not None:
                work()()

    def show_fresh_list(self) -> None:
        """The list shown again as just loaded: in the first order (sorted before the list is replaced, so
        no other column's keys are made for it) and its rows finished, as before a person's first click."""
        column, order = DEFAULT_SORT
        self.view.sortByColumn(self.model.section_of(column), order)
        self.model.set_tokens(self.model.tokens())
        self.finish_rows()

    def click_header(self, section: int) -> None:
        """A person's click on a column's header: Qt's header sets its sort indicator (the opposite order on
        the sorted column, ascending on another) and the view sorts the proxy by it, as the app's tables do."""
        header = self.view.horizontalHeader()
        middle = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
        if header.isSectionHidden(section) or not 0 <= middle < header.viewport().width():
            raise ValueError(f"section {section} is not in sight to be clicked")
        QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         QPoint(middle, header.height() // 2))

    def shown_order(self) -> list[int]:
        """The source row shown in each place, top to bottom."""
        return [self.proxy.source_row(row) for row in range(self.proxy.rowCount())]
