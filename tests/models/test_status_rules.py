"""The bulk status computation agrees with Token's own rules at every boundary."""

from datetime import timedelta

import pytest

from tests.models.conftest import NOW, make_token
from token_desk.models.display import DisplayStatus, display_status, display_statuses

BOUNDARIES = [
    timedelta(days=-1), timedelta(0), timedelta(microseconds=1), timedelta(days=7),
    timedelta(days=7, microseconds=1), timedelta(days=30),
]


@pytest.mark.parametrize("until_expiry", BOUNDARIES)
def test_bulk_status_matches_token_rules(until_expiry):
    token = make_token(expires_at=NOW + until_expiry)
    assert display_statuses([token], NOW) == [display_status(token, NOW)]


def test_expiry_exactly_now_counts_as_expired():
    assert display_statuses([make_token(expires_at=NOW)], NOW) == [DisplayStatus.EXPIRED]


def test_expiry_exactly_seven_days_away_is_soon():
    assert display_statuses([make_token(expires_at=NOW + timedelta(days=7))], NOW) == [DisplayStatus.EXPIRES_SOON]


def test_revoked_with_no_known_time_is_revoked_everywhere():
    token = make_token(expires_at=NOW + timedelta(days=30)).replace(revoked_time_unknown=True)
    assert token.revoked_at is None and token.is_revoked and not token.is_active
    assert display_status(token, NOW) is DisplayStatus.REVOKED
    assert display_statuses([token], NOW) == [DisplayStatus.REVOKED]
