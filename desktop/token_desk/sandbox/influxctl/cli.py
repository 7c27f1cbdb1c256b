"""The emulator's command line: global flags before the subcommand, as influxctl takes them."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from token_desk.sandbox.influxctl.usage import UsageError

VERSION = "2.12.0"
GLOBAL_VALUE_FLAGS = ("--config", "--profile", "--account", "--cluster", "--timeout")
DEFAULT_TIMEOUT = 60.0


class Invocation:
    """The parsed command line. A plain class: dataclasses imports inspect, a few ms of every influxctl call."""

    def __init__(self) -> None:
        self.servers: list[str] = []
        self.globals: dict[str, str] = {}
        self.trace = False
        self.words: list[str] = []  # the subcommand and its own arguments


def main(argv: list[str]) -> int:
    try:
        invocation = parse(argv)
        if invocation.words[:1] == ["version"]:
            print(f"influxctl {VERSION} (token-desk sandbox emulator)")
            return 0
        return run(invocation)
    except UsageError as err:
        return fail(f"Incorrect Usage: {err}")


def fail(message: str) -> int:
    print(f"error\t{message}", file=sys.stderr, flush=True)
    return 1


def parse(argv: list[str]) -> Invocation:
    invocation, index = Invocation(), 0
    while index < len(argv) and argv[index].startswith("-"):
        name, _, inline = argv[index].partition("=")
        if name == "--trace":
            invocation.trace, index = True, index + 1
            continue
        if name not in GLOBAL_VALUE_FLAGS and name != "--server":
            raise UsageError(f"flag provided but not defined: {name}")
        value = inline if inline else (argv[index + 1] if index + 1 < len(argv) else None)
        if value is None:
            raise UsageError(f"flag needs an argument: {name}")
        if name == "--server":
            invocation.servers.append(value)
        else:
            invocation.globals[name] = value
        index += 1 if inline else 2
    invocation.words = argv[index:]
    if not invocation.words:
        raise UsageError("no command given; try `influxctl management list`")
    return invocation


def run(invocation: Invocation) -> int:
    # Imported here: `version`, asked at every start of the app, needs neither the commands nor the HTTP side.
    from token_desk.sandbox.influxctl import commands
    from token_desk.sandbox.influxctl.remote import Remote, RemoteError

    timeout = parse_duration(invocation.globals.get("--timeout", "1m0s"))
    profile: dict = {}

    def connect() -> Remote:
        profile.update(load_profile(invocation.globals))
        if not profile.get("mgmt_token"):
            sys.exit(browser_login(timeout))
        account = invocation.globals.get("--account") or profile.get("account_id", "")
        cluster = invocation.globals.get("--cluster") or profile.get("cluster_id", "")
        return Remote.choose(invocation.servers, account, cluster, profile["mgmt_token"], timeout)

    try:
        return commands.dispatch(connect, invocation.words)
    except RemoteError as err:
        return fail(f"rpc error: code = {err.code} desc = {err}")


def load_profile(flags: dict[str, str]) -> dict:
    import tomllib  # here: `version` (asked at every start) reads no config, and tomllib compiles its regexes

    path = Path(flags["--config"]) if "--config" in flags else default_config_path()
    name = flags.get("--profile") or os.environ.get("INFLUXCTL_PROFILE") or "default"
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as err:
        raise UsageError(f"failed to load config {path}: {err}") from None
    for profile in document.get("profile", []):
        if isinstance(profile, dict) and profile.get("name") == name:
            return profile
    raise UsageError(f"profile {name!r} not found in {path}")


def default_config_path() -> Path:
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA", Path.home())) / "influxctl" / "config.toml"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "influxctl" / "config.toml"
    xdg = os.environ.get("XDG_CONFIG_HOME", "")
    return (Path(xdg) if os.path.isabs(xdg) else Path.home() / ".config") / "influxctl" / "config.toml"


def parse_duration(text: str) -> float:
    """Go durations as influxctl takes them: 30s, 1m0s, 1m30s, 500ms."""
    parts = re.findall(r"(\d+(?:\.\d+)?)(ms|s|m|h)", text)
    if not parts or "".join(number + unit for number, unit in parts) != text:
        raise UsageError(f"invalid value {text!r} for flag --timeout: parse error")
    scale = {"ms": 0.001, "s": 1, "m": 60, "h": 3600}
    return sum(float(number) * scale[unit] for number, unit in parts)


def browser_login(timeout: float) -> int:
    """No mgmt_token: influxctl would start a device login and wait; the emulator waits too, then gives up."""
    import time

    print("warn\tno management token in this profile: sign in with your browser", file=sys.stderr)
    print("Visit https://console.influxdata.com/activate?user_code=TKDS-EMUL and enter the code TKDS-EMUL",
          file=sys.stderr, flush=True)
    time.sleep(timeout)
    return fail("login timed out waiting for the browser sign-in: context deadline exceeded")
