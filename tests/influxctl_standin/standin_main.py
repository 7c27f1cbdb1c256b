"""The stand-in's entry: global flags, the config file, sign-in, then one command (stdlib only)."""

from __future__ import annotations

import contextlib
import io
import os
import signal
import sys
import time
import tomllib
from pathlib import Path

import standin_commands as commands
import standin_state as state
from standin_flags import FlagSpec, UsageError, parse, parse_duration
from standin_output import log
from standin_world import (
    CHANGING, DELAY_ENV, VERSION_STYLE_ENV, Context, modes_from_env, version_from_env, version_tuple,
)

GLOBAL_FLAGS = FlagSpec(booleans=frozenset({"trace"}),
                        values=frozenset({"config", "profile", "timeout", "account", "cluster"}))
TIMEOUT_SINCE = (2, 9, 7)  # the release notes: the global --timeout came in 2.9.7
OLD_GLOBAL_FLAGS = FlagSpec(booleans=GLOBAL_FLAGS.booleans, values=GLOBAL_FLAGS.values - {"timeout"})
# What a Go gRPC client says when it could not connect at all, and when the connection dropped after the request
# was sent (grpc-go's wording; the document only says "a network failure").
NOT_DIALLED = ('rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: '
               'dial tcp 198.51.100.7:443: connect: connection refused"')
DROPPED = "rpc error: code = Unavailable desc = error reading from server: EOF"
GTK_NOISE = ('(influxctl:{pid}): Gtk-Message: 10:41:07.512: Not loading module "atk-bridge": The functionality '
             "is provided by GTK natively. Please try to not load it.")


class Failure(Exception):
    """Ends the run with `error<TAB>message` on stderr and this exit status."""

    def __init__(self, message: str, status: int = 1) -> None:
        super().__init__(message)
        self.status = status


def main(argv: list[str]) -> int:
    try:
        return _run(argv)
    except UsageError as error:
        sys.stderr.write(f"Incorrect Usage: {error}\n\n")
        log("error", str(error))
        return 1
    except Failure as failure:
        log("error", str(failure))
        return failure.status


def _run(argv: list[str]) -> int:
    modes = modes_from_env()
    if "gtk-noise" in modes:
        sys.stderr.write(GTK_NOISE.format(pid=os.getpid()) + "\n")
    version_text = version_from_env()
    parsed = parse(argv, GLOBAL_FLAGS if version_tuple(version_text) >= TIMEOUT_SINCE else OLD_GLOBAL_FLAGS)
    timeout = parse_duration(str(parsed.flags.get("timeout", "1m0s")))
    context = Context(state_path=Path(os.environ[state.STATE_ENV]), modes=modes,
                      version=version_tuple(version_text), timeout=timeout, trace=bool(parsed.flags.get("trace")))
    if not parsed.rest:
        sys.stdout.write("NAME:\n   influxctl - a CLI for InfluxDB Cloud Dedicated\n")
        return 0
    command, *args = parsed.rest
    if command == "version":
        return _version(version_text, modes)
    handler = commands.lookup(command, args[:1], context)
    if handler is None:
        raise Failure(f"No help topic for '{' '.join(parsed.rest[:2])}'", status=3)
    _record_call(context, argv, parsed.flags.get("config"))
    sub_parsed = parse(args[1:], handler.flags)
    _misbehave(context)
    _sign_in(context, parsed.flags)
    if context.trace:
        log("debug", f"running {command} {args[0]} against account {context.account_id}")
    changing = args[0] in CHANGING
    if changing and "killed-before-change" in context.modes:
        _killed()
    if changing and "unreachable" in context.modes:
        raise Failure(NOT_DIALLED)
    if changing and "disconnected-after-change" in context.modes:
        with contextlib.redirect_stdout(io.StringIO()):  # the answer is lost with the connection
            handler.run(context, sub_parsed)
        raise Failure(DROPPED)
    if "list-fails-after-change" in context.modes:
        _list_fails_after_change(context, changing)
    status = handler.run(context, sub_parsed)
    if changing and "list-fails-after-change" in context.modes:
        with state.changing(context.state_path) as world:
            world["next_list_fails"] = True
    if changing and "killed-after-change" in context.modes:
        _killed()  # what it printed is still in its buffer, so it is lost with the process
    return status


def _list_fails_after_change(context: Context, changing: bool) -> None:
    if changing:
        return
    with state.changing(context.state_path) as world:
        fails = world.pop("next_list_fails", False)
    if fails:
        raise Failure(NOT_DIALLED)


def _killed() -> None:
    """Ended from outside, as the system (out of memory, a logout) ends a process."""
    if hasattr(signal, "SIGKILL"):
        os.kill(os.getpid(), signal.SIGKILL)
    os._exit(0xC000013A)  # Windows: STATUS_CONTROL_C_EXIT, as a process ended at logoff reports


def _version(version_text: str, modes: frozenset[str]) -> int:
    if "hang-version" in modes:
        _hang(ignore_terminate=False)
    if "garbage-version" in modes:
        sys.stdout.write("\x00\x1b[31mSegmentation fault\x1b[0m {{\n")
        return 0
    style = os.environ.get(VERSION_STYLE_ENV, "plain")
    line = {"plain": f"influxctl {version_text} (git: 5d1e8a3, built 2025-09-30T12:00:00Z)",
            "v": f"influxctl version v{version_text}", "bare": version_text}[style]
    sys.stdout.write(line + "\n")
    return 0


def _record_call(context: Context, argv: list[str], config: object) -> None:
    config_kind = None if config is None else ("pipe" if str(config).startswith(("/dev/fd/", "/proc/self/fd/"))
                                               else "file")
    with state.changing(context.state_path) as world:
        world["calls"].append({"argv": argv, "config": config_kind, "stdin_is_tty": sys.stdin.isatty()
                               if sys.stdin else False, "pid": os.getpid(),
                               # So a test can see that the whole group ended, not only this process.
                               "pgid": os.getpgid(0) if hasattr(os, "getpgid") else None})


def _misbehave(context: Context) -> None:
    if "hang" in context.modes or "hang-ignore-term" in context.modes:
        _hang(ignore_terminate="hang-ignore-term" in context.modes)
    if "slow" in context.modes:
        delay = float(os.environ.get(DELAY_ENV, "30"))
        time.sleep(min(delay, context.timeout))
        if context.timeout < delay:
            raise Failure("context deadline exceeded")
    if "endless" in context.modes:
        item = b'{"id": "6d3c7b1e-4f0a-4c2b-9e51-2a7f0c9d8e11", "description": "again and again"},' * 1000
        sys.stdout.buffer.write(b"[")
        while True:
            sys.stdout.buffer.write(item)
    if "garbage" in context.modes:
        sys.stdout.write("<html><body>502 Bad Gateway</body></html>\n\x1b[2Kpanic: runtime error\n")
        sys.stdout.flush()
        raise SystemExit(0)


def _hang(*, ignore_terminate: bool) -> None:
    if ignore_terminate:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    while True:
        time.sleep(3600)


def _sign_in(context: Context, flags: dict) -> None:
    profile = _profile(flags)
    context.account_id = str(flags.get("account") or profile.get("account_id") or "")
    context.cluster_id = str(flags.get("cluster") or profile.get("cluster_id") or "")
    if profile.get("product") != "dedicated":
        raise Failure(f'profile "{profile.get("name")}": product must be "dedicated"')
    if not context.account_id or not context.cluster_id:
        raise Failure(f'profile "{profile.get("name")}" needs account_id and cluster_id')
    token = profile.get("mgmt_token")
    if token and "device-login" not in context.modes:
        _check_token(context, str(token))
    else:
        _browser_login(context)
    world = state.read(context.state_path)
    if context.account_id != world["account_id"]:
        raise Failure(f"rpc error: code = PermissionDenied desc = no access to account {context.account_id}")


def _profile(flags: dict) -> dict:
    path = flags.get("config") or _default_config_path()
    try:
        with open(str(path), "rb") as config_file:
            config = tomllib.load(config_file)
    except OSError as error:
        raise Failure(f"failed to load configuration: open {path}: {error.strerror.lower()}") from None
    except tomllib.TOMLDecodeError as error:
        raise Failure(f"failed to parse configuration {path}: {error}") from None
    name = str(flags.get("profile") or os.environ.get("INFLUXCTL_PROFILE") or "default")
    for profile in config.get("profile", []):
        if isinstance(profile, dict) and profile.get("name") == name:
            return profile
    raise Failure(f'profile "{name}" not found in {path}')


def _default_config_path() -> str:
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return os.path.join(base, "influxctl", "config.toml")


def _check_token(context: Context, token: str) -> None:
    world = state.read(context.state_path)
    wanted = state.digest(token)
    now = time.time()
    for entry in world["management_tokens"]:
        record = entry["record"]
        if entry["secret_sha256"] == wanted and "revoked_at" not in record:
            if "expires_at" not in record or record["expires_at"]["seconds"] > now:
                context.authenticated_by = record["id"]
                return
    if wanted in world["extra_valid_secrets"]:
        return
    raise Failure("rpc error: code = Unauthenticated desc = invalid or revoked management token")


def _browser_login(context: Context) -> None:
    if state.read(context.state_path)["login"]["cached"]:
        return
    code = _device_code()
    sys.stderr.write("To sign in, open this URL in a browser:\n\n"
                     f"    https://auth.influxdata.invalid/activate?user_code={code}\n\n"
                     f"and confirm that it shows this code: {code}\n")
    if "gtk-noise" in context.modes:
        sys.stderr.write(GTK_NOISE.format(pid=os.getpid()) + "\n")
    sys.stderr.flush()
    while not state.read(context.state_path)["login"]["approved"]:
        time.sleep(0.05)
    with state.changing(context.state_path) as world:
        world["login"]["cached"] = True
    sys.stderr.write("Signed in.\n")


def _device_code() -> str:
    """Each waiting process has its own code, as each device login does."""
    letters = "BCDFGHJKLMNPQRSTVWXZ"
    number, code = os.getpid() * 7919 + 104729, ""
    for _ in range(8):
        number, digit = divmod(number, len(letters))
        code += letters[digit]
    return f"{code[:4]}-{code[4:]}"
