"""App-wide: a hostile description, profile name, URL or server message is shown literally on every screen."""

from __future__ import annotations

import html
import itertools

import pytest
from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import Qt as QtGui
from PySide6.QtWidgets import QAbstractItemView, QLabel, QMessageBox, QWidget

from tests.hostile import HOSTILE, add_hostile_tokens
from tests.ui.conftest import shown_tokens, when_message_box_open
from tests.ui.modals import modals_answered
from token_desk.api.errors import AuthenticationError, ServerError
from token_desk.api.models import TokenKind
from token_desk.connection import Connection, ConnectionKind
from token_desk.credentials import Profile
from token_desk.ui.common.file_prompts import FilePrompts
from token_desk.ui.common.message_box import Icon, message_box
from token_desk.ui.connections import ConnectionPrompts
from token_desk.ui.create.lifecycle import QtLifecycleDialogs
from token_desk.ui.shell.about_dialog import AboutDialog
from token_desk.ui.tokens.details_dialog import TokenDetailsDialog
from token_desk.ui.revoke.revoke_dialog import RevokeDialog
from token_desk.ui.shell.welcome_page import WelcomePage


ACCOUNT_ID = "0f8fad5b-d9cb-469f-a165-70867728950e"
CLUSTER_ID = "7c9e6679-7425-40de-944b-e07fc1f90ae7"
MAX_ROWS_CHECKED = 200


def assert_tooltip_literal(tip: str, where: str) -> None:
    """Raw markup in a tooltip would be rendered (Qt guesses rich text); escaped text must sit in markup."""
    assert not (HOSTILE in tip and QtGui.mightBeRichText(tip)), f"{where}: {tip!r}"
    if html.escape(HOSTILE) in tip:
        assert QtGui.mightBeRichText(tip), f"{where} would show entities: {tip!r}"


def assert_item_tooltips_literal(model: QAbstractItemModel, where: str) -> None:
    for row in range(min(model.rowCount(QModelIndex()), MAX_ROWS_CHECKED)):
        # List models keep columnCount private; walk the columns until the index runs out.
        for column in itertools.takewhile(lambda c: model.index(row, c).isValid(), itertools.count()):
            tip = model.index(row, column).data(Qt.ItemDataRole.ToolTipRole)
            if isinstance(tip, str):
                assert_tooltip_literal(tip, f"{where} row {row} column {column}")


def assert_shown_literally(widget: QWidget) -> int:
    """Every label that holds a '<' is plain text; every tooltip shows the hostile text literally."""
    labels = [label for label in widget.findChildren(QLabel) if "<" in label.text()]
    for label in labels:
        assert label.textFormat() == Qt.TextFormat.PlainText, f"{type(widget).__name__}: {label.text()!r}"
    for child in [widget, *widget.findChildren(QWidget)]:
        assert_tooltip_literal(child.toolTip(), type(child).__name__)
        if isinstance(child, QAbstractItemView) and child.model() is not None:
            assert_item_tooltips_literal(child.model(), type(child).__name__)
    return sum(HOSTILE in label.text() for label in labels)


def hostile_token(window, kind: TokenKind = TokenKind.MANAGEMENT):
    return next(token for token in shown_tokens(window.page(kind)) if token.description == HOSTILE)


@pytest.fixture
def sandbox(sandbox):
    add_hostile_tokens(sandbox)
    return sandbox


@pytest.fixture
def loaded(window):
    window.commands["show-inactive"].setChecked(True)
    return window


def test_main_window_with_inactive_tokens_shown(loaded) -> None:
    for kind in TokenKind:
        loaded.sidebar.setCurrentRow(list(TokenKind).index(kind))
        assert hostile_token(loaded, kind).description == HOSTILE
        assert_shown_literally(loaded)


def test_revoke_dialog_for_the_hostile_token(qtbot, loaded) -> None:
    dialog = RevokeDialog(loaded, [hostile_token(loaded)], loaded.connection.service)
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.set_details_expanded(True)
    assert assert_shown_literally(dialog) >= 1
    dialog.reject()


def test_details_dialog_for_the_hostile_token(qtbot, loaded) -> None:
    dialog = TokenDetailsDialog.show_for(loaded, hostile_token(loaded, TokenKind.DATABASE))
    assert assert_shown_literally(dialog) >= 1
    dialog.close()


def test_connections_dialog_with_a_hostile_profile_name(qtbot, loaded) -> None:
    profile = Profile(name=HOSTILE, base_url="https://example.com/api/v0",
                      account_id=ACCOUNT_ID, cluster_id=CLUSTER_ID)
    loaded.connections.manager.add(profile, "apiv1_not-a-real-secret", session_only=True)
    dialog = loaded.connections.manage_connections()
    qtbot.waitUntil(dialog.isVisible)
    dialog.list.setCurrentRow(0)
    assert dialog.list.item(0).text() == f"{HOSTILE}  (token for this session only)"  # literally, with its note
    assert_shown_literally(dialog)
    dialog.reject()


def test_welcome_page_and_a_hostile_connection_label(qtbot, loaded) -> None:
    welcome = WelcomePage()
    qtbot.addWidget(welcome)
    welcome.show()  # its contents are made when first shown
    assert_shown_literally(welcome)
    loaded.set_connection(Connection(HOSTILE, loaded.connection.service, ConnectionKind.ONE_OFF))
    assert loaded.windowTitle().startswith(HOSTILE)  # window titles are never rich text
    assert_shown_literally(loaded)


def test_about_dialog_with_a_hostile_base_url(qtbot, loaded) -> None:
    dialog = AboutDialog(loaded, f"https://{HOSTILE}")
    qtbot.addWidget(dialog)
    assert assert_shown_literally(dialog) >= 1


@pytest.mark.parametrize("error", [ServerError(f"The server said: {HOSTILE}", status=500, server_message=HOSTILE),
                                   AuthenticationError(f"Rejected: {HOSTILE}", status=401, server_message=HOSTILE)])
def test_error_banner_with_a_hostile_server_message(qtbot, loaded, error) -> None:
    if isinstance(error, AuthenticationError):
        with modals_answered() as asked:
            loaded.loader.failed.emit(error)  # a rejected sign-in concerns both pages...
        assert [(d.kind, d.answer) for d in asked] == [("TokenPrompt", "Cancel")]  # ...and asks for a new token
    else:
        loaded.loader.kind_failed.emit(loaded.current_page().kind, error)
    assert HOSTILE in loaded.banner.message
    assert assert_shown_literally(loaded) >= 1


# ---- message boxes: the text and the informative text ------------------------------------------------------
HOSTILE_IMAGE = HOSTILE[HOSTILE.index("<img"):]  # the part a file name can hold (no slash)
assert HOSTILE_IMAGE == "<img src=x>"


def message_box_texts(box: QMessageBox) -> list[tuple[str, Qt.TextFormat]]:
    """The box's text and informative text, each with the format Qt shows it in."""
    texts = [(box.text(), box.textFormat())]
    informative = box.findChild(QLabel, "qt_msgbox_informativelabel")
    if informative is not None:
        texts.append((informative.text(), informative.textFormat()))
    return texts


def assert_message_box_literal(texts: list[tuple[str, Qt.TextFormat]]) -> int:
    """Every text is plain (Qt's default guesses markup); returns how many hold hostile markup."""
    for text, text_format in texts:
        assert text_format == Qt.TextFormat.PlainText, f"{text!r} may render as markup"
    return sum(HOSTILE_IMAGE in text for text, _format in texts)


def inspect_next_message_box(seen: list) -> None:
    """Once a message box is up (it blocks the caller), note its texts and press Esc's button."""
    def act(box: QMessageBox) -> None:
        seen.append(message_box_texts(box))
        (box.escapeButton() or box.buttons()[-1]).click()
    when_message_box_open(act)


def test_the_rotate_question_shows_the_servers_description_literally(loaded) -> None:
    seen: list[int] = []
    inspect_next_message_box(seen)
    assert QtLifecycleDialogs().revoke_old_now(loaded, hostile_token(loaded)) is False  # Esc keeps it
    assert len(seen) == 1 and assert_message_box_literal(seen[0]) == 1


@pytest.mark.parametrize("show", [
    lambda parent: ConnectionPrompts().confirm_delete(parent, HOSTILE),
    lambda parent: ConnectionPrompts().show_problem(parent, HOSTILE, f"The server said: {HOSTILE}"),
    lambda parent: FilePrompts().confirm_overwrite(parent, Path("/tmp") / f"{HOSTILE_IMAGE}.csv"),
], ids=["delete connection", "problem", "replace file"])
def test_every_question_and_notice_shows_names_and_messages_literally(loaded, show) -> None:
    seen: list[int] = []
    inspect_next_message_box(seen)
    show(loaded)
    assert len(seen) == 1 and assert_message_box_literal(seen[0]) == 1


def test_the_informative_text_is_plain_text_too(qtbot) -> None:
    box = message_box(None, Icon.Information, "Title", "Text", informative=f"More: {HOSTILE}")
    qtbot.addWidget(box)
    box.show()
    assert assert_message_box_literal(message_box_texts(box)) == 1
    assert_shown_literally(box)
