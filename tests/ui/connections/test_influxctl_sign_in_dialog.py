"""Way b in the window: influxctl waiting for a browser sign-in shows its address and code; Cancel ends it."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QDialogButtonBox

from tests.ui.conftest import wait_loaded
from token_desk.api.influxctl import running_count
from token_desk.api.models import TokenKind
from token_desk.app import create_window
from token_desk.ui.connections.influxctl_sign_in import InfluxctlSignInDialog

WAITING_INFLUXCTL = '''
import sys, time
if sys.argv[1:] == ["version"]:
    print("influxctl 2.12.0")
    sys.exit(0)
print("Visit https://auth.example.com/activate?user_code=WDJB-MJHT and enter the code WDJB-MJHT",
      file=sys.stderr, flush=True)
time.sleep(600)
'''


def test_the_sign_in_dialog_shows_the_code_and_cancel_ends_influxctl(qtbot, tmp_path, monkeypatch):
    program = tmp_path / "influxctl"
    program.write_text(f"#!{sys.executable}\n{WAITING_INFLUXCTL}")
    program.chmod(0o755)
    window = create_window(["--influxctl", str(program), "--influxctl-profile", "prod"])
    qtbot.addWidget(window)
    window.show()
    try:
        sign_in = window.connections.sign_in
        qtbot.waitUntil(lambda: bool(sign_in.dialogs), timeout=15_000)
        dialog = next(iter(sign_in.dialogs.values()))
        assert isinstance(dialog, InfluxctlSignInDialog)
        qtbot.waitUntil(lambda: dialog.code_label.text() == "WDJB-MJHT", timeout=15_000)
        assert "https://auth.example.com/activate" in dialog.instructions.text()
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Cancel).click()

        def cancel_every_other_sign_in() -> bool:  # each of way b's two influxctl runs may ask on its own
            for other in list(sign_in.dialogs.values()):
                other.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Cancel).click()
            return not window.loader.busy

        qtbot.waitUntil(cancel_every_other_sign_in, timeout=15_000)
        qtbot.waitUntil(lambda: running_count() == 0, timeout=15_000)
        assert window.banner.isVisible() and "Cancelled" in window.banner.message
        assert window.page(TokenKind.MANAGEMENT).model.rowCount() == 0
    finally:
        window.connections.close()
