"""Export…: which rows (shown or all), CSV or JSON, where; then a progress bar while a worker writes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QButtonGroup, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                               QProgressBar, QPushButton, QRadioButton, QVBoxLayout, QWidget)

from token_desk.export import export_table_json, export_tokens_csv
from token_desk.tasks import run_in_background
from token_desk.ui.common.dialog_buttons import StandardButton, button_box
from token_desk.ui.common.file_prompts import FilePrompts, with_suffix
from token_desk.ui.common.plain_text import plain_label
from token_desk.ui.common.progress_relay import ProgressRelay
from token_desk.ui.export.token_snapshot import token_table

MINIMUM_WIDTH = 560  # room for a typical path beside Browse…

FORMAT_TEXTS = {
    "csv": "CSV: the columns shown, plus UTC times, every permission and the findings",
    "json": "JSON: the API's own field names and RFC 3339 times, with the findings, one array",
}


def plural(count: int, word: str) -> str:
    return f"{count:,} {word}" + ("" if count == 1 else "s")


def default_file_name(page_title: str, file_format: str) -> str:
    return f"{page_title.lower().replace(' ', '-')}-{date.today():%Y-%m-%d}.{file_format}"


class ExportDialog(QDialog):
    """Modal while open; `exported(message)` once the file is written whole."""

    exported = Signal(str)

    def __init__(self, parent: QWidget, page, prompts: FilePrompts | None = None,
                 folder: Path | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Export {page.title}")
        self._page = page
        self._prompts = prompts or FilePrompts()
        self._running = False
        self._relay = ProgressRelay(self)
        self._relay.progressed.connect(self._progressed)
        self._build(folder or Path.home())

    # ---- building -----------------------------------------------------------------------------------
    def _build(self, folder: Path) -> None:
        counts = self._page.proxy.counts()
        shown, total = self._page.proxy.rowCount(), counts.total
        self.shown_choice = self._radio("shown", f"Rows shown ({plural(shown, 'token')}: search, filters and sort applied)")
        self.all_choice = self._radio("all", f"All rows of this page ({plural(total, 'token')})")
        self.shown_choice.setChecked(True)
        self.csv_choice = self._radio("csv", FORMAT_TEXTS["csv"])
        self.json_choice = self._radio("json", FORMAT_TEXTS["json"])
        self.csv_choice.setChecked(True)
        self._group(self.shown_choice, self.all_choice)
        self._group(self.csv_choice, self.json_choice).buttonToggled.connect(self._format_changed)
        self.path_edit = QLineEdit(str(folder / default_file_name(self._page.title, "csv")))
        self.path_edit.setObjectName("path")
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        self.progress = QProgressBar()
        self.progress.hide()
        self.problem = plain_label(wrap=True, selectable=True)
        self.problem.setObjectName("problem")
        self.problem.hide()
        self.buttons = button_box(StandardButton.Cancel)
        self.export_button = self.buttons.addButton("Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setDefault(True)
        self.buttons.accepted.connect(self.start_export)
        self.buttons.rejected.connect(self.reject)
        self._lay_out(browse)

    def _radio(self, name: str, text: str) -> QRadioButton:
        button = QRadioButton(text)
        button.setObjectName(name)
        return button

    def _group(self, *buttons: QRadioButton) -> QButtonGroup:
        group = QButtonGroup(self)
        for button in buttons:
            group.addButton(button)
        return group

    def _lay_out(self, browse: QPushButton) -> None:
        form = QFormLayout()
        form.addRow("Rows:", self._column(self.shown_choice, self.all_choice))
        form.addRow("Format:", self._column(self.csv_choice, self.json_choice))
        where = QHBoxLayout()
        where.addWidget(self.path_edit, 1)
        where.addWidget(browse)
        file_label = QLabel("&File:")
        file_label.setBuddy(self.path_edit)  # Alt+F, and what a screen reader calls the field
        form.addRow(file_label, where)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        # A floor, never below what the choices need: a fixed minimum overrides the layout's and cut them.
        self.setMinimumWidth(max(MINIMUM_WIDTH, layout.minimumSize().width()))

    @staticmethod
    def _column(*widgets: QWidget) -> QVBoxLayout:
        column = QVBoxLayout()
        for widget in widgets:
            column.addWidget(widget)
        return column

    # ---- choices ------------------------------------------------------------------------------------
    @property
    def file_format(self) -> str:
        return "json" if self.json_choice.isChecked() else "csv"

    @property
    def shown_only(self) -> bool:
        return self.shown_choice.isChecked()

    @property
    def path(self) -> Path:
        return with_suffix(Path(self.path_edit.text().strip()).expanduser(), self.file_format)

    def _format_changed(self, *_args: object) -> None:
        text = self.path_edit.text().strip()
        if text:
            self.path_edit.setText(str(Path(text).with_suffix(f".{self.file_format}")))

    def _browse(self) -> None:
        chosen = self._prompts.choose_save_path(self, "Export To", self.path, self.file_format)
        if chosen is not None:
            self.path_edit.setText(str(with_suffix(chosen, self.file_format)))

    # ---- exporting ----------------------------------------------------------------------------------
    def start_export(self) -> None:
        """Check the file name, ask before replacing a file, then write off the GUI thread."""
        if self._running:
            return
        path = self.path
        problem = _path_problem(path)
        if problem:
            self._show_problem(problem)
            return
        if path.exists() and not self._prompts.confirm_overwrite(self, path):
            return
        table = token_table(self._page, self.shown_only)
        self._set_running(True, len(table.tokens))
        if self.file_format == "csv":
            job, argument = export_tokens_csv, table
        else:
            job, argument = export_table_json, table
        run_in_background(job, path, argument, self._relay.report, context=self,
                          on_result=lambda count: self._finished(path, count), on_error=self._failed)

    def _set_running(self, running: bool, total: int = 0) -> None:
        self._running = running
        self.problem.hide()
        self.progress.setVisible(running)
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(0)
        self.export_button.setEnabled(not running)
        for widget in (self.shown_choice, self.all_choice, self.csv_choice, self.json_choice, self.path_edit):
            widget.setEnabled(not running)

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)

    def _finished(self, path: Path, count: int) -> None:
        self._set_running(False)
        self.exported.emit(f"Exported {plural(count, 'token')} to {path}.")
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._set_running(False)
        if isinstance(error, OSError):
            self._show_problem(f"Could not write {self.path}: {error.strerror or error}. Nothing was written; "
                               "choose another folder or free some space, then export again.")
        else:
            raise error  # a bug: the application's excepthook reports it

    def _show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()

    def reject(self) -> None:  # Qt override: no closing while a worker writes (its rename must finish)
        if not self._running:
            super().reject()


def _path_problem(path: Path) -> str:
    if not path.name or path.name.startswith(".") and path.suffix == path.name:
        return "Enter a file name to export to."
    if not path.parent.is_dir():
        return f"The folder {path.parent} does not exist; choose an existing folder."
    if path.is_dir():
        return f"{path} is a folder; enter a file name."
    return ""
