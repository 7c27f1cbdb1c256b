"""Every cluster of an account in the window, as a person uses it: `token-desk --url … --influxctl …` against a
sandbox serving four clusters (production, the connection's own; staging; eu-2; analytics, provisioning), the
Clusters page, the Database Tokens page's cluster picker, the failed cluster's line and the actions."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QComboBox, QInputDialog, QLabel, QPushButton, QTreeWidget

from tests.clusters.conftest import cluster_id_named
from tests.ui.conftest import (LOAD_TIMEOUT_MS, column_shown, confirm_revoke_when_the_dialog_opens, shown_tokens,
                              url_args, wait_settled)
from tests.ui.create.test_create_from_window import when_open
from token_desk.api.models import TokenKind
from token_desk.app import create_window
from token_desk.models.columns import Column
from token_desk.sandbox.influxctl import write_launcher
from token_desk.ui.clusters import ALL_CLUSTERS
from token_desk.ui.revoke.revoke_dialog import RevokeDialog


@pytest.fixture
def start(qtbot, monkeypatch, account, tmp_path, config_dir):
    """Opens the window as `token-desk --url <account> --influxctl <emulator>` does, and waits for every list."""
    monkeypatch.setenv("INFLUX_MANAGEMENT_TOKEN", account.management_token)
    launcher = write_launcher(tmp_path, account.influxctl_command)
    made = []

    def open_window(wait: bool = True):
        window = create_window([*url_args(account), "--influxctl", str(launcher)])
        qtbot.addWidget(window)
        window.show()
        made.append(window)
        if wait:
            wait_settled(qtbot, window)
        return window

    yield open_window
    for window in made:
        window.close()
        window.connections.close()


def picker(window) -> QComboBox:
    [found] = [box for box in window.findChildren(QComboBox) if box.accessibleName() == "Cluster"]
    return found


def choose(qtbot, window, text: str) -> None:
    box = picker(window)
    box.setCurrentIndex(box.findText(text))
    wait_settled(qtbot, window)


def database_page(window):
    window.commands["page-database"].trigger()
    return window.current_page()


def clusters_table(window):
    window.commands["page-clusters"].trigger()
    page = window.page_stack.currentWidget()
    assert page.accessibleName() == "Clusters"
    return page.view.model()


def cells(model, row: int) -> list[str]:
    return [model.index(row, column).data() for column in range(model.columnCount())]


def problem_lines(window) -> list[str]:
    return [line.text for line in window.clusters.problems.lines if line.isVisible()]


def one_active_token_per_cluster_selected(qtbot, window):
    """All clusters shown, and the first active token of each cluster selected: (the page, name → token)."""
    choose(qtbot, window, ALL_CLUSTERS)
    page = database_page(window)
    chosen = {}
    for token in shown_tokens(page):
        if token.is_active:
            chosen.setdefault(token.cluster.name, token)
    page.select_ids([token.id for token in chosen.values()])
    return page, chosen


def deletes(account) -> list[str]:
    return [entry.path for entry in account.state.request_log if entry.method == "DELETE"]


def test_the_clusters_page_lists_every_cluster_with_its_state_and_token_counts(qtbot, start, account) -> None:
    window = start()
    model = clusters_table(window)
    rows = [cells(model, row) for row in range(model.rowCount())]
    assert [row[0] for row in rows] == ["Production (eu-central-1)", "staging", "eu-2", "analytics"]
    assert [row[2] for row in rows] == ["Ready", "Ready", "Ready", "Provisioning"]
    staging = account.state.cluster(cluster_id_named(account, "staging")).database_tokens()
    assert rows[1][5:] == [str(sum(1 for token in staging if not token.get("revokedAt"))), str(len(staging))]
    own = account.state.database_tokens()
    assert rows[0][6] == str(len(own))
    assert rows[3][5:] == ["Not loaded", "Not loaded"]  # not ready: never asked


def test_copy_cluster_id_and_url_come_from_the_registry_in_the_row_menu(qtbot, start, account) -> None:
    window = start()
    clusters_table(window)
    menu = window.clusters.clusters_page.row_menu(1)
    assert [action.text() for action in menu.actions()] == ["Copy Cluster ID", "Copy Cluster URL", "Retry Loading"]
    copy_id, copy_url, retry = menu.actions()
    assert not retry.isEnabled() and "failed" in retry.toolTip()
    copy_id.trigger()
    assert QGuiApplication.clipboard().text() == cluster_id_named(account, "staging")
    copy_url.trigger()
    staging = next(record for record in account.cluster_records() if record["name"] == "staging")
    assert QGuiApplication.clipboard().text() == staging["url"]


def test_all_clusters_shows_every_ready_clusters_tokens_with_a_cluster_column(qtbot, start, account) -> None:
    window = start()
    page = database_page(window)
    assert not column_shown(page, Column.CLUSTER)  # one cluster: every row would say the same
    assert [picker(window).itemText(i) for i in range(picker(window).count())] == [
        ALL_CLUSTERS, "Production (eu-central-1)", "staging", "eu-2", "analytics (provisioning)"]
    choose(qtbot, window, ALL_CLUSTERS)
    assert column_shown(page, Column.CLUSTER)
    window.commands["show-inactive"].setChecked(True)
    expected = {row["id"] for row in account.state.database_tokens()}
    for name in ("staging", "eu-2"):
        expected |= {row["id"] for row in account.state.cluster(cluster_id_named(account, name)).database_tokens()}
    assert {token.id for token in shown_tokens(page)} == expected
    names = {token.cluster.name for token in shown_tokens(page)}
    assert names == {"Production (eu-central-1)", "staging", "eu-2"}
    column = page.column_index(Column.CLUSTER)
    index = page.proxy.index(0, column)
    assert index.data() in names and shown_tokens(page)[0].cluster.id in page.proxy.data(index, 3)  # tooltip
    window.search_box.setText("eu-2")
    assert {token.cluster.name for token in shown_tokens(page)} == {"eu-2"}


def test_a_refused_cluster_says_so_in_one_line_while_the_others_show_and_retry_loads_it(qtbot, start, account) -> None:
    eu2 = cluster_id_named(account, "eu-2")
    account.faults.refuse_cluster(eu2, 403)
    window = start()
    choose(qtbot, window, ALL_CLUSTERS)
    page = database_page(window)
    [line] = problem_lines(window)
    assert line.startswith("Cluster eu-2: ") and "\n" not in line
    assert {token.cluster.name for token in shown_tokens(page)} == {"Production (eu-central-1)", "staging"}
    assert cells(clusters_table(window), 2)[5:] == ["Failed", "Failed"]
    account.faults.clear()
    database_page(window)
    [retry] = [button for button in window.findChildren(QPushButton)
               if button.accessibleName() == "Retry cluster eu-2" and button.isVisible()]
    retry.click()
    wait_settled(qtbot, window)
    assert problem_lines(window) == []
    assert "eu-2" in {token.cluster.name for token in shown_tokens(page)}


def test_a_hung_cluster_never_holds_back_the_others(qtbot, start, account) -> None:
    staging = cluster_id_named(account, "staging")
    account.faults.hang_cluster(staging)
    window = start(wait=False)
    qtbot.waitUntil(lambda: len(window.clusters.clusters) == 4, timeout=LOAD_TIMEOUT_MS)
    choose_all = picker(window)
    choose_all.setCurrentIndex(choose_all.findText(ALL_CLUSTERS))
    page = database_page(window)
    qtbot.waitUntil(lambda: {"Production (eu-central-1)", "eu-2"} <= {t.cluster.name for t in shown_tokens(page)},
                    timeout=LOAD_TIMEOUT_MS)
    assert window.clusters.busy  # staging is still being asked
    assert cells(clusters_table(window), 1)[5:] == ["…", "…"]
    qtbot.waitUntil(window.commands["cancel-load"].isEnabled, timeout=LOAD_TIMEOUT_MS)  # offered while it waits
    window.commands["cancel-load"].trigger()  # Esc
    assert not window.clusters.busy
    account.faults.clear()


def test_clusters_loading_after_the_windows_own_lists_still_show_loading_and_offer_esc(qtbot, start, account) -> None:
    window = start()  # every list in: the window's own loader is idle
    account.faults.hang_cluster(cluster_id_named(account, "staging"))
    window.clusters.load()  # what finding the clusters ends with (at start, or F5's second half)
    assert window.clusters.busy
    assert window.commands["cancel-load"].isEnabled() and window.status.busy.isVisibleTo(window)
    window.commands["cancel-load"].trigger()  # Esc
    assert not window.clusters.busy and not window.status.busy.isVisibleTo(window)
    account.faults.clear()


def test_esc_in_the_search_box_clears_the_search_while_a_cluster_still_loads(qtbot, start, account) -> None:
    account.faults.hang_cluster(cluster_id_named(account, "staging"))
    window = start(wait=False)
    window.activateWindow()  # shortcuts reach the active window only, as a person's keyboard does
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.waitUntil(window.commands["cancel-load"].isEnabled, timeout=LOAD_TIMEOUT_MS)  # Esc would stop the load
    window.commands["find"].trigger()
    qtbot.keyClicks(window.search_box, "zzz")
    qtbot.keyClick(window.search_box, Qt.Key.Key_Escape)
    assert window.search_box.text() == ""  # the Esc meant for the search clears it...
    assert window.commands["cancel-load"].isEnabled()  # ...and does not stop the load as well
    qtbot.keyClick(window.search_box, Qt.Key.Key_Escape)  # with the box empty, Esc is the window's again
    assert not window.commands["cancel-load"].isEnabled()
    account.faults.clear()


def test_revoking_a_token_of_another_cluster_reaches_that_cluster_only(qtbot, start, account) -> None:
    window = start()
    choose(qtbot, window, "staging")
    page = database_page(window)
    staging = cluster_id_named(account, "staging")
    token = next(token for token in shown_tokens(page) if token.is_active)
    assert token.cluster.id == staging
    page.select_ids([token.id], token.id)
    seen = confirm_revoke_when_the_dialog_opens(window)
    window.commands["revoke"].trigger()
    assert seen and "On cluster staging." in {label.text() for label in seen[0].findChildren(QLabel)}
    assert deletes(account) == [f"/api/v0/accounts/{account.account_id}/clusters/{staging}/tokens/{token.id}"]
    assert account.state.cluster(staging).database_token(token.id)["revokedAt"]
    assert token.id not in {t.id for t in shown_tokens(page)}


def test_a_bulk_revoke_across_three_clusters_groups_them_and_reaches_each_cluster(qtbot, start, account) -> None:
    window = start()
    page, chosen = one_active_token_per_cluster_selected(qtbot, window)
    assert len(chosen) == 3
    groups: list[list[str]] = []

    def look(dialog: RevokeDialog) -> None:
        tree = dialog.findChild(QTreeWidget)
        groups.extend([[tree.topLevelItem(i).text(0)] + [tree.topLevelItem(i).child(j).text(0)
                                                          for j in range(tree.topLevelItem(i).childCount())]
                       for i in range(tree.topLevelItemCount())])

    when_open(RevokeDialog, look)
    confirm_revoke_when_the_dialog_opens(window)
    window.commands["revoke"].trigger()
    assert sorted(group[0] for group in groups) == sorted(f"Cluster {name} (1 token)" for name in chosen)
    paths = deletes(account)
    for token in chosen.values():
        cluster_id = token.cluster.id
        assert paths.count(f"/api/v0/accounts/{account.account_id}/clusters/{cluster_id}/tokens/{token.id}") == 1
    assert len(paths) == 3


def test_the_choice_is_remembered_per_connection(qtbot, start) -> None:
    window = start()
    choose(qtbot, window, "eu-2")
    window.close()
    again = start()
    assert picker(again).currentText() == "eu-2"
    assert {token.cluster.name for token in shown_tokens(database_page(again))} == {"eu-2"}


def test_new_database_token_asks_for_the_cluster_with_all_clusters_shown(qtbot, start, account, monkeypatch) -> None:
    window = start()
    choose(qtbot, window, ALL_CLUSTERS)
    database_page(window)
    asked = []

    def pick(parent, title, label, items, current, editable):
        asked.append((label, list(items), current))
        return "", False  # Cancel: nothing is created

    monkeypatch.setattr(QInputDialog, "getItem", pick)
    window.commands["new-database-token"].trigger()
    assert asked == [("Create the token on cluster:", ["Production (eu-central-1)", "staging", "eu-2"], 0)]
    assert QApplication.activeModalWidget() is None


def test_an_export_of_all_clusters_names_each_tokens_cluster(qtbot, start, tmp_path) -> None:
    from tests.ui.export.test_export_from_window import EXPORT_TIMEOUT_MS, export_via_dialog, read_csv

    window = start()
    choose(qtbot, window, ALL_CLUSTERS)
    page = database_page(window)
    dialog = export_via_dialog(qtbot, window, tmp_path / "all.csv")
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=EXPORT_TIMEOUT_MS)
    header, *rows = read_csv(tmp_path / "all.csv")
    column = header.index("Cluster")
    assert sorted(row[column] for row in rows) == sorted(token.cluster.name for token in shown_tokens(page))
    dialog = export_via_dialog(qtbot, window, tmp_path / "all.json", file_format="json")
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=EXPORT_TIMEOUT_MS)
    exported = json.loads((tmp_path / "all.json").read_text())
    by_id = {token.id: token.cluster for token in shown_tokens(page)}
    assert all(item["clusterId"] == by_id[item["id"]].id and item["clusterName"] == by_id[item["id"]].name
               for item in exported)


def test_the_history_entry_of_a_revoke_on_another_cluster_names_that_cluster(qtbot, start, account) -> None:
    window = start()
    choose(qtbot, window, "eu-2")
    page = database_page(window)
    token = next(token for token in shown_tokens(page) if token.is_active)
    page.select_ids([token.id], token.id)
    confirm_revoke_when_the_dialog_opens(window)
    window.commands["revoke"].trigger()
    [entry] = [entry for entry in window.journal.read().entries if entry.token_id == token.id]
    assert entry.target.cluster_id == cluster_id_named(account, "eu-2")


def test_f5_asks_for_the_clusters_again(qtbot, start, account) -> None:
    window = start()
    assert cells(clusters_table(window), 3)[2] == "Provisioning"
    account.set_cluster_state(cluster_id_named(account, "analytics"), "ready")
    window.commands["refresh"].trigger()
    wait_settled(qtbot, window)
    assert cells(clusters_table(window), 3)[2:3] + cells(clusters_table(window), 3)[5:] == ["Ready", "0", "0"]
    assert "analytics" in [picker(window).itemText(i) for i in range(picker(window).count())]


def requests_to(account, method: str) -> list[str]:
    return [entry.path for entry in account.state.request_log if entry.method == method]


def test_edit_of_a_token_on_another_cluster_goes_to_that_cluster(qtbot, start, account) -> None:
    from tests.ui.create.test_create_from_window import edit_description_once_listed
    from token_desk.ui.create.edit_dialog import EditTokenDialog

    window = start()
    choose(qtbot, window, "staging")
    page = database_page(window)
    staging = cluster_id_named(account, "staging")
    token = next(token for token in shown_tokens(page) if token.is_active and token.permissions)
    page.select_ids([token.id], token.id)

    when_open(EditTokenDialog, edit_description_once_listed("renamed on staging"))
    window.commands["edit"].trigger()
    assert requests_to(account, "PATCH") == [f"/api/v0/accounts/{account.account_id}/clusters/{staging}/tokens/{token.id}"]
    assert account.state.cluster(staging).database_token(token.id)["description"] == "renamed on staging"
    [shown] = [shown for shown in shown_tokens(page) if shown.id == token.id]
    assert shown.description == "renamed on staging" and shown.cluster.id == staging  # the next action goes there too


def test_new_database_token_on_the_cluster_picked_is_created_there(qtbot, start, account, monkeypatch) -> None:
    from tests.ui.create.test_create_from_window import copy_and_close, fill_database_token
    from token_desk.ui.create.create_dialog import CreateTokenDialog
    from token_desk.ui.create.secret_dialog import SecretDialog

    window = start()
    choose(qtbot, window, ALL_CLUSTERS)
    page = database_page(window)
    monkeypatch.setattr(QInputDialog, "getItem", lambda *args: ("staging", True))
    titles = []
    when_open(CreateTokenDialog, lambda dialog: (titles.append(dialog.windowTitle()),
                                                 fill_database_token(dialog, "made on staging")))
    when_open(SecretDialog, copy_and_close)
    window.commands["new-database-token"].trigger()
    staging_id = cluster_id_named(account, "staging")
    assert titles == ["Create Database Token on staging"]
    [made] = [token for token in shown_tokens(page) if token.description == "made on staging"]
    assert made.cluster.id == staging_id and account.state.cluster(staging_id).database_token(made.id) is not None
    assert account.state.database_token(made.id) is None  # not on the connection's own cluster


def test_details_name_the_tokens_cluster(qtbot, start, account) -> None:
    from token_desk.ui.tokens import TokenDetailsDialog

    window = start()
    choose(qtbot, window, "eu-2")
    page = database_page(window)
    token = shown_tokens(page)[0]
    page.select_ids([token.id], token.id)
    window.commands["details"].trigger()
    dialog = window.findChild(TokenDetailsDialog)
    [cluster] = [label for label in dialog.findChildren(QLabel) if label.accessibleName() == "Cluster"]
    assert cluster.text() == "eu-2" and cluster_id_named(account, "eu-2") in cluster.toolTip()
    dialog.close()


def test_a_bulk_revoke_says_per_token_what_each_cluster_answered(qtbot, start, account) -> None:
    window = start()
    page, chosen = one_active_token_per_cluster_selected(qtbot, window)
    account.faults.refuse_cluster(cluster_id_named(account, "eu-2"), 403)  # eu-2 refuses from now on
    results: dict[str, str] = {}

    def read_results(tree: QTreeWidget) -> None:  # once shown, before the dialog is closed
        for i in range(tree.topLevelItemCount()):
            group = tree.topLevelItem(i)
            results[group.text(0)] = group.child(0).text(tree.columnCount() - 1)

    def watch(dialog: RevokeDialog) -> None:
        tree = dialog.findChild(QTreeWidget)
        dialog.finished.connect(lambda _code: read_results(tree))  # the outcomes shown, then Close

    when_open(RevokeDialog, watch)
    confirm_revoke_when_the_dialog_opens(window)
    window.commands["revoke"].trigger()
    account.faults.clear()
    assert results == {"Cluster Production (eu-central-1) (1 token)": "Revoked",
                       "Cluster staging (1 token)": "Revoked", "Cluster eu-2 (1 token)": "Not revoked"}
    assert account.state.cluster(cluster_id_named(account, "staging")).database_token(chosen["staging"].id)["revokedAt"]
    assert not account.state.cluster(cluster_id_named(account, "eu-2")).database_token(chosen["eu-2"].id).get(
        "revokedAt")


def shown_text_fits(view, row: int, column: int) -> bool:
    """The cell's whole text fits its section (with the style's margins): it is not elided."""
    text = view.model().index(row, column).data()
    return view.fontMetrics().horizontalAdvance(text) + 8 <= view.horizontalHeader().sectionSize(column)


def test_at_800_pixels_the_clusters_table_fits_eliding_names_and_urls_and_keeping_counts_whole(qtbot, start) -> None:
    """No sideways scrolling: the long name and URL give up width (whole in their tooltips), the ID shows its
    start as the token tables' IDs do, and state, time and counts are never cut."""
    window = start()
    window.resize(800, 600)
    model = clusters_table(window)
    view = window.clusters.clusters_page.view
    qtbot.waitUntil(lambda: view.viewport().width() < 700)
    header = view.horizontalHeader()
    assert header.length() <= view.viewport().width()
    assert not view.horizontalScrollBar().isVisible()
    titles = [model.headerData(section, Qt.Orientation.Horizontal) for section in range(model.columnCount())]
    for section, title in enumerate(titles):
        assert view.fontMetrics().horizontalAdvance(title) < header.sectionSize(section), f"header {title} cut"
    whole = [titles.index(title) for title in ("State", "Created", "Active", "Total")]
    for row in range(model.rowCount()):
        assert all(shown_text_fits(view, row, column) for column in whole), cells(model, row)
        for column in (titles.index("Name"), titles.index("URL")):
            assert model.index(row, column).data(Qt.ItemDataRole.ToolTipRole)  # the whole text, when cut


def test_the_clusters_table_reads_as_the_token_tables(qtbot, start) -> None:
    """Headers sit left over their text (counts right, over their numbers), and the keyboard lands on a
    whole row, framed from edge to edge, as in the token tables; not on one cell."""
    window = start()
    model = clusters_table(window)
    view = window.clusters.clusters_page.view
    tokens = window.page(TokenKind.MANAGEMENT).view
    assert view.horizontalHeader().defaultAlignment() == tokens.horizontalHeader().defaultAlignment()
    assert view.horizontalHeader().defaultAlignment() & Qt.AlignmentFlag.AlignLeft
    titles = [model.headerData(section, Qt.Orientation.Horizontal) for section in range(model.columnCount())]
    total = titles.index("Total")
    assert model.headerData(total, Qt.Orientation.Horizontal, Qt.ItemDataRole.TextAlignmentRole) == int(
        model.index(0, total).data(Qt.ItemDataRole.TextAlignmentRole))
    assert view.selectionBehavior() == tokens.selectionBehavior()
    window.activateWindow()
    view.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(view.hasFocus)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    row = view.currentIndex().row()
    assert row >= 1 and view.selectionModel().isRowSelected(row)
    focused = view.viewport().grab().toImage()
    window.sidebar.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: not view.hasFocus())
    unfocused = view.viewport().grab().toImage()
    top, bottom = view.rowViewportPosition(row), view.rowViewportPosition(row) + view.rowHeight(row) - 1
    header = view.horizontalHeader()
    for section in (0, total):  # the first cell and the last: the frame runs along both
        left = header.sectionViewportPosition(section)
        edge = [(x, y) for x in range(left + 4, left + header.sectionSize(section) - 4) for y in (top, top + 1, bottom - 1, bottom)]
        assert any(focused.pixelColor(x, y) != unfocused.pixelColor(x, y) for x, y in edge), titles[section]


def test_at_800_pixels_failed_clusters_lines_wrap_and_cut_nothing_beside_them(qtbot, start, account) -> None:
    """A failure's sentence on one line was cut mid-word, and its width pushed the pages aside until the
    sidebar's entries read "Manag", "Datab"."""
    for name in ("staging", "eu-2"):
        account.faults.refuse_cluster(cluster_id_named(account, name), 403)
    window = start()
    window.resize(800, 600)
    choose(qtbot, window, ALL_CLUSTERS)
    database_page(window)
    lines = [line for line in window.clusters.problems.lines if line.isVisible()]
    assert len(lines) == 2
    qtbot.waitUntil(lambda: window.width() == 800)
    sidebar = window.sidebar
    for row in range(sidebar.count()):
        item = sidebar.visualItemRect(sidebar.item(row))
        assert item.right() <= sidebar.viewport().width(), sidebar.item(row).text()
        assert sidebar.fontMetrics().horizontalAdvance(sidebar.item(row).text()) < sidebar.viewport().width()
    for line in lines:
        label = line.label
        one_line = label.fontMetrics().horizontalAdvance(label.text()) <= label.contentsRect().width()
        wrapped_whole = label.wordWrap() and label.height() >= label.heightForWidth(label.width())
        assert one_line or wrapped_whole, line.text  # every word of it shown
        assert line.mapTo(window, line.rect().topRight()).x() <= window.width()
        assert line.retry.isVisible() and line.retry.mapTo(window, line.retry.rect().topRight()).x() <= window.width()
    account.faults.clear()


def test_a_cluster_shown_alone_that_failed_reads_not_loaded_never_0_tokens(qtbot, start, account) -> None:
    account.faults.refuse_cluster(cluster_id_named(account, "eu-2"), 403)
    window = start()
    database_page(window)
    choose(qtbot, window, "eu-2")
    qtbot.waitUntil(lambda: len(problem_lines(window)) == 1)  # Qt shows a line added to a shown widget next turn
    assert problem_lines(window)[0].startswith("Cluster eu-2: ")  # the line above the table says why
    assert window.status.counts == "Database Tokens not loaded"
    assert window.commands["needs-attention"].text() == "Needs attention"
    choose(qtbot, window, ALL_CLUSTERS)  # the others answer: their tokens are counted again
    assert window.status.counts.startswith(f"{database_page(window).proxy.counts().total} tokens")
