"""The one message box helper: every question and notice comes from it, plain text, the safe answer first."""

from __future__ import annotations

import ast
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tests.ui.conftest import when_message_box_open
from token_desk.ui.common.message_box import Icon, ask, tell

UI = Path(__file__).resolve().parents[3] / "desktop" / "token_desk" / "ui"
HELPER = UI / "common" / "message_box.py"


def test_no_module_but_the_helper_makes_a_message_box() -> None:
    """A QMessageBox made elsewhere would guess rich text again (Qt's default)."""
    offences = []
    for path in sorted(UI.rglob("*.py")):
        if path == HELPER:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Name) and node.id == "QMessageBox":
                offences.append(f"{path.relative_to(UI)}:{node.lineno}")
    assert not offences, offences


def test_enter_and_esc_pick_the_safe_answer(qtbot) -> None:
    when_message_box_open(lambda box: box.defaultButton().click())
    assert ask(None, "Replace File?", "a.csv exists.", "Replace", "Cancel", destructive=True) is False
    when_message_box_open(lambda box: box.escapeButton().click())
    assert ask(None, "Replace File?", "a.csv exists.", "Replace", "Cancel", icon=Icon.Warning) is False


def test_the_named_answer_says_yes(qtbot) -> None:
    when_message_box_open(lambda box: next(b for b in box.buttons() if b.text() == "Replace").click())
    assert ask(None, "Replace File?", "a.csv exists.", "Replace", "Cancel", destructive=True) is True


def test_a_notice_is_plain_text_with_one_ok(qtbot) -> None:
    seen = []

    def act(box: QMessageBox) -> None:
        seen.append((box.textFormat(), [b.text().replace("&", "") for b in box.buttons()]))
        box.buttons()[0].click()
    when_message_box_open(act)
    tell(None, "Problem", "<b>not bold</b>")
    assert seen == [(Qt.TextFormat.PlainText, ["OK"])]
