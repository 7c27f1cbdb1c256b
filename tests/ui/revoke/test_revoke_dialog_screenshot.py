"""A real-display screenshot of the revoke dialog (Xvfb, xcb), for the README and for eyes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from tests.tools import REPO_ROOT as REPO
from tests.tools import artifacts_dir, require_tools
from token_desk.ui.common.palette import LIGHT

SCREEN = "-screen 0 1280x800x24"
TOKEN_SHOWN = "Überwachung – Alerting"  # a database token that never expires, with two databases

# Runs in the child process on the X server: the dialog for one seeded database token,
# details expanded, grabbed once it has been laid out and painted.
SCRIPT = f"""
import sys
from PySide6.QtWidgets import QApplication
from token_desk.api.client import ManagementApiClient
from token_desk.api.models import TokenKind
from token_desk.sandbox import start_sandbox
from token_desk.ui.revoke.revoke_dialog import RevokeDialog

app = QApplication(sys.argv[:1])
sandbox = start_sandbox(data=":memory:", seed=1)
client = ManagementApiClient(sandbox.url, sandbox.account_id, sandbox.cluster_id, sandbox.management_token)
token = next(t for t in client.list_tokens(TokenKind.DATABASE) if t.description == {TOKEN_SHOWN!r})
dialog = RevokeDialog(None, [token], client)
dialog.set_details_expanded(True)
dialog.show()
for _ in range(20):
    app.processEvents()
if not dialog.grab().save(sys.argv[1]):
    sys.exit("could not write " + sys.argv[1])
client.close()
sandbox.stop()
"""


def take_screenshot(target: Path) -> None:
    """Show the dialog under a fresh Xvfb and save it to `target`."""
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "PYTHONPATH": str(REPO / "desktop")}
    command = ["xvfb-run", "-a", "-s", SCREEN, sys.executable, "-c", SCRIPT, str(target)]
    finished = subprocess.run(command, env=env, cwd=REPO, capture_output=True, text=True, timeout=120)
    assert finished.returncode == 0, finished.stderr[-2000:]


def count_pixels_near(image: QImage, colour: QColor, tolerance: int = 40) -> int:
    def near(pixel: QColor) -> bool:
        return all(abs(a - b) <= tolerance for a, b in zip(pixel.getRgb()[:3], colour.getRgb()[:3]))

    return sum(near(image.pixelColor(x, y)) for y in range(0, image.height(), 2) for x in range(0, image.width(), 2))


@pytest.mark.xvfb
def test_revoke_dialog_screenshot_under_xvfb() -> None:
    require_tools("xvfb-run")
    target = artifacts_dir() / "revoke-dialog.png"
    target.unlink(missing_ok=True)
    take_screenshot(target)
    image = QImage(str(target))
    assert not image.isNull() and image.width() >= 480 and image.height() >= 480
    # What a person looks for: the red warning line and the grey read-only fields are drawn.
    assert count_pixels_near(image, QColor(LIGHT.error_text)) > 30
    assert count_pixels_near(image, QColor(LIGHT.field_background), tolerance=4) > 2000
