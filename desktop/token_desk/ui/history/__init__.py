"""The History window: every change Token Desk attempted, its outcome, Check Now and export (Ctrl+H)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:  # the window is imported when first shown: the first paint does not need it
    from token_desk.history import Journal
    from token_desk.ui.common.file_prompts import FilePrompts
    from token_desk.ui.history.history_window import HistoryWindow

__all__ = ["HistoryWindow", "install_history"]


def __getattr__(name: str):
    if name == "HistoryWindow":
        from token_desk.ui.history.history_window import HistoryWindow

        return HistoryWindow
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def install_history(window, journal: Journal | None, prompts: FilePrompts | None = None) -> QAction:
    """Add View → History (Ctrl+H) to `window`; the History window is made on first use and kept.

    Without a journal (--demo records nothing) the command is there but disabled, and says why."""
    action = QAction("History", window)
    action.setShortcut(QKeySequence("Ctrl+H"))
    action.setStatusTip("Every create, edit, rotate and revoke Token Desk attempted, and its outcome")
    window.menus.view_menu.addSeparator()
    window.menus.view_menu.addAction(action)
    window.addAction(action)
    if journal is None:
        action.setEnabled(False)
        action.setStatusTip("The demo keeps no history: nothing it does is recorded")
        return action
    history: list[HistoryWindow] = []

    def show_history() -> None:
        if not history:
            from token_desk.ui.history.history_window import HistoryWindow

            history.append(HistoryWindow(journal, lambda: window.connection, prompts, window))
            if window.connections is not None:
                window.connections.connection_changed.connect(history[0].update_check)
        history[0].show()
        history[0].raise_()
        history[0].activateWindow()

    action.triggered.connect(show_history)
    return action
