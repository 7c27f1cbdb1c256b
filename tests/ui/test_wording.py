"""One wording per concept (docs/GLOSSARY.md): no expiry reads "Never" under an "Expires At" caption in every
dialog, as in the table, and a time shown as text says its zone."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QLabel, QTreeWidget, QWidget

from tests.ui.create.conftest import FakeService
from tests.ui.create.test_create_dialog import open_dialog, submit_and_wait
from tests.ui.tokens.test_display_agreement import details_dialog, field, list_row, revoke_dialog, table_reads
from token_desk.api import errors
from token_desk.api.models import CreatedToken, Permission, Token, TokenKind, utc_now
from token_desk.models import Column
from token_desk.ui.create.create_dialog import CreateTokenDialog
from token_desk.ui.create.edit_dialog import EditTokenDialog
from token_desk.ui.create.expiry_editor import A_DATE
from token_desk.ui.create.requests_and_results import CreateRequest
from token_desk.ui.create.secret_dialog import SecretDialog

DRIFTED = ("Does not expire", "Never expires", "Expiration", "Token Description", "Off: ")
GLOSSARY = Path(__file__).parents[2] / "docs" / "GLOSSARY.md"


def never_expiring(kind: TokenKind) -> Token:
    return Token(kind=kind, id="00000000-0000-4000-8000-000000000042", description="ci deploy",
                 created_at=utc_now() - timedelta(days=40), prefix="M.V1.k7Q" if kind is TokenKind.MANAGEMENT else None,
                 permissions=(Permission("read", "telemetry"),) if kind is TokenKind.DATABASE else ())


def texts(widget: QWidget) -> list[str]:
    shown = [label.text() for label in widget.findChildren(QLabel)]
    for tree in widget.findChildren(QTreeWidget):
        header = tree.headerItem()
        shown += [header.text(c) for c in range(tree.columnCount())]
        shown += [tree.topLevelItem(r).text(c) for r in range(tree.topLevelItemCount()) for c in range(tree.columnCount())]
    return shown


def dialogs(qtbot, token: Token) -> dict[str, QWidget]:
    found = {"details": details_dialog(qtbot, token), "revoke": revoke_dialog(qtbot, [token]),
             "revoke several": revoke_dialog(qtbot, [token, token.replace(id=token.id[:-1] + "3")]),
             "secret": SecretDialog(None, CreatedToken(token, "demo-secret"))}
    if token.kind is TokenKind.DATABASE:
        found["edit"] = EditTokenDialog(None, FakeService(), token)
    for dialog in found.values():
        qtbot.addWidget(dialog)
    return found


@pytest.mark.parametrize("kind", list(TokenKind))
def test_no_expiry_reads_never_under_expires_at_everywhere(qtbot, kind) -> None:
    token = never_expiring(kind)
    assert table_reads(token, Column.EXPIRES_AT) == "Never"
    for name, dialog in dialogs(qtbot, token).items():
        shown = texts(dialog)
        assert "Never" in shown, name
        assert any(text.rstrip(":") == "Expires At" for text in shown), name
        drifted = [text for text in shown if any(word in text for word in DRIFTED)]
        assert drifted == [], f"{name}: {drifted}"


def test_the_secret_dialog_says_the_time_zone_of_the_expiry(qtbot) -> None:
    token = never_expiring(TokenKind.DATABASE).replace(expires_at=utc_now() + timedelta(days=90))
    dialog = SecretDialog(None, CreatedToken(token, "demo-secret"))
    qtbot.addWidget(dialog)
    local = token.expires_at.astimezone()
    assert f"{local:%Y-%m-%d %H:%M} {local.tzname()}" in texts(dialog)


def test_the_glossary_names_each_concept_once() -> None:
    glossary = GLOSSARY.read_text(encoding="utf-8")
    for word in ("Never", "Expires At", "Description", "Revoke", "Inactive", "Signed in"):
        assert f"**{word}**" in glossary, word


# ---- "Expiration" is not a word of the interface: the choice is "Expires after", the moment "Expires At" ----

def everything_said(widget: QWidget) -> list[str]:
    """Every text a person sees or a screen reader reads in `widget`: texts, accessible names and
    descriptions, tooltips, placeholders and combo box entries."""
    said = []
    for child in [widget, *widget.findChildren(QWidget)]:
        said += [child.accessibleName(), child.accessibleDescription(), child.toolTip(), child.windowTitle()]
        for reader in ("text", "placeholderText", "currentText"):
            if hasattr(child, reader) and callable(getattr(child, reader)):
                said.append(getattr(child, reader)())
        if isinstance(child, QComboBox):
            said += [child.itemText(row) for row in range(child.count())]
    return [text for text in said if isinstance(text, str) and text]


@pytest.mark.parametrize("kind", list(TokenKind))
def test_create_dialogs_say_expires_after_and_expires_at_never_expiration(qtbot, kind) -> None:
    dialog = CreateTokenDialog(None, FakeService(), CreateRequest(kind))
    qtbot.addWidget(dialog)
    dialog.description_box.setText("grafana")
    dialog.expiry.choice.setCurrentText(A_DATE)  # the date and time editors show
    dialog.expiry.date_edit.setDate(QDate.currentDate().addDays(-1))  # a person picks yesterday: the past's problem
    said = everything_said(dialog)
    assert dialog.expiry.problem() in said
    assert {"Expires after", "Expires At (date)", "Expires At (time)"} <= set(said)
    assert [text for text in said if "expiration" in text.casefold()] == []


@pytest.mark.parametrize("server_message", ["'expiresAt' must be in the future", "bad request"])
def test_a_rejected_value_is_named_as_the_dialog_names_it(qtbot, server_message) -> None:
    service = FakeService()
    service.fail_with["create_before"] = [errors.BadRequestError(status=400, server_message=server_message)]
    dialog = open_dialog(qtbot, service)
    dialog.description_box.setText("grafana")
    dialog.permissions.set_checked("telemetry", "read")
    submit_and_wait(qtbot, dialog)
    assert "(400)" in dialog.error_text and "expiration" not in dialog.error_text.casefold()
    if "expiresAt" in server_message:  # the field it names is the one that gets the focus
        assert "did not accept the Expires after field" in dialog.error_text
        qtbot.waitUntil(lambda: dialog.expiry.choice.hasFocus())


def test_a_token_without_a_description_reads_the_same_dash_in_the_table_and_every_dialog(qtbot) -> None:
    token = never_expiring(TokenKind.DATABASE).replace(description="")
    assert table_reads(token, Column.DESCRIPTION) == "—"
    several = revoke_dialog(qtbot, [token, token.replace(id=token.id[:-1] + "3")])
    assert list_row(several)["Description"] == "—"  # not a blank line that looks like a gap in the list
    for dialog in (details_dialog(qtbot, token), revoke_dialog(qtbot, [token])):
        assert field(dialog, "Description").text() == "—"
