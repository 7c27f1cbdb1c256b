"""Qt item models for the token tables (QtCore/QtGui only, no widgets)."""

from token_desk.models.columns import Column, ColumnSpec, Width, columns_for
from token_desk.models.display import DisplayStatus
from token_desk.models.filter_proxy import TokenFilterProxy
from token_desk.models.roles import SORT_ROLE, STATUS_ROLE, TOKEN_ROLE
from token_desk.models.row_order import Counts
from token_desk.models.token_table_model import TokenTableModel

__all__ = [
    "Column",
    "ColumnSpec",
    "Counts",
    "DisplayStatus",
    "SORT_ROLE",
    "STATUS_ROLE",
    "TOKEN_ROLE",
    "TokenFilterProxy",
    "TokenTableModel",
    "Width",
    "columns_for",
]
