"""Newest knowledge wins, in the table model: a list asked for before a confirmed change never undoes it."""

import time

from tests.models.conftest import NOW, make_token


def test_a_list_asked_before_a_confirmed_change_keeps_the_change(management_model):
    active, other = make_token("ci", number=1), make_token("other", number=2)
    management_model.set_tokens([active, other])
    asked = time.monotonic()  # a refresh starts here...
    revoked, created = active.replace(revoked_at=NOW), make_token("new", number=3)
    management_model.confirm(revoked)  # ...the service confirms a revoke and a create...
    management_model.confirm(created)
    management_model.set_tokens([active, other], requested_at=asked)  # ...then the old list arrives
    assert management_model.tokens() == (revoked, other, created)


def test_a_list_asked_after_the_change_is_taken_as_it_is(management_model):
    active = make_token("ci", number=1)
    management_model.set_tokens([active])
    management_model.confirm(active.replace(description="renamed"))
    asked = time.monotonic()
    changed_elsewhere = active.replace(description="renamed again elsewhere")
    management_model.set_tokens([changed_elsewhere], requested_at=asked)
    assert management_model.tokens() == (changed_elsewhere,)
    management_model.set_tokens([active], requested_at=asked - 3600)  # an even older list, late
    assert management_model.tokens() == (active,)  # nothing newer than the taken list was left to keep


def test_a_list_without_a_request_time_is_the_newest_knowledge(management_model):
    active = make_token("ci", number=1)
    management_model.set_tokens([active])
    management_model.confirm(active.replace(revoked_at=NOW))
    management_model.set_tokens([])  # e.g. another connection: nothing carries over
    assert management_model.tokens() == ()
