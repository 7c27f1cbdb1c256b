"""The test side of the influxctl stand-in: a seeded world on disk, the program, and what it was asked.

The stand-in (the `influxctl` script beside this file) is written only from INFLUXCTL.md, never from
Token Desk's own emulator, so that tests against it catch habits the two would otherwise share.
"""

from __future__ import annotations

import os
import stat
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from tests.influxctl_standin import standin_state as state

SCRIPT = Path(__file__).resolve().with_name("influxctl")
DAY = 86_400


@dataclass
class Seeded:
    sign_in_id: str
    revoked_id: str
    never_expires_id: str
    expiring_id: str
    database_token_ids: list[str]
    revoked_database_token_id: str


class StandIn:
    """One stand-in world in `folder`; `env` is what the stand-in process needs on top of the test's own."""

    def __init__(self, folder: Path, *, modes: tuple[str, ...] = (), version: str | None = None) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.state_path = folder / "standin-state.json"
        self.program = folder / "influxctl"
        self.modes = modes
        self.version = version
        self.world = state.new_world()
        self._write_launcher()

    def _write_launcher(self) -> None:
        # An absolute interpreter: Token Desk may start influxctl with a trimmed PATH.
        self.program.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{SCRIPT}" "$@"\n')
        self.program.chmod(self.program.stat().st_mode | stat.S_IXUSR)

    @property
    def env(self) -> dict[str, str]:
        env = {state.STATE_ENV: str(self.state_path), "INFLUXCTL_STANDIN_MODES": ",".join(self.modes)}
        if self.version:
            env["INFLUXCTL_STANDIN_VERSION"] = self.version
        return env

    def apply_env(self, monkeypatch) -> None:  # noqa: ANN001 - pytest's MonkeyPatch
        for name, value in self.env.items():
            monkeypatch.setenv(name, value)

    @property
    def account_id(self) -> str:
        return self.world["account_id"]

    @property
    def cluster_id(self) -> str:
        return self.world["cluster_id"]

    def seed(self, sign_in_secret: str) -> Seeded:
        """A small account in the documented shapes, signed in with `sign_in_secret`; saved to disk."""
        now = int(time.time())
        world = self.world
        sign_in_id, _ = state.add_management_token(
            world, "Token Desk sign-in", created=state.timestamp(now - 30 * DAY, 622095000), secret=sign_in_secret)
        revoked_id, _ = state.add_management_token(
            world, "Client1 token", created=state.timestamp(now - 20 * DAY, 948178000),
            revoked=state.timestamp(now - 19 * DAY, 948178000))
        expiring_id, _ = state.add_management_token(
            world, "Client3 token", created=state.timestamp(now - 10 * DAY), expires=state.timestamp(now + 90 * DAY))
        never_id, _ = state.add_management_token(
            world, "CI pipeline", created=state.timestamp(now - 5 * DAY, 436126000))
        for name in ("telemetry", "billing"):
            state.add_database(world, name)
        database_ids = [
            state.add_database_token(world, "read/write for telemetry", [("read", "telemetry"), ("write", "telemetry")],
                                     created=state.timestamp(now - 3 * DAY, 5))[0],
            state.add_database_token(world, "dashboards", [("read", "billing")])[0],
        ]
        revoked_db_id, _ = state.add_database_token(
            world, "old ingest", [("write", "telemetry")], created=state.timestamp(now - 40 * DAY),
            revoked=state.timestamp(now - 39 * DAY))
        self.save()
        return Seeded(sign_in_id, revoked_id, never_id, expiring_id, database_ids, revoked_db_id)

    def save(self) -> None:
        state.write(self.state_path, self.world)

    def read(self) -> dict:
        return state.read(self.state_path)

    def record(self, kind: str, token_id: str) -> dict:
        entry = state.find(self.read(), kind, token_id)
        assert entry is not None, f"no {kind} token {token_id} in the stand-in"
        return entry["record"]

    def calls(self) -> list[dict]:
        return self.read()["calls"]

    def approve_login(self) -> None:
        with state.changing(self.state_path) as world:
            world["login"]["approved"] = True

    def config_file(self, path: Path, *, name: str = "default", token: str | None = None) -> Path:
        """A user's own influxctl config.toml with one profile for this world."""
        lines = ["[[profile]]", f'  name = "{name}"', '  product = "dedicated"',
                 f'  account_id = "{self.account_id}"', f'  cluster_id = "{self.cluster_id}"']
        if token is not None:
            lines.append(f'  mgmt_token = "{token}"')
        path.write_text("\n".join(lines) + "\n")
        os.chmod(path, 0o600)
        return path


def private_home_and_tmp(tmp_path: Path, monkeypatch) -> list[Path]:  # noqa: ANN001 - pytest's MonkeyPatch
    """HOME and the temp folder of this test alone, so a search for a secret covers all they hold."""
    import tempfile

    folders = [tmp_path / "home", tmp_path / "tmp"]
    for folder in folders:
        folder.mkdir()
    monkeypatch.setenv("HOME", str(folders[0]))
    monkeypatch.setenv("TMPDIR", str(folders[1]))
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    monkeypatch.setattr(tempfile, "tempdir", str(folders[1]))
    return folders


def files_holding(secret: str, folders: list[Path]) -> list[Path]:
    return [Path(root, name) for folder in folders for root, _dirs, names in os.walk(folder) for name in names
            if secret.encode() in Path(root, name).read_bytes()]
