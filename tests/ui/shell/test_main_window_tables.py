"""The token tables against the sandbox: loading, sorting, searching, the inactive toggle and counts."""

from __future__ import annotations

from datetime import datetime, timezone

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel

from tests.hostile import add_hostile_tokens
from tests.ui.conftest import header_click, row_center, shown_tokens, wait_loaded, wait_settled
from token_desk.ui.shell.status_line import clusters_text
from token_desk.app import create_window
from token_desk.api.models import TokenKind, TokenStatus
from token_desk.models.columns import Column

FAR_FUTURE = datetime.max.replace(tzinfo=timezone.utc)


def test_both_pages_load_the_servers_tokens(window, sandbox) -> None:
    management = {token["id"] for token in sandbox.state.management_tokens()}
    database = {token["id"] for token in sandbox.state.database_tokens()}
    window.commands["show-inactive"].setChecked(True)
    assert {t.id for t in shown_tokens(window.page(TokenKind.MANAGEMENT))} == management
    assert {t.id for t in shown_tokens(window.page(TokenKind.DATABASE))} == database
    assert window.sidebar.item(0).text() == "Management Tokens"
    assert window.sidebar.item(1).text() == "Database Tokens"


def test_the_page_not_opened_loads_its_list_and_makes_its_table_when_first_opened(qtbot, window, sandbox) -> None:
    """The start draws what the person sees: the Database Tokens table waits until its page opens, while its
    list loads at once (the window opens, as on a first start, on Management Tokens)."""
    from token_desk.ui.tokens import RowTableView

    page = window.page(TokenKind.DATABASE)
    assert window.current_page().kind is TokenKind.MANAGEMENT
    assert page.findChild(RowTableView) is None
    assert page.listed and page.proxy.rowCount() > 0
    window.show_page(TokenKind.DATABASE)
    assert page.view.isVisible() and window.status.counts.startswith(f"{len(sandbox.state.database_tokens())} tokens")
    created = [token.created_at for token in shown_tokens(page)]
    assert len(created) > 1 and created == sorted(created, reverse=True)  # newest first, as always
    qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=row_center(page, 0))
    assert [token.id for token in page.selected_tokens()] == [shown_tokens(page)[0].id]
    assert window.commands["revoke"].isEnabled()  # the table's selection reaches the window's commands


def test_each_sidebar_entry_has_its_own_picture_and_clusters_is_not_the_details_sign(window) -> None:
    """The Clusters entry once borrowed the "i" of Details; a person reads that as "information", not clusters."""
    from token_desk.ui.common.icons import icon

    def drawn(qicon) -> bytes:
        image = qicon.pixmap(24, 24).toImage()
        return bytes(image.constBits())

    entries = [window.sidebar.item(row) for row in range(window.sidebar.count())]
    assert [entry.text() for entry in entries] == ["Management Tokens", "Database Tokens", "Clusters"]
    pictures = [drawn(entry.icon()) for entry in entries]
    assert len(set(pictures)) == len(pictures)
    assert pictures[2] != drawn(icon("details"))


def test_inactive_tokens_are_hidden_until_the_toggle_is_on(qtbot, window) -> None:
    page = window.current_page()
    assert window.toolbar.inactive_box.isChecked() is False
    assert all(token.status is TokenStatus.ACTIVE for token in shown_tokens(page))
    qtbot.mouseClick(window.toolbar.inactive_box, Qt.MouseButton.LeftButton)
    statuses = {token.status for token in shown_tokens(page)}
    assert {TokenStatus.REVOKED, TokenStatus.EXPIRED} <= statuses
    qtbot.mouseClick(window.toolbar.inactive_box, Qt.MouseButton.LeftButton)
    assert {token.status for token in shown_tokens(page)} == {TokenStatus.ACTIVE}


def test_status_bar_counts_all_shown_and_hidden_tokens(qtbot, window, sandbox) -> None:
    tokens = window.page(TokenKind.MANAGEMENT).model.tokens()
    total = len(sandbox.state.management_tokens())
    inactive = sum(1 for token in tokens if token.status is not TokenStatus.ACTIVE)
    assert inactive > 0 and len(tokens) == total
    text = window.status.facts_label.text()
    assert text.startswith(f"{total} tokens · {total - inactive} shown · {inactive} inactive hidden · ")
    window.commands["show-inactive"].setChecked(True)
    assert window.status.counts == f"{total} tokens"  # every one shown: said once


def test_status_bar_follows_the_page_shown(qtbot, window, sandbox) -> None:
    window.sidebar.setCurrentRow(1)
    total = len(sandbox.state.database_tokens())
    assert window.current_page().kind is TokenKind.DATABASE
    assert window.status.counts.startswith(f"{total} tokens · ")
    assert window.status.refreshed.startswith("Last refreshed ")


def test_status_bar_says_each_fact_once_with_one_separator(qtbot) -> None:
    window = create_window(["--demo"])
    qtbot.addWidget(window)
    window.show()
    wait_loaded(qtbot, window)
    facts = [label.text() for label in window.statusBar().findChildren(QLabel) if label.isVisible() and label.text()]
    assert facts == [window.status.facts_label.text()]  # one line: no second label beside it
    parts = facts[0].split(" · ")
    assert "  " not in facts[0] and len(parts) == len(set(parts)) and parts[-1].startswith("Last refreshed ")
    shown = [widget.text() for widget in window.findChildren(QLabel) + window.findChildren(QComboBox)
             if widget.isVisible() and hasattr(widget, "text")] + [window.connections.switcher.currentText()]
    assert sum(text == "Demo data" for text in shown) == 1  # the badge, and nowhere else


def test_header_clicks_sort_dates_chronologically_never_last_then_reversed(qtbot, window) -> None:
    window.commands["show-inactive"].setChecked(True)
    page = window.current_page()
    header_click(qtbot, page, Column.EXPIRES_AT)
    header = page.view.horizontalHeader()
    assert header.sortIndicatorSection() == page.column_index(Column.EXPIRES_AT)
    assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    ascending = [token.expires_at or FAR_FUTURE for token in shown_tokens(page)]
    assert ascending == sorted(ascending)
    assert ascending[-1] == FAR_FUTURE and ascending[0] != FAR_FUTURE  # "Never" last
    header_click(qtbot, page, Column.EXPIRES_AT)
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert [token.expires_at or FAR_FUTURE for token in shown_tokens(page)] == ascending[::-1]


def test_created_at_sorts_by_time_not_by_text(qtbot, window) -> None:
    page = window.current_page()
    header_click(qtbot, page, Column.CREATED_AT)
    created = [token.created_at for token in shown_tokens(page)]
    order = page.view.horizontalHeader().sortIndicatorOrder()
    assert created == sorted(created, reverse=order == Qt.SortOrder.DescendingOrder)
    header_click(qtbot, page, Column.CREATED_AT)
    assert [token.created_at for token in shown_tokens(page)] == created[::-1]


def test_sorting_and_selection_survive_a_refresh(qtbot, window) -> None:
    page = window.current_page()
    header_click(qtbot, page, Column.DESCRIPTION)
    before = [token.id for token in shown_tokens(page)]
    page.select_row(2)
    chosen = page.selected_tokens()[0].id
    window.refresh()
    qtbot.waitUntil(lambda: not window.loader.busy, timeout=15_000)
    assert [token.id for token in shown_tokens(page)] == before
    assert [token.id for token in page.selected_tokens()] == [chosen]


def test_search_narrows_by_description_as_you_type(qtbot, window) -> None:
    page = window.current_page()
    everything = shown_tokens(page)
    target = next(token for token in everything if token.description.strip())
    word = target.description.split()[0].upper()  # case does not matter
    qtbot.keyClicks(window.search_box, word)
    found = shown_tokens(page)
    assert target in found and len(found) < len(everything)
    assert all(word.lower() in token.description.lower() or word.lower() in token.id for token in found)


def test_search_finds_a_token_by_part_of_its_id(qtbot, window) -> None:
    page = window.current_page()
    target = shown_tokens(page)[3]
    qtbot.keyClicks(window.search_box, target.id[9:18])
    assert [token.id for token in shown_tokens(page)] == [target.id]


def test_search_text_is_literal_not_a_pattern(qtbot, window) -> None:
    qtbot.keyClicks(window.search_box, ".*")
    assert shown_tokens(window.current_page()) == []


def test_escape_clears_the_search_and_ctrl_f_focuses_it(qtbot, window) -> None:
    page = window.current_page()
    everything = len(shown_tokens(page))
    window.activateWindow()
    page.view.setFocus()
    qtbot.waitUntil(lambda: page.view.hasFocus())
    qtbot.keyClick(page.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search_box.hasFocus()
    qtbot.keyClicks(window.search_box, "zzzz-nothing-matches")
    assert shown_tokens(page) == []
    qtbot.keyClick(window.search_box, Qt.Key.Key_Escape)
    assert window.search_box.text() == "" and len(shown_tokens(page)) == everything


def test_markup_in_descriptions_is_shown_literally(sandbox, open_window) -> None:
    add_hostile_tokens(sandbox)
    window = open_window()
    page = window.current_page()
    row = next(r for r in range(page.proxy.rowCount()) if "<b>" in page.proxy.token_at(r).description)
    index = page.proxy.index(row, page.column_index(Column.DESCRIPTION))
    assert index.data() == page.proxy.token_at(row).description
    assert "<b>" in index.data()


def test_the_token_token_desk_is_signed_in_with_is_marked_in_the_table(qtbot, window) -> None:
    from PySide6.QtWidgets import QStyleOptionViewItem

    page = window.page(TokenKind.MANAGEMENT)
    client = window.connection.service
    description = page.column_index(Column.DESCRIPTION)

    def drawn(row: int) -> str:  # what the row shows, as the view's delegate sets it up for painting
        option = QStyleOptionViewItem()
        page.view.itemDelegate().initStyleOption(option, page.proxy.index(row, description))
        return option.text

    marked = [row for row in range(page.proxy.rowCount()) if drawn(row).endswith(" · Signed in")]
    assert [page.proxy.token_at(row) for row in marked] == [
        token for token in shown_tokens(page) if client.is_signed_in_with(token)] != []
    index = page.proxy.index(marked[0], description)
    assert index.data(Qt.ItemDataRole.AccessibleTextRole).endswith(" · Signed in")  # read out, too
    assert index.data() == page.proxy.token_at(marked[0]).description  # search, sort and export see the text
    assert "signs Token Desk out" in index.data(Qt.ItemDataRole.ToolTipRole)
    others = [row for row in range(page.proxy.rowCount()) if row not in marked]
    assert not any("Signed in" in drawn(row) for row in others)


def test_the_clusters_page_turns_off_what_acts_on_token_tables_and_the_token_pages_turn_it_back_on(window) -> None:
    """On the Clusters page, New, Export, the inactive toggle, Needs attention and the search would act on a token
    page not shown (a search typed there filtered nothing visible); they are off, and say why."""
    from token_desk.ui.shell.command_list import new_token_key

    token_controls = ("show-inactive", "needs-attention", "export", new_token_key(TokenKind.MANAGEMENT))
    assert window.search_box.isEnabled() and all(window.commands[key].isEnabled() for key in token_controls)
    window.show_clusters()
    assert not window.search_box.isEnabled()
    assert not any(window.commands[key].isEnabled() for key in token_controls)
    assert "Clusters page" in window.commands["show-inactive"].toolTip()
    window.show_page(TokenKind.DATABASE)
    token_controls = ("show-inactive", "needs-attention", "export", new_token_key(TokenKind.DATABASE))
    assert window.search_box.isEnabled() and all(window.commands[key].isEnabled() for key in token_controls)


def test_the_clusters_table_is_drawn_like_the_token_tables_and_flush_with_the_page(window) -> None:
    """It had a grid, no alternate rows, taller rows and a margin that set it off from the token tables."""
    from PySide6.QtCore import QPoint

    tokens = window.page(TokenKind.MANAGEMENT).view
    window.show_clusters()
    clusters = window.clusters.clusters_page.view
    assert (clusters.showGrid(), clusters.alternatingRowColors()) == (tokens.showGrid(), tokens.alternatingRowColors())
    assert clusters.verticalHeader().defaultSectionSize() == tokens.verticalHeader().defaultSectionSize()
    assert clusters.mapTo(window.page_stack, QPoint()).x() == tokens.mapTo(window.page_stack, QPoint()).x()


def test_a_list_not_yet_answered_is_loading_not_zero_tokens(qtbot, window) -> None:
    window.set_connection(window.connection)  # the lists asked for again from nothing, as at a start
    assert window.loader.busy
    assert window.status.counts == "Loading management tokens…"
    assert window.commands["needs-attention"].text() == "Needs attention"  # no "(0)" for tokens not listed
    wait_loaded(qtbot, window)
    assert window.status.counts.startswith(f"{window.current_page().proxy.counts().total} tokens")
    assert window.commands["needs-attention"].text().startswith("Needs attention (")


def test_a_first_list_cancelled_or_failed_says_not_loaded(qtbot, window, sandbox) -> None:
    window.set_connection(window.connection)
    window.cancel_loading()  # Esc before any list came
    assert window.status.counts == "Management Tokens not loaded"
    # Not "the tables show the last list loaded": there is none.
    assert window.statusBar().currentMessage() == "Loading cancelled before any list came. Press F5 to load again."
    sandbox.faults.fail_next_requests(1, 403, path_ending="/tokens")
    window.sidebar.setCurrentRow(1)
    window.set_connection(window.connection)
    wait_loaded(qtbot, window)
    assert window.banner.isVisible()  # it says why
    assert window.status.counts == "Database Tokens not loaded"



def test_the_clusters_page_counts_what_it_lists_and_no_clusters_while_finding_them(qtbot, window) -> None:
    window.show_clusters()
    wait_settled(qtbot, window)  # the account's clusters are asked for once the window has been drawn
    count = len(window.clusters.clusters)
    assert count and window.status.counts == clusters_text(count, finding=False)
    assert clusters_text(0, finding=True) == "Finding clusters…"  # not "0 clusters" before any answer
    assert clusters_text(1, finding=False) == "1 cluster"


def test_a_connection_switch_decides_the_commands_once(qtbot, window, sandbox, monkeypatch) -> None:
    """The pages, the clusters and the loader each announce their part of a switch; the commands (and the
    counts) are decided once, after all of them, with every part in place."""
    decided = []
    apply = window.commands.apply
    monkeypatch.setattr(window.commands, "apply", lambda state: decided.append(state) or apply(state))
    window.set_connection(window.connection)
    assert len(decided) == 1
    assert decided[0].connected and decided[0].busy and decided[0].not_listed.startswith("Loading")
    assert window.status.counts.startswith("Loading")
    assert not window.commands["revoke"].isEnabled() and window.commands["cancel-load"].isEnabled()
    wait_loaded(qtbot, window)
    assert window.status.counts.startswith(f"{len(sandbox.state.management_tokens())} tokens")
