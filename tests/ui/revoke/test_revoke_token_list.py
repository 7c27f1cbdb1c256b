"""The bulk revoke list: every token on one whole line, Token ID and expiry always in view, growing with the dialog."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtGui import QFontMetrics, QTextLayout, QTextOption
from PySide6.QtWidgets import QLabel, QTreeWidget

from tests.models.conftest import NOW, db_token
from tests.ui.conftest import open_revoke_dialog
from token_desk.ui.revoke import revoke_texts

LONG = ("Credential rotation for the regional ingestion fleet in eu-central-1 and us-east-2, "
        "owned by the platform team and reviewed every quarter by security")


@pytest.fixture
def tokens():
    six = [db_token(f"Collector {n}", expires_at=NOW + timedelta(days=30 + n)) for n in range(5)]
    return [db_token(LONG, expires_at=NOW + timedelta(days=90)), *six]


def column(tree: QTreeWidget, title: str) -> int:
    return [tree.headerItem().text(i) for i in range(tree.columnCount())].index(title)


def fully_in_view(tree: QTreeWidget, title: str) -> bool:
    section = column(tree, title)
    header = tree.header()
    left = header.sectionViewportPosition(section)
    return (left >= 0 and left + header.sectionSize(section) <= tree.viewport().width()
            and header.sectionSize(section) >= tree.sizeHintForColumn(section))


def whole_rows(tree: QTreeWidget) -> int:
    viewport = tree.viewport().rect()
    return sum(viewport.contains(tree.visualItemRect(tree.topLevelItem(row)))
               for row in range(tree.topLevelItemCount()))


def test_every_token_shows_whole_with_id_and_expiry_in_view(qtbot, client, tokens) -> None:
    dialog = open_revoke_dialog(qtbot, tokens, client)
    tree = dialog.findChild(QTreeWidget)
    assert whole_rows(tree) == len(tokens)
    assert not tree.horizontalScrollBar().isVisible()
    assert fully_in_view(tree, "Token ID") and fully_in_view(tree, "Expires At")
    # The long description gave way, losing its middle rather than its ends.
    assert tree.header().sectionSize(column(tree, "Description")) < QFontMetrics(tree.font()).horizontalAdvance(LONG)
    assert tree.textElideMode().name == "ElideMiddle"


def test_the_list_grows_with_the_dialog(qtbot, client, tokens) -> None:
    dialog = open_revoke_dialog(qtbot, tokens * 4, client)  # 24 rows: more than it opens with
    tree = dialog.findChild(QTreeWidget)
    before_rows, before_height = whole_rows(tree), tree.height()
    assert before_rows < 24
    dialog.resize(dialog.width() + 200, dialog.height() + 200)
    qtbot.waitUntil(lambda: tree.height() >= before_height + 200)
    assert whole_rows(tree) > before_rows
    assert fully_in_view(tree, "Token ID") and fully_in_view(tree, "Expires At")


def test_see_more_details_shows_the_extra_columns_in_view(qtbot, client, tokens) -> None:
    dialog = open_revoke_dialog(qtbot, tokens, client)
    tree = dialog.findChild(QTreeWidget)
    assert tree.isColumnHidden(column(tree, "Created At"))
    dialog.set_details_expanded(True)
    qtbot.waitUntil(lambda: all(fully_in_view(tree, title) for title in ("Created At", "Status", "Token ID")))
    assert not tree.horizontalScrollBar().isVisible()


def line_texts(text: str, label: QLabel, width: int) -> list[str]:
    layout = QTextLayout(text, label.font())
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    layout.beginLayout()
    lines = []
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        lines.append(text[line.textStart():line.textStart() + line.textLength()].strip())
    layout.endLayout()
    return lines


@pytest.mark.parametrize("count", [1, 3])
def test_this_cannot_be_undone_never_wraps_apart(qtbot, client, tokens, count) -> None:
    dialog = open_revoke_dialog(qtbot, tokens[:count], client)
    text = revoke_texts.consequence(tokens[:count])
    label = next(label for label in dialog.findChildren(QLabel) if label.text() == text)
    for width in range(200, 800, 7):
        lines = line_texts(text, label, width)
        assert not any(line.startswith(("cannot", "be", "undone")) for line in lines), (width, lines)
