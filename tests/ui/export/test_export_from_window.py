"""File → Export… from the real window: the CSV holds exactly the rows shown, formulas are inert,
JSON speaks the API's names, and no file is replaced without asking."""

from __future__ import annotations

import csv
import json
import re
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt

from tests.ui.conftest import header_click, wait_loaded
from tests.ui.file_prompts_fake import ScriptedFilePrompts
from token_desk.api.models import Permission, TokenKind
from token_desk.export import inert
from token_desk.models.columns import Column
from token_desk.ui.export import ExportDialog, open_export

EXPORT_TIMEOUT_MS = 15_000


def shown_rows(page) -> tuple[list[str], list[list[str]]]:
    """The header labels and cell texts exactly as the table shows them, in the user's column order."""
    header = page.view.horizontalHeader()
    logical = [header.logicalIndex(v) for v in range(header.count()) if not header.isSectionHidden(header.logicalIndex(v))]
    labels = [page.proxy.headerData(i, Qt.Orientation.Horizontal) for i in logical]
    rows = [[page.proxy.index(row, i).data() for i in logical] for row in range(page.proxy.rowCount())]
    return labels, rows


def export_via_dialog(qtbot, window, path: Path, *, file_format: str = "csv", all_rows: bool = False,
                      prompts: ScriptedFilePrompts | None = None) -> ExportDialog:
    dialog = open_export(window, prompts or ScriptedFilePrompts())
    qtbot.addWidget(dialog)
    dialog.findChild(type(dialog.shown_choice), "all" if all_rows else "shown").click()
    dialog.findChild(type(dialog.csv_choice), file_format).click()
    dialog.path_edit.setText(str(path))
    dialog.export_button.click()
    return dialog


def with_times_parsed(token: dict) -> dict:
    return {key: datetime.fromisoformat(value) if key.endswith("At") else value for key, value in token.items()}


def read_csv(path: Path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8") as file:
        return list(csv.reader(file))


def test_ctrl_e_opens_the_export_dialog_for_the_page_shown(qtbot, window) -> None:
    window.sidebar.setCurrentRow(1)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = window.findChild(ExportDialog)
    qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible())
    assert dialog.windowTitle() == "Export Database Tokens"
    page = window.current_page()
    assert f"({page.proxy.rowCount()} token" in dialog.shown_choice.text()
    assert f"({page.proxy.counts().total} token" in dialog.all_choice.text()
    dialog.reject()


def test_csv_of_the_rows_shown_reads_back_to_what_the_table_shows(qtbot, window, tmp_path: Path) -> None:
    page = window.page(TokenKind.MANAGEMENT)
    window.search_box.setText("a")  # a search, a sort, a hidden and a moved column: all as the user left them
    header_click(qtbot, page, Column.DESCRIPTION)
    header = page.view.horizontalHeader()
    header.hideSection(page.column_index(Column.PREFIX))
    header.moveSection(header.visualIndex(page.column_index(Column.TOKEN_ID)), 0)
    labels, rows = shown_rows(page)
    assert 0 < len(rows) < page.proxy.counts().total
    path = tmp_path / "shown.csv"
    dialog = export_via_dialog(qtbot, window, path)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=EXPORT_TIMEOUT_MS)
    exported = read_csv(path)
    assert exported[0][:len(labels)] == labels and labels[0] == "Token ID" and "Prefix" not in exported[0]
    assert exported[0][len(labels):] == ["Created At (UTC)", "Expires At (UTC)", "Revoked At (UTC)",
                                         "Finding IDs", "Findings"]
    sentences = ["\n".join(f.sentence for f in page.findings_of(row[0])) for row in rows]  # row[0]: the ID
    assert [row[-1] for row in exported[1:]] == sentences and any(sentences)
    times = [labels.index(title) for title in ("Created At", "Expires At")]
    for shown, written in zip(rows, exported[1:]):
        for column, text in enumerate(shown):  # the table's text; a time adds its zone (no header tooltip in a file)
            with_zone = re.escape(text) + r" (?:[A-Z]{2,5}|[+-]\d{4})"
            assert re.fullmatch(with_zone, written[column]) if column in times and text[:1].isdigit() \
                else written[column] == text
    assert window.statusBar().currentMessage() == f"Exported {len(rows)} tokens to {path}."


def test_all_rows_as_json_use_the_apis_field_names(qtbot, window, sandbox, tmp_path: Path) -> None:
    window.sidebar.setCurrentRow(1)
    window.search_box.setText("no token is described like this")
    path = tmp_path / "all.json"
    dialog = export_via_dialog(qtbot, window, path, file_format="json", all_rows=True)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=EXPORT_TIMEOUT_MS)
    exported = json.loads(path.read_text(encoding="utf-8"))
    # The server's own objects, field for field, in the server's order, whatever the search hides
    # (times to the microsecond: the server may write nanoseconds, which Token Desk does not keep).
    assert [with_times_parsed({k: v for k, v in item.items() if k != "findings"}) for item in exported] == [
        with_times_parsed(item) for item in sandbox.state.database_tokens()]
    page = window.page(TokenKind.DATABASE)
    assert [[f["id"] for f in item["findings"]] for item in exported] == [
        [f.id for f in page.findings_of(item["id"])] for item in exported]
    assert any(item["findings"] for item in exported)


def test_formula_descriptions_are_made_inert_and_line_breaks_kept(qtbot, window, tmp_path: Path) -> None:
    descriptions = ["=HYPERLINK(\"http://x\")", "+SUM(1)", "-1+2", "@cmd", "\tTab", "\rReturn", "two\nlines"]
    client = window.connection.service
    for text in descriptions:
        client.create_database_token(text, [Permission("read", "*")])
    window.refresh()
    wait_loaded(qtbot, window)
    window.sidebar.setCurrentRow(1)
    path = tmp_path / "inert.csv"
    dialog = export_via_dialog(qtbot, window, path, all_rows=True)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=EXPORT_TIMEOUT_MS)
    exported = read_csv(path)
    column = exported[0].index("Description")
    cells = [row[column] for row in exported[1:]]
    assert [inert(text) for text in descriptions] == [cell for cell in cells if cell.lstrip("'") in descriptions]
    assert "'=HYPERLINK(\"http://x\")" in cells and "two\nlines" in cells


def test_an_existing_file_is_replaced_only_after_asking(qtbot, window, tmp_path: Path) -> None:
    path = tmp_path / "tokens.csv"
    path.write_text("keep me", encoding="utf-8")
    declining = ScriptedFilePrompts(replace=False)
    dialog = export_via_dialog(qtbot, window, path, prompts=declining)
    assert declining.asked == [("confirm_overwrite", path)]
    assert dialog.isVisible() and path.read_text(encoding="utf-8") == "keep me"
    dialog.reject()
    accepting = ScriptedFilePrompts(replace=True)
    dialog = export_via_dialog(qtbot, window, path, prompts=accepting)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=EXPORT_TIMEOUT_MS)
    assert read_csv(path)[0][0] == "Status"
    assert [p.name for p in tmp_path.iterdir()] == ["tokens.csv"]  # no temporary file left behind


def test_a_missing_folder_is_said_in_the_dialog_and_nothing_is_written(qtbot, window, tmp_path: Path) -> None:
    dialog = export_via_dialog(qtbot, window, tmp_path / "nowhere" / "tokens.csv")
    assert dialog.isVisible() and dialog.problem.isVisible()
    assert "does not exist" in dialog.problem.text() and not (tmp_path / "nowhere").exists()
    dialog.reject()


def test_export_is_disabled_without_a_connection(qtbot, window) -> None:
    export = next(a for a in window.menus["File"].actions() if a.text() == "Export…")
    assert export.isEnabled()
    window.connections.show(None)
    assert not export.isEnabled()


def test_every_choice_and_label_of_the_dialog_is_shown_whole(qtbot, window) -> None:
    """The choices grew ("…, with the findings") past the dialog's fixed floor: "Format:" was cut to "Forma"."""
    from PySide6.QtWidgets import QLabel, QRadioButton

    dialog = open_export(window, ScriptedFilePrompts())
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    texts = dialog.findChildren(QRadioButton) + [label for label in dialog.findChildren(QLabel) if label.text()]
    cut = [widget.text() for widget in texts if widget.isVisible() and widget.width() < widget.sizeHint().width()]
    assert cut == []
    dialog.close()
