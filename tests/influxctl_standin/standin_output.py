"""What the stand-in prints: indented JSON as in the docs' examples, and boxed tables (stdlib only)."""

from __future__ import annotations

import json
import sys
from datetime import datetime, timezone

NEVER = "1970-01-01T00:00:00Z"  # the table's word for "never expires" (a zero timestamp)


def rfc3339(stamp: dict | None, *, empty: str = NEVER) -> str:
    if stamp is None:
        return empty
    moment = datetime.fromtimestamp(stamp["seconds"], tz=timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def print_json(value: object) -> None:
    sys.stdout.write(json.dumps(value, indent=2, ensure_ascii=False) + "\n")


def table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(cell) for cell in column) for column in zip(header, *rows)]
    rule = "+" + "+".join("-" * (width + 2) for width in widths) + "+"

    def line(cells: list[str]) -> str:
        return "|" + "|".join(f" {cell.ljust(width)} " for cell, width in zip(cells, widths)) + "|"

    return "\n".join([rule, line(header), rule, *(line(row) for row in rows), rule]) + "\n"


def key_value_table(pairs: list[tuple[str, str]]) -> str:
    """The create output's table: keys right-aligned, values left-aligned, no header."""
    key_width = max(len(key) for key, _ in pairs)
    value_width = max(len(value) for _, value in pairs)
    rule = f"+{'-' * (key_width + 2)}+{'-' * (value_width + 2)}+"
    body = [f"| {key.rjust(key_width)} | {value.ljust(value_width)} |" for key, value in pairs]
    return "\n".join([rule, *body, rule]) + "\n"


def log(level: str, message: str) -> None:
    """One line on the log stream (stderr), `level<TAB>message`, as the docs show influxctl's."""
    sys.stderr.write(f"{level}\t{message}\n")
    sys.stderr.flush()
