"""Edit database token…: pre-filled, sends only what changed, shows the permissions afterwards, no expiry edits."""

from __future__ import annotations

from tests.ui.create.conftest import database_token
from token_desk.api import errors
from token_desk.api.models import Permission
from token_desk.ui.create.edit_dialog import EditTokenDialog


def open_dialog(qtbot, service, token) -> EditTokenDialog:
    service.tokens.append(token)
    dialog = EditTokenDialog(None, service, token)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitUntil(lambda: "on this cluster" in dialog.permissions.load_status.text())
    return dialog


def test_it_opens_pre_filled_and_saves_nothing_until_something_changes(qtbot, service) -> None:
    token = database_token(permissions=(Permission("read", "telemetry"), Permission("write", "metrics")))
    dialog = open_dialog(qtbot, service, token)
    assert dialog.description_box.text() == "grafana"
    assert dialog.permissions.permissions() == (Permission("write", "metrics"), Permission("read", "telemetry"))
    assert dialog.confirm_button.text() == "Save Changes" and not dialog.confirm_button.isEnabled()


def test_a_new_description_alone_sends_only_the_description(qtbot, service) -> None:
    token = database_token()
    dialog = open_dialog(qtbot, service, token)
    dialog.description_box.setText("grafana (prod)")
    dialog.confirm_button.click()
    qtbot.waitUntil(lambda: dialog.result_value is not None)
    assert service.calls[-1] == ("update_database_token", token.id, "grafana (prod)", None)
    assert dialog.result_value.updated.description == "grafana (prod)"


def test_permissions_are_sent_whole_and_the_dialog_shows_what_the_token_will_have(qtbot, service) -> None:
    token = database_token()
    dialog = open_dialog(qtbot, service, token)
    dialog.permissions.set_checked("metrics", "write")
    assert "telemetry: read" in dialog.permissions.outcome.text()
    assert "metrics: write" in dialog.permissions.outcome.text()
    dialog.confirm_button.click()
    qtbot.waitUntil(lambda: dialog.result_value is not None)
    assert service.calls[-1] == ("update_database_token", token.id, None,
                                 (Permission("write", "metrics"), Permission("read", "telemetry")))


def test_the_expiry_is_shown_but_fixed_and_rotate_is_offered(qtbot, service) -> None:
    dialog = open_dialog(qtbot, service, database_token())
    labels = " ".join(label.text() for label in dialog.findChildren(type(dialog.hint)))
    assert "expiry cannot be changed" in labels and "Never" in labels
    dialog.rotate_button.click()
    assert dialog.result_value.rotate and not any(c[0] == "update_database_token" for c in service.calls)


def test_a_timeout_says_saving_again_is_safe_and_keeps_the_input(qtbot, service) -> None:
    service.fail_with["update"] = [errors.ChangeTimeoutError(method="PATCH")]
    dialog = open_dialog(qtbot, service, database_token())
    dialog.description_box.setText("renamed")
    dialog.confirm_button.click()
    qtbot.waitUntil(lambda: bool(dialog.error_text))
    assert "Saving again is safe" in dialog.error_text and dialog.description_box.text() == "renamed"
