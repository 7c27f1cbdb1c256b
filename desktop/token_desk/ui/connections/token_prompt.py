"""Ask for a management token (first use, or after a 401), optionally for this session only."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from token_desk.credentials import validate_token
from token_desk.ui.common.dialog_buttons import button_box
from token_desk.ui.common.palette import error_style, style_live
from token_desk.ui.common.plain_text import plain_label
from token_desk.ui.common.secret_field import SecretField

SESSION_ONLY_TEXT = "Use for this session only (do not save it in the system keyring)"
SESSION_ONLY_NOTE = "Token Desk keeps this token in memory until it quits; nothing is saved."


@dataclass(frozen=True)
class TokenPromptResult:
    token: str = field(repr=False)
    session_only: bool


class TokenPrompt(QDialog):
    """`can_store=False` (one-off or demo connections): the token is always session-only."""

    def __init__(self, parent: QWidget | None, message: str, *, title: str = "Management Token",
                 can_store: bool = True) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(480)
        self.result_value: TokenPromptResult | None = None
        self.message_label = plain_label(message, wrap=True)
        self.token_field = SecretField(self)
        self.session_only_box = QCheckBox(SESSION_ONLY_TEXT, self)
        self.session_only_box.setVisible(can_store)
        self.note_label = plain_label(SESSION_ONLY_NOTE, wrap=True)
        self.note_label.setVisible(not can_store)
        self.problem_label = plain_label("", wrap=True)
        style_live(self.problem_label, error_style)
        self._can_store = can_store
        self.buttons = button_box(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button.setText("Use Token")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.token_field.text_changed.connect(self._revalidate)
        self._lay_out()
        self._revalidate()

    def _lay_out(self) -> None:
        layout = QVBoxLayout(self)
        for widget in (self.message_label, self.token_field, self.problem_label, self.session_only_box,
                       self.note_label, self.buttons):
            layout.addWidget(widget)

    @property
    def ok_button(self):
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    @classmethod
    def ask(cls, parent: QWidget | None, message: str, *, title: str = "Management Token",
            can_store: bool = True) -> TokenPromptResult | None:
        dialog = cls(parent, message, title=title, can_store=can_store)
        dialog.exec()
        return dialog.result_value

    def _revalidate(self) -> None:
        problem = validate_token(self.token_field.text())
        typed = bool(self.token_field.text())
        self.problem_label.setText(problem if problem and typed else "")
        self.problem_label.setVisible(bool(problem and typed))
        self.ok_button.setEnabled(problem is None)

    def accept(self) -> None:  # Qt override
        if validate_token(self.token_field.text()) is not None:
            return
        session_only = not self._can_store or self.session_only_box.isChecked()
        self.result_value = TokenPromptResult(self.token_field.text().strip(), session_only)
        super().accept()
