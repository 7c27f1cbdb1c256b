"""Revoking from the main window through the real dialog, checked against the sandbox's own state."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QTimer
from PySide6.QtGui import QColor, QPalette

from tests.ui.conftest import button_reading, confirm_revoke_when_the_dialog_opens, revoke_button, risk_box, shown_tokens
from tests.ui.modals import close_answering, modals_answered
from token_desk.api.models import TokenKind
from token_desk.models.columns import Column
from token_desk.ui.common.palette import colours
from token_desk.ui.revoke.revoke_dialog import RevokeDialog


def revoked_ids(sandbox) -> set[str]:
    return {token["id"] for token in sandbox.state.management_tokens() if token.get("revokedAt")}


def test_revoke_through_the_dialog_revokes_exactly_that_token(qtbot, window, sandbox) -> None:
    page = window.page(TokenKind.MANAGEMENT)
    before = revoked_ids(sandbox)
    target, neighbour = page.proxy.token_at(2), page.proxy.token_at(3)
    page.select_row(2)
    table_at = page.mapTo(window, page.rect().topLeft())
    seen = confirm_revoke_when_the_dialog_opens(window)
    window.commands["revoke"].trigger()
    assert seen, "the revoke dialog never opened"
    assert revoked_ids(sandbox) == before | {target.id}
    assert sandbox.state.revoke_count(TokenKind.MANAGEMENT.value, target.id) == 1
    assert target.id not in {token.id for token in shown_tokens(page)}  # left the active list
    assert page.selected_tokens() == [neighbour] and page.current_token() == neighbour
    assert window.focusWidget() is page.view  # the keyboard goes on from the next row
    # A short notice beside the table says what happened, without a dialog to dismiss.
    assert window.notice.isVisible() and not window.notice.isModal()
    assert page.mapTo(window, page.rect().topLeft()) == table_at  # the table keeps its top: no row moves
    notice = window.notice.geometry().translated(window.notice.parentWidget().mapTo(window, QPoint(0, 0)))
    table = page.rect().translated(table_at)
    assert notice.top() >= table.bottom() and not notice.intersects(table)  # under the table's foot, not over it
    assert window.notice.text == f"Revoked \u201c{target.description}\u201d ({target.id[:8]}\u2026)."
    window.commands["show-inactive"].setChecked(True)
    row = page.proxy_row_of(target.id)
    assert page.proxy.token_at(row).revoked_at is not None  # the server's revokedAt, shown in place


def test_revoking_the_token_in_use_signs_out(qtbot, window, sandbox) -> None:
    page = window.page(TokenKind.MANAGEMENT)
    in_use = next(token for token in shown_tokens(page) if window.connection.service.is_signed_in_with(token))
    page.select_ids([in_use.id], in_use.id)
    requests = []
    window.sign_in_requested.connect(lambda: requests.append(True))
    confirm_revoke_when_the_dialog_opens(window)
    with modals_answered(kinds=["TokenPrompt"]) as asked:
        window.commands["revoke"].trigger()
    assert sandbox.state.management_token(in_use.id)["revokedAt"]
    assert window.signed_out and window.banner.message.startswith("Signed out: ")
    assert requests == [True]
    assert [(d.kind, d.answer) for d in asked] == [("TokenPrompt", "Cancel")]  # asked once for new credentials
    window.refresh()  # the server now refuses the old token: still signed out, no second prompt
    qtbot.waitUntil(lambda: not window.loader.busy, timeout=10_000)
    assert sandbox.state.request_log[-1].status == 401
    assert window.signed_out and requests == [True]


def test_cancel_changes_nothing(qtbot, window, sandbox) -> None:
    page = window.page(TokenKind.MANAGEMENT)
    before = revoked_ids(sandbox)
    page.select_row(0)

    def cancel() -> None:
        dialog = window.findChild(RevokeDialog)
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(20, cancel)
            return
        button_reading(dialog, "Cancel").click()

    QTimer.singleShot(0, cancel)
    window.commands["revoke"].trigger()
    assert revoked_ids(sandbox) == before
    assert page.selected_tokens() == [page.proxy.token_at(0)]


def test_revoking_the_token_in_use_asks_once_with_no_banner_behind_the_prompt(qtbot, window, sandbox) -> None:
    page = window.page(TokenKind.MANAGEMENT)
    in_use = next(token for token in shown_tokens(page) if window.connection.service.is_signed_in_with(token))
    page.select_ids([in_use.id], in_use.id)
    banner_during_prompt = []
    window.sign_in_requested.connect(lambda: banner_during_prompt.append(window.banner.isVisible()))
    confirm_revoke_when_the_dialog_opens(window)
    with modals_answered(kinds=["TokenPrompt"]) as asked:
        window.commands["revoke"].trigger()
    assert banner_during_prompt == [False] and len(asked) == 1  # one prompt, never a banner plus a modal
    assert window.banner.isVisible()  # declined: the banner keeps "Sign in…" for later
    page.select_row(0)
    assert not window.commands["revoke"].isEnabled()
    assert window.commands["revoke"].toolTip().startswith("Signed out")


def revoke_while_the_server_hangs(qtbot, window, sandbox) -> RevokeDialog:
    """A revoke of the first management token, confirmed, whose request the server holds without answering."""
    token = window.page(TokenKind.MANAGEMENT).proxy.token_at(0)
    dialog = RevokeDialog(window, [token], window.connection.service)
    dialog.open()
    sandbox.faults.hang_next(1)
    risk_box(dialog).click()
    revoke_button(dialog).click()
    qtbot.waitUntil(lambda: sandbox.faults.hanging == 1, timeout=10_000)
    return dialog


def test_closing_the_window_mid_revoke_asks_and_records_the_outcome_unknown(qtbot, window, sandbox, caplog) -> None:
    dialog = revoke_while_the_server_hangs(qtbot, window, sandbox)
    asked = close_answering(window, "Keep Waiting")
    assert asked.title == "Revoke in Progress" and "still waiting for the server" in asked.text
    assert window.isVisible() and dialog.is_busy
    close_answering(window, "Close Anyway")
    assert not window.isVisible() and not dialog.is_busy
    assert any("whether it was revoked is unknown" in record.getMessage() for record in caplog.records)


def test_a_revoked_row_still_shown_is_highlighted_for_a_moment(qtbot, window, sandbox) -> None:
    window.commands["show-inactive"].setChecked(True)
    page = window.page(TokenKind.MANAGEMENT)
    target = next(token for token in shown_tokens(page) if token.revoked_at is None
                  and not window.connection.service.is_signed_in_with(token))
    page.select_ids([target.id], target.id)
    confirm_revoke_when_the_dialog_opens(window)
    window.commands["revoke"].trigger()
    assert page.view.flashing == {target.id} and page.selected_tokens()[0].id == target.id
    row = page.proxy_row_of(target.id)
    assert drawn_background(page, row) == QColor(colours().flash)  # drawn over the selection, not under it
    strip = page.view.options_strip
    assert strip.grab().toImage().pixelColor(2, strip.row_rect(row).top() + 2) == QColor(colours().flash)  # ⋮ too
    qtbot.waitUntil(lambda: not page.view.flashing, timeout=5000)  # then it fades back
    assert drawn_background(page, row) == page.view.palette().color(QPalette.ColorRole.Highlight)


def drawn_background(page, row: int) -> QColor:
    """The colour painted at the right end of `row`'s Revoked At cell (its text ends well before)."""
    rect = page.view.visualRect(page.proxy.index(row, page.column_index(Column.REVOKED_AT)))
    return page.view.viewport().grab().toImage().pixelColor(rect.right() - 4, rect.top() + 3)


def test_the_notice_never_hides_the_row_it_is_about(qtbot, window) -> None:
    """In a short window the row a revoke lands on can sit at the table's foot, which the notice's room takes:
    it is scrolled back into sight."""
    window.resize(800, 500)
    window.commands["show-inactive"].setChecked(True)  # the revoked row stays, current and flashed
    page = window.page(TokenKind.MANAGEMENT)
    qtbot.waitUntil(lambda: page.view.viewport().height() < 420)
    row = next(r for r in range(page.proxy.rowCount() - 1, -1, -1) if page.proxy.token_at(r).revoked_at is None
               and not window.connection.service.is_signed_in_with(page.proxy.token_at(r)))
    page.select_row(row)
    page.view.scrollTo(page.proxy.index(row, 0), page.view.ScrollHint.PositionAtBottom)  # at the table's foot
    target = page.proxy.token_at(row)
    confirm_revoke_when_the_dialog_opens(window)
    window.commands["revoke"].trigger()
    qtbot.waitUntil(lambda: window.notice.text != "")
    shown = page.view.visualRect(page.proxy.index(page.proxy_row_of(target.id), 0))
    viewport = page.view.viewport()
    assert viewport.rect().contains(shown)
    notice = QRect(window.notice.mapTo(window, QPoint(0, 0)), window.notice.size())
    assert not notice.intersects(QRect(viewport.mapTo(window, QPoint(0, 0)), viewport.size()))


def test_quitting_on_a_signal_mid_revoke_asks_nothing_and_records_the_outcome_unknown(qtbot, window, sandbox,
                                                                                     caplog) -> None:
    """SIGTERM at a logout: nobody may be there to answer, so no question blocks the way out."""
    dialog = revoke_while_the_server_hangs(qtbot, window, sandbox)
    window.close_without_asking()  # what token_desk.quit_signals asks of the window; a question would block here
    assert not window.isVisible() and not dialog.is_busy
    assert any("whether it was revoked is unknown" in record.getMessage() for record in caplog.records)
