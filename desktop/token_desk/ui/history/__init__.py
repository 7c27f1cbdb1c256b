"""The History window: every change Token Desk attempted, its outcome, Check Now and export (Ctrl+H)."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence

from token_desk.history import Journal
from token_desk.ui.common.file_prompts import FilePrompts
from token_desk.ui.history.history_window import HistoryWindow

__all__ = ["HistoryWindow", "install_history"]


def install_history(window, journal: Journal | None, prompts: FilePrompts | None = None) -> QAction:
    """Add View → History (Ctrl+H) to `window`; the History window is made on first use and kept.

    Without a journal the command is there but disabled, and says why; the demo's journal is in memory."""
    action = QAction("History", window)
    action.setShortcut(QKeySequence("Ctrl+H"))
    action.setStatusTip("Every create, edit, rotate and revoke Token Desk attempted, and its outcome")
    window.menus.view_menu.addSeparator()
    window.menus.view_menu.addAction(action)
    window.addAction(action)
    if journal is None:
        action.setEnabled(False)
        action.setStatusTip("No history is kept in this session")
        return action
    if journal.keeps_demo:
        action.setStatusTip("What the demo did, kept for this session only: nothing is written to disk")
    history: list[HistoryWindow] = []

    def show_history() -> None:
        if not history:
            history.append(HistoryWindow(journal, lambda: window.connection, prompts, window))
            if window.connections is not None:
                window.connections.connection_changed.connect(history[0].update_check)
        history[0].show()
        history[0].raise_()
        history[0].activateWindow()

    action.triggered.connect(show_history)
    return action
