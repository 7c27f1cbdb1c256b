"""A new token's secret reaches the person once, on screen, and nowhere else the app writes."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLineEdit

from tests.ui.create.conftest import DEMO_SECRET, NOW
from tests.ui.create.test_create_from_window import fill_database_token, when_open
from token_desk.ui.shell.command_list import new_token_key
from token_desk.api.models import CreatedToken, Token, TokenKind
from token_desk.ui.common import crash_dialog
from token_desk.ui.common.capture import grab_without_secrets
from token_desk.ui.create.clipboard_guard import ClipboardGuard
from token_desk.ui.create.create_dialog import CreateTokenDialog
from token_desk.ui.create.requests_and_results import CreateResult
from token_desk.ui.common.error_text import step_error_sentence
from token_desk.ui.create.secret_dialog import SecretDialog


def files_containing(root: Path, secret: str) -> list[Path]:
    needle = secret.encode()
    return [path for path in root.rglob("*") if path.is_file() and needle in path.read_bytes()]


def create_through_the_window(window, kind: TokenKind) -> str:
    """Create a token of `kind` from the window as a person would; the secret the dialog showed."""
    seen: list[str] = []

    def fill(dialog: CreateTokenDialog) -> None:
        if kind is TokenKind.DATABASE:
            fill_database_token(dialog, "leak check")
        else:
            dialog.description_box.setText("leak check")
            dialog.confirm_button.click()

    def read_and_close(dialog: SecretDialog) -> None:
        seen.append(dialog.findChild(QLineEdit, "secretField").text())
        dialog.copy_button.click()
        QTimer.singleShot(0, dialog.accept)

    when_open(CreateTokenDialog, fill)
    when_open(SecretDialog, read_and_close)
    window.commands[new_token_key(kind)].trigger()
    assert seen and len(seen[0]) >= 20
    return seen[0]


def test_no_log_settings_file_or_status_message_holds_a_created_secret(qtbot, window, caplog, config_dir,
                                                                      tmp_path) -> None:
    caplog.set_level(logging.DEBUG)
    secrets = [create_through_the_window(window, TokenKind.DATABASE),
               create_through_the_window(window, TokenKind.MANAGEMENT)]
    messages = [window.statusBar().currentMessage()]
    window.save_settings()
    window.close()
    for secret in secrets:
        assert secret not in caplog.text
        assert secret not in " ".join(messages)
        assert files_containing(config_dir, secret) == []
        assert files_containing(tmp_path, secret) == []


def test_reprs_errors_and_crash_reports_hold_no_secret(monkeypatch, caplog) -> None:
    created = CreatedToken(Token(TokenKind.DATABASE, "11111111-1111-4111-8111-111111111111", "x", NOW), DEMO_SECRET)
    assert DEMO_SECRET not in repr(created) and DEMO_SECRET not in repr(CreateResult(created))
    shown: list[str] = []
    monkeypatch.setattr(crash_dialog, "_show_dialog", shown.append)
    try:
        raise RuntimeError(created)  # an unexpected failure with the created token in hand
    except RuntimeError as error:
        crash_dialog.report_unexpected(type(error), error, error.__traceback__)
        assert DEMO_SECRET not in step_error_sentence(error, "create-database")
    assert shown and DEMO_SECRET not in shown[0] and DEMO_SECRET not in caplog.text


def secret_dialog(qtbot, secret: str) -> SecretDialog:
    token = Token(TokenKind.MANAGEMENT, "11111111-1111-4111-8111-111111111111", "same", NOW)
    dialog = SecretDialog(None, CreatedToken(token, secret), guard=ClipboardGuard())
    qtbot.addWidget(dialog)
    dialog.resize(640, 320)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_screenshots_the_app_writes_do_not_show_the_secret(qtbot) -> None:
    other = "apiv1_" + "Z9x" * 21 + "q"
    first, second = secret_dialog(qtbot, DEMO_SECRET), secret_dialog(qtbot, other)
    assert first.grab().toImage() != second.grab().toImage()  # the plain grab does show it
    assert grab_without_secrets(first).toImage() == grab_without_secrets(second).toImage()
    assert first.secret_field.echoMode() is QLineEdit.EchoMode.Normal  # back on screen afterwards
