"""How a stand-in run sees its world: the modes, the version it pretends to be, and the call's context."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path

MODES_ENV = "INFLUXCTL_STANDIN_MODES"            # comma-separated, see MODES
VERSION_ENV = "INFLUXCTL_STANDIN_VERSION"        # e.g. 2.5.0 (too old), 2.10.0 (create without a table)
VERSION_STYLE_ENV = "INFLUXCTL_STANDIN_VERSION_STYLE"  # plain | v | bare
DELAY_ENV = "INFLUXCTL_STANDIN_DELAY"            # seconds the `slow` mode takes
DEFAULT_VERSION = "2.12.0"

MODES = {
    "hang": "every command but `version` waits for ever, ignoring --timeout",
    "hang-ignore-term": "like hang, and SIGTERM/SIGINT are ignored (only SIGKILL ends it)",
    "hang-version": "`version` waits for ever too",
    "slow": "commands take INFLUXCTL_STANDIN_DELAY seconds; --timeout ends them first with an error",
    "garbage": "commands but `version` print garbage and exit 0",
    "garbage-version": "`version` prints garbage",
    "endless": "commands but `version` print an array that never ends, on one line, until they are killed",
    "extra-fields": "JSON objects carry unknown fields",
    "null-empty": "an empty list prints `null`, as Go's encoder does for a nil slice",
    "minimal-token-fields": "`token list` prints only the documented keys (no timestamps)",
    "device-login": "without a cached sign-in, the browser login runs even when mgmt_token is set",
    "gtk-noise": "GTK's atk-bridge line on stderr on every run",
    "revoke-again-fails": "revoking an already revoked token is an error",
    "killed-before-change": "a create, revoke or update is killed by a signal (SIGKILL) before it acts",
    "killed-after-change": "a create, revoke or update acts, then is killed by a signal before its output is out",
    "list-fails-after-change": ("after a create, revoke or update that worked, the next list cannot dial the "
                                "service (as in `unreachable`)"),
    "unreachable": "a create, revoke or update cannot dial the service: gRPC Unavailable (connection refused), exit 1",
    "disconnected-after-change": ("a create, revoke or update acts, then its connection drops before the answer: "
                                  "gRPC Unavailable (EOF), exit 1, nothing on stdout"),
}
CHANGING = frozenset({"create", "revoke", "update"})


@dataclass
class Context:
    state_path: Path
    modes: frozenset[str]
    version: tuple[int, int, int]
    timeout: float
    account_id: str = ""
    cluster_id: str = ""
    trace: bool = False
    authenticated_by: str = ""     # the secret digest in use, for created_by
    started: float = field(default_factory=time.monotonic)

    def at_least(self, *version: int) -> bool:
        return self.version >= version


def modes_from_env() -> frozenset[str]:
    modes = frozenset(mode.strip() for mode in os.environ.get(MODES_ENV, "").split(",") if mode.strip())
    unknown = modes - MODES.keys()
    if unknown:
        raise SystemExit(f"influxctl stand-in: unknown mode(s) {sorted(unknown)}; known: {sorted(MODES)}")
    return modes


def version_from_env() -> str:
    return os.environ.get(VERSION_ENV, DEFAULT_VERSION)


def version_tuple(text: str) -> tuple[int, int, int]:
    major, minor, patch = (int(part) for part in text.split("."))
    return major, minor, patch
