"""One token, read through the table and through every dialog that shows it: they must agree.

The table once said "Expires soon" while Details said "Active"; every view now takes its status,
permissions and times from token_desk.models.display.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel, QTreeWidget, QWidget

from token_desk.api.models import Permission, Token, TokenKind, utc_now
from token_desk.models import Column, TokenTableModel
from token_desk.ui.revoke.revoke_dialog import RevokeDialog
from token_desk.ui.tokens.details_dialog import TokenDetailsDialog

NOW = utc_now()
PERMISSIONS = (Permission("read", "telemetry"), Permission("read", "telemetry"),
               Permission("write", "telemetry"), Permission("read", "*"))


def expiring_token(kind: TokenKind) -> Token:
    """Active, but within the 7-day "Expires soon" window; permissions listed with a duplicate."""
    database = kind is TokenKind.DATABASE
    return Token(kind=kind, id="00000000-0000-4000-8000-000000000042", description="ci deploy",
                 created_at=NOW - timedelta(days=40), expires_at=NOW + timedelta(days=3),
                 prefix=None if database else "M.V1.k7Q", created_by=None if database else "admin@example.com",
                 permissions=PERMISSIONS if database else ())


class NoServer:
    def is_signed_in_with(self, token: Token) -> bool:
        return False


def rendered(tooltip: str) -> str:
    document = QTextDocument()
    document.setHtml(tooltip)
    return document.toPlainText()


def table_reads(token: Token, column: Column, role=Qt.ItemDataRole.DisplayRole) -> str:
    model = TokenTableModel(token.kind)
    model.set_tokens([token])
    return model.index(0, model.section_of(column)).data(role)


def field(widget: QWidget, caption: str) -> QLabel:
    return next(label for label in widget.findChildren(QLabel) if label.accessibleName() == caption)


def details_dialog(qtbot, token: Token) -> TokenDetailsDialog:
    dialog = TokenDetailsDialog(token)
    qtbot.addWidget(dialog)
    return dialog


def revoke_dialog(qtbot, tokens: list[Token]) -> RevokeDialog:
    dialog = RevokeDialog(None, tokens, NoServer())
    qtbot.addWidget(dialog)
    dialog.set_details_expanded(True)
    return dialog


def list_row(dialog: RevokeDialog) -> dict[str, str]:
    """The first token's line in a several-token revoke dialog, by column title."""
    tree = dialog.findChild(QTreeWidget)
    header = tree.headerItem()
    return {header.text(column): tree.topLevelItem(0).text(column) for column in range(tree.columnCount())}


@pytest.mark.parametrize("kind", list(TokenKind))
def test_status_agrees_across_table_details_and_revoke_dialogs(qtbot, kind: TokenKind) -> None:
    token = expiring_token(kind)
    status = table_reads(token, Column.STATUS)
    assert status == "Expires soon"
    assert field(details_dialog(qtbot, token), "Status").text() == status
    assert field(revoke_dialog(qtbot, [token]), "Status").text() == status
    assert list_row(revoke_dialog(qtbot, [token, token.replace(id=token.id[:-1] + "3")]))["Status"] == status


@pytest.mark.parametrize("kind", list(TokenKind))
def test_times_agree_across_table_details_and_revoke_dialogs(qtbot, kind: TokenKind) -> None:
    token = expiring_token(kind)
    created, expires = table_reads(token, Column.CREATED_AT), table_reads(token, Column.EXPIRES_AT)
    expires_utc = table_reads(token, Column.EXPIRES_AT, Qt.ItemDataRole.ToolTipRole)
    for dialog in (details_dialog(qtbot, token), revoke_dialog(qtbot, [token])):
        zone = f" {token.created_at.astimezone().tzname()}"  # shown as text, a time says its zone
        assert field(dialog, "Created At").text() == created + zone
        assert field(dialog, "Expires At").text() == expires + zone
        assert field(dialog, "Expires At").toolTip() == f"{expires_utc} (UTC)"
    row = list_row(revoke_dialog(qtbot, [token, token.replace(id=token.id[:-1] + "3")]))
    assert (row["Created At"], row["Expires At"]) == (created + zone, expires + zone)


def test_permissions_agree_between_the_table_and_the_dialogs(qtbot) -> None:
    token = expiring_token(TokenKind.DATABASE)
    in_table = rendered(table_reads(token, Column.DATABASES, Qt.ItemDataRole.ToolTipRole))
    assert in_table == "telemetry: read, write\nAll databases: read"  # each action once
    assert table_reads(token, Column.DATABASES) == "telemetry (read, write), + 1 more"
    assert field(details_dialog(qtbot, token), "Permissions").text() == in_table
    assert field(revoke_dialog(qtbot, [token]), "Permissions").text() == in_table
