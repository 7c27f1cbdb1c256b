"""The table area says why it is empty, and offers the one thing to do about it."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize

from tests.ui.conftest import shown_tokens
from token_desk.ui.shell.command_list import new_token_key
from token_desk.api.models import TokenKind
from token_desk.ui.common.menu_position import below_and_inside


def test_a_search_with_no_match_says_so_in_the_table(qtbot, window) -> None:
    page = window.current_page()
    window.search_box.setText("zzz-nothing")
    assert page.empty_state.isVisible() and page.empty_state.text == "No tokens match \u201czzz-nothing\u201d"
    assert not page.empty_state.link.isVisible()  # no inactive token matches either
    window.search_box.clear()
    assert not page.empty_state.isVisible()


def test_inactive_matches_are_offered_as_a_link(qtbot, window) -> None:
    page = window.page(TokenKind.MANAGEMENT)
    window.commands["show-inactive"].setChecked(True)
    inactive = next(token for token in shown_tokens(page) if token.revoked_at is not None)
    window.commands["show-inactive"].setChecked(False)
    window.search_box.setText(inactive.id)
    assert page.empty_state.text.startswith("No tokens match")
    assert page.empty_state.link.isVisible() and page.empty_state.link.text() == "Show inactive tokens (1 match)"
    page.empty_state.link.click()
    assert window.commands["show-inactive"].isChecked() and shown_tokens(page) == [inactive]
    assert not page.empty_state.isVisible()


def test_an_account_without_tokens_offers_the_first_one(qtbot, window) -> None:
    page = window.page(TokenKind.DATABASE)
    page.set_tokens(())
    assert page.empty_state.text == "No database tokens yet"
    assert page.empty_state.create_button.defaultAction() is window.commands[new_token_key(TokenKind.DATABASE)]


def test_nothing_is_claimed_while_the_list_is_still_loading(qtbot, window) -> None:
    page = window.current_page()
    page.clear()
    assert not page.empty_state.isVisible()


SCREEN = QRect(0, 0, 1280, 800)


def test_the_options_menu_hangs_under_its_button_right_aligned() -> None:
    assert below_and_inside(QPoint(1200, 300), QSize(180, 150), SCREEN) == QPoint(1021, 301)


def test_the_options_menu_stays_inside_the_screen_and_off_its_button() -> None:
    button = QRect(QPoint(1180, 753), QPoint(1211, 780))  # a ⋮ on a row 28 px high near the screen's bottom
    at = below_and_inside(button.bottomRight(), QSize(180, 150), SCREEN, button.height())
    menu = QRect(at, QSize(180, 150))
    assert SCREEN.contains(menu)
    assert not menu.intersects(button)  # above the button, leaving it (and its row) in sight
    assert menu.bottom() == button.top() - 1

