"""An influxctl emulator over the sandbox's data: the documented commands, flags and output formats.

It is a separate process, as influxctl is, that reaches the sandbox over its REST API with the
`mgmt_token` of the profile it is given. Standard library only; never imports token_desk.api.
"""

from __future__ import annotations

import sys
from pathlib import Path

FROZEN_FLAG = "--influxctl-emulator"  # a packaged app re-invokes itself with this to act as influxctl


def emulator_command(*server_urls: str) -> list[str]:
    """The command line (before influxctl's own arguments) that runs the emulator over these sandboxes
    (several: it uses the one that knows the profile's account and cluster)."""
    servers = [word for url in server_urls for word in ("--server", url)]
    if getattr(sys, "frozen", False):  # sys.executable is the app itself
        return [sys.executable, FROZEN_FLAG, *servers]
    return [sys.executable, "-m", "token_desk.sandbox.influxctl", *servers]


def write_launcher(folder: Path, command: list[str]) -> Path:
    """A program file that runs `command` with the arguments it is given: usable as `--influxctl PATH`."""
    # Imported here: the emulator process, started for every influxctl call, imports this package and never this.
    import shlex
    import subprocess

    folder.mkdir(parents=True, exist_ok=True)
    if sys.platform == "win32":
        path = folder / "influxctl.cmd"
        path.write_text("@" + subprocess.list2cmdline(command) + " %*\r\n", encoding="utf-8")
    else:
        path = folder / "influxctl"
        path.write_text(f"#!/bin/sh\nexec {shlex.join(command)} \"$@\"\n", encoding="utf-8")
        path.chmod(0o755)
    return path


__all__ = ["FROZEN_FLAG", "emulator_command", "write_launcher"]
