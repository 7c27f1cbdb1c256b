"""The source model of one token table (management or database tokens)."""

from __future__ import annotations

import logging
import time
from datetime import datetime
from collections.abc import Hashable
from typing import Any, Callable, Mapping, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QIcon

from token_desk.api.models import Token, TokenKind, utc_now
from token_desk.findings import Finding, Policy
from token_desk.findings.evaluate import SharedDescriptions
from token_desk.findings.rules import mask_labels
from token_desk.models.columns import Column, ColumnSpec, columns_for, section_of
from token_desk.models.display import (EMPTY_CELL, SIGNED_IN_MARK, SIGNED_IN_TIP, DisplayStatus, plain_tooltip,
                                       text_or_empty, visible_text)
from token_desk.models.roles import SORT_ROLE, STATUS_ROLE, TOKEN_ROLE
from token_desk.models.row_values import RowValues

StatusColours = Callable[[DisplayStatus], "QColor | None"]

logger = logging.getLogger(__name__)

_Index = QModelIndex | QPersistentModelIndex
NOTHING_TO_FLAG = "Nothing to flag."
# Past this many, moving changed rows one by one (each a filter and sort step in the proxy) costs more
# than resetting the model.
MOST_ROWS_MOVED_ONE_BY_ONE = 200
ONLY_ACTIVE_CHECKED = "Only active tokens are checked for findings."
_ROW_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
)


class TokenTableModel(QAbstractTableModel):
    """Tokens of one kind, one row each; per-row sort keys and search text are precomputed
    (see RowValues) so TokenFilterProxy can sort and filter without calling back into Qt.

    Newest knowledge wins: the table remembers each change the service confirmed (`confirm`) and when
    (time.monotonic(), the clock the loader stamps its requests with). A list requested before a change
    was confirmed may predate it, so `set_tokens(rows, requested_at)` keeps the confirmed copies over
    that list's rows: a stale refresh never brings a revoked token back as active, nor undoes an edit,
    nor drops a token just created."""

    def __init__(
        self,
        kind: TokenKind,
        clock: Callable[[], datetime] = utc_now,
        status_icons: Mapping[DisplayStatus, QIcon] | None = None,
        parent: QObject | None = None,
        columns: Sequence[ColumnSpec] | None = None,
        status_colours: StatusColours | None = None,
        findings_icon: QIcon | None = None,
    ) -> None:
        super().__init__(parent)
        self._kind = kind
        self._columns = tuple(columns) if columns is not None else columns_for(kind)
        self._clock = clock
        self._status_icons = dict(status_icons or {})
        # The colours belong to the UI's palette (light or dark, asked at paint time): handed in.
        self._status_colours = status_colours or (lambda status: None)
        self._findings_icon = findings_icon
        self._rows = RowValues(self._columns, now=clock())
        self._role_handlers = self._make_role_handlers()
        self._failed_cell_logged = False
        self._confirmed: dict[str, tuple[float, Token]] = {}  # token ID -> (when confirmed, the copy)
        self._signed_in: Callable[[Token], bool] = lambda token: False

    @property
    def kind(self) -> TokenKind:
        return self._kind

    @property
    def columns(self) -> tuple[ColumnSpec, ...]:
        return self._columns

    @property
    def row_values(self) -> RowValues:
        """The precomputed per-row values (for TokenFilterProxy)."""
        return self._rows

    def column_at(self, section: int) -> ColumnSpec:
        return self._columns[section]

    def section_of(self, key: Hashable) -> int | None:
        """The section of the column whose specification has `key` (e.g. Column.STATUS)."""
        return section_of(self._columns, key)

    def confirm(self, token: Token) -> None:
        """The service's copy after a change it confirmed (revoke, create, edit): shown now, and kept over
        any list requested before this moment."""
        self._confirmed[token.id] = (time.monotonic(), token)
        self.put_token(token)

    def set_tokens(self, tokens: Sequence[Token] | RowValues, requested_at: float | None = None) -> None:
        """Show a new token list (a model reset; proxies keep their sort and filter).

        `tokens` may also come ready as RowValues(columns, tokens, now), built off the GUI thread.
        `requested_at` (time.monotonic() when the list was asked for): changes confirmed after it are kept
        over the list's rows; None means the list is the newest knowledge there is.
        """
        self._reset_rows(tokens)
        self._confirmed = {token_id: (at, token) for token_id, (at, token) in self._confirmed.items()
                           if requested_at is not None and at > requested_at}
        for _at, token in self._confirmed.values():
            self.put_token(token)

    def _reset_rows(self, tokens: Sequence[Token] | RowValues) -> None:
        if isinstance(tokens, RowValues) and tokens.columns != self._columns:
            raise ValueError("rows prepared for other columns than this table's")
        self.beginResetModel()
        if isinstance(tokens, RowValues):
            self._rows = tokens
        else:
            self._rows = RowValues(self._columns, now=self._clock())  # frees the old rows first: lower peak memory
            self._rows = RowValues(self._columns, tokens, self._rows.now)
            # A list handed over as is (small: tests, a cleared table) gets every finding at once.
            self._rows.apply_shared(self._rows.findings.count_shared())
        self.endResetModel()

    def set_signed_in(self, is_signed_in_with: Callable[[Token], bool]) -> None:
        """How to tell the token Token Desk itself is signed in with: its row says so (and the revoke
        dialog warns). Asked only for rows being drawn: a prefix comparison, no request."""
        self._signed_in = is_signed_in_with
        if len(self._rows):  # how the row reads, not what it says: sorting and search see no change
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self._columns) - 1),
                                  [Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole])

    def update_token(self, token: Token) -> bool:
        """Replace the row holding the token with the same ID; False if there is none."""
        row = self._rows.row_of(token.id)
        if row is None:
            return False
        others = self._rows.replace(row, token)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self._columns) - 1))
        self._rows_changed(others)
        return True

    def add_token(self, token: Token) -> None:
        """A token the server just created: one more row, found by its ID from now on."""
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        others = self._rows.append(token)
        self.endInsertRows()
        self._rows_changed(others)

    def apply_shared(self, rows: RowValues, shared: SharedDescriptions) -> bool:
        """Shared descriptions counted on a worker for `rows`; False (nothing done) if a newer list is shown.
        A few changed rows move one by one (selection and scroll untouched); very many reset the model."""
        if rows is not self._rows:
            return False
        if len(shared.rows) > MOST_ROWS_MOVED_ONE_BY_ONE:
            self.beginResetModel()
            rows.apply_shared(shared)
            self.endResetModel()
        else:
            self._rows_changed(rows.apply_shared(shared))
        return True

    def _rows_changed(self, rows: list[int]) -> None:
        last = len(self._columns) - 1
        for row in rows:
            self.dataChanged.emit(self.index(row, 0), self.index(row, last))

    def set_policy(self, policy: Policy) -> None:
        """New numbers for the findings (Preferences → Policy), applied now: a model reset over the same
        tokens, so proxies filter and sort again."""
        self.beginResetModel()
        self._rows.set_policy(policy)
        self.endResetModel()

    def findings_at(self, row: int) -> tuple[Finding, ...]:
        return self._rows.findings_at(row)

    def put_token(self, token: Token) -> None:
        """The server's copy of a token: its row updated, or a new row if the list lacks it."""
        if not self.update_token(token):
            self.add_token(token)

    def token_at(self, row: int) -> Token:
        return self._rows.tokens[row]

    def status_at(self, row: int) -> DisplayStatus:
        return self._rows.statuses[row]

    def row_of(self, token_id: str) -> int | None:
        return self._rows.row_of(token_id)

    def tokens(self) -> tuple[Token, ...]:
        return tuple(self._rows.tokens)

    # Qt overrides

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        return _ROW_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        return self.cell_data(index.row(), index.column(), role) if index.isValid() else None

    def cell_data(self, row: int, column: int, role: int) -> Any:
        """data() of a valid row and column, without an index of this model (the proxy asks by its own)."""
        handler = self._role_handlers.get(role)
        if handler is None:
            return None
        try:
            return handler(row, self._columns[column])
        except Exception:
            # Nothing may escape to Qt here: PySide6 6.11 segfaults on an exception raised in
            # C (datetime's OverflowError, int("x")) that leaves a Python override while a view
            # paints. An empty cell and a log line are the lesser harm.
            self._log_failed_cell(role)
            return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._columns):
            return None
        column = self._columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.title
        if role == Qt.ItemDataRole.ToolTipRole and column.header_tooltip:
            return column.header_tooltip
        return None

    # data() by role

    def _log_failed_cell(self, role: int) -> None:
        """Log (once per model: a view asks again at every paint) the exception being handled."""
        if not self._failed_cell_logged:
            self._failed_cell_logged = True
            logger.exception("A table cell could not be worked out (role %d); it is left empty.", role)

    def _make_role_handlers(self) -> dict[int, Callable[[int, ColumnSpec], Any]]:
        return {
            Qt.ItemDataRole.DisplayRole: self._display,
            Qt.ItemDataRole.AccessibleTextRole: self._marked,
            Qt.ItemDataRole.ToolTipRole: self._tooltip,
            Qt.ItemDataRole.DecorationRole: self._decoration,
            Qt.ItemDataRole.ForegroundRole: self._foreground,
            Qt.ItemDataRole.TextAlignmentRole: lambda row, column: column.alignment,
            TOKEN_ROLE: lambda row, column: self._rows.tokens[row],
            SORT_ROLE: lambda row, column: self._rows.keys(column)[row],
            STATUS_ROLE: lambda row, column: self._rows.statuses[row],
        }

    def _display(self, row: int, column: ColumnSpec) -> str:
        if column.from_findings:
            return mask_labels()[self._rows.findings.masks[row]] or EMPTY_CELL
        # Shown, the server's text shows its control characters as symbols; exported, it stays as it is.
        return visible_text(column.text(self._rows.tokens[row], self._rows.statuses[row]))

    def _marked(self, row: int, column: ColumnSpec) -> str | None:
        """The signed-in token's description with its mark, in words: what the row draws and a screen reader
        reads (the display text stays the description: search, sort and export see that)."""
        token = self._rows.tokens[row]
        if column.key is Column.DESCRIPTION and self._signed_in(token):
            return f"{visible_text(column.text(token, self._rows.statuses[row]))}{SIGNED_IN_MARK}"
        return None

    def _tooltip(self, row: int, column: ColumnSpec) -> str:
        rows = self._rows
        if column.from_findings:
            return self._findings_tooltip(row) or (NOTHING_TO_FLAG if rows.active[row] else ONLY_ACTIVE_CHECKED)
        token = rows.tokens[row]
        if column.key is Column.DESCRIPTION and self._signed_in(token):
            return plain_tooltip(f"{visible_text(text_or_empty(token.description))}\n\n{SIGNED_IN_TIP}")
        text = column.tooltip(token, rows.statuses[row], rows.now)
        if column.key is Column.STATUS and rows.findings.masks[row]:
            # The row's tooltip lists them too; a missing database's name is server text, so all of it is plain.
            return plain_tooltip(text + "\n\n" + self._findings_tooltip(row, rich=False))
        return text

    def _findings_tooltip(self, row: int, rich: bool = True) -> str:
        findings = self._rows.findings_at(row)
        if not findings:
            return ""
        text = "Needs attention:\n" + "\n".join(f"\u2022 {finding.sentence}" for finding in findings)
        return plain_tooltip(text) if rich else text

    def _decoration(self, row: int, column: ColumnSpec) -> QIcon | None:
        if column.from_findings:
            return self._findings_icon if self._rows.findings.masks[row] else None
        if column.key is not Column.STATUS:
            return None
        return self._status_icons.get(self._rows.statuses[row])

    def _foreground(self, row: int, column: ColumnSpec):
        status = self._rows.statuses[row]
        if status is DisplayStatus.EXPIRES_SOON and column.key not in (Column.STATUS, Column.EXPIRES_AT):
            return None
        return self._status_colours(status)
