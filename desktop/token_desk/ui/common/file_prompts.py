"""Asking where to save a file, and whether to replace one: behind one small service tests replace."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from token_desk.ui.common.message_box import Icon, ask

FILTERS = {"csv": "CSV files (*.csv)", "json": "JSON files (*.json)", "ics": "iCalendar files (*.ics)"}


class FilePrompts:
    """The real, modal questions. Fakes in tests implement the same two methods."""

    def choose_save_path(self, parent: QWidget, title: str, suggested: Path, file_format: str) -> Path | None:
        # Our own overwrite question follows, the same for typed and chosen names.
        path, _filter = QFileDialog.getSaveFileName(parent, title, str(suggested), FILTERS[file_format],
                                                    options=QFileDialog.Option.DontConfirmOverwrite)
        return Path(path) if path else None

    def confirm_overwrite(self, parent: QWidget, path: Path) -> bool:
        question = f"{path.name} already exists in {path.parent}.\nReplace it with this export?"
        return ask(parent, "Replace File?", question, "Replace", "Cancel", icon=Icon.Warning, destructive=True)


def with_suffix(path: Path, file_format: str) -> Path:
    """`path` ending in the format's extension (a typed name without one gets it)."""
    suffix = f".{file_format}"
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)
