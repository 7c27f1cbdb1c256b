"""The Connections dialog's "influxctl program" setting: which influxctl runs for management tokens."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QWidget

from token_desk.ui.common.plain_text import plain_label

NOT_FOUND = "not found (management tokens need influxctl 2.6.0 or later)"


class InfluxctlProgramRow(QWidget):
    """Shows the influxctl in use; "Choose…" emits `chosen(path)` (the owner remembers it)."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = QLabel("influxctl program:", self)
        self.path_label = plain_label("", self, selectable=True)
        self.choose_button = QPushButton("Choose…", self)
        self.choose_button.clicked.connect(self._choose)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.path_label, 1)
        layout.addWidget(self.choose_button)

    def show_program(self, label: str | None) -> None:
        self.path_label.setText(label or NOT_FOUND)

    def _choose(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, "Choose influxctl")
        if path:
            self.show_program(path)
            self.chosen.emit(path)
