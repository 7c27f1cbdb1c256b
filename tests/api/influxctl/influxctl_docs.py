"""The examples of ../shared/reference/INFLUXCTL.md, verbatim, by the heading they follow."""

from __future__ import annotations

import os
import re
from pathlib import Path


def influxctl_md() -> str:
    shared = os.environ.get("TOKEN_DESK_SHARED_DIR")
    root = Path(shared) if shared else Path(__file__).resolve().parents[3] / ".." / "shared"
    return (root / "reference" / "INFLUXCTL.md").read_text(encoding="utf-8")


def examples() -> dict[str, list[str]]:
    """Each `## heading` -> the fenced code blocks under it, in order."""
    found: dict[str, list[str]] = {}
    for section in re.split(r"^## ", influxctl_md(), flags=re.MULTILINE)[1:]:
        heading = section.splitlines()[0].strip()
        found[heading] = re.findall(r"^```[a-z]*\n(.*?)^```", section, flags=re.MULTILINE | re.DOTALL)
    return found


def example(heading_start: str, index: int = 0) -> str:
    for heading, blocks in examples().items():
        if heading.startswith(heading_start):
            return blocks[index]
    raise KeyError(heading_start)
