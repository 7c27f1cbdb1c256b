"""Help → Keyboard Shortcuts: every command's shortcut, read from the command registry so it never drifts."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QVBoxLayout, QWidget

from token_desk.ui.common.dialog_buttons import button_box
from token_desk.ui.shell.command_registry import Command, key_sequences
from token_desk.ui.tokens import RowTableView

MINIMUM_SIZE = (460, 420)
CELL_AIR = 12  # beyond a cell's own margins
MARGIN = 12  # the dialog's, each side


def on_every_keyboard(sequence: QKeySequence) -> bool:
    """False for a key only some keyboards have (Qt's Refresh, Find, New, Copy keys, which a standard key also
    binds on Linux): listed, "F5, Refresh" read as if the word were a shortcut. Such a key still works."""
    first = sequence[0]
    return sequence.count() > 1 or bool(first.keyboardModifiers()) or first.key().value < Qt.Key.Key_Back.value


def shortcut_rows(commands: Sequence[Command]) -> list[tuple[str, str]]:
    """(command, keys) for each command with a shortcut on this system, in menu order; keys as the system
    writes them (⌘ on a Mac)."""
    rows = []
    for command in commands:
        keys = [sequence.toString(QKeySequence.SequenceFormat.NativeText)
                for sequence in key_sequences(command.shortcuts) if on_every_keyboard(sequence)]
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
        self.model = QStandardItemModel(len(rows), 2, self)
        self.model.setHorizontalHeaderLabels(["Command", "Shortcut"])
        for row, (text, keys) in enumerate(rows):
            self.model.setItem(row, 0, QStandardItem(text))  # items never render rich text
            self.model.setItem(row, 1, QStandardItem(keys))
        # Drawn and focused as every table (one line per row, whole rows, left headers): in a plain table
        # "New Management Token" wrapped and lost its second line, and the focus framed one cell.
        self.table = RowTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName("Keyboard shortcuts")
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        # The longest command and some air before its keys ("New Management Token" ran into "Ctrl+N").
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        widths = [self.table.sizeHintForColumn(column) + CELL_AIR for column in range(2)]  # each walks every row
        header.resizeSection(0, widths[0])
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        # Wide enough for both columns whole, never narrower than the minimum.
        frame = 2 * self.table.frameWidth() + self.table.verticalScrollBar().sizeHint().width()
        self.setMinimumWidth(max(MINIMUM_SIZE[0], frame + sum(widths) + 2 * MARGIN))
        buttons = button_box(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(self.minimumWidth(), self._height_for_every_row(buttons))

    def _height_for_every_row(self, buttons: QWidget) -> int:
        """Every shortcut in sight at once where the screen allows (the list is short: a scroll bar only hid
        its last rows), never less than the minimum."""
        rows = sum(self.table.rowHeight(row) for row in range(self.model.rowCount()))
        table = rows + self.table.horizontalHeader().sizeHint().height() + 2 * self.table.frameWidth()
        margins = self.layout().contentsMargins()
        wanted = table + self.layout().spacing() + buttons.sizeHint().height() + margins.top() + margins.bottom()
        screen = self.screen().availableGeometry().height() if self.screen() is not None else wanted
        return max(MINIMUM_SIZE[1], min(wanted, int(screen * 0.85)))

    @classmethod
    def show_for(cls, parent: QWidget | None, commands: Sequence[Command]) -> None:
        dialog = cls(parent, commands)
        dialog.exec()
        dialog.deleteLater()
