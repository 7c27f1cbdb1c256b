"""One check for tokens and one for URLs: the client, the profile form and the command line agree."""

from __future__ import annotations

import pytest

from token_desk.api.client import ManagementApiClient
from token_desk.api.errors import AuthenticationError
from token_desk.api.token_text import token_problem
from token_desk.api.url_safety import base_url_problem
from token_desk.app import UsageError, parse_arguments
from token_desk.credentials import validate_base_url, validate_token

ID = "0f8fad5b-d9cb-469f-a165-70867728950e"


@pytest.mark.parametrize("token", ["", "two words", "line\nbreak", "caf\u00e9", "zero\u200bwidth"])
def test_the_client_and_the_form_refuse_a_token_with_the_same_sentence(token: str) -> None:
    with pytest.raises(AuthenticationError) as refused:
        ManagementApiClient("https://console.example.com/api/v0", ID, ID, token)
    assert str(refused.value) == token_problem(token) == validate_token(token)


def test_the_form_forgives_the_spaces_a_paste_leaves_around_a_token() -> None:
    assert validate_token("  apiv1_abc\n") is None and token_problem("apiv1_abc") is None


@pytest.mark.parametrize("url", ["ftp://h/api", "https://", "https://h/api?x=1", " https://h/api"])
def test_the_command_line_and_the_form_refuse_a_url_with_the_same_sentence(url: str, monkeypatch) -> None:
    monkeypatch.setenv("INFLUX_MANAGEMENT_TOKEN", "apiv1_abc")
    with pytest.raises(UsageError) as refused:
        parse_arguments(["--url", url, "--account-id", ID, "--cluster-id", ID])
    assert base_url_problem(url) == validate_base_url(url) and base_url_problem(url) in str(refused.value)
