"""The token tables: pages, the table view and its ⋮ strip, column layout, details, the loader; the row table
they share with the Clusters page and the History window."""

from token_desk.ui.tokens.cluster_loader import ClusterTokenLoader
from token_desk.ui.tokens.loader import TokenLoader
from token_desk.ui.tokens.row_table import RowTableView
from token_desk.ui.tokens.token_page import PageActions, TokenPage

__all__ = ["ClusterTokenLoader", "PageActions", "TokenDetailsDialog", "RowTableView", "TokenLoader", "TokenPage", "TokenSummary", "details_toggle"]


def __getattr__(name: str):
    """The Details dialog and its parts load when first named (PEP 562): only the Details and Revoke dialogs
    use them, not the first paint. An import statement, which PyInstaller follows into the packaged app."""
    if name in ("TokenDetailsDialog", "TokenSummary", "details_toggle"):
        from token_desk.ui.tokens import details_dialog

        return getattr(details_dialog, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
