"""Every finding rule at its boundaries: the day the rule starts to apply, leap years, offsets east and
west of UTC, `*` against a database named like a glob, only active tokens, and the sentences people read."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta, timezone

import pytest

from token_desk.api.models import Permission, Token, TokenKind
from token_desk.findings import RULES, RULES_BY_ID, FindingSet, Fix, Policy, evaluate
from token_desk.findings.rules import mask_labels, mask_sort_keys

NOW = datetime(2026, 11, 29, 10, 0, tzinfo=timezone.utc)
EAST = timezone(timedelta(hours=14))  # Kiribati, the furthest east
WEST = timezone(timedelta(hours=-12))
DATABASES = ("telemetry", "logs", "metrics_*")
_numbers = itertools.count(1)
M, D = TokenKind.MANAGEMENT, TokenKind.DATABASE


def token(description: str = "a token", *, kind: TokenKind = D, created_at: datetime = NOW - timedelta(days=10),
          expires_at: datetime | None = NOW + timedelta(days=100), revoked_at: datetime | None = None,
          permissions: tuple[Permission, ...] = (Permission("read", "telemetry"),)) -> Token:
    return Token(kind=kind, id=f"00000000-0000-4000-8000-{next(_numbers):012d}", description=description,
                 created_at=created_at, expires_at=expires_at, revoked_at=revoked_at,
                 permissions=permissions if kind is D else ())


def ids_of(*tokens: Token, now: datetime = NOW, policy: Policy = Policy(), databases=DATABASES) -> list[list[str]]:
    found = evaluate(tokens, [t.status_at(now).name == "ACTIVE" for t in tokens], now, policy, databases)
    return [[finding.id for finding in found.findings(row)] for row in range(len(tokens))]


def sentences_of(one: Token, now: datetime = NOW, databases=DATABASES) -> dict[str, str]:
    found = evaluate([one], [True], now, Policy(), databases)
    return {finding.id: finding.sentence for finding in found.findings(0)}


def test_a_clean_token_has_no_findings():
    assert ids_of(token()) == [[]]


def test_every_rule_has_a_stable_id_label_and_a_fix_for_the_kinds_it_applies_to():
    assert [rule.id for rule in RULES] == ["never-expires", "all-databases", "missing-database", "expires-soon",
                                           "old", "no-permissions", "duplicate-description", "no-description"]
    for rule in RULES:
        assert rule.label and all(rule.fix_for(kind) is not None for kind in rule.kinds)
    assert RULES_BY_ID["no-description"].fix_for(M) is Fix.ROTATE  # a management token cannot be edited
    assert RULES_BY_ID["no-description"].fix_for(D) is Fix.EDIT


@pytest.mark.parametrize("days, flagged", [(14, True), (13, True), (15, False)])
def test_expires_soon_starts_exactly_at_the_warning_window(days, flagged):
    soon = token(expires_at=NOW + timedelta(days=days))
    assert ("expires-soon" in ids_of(soon)[0]) is flagged
    if flagged:
        assert sentences_of(soon)["expires-soon"] == f"Expires in {days} days."


def test_one_second_past_the_window_is_not_soon():
    assert ids_of(token(expires_at=NOW + timedelta(days=14, seconds=1))) == [[]]


@pytest.mark.parametrize("zone", [EAST, WEST], ids=["east", "west"])
def test_times_with_offsets_east_and_west_of_utc_count_the_same_instant(zone):
    exactly = token(expires_at=(NOW + timedelta(days=14)).astimezone(zone),
                    created_at=(NOW - timedelta(days=365)).astimezone(zone))
    assert ids_of(exactly, now=NOW.astimezone(zone)) == [["expires-soon", "old"]]
    assert sentences_of(exactly)["old"] == "Created 365 days ago; rotate it."


def test_the_warning_window_is_a_setting():
    in_twenty = token(expires_at=NOW + timedelta(days=20))
    assert ids_of(in_twenty) == [[]]
    assert ids_of(in_twenty, policy=Policy(expiry_warning_days=30)) == [["expires-soon"]]


def test_an_expiry_less_than_a_day_away_says_hours():
    assert sentences_of(token(expires_at=NOW + timedelta(hours=5)))["expires-soon"] == "Expires in 5 hours."


@pytest.mark.parametrize("kind, days, flagged", [(M, 90, True), (M, 89, False), (D, 365, True), (D, 364, False)])
def test_old_starts_at_the_kind_s_maximum_age(kind, days, flagged):
    aged = token(kind=kind, created_at=NOW - timedelta(days=days), expires_at=NOW + timedelta(days=100))
    assert ("old" in ids_of(aged)[0]) is flagged


def test_a_leap_year_counts_its_29th_of_february():
    # 2024-03-01 → 2025-03-01 is 365 days; 2023-03-01 → 2024-03-01 is 366: a year is not always "old".
    after_leap_day = datetime(2025, 2, 28, 12, tzinfo=timezone.utc)
    assert ids_of(token(created_at=datetime(2024, 2, 28, 12, tzinfo=timezone.utc)), now=after_leap_day) == [["old"]]
    assert sentences_of(token(created_at=datetime(2024, 2, 28, 12, tzinfo=timezone.utc)),
                        now=after_leap_day)["old"] == "Created 366 days ago; rotate it."
    assert ids_of(token(created_at=datetime(2024, 3, 1, 12, tzinfo=timezone.utc)),
                  now=datetime(2025, 2, 28, 12, tzinfo=timezone.utc)) == [[]]  # 364 days
    leap_now = datetime(2024, 2, 29, 12, tzinfo=timezone.utc)
    assert ids_of(token(expires_at=datetime(2024, 3, 14, 12, tzinfo=timezone.utc)), now=leap_now) == [["expires-soon"]]


def test_the_maximum_ages_are_settings():
    ninety = token(kind=M, created_at=NOW - timedelta(days=100), expires_at=NOW + timedelta(days=100))
    assert ids_of(ninety, policy=Policy(management_max_age_days=120)) == [[]]


def test_a_management_token_that_never_expires_is_flagged_a_database_token_is_not():
    assert ids_of(token("m", kind=M, expires_at=None), token("d", kind=D, expires_at=None)) == [["never-expires"], []]
    assert sentences_of(token(kind=M, expires_at=None))["never-expires"] == \
        "Never expires, with full access to the account."


@pytest.mark.parametrize("permissions, sentence", [
    ((Permission("write", "*"),), "Can write every database, including ones created later."),
    ((Permission("read", "*"),), "Can read every database, including ones created later."),
    ((Permission("write", "*"), Permission("read", "*")), "Can read and write every database, including ones "
                                                          "created later."),
])
def test_a_permission_on_star_is_all_databases(permissions, sentence):
    assert sentences_of(token(permissions=permissions)) == {"all-databases": sentence}


def test_a_database_named_like_a_glob_is_just_a_name():
    assert ids_of(token(permissions=(Permission("read", "metrics_*"),))) == [[]]  # it exists, literally
    assert sentences_of(token(permissions=(Permission("read", "tele*"),))) == {
        "missing-database": "Grants access to database \u201ctele*\u201d, which no longer exists."}


def test_missing_databases_are_named_once_each():
    gone = token(permissions=(Permission("read", "old"), Permission("write", "old"), Permission("read", "older"),
                              Permission("read", "telemetry")))
    assert sentences_of(gone)["missing-database"] == \
        "Grants access to databases \u201cold\u201d and \u201colder\u201d, which no longer exist."


def test_without_the_database_list_nothing_is_called_missing():
    assert ids_of(token(permissions=(Permission("read", "old"),)), databases=None) == [[]]


def test_no_permissions():
    assert sentences_of(token(permissions=())) == {"no-permissions": "Has no permissions; it cannot be used."}


def test_shared_descriptions_count_active_tokens_of_the_list_only():
    twins = [token("Grafana"), token("Grafana"), token("Grafana", revoked_at=NOW - timedelta(days=1))]
    assert ids_of(*twins) == [["duplicate-description"], ["duplicate-description"], []]
    found = evaluate(twins, [True, True, False], NOW)
    assert found.findings(0)[0].sentence == ("2 active tokens share this description; "
                                             "they are hard to tell apart in an incident.")
    assert ids_of(token("Grafana"), token("grafana")) == [[], []]  # told apart, if barely


@pytest.mark.parametrize("description", ["", "   ", "\t\n"])
def test_a_blank_description_is_no_description_never_a_shared_one(description):
    assert ids_of(token(description), token(description)) == [["no-description"], ["no-description"]]


def test_only_active_tokens_get_findings():
    expired = token("", kind=M, expires_at=NOW - timedelta(seconds=1), created_at=NOW - timedelta(days=900))
    revoked = token("", kind=M, expires_at=None, revoked_at=NOW - timedelta(days=1))
    assert ids_of(expired, revoked) == [[], []]


def test_findings_read_worst_first_and_sort_by_severity_then_count():
    found = evaluate([token("", kind=M, expires_at=None, created_at=NOW - timedelta(days=400))], [True], NOW)
    assert [f.id for f in found.findings(0)] == ["never-expires", "old", "no-description"]
    assert mask_labels()[found.masks[0]] == "Never expires, Old, No description"
    never = RULES_BY_ID["never-expires"].bit
    old = RULES_BY_ID["old"].bit
    note = RULES_BY_ID["no-description"].bit
    keys = mask_sort_keys()
    assert keys[never] < keys[old | note] < keys[old] < keys[note] < keys[0] == 0


def test_a_row_replaced_or_added_updates_shared_descriptions_of_the_others():
    tokens = [token("Grafana"), token("Grafana"), token("Loki")]
    active = [True, True, True]
    found = evaluate(tokens, active, NOW)
    old = tokens[1]
    tokens[1], active[1] = old.replace(revoked_at=NOW), False
    assert found.replaced(1, old) == [0]  # row 0 no longer shares its description
    assert found.masks == [0, 0, 0]
    tokens.append(token("Grafana"))
    active.append(True)
    assert found.appended() == [0]
    assert [bool(mask) for mask in found.masks] == [True, False, False, True]
    assert found.findings(3)[0].sentence.startswith("2 active tokens share")
    old = tokens[2]
    tokens[2] = old.replace(description="Grafana")  # edited to the same description: now three share it
    assert found.replaced(2, old) == [0, 3]
    assert found.findings(0)[0].sentence.startswith("3 active tokens share") and found.count() == 3


def test_shared_descriptions_come_later_and_a_change_meanwhile_counts_again():
    tokens, active = [token("Grafana"), token("Grafana")], [True, True]
    found = FindingSet(tokens, active, NOW)
    assert found.masks == [0, 0] and found.shared is None  # the rows are shown before this is known
    counted = found.count_shared()  # on a worker
    tokens.append(token("Grafana"))
    active.append(True)
    assert found.appended() == []  # not counted yet: nothing to update
    assert found.apply_shared(counted) == [0, 1, 2]  # counted again, the new row included
    assert found.shared == {"Grafana": 3}
