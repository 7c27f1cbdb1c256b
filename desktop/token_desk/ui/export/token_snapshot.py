"""A page's rows frozen for export: taken on the GUI thread, turned into cells on the worker."""

from __future__ import annotations

from token_desk.api.models import Token
from token_desk.export import TokenTable
from token_desk.models.columns import Column, ColumnSpec
from token_desk.models.display import DisplayStatus, local_time_with_zone

# A file is read away from this computer, where no header tooltip says which zone the table's times are in:
# there each local time says its zone ("2026-12-03 08:11 CET" beside "2026-12-03T07:11:00Z" in the UTC column).
TIME_FIELDS = {Column.CREATED_AT: "created_at", Column.EXPIRES_AT: "expires_at", Column.REVOKED_AT: "revoked_at"}


def cell_text(column: ColumnSpec, token: Token, status: DisplayStatus) -> str:
    """What the table shows in this cell, a time with its zone."""
    field = TIME_FIELDS.get(column.key)
    moment = getattr(token, field) if field else None
    return column.text(token, status) if moment is None else local_time_with_zone(moment)


def visible_columns(page) -> list[ColumnSpec]:
    """The page's columns as the user arranged them: visual order, hidden ones left out."""
    header = page.view.horizontalHeader()
    logical = [header.logicalIndex(visual) for visual in range(header.count())]
    return [page.columns[index] for index in logical if not header.isSectionHidden(index)]


def token_table(page, shown_only: bool) -> TokenTable:
    """The rows shown (search, filter and sort applied) or every row of the page (in the server's order).

    Only the tokens and their statuses are copied here (cheap); the cell texts, by the same column
    specifications the table shows, are worked out later on the worker thread.
    """
    model, proxy = page.model, page.proxy
    rows = [proxy.source_row(row) for row in range(proxy.rowCount())] if shown_only else range(model.rowCount())
    rows = list(rows)
    tokens = [model.token_at(row) for row in rows]
    findings = model.row_values.findings  # this list's findings, spelt out on the worker
    statuses = [model.status_at(row) for row in rows]
    columns = visible_columns(page)

    def cells(row: int) -> list[str]:
        token, status = tokens[row], statuses[row]
        return [cell_text(column, token, status) for column in columns]

    return TokenTable(page.kind, tuple(column.title for column in columns), tokens, cells,
                      lambda row: findings.findings(rows[row]))
