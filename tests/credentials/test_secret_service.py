"""The real thing: Token Desk's credential code against gnome-keyring's Secret Service.

Each test runs the app code in a subprocess with a throwaway HOME and XDG folders, so the
keychain of whoever runs the tests is never touched. `timeout` guards every external
command: gnome-keyring-daemon hangs instead of failing when its environment is wrong.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from tests.tools import require_tools

TOOLS = ("dbus-run-session", "gnome-keyring-daemon", "secret-tool", "timeout")
DESKTOP_DIR = Path(__file__).resolve().parents[2] / "desktop"

# Runs inside the D-Bus session: stores a token through ProfileManager, reads it back with
# secret-tool (independent of Python's keyring), deletes the profile, looks again.
ROUND_TRIP = r"""
import json, os, subprocess
from token_desk.credentials import Credentials, Profile, ProfileManager, ProfileStore, SecretStore

def lookup(name):
    done = subprocess.run(["timeout", "20", "secret-tool", "lookup", "service", "token-desk", "username", name],
                          capture_output=True, text=True)
    return {"rc": done.returncode, "out": done.stdout}

secret, name = os.environ["TD_SECRET"], "Production EU"
manager = ProfileManager(ProfileStore(), Credentials(SecretStore()))
manager.add(Profile(name=name, account_id="0f8fad5b-d9cb-469f-a165-70867728950e",
                    cluster_id="7c9e6679-7425-40de-944b-e07fc1f90ae7"), secret)
result = {"backend": manager.credentials.secret_store.check_available(), "after_store": lookup(name)}
manager.update(name, Profile(name="Renamed", account_id="0f8fad5b-d9cb-469f-a165-70867728950e",
                             cluster_id="7c9e6679-7425-40de-944b-e07fc1f90ae7"))
result["renamed_old"], result["renamed_new"] = lookup(name), lookup("Renamed")
manager.delete("Renamed")
result["after_delete"] = lookup("Renamed")
result["profiles"] = [p.name for p in manager.store.list()]
print(json.dumps(result))
"""

NO_BUS = r"""
import json, os
from token_desk.credentials import Credentials, CredentialError, SecretStore
secret = os.environ["TD_SECRET"]
credentials = Credentials(SecretStore())
try:
    credentials.store("Production", secret)
    error = None
except CredentialError as err:
    error = {"type": type(err).__name__, "message": str(err)}
credentials.store("Production", secret, session_only=True)
print(json.dumps({"error": error, "session_token_matches": credentials.token_for("Production") == secret}))
"""


def require_secret_service_tools() -> None:
    probe = subprocess.run([sys.executable, "-c", "import secretstorage, jeepney"], capture_output=True)
    require_tools(*TOOLS, missing_too=() if probe.returncode == 0 else ("python package secretstorage",),
                  hint="apt: gnome-keyring dbus libsecret-tools")


def throwaway_env(tmp_path: Path, secret: str) -> dict[str, str]:
    folders = {name: tmp_path / name for name in ("home", "run", "data", "xdg-config", "token-desk")}
    for folder in folders.values():
        folder.mkdir(mode=0o700)
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(folders["home"]),
        "XDG_RUNTIME_DIR": str(folders["run"]),
        "XDG_DATA_HOME": str(folders["data"]),
        "XDG_CONFIG_HOME": str(folders["xdg-config"]),
        "TOKEN_DESK_CONFIG_DIR": str(folders["token-desk"]),
        "PYTHONPATH": str(DESKTOP_DIR),
        "TD_SECRET": secret,
    }


def run_python(snippet: str, env: dict[str, str], *, wrap_in_session: bool) -> dict:
    python = [sys.executable, "-c", snippet]
    if wrap_in_session:
        script = 'printf %s "$TD_UNLOCK" | timeout 20 gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec timeout 60 "$@"'
        command = ["timeout", "120", "dbus-run-session", "--", "sh", "-c", script, "sh", *python]
    else:
        command = ["timeout", "60", *python]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=150)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.secret_service
def test_token_round_trip_through_a_real_secret_service(tmp_path: Path) -> None:
    require_secret_service_tools()
    secret = "apiv1_" + secrets.token_urlsafe(24)
    env = throwaway_env(tmp_path, secret) | {"TD_UNLOCK": "throwaway-password"}
    result = run_python(ROUND_TRIP, env, wrap_in_session=True)
    assert result["backend"] == "keyring.backends.SecretService.Keyring"
    assert result["after_store"] == {"rc": 0, "out": secret}
    assert result["renamed_old"]["out"] == "" and result["renamed_new"]["out"] == secret
    assert result["after_delete"]["out"] == "" and result["after_delete"]["rc"] != 0
    assert result["profiles"] == []
    profiles_file = tmp_path / "token-desk" / "profiles.json"
    assert profiles_file.exists() and secret.encode() not in profiles_file.read_bytes()


def test_without_a_secret_service_the_message_is_plain_and_session_tokens_work(tmp_path: Path) -> None:
    secret = "apiv1_" + secrets.token_urlsafe(24)
    env = throwaway_env(tmp_path, secret) | {"DBUS_SESSION_BUS_ADDRESS": f"unix:path={tmp_path}/no-such-bus"}
    result = run_python(NO_BUS, env, wrap_in_session=False)
    assert result["error"]["type"] == "NoKeyringError"
    assert "install and unlock a Secret Service provider such as GNOME Keyring or KWallet" in result["error"]["message"]
    assert secret not in result["error"]["message"]
    assert result["session_token_matches"] is True
    written = [path for path in tmp_path.rglob("*") if path.is_file()]
    assert not any(secret.encode() in path.read_bytes() for path in written)
