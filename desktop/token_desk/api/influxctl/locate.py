"""Finding influxctl: the --influxctl option, TOKEN_DESK_INFLUXCTL, the Connections setting, PATH,
then each OS's usual install locations. Only file-system checks: cheap enough for any thread."""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from pathlib import Path

from token_desk import environment, system
from token_desk.api.influxctl.program import InfluxctlProgram

ENV_VAR = environment.INFLUXCTL


def usual_locations(platform: str | None = None, environ: Mapping[str, str] | None = None,
                    home: Path | None = None) -> list[Path]:
    """Where influxctl's install instructions (and package managers) put it on this OS."""
    environ = os.environ if environ is None else environ
    home = Path.home() if home is None else home
    name = program_file_name(platform)
    if system.is_windows(platform):
        roots = [environ.get("ProgramFiles"), environ.get("LOCALAPPDATA") and
                 str(Path(environ["LOCALAPPDATA"]) / "Programs"), str(home)]
        folders = [Path(root) / "influxctl" for root in roots if root] + [home / "go" / "bin", home / "bin"]
        return [folder / name for folder in folders]
    folders = [Path("/opt/homebrew/bin")] if system.is_macos(platform) else []
    folders += [Path("/usr/local/bin"), Path("/usr/bin"), home / ".local" / "bin", home / "bin",
                home / "go" / "bin", Path("/snap/bin"), Path("/opt/influxctl")]
    return [folder / name for folder in folders]


def program_file_name(platform: str | None = None) -> str:
    """influxctl's file name on this system (influxctl.exe on Windows), as its releases and PATH have it."""
    return system.program_file_name("influxctl", platform)


def find_influxctl(option: str | None = None, setting: str | None = None, *,
                   environ: Mapping[str, str] | None = None, platform: str | None = None,
                   home: Path | None = None) -> InfluxctlProgram:
    """The program to run; a chosen one (option, variable, setting) is used even if missing, so the
    error names it. InfluxctlProgram(None) when nothing is found."""
    environ = os.environ if environ is None else environ
    for chosen in (option, environ.get(ENV_VAR), setting):
        if chosen and chosen.strip():
            return InfluxctlProgram([str(Path(chosen.strip()).expanduser())])
    on_path = shutil.which(program_file_name(platform), path=environ.get("PATH"))
    if on_path:
        return InfluxctlProgram([on_path])
    for candidate in usual_locations(platform, environ, home):
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return InfluxctlProgram([str(candidate)])
    return InfluxctlProgram(None, searched=f"--influxctl, {ENV_VAR}, the Connections setting, PATH and the usual "
                                           "install folders")
