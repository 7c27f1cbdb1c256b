"""The tokens a bulk revoke will touch: one whole line each, growing with the dialog.

Token ID and expiry always fit (they size to their contents); the description takes what is left and
loses its middle, never its ends. "See more details" adds Created At, Created By and Status as columns,
and the dialog widens to show them; after a partial failure a Result column says what happened to each.
Tokens of several clusters are grouped under their cluster ("Cluster staging (2 tokens)"): each is revoked
on its own cluster.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFontMetrics
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QSizePolicy, QTreeWidget, QTreeWidgetItem,
                               QVBoxLayout, QWidget)

from token_desk.api.clusters import Cluster
from token_desk.api.models import Token, TokenKind
from token_desk.models import display
from token_desk.ui.common.palette import colours
from token_desk.ui.common.plain_text import plain_tooltip
from token_desk.ui.tokens import details_toggle

COLUMNS = ("Description", "Token ID", "Expires At", "Created At", "Created By", "Status", "Result")
DESCRIPTION, CREATED_BY, DETAIL_COLUMNS, RESULT_COLUMN = 0, 4, (3, 4, 5), 6
# Creators are user IDs: both ends are enough to tell them apart (the main table shows them the same way).
CREATED_BY_SAMPLE = "cd613e30…65b1f5"
OPENING_ROWS = 10  # the list opens this tall at most; a longer one scrolls, and grows with the dialog
SMALLEST_ROWS = 3
DESCRIPTION_ROOM = 300  # what a description gets when the dialog opens: most are shorter
SMALLEST_DESCRIPTION = 120
ROW_AIR = 8  # pixels above and below the text, as in the main tables


class TokenList(QTreeWidget):
    """Rows never scroll sideways: the description column alone gives way, elided in the middle."""

    def __init__(self, tokens: Sequence[Token], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderLabels(COLUMNS)
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setAlternatingRowColors(True)  # long lines of IDs and dates: the eye keeps its row
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("Tokens to revoke")
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(CREATED_BY, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(CREATED_BY, self._created_by_width())
        self.token_items = [_token_item(token, self.fontMetrics()) for token in tokens]  # in the tokens' order
        groups = _cluster_groups(tokens)
        if len(groups) > 1:
            for cluster, rows in groups:
                group = QTreeWidgetItem([cluster_group_title(cluster, len(rows))])
                group.setFirstColumnSpanned(True)
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
                group.addChildren([self.token_items[row] for row in rows])
                self.addTopLevelItem(group)
            self.expandAll()
            self.setItemsExpandable(False)
        else:
            self.addTopLevelItems(self.token_items)
        # Tab stops here (a long list scrolls with the arrow keys): the focus ring goes round the current line,
        # which starts at the first token; nothing is ever selected.
        self.setAllColumnsShowFocus(True)
        if self.token_items:
            self.setCurrentItem(self.token_items[0])

    def _created_by_width(self) -> int:
        sample = self.fontMetrics().horizontalAdvance(CREATED_BY_SAMPLE) + 2 * ROW_AIR
        return max(sample, self.header().sectionSizeHint(CREATED_BY))

    def _column_width(self, column: int) -> int:
        return self._created_by_width() if column == CREATED_BY else self.sizeHintForColumn(column)

    def _rows_height(self, rows: int) -> int:
        chrome = self.header().sizeHint().height() + 2 * self.frameWidth()
        lines = self.topLevelItemCount() + sum(self.topLevelItem(i).childCount() for i in range(self.topLevelItemCount()))
        return chrome + min(rows, lines) * self.sizeHintForRow(0)

    def _fixed_columns_width(self) -> int:
        return sum(self._column_width(column) for column in range(1, len(COLUMNS))
                   if not self.isColumnHidden(column))

    def _width_for(self, description: int) -> int:
        scrollbar = self.verticalScrollBar().sizeHint().width()
        return self._fixed_columns_width() + description + 2 * self.frameWidth() + scrollbar

    def sizeHint(self) -> QSize:  # Qt override
        widest = max((self.sizeHintForColumn(DESCRIPTION), self.header().sectionSizeHint(DESCRIPTION)))
        return QSize(self._width_for(min(widest, DESCRIPTION_ROOM)), self._rows_height(OPENING_ROWS))

    def minimumSizeHint(self) -> QSize:  # Qt override
        return QSize(self._width_for(SMALLEST_DESCRIPTION), self._rows_height(SMALLEST_ROWS))


class TokenListSummary(QWidget):
    """The list and its "See more details" toggle; `details_toggled` lets the dialog refit itself."""

    details_toggled = Signal(bool)

    def __init__(self, tokens: Sequence[Token], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = TokenList(tokens)
        self._toggle = details_toggle()
        self._toggle.toggled.connect(self.set_details_expanded)
        self._toggle.toggled.connect(self.details_toggled)
        self.set_details_expanded(False)
        self.tree.setColumnHidden(RESULT_COLUMN, True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self._toggle, 0, Qt.AlignmentFlag.AlignLeft)

    def set_details_expanded(self, expanded: bool) -> None:
        for column in DETAIL_COLUMNS:
            self.tree.setColumnHidden(column, not expanded)
        self._toggle.setChecked(expanded)
        self.tree.updateGeometry()

    def show_results(self, results: Sequence[tuple[str, bool]]) -> None:
        """(text, succeeded) per token, in list order; failures in the error colour, and said in words."""
        c = colours()
        for row, (text, succeeded) in enumerate(results):
            item = self.tree.token_items[row]
            item.setText(RESULT_COLUMN, text)
            item.setForeground(RESULT_COLUMN, QBrush(QColor(c.success_text if succeeded else c.error_text)))
        self.tree.setColumnHidden(RESULT_COLUMN, False)
        self.tree.updateGeometry()


def cluster_group_title(cluster: Cluster | None, count: int) -> str:
    name = display.visible_text(cluster.label) if cluster is not None else "this connection's cluster"
    return f"Cluster {name} ({count} token{'' if count == 1 else 's'})"


def _cluster_groups(tokens: Sequence[Token]) -> list[tuple[Cluster | None, list[int]]]:
    """Rows of the tokens per cluster, the clusters in the order their first token comes."""
    groups: dict[Cluster | None, list[int]] = {}
    for row, token in enumerate(tokens):
        groups.setdefault(token.cluster, []).append(row)
    return list(groups.items())


def _token_item(token: Token, metrics: QFontMetrics) -> QTreeWidgetItem:
    created_by = token.created_by or ("" if token.kind is TokenKind.DATABASE else display.NOT_RECORDED)
    # Not a table with a header to name the zone once: each time says its zone (docs/GLOSSARY.md).
    expiry = display.optional_local_time_with_zone(token.expires_at, display.NEVER)
    description = display.text_or_empty(display.visible_text(token.description))  # the server's text; "—" as the table
    values = (description, token.id, expiry, display.optional_local_time_with_zone(token.created_at, display.NOT_RECORDED),
              display.visible_text(created_by), display.status_now(token).label, "")
    item = QTreeWidgetItem(list(values))  # item views draw plain text
    item.setToolTip(DESCRIPTION, plain_tooltip(display.visible_text(token.description, line_breaks=True)))  # the whole text of an elided one
    # A little air above and below each line (the width is the whole description's, for the size hint).
    item.setSizeHint(DESCRIPTION, QSize(metrics.horizontalAdvance(description) + 2 * ROW_AIR,
                                        metrics.height() + ROW_AIR))
    return item
