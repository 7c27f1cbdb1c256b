"""The first-run welcome page: its import and add choices lead somewhere, and cancelling loses nothing."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from connections_helpers import (  # noqa: F401 - fixtures
    SERVICE, WAIT_MS, AnsweringPrompts, manager, memory_keyring, no_keyring_config,
)
from token_desk.api.connect import management_token_service
from token_desk.api.models import TokenKind
from token_desk.credentials import DEFAULT_BASE_URL
from tests.ui.conftest import RecordingRevoker, window_with
from token_desk.ui.connections.connections_dialog import ConnectionsDialog
from token_desk.ui.shell.main_window import MainWindow
from token_desk.ui.connections.profile_switcher import MANAGE_TEXT


@pytest.fixture
def setup(qtbot, isolated_settings, manager):
    """A window on the welcome page with a controller whose questions the test answers."""
    prompts = AnsweringPrompts()
    window = window_with(manager, prompts, RecordingRevoker(), isolated_settings, services=routed_client)
    controller = window.connections
    qtbot.addWidget(window)
    window.show()
    controller.start(None)
    yield window, controller, prompts
    controller.close()
    ROUTES.clear()


ROUTES: dict[str, str] = {}  # API URL asked for -> sandbox URL used: tests stay on 127.0.0.1
ASKED_URLS: list[str] = []


def routed_client(base_url: str, account_id: str, cluster_id: str, token: str, influxctl, **options):
    ASKED_URLS.append(base_url)
    return management_token_service(ROUTES.get(base_url, base_url), account_id, cluster_id, token, influxctl,
                                    **options)


def config_toml(sandbox) -> str:
    return (f'[[profile]]\nname = "from-influxctl"\nproduct = "dedicated"\naccount_id = "{sandbox.account_id}"\n'
            f'cluster_id = "{sandbox.cluster_id}"\nmgmt_token = "{sandbox.management_token}"\n')


def test_import_from_influxctl_imports_and_opens_the_first_profile(qtbot, setup, memory_keyring, sandbox,
                                                                   tmp_path, manager) -> None:
    from token_desk.credentials import read_influxctl_profiles

    window, controller, prompts = setup
    ROUTES[DEFAULT_BASE_URL] = sandbox.url  # imported profiles use the public API URL
    ASKED_URLS.clear()
    path = tmp_path / "config.toml"
    path.write_text(config_toml(sandbox), encoding="utf-8")
    # Stand in for the person ticking every importable profile and pressing Import.
    prompts.import_reports.append(lambda importer: importer(read_influxctl_profiles(path).importable))
    window.welcome.buttons["Import from influxctl…"].click()
    qtbot.waitUntil(lambda: window.connection is not None and not window.loader.busy, timeout=WAIT_MS)
    assert window.connection.profile_name == "from-influxctl"
    assert window.page(TokenKind.MANAGEMENT).model.rowCount() > 0
    assert memory_keyring.entries == {(SERVICE, "from-influxctl"): sandbox.management_token}
    assert controller.switcher.currentText() == "from-influxctl"
    assert ASKED_URLS == [DEFAULT_BASE_URL]


def test_cancelling_add_connection_stays_on_the_welcome_page(setup, manager) -> None:
    window, _controller, prompts = setup
    prompts.profiles.append(None)
    window.welcome.buttons["Add Connection…"].click()
    assert window.central_stack.currentWidget() is window.welcome and manager.store.names() == []


def test_manage_connections_is_in_the_switcher(qtbot, setup) -> None:
    window, controller, _prompts = setup
    index = controller.switcher.findText(MANAGE_TEXT)
    assert index > 0
    controller.switcher.activated.emit(index)
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(ConnectionsDialog)), timeout=WAIT_MS)
    assert controller.switcher.currentText() == "Not connected"  # the combo keeps showing the active connection


def test_each_hint_sits_below_its_button_and_the_toolbar_filters_are_off(qtbot, setup) -> None:
    window, _controller, _prompts = setup
    window.resize(1280, 760)
    qtbot.waitUntil(lambda: window.welcome.isVisible() and window.width() == 1280)
    for button in window.welcome.buttons.values():
        hint = button.parentWidget().findChild(QLabel)
        assert button.isVisible() and hint.isVisible(), button.text()  # made when first shown, and shown
        assert hint.geometry().top() >= button.geometry().bottom(), button.text()
        assert hint.geometry().bottom() <= button.parentWidget().height()
    assert window.welcome.headline.isVisible() and window.welcome.headline.width() > 0
    assert not window.search_box.isEnabled() and not window.toolbar.inactive_box.isEnabled()
    assert not window.commands["show-inactive"].isEnabled()
