"""The real window under Xvfb (xcb platform), saved as a PNG artifact for people to look at."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from PySide6.QtGui import QImage

from tests.tools import artifacts_dir, require_tools
from token_desk.devtools.screenshot import WINDOW_SIZE, parse

pytestmark = pytest.mark.xvfb


def test_main_window_screenshot_under_xvfb(config_dir) -> None:
    require_tools("xvfb-run")
    out = artifacts_dir() / "main-window.png"
    out.unlink(missing_ok=True)
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", TOKEN_DESK_CONFIG_DIR=str(config_dir))
    command = ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24",
               sys.executable, "-m", "token_desk.devtools.screenshot", str(out), "--demo"]
    finished = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert finished.returncode == 0, finished.stderr[-2000:]
    image = QImage(str(out))
    assert not image.isNull()
    assert (image.width(), image.height()) == WINDOW_SIZE
    # Not blank: a drawn window (text, icons, selection) has many colours; a blank or one-colour frame has few.
    colours = {image.pixel(x, y) for x in range(0, image.width(), 4) for y in range(0, image.height(), 4)}
    assert len(colours) > 20


def test_screenshot_options_pick_the_page_and_dialog_and_pass_the_rest_on() -> None:
    options, rest = parse(["out.png", "--page", "database", "--dialog", "revoke", "--demo"])
    assert (options.out, options.page, options.dialog, rest) == ("out.png", "database", "revoke", ["--demo"])
    options, rest = parse(["out.png", "--scheme", "dark", "--size", "800x500", "--dialog", "revoke-several"])
    assert (options.scheme, options.size, options.dialog, rest) == ("dark", (800, 500), "revoke-several", [])
    options, rest = parse(["out.png", "--profile", "Production"])
    assert (options.page, options.dialog, rest) == ("management", None, ["--profile", "Production"])


def test_database_page_screenshot_under_xvfb(config_dir) -> None:
    require_tools("xvfb-run")
    out = artifacts_dir() / "database-tokens.png"
    out.unlink(missing_ok=True)
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", TOKEN_DESK_CONFIG_DIR=str(config_dir))
    command = ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", sys.executable, "-m", "token_desk.devtools.screenshot",
               str(out), "--page", "database", "--demo"]
    finished = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert finished.returncode == 0, finished.stderr[-2000:]
    assert (QImage(str(out)).width(), QImage(str(out)).height()) == WINDOW_SIZE
