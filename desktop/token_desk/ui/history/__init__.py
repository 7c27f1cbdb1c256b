"""The History window: every change Token Desk attempted, its outcome, Check Now and export (View menu, Ctrl+H;
declared in ui/shell/command_list.py)."""

from token_desk.ui.history.history_window import HistoryWindow

__all__ = ["HistoryWindow"]
