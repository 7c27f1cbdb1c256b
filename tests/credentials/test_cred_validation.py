import pytest

from token_desk.credentials import (
    DEFAULT_BASE_URL,
    ProfileField,
    validate_account_id,
    validate_base_url,
    validate_name,
    validate_profile_fields,
    validate_token,
)
from cred_helpers import ACCOUNT_ID, CLUSTER_ID


def test_a_complete_profile_has_no_messages() -> None:
    assert validate_profile_fields("Production", DEFAULT_BASE_URL, ACCOUNT_ID, CLUSTER_ID) == {}


def test_every_bad_field_gets_its_own_message() -> None:
    messages = validate_profile_fields("", "ftp://example.com", "1234", "")
    assert set(messages) == {ProfileField.NAME, ProfileField.BASE_URL, ProfileField.ACCOUNT_ID, ProfileField.CLUSTER_ID}
    assert messages["name"] == "Enter a name for this profile."
    assert "https://" in messages["base_url"]
    assert "'1234' is not" in messages["account_id"]
    assert messages["cluster_id"].startswith("Enter the cluster ID")


@pytest.mark.parametrize(
    ("url", "fragment"),
    [
        ("", "Enter the Management API URL"),
        ("console.influxdata.com/api/v0", "must start with https://"),
        ("https://", "needs a host name"),
        ("https://console.influxdata.com:99999/api", "not a valid URL"),
        ("https://console influxdata.com", "Remove the spaces"),
        ("https://console.influxdata.com/api/v0?x=1", "'?…'"),
    ],
)
def test_bad_urls_say_what_to_fix(url: str, fragment: str) -> None:
    message = validate_base_url(url)
    assert message is not None and fragment in message


@pytest.mark.parametrize("url", [DEFAULT_BASE_URL, "http://127.0.0.1:8086/api/v0", "HTTPS://Example.com"])
def test_http_and_https_urls_with_a_host_are_accepted(url: str) -> None:
    assert validate_base_url(url) is None


def test_uuid_must_be_canonical() -> None:
    assert validate_account_id(ACCOUNT_ID.upper()) is None
    message = validate_account_id(ACCOUNT_ID.replace("-", ""))
    assert message is not None and "8-4-4-4-12" in message
    assert validate_account_id(f" {ACCOUNT_ID}") == "Remove the spaces around the account ID."


def test_names_are_unique_ignoring_case_but_a_profile_may_keep_its_own() -> None:
    assert validate_name("production", ["Production"]) == "A profile named 'production' already exists; choose another name."
    assert validate_name("PRODUCTION", ["Production", "Staging"], current_name="Production") is None
    assert validate_name(" Prod", []) == "Remove the spaces at the start or end of the profile name."
    assert validate_name("Prod\tEU", []) is not None


def test_token_field_messages() -> None:
    assert validate_token("   ") == "Enter the management token; the field is empty."
    assert validate_token("abc def") is not None
    assert validate_token("  apiv1_abc\n") is None
