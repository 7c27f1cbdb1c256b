"""Create and edit through influxctl when influxctl is killed: "Not confirmed … Checking…", then what the list proves.

Real stand-in processes (tests/influxctl_standin, modes killed-before-change / killed-after-change) behind the
real dialogs; the check waits at a gate so the test sees the dialog say what it is doing.
"""

from __future__ import annotations

import sys
import threading

import pytest

from tests.api.test_influxctl_unconfirmed import (  # noqa: F401 - `world` is a fixture
    KILLED_AFTER, KILLED_BEFORE, NOT_CONFIRMED, kill_changes, outcomes_written, world,
)
from token_desk.api.models import Permission, TokenKind
from token_desk.ui.create.create_dialog import CreateTokenDialog
from token_desk.ui.create.requests_and_results import CreateRequest
from token_desk.ui.create.edit_dialog import EditTokenDialog

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the stand-in's launcher is a POSIX shell script")
WAIT_MS = 30_000


def gate(service, name: str) -> threading.Event:
    """`service.name` waits until the returned event is set: the test sees the check in progress."""
    opened, real = threading.Event(), getattr(service, name)

    def gated(*args, **kwargs):
        opened.wait(WAIT_MS / 1000)
        return real(*args, **kwargs)

    setattr(service, name, gated)
    return opened


def create_with(qtbot, service, kind: TokenKind) -> CreateTokenDialog:
    dialog = CreateTokenDialog(None, service, CreateRequest(kind))
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.description_box.setText("nightly backup")
    if dialog.permissions is not None:
        qtbot.waitUntil(lambda: "Loading" not in dialog.permissions.load_status.text(), timeout=WAIT_MS)
        dialog.permissions.set_checked("telemetry", "read")
    return dialog


def submit_and_see_the_check(qtbot, dialog, opened: threading.Event) -> None:
    dialog.confirm_button.click()
    qtbot.waitUntil(lambda: dialog.hint.text() == NOT_CONFIRMED, timeout=WAIT_MS)
    assert dialog.busy and not dialog.confirm_button.isEnabled()
    opened.set()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT_MS)


def edit_adding_write(qtbot, service, token) -> EditTokenDialog:
    """The edit dialog of `token`, with write on telemetry ticked, not yet saved."""
    dialog = EditTokenDialog(None, service, token)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitUntil(lambda: "Loading" not in dialog.permissions.load_status.text(), timeout=WAIT_MS)
    dialog.permissions.set_checked("telemetry", "write")
    return dialog


def create_killed(qtbot, world, monkeypatch, kind: TokenKind, when: str):
    """The create dialog submitted through an influxctl that kills itself `when`, once its check has run."""
    service = world[2]
    dialog = create_with(qtbot, service, kind)
    opened = gate(service, "list_tokens")
    kill_changes(monkeypatch, when)
    submit_and_see_the_check(qtbot, dialog, opened)
    return dialog


@pytest.mark.parametrize("kind", [TokenKind.MANAGEMENT, TokenKind.DATABASE])
def test_a_create_killed_after_acting_shows_the_token_the_list_proves(qtbot, world, monkeypatch, kind) -> None:
    journal = world[3]
    dialog = create_killed(qtbot, world, monkeypatch, kind, KILLED_AFTER)
    (found,) = dialog.result_value.discovered
    assert found.description == "nightly backup" and found.kind is kind
    assert dialog.result_value.created is None  # its secret died with influxctl: nothing pretends otherwise
    assert "did create this token" in dialog.error_text and found.id in dialog.error_text
    assert [outcome for outcome, _message in outcomes_written(journal)] == ["unknown", "confirmed"]


@pytest.mark.parametrize("kind", [TokenKind.MANAGEMENT, TokenKind.DATABASE])
def test_a_create_killed_before_acting_says_not_created(qtbot, world, monkeypatch, kind) -> None:
    service, journal = world[2], world[3]
    dialog = create_killed(qtbot, world, monkeypatch, kind, KILLED_BEFORE)
    assert dialog.error_text.startswith("Not created:") and dialog.result_value.discovered == []
    assert [outcome for outcome, _message in outcomes_written(journal)] == ["unknown", "failed"]
    monkeypatch.setenv("INFLUXCTL_STANDIN_MODES", "")
    dialog.confirm_button.click()  # trying again creates it, once
    qtbot.waitUntil(lambda: dialog.result_value.created is not None, timeout=WAIT_MS)
    assert [token.description for token in service.list_tokens(kind)].count("nightly backup") == 1


@pytest.mark.parametrize("mode, saved", [(KILLED_AFTER, True), (KILLED_BEFORE, False)])
def test_an_edit_killed_by_a_signal_is_settled_by_the_tokens_next_copy(qtbot, world, monkeypatch, mode, saved):
    _standin, seeded, service, journal = world
    token = service.get_token(TokenKind.DATABASE, seeded.database_token_ids[1])
    dialog = edit_adding_write(qtbot, service, token)
    opened = gate(service, "get_token")
    kill_changes(monkeypatch, mode)
    submit_and_see_the_check(qtbot, dialog, opened)
    if saved:
        assert dialog.result_value.updated.id == token.id
        assert Permission("write", "telemetry") in dialog.result_value.updated.permissions
    else:
        assert dialog.result_value is None and dialog.error_text.startswith("Not saved:")
    assert [outcome for outcome, _message in outcomes_written(journal)] == ["unknown", "confirmed" if saved else "failed"]
