"""Ways in to the row commands: right-click, the ⋮ button, keyboard; one enabled-state rule for all."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from token_desk.ui.common.palette import contrast_ratio
from tests.ui.conftest import row_center, shown_tokens
from tests.ui.modals import modals_answered
from token_desk.api.models import TokenStatus

MENU_TEXTS = ["Details…", "Copy Token ID", "Copy Description", "Edit…", "Rotate…", "", "Revoke Token…"]


def menu_texts(window) -> list[str]:
    return [action.text() for action in window.context_menu.actions()]


def row_with(page, status: TokenStatus) -> int:
    return next(row for row in range(page.proxy.rowCount()) if page.proxy.token_at(row).status is status)


def right_click(page, row: int) -> None:
    page.view.customContextMenuRequested.emit(row_center(page, row))


def focus_table(qtbot, window):
    page = window.current_page()
    window.activateWindow()
    page.view.setFocus()
    qtbot.waitUntil(page.view.hasFocus)
    return page


def test_right_click_selects_the_row_and_opens_the_menu(window) -> None:
    page = window.current_page()
    page.select_row(0)
    right_click(page, 2)
    assert window.context_menu.isVisible()
    assert menu_texts(window) == MENU_TEXTS
    assert page.selected_tokens() == [page.proxy.token_at(2)]


def test_right_click_inside_a_selection_keeps_it(window) -> None:
    page = window.current_page()
    page.select_ids([page.proxy.token_at(row).id for row in (1, 2, 3)])
    right_click(page, 2)
    assert len(page.selected_tokens()) == 3
    assert window.commands["revoke"].isEnabled()


def test_right_click_on_empty_space_offers_nothing_token_specific(window) -> None:
    page = window.current_page()
    page.view.customContextMenuRequested.emit(QPoint(10, page.view.viewport().height() - 2))
    assert "Revoke Token…" not in menu_texts(window) and "Copy Token ID" not in menu_texts(window)


@pytest.mark.parametrize(("status", "can_revoke"), [
    (TokenStatus.ACTIVE, True), (TokenStatus.EXPIRED, True), (TokenStatus.REVOKED, False)])
def test_revoke_is_enabled_for_active_and_expired_rows_only(window, status, can_revoke) -> None:
    window.commands["show-inactive"].setChecked(True)
    page = window.current_page()
    right_click(page, row_with(page, status))
    actions = {action.text(): action for action in window.context_menu.actions()}
    assert actions["Revoke Token…"].isEnabled() is can_revoke
    assert actions["Copy Token ID"].isEnabled() and actions["Details…"].isEnabled()
    if not can_revoke:
        assert actions["Revoke Token…"].toolTip() == "This token is already revoked"


def test_options_button_opens_the_same_menu_for_its_row(qtbot, window) -> None:
    page = window.current_page()
    strip = page.view.options_strip
    rect = strip.row_rect(4)
    assert strip.isVisible() and rect.height() > 0
    qtbot.mouseClick(strip, Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.context_menu.isVisible() and menu_texts(window) == MENU_TEXTS
    assert page.selected_tokens() == [page.proxy.token_at(4)]


def test_menu_key_and_shift_f10_open_the_menu_for_the_current_row(qtbot, window) -> None:
    page = focus_table(qtbot, window)
    page.select_row(1)
    qtbot.keyClick(page.view, Qt.Key.Key_Menu)
    assert window.context_menu.isVisible() and menu_texts(window) == MENU_TEXTS
    window.context_menu.close()
    qtbot.keyClick(page.view, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    assert window.context_menu.isVisible()


def test_ctrl_c_copies_the_selected_token_ids(qtbot, window) -> None:
    page = focus_table(qtbot, window)
    chosen = [page.proxy.token_at(row).id for row in (0, 2)]
    page.select_ids(chosen)
    qtbot.keyClick(page.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == "\n".join(chosen)


def test_copy_description_from_the_menu(window) -> None:
    page = window.current_page()
    right_click(page, 1)
    next(a for a in window.context_menu.actions() if a.text() == "Copy Description").trigger()
    assert QApplication.clipboard().text() == page.proxy.token_at(1).description


def test_delete_opens_the_revoke_dialog_with_the_selection(qtbot, open_window) -> None:
    window = open_window()
    page = focus_table(qtbot, window)
    page.select_row(3)
    token = page.proxy.token_at(3)
    with modals_answered() as seen:
        qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    assert [(d.kind, d.title, d.shows(token.id)) for d in seen] == [
        ("RevokeDialog", f"Revoke {token.kind.label}", True)]


def test_delete_does_nothing_on_a_revoked_token(qtbot, open_window) -> None:
    window = open_window()
    window.commands["show-inactive"].setChecked(True)
    page = focus_table(qtbot, window)
    page.select_row(row_with(page, TokenStatus.REVOKED))
    with modals_answered() as seen:
        qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    assert seen == [] and not window.commands["revoke"].isEnabled()


def test_delete_revokes_only_from_the_table_not_from_a_toolbar_control(qtbot, open_window) -> None:
    window = open_window()
    page = focus_table(qtbot, window)
    page.select_row(3)
    check_box = window.toolbar.inactive_box  # Revoke's button shares the toolbar with it
    check_box.setFocus()
    qtbot.waitUntil(check_box.hasFocus)
    with modals_answered() as seen:
        qtbot.keyClick(check_box, Qt.Key.Key_Delete)
    assert seen == [] and page.selected_tokens() == [page.proxy.token_at(3)]
    focus_table(qtbot, window)
    with modals_answered() as seen:
        qtbot.keyClick(page.view, Qt.Key.Key_Delete)  # back in the table, Delete asks to revoke the selection
    assert [d.kind for d in seen] == ["RevokeDialog"]


def test_ctrl_c_in_the_search_box_copies_its_text_not_ids(qtbot, window) -> None:
    window.activateWindow()
    window.current_page().select_row(0)
    window.focus_search()
    qtbot.keyClicks(window.search_box, "abc")
    window.search_box.selectAll()
    qtbot.keyClick(window.search_box, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == "abc"


def strongest_contrast(strip, row: int) -> float:
    """The most any drawn pixel of row `row`'s ⋮ stands out from the highlight behind it."""
    image = strip.grab().toImage()
    rect = strip.row_rect(row)
    highlight = strip.palette().color(strip.palette().ColorRole.Highlight).name()
    pixels = {image.pixelColor(x, y).name() for x in range(rect.left(), rect.right())
              for y in range(rect.top(), rect.bottom())}
    return max(contrast_ratio(pixel, highlight) for pixel in pixels)


def test_the_options_button_stays_legible_on_a_selected_row(qtbot, window) -> None:
    page = window.current_page()
    page.select_row(2)
    assert strongest_contrast(page.view.options_strip, 2) >= 3.0  # WCAG's floor for a meaningful icon
