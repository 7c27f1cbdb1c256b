"""Token lists as CSV (the columns shown, plus raw UTC times, every permission and the findings) and as
JSON (the API's own field names and RFC 3339 times, plus the findings). Never a secret: a Token holds none."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, TextIO

from token_desk.api.models import Token, TokenKind
from token_desk.atomic_write import write_text_atomically
from token_desk.export.csv_format import PROGRESS_EVERY, ProgressCallback, write_csv
from token_desk.findings import Finding

UTC_HEADERS = ("Created At (UTC)", "Expires At (UTC)", "Revoked At (UTC)")
PERMISSIONS_HEADER = "Permissions"
FINDINGS_HEADERS = ("Finding IDs", "Findings")


def no_findings(row: int) -> Sequence[Finding]:
    return ()


@dataclass(frozen=True)
class TokenTable:
    """What to export: the tokens in the order shown, and each one's cells in the columns shown."""

    kind: TokenKind
    headers: tuple[str, ...]
    tokens: Sequence[Token]
    cells: Callable[[int], Sequence[str]]  # row number -> the shown cells (run on the worker)
    findings: Callable[[int], Sequence[Finding]] = no_findings  # row number -> its findings, worst first


def csv_header(table: TokenTable) -> list[str]:
    extra = [PERMISSIONS_HEADER] if table.kind is TokenKind.DATABASE else []
    return [*table.headers, *UTC_HEADERS, *extra, *FINDINGS_HEADERS]


def csv_rows(table: TokenTable) -> Iterator[list[str]]:
    with_permissions = table.kind is TokenKind.DATABASE
    for row, token in enumerate(table.tokens):
        extra = [permission_list(token)] if with_permissions else []
        yield [*table.cells(row), *utc_times(token), *extra, *finding_cells(table.findings(row))]


def finding_cells(findings: Sequence[Finding]) -> list[str]:
    """"old; expires-soon" and one sentence a line, as the Details dialog lists them."""
    return ["; ".join(finding.id for finding in findings), "\n".join(finding.sentence for finding in findings)]


def utc_times(token: Token) -> list[str]:
    return [_utc(token.created_at), _utc(token.expires_at), _utc(token.revoked_at)]


def _utc(moment) -> str:
    return "" if moment is None else rfc3339(moment)


def rfc3339(moment: datetime) -> str:
    """RFC 3339 in UTC with only the fraction digits needed ("…:13.459Z", as the API writes it).

    Runs three times per exported token: formatted directly rather than by trimming isoformat()."""
    utc = moment if moment.tzinfo is timezone.utc else moment.astimezone(timezone.utc)
    # Numbers, not strftime: its %Y drops the leading zeros of years before 1000 on some C libraries.
    text = (f"{utc.year:04d}-{utc.month:02d}-{utc.day:02d}T{utc.hour:02d}:{utc.minute:02d}:{utc.second:02d}")
    if not utc.microsecond:
        return text + "Z"
    return f"{text}.{utc.microsecond:06d}".rstrip("0") + "Z"


def permission_list(token: Token) -> str:
    """Every permission, not the summary the table shows: "read telemetry; write *". A part the server left
    out reads "?" ("write ?"): never a database or an action it did not name."""
    return "; ".join(f"{_given(permission.action)} {_given(permission.resource)}" for permission in token.permissions)


def _given(value: str | None) -> str:
    return "?" if value is None else value


def token_json(token: Token) -> dict[str, Any]:
    """The token as the API spells it; optional fields the token lacks are left out, as the API does."""
    data: dict[str, Any] = {"id": token.id}
    optional = {"accountId": token.account_id, "clusterId": token.cluster_id, "tokenPrefix": token.prefix,
                "createdBy": token.created_by}
    data.update((key, value) for key, value in optional.items() if value is not None)
    if token.cluster is not None and token.cluster.name:  # listed from one of several clusters: its name too
        data["clusterName"] = token.cluster.name
    data["description"] = token.description
    if token.kind is TokenKind.DATABASE:
        # A member the server left out stays out, as it listed the permission.
        data["permissions"] = [{key: value for key, value in (("action", p.action), ("resource", p.resource))
                                if value is not None} for p in token.permissions]
    data["createdAt"] = rfc3339(token.created_at)
    for key, moment in (("expiresAt", token.expires_at), ("revokedAt", token.revoked_at)):
        if moment is not None:
            data[key] = rfc3339(moment)
    if token.revoked_time_unknown:  # revoked, but influxctl did not say when: no time is made up
        data["revoked"] = True
    return data


def write_json_array(file: TextIO, items: Sequence[Any], to_json: Callable[[Any], dict],
                     on_progress: ProgressCallback | None = None) -> int:
    """One JSON array, an object per line, written as it goes (no second copy of a big list)."""
    file.write("[")
    for number, item in enumerate(items, start=1):
        file.write("\n  " if number == 1 else ",\n  ")
        file.write(json.dumps(to_json(item), ensure_ascii=False))
        if on_progress is not None and number % PROGRESS_EVERY == 0:
            on_progress(number, len(items))
    file.write("\n]\n" if items else "]\n")
    if on_progress is not None:
        on_progress(len(items), len(items))
    return len(items)


def export_tokens_csv(path: Path, table: TokenTable, on_progress: ProgressCallback | None = None) -> int:
    count = 0

    def write(file: TextIO) -> None:
        nonlocal count
        count = write_csv(file, csv_header(table), csv_rows(table), len(table.tokens), on_progress)

    write_text_atomically(path, write)
    return count


def export_tokens_json(path: Path, tokens: Sequence[Token], on_progress: ProgressCallback | None = None) -> int:
    write_text_atomically(path, lambda file: write_json_array(file, tokens, token_json, on_progress))
    return len(tokens)


def table_json(table: TokenTable, row: int) -> dict[str, Any]:
    """The token as the API spells it, then "findings": [{"id", "sentence"}, …] (empty when none)."""
    data = token_json(table.tokens[row])
    data["findings"] = [{"id": finding.id, "sentence": finding.sentence} for finding in table.findings(row)]
    return data


def export_table_json(path: Path, table: TokenTable, on_progress: ProgressCallback | None = None) -> int:
    rows = range(len(table.tokens))
    write_text_atomically(path, lambda file: write_json_array(file, rows, lambda row: table_json(table, row),
                                                              on_progress))
    return len(rows)
