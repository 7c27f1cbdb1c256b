"""Help → Keyboard Shortcuts: every command's shortcut, read from the command registry so it never drifts."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from token_desk.ui.common.dialog_buttons import button_box
from token_desk.ui.shell.command_registry import Command, key_sequences

MINIMUM_SIZE = (460, 420)


def shortcut_rows(commands: Sequence[Command]) -> list[tuple[str, str]]:
    """(command, keys) for each command with a shortcut on this system, in menu order; keys as the system
    writes them (⌘ on a Mac)."""
    rows = []
    for command in commands:
        keys = [sequence.toString(QKeySequence.SequenceFormat.NativeText)
                for sequence in key_sequences(command.shortcuts)]
        if not keys:
            continue
        where = f" (on the {command.page.label.lower()}s page)" if command.page is not None else ""
        rows.append((command.text.replace("&", "").rstrip("…"), ", ".join(keys) + where))
    return rows


class ShortcutsDialog(QDialog):
    def __init__(self, parent: QWidget | None, commands: Sequence[Command]) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard Shortcuts")
        self.setMinimumSize(*MINIMUM_SIZE)
        rows = shortcut_rows(commands)
        self.table = QTableWidget(len(rows), 2, self)
        self.table.setAccessibleName("Keyboard shortcuts")
        self.table.setHorizontalHeaderLabels(["Command", "Shortcut"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        for row, (text, keys) in enumerate(rows):
            self.table.setItem(row, 0, QTableWidgetItem(text))  # items never render rich text
            self.table.setItem(row, 1, QTableWidgetItem(keys))
        buttons = button_box(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)

    @classmethod
    def show_for(cls, parent: QWidget | None, commands: Sequence[Command]) -> None:
        dialog = cls(parent, commands)
        dialog.exec()
        dialog.deleteLater()
