"""Export…: the current page's tokens to CSV or JSON (File menu, Ctrl+E; declared in ui/shell/command_list.py)."""

from __future__ import annotations

from typing import Protocol

from token_desk.connection import Connection
from token_desk.ui.common.file_prompts import FilePrompts
from token_desk.ui.export.export_dialog import ExportDialog

__all__ = ["ExportDialog", "open_export"]


class ExportHost(Protocol):
    """The window, as Export sees it."""

    status: object  # its show_message(text, ms) says where the file went

    @property
    def connection(self) -> Connection | None: ...
    def current_page(self) -> object: ...


def open_export(window: ExportHost, prompts: FilePrompts | None = None) -> ExportDialog | None:
    """Open the Export dialog for the page shown (non-blocking); returns it for callers to follow."""
    if window.connection is None:
        return None
    from token_desk.ui.export.export_dialog import ExportDialog

    dialog = ExportDialog(window, window.current_page(), prompts)
    dialog.exported.connect(window.status.show_message)
    dialog.open()
    return dialog
