"""Import from influxctl: list the profiles of its config.toml, import the chosen ones, report what happened."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QListWidget, QListWidgetItem, QPushButton,
    QRadioButton, QVBoxLayout, QWidget,
)

from token_desk.credentials import (
    ImportReport, InfluxctlCandidate, InfluxctlReadResult, default_influxctl_config_path, read_influxctl_profiles,
)
from token_desk.tasks import run_in_background
from token_desk.ui.common.error_text import error_sentence
from token_desk.ui.common.dialog_buttons import button_box
from token_desk.ui.common.plain_text import plain_label, plain_tooltip

Importer = Callable[..., ImportReport]  # (candidates[, as_influxctl_profiles=True])
MOVE_TOKEN_TEXT = "Management token: move each mgmt_token into the system keyring"
USE_AS_IS_TEXT = "influxctl profile: use each profile as it is (influxctl signs in; no token is stored)"


def candidate_text(candidate: InfluxctlCandidate) -> str:
    name = candidate.name or f"Profile #{candidate.position}"
    detail = candidate.problem or candidate.note or (f"host {candidate.host}" if candidate.host else "")
    return f"{name}\n    {detail}" if detail else name


class InfluxctlImportDialog(QDialog):
    """`importer` does the import (off the GUI thread: it writes to the keyring); `report` holds the outcome."""

    def __init__(self, parent: QWidget | None, importer: Importer, existing_names: Sequence[str] = (),
                 path: Path | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import from influxctl")
        self.setMinimumSize(600, 420)
        self._importer = importer
        self._existing_names = list(existing_names)
        self.report: ImportReport | None = None
        self._candidates: list[InfluxctlCandidate] = []
        self.path_label = plain_label(wrap=True, selectable=True)
        self.choose_button = QPushButton("Choose File…", self)
        self.choose_button.clicked.connect(self._choose_file)
        self.message_label = plain_label(wrap=True, selectable=True)
        self.list = QListWidget(self)
        self.list.setAccessibleName("influxctl profiles to import")
        self.list.itemChanged.connect(self._update_import_button)
        # The two ways a connection can sign in: the token moved to the keyring, or influxctl's own profile.
        self.move_token_radio = QRadioButton(MOVE_TOKEN_TEXT, self)
        self.use_as_is_radio = QRadioButton(USE_AS_IS_TEXT, self)
        self.move_token_radio.setChecked(True)
        self.buttons = button_box(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton("Import Selected", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self._import)
        self.buttons.rejected.connect(self.reject)
        self._lay_out()
        self.load(path if path is not None else default_influxctl_config_path())

    def _lay_out(self) -> None:
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_label, 1)
        file_row.addWidget(self.choose_button)
        layout = QVBoxLayout(self)
        layout.addLayout(file_row)
        layout.addWidget(self.message_label)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.move_token_radio)
        layout.addWidget(self.use_as_is_radio)
        layout.addWidget(self.buttons)

    def load(self, path: Path) -> None:
        """Read `path` and list its profiles; a file-level problem is shown instead of a list."""
        result = read_influxctl_profiles(path, self._existing_names)
        self.path_label.setText(f"File: {path}")
        self.list.clear()
        # Kept beside the rows rather than in item data: plain Python objects, no QVariant round trip.
        self._candidates = list(result.candidates)
        for candidate in result.candidates:
            self.list.addItem(self._item(candidate))
        self.message_label.setText(self._intro(result))
        self._update_import_button()

    @staticmethod
    def _intro(result: InfluxctlReadResult) -> str:
        if result.file_error is not None:
            return result.file_error
        return (f"Found {len(result.candidates)} profile(s), {len(result.importable)} of them importable. "
                "config.toml is not changed either way.")

    @staticmethod
    def _item(candidate: InfluxctlCandidate) -> QListWidgetItem:
        item = QListWidgetItem(candidate_text(candidate))
        if candidate.is_importable:
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
        else:
            item.setFlags(Qt.ItemFlag.NoItemFlags)  # shown, with its reason, but cannot be picked
            item.setCheckState(Qt.CheckState.Unchecked)
        item.setToolTip(plain_tooltip(candidate.problem or candidate.note or ""))
        return item

    def candidates(self) -> list[InfluxctlCandidate]:
        return list(self._candidates)

    def selected(self) -> list[InfluxctlCandidate]:
        return [candidate for row, candidate in enumerate(self._candidates)
                if self.list.item(row).checkState() == Qt.CheckState.Checked]

    def _update_import_button(self, *_ignored: object) -> None:
        self.import_button.setEnabled(self.report is None and bool(self.selected()))

    def _choose_file(self) -> None:
        start = str(default_influxctl_config_path().parent)
        chosen, _filter = QFileDialog.getOpenFileName(self, "influxctl config.toml", start, "TOML files (*.toml);;All files (*)")
        if chosen:
            self.load(Path(chosen))

    def _import(self) -> None:
        if self.report is not None:  # the button now reads "Close"
            self.accept()
            return
        selected = self.selected()
        if not selected:
            return
        self.import_button.setEnabled(False)
        self.choose_button.setEnabled(False)
        self.message_label.setText("Importing…")
        self.move_token_radio.setEnabled(False)
        self.use_as_is_radio.setEnabled(False)
        importer = self._importer
        if self.use_as_is_radio.isChecked():
            importer = functools.partial(self._importer, as_influxctl_profiles=True)
        run_in_background(importer, selected, context=self, on_result=self._show_report,
                on_error=lambda error: self._show_failure(error_sentence(error, "Importing from influxctl", "try again")))

    def _show_report(self, report: ImportReport) -> None:
        self.report = report
        self.message_label.setText(report.summary())
        self.list.setEnabled(False)
        self._finish_buttons()

    def _show_failure(self, message: str) -> None:
        self.message_label.setText(message)
        self.choose_button.setEnabled(True)
        self._update_import_button()

    def _finish_buttons(self) -> None:
        # Relabel rather than replace: the buttons outlive this call and tests hold on to them.
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).hide()
        self.import_button.setText("Close")
        self.import_button.setEnabled(True)
