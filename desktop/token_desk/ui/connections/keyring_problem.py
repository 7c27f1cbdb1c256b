"""When the system keyring fails: say so in plain words and offer to use the token for this session only."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from token_desk.credentials import SecretStoreError, validate_token
from token_desk.ui.common.dialog_buttons import button_box
from token_desk.ui.common.icons import icon
from token_desk.ui.common.plain_text import plain_label
from token_desk.ui.common.secret_field import SecretField

HEADLINE = "Token Desk cannot use the system keyring"
SESSION_BUTTON_TEXT = "Use This Token for This Session Only"
SESSION_EXPLANATION = (
    "The token is then kept in memory until Token Desk quits and is never written to disk; "
    "you will be asked for it again next time."
)


class KeyringProblemDialog(QDialog):
    """Shows str(error) (the problem and its fix); with no token yet, also asks for one."""

    def __init__(self, parent: QWidget | None, error: SecretStoreError, token: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("System Keyring Unavailable")
        self.setMinimumWidth(520)
        self.session_token: str | None = None
        self._token = token
        self.headline_label = plain_label(HEADLINE, wrap=True, selectable=True)
        self.headline_label.setStyleSheet("font-weight: 600;")
        self.message_label = plain_label(str(error), wrap=True, selectable=True)
        self.explanation_label = plain_label(SESSION_EXPLANATION, wrap=True, selectable=True)
        self.token_field = SecretField(self)
        self.token_field.setVisible(token is None)
        self.session_button = QPushButton(SESSION_BUTTON_TEXT, self)
        self.buttons = button_box(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.addButton(self.session_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.token_field.text_changed.connect(self._revalidate)
        self._lay_out()
        self._revalidate()

    def _lay_out(self) -> None:
        layout = QVBoxLayout(self)
        top = QLabel()
        top.setPixmap(icon("warning").pixmap(28, 28))
        for widget in (top, self.headline_label, self.message_label, self.explanation_label, self.token_field,
                       self.buttons):
            layout.addWidget(widget)

    @classmethod
    def ask(cls, parent: QWidget | None, error: SecretStoreError, token: str | None = None) -> str | None:
        """The token to keep for this session, or None when the person cancelled."""
        dialog = cls(parent, error, token)
        dialog.exec()
        return dialog.session_token

    def _chosen_token(self) -> str:
        return self._token if self._token is not None else self.token_field.text().strip()

    def _revalidate(self) -> None:
        self.session_button.setEnabled(validate_token(self._chosen_token()) is None)

    def accept(self) -> None:  # Qt override
        if validate_token(self._chosen_token()) is not None:
            return
        self.session_token = self._chosen_token()
        super().accept()
