"""Token exports: CSV read back with the csv module, inert formulas, JSON in the API's own words."""

from __future__ import annotations

import csv
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from token_desk.api.models import Permission, Token, TokenKind
from token_desk.atomic_write import write_text_atomically
from token_desk.export import TokenTable, export_table_json, export_tokens_csv, export_tokens_json, inert, token_json
from token_desk.findings import evaluate
from token_desk.export.tokens import rfc3339

CREATED = datetime(2026, 1, 2, 3, 4, 5, 120000, tzinfo=timezone.utc)
DANGEROUS = ["=HYPERLINK(\"http://evil\")", "+1+1", "-2+3", "@SUM(A1)", "\tindented", "\rcarriage", "plain"]


def database_token(n: int, description: str) -> Token:
    return Token(TokenKind.DATABASE, f"00000000-0000-4000-8000-{n:012d}", description, CREATED,
                 revoked_at=CREATED if n % 2 else None,
                 permissions=(Permission("read", "telemetry"), Permission("write", "*")),
                 account_id="11111111-1111-4111-8111-111111111111", cluster_id="22222222-2222-4222-8222-222222222222")


def table_of(tokens: list[Token]) -> TokenTable:
    return TokenTable(TokenKind.DATABASE, ("Description", "Token ID"), tokens,
                      lambda row: (tokens[row].description, tokens[row].id))


def read_csv(path: Path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8") as file:
        return list(csv.reader(file))


def test_csv_has_the_shown_cells_then_utc_times_and_every_permission(tmp_path: Path) -> None:
    tokens = [database_token(1, "line one\nline two, with \"quotes\""), database_token(2, "Zürich ✓")]
    path = tmp_path / "tokens.csv"
    assert export_tokens_csv(path, table_of(tokens)) == 2
    rows = read_csv(path)
    assert rows[0] == ["Description", "Token ID", "Created At (UTC)", "Expires At (UTC)", "Revoked At (UTC)",
                       "Permissions", "Finding IDs", "Findings"]
    assert rows[1] == [tokens[0].description, tokens[0].id, "2026-01-02T03:04:05.12Z", "",
                       "2026-01-02T03:04:05.12Z", "read telemetry; write *", "", ""]
    assert rows[2][:2] == ["Zürich ✓", tokens[1].id] and rows[2][4] == ""


def test_formula_cells_get_a_leading_apostrophe_and_nothing_else_changes(tmp_path: Path) -> None:
    tokens = [database_token(n, text) for n, text in enumerate(DANGEROUS)]
    path = tmp_path / "tokens.csv"
    export_tokens_csv(path, table_of(tokens))
    descriptions = [row[0] for row in read_csv(path)[1:]]
    assert descriptions == ["'" + text for text in DANGEROUS[:-1]] + ["plain"]
    assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in read_csv(path) for cell in row)


@pytest.mark.parametrize("text", DANGEROUS[:-1])
def test_inert_keeps_the_text_readable(text: str) -> None:
    assert inert(text) == "'" + text and inert("a" + text) == "a" + text


def test_json_is_one_array_in_the_apis_field_names(tmp_path: Path) -> None:
    tokens = [database_token(1, "a"), Token(TokenKind.MANAGEMENT, "00000000-0000-4000-8000-000000000009", "m",
                                            CREATED, prefix="M.V1.abc", created_by="someone")]
    path = tmp_path / "tokens.json"
    export_tokens_json(path, tokens)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data[0] == {"id": tokens[0].id, "accountId": tokens[0].account_id, "clusterId": tokens[0].cluster_id,
                       "description": "a", "permissions": [{"action": "read", "resource": "telemetry"},
                                                           {"action": "write", "resource": "*"}],
                       "createdAt": "2026-01-02T03:04:05.12Z", "revokedAt": "2026-01-02T03:04:05.12Z"}
    assert data[1] == {"id": tokens[1].id, "tokenPrefix": "M.V1.abc", "createdBy": "someone", "description": "m",
                       "createdAt": "2026-01-02T03:04:05.12Z"}


def test_an_empty_list_is_an_empty_array(tmp_path: Path) -> None:
    export_tokens_json(tmp_path / "none.json", [])
    assert json.loads((tmp_path / "none.json").read_text()) == []


def test_progress_reaches_the_total(tmp_path: Path) -> None:
    tokens = [database_token(n, f"t{n}") for n in range(2500)]
    seen: list[tuple[int, int]] = []
    export_tokens_csv(tmp_path / "big.csv", table_of(tokens), lambda done, total: seen.append((done, total)))
    assert seen[-1] == (2500, 2500) and [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "tokens.csv"
    path.write_text("the old export", encoding="utf-8")

    def fail_half_way(file) -> None:
        file.write("half of a new export")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        write_text_atomically(path, fail_half_way)
    assert path.read_text(encoding="utf-8") == "the old export"
    assert [p.name for p in tmp_path.iterdir()] == ["tokens.csv"]


@pytest.mark.parametrize(("moment", "text"), [
    (datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc), "2026-01-02T03:04:05Z"),
    (datetime(2026, 1, 2, 3, 4, 5, 459000, tzinfo=timezone.utc), "2026-01-02T03:04:05.459Z"),
    (datetime(2026, 1, 2, 3, 4, 5, 1, tzinfo=timezone.utc), "2026-01-02T03:04:05.000001Z"),
    (datetime(2026, 1, 2, 4, 4, 5, tzinfo=timezone(timedelta(hours=1))), "2026-01-02T03:04:05Z"),
    (datetime(1, 1, 1, tzinfo=timezone.utc), "0001-01-01T00:00:00Z"),
])
def test_times_are_rfc3339_in_utc_with_only_the_digits_needed(moment: datetime, text: str) -> None:
    assert rfc3339(moment) == text


def test_a_revoked_token_whose_time_influxctl_did_not_give_is_exported_revoked_with_no_time(tmp_path: Path) -> None:
    token = database_token(2, "seen revoked").replace(revoked_time_unknown=True)
    export_tokens_csv(tmp_path / "tokens.csv", table_of([token]))
    assert read_csv(tmp_path / "tokens.csv")[1][4] == ""  # no time made up
    export_tokens_json(tmp_path / "tokens.json", [token])
    data = json.loads((tmp_path / "tokens.json").read_text(encoding="utf-8"))[0]
    assert data["revoked"] is True and "revokedAt" not in data


def test_csv_and_json_carry_each_token_s_findings_ids_and_sentences(tmp_path: Path) -> None:
    tokens = [database_token(2, "Zürich"), database_token(4, "")]
    found = evaluate(tokens, [True, True], CREATED + timedelta(days=1), databases=["telemetry"])
    table = TokenTable(TokenKind.DATABASE, ("Description",), tokens, lambda row: (tokens[row].description,),
                       found.findings)
    export_tokens_csv(tmp_path / "t.csv", table)
    rows = read_csv(tmp_path / "t.csv")
    assert rows[0][-2:] == ["Finding IDs", "Findings"]
    assert rows[1][-2:] == ["all-databases", "Can write every database, including ones created later."]
    assert rows[2][-2:] == ["all-databases; no-description",
                            "Can write every database, including ones created later.\nHas no description."]
    export_table_json(tmp_path / "t.json", table)
    exported = json.loads((tmp_path / "t.json").read_text(encoding="utf-8"))
    assert exported[1]["findings"] == [
        {"id": "all-databases", "sentence": "Can write every database, including ones created later."},
        {"id": "no-description", "sentence": "Has no description."}]
    assert {key: value for key, value in exported[0].items() if key != "findings"} == token_json(tokens[0])
