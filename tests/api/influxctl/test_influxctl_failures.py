"""influxctl's failure messages become the REST client's error family, plain and without secrets."""

from __future__ import annotations

import re

import pytest

from token_desk.api.errors import ApiTimeoutError, AuthenticationError, NotFoundError, PermissionDeniedError
from token_desk.api.influxctl.errors import InfluxctlError
from token_desk.api.influxctl.failure import MAX_MESSAGE, error_for
from token_desk.api.influxctl.process import Finished


def failed(stderr: str, stdout: str = "", ended_by=None) -> Finished:
    return Finished(1, stdout, stderr, ended_by)


@pytest.mark.parametrize(("stderr", "family"), [
    ("error\tfailed to list management tokens: rpc error: code = Unauthenticated desc = token expired", AuthenticationError),
    ("error\tinvalid management token", AuthenticationError),
    ("error\tthe management token is invalid", AuthenticationError),
    ("Error: authentication failed: token expired", AuthenticationError),
    ("error\tmgmt_token was rejected", AuthenticationError),
    ("error\tfailed to revoke token: unknown token 6d3c7b1e", NotFoundError),
    ("error\trpc error: code = PermissionDenied desc = nope", PermissionDeniedError),
    ("error\trpc error: code = NotFound desc = token not found", NotFoundError),
    ('error\trpc error: code = NotFound desc = database token "2b3c4d5e" not found in cluster 5c6d7e8f', NotFoundError),
    ("error\tcontext deadline exceeded", ApiTimeoutError),
])
def test_messages_map_to_the_rest_error_family(stderr, family):
    error = error_for(failed(stderr), "management list")
    assert isinstance(error, family) and isinstance(error, InfluxctlError)
    assert re.sub(r"^[Ee]rror[\t:] ?", "", stderr) in str(error)  # influxctl's own words, without the level


def test_an_invalid_token_id_is_not_taken_for_a_bad_sign_in():
    assert not isinstance(error_for(failed("error\tinvalid token id"), "management revoke"), AuthenticationError)


def test_gtk_noise_is_skipped_and_the_message_is_one_trimmed_plain_line():
    stderr = 'Not loading module "atk-bridge"\nerror\t<b>bold</b>\x1b[31m red\n' + "x" * 2000
    message = error_for(failed(stderr), "management list").influxctl_message
    assert "atk-bridge" not in message and "\x1b" not in message and "\n" not in message
    assert message.startswith("<b>bold</b>") and len(message) <= MAX_MESSAGE


def test_the_secret_and_anything_token_shaped_are_redacted():
    stderr = "error\tbad token M.V1.abcdefghijklmnopqrstuvwxyz and s3cret-value"
    error = error_for(failed(stderr), "management list", secret="s3cret-value")
    assert "abcdefghijklmnop" not in str(error) and "s3cret-value" not in str(error)
    assert "[redacted]" in error.influxctl_message


def test_a_failure_without_words_still_says_what_failed():
    error = error_for(failed(""), "management list")
    assert "management list" in str(error) and "exit status 1" in str(error)


@pytest.mark.parametrize("stderr", ['error\tprofile "prod" not found in /home/me/.config/influxctl/config.toml',
                                    "error\tfailed to load configuration: file not found",
                                    # a --cluster or account the service does not know: no token is gone
                                    "error\trpc error: code = NotFound desc = cluster 5c6d7e8f not found",
                                    "error\trpc error: code = NotFound desc = account not found"])
def test_a_missing_profile_or_config_is_not_an_unknown_token(stderr):
    # Found by the independent stand-in: "refresh the list" would not help; influxctl's own words are shown.
    error = error_for(failed(stderr), "management list")
    assert not isinstance(error, NotFoundError) and "refresh" not in str(error).lower()
    assert stderr.split("\t", 1)[1] in str(error)


def test_a_cluster_the_service_does_not_know_is_not_found_when_the_cluster_was_asked_for():
    # `cluster get` asks about the cluster itself: its "not found" is the answer (the cluster picker says so).
    error = error_for(failed("error\trpc error: code = NotFound desc = cluster 5c6d7e8f not found"), "cluster get")
    assert isinstance(error, NotFoundError)


def test_a_run_token_desk_ended_says_so_whatever_influxctl_printed_before():
    # Found by the independent stand-in: these read "influxctl failed: <its last line>".
    timed_out = error_for(failed("error\tcontext deadline exceeded", ended_by="timeout"), "management list")
    assert str(timed_out).startswith("influxctl did not finish in time")
    assert "context deadline exceeded" in str(timed_out)
    cancelled = error_for(failed("To sign in, open https://example.invalid/activate", ended_by="cancel"),
                          "management list")
    assert str(cancelled).startswith("Cancelled") and "https://" not in str(cancelled)


@pytest.mark.parametrize("stderr", ["Incorrect Usage: flag provided but not defined: -timeout\n\n"
                                    "error\tflag provided but not defined: -timeout",
                                    "error\tinvalid value \"1m\" for flag -timeout: parse error"])
def test_a_usage_error_naming_the_timeout_flag_is_no_timeout(stderr):
    """Nothing was waited for: influxctl refused its command line, and trying again would change nothing."""
    error = error_for(failed(stderr), "management list")
    assert not isinstance(error, ApiTimeoutError)
    assert "flag -timeout" in str(error) or "-timeout" in str(error)


@pytest.mark.parametrize(("stderr", "connected"), [
    ('error\trpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: '
     'dial tcp 198.51.100.7:443: connect: connection refused"', False),
    ("error\tdial tcp: lookup console.influxdata.com: no such host", False),
    ("error\tdial tcp 198.51.100.7:443: i/o timeout", False),  # a dial that timed out sent nothing either
    ("error\trpc error: code = Unavailable desc = error reading from server: EOF", True),
    ("error\trpc error: code = Unavailable desc = transport is closing", True),
])
def test_a_connection_never_made_is_told_from_one_lost_after_sending(stderr, connected):
    """The bridge's rule for changes (bridge._change): never connected is a plain failure, never sent; a
    connection lost after the request may have gone out is an unknown outcome."""
    from token_desk.api.errors import ApiConnectionError
    from token_desk.api.influxctl.failure import never_connected

    error = error_for(failed(stderr), "management create")
    assert isinstance(error, ApiConnectionError) and not isinstance(error, ApiTimeoutError)
    assert never_connected(error) is not connected
    assert not never_connected(error_for(Finished(-9, "", stderr, None), "management create"))  # killed
