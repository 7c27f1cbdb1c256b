"""The token tables: pages, the table view and its ⋮ strip, column layout, details, the loader; the row table
they share with the Clusters page and the History window."""

from token_desk.ui.tokens.cluster_loader import ClusterTokenLoader
from token_desk.ui.tokens.details_dialog import TokenDetailsDialog, TokenSummary, details_toggle
from token_desk.ui.tokens.loader import TokenLoader
from token_desk.ui.tokens.row_table import RowTableView
from token_desk.ui.tokens.token_page import TokenPage

__all__ = ["ClusterTokenLoader", "TokenDetailsDialog", "RowTableView", "TokenLoader", "TokenPage", "TokenSummary", "details_toggle"]
