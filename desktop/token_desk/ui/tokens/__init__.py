"""The token tables: pages, the table view and its ⋮ strip, column layout, details, the loader."""

from token_desk.ui.tokens.details_dialog import TokenDetailsDialog, TokenListSummary, TokenSummary, make_summary
from token_desk.ui.tokens.loader import TokenLoader
from token_desk.ui.tokens.token_page import TokenPage

__all__ = ["TokenDetailsDialog", "TokenListSummary", "TokenLoader", "TokenPage", "TokenSummary", "make_summary"]
