"""Go-style flag parsing, as influxctl's CLI library does it (stdlib only: the stand-in runs as its own program).

Go's flag package reads `-name`, `--name`, `--name=value` and `--name value`; a boolean flag takes no separate
value; parsing stops at the first argument that is not a flag (or at `--`), so everything after it is
positional, even if it looks like a flag. A flag the command does not define is an error.
"""

from __future__ import annotations

from dataclasses import dataclass, field


class UsageError(Exception):
    """What Go's flag package would print after "Incorrect Usage:"."""


@dataclass(frozen=True)
class FlagSpec:
    booleans: frozenset[str] = frozenset()
    values: frozenset[str] = frozenset()
    repeated: frozenset[str] = frozenset()


@dataclass
class Parsed:
    flags: dict[str, object] = field(default_factory=dict)
    rest: list[str] = field(default_factory=list)


def parse(args: list[str], spec: FlagSpec) -> Parsed:
    parsed = Parsed()
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == "--":
            parsed.rest = args[index + 1:]
            return parsed
        if not arg.startswith("-") or arg == "-":
            parsed.rest = args[index:]
            return parsed
        index = _take_flag(args, index, spec, parsed)
    return parsed


def _take_flag(args: list[str], index: int, spec: FlagSpec, parsed: Parsed) -> int:
    name, has_value, value = args[index].lstrip("-").partition("=")
    if name in spec.booleans:
        parsed.flags[name] = _boolean(name, value) if has_value else True
        return index + 1
    if name not in spec.values and name not in spec.repeated:
        raise UsageError(f"flag provided but not defined: -{name}")
    if not has_value:
        if index + 1 >= len(args):
            raise UsageError(f"flag needs an argument: -{name}")
        value = args[index + 1]
        index += 1
    if name in spec.repeated:
        parsed.flags.setdefault(name, []).append(value)  # type: ignore[union-attr]
    else:
        parsed.flags[name] = value
    return index + 1


def _boolean(name: str, value: str) -> bool:
    if value in ("1", "t", "T", "true", "TRUE", "True"):
        return True
    if value in ("0", "f", "F", "false", "FALSE", "False"):
        return False
    raise UsageError(f'invalid boolean value "{value}" for -{name}: parse error')


_UNITS = {"ns": 1e-9, "us": 1e-6, "µs": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0, "h": 3600.0}


def parse_duration(text: str) -> float:
    """Seconds in a Go duration such as `1m0s`, `30s`, `1.5h`, `500ms`; a bare number other than 0 is an error."""
    if text == "0":
        return 0.0
    rest, total = text, 0.0
    if not rest:
        raise UsageError(f'time: invalid duration "{text}"')
    while rest:
        number = _leading(rest, "0123456789.")
        unit = _leading(rest[len(number):], "nsuµmh")
        if not number or number == "." or unit not in _UNITS:
            raise UsageError(f'invalid value "{text}" for flag -timeout: parse error')
        total += float(number) * _UNITS[unit]
        rest = rest[len(number) + len(unit):]
    return total


def _leading(text: str, allowed: str) -> str:
    end = 0
    while end < len(text) and text[end] in allowed:
        end += 1
    return text[:end]
