"""The columns of the token tables: one specification per column, one tuple of them per table.

Everything a column is (title, cell text, tooltip, sort key, search text, width and alignment)
is said once, here; the model, the proxy and the view only read these specifications, so
adding a column is one entry in a table's tuple.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Hashable, Sequence
from datetime import datetime

from msgspec import Struct
from msgspec.structs import replace
from PySide6.QtCore import Qt

from token_desk.api.models import Token, TokenKind
from token_desk.models import cells, display
from token_desk.models.display import DisplayStatus

CellText = Callable[[Token, DisplayStatus], str]
CellTooltip = Callable[[Token, DisplayStatus, datetime], str]
SortKeys = Callable[[Sequence[Token], Sequence[DisplayStatus]], list]
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
TIME_HEADER_TIP = "Shown in your local time zone; hover a cell for the exact UTC time."


class Column(enum.Enum):
    """The names of the built-in columns; a specification's `key` (tests find columns by it)."""

    STATUS = "Status"
    DESCRIPTION = "Description"
    TOKEN_ID = "Token ID"
    PREFIX = "Prefix"
    DATABASES = "Databases"
    CREATED_AT = "Created At"
    EXPIRES_AT = "Expires At"
    REVOKED_AT = "Revoked At"
    CREATED_BY = "Created By"
    FINDINGS = "Findings"
    CLUSTER = "Cluster"

    @property
    def label(self) -> str:
        return self.value


class Width(enum.Enum):
    FIT = "fit"  # as wide as the header, or the sample text
    STRETCH = "stretch"  # free text: shares whatever width is left, but not below its sample (the table scrolls)
    STRETCH_MIDDLE = "stretch, elide middle"  # as STRETCH, for a long name read at both ends (a cluster's URL)
    ELIDE_MIDDLE = "elide middle"  # IDs lose their middle, so both ends stay recognisable
    SHORT_ID = "short id"  # the first characters and "…" unless widened by hand: IDs are for copying, not reading
    KEEP_COUNT = "keep count"  # summaries lose the end of their first item, never their "+ N more"


STRETCHING = (Width.STRETCH, Width.STRETCH_MIDDLE)


class ColumnSpec(Struct, frozen=True, eq=False):
    """One column. `sort_keys` computes every row's native key in one pass (see cells.py for why)."""

    key: Hashable
    title: str
    text: CellText
    tooltip: CellTooltip
    sort_keys: SortKeys
    search_field: str | None = None  # the Token attribute the search box matches, if any
    width: Width = Width.FIT
    width_sample: str = ""  # first-start width: this text fits whole
    icon_room: int = 0  # pixels for a decoration before the text
    alignment: Qt.AlignmentFlag = LEFT
    header_tooltip: str = ""
    can_hide: bool = True  # people may hide it from the header's menu (not the status or the description)
    inactive_only: bool = False  # shown only with inactive tokens: for an active token it is always empty
    shown_by_default: bool = True  # at first start and after Reset Columns
    # Worked out from the whole list (its findings), not from one token: the model and the rows read
    # the row's findings instead of calling text/tooltip/sort_keys.
    from_findings: bool = False
    several_clusters_only: bool = False  # shown only while tokens of several clusters are: else all rows say the same


def text_column(key: Column, field: str, *, search: bool = False, width: Width = Width.FIT,
                sample: str = "") -> ColumnSpec:
    """A column showing one text field of the token ("—" when empty)."""
    return ColumnSpec(key, key.label, cells.field_text(field), cells.plain_cell_tooltip(field),
                      cells.text_keys(field), field if search else None, width, sample)


def time_column(key: Column, field: str, missing: str, tooltip_missing: str | CellTooltip) -> ColumnSpec:
    """A column showing one time of the token in local time, with the exact UTC value as tooltip
    (or the given tooltip function, when what a missing time means depends on the token)."""
    tooltip = tooltip_missing if callable(tooltip_missing) else cells.time_tooltip(field, tooltip_missing)
    return ColumnSpec(key, key.label, cells.time_text(field, missing), tooltip,
                      cells.time_keys(field), width_sample="2024-03-19 20:09", header_tooltip=TIME_HEADER_TIP)


STATUS = ColumnSpec(Column.STATUS, Column.STATUS.label, cells.status_text, display.status_tooltip,
                    cells.status_keys, width_sample="Expires soon", icon_room=24, can_hide=False)
# Its sample is its floor: enough to tell tokens apart ("Airflow – data platf…" was not).
DESCRIPTION = replace(text_column(Column.DESCRIPTION, "description", search=True, width=Width.STRETCH,
                                  sample="Airflow – data platform"), can_hide=False)
TOKEN_ID = text_column(Column.TOKEN_ID, "id", search=True, width=Width.SHORT_ID, sample=display.short_id(
    "00000000-0000-0000-0000-000000000000"))  # the whole ID is in the tooltip, and Copy Token ID copies it
# The length the API hands out (see the spec's examples).
PREFIX = text_column(Column.PREFIX, "prefix", search=True, sample="M.V1.+5Jk")
# Never "+ 1 m…", nor "…cs (read), + 1 more" (which reads as another database's name): the first database
# loses its end and the count of further databases, the summary's point, stays whole.
DATABASES = ColumnSpec(Column.DATABASES, Column.DATABASES.label, cells.databases_text, cells.databases_tooltip,
                       cells.databases_keys, width=Width.KEEP_COUNT,
                       width_sample="telemetry (write), + 1 more")  # the Admin UI's example
CREATED_AT = time_column(Column.CREATED_AT, "created_at", display.EMPTY_CELL, display.NOT_RECORDED)
EXPIRES_AT = time_column(Column.EXPIRES_AT, "expires_at", display.NEVER, display.NEVER_EXPIRES)
# Only revoked tokens have one, and they show only with "Show inactive tokens": the room goes to Description.
REVOKED_AT = replace(time_column(Column.REVOKED_AT, "revoked_at", display.EMPTY_CELL, cells.revoked_at_tooltip),
                     inactive_only=True)
CREATED_BY = text_column(Column.CREATED_BY, "created_by", width=Width.ELIDE_MIDDLE)
# The cluster a database token belongs to, by name (its ID in the tooltip); the search box matches the name.
CLUSTER = ColumnSpec(Column.CLUSTER, Column.CLUSTER.label, cells.cluster_text, cells.cluster_tooltip,
                     cells.cluster_keys, search_field="cluster_name", width_sample="Production (eu-central-1)",
                     header_tooltip="The cluster of the account each token belongs to",
                     several_clusters_only=True)

# What an auditor would flag (token_desk.findings); off until someone asks for it in the column menu.
FINDINGS = ColumnSpec(Column.FINDINGS, Column.FINDINGS.label, cells.no_text, cells.no_tooltip, cells.no_keys,
                      width_sample="Missing database, Old", icon_room=24, shown_by_default=False, from_findings=True,
                      header_tooltip="What an auditor would flag; sorts by the worst finding, then how many.")

MANAGEMENT_COLUMNS = (STATUS, DESCRIPTION, TOKEN_ID, PREFIX, CREATED_AT, EXPIRES_AT, REVOKED_AT, CREATED_BY, FINDINGS)
# Cluster last: a header saved before it existed keeps its sections where they were.
DATABASE_COLUMNS = (STATUS, DESCRIPTION, TOKEN_ID, DATABASES, CREATED_AT, EXPIRES_AT, REVOKED_AT, FINDINGS, CLUSTER)


def columns_for(kind: TokenKind) -> tuple[ColumnSpec, ...]:
    return MANAGEMENT_COLUMNS if kind is TokenKind.MANAGEMENT else DATABASE_COLUMNS


def section_of(columns: Sequence[ColumnSpec], key: Hashable) -> int | None:
    """Where the column named `key` is, or None when the table has no such column."""
    return next((section for section, spec in enumerate(columns) if spec.key == key), None)


def search_fields(columns: Sequence[ColumnSpec]) -> tuple[str, ...]:
    return tuple(spec.search_field for spec in columns if spec.search_field)
