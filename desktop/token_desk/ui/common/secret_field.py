"""A masked entry for a management token, with a "Show" toggle for what is being typed."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QToolButton, QWidget

STORED_PLACEHOLDER = "Stored in the keyring — leave empty to keep"
NEW_PLACEHOLDER = "Paste the management token"
SENSITIVE_HINTS = Qt.InputMethodHint.ImhSensitiveData | Qt.InputMethodHint.ImhNoPredictiveText


class SecretField(QWidget):
    """Only ever holds what the person typed: a stored token is never loaded into it."""

    text_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line_edit = QLineEdit(self)
        self.line_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.line_edit.setPlaceholderText(NEW_PLACEHOLDER)
        self.line_edit.setAccessibleName("Management token")  # its placeholder is gone once anything is typed
        self.reveal_button = QToolButton(self)
        self.reveal_button.setText("Show")
        self.reveal_button.setCheckable(True)
        self.reveal_button.setToolTip("Show the token you are typing")
        self.reveal_button.setAccessibleName("Show the token")
        self.reveal_button.toggled.connect(self._set_revealed)
        self.line_edit.textChanged.connect(self.text_changed)
        self._lay_out()

    def _lay_out(self) -> None:
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.line_edit, 1)
        layout.addWidget(self.reveal_button)

    def _set_revealed(self, revealed: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if revealed else QLineEdit.EchoMode.Password
        self.line_edit.setEchoMode(mode)
        # Revealed or not, keep the token out of input-method prediction and history.
        self.line_edit.setInputMethodHints(SENSITIVE_HINTS)
        self.reveal_button.setText("Hide" if revealed else "Show")

    def text(self) -> str:
        return self.line_edit.text()

    def set_keeps_stored(self, keeps_stored: bool) -> None:
        """Editing a profile whose token is stored: an empty field means "keep it"."""
        self.line_edit.setPlaceholderText(STORED_PLACEHOLDER if keeps_stored else NEW_PLACEHOLDER)

    def hideEvent(self, event) -> None:  # Qt override
        # A revealed token must not stay on screen once the form is gone.
        self.reveal_button.setChecked(False)
        super().hideEvent(event)
