"""python -m token_desk.sandbox.influxctl --server URL [influxctl arguments]."""

import sys

from token_desk.sandbox.influxctl.cli import main

sys.exit(main(sys.argv[1:]))
