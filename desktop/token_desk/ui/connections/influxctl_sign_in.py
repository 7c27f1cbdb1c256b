"""influxctl's browser sign-in, shown while influxctl waits: its URL and code, and Cancel to stop it."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from token_desk.api.influxctl import LoginPrompt
from token_desk.ui.common.link_button import open_in_browser
from token_desk.ui.common.plain_text import plain_label

TITLE = "Sign In with influxctl"
INTRO = ("influxctl is waiting for you to sign in with your browser. Open the address below and enter the "
         "code; Token Desk goes on as soon as influxctl has signed you in.")


class InfluxctlSignInDialog(QDialog):
    """Non-modal; `Cancel` ends the waiting influxctl. Shows influxctl's own words as plain text."""

    def __init__(self, prompt: LoginPrompt, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.setMinimumWidth(520)
        self.prompt = prompt
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(INTRO, self, wrap=True))
        self.code_label = QLabel(self)
        self.code_label.setTextFormat(Qt.TextFormat.PlainText)
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.code_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.code_label.setFont(font)
        layout.addWidget(self.code_label)
        self.instructions = plain_label("", self, wrap=True, selectable=True)
        layout.addWidget(self.instructions)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.open_button = QPushButton("Open in Browser", self)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.clicked.connect(self._open_url)
        buttons.rejected.connect(self.reject)
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        layout.addWidget(buttons)
        self.update_prompt(prompt)

    def update_prompt(self, prompt: LoginPrompt) -> None:
        self.prompt = prompt
        self.code_label.setText(prompt.code or "")
        self.code_label.setVisible(bool(prompt.code))
        self.instructions.setText(prompt.text)
        self.open_button.setEnabled(bool(prompt.url))

    def _open_url(self) -> None:
        if self.prompt.url:
            open_in_browser(self.prompt.url)

    def reject(self) -> None:  # Qt override: Cancel, Esc or the close button end influxctl
        self.prompt.cancel()
        super().reject()


class InfluxctlSignIn(QObject):
    """The bridge's LoginObserver: called on worker threads, it shows and closes dialogs on the GUI thread."""

    _shown = Signal(object)
    _ended = Signal(object)

    def __init__(self, parent_widget: QWidget) -> None:
        super().__init__(parent_widget)
        self._parent_widget = parent_widget
        self.dialogs: dict[int, InfluxctlSignInDialog] = {}
        self._shown.connect(self._show)
        self._ended.connect(self._close)

    def login_shown(self, prompt: LoginPrompt) -> None:  # worker thread
        self._shown.emit(prompt)

    def login_ended(self, prompt: LoginPrompt) -> None:  # worker thread
        self._ended.emit(prompt)

    def _show(self, prompt: LoginPrompt) -> None:
        dialog = self.dialogs.get(prompt.key)
        if dialog is None:
            dialog = InfluxctlSignInDialog(prompt, self._parent_widget)
            self.dialogs[prompt.key] = dialog
            dialog.finished.connect(lambda _code, key=prompt.key: self.dialogs.pop(key, None))
            dialog.open()
        else:
            dialog.update_prompt(prompt)

    def _close(self, prompt: LoginPrompt) -> None:
        dialog = self.dialogs.pop(prompt.key, None)
        if dialog is not None:
            dialog.done(QDialog.DialogCode.Accepted)
