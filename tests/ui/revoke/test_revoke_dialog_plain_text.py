"""Server text is never rendered as markup: in the revoke dialog, its results and the details dialog."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QTextDocument
from PySide6.QtWidgets import QLabel, QTreeWidget, QWidget

from tests.ui.conftest import revoke_button, risk_box
from token_desk.api.errors import ServerError
from token_desk.api.models import Permission, Token, TokenKind
from token_desk.models.display import visible_text
from token_desk.ui.tokens.details_dialog import TokenDetailsDialog
from token_desk.ui.revoke.revoke_dialog import RevokeDialog


HOSTILE = ("<b>bold</b> <img src=x>", "<a href='http://evil'>click</a>", "<qt>&amp; <i>x</i>", "line1\n<h1>big</h1>")
CREATED = datetime(2025, 3, 19, 20, 9, tzinfo=timezone.utc)


def management_token(n: int, description: str) -> Token:
    return Token(kind=TokenKind.MANAGEMENT, id=f"00000000-0000-4000-8000-{n:012d}", description=description,
                 created_at=CREATED, prefix="M.V1.<i>", created_by="<script>user</script>")


def tooltip_reads(tooltip: str) -> str:
    """The text a person sees in a tooltip, as Qt renders its markup."""
    document = QTextDocument()
    document.setHtml(tooltip)
    return document.toPlainText()


class FailingClient:
    """No network: every DELETE fails, so the outcome (with descriptions) is shown."""

    def is_signed_in_with(self, token: Token) -> bool:
        return False

    def revoke_token(self, kind: TokenKind, token_id: str) -> None:
        raise ServerError(status=500)

    def get_token(self, kind: TokenKind, token_id: str) -> Token:
        raise AssertionError("never reached")


def assert_all_labels_plain(widget: QWidget) -> None:
    labels = widget.findChildren(QLabel)
    assert labels
    for label in labels:
        assert label.textFormat() == Qt.TextFormat.PlainText, label.text()


def assert_no_rich_tooltips_with_raw_markup(widget: QWidget, raw: str) -> None:
    for child in [widget, *widget.findChildren(QWidget)]:
        assert raw not in child.toolTip(), child.toolTip()


def open_revoke_dialog(qtbot, tokens) -> RevokeDialog:
    dialog = RevokeDialog(None, tokens, FailingClient())
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.set_details_expanded(True)
    return dialog


@pytest.mark.parametrize("description", HOSTILE)
def test_one_hostile_token_is_shown_literally(qtbot, description) -> None:
    dialog = open_revoke_dialog(qtbot, [management_token(1, description)])
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert description in texts
    assert "M.V1.<i>" in texts and "<script>user</script>" in texts
    assert_all_labels_plain(dialog)
    assert_no_rich_tooltips_with_raw_markup(dialog, description)


def test_hostile_descriptions_in_a_list_and_in_the_failure_report_stay_literal(qtbot) -> None:
    tokens = [management_token(n, description) for n, description in enumerate(HOSTILE)]
    dialog = open_revoke_dialog(qtbot, tokens)
    tree = dialog.findChild(QTreeWidget)
    # One line each: a line break shows as ␊ (the tooltip keeps it).
    assert [tree.topLevelItem(row).text(0) for row in range(len(tokens))] == [visible_text(d) for d in HOSTILE]
    # Item tooltips are rich-text guessed by Qt, so what matters is what the rendered tooltip reads.
    assert tooltip_reads(tree.topLevelItem(0).toolTip(0)) == HOSTILE[0]
    risk_box(dialog).click()
    with qtbot.waitSignal(dialog.revoke_finished, timeout=10_000):
        revoke_button(dialog).click()
    assert all(f"“{description}”" in dialog.findChild(QLabel, "outcome").text() for description in HOSTILE)
    assert_all_labels_plain(dialog)


def test_details_dialog_shows_every_field_as_selectable_plain_text(qtbot) -> None:
    token = management_token(7, HOSTILE[0]).replace(expires_at=datetime(2026, 12, 1, 10, 0, tzinfo=timezone.utc),
                                                    revoked_at=CREATED, account_id="11111111-1111-4111-8111-111111111111")
    dialog = TokenDetailsDialog.show_for(None, token)
    qtbot.addWidget(dialog)
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    local_expiry = token.expires_at.astimezone().strftime("%Y-%m-%d %H:%M %Z")  # with its zone
    for expected in (HOSTILE[0], token.id, "M.V1.<i>", "<script>user</script>", local_expiry, "Revoked",
                     "11111111-1111-4111-8111-111111111111"):
        assert expected in texts
    assert_all_labels_plain(dialog)
    value = next(label for label in dialog.findChildren(QLabel) if label.text() == token.id)
    assert value.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    expiry = next(label for label in dialog.findChildren(QLabel) if label.text() == local_expiry)
    assert expiry.toolTip() == "2026-12-01T10:00:00Z (UTC)"


def test_details_dialog_copies_the_token_id(qtbot) -> None:
    token = management_token(8, "x")
    dialog = TokenDetailsDialog.show_for(None, token)
    qtbot.addWidget(dialog)
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == token.id


def database_token_details(qtbot, number: int, *permissions: tuple[str, str]) -> TokenDetailsDialog:
    """Details of a database token with `permissions` (action, database), open."""
    token = Token(kind=TokenKind.DATABASE, id=f"00000000-0000-4000-8000-{number:012x}", description="db",
                  created_at=CREATED, permissions=tuple(Permission(*each) for each in permissions))
    dialog = TokenDetailsDialog.show_for(None, token)
    qtbot.addWidget(dialog)
    return dialog


def test_database_permissions_read_one_line_per_database(qtbot) -> None:
    dialog = database_token_details(qtbot, 9, ("read", "telemetry"), ("write", "telemetry"), ("read", "*"))
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert "telemetry: read, write\nAll databases: read" in texts
    assert "Never" in texts and "Prefix" not in "".join(texts)


def test_a_caption_sits_beside_the_first_line_of_a_long_value(qtbot) -> None:
    """"Permissions:" floated between the lines of a token's permissions (QFormLayout centres captions)."""
    dialog = database_token_details(qtbot, 10, ("read", "telemetry"), ("write", "logs"), ("read", "metrics"))
    qtbot.waitExposed(dialog)
    labels = {label.text(): label for label in dialog.findChildren(QLabel)}
    caption = labels["Permissions:"]
    value = next(label for text, label in labels.items() if text.count("\n") == 2)
    assert value.height() > 2 * caption.height()
    def top(label: QLabel) -> int:
        return label.mapTo(dialog, label.rect().topLeft()).y()

    assert abs(top(caption) - top(value)) <= 1
