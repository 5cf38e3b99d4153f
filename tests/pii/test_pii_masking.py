"""IBAN and BSN masking (bot/pii/masking.py), and the quick path that must mask the same."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.pii.masking import (
    IBAN_MASK,
    mask_iban,
    mask_personal,
    mask_personal_deep,
    mask_personal_json,
)

VALID_IBANS = [
    "NL91ABNA0417164300",
    "NL91 ABNA 0417 1643 00",
    "nl91abna0417164300",
    "BE68 5390 0754 7034",
    "DE89370400440532013000",
    "GB82 WEST 1234 5698 7654 32",
    "TR33 0006 1005 1978 6457 8413 26",
    "PL61 1090 1014 0000 0712 1981 2874",
]


@pytest.mark.parametrize("iban", VALID_IBANS)
def test_an_iban_is_masked_however_it_is_written(iban: str) -> None:
    for text in (iban, f"mijn rekening is {iban}, daar komt het geld op", f"({iban})."):
        masked = mask_iban(text)
        assert IBAN_MASK in masked
        assert not any(part in masked for part in iban.split()[1:])


@pytest.mark.parametrize(
    "text",
    [
        "NL12ABNA0417164300",  # wrong check digits
        "ik woon in NL en werk 24 uur",
        "NL91ABNA0417164300X",  # glued to a longer word
        "bel 0612345678",
        "postcode 1234 AB",
        "ik heb 2 kinderen van 12 en 14",
        "BE12",
    ],
)
def test_other_text_stays_as_typed(text: str) -> None:
    assert mask_iban(text) == text


def test_bsn_and_iban_together() -> None:
    masked = mask_personal("BSN 111222333 en NL91ABNA0417164300")
    assert masked == "BSN [BSN verwijderd] en [IBAN verwijderd]"


pieces = st.sampled_from(
    ["111222333", "NL91 ABNA 0417 1643 00", "0612345678", "kok", "24", "12345672", "1 2"]
)
texts = st.lists(st.one_of(pieces, st.text(max_size=8)), max_size=4).map(" ".join)
leaves = st.one_of(
    st.none(), st.booleans(), st.floats(allow_nan=False, allow_infinity=False),
    st.integers(min_value=-10**10, max_value=10**10), st.sampled_from([111222333, 11222333]),
    texts,
)
json_values = st.recursive(
    leaves,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(texts, children, max_size=4)
    ),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(json_values)
def test_the_quick_path_masks_exactly_what_the_full_walk_masks(value) -> None:  # noqa: ANN001
    assert mask_personal_json(value) == mask_personal_deep(value)
