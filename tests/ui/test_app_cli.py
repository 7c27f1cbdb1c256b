"""The command line: what `token-desk ARGS` opens, and the messages for arguments that cannot work."""

from __future__ import annotations

import httpx
import pytest

from tests.ui.conftest import LOAD_TIMEOUT_MS, url_args, wait_loaded
from token_desk import __version__
from token_desk.__main__ import main
from token_desk.app import UsageError, create_window
from token_desk.connection import ConnectionKind

GOOD_ID = "11111111-1111-4111-8111-111111111111"


def test_version_prints_the_package_version(capsys) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"token-desk {__version__}"


@pytest.mark.parametrize(("argv", "needle"), [
    (["--url", "https://h/api/v0", "--account-id", "nope", "--cluster-id", GOOD_ID], "--account-id must be a UUID"),
    (["--url", "https://h/api/v0", "--account-id", GOOD_ID], "--cluster-id is required"),
    (["--url", "ftp://h", "--account-id", GOOD_ID, "--cluster-id", GOOD_ID], "must start with https://"),
    (["--account-id", GOOD_ID], "go with --url"),
    (["--demo", "--url", "https://h/api/v0"], "not allowed with"),
    (["--frobnicate"], "Unrecognized arguments: --frobnicate"),
    (["--url", "http://[::1/api/v0", "--account-id", GOOD_ID, "--cluster-id", GOOD_ID], "is not a valid URL"),
    (["--url", "http://tokens.example.com/api/v0", "--account-id", GOOD_ID, "--cluster-id", GOOD_ID],
     "plain http:// to tokens.example.com"),
])
def test_bad_arguments_exit_2_with_one_clear_line(capsys, monkeypatch, argv, needle) -> None:
    monkeypatch.setenv("INFLUX_MANAGEMENT_TOKEN", "secret-value")
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert needle in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_missing_token_variable_is_a_usage_error_naming_it(monkeypatch) -> None:
    monkeypatch.delenv("INFLUX_MANAGEMENT_TOKEN", raising=False)
    with pytest.raises(UsageError, match="INFLUX_MANAGEMENT_TOKEN"):
        create_window(["--url", "https://h/api/v0", "--account-id", GOOD_ID, "--cluster-id", GOOD_ID])


def test_url_connects_without_storing_anything(qtbot, sandbox, monkeypatch, config_dir) -> None:
    monkeypatch.setenv("INFLUX_MANAGEMENT_TOKEN", sandbox.management_token)
    window = create_window(url_args(sandbox))
    qtbot.addWidget(window)
    wait_loaded(qtbot, window)
    assert window.connection.kind is ConnectionKind.ONE_OFF
    assert window.connections.switcher.currentText() == sandbox.url.split("/")[2]
    assert window.current_page().proxy.rowCount() > 0
    window.close()
    stored = "".join(path.read_text(errors="replace") for path in config_dir.rglob("*") if path.is_file())
    assert sandbox.management_token not in stored


def test_create_window_returns_while_the_server_has_not_answered(qtbot, sandbox, monkeypatch) -> None:
    monkeypatch.setenv("INFLUX_MANAGEMENT_TOKEN", sandbox.management_token)
    sandbox.faults.hold_next(2)  # both lists: no answer until released
    window = create_window(url_args(sandbox))
    qtbot.addWidget(window)
    assert window.loader.busy and window.status.busy.isVisibleTo(window)
    qtbot.waitUntil(lambda: sandbox.faults.held == 2, timeout=LOAD_TIMEOUT_MS)  # the server holds both
    assert window.loader.busy and window.status.busy.isVisibleTo(window)  # still loading, not failed
    assert window.current_page().proxy.rowCount() == 0
    sandbox.faults.release_held()
    wait_loaded(qtbot, window)
    assert window.current_page().proxy.rowCount() > 0 and not window.status.busy.isVisibleTo(window)


def test_demo_opens_sample_data_with_a_visible_marker(qtbot) -> None:
    window = create_window(["--demo"])
    qtbot.addWidget(window)
    window.show()
    wait_loaded(qtbot, window)
    assert window.connection.kind is ConnectionKind.DEMO
    assert window.toolbar.demo_marker.isVisible() and window.toolbar.demo_marker.text() == "Demo data"
    assert window.current_page().proxy.rowCount() > 0
    assert "Built-in sandbox" in window.windowTitle()


def test_demo_server_stops_with_the_window(qtbot) -> None:
    window = create_window(["--demo"])
    wait_loaded(qtbot, window)
    url = window.connection.service.base_url
    assert httpx.get(url, timeout=5).status_code < 500  # the demo server answers while the window lives
    stopped = []
    window.destroyed.connect(lambda: stopped.append(True))
    window.deleteLater()
    qtbot.waitUntil(lambda: bool(stopped), timeout=5000)
    with pytest.raises(httpx.ConnectError):
        httpx.get(url, timeout=5)


def test_no_arguments_show_the_welcome_page_not_an_empty_table(qtbot) -> None:
    window = create_window([])
    qtbot.addWidget(window)
    window.show()
    assert window.connection is None
    assert window.central_stack.currentWidget() is window.welcome and window.welcome.isVisible()
    assert not window.commands["refresh"].isEnabled() and not window.search_box.isEnabled()
    assert window.connections.switcher.currentText() == "Not connected"
    assert window.status.facts_label.text() == ""  # no account yet: not "0 tokens"
    assert window.commands["needs-attention"].text() == "Needs attention"  # nor "(0)"


def test_url_window_has_no_demo_marker(open_window) -> None:
    window = open_window()
    assert not window.toolbar.demo_marker.isVisible()


@pytest.mark.parametrize(("token", "needle"), [
    ("M.V1.abc def", "spaces, tabs or line breaks"), ("M.V1.abc\tdef", "spaces, tabs or line breaks"),
    ("M.V1.abc\u200bdef", "invisible control characters"), ("M.V1.abcédef", "'é'"),
])
def test_a_token_that_cannot_be_sent_exits_2_with_a_sentence(capsys, monkeypatch, token, needle) -> None:
    monkeypatch.setenv("INFLUX_MANAGEMENT_TOKEN", token)
    assert main(["--url", "https://h/api/v0", "--account-id", GOOD_ID, "--cluster-id", GOOD_ID]) == 2
    err = capsys.readouterr().err
    assert needle in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert token not in err


def test_allow_plain_http_warns_naming_the_host_and_connects(qtbot, capsys, monkeypatch) -> None:
    monkeypatch.setenv("INFLUX_MANAGEMENT_TOKEN", "M.V1.secret-value")
    window = create_window(["--url", "http://tokens.example.com/api/v0", "--account-id", GOOD_ID,
                            "--cluster-id", GOOD_ID, "--allow-plain-http"])
    qtbot.addWidget(window)
    window.loader.cancel()  # nothing listens at that host; only the choice matters here
    assert "unencrypted to tokens.example.com" in capsys.readouterr().err
    assert window.connection.service.allows_plain_http
