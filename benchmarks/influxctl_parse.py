"""10,000 management tokens as `influxctl management list --format json` prints them, parsed.

The bytes are the sandbox's influxctl emulator's own output, captured once from a sandbox
child process holding 10,000 management tokens; only the parse is timed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from sandbox_process import SandboxProcess, start_sandbox_process
from token_desk.api.influxctl.output import parse_management_list
from token_desk.sandbox.influxctl import emulator_command


def management_list_output(count: int) -> bytes:
    sandbox = start_sandbox_process(management=count)
    try:
        return _emulator_output(sandbox, ["management", "list", "--format", "json"])
    finally:
        sandbox.stop()


def _emulator_output(sandbox: SandboxProcess, words: list[str]) -> bytes:
    with tempfile.TemporaryDirectory(prefix="token-desk-influxctl-") as folder:
        config = Path(folder) / "config.toml"
        config.write_text(f'[[profile]]\nname = "bench"\nproduct = "dedicated"\naccount_id = "{sandbox.account_id}"\n'
                          f'cluster_id = "{sandbox.cluster_id}"\nmgmt_token = "{sandbox.token}"\n', encoding="utf-8")
        config.chmod(0o600)
        command = [*emulator_command(sandbox.url), "--config", str(config), "--profile", "bench", *words]
        return subprocess.run(command, capture_output=True, check=True, timeout=300, env=_child_env()).stdout


def _child_env() -> dict[str, str]:
    desktop = str(Path(__file__).resolve().parents[1] / "desktop")
    return {**os.environ, "PYTHONPATH": os.pathsep.join([desktop, os.environ.get("PYTHONPATH", "")])}


def parse(output: bytes) -> int:
    return len(parse_management_list(output))


if __name__ == "__main__":
    print(parse(management_list_output(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)))
