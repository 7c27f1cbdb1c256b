"""The debug log says when a token table first paints rows (the launch benchmark's finish line)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication

from tests.models.conftest import make_token
from token_desk.api.models import TokenKind
from token_desk.ui.tokens.token_page import TokenPage


def settle() -> None:
    """Run what the paints queued (the log line waits for a zero timer)."""
    for _ in range(3):
        QCoreApplication.processEvents()


def first_paint_lines(caplog) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.getMessage().startswith("First paint")]


def test_the_first_paint_with_rows_is_logged_once(qtbot, caplog):
    caplog.set_level(logging.DEBUG, logger="token_desk.ui.tokens.first_paint")
    page = TokenPage(TokenKind.MANAGEMENT)
    qtbot.addWidget(page)
    page.show()
    page.view.viewport().repaint()  # an empty table paints too, but has nothing to report
    settle()
    assert first_paint_lines(caplog) == []
    page.set_tokens([make_token("one"), make_token("two")])
    page.view.viewport().repaint()
    qtbot.waitUntil(lambda: first_paint_lines(caplog) != [])
    page.view.viewport().repaint()
    settle()
    assert first_paint_lines(caplog) == ["First paint of the management table: 2 rows"]
