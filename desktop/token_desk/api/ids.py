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
