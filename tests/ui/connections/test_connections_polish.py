"""The Connections dialog: import from influxctl right there, Add starts at Name, messages in the field column."""

from __future__ import annotations

from tests.ui.modals import modals_answered
from token_desk.api.influxctl.locate import find_influxctl
from token_desk.credentials import ProfileField
from token_desk.ui.connections.profile_form import ProfileDialog


def test_the_connections_dialog_offers_the_influxctl_import(qtbot, window) -> None:
    dialog = window.connections.manage_connections()
    qtbot.addWidget(dialog)
    with modals_answered() as seen:
        dialog.buttons["Import from influxctl…"].click()
    assert [d.kind for d in seen] == ["InfluxctlImportDialog"]



def test_add_connection_starts_at_the_name(qtbot) -> None:
    dialog = ProfileDialog(None, influxctl_program=find_influxctl)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.focusWidget() is dialog.form.inputs[ProfileField.NAME]


def test_the_connection_test_sits_in_the_field_column(qtbot) -> None:
    dialog = ProfileDialog(None, influxctl_program=find_influxctl)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    field_left = dialog.form.inputs[ProfileField.NAME].mapTo(dialog, dialog.form.inputs[ProfileField.NAME].rect().topLeft()).x()
    test_left = dialog.test_row.button.mapTo(dialog, dialog.test_row.button.rect().topLeft()).x()
    assert test_left == field_left


def test_the_dialog_grows_for_field_errors_and_shrinks_back_once_they_are_fixed(qtbot) -> None:
    dialog = ProfileDialog(None, influxctl_program=find_influxctl)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    account = dialog.form.inputs[ProfileField.ACCOUNT_ID]
    account.setText("not-a-uuid")
    account.editingFinished.emit()
    qtbot.waitUntil(lambda: dialog.form.errors[ProfileField.ACCOUNT_ID].isVisible())
    with_error = dialog.height()
    account.setText("11111111-2222-3333-4444-555555555555")
    account.editingFinished.emit()
    qtbot.waitUntil(lambda: not dialog.form.errors[ProfileField.ACCOUNT_ID].isVisible())
    qtbot.waitUntil(lambda: dialog.height() < with_error)  # no gap left where the message was


def test_every_placeholder_shows_whole_at_the_dialogs_smallest_width(qtbot) -> None:
    """"Optional: IDs of other clusters, comma-separated (influxctl usu…" was cut at the field's end."""
    from PySide6.QtWidgets import QLineEdit

    dialog = ProfileDialog(None, influxctl_program=find_influxctl)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.resize(dialog.minimumSizeHint())
    qtbot.waitUntil(lambda: dialog.width() <= max(dialog.minimumWidth(), dialog.minimumSizeHint().width()))
    for field in dialog.findChildren(QLineEdit):
        if field.isVisible() and field.placeholderText():
            room = field.contentsRect().width() - 8  # the style's text margins and the frame
            assert field.fontMetrics().horizontalAdvance(field.placeholderText()) <= room, field.placeholderText()


def test_every_button_of_the_connection_dialogs_is_in_title_case_as_everywhere_else(qtbot, window) -> None:
    """"Test connection" was the one button in sentence case beside "Import from influxctl…", "Copy Token ID"."""
    from PySide6.QtWidgets import QPushButton

    small = {"a", "an", "as", "from", "in", "of", "on", "the", "to", "influxctl"}  # influxctl is its own name
    connections = window.connections.manage_connections()
    qtbot.addWidget(connections)
    form = ProfileDialog(None, influxctl_program=find_influxctl)
    qtbot.addWidget(form)
    words = [(button.text(), word) for dialog in (connections, form) for button in dialog.findChildren(QPushButton)
             for word in button.text().replace("…", "").split() if button.text() and not button.isFlat()]
    assert ("Test Connection", "Connection") in words
    assert [pair for pair in words if pair[1] not in small and not pair[1][0].isupper()] == []
