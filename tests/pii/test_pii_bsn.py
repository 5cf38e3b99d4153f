"""BSN recognition (11-proef) and masking."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.pii.bsn import MASK, is_valid_bsn, mask_bsn, mask_bsn_deep


def make_bsn(first8: str) -> str | None:
    """Complete eight digits to a valid BSN, or None when no check digit works."""
    total = sum(w * int(d) for w, d in zip((9, 8, 7, 6, 5, 4, 3, 2), first8, strict=True))
    check = total % 11
    return first8 + str(check) if check < 10 else None


@pytest.mark.parametrize("value", ["111222333", "123456782", "1112.22.333", "111 222 333",
                                   "111-22-2333"])
def test_valid(value: str) -> None:
    assert is_valid_bsn(value)


@pytest.mark.parametrize("value", ["111222334", "12345678", "1234567890", "000000000",
                                   "abc222333", "111..222333"])
def test_invalid(value: str) -> None:
    assert not is_valid_bsn(value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mijn BSN is 111222333.", f"Mijn BSN is {MASK}."),
        ("bsn:123456782", f"bsn:{MASK}"),
        ("nummer 1234.56.782 klopt", f"nummer {MASK} klopt"),
        ("111222334 is geen bsn", "111222334 is geen bsn"),
        ("bel 0612345678", "bel 0612345678"),
        ("bel 06 111 222 333", "bel 06 111 222 333"),  # part of a longer number
        ("IBAN NL91ABNA0417164300", "IBAN NL91ABNA0417164300"),
        ("ik ben 19 en werk 24 uur", "ik ben 19 en werk 24 uur"),
        ("twee: 111222333 en 123456782", f"twee: {MASK} en {MASK}"),
        ("", ""),
    ],
)
def test_mask(text: str, expected: str) -> None:
    assert mask_bsn(text) == expected


def test_mask_deep() -> None:
    data = {"a": ["x 111222333"], "b": {"c": 111222333, "d": 24, "e": True, "f": None},
            "111222333": 1.5}
    assert mask_bsn_deep(data) == {"a": [f"x {MASK}"], "b": {"c": MASK, "d": 24, "e": True,
                                   "f": None}, MASK: 1.5}


NO_DIGITS = st.text(alphabet=st.characters(blacklist_categories=("Nd",)), max_size=20)


@given(st.text(alphabet="0123456789", min_size=8, max_size=8), NO_DIGITS, NO_DIGITS)
def test_any_valid_bsn_in_text_is_masked(first8: str, before: str, after: str) -> None:
    bsn = make_bsn(first8)
    if bsn is None or bsn == "000000000":
        return
    text = f"{before} {bsn} {after}"
    masked = mask_bsn(text)
    assert bsn not in masked.replace(" ", "")


@given(st.text(max_size=60))
def test_masking_is_idempotent_and_keeps_non_digits(text: str) -> None:
    once = mask_bsn(text)
    assert mask_bsn(once) == once
    if not any(ch.isdigit() for ch in text):
        assert once == text
