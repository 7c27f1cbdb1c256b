"""Newest knowledge wins: a list asked for before a confirmed change never undoes it on screen.

The sandbox works out each list when it is asked for and holds the answer back (faults.hold_next); meanwhile
the person revokes, creates or edits a token and the service confirms it; then the old lists arrive. The row
must keep what the service confirmed, with no F5 needed.
"""

from __future__ import annotations

import pytest

from tests.ui.conftest import LOAD_TIMEOUT_MS, confirm_revoke_when_the_dialog_opens, wait_loaded
from tests.ui.create.test_create_from_window import (copy_and_close, edit_description_once_listed, fill_database_token,
                                                     when_open)
from token_desk.api.models import Permission, TokenKind
from token_desk.ui.create.create_dialog import CreateTokenDialog
from token_desk.ui.create.edit_dialog import EditTokenDialog
from token_desk.ui.create.secret_dialog import SecretDialog
from token_desk.ui.shell.row_commands import WindowLifecycleHost


def hold_both_lists(qtbot, window, sandbox) -> None:
    """A refresh whose two lists the service has answered but whose answers are still on their way."""
    sandbox.faults.hold_next(2)
    window.refresh()
    qtbot.waitUntil(lambda: sandbox.faults.held == 2, timeout=LOAD_TIMEOUT_MS)
    assert window.loader.busy


def release_the_old_lists(qtbot, window, sandbox) -> None:
    sandbox.faults.release_held()
    qtbot.waitUntil(lambda: not window.loader.busy, timeout=LOAD_TIMEOUT_MS)
    wait_loaded(qtbot, window)


def row_copy(window, kind: TokenKind, token_id: str):
    page = window.page(kind)
    row = page.model.row_of(token_id)
    return None if row is None else page.model.token_at(row)


@pytest.mark.parametrize("kind", [TokenKind.MANAGEMENT, TokenKind.DATABASE])
def test_a_list_asked_before_a_revoke_never_brings_the_token_back_as_active(qtbot, window, sandbox, kind) -> None:
    window.sidebar.setCurrentRow(list(TokenKind).index(kind))
    page = window.page(kind)
    target = next(page.proxy.token_at(row) for row in range(page.proxy.rowCount())
                  if page.proxy.token_at(row).is_active and not window.connection.service.is_signed_in_with(
                      page.proxy.token_at(row)))
    hold_both_lists(qtbot, window, sandbox)
    page.select_ids([target.id], target.id)
    seen = confirm_revoke_when_the_dialog_opens(window)
    window.commands["revoke"].trigger()
    assert seen and row_copy(window, kind, target.id).is_revoked  # confirmed: shown revoked at once
    release_the_old_lists(qtbot, window, sandbox)  # both lists say "active": they were asked for before
    assert row_copy(window, kind, target.id).is_revoked
    assert target.id not in {page.proxy.token_at(row).id for row in range(page.proxy.rowCount())}


def test_a_list_asked_before_a_create_never_drops_the_new_token(qtbot, window, sandbox) -> None:
    window.sidebar.setCurrentRow(1)
    hold_both_lists(qtbot, window, sandbox)
    when_open(CreateTokenDialog, lambda dialog: fill_database_token(dialog, "made while loading"))
    secrets = when_open(SecretDialog, copy_and_close)
    window.commands["new-database-token"].trigger()
    assert secrets, "the secret dialog never opened"
    (created,) = [token for token in window.page(TokenKind.DATABASE).model.tokens()
                  if token.description == "made while loading"]
    release_the_old_lists(qtbot, window, sandbox)  # the list was worked out before the token existed
    assert row_copy(window, TokenKind.DATABASE, created.id) == created


def test_a_list_asked_before_an_edit_never_undoes_it(qtbot, window, sandbox) -> None:
    window.sidebar.setCurrentRow(1)
    page = window.page(TokenKind.DATABASE)
    target = next(page.proxy.token_at(row) for row in range(page.proxy.rowCount())
                  if page.proxy.token_at(row).is_active)
    hold_both_lists(qtbot, window, sandbox)

    when_open(EditTokenDialog, edit_description_once_listed("renamed while loading"))
    assert window.rows.lifecycle.edit(target) is not None
    release_the_old_lists(qtbot, window, sandbox)  # the list still has the old description
    assert row_copy(window, TokenKind.DATABASE, target.id).description == "renamed while loading"


def test_a_list_asked_after_the_change_is_shown_as_it_is(qtbot, window, sandbox) -> None:
    """The rule keeps newer knowledge only: a list asked for after the change replaces the row (here the
    token was changed again elsewhere, and that is what the next refresh must show)."""
    window.sidebar.setCurrentRow(1)
    page = window.page(TokenKind.DATABASE)
    target = next(page.proxy.token_at(row) for row in range(page.proxy.rowCount())
                  if page.proxy.token_at(row).is_active)
    hold_both_lists(qtbot, window, sandbox)
    WindowLifecycleHost(window, window.rows).show_token(target.replace(permissions=(Permission("read", "*"),)))
    release_the_old_lists(qtbot, window, sandbox)
    assert row_copy(window, TokenKind.DATABASE, target.id).permissions == (Permission("read", "*"),)
    window.refresh()
    wait_loaded(qtbot, window)
    assert row_copy(window, TokenKind.DATABASE, target.id).permissions == target.permissions


def test_a_refresh_asked_for_while_a_list_loads_follows_it(qtbot, window, sandbox) -> None:
    """The list in flight may predate what made someone ask (a revoke whose new state could not be read
    back asks for one): the request is not dropped, a fresh load follows."""
    lists_before = sum(entry.method == "GET" and entry.path.endswith("/tokens")
                       for entry in sandbox.state.request_log)
    hold_both_lists(qtbot, window, sandbox)
    window.refresh()  # while busy
    sandbox.faults.release_held()
    qtbot.waitUntil(lambda: sum(entry.method == "GET" and entry.path.endswith("/tokens")
                                for entry in sandbox.state.request_log) == lists_before + 2,
                    timeout=LOAD_TIMEOUT_MS)
    wait_loaded(qtbot, window)
