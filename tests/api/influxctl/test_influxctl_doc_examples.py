"""Every output example in INFLUXCTL.md, parsed verbatim as influxctl would print it."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from influxctl_docs import example

from token_desk.api.influxctl.created import parse_create_output
from token_desk.api.influxctl.errors import InfluxctlOutputError
from token_desk.api.influxctl.output import (
    parse_database_list, parse_database_token_list, parse_management_list,
)
from token_desk.api.models import Permission, TokenKind


def test_management_list_json_example():
    first, second = parse_management_list(example("`management list --format json`", 0))
    assert first.kind is TokenKind.MANAGEMENT
    assert first.id == "6d3c7b1e-4f0a-4c2b-9e51-2a7f0c9d8e11"
    assert (first.description, first.prefix) == ("Client1 token", "M.V1.+5Jk")
    assert first.account_id == "0b1f3c52-8d4e-4a9b-b7c6-1e2d3f4a5b6c"
    assert first.created_by == "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"
    assert first.created_at == datetime(2024, 3, 12, 19, 58, 47, 622095, tzinfo=timezone.utc)
    assert first.revoked_at == datetime(2024, 3, 12, 20, 3, 29, 948178, tzinfo=timezone.utc)
    assert first.expires_at is None  # no expires_at key: never expires
    assert first.cluster_id is None  # management tokens belong to the account
    # `nanos` absent: whole seconds
    assert second.expires_at == datetime.fromtimestamp(1719491696, timezone.utc)
    assert second.revoked_at is None


def test_management_create_example_gives_the_secret_and_the_table():
    output = parse_create_output(example("`management create` output"))
    assert output.secret == "M.V1.xxxxxxxx..."
    assert output.token_id == "11111111-1111-1111-1111-111111111111"
    assert output.fields["description"] == "Example Token"
    assert output.fields["expires at"] == "2025-10-24T00:00:00Z"
    assert "xxxxxxxx" not in repr(output)


def test_create_output_before_2_11_has_only_warnings_and_the_secret():
    text = example("`management create` output")
    old_form = "\n".join(line for line in text.splitlines() if not line.startswith(("+", "|")))
    output = parse_create_output(old_form)
    assert output.secret == "M.V1.xxxxxxxx..."
    assert output.token_id is None


@pytest.mark.parametrize("text", [
    '{"id": "11111111-1111-1111-1111-111111111111", "description": "x", "token": "M.V1.abcdefghijkl"}',
    '{"token": {"id": "11111111-1111-1111-1111-111111111111"}, "access_token": "M.V1.abcdefghijkl"}',
    '{"id": "11111111-1111-1111-1111-111111111111", "secret": "M.V1.abcdefghijkl"}',
])
def test_undocumented_json_create_output_is_read_defensively(text):
    output = parse_create_output(text)
    assert output.secret == "M.V1.abcdefghijkl"
    assert output.token_id == "11111111-1111-1111-1111-111111111111"


def test_create_output_without_a_secret_is_refused_without_quoting_it():
    with pytest.raises(InfluxctlOutputError) as caught:
        parse_create_output("warn\tplease copy the token\nwarn\tthis is the *only time*\n")
    assert "secret" in str(caught.value)


def test_token_list_json_example_shows_what_is_missing_as_missing():
    (token,) = parse_database_token_list(example("`token list --format json`"))
    assert token.kind is TokenKind.DATABASE
    assert token.id == "2b3c4d5e-6f70-4819-9a2b-3c4d5e6f7081"
    assert token.description == "read/write for mydb1"
    assert token.permissions == (Permission("read", "mydb1"),)
    assert token.cluster_id == "5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f"
    assert (token.created_at, token.expires_at, token.revoked_at) == (None, None, None)


@pytest.mark.parametrize(("text", "named"), [
    (b'[{"description": "no id"}]', "'id'"),
    (b'[{"id": "6d3c7b1e-4f0a-4c2b-9e51-2a7f0c9d8e11"}, 7]', "not an object"),
    (b'[{"id": "6d3c7b1e-4f0a-4c2b-9e51-2a7f0c9d8e11", "created_at": {"seconds": "soon"}}]', "created_at"),
    (b'[{"id": "not-a-uuid"}]', "'id'"),
    (b'{"tokens": []}', "list"),
    (b'Error: something', "JSON"),
])
def test_bad_items_are_refused_naming_what_is_wrong(text, named):
    with pytest.raises(InfluxctlOutputError) as caught:
        parse_management_list(text)
    assert named in str(caught.value)


def test_unknown_fields_are_ignored():
    text = b'[{"id": "6d3c7b1e-4f0a-4c2b-9e51-2a7f0c9d8e11", "shiny_new_field": {"x": 1}, "created_at": {"seconds": 5}}]'
    (token,) = parse_management_list(text)
    assert token.created_at == datetime.fromtimestamp(5, timezone.utc)


def test_null_is_an_empty_list_as_gos_encoder_prints_a_nil_slice():
    assert parse_management_list("null\n") == parse_database_token_list("null") == parse_database_list(" null ") == []


NESTED_TOO_DEEP = "[" * 100_000 + "]" * 100_000  # valid JSON no parser reads without running out of stack


@pytest.mark.parametrize("parse", [parse_management_list, parse_database_token_list, parse_database_list])
def test_a_list_nested_too_deep_to_read_is_an_output_error_not_a_crash(parse):
    with pytest.raises(InfluxctlOutputError):
        parse(NESTED_TOO_DEEP)


def test_create_json_nested_too_deep_is_read_as_lines_not_a_crash():
    with pytest.raises(InfluxctlOutputError):
        parse_create_output('{"token": ' + NESTED_TOO_DEEP + "}")


@pytest.mark.parametrize("garbled", ["M.V1.abc\ufffddefghijkl", "M.V1.abcdéfghijkl"])
def test_a_secret_line_garbled_by_bytes_that_are_not_ascii_is_never_taken_for_the_secret(garbled):
    """Tokens are plain ASCII: a line with a replacement character (bytes that were not UTF-8) or another
    non-ASCII letter is a damaged secret, and showing it would hand the person a token that never works."""
    with pytest.raises(InfluxctlOutputError):
        parse_create_output(f"warn\tplease copy the token\nwarn\tthis is the *only time*\n{garbled}\n")


LISTED = '[{"id": "6d3c7b1e-4f0a-4c2b-9e51-2a7f0c9d8e11", "description": "Client1 token"}]'


@pytest.mark.parametrize("text", [f"warn\tnew version of influxctl available\n{LISTED}\n",
                                  f"{LISTED}\ninfo\tdone\n", f"debug\tcalling the service\n{LISTED}"])
def test_influxctls_log_lines_around_the_json_are_not_part_of_it(text):
    """influxctl logs `level<TAB>message` lines (INFLUXCTL.md); should one land beside the JSON, it is no data."""
    (token,) = parse_management_list(text)
    assert token.description == "Client1 token"


def test_a_timestamp_printed_as_rfc3339_text_is_read_too():
    """protobuf's own JSON form prints a Timestamp as RFC 3339 text instead of {seconds, nanos}."""
    (token,) = parse_management_list('[{"id": "6d3c7b1e-4f0a-4c2b-9e51-2a7f0c9d8e11", '
                                     '"created_at": "2024-03-12T19:58:47.622095Z", "expires_at": "2025-01-01T00:00:00Z"}]')
    assert token.created_at == datetime(2024, 3, 12, 19, 58, 47, 622095, tzinfo=timezone.utc)
    assert token.expires_at == datetime(2025, 1, 1, tzinfo=timezone.utc)


def test_a_timestamp_text_that_is_no_time_is_refused_naming_the_field():
    with pytest.raises(InfluxctlOutputError) as caught:
        parse_management_list('[{"id": "6d3c7b1e-4f0a-4c2b-9e51-2a7f0c9d8e11", "revoked_at": "yesterday"}]')
    assert "revoked_at" in str(caught.value)


def test_a_token_whose_permissions_are_null_has_none():
    """Go's encoder prints a nil slice as null: a token without permissions, not a damaged list."""
    (token,) = parse_database_token_list('[{"id": "2b3c4d5e-6f70-4819-9a2b-3c4d5e6f7081", "permissions": null}]')
    assert token.permissions == ()


@pytest.mark.parametrize("zero", ["{}", '{"seconds": 0}', '{"seconds": 0, "nanos": 0}'])
def test_a_zero_revocation_time_means_not_revoked_as_a_zero_expiry_means_never(zero):
    """protobuf's Go structs leave zero fields out ("nanos may be absent"), so an unset time prints as {}:
    the same zero time the table prints for "never expires". No token was revoked at the Unix epoch."""
    (token,) = parse_management_list('[{"id": "6d3c7b1e-4f0a-4c2b-9e51-2a7f0c9d8e11", '
                                     f'"revoked_at": {zero}, "expires_at": {zero}}}]')
    assert token.revoked_at is None and token.expires_at is None and not token.is_revoked
