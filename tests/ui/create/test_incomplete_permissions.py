"""A token whose server listed a permission without its database or action (the API document requires
neither): Edit and Rotate show the person what they cannot tick, never tick a guess, and never send it back."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from tests.ui.create.conftest import database_token
from tests.ui.create.test_create_dialog import open_dialog as open_create_dialog
from tests.ui.create.test_edit_dialog import open_dialog as open_edit_dialog
from token_desk.api.models import Permission
from token_desk.ui.create.create_dialog import rotate_request
from token_desk.ui.create.edit_dialog import NOTHING_CHANGED

READ_TELEMETRY = Permission("read", "telemetry")
INCOMPLETE = [Permission("write", None), Permission(None, "metrics"), Permission(None, "*"), Permission(None, None)]


@pytest.mark.parametrize("incomplete", INCOMPLETE)
def test_edit_names_what_it_cannot_tick_and_calls_opening_it_no_change(qtbot, service, incomplete) -> None:
    dialog = open_edit_dialog(qtbot, service, database_token(permissions=(READ_TELEMETRY, incomplete)))
    assert dialog.permissions.permissions() == (READ_TELEMETRY,)  # nothing ticked for it: no guess
    note = dialog.permissions.not_tickable
    assert note.isVisibleTo(dialog) and note.text().startswith("Not shown, and not sent: ")
    assert ("Unknown database" in note.text()) == (incomplete.resource is None)
    assert ("unknown action" in note.text()) == (incomplete.action is None)
    assert not dialog.confirm_button.isEnabled() and dialog.problem() == NOTHING_CHANGED


def test_edit_saving_a_description_leaves_the_permissions_alone(qtbot, service) -> None:
    token = database_token(permissions=(READ_TELEMETRY, Permission("write", None)))
    dialog = open_edit_dialog(qtbot, service, token)
    dialog.description_box.setText("grafana (prod)")
    dialog.confirm_button.click()
    qtbot.waitUntil(lambda: dialog.result_value is not None)
    assert service.calls[-1] == ("update_database_token", token.id, "grafana (prod)", None)


def test_edit_saving_permissions_sends_exactly_what_is_ticked(qtbot, service) -> None:
    token = database_token(permissions=(READ_TELEMETRY, Permission(None, "metrics")))
    dialog = open_edit_dialog(qtbot, service, token)
    dialog.permissions.set_checked("metrics", "write")
    dialog.confirm_button.click()
    qtbot.waitUntil(lambda: dialog.result_value is not None)
    assert service.calls[-1] == ("update_database_token", token.id, None,
                                 (Permission("write", "metrics"), READ_TELEMETRY))


def test_a_complete_token_shows_no_such_note(qtbot, service) -> None:
    dialog = open_edit_dialog(qtbot, service, database_token())
    assert not dialog.permissions.not_tickable.isVisibleTo(dialog)


def test_rotate_copies_only_the_complete_permissions_and_says_so(qtbot, service) -> None:
    old = database_token(permissions=(READ_TELEMETRY, Permission("write", None)))
    dialog = open_create_dialog(qtbot, service, request=rotate_request(old, datetime.now(timezone.utc)))
    assert "Unknown database: write" in dialog.permissions.not_tickable.text()
    dialog.confirm_button.click()
    qtbot.waitUntil(lambda: bool(service.creates()))
    assert service.creates()[-1][2] == (READ_TELEMETRY,)
