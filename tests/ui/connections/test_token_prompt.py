"""The token prompt and the keyring-problem dialog, as a person sees them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit

from connections_helpers import SECRET
from token_desk.credentials import KeyringLockedError, NoKeyringError
from token_desk.ui.connections.keyring_problem import SESSION_BUTTON_TEXT, KeyringProblemDialog
from token_desk.ui.connections.token_prompt import TokenPrompt


def shown(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.open()
    return dialog


def test_prompt_needs_a_token_and_saves_it_unless_session_only_is_ticked(qtbot) -> None:
    prompt = shown(qtbot, TokenPrompt(None, "Enter the management token for 'Production'."))
    assert not prompt.ok_button.isEnabled()
    assert prompt.token_field.line_edit.echoMode() == QLineEdit.EchoMode.Password
    qtbot.keyClicks(prompt.token_field.line_edit, f"  {SECRET} ")
    prompt.ok_button.click()
    assert prompt.result_value.token == SECRET and not prompt.result_value.session_only


def test_prompt_session_only_choice_is_returned(qtbot) -> None:
    prompt = shown(qtbot, TokenPrompt(None, "Enter a token."))
    qtbot.keyClicks(prompt.token_field.line_edit, SECRET)
    prompt.session_only_box.setChecked(True)
    prompt.ok_button.click()
    assert prompt.result_value.session_only


def test_one_off_prompt_is_always_session_only_and_says_so(qtbot) -> None:
    prompt = shown(qtbot, TokenPrompt(None, "Enter a token.", can_store=False))
    assert not prompt.session_only_box.isVisible() and prompt.note_label.isVisible()
    qtbot.keyClicks(prompt.token_field.line_edit, SECRET)
    prompt.ok_button.click()
    assert prompt.result_value.session_only


def test_prompt_message_is_plain_text(qtbot) -> None:
    prompt = shown(qtbot, TokenPrompt(None, "Profile '<b>x</b>' was rejected."))
    assert prompt.message_label.textFormat() == Qt.TextFormat.PlainText
    assert prompt.message_label.text() == "Profile '<b>x</b>' was rejected."


def test_keyring_problem_says_what_is_wrong_and_how_to_fix_it(qtbot) -> None:
    dialog = shown(qtbot, KeyringProblemDialog(None, NoKeyringError(), SECRET))
    texts = [label.text() for label in dialog.findChildren(QLabel) if label.isVisible()]
    assert any("No system keyring is available" in text and "GNOME Keyring or KWallet" in text for text in texts)
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in dialog.findChildren(QLabel) if label.text())
    assert not any("Traceback" in text for text in texts)
    assert dialog.session_button.text() == SESSION_BUTTON_TEXT and not dialog.token_field.isVisible()
    dialog.session_button.click()
    assert dialog.session_token == SECRET


def test_keyring_problem_without_a_token_asks_for_one_before_offering_the_session(qtbot) -> None:
    dialog = shown(qtbot, KeyringProblemDialog(None, KeyringLockedError()))
    assert dialog.token_field.isVisible() and not dialog.session_button.isEnabled()
    qtbot.keyClicks(dialog.token_field.line_edit, SECRET)
    dialog.session_button.click()
    assert dialog.session_token == SECRET


def test_cancelling_the_keyring_problem_keeps_nothing(qtbot) -> None:
    dialog = shown(qtbot, KeyringProblemDialog(None, KeyringLockedError(), SECRET))
    dialog.reject()
    assert dialog.session_token is None
