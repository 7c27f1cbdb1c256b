"""The secret of a new token, shown once: copy it (the clipboard is cleared a minute later) or, for a
management token, save it as a connection. Closing before either asks once."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QDialog, QFormLayout, QInputDialog, QLineEdit, QPushButton, QVBoxLayout, QWidget

from token_desk.api.models import CreatedToken, TokenKind
from token_desk.models.display import NEVER, local_time_with_zone, visible_text
from token_desk.tasks import run_in_background
from token_desk.ui.common.capture import mark_secret
from token_desk.ui.common.dialog_buttons import StandardButton, button_box
from token_desk.ui.common.plain_text import plain_label
from token_desk.ui.common.message_box import Icon, ask
from token_desk.ui.create.clipboard_guard import ClipboardGuard, clipboard_guard
from token_desk.ui.create.requests_and_results import ProfileSaver, SecretOutcome

SHOWN_ONCE = ("Copy this token now: this is the only time it is shown. Token Desk does not keep it, "
              "and the server cannot show it again.")
ACTIVATION_NOTE = ("A new token can take from a few seconds to a few minutes to start working. If the cluster "
                   "answers 401 Unauthorized at first, wait a minute and try again: the token is not broken.")
CLOSE_QUESTION = ("You have not copied or saved this token. Once this dialog closes it cannot be shown again, "
                  "and you would have to create another. Close anyway?")


def copied_text(seconds: int) -> str:
    return (f"Copied. Token Desk clears the clipboard in {seconds} seconds if it still holds this token, "
            "so paste it where it belongs now.")


class SecretPrompts(Protocol):
    def confirm_close(self, parent: QWidget) -> bool: ...
    def ask_profile_name(self, parent: QWidget, suggestion: str, problem: str | None) -> str | None: ...


class MessageBoxPrompts:
    def confirm_close(self, parent: QWidget) -> bool:
        return ask(parent, "Close Without Copying?", CLOSE_QUESTION, "Close Anyway", "Go Back", icon=Icon.Warning)

    def ask_profile_name(self, parent: QWidget, suggestion: str, problem: str | None) -> str | None:
        label = "Name of the new connection:" if problem is None else f"{problem}\nName of the new connection:"
        name, ok = QInputDialog.getText(parent, "Save as a Connection", label, QLineEdit.EchoMode.Normal, suggestion)
        return name.strip() if ok else None


DEMO_SAVE_NOTE = ("Save as a Connection… is off in the demo, which stores nothing. With your own cluster it keeps "
                  "a new management token in your keyring as a connection you can switch to.")

class SecretDialog(QDialog):
    """`show_secret()` runs it modally and returns a SecretOutcome; the secret is never logged or kept."""

    def __init__(self, parent: QWidget | None, created: CreatedToken, *, saver: ProfileSaver | None = None,
                 prompts: SecretPrompts | None = None, guard: ClipboardGuard | None = None) -> None:
        super().__init__(parent)
        self._created, self._saver = created, saver
        self._prompts = prompts if prompts is not None else MessageBoxPrompts()
        self._guard = guard if guard is not None else clipboard_guard()
        self._outcome = SecretOutcome()
        self._asked = False
        self.setWindowTitle(f"Your New {created.token.kind.label}")
        self.setMinimumWidth(620)
        self._build()

    @classmethod
    def show_secret(cls, parent: QWidget | None, created: CreatedToken, **kwargs) -> SecretOutcome:
        dialog = cls(parent, created, **kwargs)
        dialog.exec()
        outcome = dialog.outcome
        dialog.forget_secret()
        dialog.deleteLater()
        return outcome

    @property
    def outcome(self) -> SecretOutcome:
        return self._outcome

    # ---- building -----------------------------------------------------------------------------------
    def _build(self) -> None:
        token = self._created.token
        warning = plain_label(SHOWN_ONCE, self, wrap=True)
        bold = QFont(warning.font())
        bold.setBold(True)
        warning.setFont(bold)
        self.secret_field = mark_secret(QLineEdit(self._created.access_token, self))
        self.secret_field.setObjectName("secretField")
        self.secret_field.setReadOnly(True)
        self.secret_field.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.secret_field.setAccessibleName("New token secret")
        self.secret_field.setCursorPosition(0)
        form = QFormLayout()
        form.addRow("Description", plain_label(visible_text(token.description) or "(none)", self, wrap=True, selectable=True))
        form.addRow("Token ID", plain_label(token.id, self, selectable=True))
        expires = NEVER if token.expires_at is None else local_time_with_zone(token.expires_at)
        form.addRow("Expires At", plain_label(expires, self))
        self.status = plain_label("", self, wrap=True)
        self.status.setObjectName("secretStatus")
        layout = QVBoxLayout(self)
        layout.addWidget(warning)
        layout.addWidget(self.secret_field)
        layout.addLayout(form)
        layout.addWidget(plain_label(ACTIVATION_NOTE, self, wrap=True))
        layout.addWidget(self.status)
        buttons = self._buttons()
        if self.save_button is not None and not self.save_button.isEnabled():
            layout.addWidget(plain_label(DEMO_SAVE_NOTE, self, wrap=True))  # said, not only in a tooltip
        layout.addWidget(buttons)

    def _buttons(self):
        self.buttons = button_box(StandardButton.Close, self)
        self.copy_button: QPushButton = self.buttons.addButton("Copy", self.buttons.ButtonRole.ActionRole)
        self.copy_button.setDefault(True)
        self.copy_button.clicked.connect(self.copy_secret)
        self.save_button: QPushButton | None = None
        if self._created.token.kind is TokenKind.MANAGEMENT:
            self.save_button = self.buttons.addButton("Save as a Connection…", self.buttons.ButtonRole.ActionRole)
            self.save_button.setAutoDefault(False)
            self.save_button.clicked.connect(self.save_as_connection)
            if self._saver is None:
                self.save_button.setEnabled(False)
                self.save_button.setToolTip(DEMO_SAVE_NOTE)
        self.buttons.rejected.connect(self.reject)
        return self.buttons

    # ---- actions ------------------------------------------------------------------------------------
    def copy_secret(self) -> None:
        self._guard.copy(self._created.access_token)
        self._outcome = SecretOutcome(True, self._outcome.saved_profile)
        self.status.setText(copied_text(self._guard.clear_after_ms // 1000))

    def save_as_connection(self) -> None:
        if self._saver is None or self.save_button is None:
            return
        suggestion, problem = self._created.token.description, None
        while True:
            name = self._prompts.ask_profile_name(self, suggestion, problem)
            if name is None:
                return
            problem = self._saver.name_problem(name)
            if problem is None:
                break
            suggestion = name
        self.save_button.setEnabled(False)
        self.status.setText(f"Saving \u201c{name}\u201d in the keyring…")
        secret = self._created.access_token
        run_in_background(self._saver.save, name, secret, context=self,
                          on_result=lambda _r: self._saved(name), on_error=self._save_failed)

    def _saved(self, name: str) -> None:
        self._outcome = SecretOutcome(self._outcome.copied, name)
        self.status.setText(f"Saved as the connection \u201c{name}\u201d; its token is in the keyring. "
                            "Switch to it from the connection list.")

    def _save_failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.status.setText(f"Not saved: {error}" if str(error) else "Not saved: the keyring refused it.")

    # ---- closing ------------------------------------------------------------------------------------
    def _may_close(self) -> bool:
        if self._outcome.copied or self._outcome.saved_profile or self._asked:
            return True
        self._asked = True
        return self._prompts.confirm_close(self)

    def reject(self) -> None:  # Qt override: Close, Esc, and the window's X (QDialog routes it here)
        if self._may_close():
            super().reject()

    def forget_secret(self) -> None:
        """Take the secret off the screen once the dialog is done."""
        self.secret_field.clear()
