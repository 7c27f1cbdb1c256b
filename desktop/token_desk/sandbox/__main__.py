"""python -m token_desk.sandbox: serve the sandbox until Ctrl+C, printing what to paste into the app."""

from __future__ import annotations

import argparse
import logging
import shutil
import signal
import sys
import tempfile
from pathlib import Path

from token_desk.sandbox.influxctl import write_launcher
from token_desk.sandbox.server import Sandbox


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m token_desk.sandbox", description=__doc__)
    parser.add_argument("--port", type=int, default=8086, help="0 picks a free port")
    parser.add_argument("--data", default=":memory:", help="SQLite file kept across runs (default: throwaway)")
    parser.add_argument("--seed", type=int, default=1, help="seed for the data of a new file")
    parser.add_argument("--database-tokens", type=int, default=0, metavar="N",
                        help="add N generated database tokens to the sample data (a large account)")
    parser.add_argument("--management-tokens", type=int, default=0, metavar="N",
                        help="add N generated management tokens to the sample data")
    parser.add_argument("--token", help="management token string to accept (default: a new one per run)")
    parser.add_argument("--delay-ms", type=int, default=0, help="delay every response")
    parser.add_argument("--fail-revokes", type=int, default=0, metavar="N", help="first N revokes answer 500")
    parser.add_argument("--invalid-json", action="store_true", help="answer every request with a non-JSON body")
    parser.add_argument("--quiet", action="store_true", help="no request log on stderr")
    return parser.parse_args(argv)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING if args.quiet else logging.INFO,
                        format="%(asctime)s sandbox: %(message)s")
    sandbox = Sandbox(data=args.data, seed=args.seed, token=args.token, port=args.port)
    if args.database_tokens or args.management_tokens:
        sandbox.populate(management=max(args.management_tokens, 0), database=max(args.database_tokens, 0))
    sandbox.faults.delay_ms = args.delay_ms
    sandbox.faults.fail_next_revokes(args.fail_revokes)
    if args.invalid_json:
        sandbox.faults.invalid_json_next(sys.maxsize)
    launcher_folder = Path(tempfile.mkdtemp(prefix="token-desk-influxctl-"))
    launcher = write_launcher(launcher_folder, sandbox.influxctl_command)
    signal.signal(signal.SIGTERM, _interrupt)  # `kill` ends it as cleanly as Ctrl+C
    try:  # from the first line printed: whoever reads it may press Ctrl+C at once
        for label, value in (("URL", sandbox.url), ("Account ID", sandbox.account_id),
                             ("Cluster ID", sandbox.cluster_id), ("Management token", sandbox.management_token),
                             ("influxctl", str(launcher))):
            print(f"{label}: {value}", flush=True)
        sandbox.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        sandbox.stop()
        shutil.rmtree(launcher_folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
