"""Small influxctl stand-ins (real executables) for the bridge's subprocess tests.

Each is a Python script with a shebang: `version` prints the given version; anything else
runs `body` with `argv` (the arguments) and `config` (the --config file's text, read once).
It records its arguments (never the config) to `calls.log` beside it.
"""

from __future__ import annotations

import os
import stat
import sys
import textwrap
from pathlib import Path

PRELUDE = '''\
import json, os, sys, time
argv = sys.argv[1:]
here = os.path.dirname(os.path.abspath(__file__))
if argv == ["version"]:
    print("influxctl {version} (git: 0123abc) build_date: 2025-01-01")
    sys.exit(0)
with open(os.path.join(here, "calls.log"), "a") as log:
    log.write(json.dumps(argv) + "\\n")
config = ""
if "--config" in argv:
    with open(argv[argv.index("--config") + 1]) as handle:
        config = handle.read()
'''


def make_influxctl(folder: Path, body: str, version: str = "2.12.0", name: str = "influxctl") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    source = PRELUDE.format(version=version) + textwrap.dedent(body)
    path.write_text(f"#!{sys.executable}\n{source}", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def calls(program: Path) -> list[list[str]]:
    import json

    log = program.parent / "calls.log"
    return [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True
