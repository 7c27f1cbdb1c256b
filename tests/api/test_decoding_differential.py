"""Differential test: over a generated corpus of token lists (good tokens, near misses and
garbage, in every field), the typed msgspec path and the reference parsers must give the
same tokens, or the same refusal naming the same field, for every input."""

from __future__ import annotations

import json

from decoding_outcomes import fast_outcome, reference_outcome, streamed_outcome
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from timestamp_strategies import rfc3339_like

from token_desk.api.models import TokenKind

_HEX = "0123456789abcdefABCDEF"
_GARBAGE = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=8),
                     st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2))


def _canonical_uuid() -> st.SearchStrategy[str]:
    return st.tuples(*[st.text(_HEX, min_size=size, max_size=size) for size in (8, 4, 4, 4, 12)]).map("-".join)


def _uuid_like() -> st.SearchStrategy[str]:
    canonical = _canonical_uuid()
    near = st.one_of(
        canonical.map(str.upper), canonical.map(lambda text: text.replace("-", "")),
        canonical.map(lambda text: text[:-1]), canonical.map(lambda text: text + "\n"),
        canonical.map(lambda text: "{" + text + "}"), st.tuples(canonical, canonical).map("\n".join),
    )
    return st.one_of(canonical, canonical, near)


def _sometimes(value: st.SearchStrategy, garbage_too: bool = True) -> st.SearchStrategy:
    """Mostly `value`; sometimes JSON of the wrong type."""
    return st.one_of(value, value, value, _GARBAGE) if garbage_too else value


_STAMP = _sometimes(rfc3339_like())
_TEXT = _sometimes(st.text(max_size=12))
_PERMISSION = st.one_of(
    st.fixed_dictionaries({"action": st.sampled_from(["read", "write"]), "resource": st.text(max_size=6)}),
    st.fixed_dictionaries({"action": _TEXT}, optional={"resource": _TEXT, "extra": _GARBAGE}),
    _GARBAGE,
)


def _token(kind: TokenKind) -> st.SearchStrategy[dict]:
    required = {"id": _sometimes(_uuid_like()), "description": _TEXT, "createdAt": _STAMP}
    optional = {"expiresAt": st.one_of(st.none(), st.just("1970-01-01T00:00:00Z"), _STAMP),
                "revokedAt": st.one_of(st.none(), _STAMP), "accountId": _TEXT, "unknownField": _GARBAGE}
    if kind is TokenKind.MANAGEMENT:
        optional |= {"tokenPrefix": _TEXT, "createdBy": _TEXT}
    else:
        optional |= {"clusterId": _TEXT, "permissions": st.one_of(st.lists(_PERMISSION, max_size=3), _GARBAGE)}
    # Any field may be missing: required ones are optional to the generator too.
    return st.fixed_dictionaries({}, optional={**required, **optional})


def _answer(kind: TokenKind) -> st.SearchStrategy:
    return st.one_of(st.lists(_token(kind), max_size=4), st.lists(_token(kind), max_size=4),
                     _token(kind), _GARBAGE)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answer=_answer(TokenKind.MANAGEMENT), ascii_only=st.booleans())
def test_management_lists_read_the_same_both_ways(answer, ascii_only):
    content = json.dumps(answer, ensure_ascii=ascii_only).encode("utf-8", "surrogatepass")
    assert fast_outcome(TokenKind.MANAGEMENT, content) == reference_outcome(TokenKind.MANAGEMENT, content)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answer=_answer(TokenKind.DATABASE), ascii_only=st.booleans())
def test_database_lists_read_the_same_both_ways(answer, ascii_only):
    content = json.dumps(answer, ensure_ascii=ascii_only).encode("utf-8", "surrogatepass")
    assert fast_outcome(TokenKind.DATABASE, content) == reference_outcome(TokenKind.DATABASE, content)


@settings(max_examples=100, deadline=None)
@given(tokens=st.lists(st.fixed_dictionaries({
    "id": _canonical_uuid(), "description": st.text(max_size=12), "createdAt": rfc3339_like(valid=True),
}), min_size=1, max_size=5))
def test_good_lists_are_read_not_refused(tokens):
    """The corpus above is mostly refusals; good lists must come out as tokens both ways."""
    outcome = fast_outcome(TokenKind.MANAGEMENT, tokens)
    assert isinstance(outcome, list) and len(outcome) == len(tokens)
    assert outcome == reference_outcome(TokenKind.MANAGEMENT, tokens)


def _long_answer(kind: TokenKind) -> st.SearchStrategy:
    """Answers long enough to be cut into several pieces: mostly good tokens (database ones with several
    permissions, whose objects look like items too), at times one odd token anywhere; or any answer above."""
    good = st.fixed_dictionaries({
        "id": _canonical_uuid(), "description": st.text(max_size=12), "createdAt": rfc3339_like(valid=True),
        "permissions": st.lists(st.fixed_dictionaries({"action": st.sampled_from(["read", "write"]),
                                                       "resource": st.text(max_size=6)}), max_size=3)})
    odd = st.one_of(st.just([]), st.lists(_token(kind), max_size=1))
    mixed = st.tuples(st.lists(good, min_size=2, max_size=10), odd, st.integers(0, 10)).map(
        lambda parts: parts[0][:parts[2]] + parts[1] + parts[0][parts[2]:])
    return st.integers(0, 3).flatmap(lambda pick: mixed if pick else _answer(kind))  # one_of() would merge repeats


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(kind=st.sampled_from(list(TokenKind)), answer=st.data(), ascii_only=st.booleans(),
       indent=st.sampled_from([None, None, 1]), piece_size=st.integers(1, 200),
       chunk_sizes=st.lists(st.integers(1, 100), max_size=6))
def test_lists_read_as_they_arrive_read_as_the_whole_body(kind, answer, ascii_only, indent, piece_size, chunk_sizes):
    """A list is turned into tokens piece by piece while it arrives (TokenListReader): wherever the network
    splits it and whatever it holds, the outcome is the whole body's (the same tokens, or the same refusal)."""
    value = answer.draw(_long_answer(kind))
    content = json.dumps(value, ensure_ascii=ascii_only, indent=indent).encode("utf-8", "surrogatepass")
    assert streamed_outcome(kind, content, piece_size, chunk_sizes) == fast_outcome(kind, content)
