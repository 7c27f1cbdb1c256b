"""Runs a populated sandbox in a child process, so its CPU time and memory stay out of
the measured process (the GIL and ru_maxrss would otherwise mix server and client)."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass, field

_CHILD = """
import json, sys
from token_desk.sandbox import start_sandbox
sb = start_sandbox(populate={"management": int(sys.argv[1]), "database": int(sys.argv[2])})
print(json.dumps({"url": sb.url, "account_id": sb.account_id, "cluster_id": sb.cluster_id,
                  "token": sb.management_token}), flush=True)
sys.stdin.read()  # serve until the parent closes our stdin
sb.stop()
"""


@dataclass
class SandboxProcess:
    url: str
    account_id: str
    cluster_id: str
    token: str = field(repr=False)
    process: subprocess.Popen = field(repr=False)

    def stop(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=30)


def start_sandbox_process(management: int, database: int = 0) -> SandboxProcess:
    process = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(management), str(database)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    details = json.loads(process.stdout.readline())
    return SandboxProcess(details["url"], details["account_id"], details["cluster_id"], details["token"], process)
