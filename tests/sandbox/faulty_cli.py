"""python -m tests.sandbox.faulty_cli: `python -m token_desk.sandbox` with faults switched on from the start, to
try the app against a misbehaving service by hand (the packaged app has no fault switches)."""

from __future__ import annotations

import sys

from tests.sandbox.faults import FaultySandbox
from token_desk.sandbox.__main__ import build_parser, log_requests, serve


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    parser.prog, parser.description = "python -m tests.sandbox.faulty_cli", __doc__
    parser.add_argument("--delay-ms", type=int, default=0, help="delay every response")
    parser.add_argument("--fail-revokes", type=int, default=0, metavar="N", help="first N revokes answer 500")
    parser.add_argument("--invalid-json", action="store_true", help="answer every request with a non-JSON body")
    args = parser.parse_args(argv)
    log_requests(args)
    sandbox = FaultySandbox(data=args.data, seed=args.seed, token=args.token, port=args.port)
    sandbox.faults.delay_ms = args.delay_ms
    sandbox.faults.fail_next_revokes(args.fail_revokes)
    if args.invalid_json:
        sandbox.faults.invalid_json_next(sys.maxsize)
    return serve(sandbox, args)


if __name__ == "__main__":
    sys.exit(main())
