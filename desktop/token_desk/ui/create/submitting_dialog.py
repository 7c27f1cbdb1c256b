"""What the create and edit dialogs share: a confirm button gated by validity, work off the GUI thread,
errors shown in the dialog with the input kept, and no closing while the server has not answered."""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QPushButton, QVBoxLayout, QWidget

from token_desk.tasks import run_in_background
from token_desk.ui.common.dialog_buttons import StandardButton, button_box
from token_desk.ui.common.palette import Colours, error_style, style_live
from token_desk.ui.common.plain_text import plain_label
from token_desk.ui.common.error_text import Step, problem_field, step_error_sentence



def secondary_style(c: Colours) -> str:
    return f"color: {c.secondary_text};"


class SubmittingDialog(QDialog):
    """Subclasses build their fields into `self.form_area`, call `finish_layout(confirm_text)`,
    implement `problem()` and `_send()`, and say what an answer means in `_answered()`."""

    def __init__(self, parent: QWidget | None, title: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(560)
        self._busy = False
        self._checking: str | None = None  # while an unconfirmed change is checked: the sentence saying so
        self.form_area = QVBoxLayout()
        self.hint = plain_label("", self, wrap=True)
        style_live(self.hint, secondary_style)
        self.error = plain_label("", self, wrap=True, selectable=True)
        self.error.setObjectName("dialogError")
        style_live(self.error, error_style)
        self.error.hide()
        self.buttons = button_box(StandardButton.Cancel, self)
        self.confirm_button: QPushButton | None = None

    @classmethod
    def ask(cls, parent: QWidget | None, *args: Any) -> Any:
        """Run the dialog modally; its `result_value` (None or an empty result when cancelled)."""
        dialog = cls(parent, *args)
        dialog.exec()
        result = dialog.result_value
        dialog.deleteLater()
        return result

    @property
    def result_value(self) -> Any:
        raise NotImplementedError

    def finish_layout(self, confirm_text: str) -> None:
        self.confirm_button = self.buttons.addButton(confirm_text, self.buttons.ButtonRole.AcceptRole)
        self.confirm_button.setDefault(True)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form_area, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)
        self.refresh_state()

    # ---- validity -----------------------------------------------------------------------------------
    def problem(self) -> str | None:
        """Why the input cannot be sent yet, or None."""
        raise NotImplementedError

    def refresh_state(self, *_ignored: object) -> None:
        problem = self.problem()
        self.hint.setText(problem or "")
        if self.confirm_button is not None:
            self.confirm_button.setEnabled(problem is None and not self._busy)

    @property
    def busy(self) -> bool:
        return self._busy

    @property
    def error_text(self) -> str:
        return self.error.text() if not self.error.isHidden() else ""

    # ---- sending ------------------------------------------------------------------------------------
    def submit(self) -> None:
        if self._busy or self.problem() is not None:
            return
        call, step = self._send()
        self._set_busy(True)
        run_in_background(call, context=self, on_result=self._on_result, on_error=lambda e: self._on_error(e, step))

    def _send(self) -> tuple[Callable[[], Any], Step]:
        """The call to run off the GUI thread, and the step it is (for the error wording)."""
        raise NotImplementedError

    def _on_result(self, result: Any) -> None:
        self._set_busy(False)
        self._answered(result)

    def _answered(self, result: Any) -> None:
        raise NotImplementedError

    def _on_error(self, error: BaseException, step: Step) -> None:
        self._set_busy(False)
        self.show_error(step_error_sentence(error, step), problem_field(error))
        self._failed(error)

    def _failed(self, error: BaseException) -> None:
        """A hook for subclasses (e.g. remember that a create whose answer was lost may have happened)."""

    def check_outcome(self, sentence: str, call: Callable[[], Any], on_result: Callable[[Any], None],
                      on_error: Callable[[BaseException], None]) -> None:
        """A change was not confirmed: stay busy, saying `sentence`, while `call` re-reads what the service
        shows (off the GUI thread); then hand its answer to `on_result` or its failure to `on_error`."""
        self._checking = sentence
        self._set_busy(True)

        def finished(handler: Callable[[Any], None], value: Any) -> None:
            self._checking = None
            self._set_busy(False)
            handler(value)

        run_in_background(call, context=self, on_result=lambda result: finished(on_result, result),
                          on_error=lambda error: finished(on_error, error))

    def show_error(self, text: str, field: str | None = None) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))
        self._focus_field(field)

    def _focus_field(self, field: str | None) -> None:
        """Subclasses move the focus to the field a 400 named."""

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.form_enabled(not busy)
        if busy:
            self.error.hide()
            self.hint.setText(self._checking or self.busy_text())
        self.buttons.button(StandardButton.Cancel).setEnabled(not busy)
        self.refresh_state()
        if busy:
            self.hint.setText(self._checking or self.busy_text())

    def busy_text(self) -> str:
        return "Waiting for the server…"

    def form_enabled(self, enabled: bool) -> None:
        """Subclasses enable or disable their inputs (kept as typed, never cleared)."""

    # ---- no closing while the server works: its answer may carry a secret shown only once --------
    def reject(self) -> None:  # Qt override
        if not self._busy:
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # Qt override
        if self._busy:
            event.ignore()
        else:
            super().closeEvent(event)
