"""The whole-list UUID check agrees with the one-value check, for lists of near-misses too."""

from __future__ import annotations

from hypothesis import given, strategies as st

from token_desk.api.ids import all_uuids, is_uuid

_CANONICAL = st.tuples(*[st.text("0123456789abcdefABCDEF", min_size=size, max_size=size)
                         for size in (8, 4, 4, 4, 12)]).map("-".join)
_NEAR = st.one_of(
    _CANONICAL.map(lambda text: text.replace(text[0], "x")),  # the letter the shape itself is drawn with
    _CANONICAL.map(lambda text: text[:9] + "\n" + text[10:]), _CANONICAL.map(lambda text: text + "\n"),
    _CANONICAL.map(lambda text: text[:-1]), _CANONICAL.map(lambda text: text[:-1] + "é"),
    st.tuples(_CANONICAL, _CANONICAL).map(lambda pair: pair[0][:18] + "\n" + pair[1][19:]),
    st.text("0123456789abcdefx-\n", min_size=35, max_size=38),
)


@given(st.lists(st.one_of(_CANONICAL, _CANONICAL, _NEAR), max_size=6))
def test_a_list_passes_exactly_when_each_value_is_a_canonical_uuid(values: list[str]) -> None:
    assert all_uuids(values) == all(is_uuid(value) for value in values)


def test_a_list_of_canonical_uuids_passes_and_one_shape_drawn_in_x_does_not() -> None:
    good = "6bb685a0-bd51-4b39-898a-fb138387a1e7"
    assert all_uuids([good, good.upper()]) and all_uuids([])
    assert not all_uuids([good, "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"])
