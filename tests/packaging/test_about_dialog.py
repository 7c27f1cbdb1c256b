"""Help → About tells a user which version they run, under what license, and which API it talks to."""

from __future__ import annotations

import tomllib
from pathlib import Path

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialogButtonBox, QLabel

import token_desk
from token_desk.ui.shell.about_dialog import AboutDialog

BASE_URL = "https://acme.a.influxdb.io/api/v0"


def shown_texts(dialog: AboutDialog) -> list[str]:
    return [label.text() for label in dialog.findChildren(QLabel) if label.text()]


def test_about_shows_version_license_and_the_api_in_use(qtbot) -> None:
    dialog = AboutDialog(None, BASE_URL)
    qtbot.addWidget(dialog)
    texts = shown_texts(dialog)
    assert token_desk.__version__ in texts
    assert "MIT" in texts
    assert BASE_URL in texts
    assert qVersion() in texts and PySide6.__version__ in texts


def test_the_version_shown_is_the_one_in_pyproject(qtbot) -> None:
    # A stale install would show an old version; the About box must match what was released.
    pyproject = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text("utf-8"))
    dialog = AboutDialog(None, BASE_URL)
    qtbot.addWidget(dialog)
    assert pyproject["project"]["version"] in shown_texts(dialog)


def test_every_label_is_plain_text_so_a_crafted_url_is_shown_verbatim(qtbot) -> None:
    hostile = "https://<b>evil</b>.example/<img src=x>"
    dialog = AboutDialog(None, hostile)
    qtbot.addWidget(dialog)
    labels = [label for label in dialog.findChildren(QLabel) if label.text()]
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in labels)
    assert hostile in shown_texts(dialog)


def test_without_a_connection_it_says_not_connected(qtbot) -> None:
    dialog = AboutDialog(None, "")
    qtbot.addWidget(dialog)
    assert "Not connected" in shown_texts(dialog)


def test_copy_details_puts_version_and_url_on_the_clipboard(qtbot) -> None:
    dialog = AboutDialog(None, BASE_URL)
    qtbot.addWidget(dialog)
    copy_button = next(b for b in dialog.findChildren(QDialogButtonBox)[0].buttons() if b.text() == "Copy Details")
    copy_button.click()
    copied = QGuiApplication.clipboard().text()
    assert f"Token Desk {token_desk.__version__}" in copied
    assert f"API base URL: {BASE_URL}" in copied


# The offscreen platform warns that it cannot propagate size hints whenever a window is shown.
def test_close_button_closes_the_dialog(qtbot) -> None:
    dialog = AboutDialog(None, BASE_URL)
    qtbot.addWidget(dialog)
    dialog.open()
    assert dialog.isVisible()
    box = dialog.findChildren(QDialogButtonBox)[0]
    with qtbot.waitSignal(dialog.rejected):
        box.button(QDialogButtonBox.StandardButton.Close).click()
    assert not dialog.isVisible()
