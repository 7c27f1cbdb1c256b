"""The profile form: messages appear under the field as you type, and Save waits for a valid form."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from connections_helpers import ACCOUNT_ID, CLUSTER_ID, SECRET, make_profile
from token_desk.api.influxctl.locate import find_influxctl
from token_desk.credentials import DEFAULT_BASE_URL, ProfileField
from token_desk.ui.connections.profile_form import ADDED_CLUSTERS_FIELD, ProfileDialog
from token_desk.ui.common.secret_field import STORED_PLACEHOLDER


def open_form(qtbot, existing=(), editing=None) -> ProfileDialog:
    dialog = ProfileDialog(None, existing, editing, influxctl_program=find_influxctl)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def fill(qtbot, dialog: ProfileDialog, name="Production", account=ACCOUNT_ID, cluster=CLUSTER_ID, token=SECRET):
    inputs = dialog.form.inputs
    for key, text in ((ProfileField.NAME, name), (ProfileField.ACCOUNT_ID, account),
                      (ProfileField.CLUSTER_ID, cluster)):
        inputs[key].clear()
        qtbot.keyClicks(inputs[key], text)
    qtbot.keyClicks(dialog.form.token_field.line_edit, token)


def visible_message(dialog: ProfileDialog, key: str) -> str:
    label = dialog.form.errors[key]
    return label.text() if label.isVisible() else ""


def test_new_form_starts_with_the_default_url_and_save_disabled_without_shouting(qtbot) -> None:
    dialog = open_form(qtbot)
    assert dialog.form.inputs[ProfileField.BASE_URL].text() == DEFAULT_BASE_URL
    assert not dialog.save_button.isEnabled()
    assert all(visible_message(dialog, key) == "" for key in dialog.form.errors)


def test_account_id_message_appears_while_typing_and_goes_when_it_is_a_uuid(qtbot) -> None:
    dialog = open_form(qtbot)
    qtbot.keyClicks(dialog.form.inputs[ProfileField.ACCOUNT_ID], "0f8fad5b-d9cb")
    assert "must be a UUID" in visible_message(dialog, ProfileField.ACCOUNT_ID)
    assert "'0f8fad5b-d9cb' is not" in visible_message(dialog, ProfileField.ACCOUNT_ID)
    qtbot.keyClicks(dialog.form.inputs[ProfileField.ACCOUNT_ID], ACCOUNT_ID[len("0f8fad5b-d9cb"):])
    assert visible_message(dialog, ProfileField.ACCOUNT_ID) == ""


def test_save_is_enabled_only_once_every_field_is_valid(qtbot) -> None:
    dialog = open_form(qtbot)
    fill(qtbot, dialog, cluster="not-a-uuid")
    assert not dialog.save_button.isEnabled()
    assert "cluster ID must be a UUID" in visible_message(dialog, ProfileField.CLUSTER_ID)
    dialog.form.inputs[ProfileField.CLUSTER_ID].setText(CLUSTER_ID)
    assert dialog.save_button.isEnabled()
    dialog.save_button.click()
    assert dialog.result_value.profile == make_profile()
    assert dialog.result_value.token == SECRET


def test_bad_url_and_taken_name_say_what_to_fix(qtbot) -> None:
    dialog = open_form(qtbot, existing=["Production"])
    fill(qtbot, dialog, name="production")
    url = dialog.form.inputs[ProfileField.BASE_URL]
    url.clear()
    qtbot.keyClicks(url, "ftp://example.com")
    assert "must start with https://" in visible_message(dialog, ProfileField.BASE_URL)
    assert "already exists" in visible_message(dialog, ProfileField.NAME)
    assert not dialog.save_button.isEnabled()


def test_token_is_masked_and_reveal_shows_only_what_was_typed(qtbot) -> None:
    dialog = open_form(qtbot)
    field = dialog.form.token_field
    qtbot.keyClicks(field.line_edit, SECRET)
    assert field.line_edit.echoMode() == QLineEdit.EchoMode.Password
    field.reveal_button.click()
    assert field.line_edit.echoMode() == QLineEdit.EchoMode.Normal
    dialog.hide()  # a revealed token does not stay revealed once the form is gone
    assert field.line_edit.echoMode() == QLineEdit.EchoMode.Password


def test_editing_never_shows_the_stored_token_and_empty_means_keep_it(qtbot) -> None:
    dialog = open_form(qtbot, existing=["Production", "Staging"], editing=make_profile())
    field = dialog.form.token_field.line_edit
    assert field.text() == "" and field.placeholderText() == STORED_PLACEHOLDER
    assert dialog.windowTitle() == "Edit Connection" and dialog.save_button.isEnabled()
    dialog.save_button.click()
    assert dialog.result_value.token is None


def test_token_with_spaces_inside_is_refused_with_a_message(qtbot) -> None:
    dialog = open_form(qtbot)
    fill(qtbot, dialog, token="apiv1 abc")
    assert "cannot contain spaces" in visible_message(dialog, "token")
    assert not dialog.save_button.isEnabled()


def set_url(qtbot, dialog: ProfileDialog, url: str) -> None:
    dialog.form.inputs[ProfileField.BASE_URL].clear()
    qtbot.keyClicks(dialog.form.inputs[ProfileField.BASE_URL], url)


def test_a_malformed_url_is_a_field_error_not_a_crash(qtbot) -> None:
    dialog = open_form(qtbot)
    fill(qtbot, dialog)
    set_url(qtbot, dialog, "http://[::1/api/v0")
    assert "not a valid URL" in visible_message(dialog, ProfileField.BASE_URL)
    assert not dialog.save_button.isEnabled()


def test_plain_http_to_another_computer_needs_the_person_to_allow_it_after_a_warning(qtbot) -> None:
    dialog = open_form(qtbot)
    fill(qtbot, dialog)
    set_url(qtbot, dialog, "http://tokens.example.com/api/v0")
    assert "unencrypted to tokens.example.com" in visible_message(dialog, ProfileField.BASE_URL)
    assert dialog.form.allow_plain_http.isVisible() and not dialog.save_button.isEnabled()
    dialog.form.allow_plain_http.click()
    warning = dialog.form.plain_http_warning
    assert warning.isVisible() and "sent unencrypted to tokens.example.com" in warning.text()
    assert dialog.save_button.isEnabled()
    dialog.save_button.click()
    assert dialog.result_value.profile.allow_plain_http


def test_https_and_loopback_urls_do_not_offer_plain_http(qtbot) -> None:
    dialog = open_form(qtbot)
    for url in ("https://tokens.example.com/api/v0", "http://127.0.0.1:8086/api/v0"):
        set_url(qtbot, dialog, url)
        assert not dialog.form.allow_plain_http.isVisible()


def test_esc_cancels_a_connection_test_to_a_silent_server_and_keeps_the_dialog(qtbot, sandbox) -> None:
    dialog = open_form(qtbot)
    fill(qtbot, dialog, account=sandbox.account_id, cluster=sandbox.cluster_id, token=sandbox.management_token)
    set_url(qtbot, dialog, sandbox.url)
    sandbox.faults.hang_next(1)
    dialog.test_row.button.click()
    qtbot.waitUntil(lambda: sandbox.faults.hanging == 1)
    assert dialog.test_row.cancel_button.isVisible() and dialog.test_row.message == "Testing…"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.test_row.message == "Test cancelled; nothing was changed."
    assert dialog.test_row.button.isEnabled() and not dialog.test_row.cancel_button.isVisible()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # nothing running now: Esc closes as usual
    assert not dialog.isVisible()


def test_on_windows_a_new_connection_offers_the_influxctl_profile_and_says_why(qtbot, monkeypatch) -> None:
    from token_desk import system
    from token_desk.ui.connections.profile_form import TOKEN_WITHOUT_INFLUXCTL_NOTE

    monkeypatch.setattr(system, "PLATFORM", "win32")
    dialog = open_form(qtbot)
    form = dialog.form
    assert form.uses_influxctl_profile and not form.sign_in_note.isVisible()
    form.sign_in_box.setCurrentIndex(0)  # Management token: database tokens only there, and it says why
    assert form.sign_in_note.isVisible() and form.sign_in_note.text() == TOKEN_WITHOUT_INFLUXCTL_NOTE
    assert form.sign_in_note.text().count(". ") == 0


@pytest.mark.parametrize("platform", ["linux", "darwin"])
def test_on_linux_and_macos_a_new_connection_starts_with_the_token_and_no_note(qtbot, monkeypatch, platform) -> None:
    from token_desk import system

    monkeypatch.setattr(system, "PLATFORM", platform)
    dialog = open_form(qtbot)
    assert not dialog.form.uses_influxctl_profile and not dialog.form.sign_in_note.isVisible()
def test_tab_goes_through_the_fields_in_the_order_shown_then_the_test_then_the_buttons(qtbot) -> None:
    dialog = open_form(qtbot)
    qtbot.waitExposed(dialog)
    name = dialog.form.inputs[ProfileField.NAME]
    name.setFocus()
    qtbot.waitUntil(name.hasFocus)
    visited = []
    for _ in range(9):
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        visited.append(dialog.focusWidget())
    token = dialog.form.token_field
    assert visited[:7] == [dialog.form.inputs[ProfileField.BASE_URL], dialog.form.inputs[ProfileField.ACCOUNT_ID],
                           dialog.form.inputs[ProfileField.CLUSTER_ID], token.line_edit, token.reveal_button,
                           dialog.form.inputs[ADDED_CLUSTERS_FIELD],
                           dialog.test_row.button]  # a token typed after Cluster ID lands in its field
    assert visited[7] in dialog.buttons.buttons()  # then Save (once enabled) and Cancel, in the platform's order


def test_other_clusters_are_typed_by_id_checked_and_kept_with_the_profile(qtbot) -> None:
    staging, eu2 = "4e5f6a7b-8c9d-4e0f-a1b2-c3d4e5f6a7b8", "5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f"
    dialog = open_form(qtbot)
    fill(qtbot, dialog)
    others = dialog.form.inputs[ADDED_CLUSTERS_FIELD]
    assert others.accessibleName() == "Other clusters" and others.placeholderText().startswith("Optional")
    qtbot.keyClicks(others, f"{staging}, not-a-cluster")
    assert "must be a UUID" in visible_message(dialog, ADDED_CLUSTERS_FIELD) and not dialog.save_button.isEnabled()
    others.setText(f"{staging}, {CLUSTER_ID}")
    assert "own cluster" in visible_message(dialog, ADDED_CLUSTERS_FIELD)
    others.setText(f"{staging},  {eu2}")
    assert visible_message(dialog, ADDED_CLUSTERS_FIELD) == "" and dialog.save_button.isEnabled()
    dialog.save_button.click()
    assert dialog.result_value.profile.added_cluster_ids == (staging, eu2)
    again = open_form(qtbot, editing=dialog.result_value.profile)
    assert again.form.inputs[ADDED_CLUSTERS_FIELD].text() == f"{staging}, {eu2}"
