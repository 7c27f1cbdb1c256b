"""Needs attention in the window, against the sandbox's demo data: the toggle and its count, the Findings
column, tooltips and Details with their fixes, Preferences → Policy, the notice after a load."""

from __future__ import annotations

from datetime import timedelta

import pytest

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QPushButton

from tests.ui.conftest import column_shown, header_click, shown_tokens, wait_loaded
from tests.ui.modals import modals_answered
from token_desk.api.models import TokenKind, utc_now
from token_desk.findings import Policy
from token_desk.findings.rules import EXPIRES_SOON
from token_desk.models.columns import Column
from token_desk.ui.attention import Attention, FindingsPanel, show_token_details


def wait_findings(qtbot, window) -> None:
    """Until every page's shared descriptions, counted on a worker after its rows are shown, are in."""
    qtbot.waitUntil(lambda: all(page.model.row_values.findings.shared is not None for page in window.pages.values()))


def attention_of(window) -> Attention:
    return window.findChild(Attention)


def show_page(qtbot, window, kind: TokenKind):
    wait_findings(qtbot, window)
    window.sidebar.setCurrentRow(list(window.pages).index(kind))
    return window.page(kind)


def flagged_ids(page) -> set[str]:
    model = page.model
    return {model.token_at(row).id for row in range(model.rowCount()) if model.findings_at(row)}


def test_the_toggle_shows_its_count_and_filters_to_the_tokens_with_findings(qtbot, window) -> None:
    page = show_page(qtbot, window, TokenKind.DATABASE)
    attention = attention_of(window)
    expected = flagged_ids(page)
    assert 0 < len(expected) < page.proxy.counts().total
    assert attention.toggle.text() == f"Needs attention ({len(expected)})"
    assert window.toolbar.widgetForAction(attention.toggle).isVisible()
    attention.toggle.trigger()
    assert {token.id for token in shown_tokens(page)} == expected
    window.commands["show-inactive"].setChecked(True)  # combines: inactive tokens have no findings
    assert {token.id for token in shown_tokens(page)} == expected
    window.search_box.setText("grafana")  # and with the search
    assert {token.description for token in shown_tokens(page)} == {"Grafana dashboards"}
    assert len(shown_tokens(page)) == 2
    window.search_box.setText("no token is described like this")
    assert page.empty_state.text == "No tokens that need attention match \u201cno token is described like this\u201d"
    window.search_box.clear()
    attention.toggle.trigger()
    assert len(shown_tokens(page)) == page.proxy.counts().total


def test_the_findings_column_is_off_by_default_and_sorts_worst_first(qtbot, window) -> None:
    page = show_page(qtbot, window, TokenKind.MANAGEMENT)
    assert not column_shown(page, Column.FINDINGS)
    page.set_column_shown(Column.FINDINGS, True)
    header_click(qtbot, page, Column.FINDINGS)
    section = page.column_index(Column.FINDINGS)
    first = page.proxy.index(0, section)
    assert first.data().startswith("Never expires")  # the most serious finding first
    assert first.data(Qt.ItemDataRole.DecorationRole) is not None  # with the warning icon
    last = page.proxy.index(page.proxy.rowCount() - 1, section)
    assert last.data() == "\u2014" and last.data(Qt.ItemDataRole.ToolTipRole) == "Nothing to flag."


def test_the_row_tooltip_and_details_list_the_same_sentences_with_fixes(qtbot, window) -> None:
    page = show_page(qtbot, window, TokenKind.DATABASE)
    row = next(r for r in range(page.proxy.rowCount()) if page.proxy.token_at(r).description == "")
    token = page.proxy.token_at(row)
    findings = page.findings_of(token.id)
    tooltip = page.proxy.index(row, page.column_index(Column.STATUS)).data(Qt.ItemDataRole.ToolTipRole)
    assert all(finding.sentence in tooltip for finding in findings)
    dialog = show_token_details(window, page, token)
    qtbot.addWidget(dialog)
    panel = dialog.findChild(FindingsPanel)
    assert panel.sentences == [finding.sentence for finding in findings]
    assert "Has no description." in panel.sentences
    fixes = dict(panel.fix_buttons)
    assert fixes["no-description"].text() == "Edit…"


def test_a_fix_button_runs_the_window_s_own_command_on_that_token(qtbot, open_window) -> None:
    window = open_window()
    page = show_page(qtbot, window, TokenKind.DATABASE)
    row = next(r for r in range(page.proxy.rowCount())
               if any(f.id == "no-permissions" for f in page.findings_of(page.proxy.token_at(r).id)))
    token = page.proxy.token_at(row)
    page.select_row(0 if row else 1)  # another row selected: the fix still acts on this token
    dialog = show_token_details(window, page, token)
    revoke = next(button for rule, button in dialog.findChild(FindingsPanel).fix_buttons if rule == "no-permissions")
    assert revoke.text() == "Revoke…"
    with modals_answered() as seen:
        qtbot.mouseClick(revoke, Qt.MouseButton.LeftButton)
    assert [(d.kind, d.shows(token.id), d.answer) for d in seen] == [("RevokeDialog", True, "Cancel")]


def test_a_fix_that_cannot_run_says_why_and_does_nothing(qtbot, open_window) -> None:
    window = open_window()
    page = show_page(qtbot, window, TokenKind.DATABASE)
    token = next(t for t in shown_tokens(page) if page.findings_of(t.id))
    window.search_box.setText("no token is described like this")  # the token is no longer shown
    dialog = show_token_details(window, page, token)
    button = dialog.findChild(FindingsPanel).fix_buttons[0][1]
    with modals_answered() as seen:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert seen == [] and "Show the token in its table first" in window.statusBar().currentMessage()


def test_policy_changes_apply_at_once_without_a_reload(qtbot, window, sandbox) -> None:
    page = show_page(qtbot, window, TokenKind.DATABASE)
    attention = attention_of(window)
    requests = len(sandbox.state.request_log)
    before = page.proxy.counts().needs_attention
    dialog = attention.open_preferences()
    qtbot.addWidget(dialog)
    dialog.spin_boxes["database_max_age_days"].setValue(1)  # every database token is now "old"
    active = sum(1 for t in page.model.tokens() if t.status_at(utc_now()).name == "ACTIVE")
    assert page.proxy.counts().needs_attention == active > before
    assert attention.toggle.text() == f"Needs attention ({active})"
    assert len(sandbox.state.request_log) == requests  # nothing was asked of the server
    assert window.loader.policy == Policy(database_max_age_days=1)  # the next load too
    qtbot.mouseClick(dialog.defaults_button, Qt.MouseButton.LeftButton)
    assert page.proxy.counts().needs_attention == before


def test_the_policy_is_kept_for_the_next_start(qtbot, open_window) -> None:
    first = open_window()
    attention_of(first).apply_policy(Policy(expiry_warning_days=30, management_max_age_days=60))
    first.close()
    second = open_window()
    assert attention_of(second).policy == Policy(expiry_warning_days=30, management_max_age_days=60)
    assert second.loader.policy == attention_of(second).policy


def in_window(window, widget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


@pytest.mark.parametrize("kind", list(TokenKind))
def test_at_800_by_500_the_expiry_notice_hides_no_row(qtbot, window, kind) -> None:
    """It takes its own room under the table: every row the table shows can be read while it is up."""
    window.resize(800, 500)
    show_page(qtbot, window, kind)
    page = window.current_page()
    qtbot.waitUntil(lambda: page.view.viewport().height() < 420)
    assert window.notice.isVisible() and "expire within" in window.notice.text
    table = in_window(window, page.view.viewport())
    notice = in_window(window, window.notice)
    assert not notice.intersects(table)
    assert notice.top() >= table.bottom()  # under the table, not beside or over it
    assert in_window(window, window.statusBar()).top() >= notice.bottom()  # nor over the status line


def test_after_a_load_one_calm_notice_names_the_tokens_expiring_then_not_again_today(qtbot, window) -> None:
    expiring = sum(1 for page in window.pages.values() for mask in page.model.row_values.findings.masks
                   if mask & EXPIRES_SOON.bit)
    assert expiring > 1
    assert window.notice.text == f"{expiring} tokens expire within 14 days \u00b7"
    assert window.notice.action_button.text() == "Show them"
    show_page(qtbot, window, TokenKind.MANAGEMENT)
    qtbot.mouseClick(window.notice.action_button, Qt.MouseButton.LeftButton)
    assert window.notice.isHidden() and attention_of(window).toggle.isChecked()
    page = window.current_page()
    expiries = [token.expires_at for token in shown_tokens(page) if token.expires_at is not None]
    assert expiries == sorted(expiries) and expiries[0] - utc_now() < timedelta(days=14)  # the soonest first
    window.refresh()
    wait_loaded(qtbot, window)
    assert window.notice.isHidden()  # once a day per connection


def test_in_details_a_findings_sentence_is_not_broken_after_a_few_words(qtbot, window) -> None:
    """The dialog is as wide as a UUID, and "Never expires, with full access to the account." broke in two."""
    page = show_page(qtbot, window, TokenKind.MANAGEMENT)
    token = next(token for token in shown_tokens(page)
                 if "Never expires, with full access to the account." in
                 [finding.sentence for finding in page.findings_of(token.id)])
    dialog = show_token_details(window, page, token)
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    panel = dialog.findChild(FindingsPanel)
    label = next(label for label in panel.sentence_labels if label.text().startswith("Never expires"))
    assert label.height() < 2 * label.fontMetrics().lineSpacing()  # one line
