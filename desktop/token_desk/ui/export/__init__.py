"""Export…: the current page's tokens to CSV or JSON (File menu, Ctrl+E)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:  # the dialog and the exporters are imported at the first Export…: the first paint needs neither
    from token_desk.ui.common.file_prompts import FilePrompts
    from token_desk.ui.export.export_dialog import ExportDialog

__all__ = ["ExportDialog", "install_export", "open_export"]


def __getattr__(name: str):
    if name == "ExportDialog":
        from token_desk.ui.export.export_dialog import ExportDialog

        return ExportDialog
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def install_export(window, prompts: FilePrompts | None = None) -> QAction:
    """Add File → Export… (Ctrl+E) to `window`; enabled while a connection is shown."""
    action = QAction("Export…", window)
    action.setShortcut(QKeySequence("Ctrl+E"))
    action.setStatusTip("Save the current page's tokens as CSV or JSON")
    action.triggered.connect(lambda: open_export(window, prompts))
    menus = window.menus
    menus.file_menu.insertAction(menus.quit, action)
    menus.file_menu.insertSeparator(menus.quit)
    window.addAction(action)  # the shortcut works wherever the focus is
    action.setEnabled(window.connection is not None)
    if window.connections is not None:
        window.connections.connection_changed.connect(lambda connection: action.setEnabled(connection is not None))
    return action


def open_export(window, prompts: FilePrompts | None = None) -> ExportDialog | None:
    """Open the Export dialog for the page shown (non-blocking); returns it for callers to follow."""
    if window.connection is None:
        return None
    from token_desk.ui.export.export_dialog import ExportDialog

    dialog = ExportDialog(window, window.current_page(), prompts)
    dialog.exported.connect(window.status.show_message)
    dialog.open()
    return dialog
