"""Finding influxctl: the --influxctl option, TOKEN_DESK_INFLUXCTL, the Connections setting, PATH,
then each OS's usual install locations. Only file-system checks: cheap enough for any thread."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Mapping
from pathlib import Path

from token_desk import environment
from token_desk.api.influxctl.program import InfluxctlProgram

ENV_VAR = environment.INFLUXCTL


def usual_locations(platform: str | None = None, environ: Mapping[str, str] | None = None,
                    home: Path | None = None) -> list[Path]:
    """Where influxctl's install instructions (and package managers) put it on this OS."""
    platform = sys.platform if platform is None else platform
    environ = os.environ if environ is None else environ
    home = Path.home() if home is None else home
    if platform == "win32":
        roots = [environ.get("ProgramFiles"), environ.get("LOCALAPPDATA") and
                 str(Path(environ["LOCALAPPDATA"]) / "Programs"), str(home)]
        folders = [Path(root) / "influxctl" for root in roots if root] + [home / "go" / "bin", home / "bin"]
        return [folder / "influxctl.exe" for folder in folders]
    folders = [Path("/opt/homebrew/bin")] if platform == "darwin" else []
    folders += [Path("/usr/local/bin"), Path("/usr/bin"), home / ".local" / "bin", home / "bin",
                home / "go" / "bin", Path("/snap/bin"), Path("/opt/influxctl")]
    return [folder / "influxctl" for folder in folders]


def find_influxctl(option: str | None = None, setting: str | None = None, *,
                   environ: Mapping[str, str] | None = None, platform: str | None = None,
                   home: Path | None = None) -> InfluxctlProgram:
    """The program to run; a chosen one (option, variable, setting) is used even if missing, so the
    error names it. InfluxctlProgram(None) when nothing is found."""
    environ = os.environ if environ is None else environ
    for chosen in (option, environ.get(ENV_VAR), setting):
        if chosen and chosen.strip():
            return InfluxctlProgram([str(Path(chosen.strip()).expanduser())])
    on_path = shutil.which("influxctl", path=environ.get("PATH"))
    if on_path:
        return InfluxctlProgram([on_path])
    for candidate in usual_locations(platform, environ, home):
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return InfluxctlProgram([str(candidate)])
    return InfluxctlProgram(None, searched=f"--influxctl, {ENV_VAR}, the Connections setting, PATH and the usual "
                                           "install folders")
