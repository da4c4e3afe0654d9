"""Identity numbers as an application gives them: GB 11643 and GB 32100 check characters,
the masked form and the keyed hash; the access code and case numbers as people type them."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from gongkai import messages
from gongkai.cases.procedure import State
from gongkai.cases.tracking import (
    CODE_BITS,
    PUBLIC_STATES,
    code_digest,
    new_access_code,
    normalize_code,
    normalize_number,
)
from gongkai.identity import (
    CREDIT_ALPHABET,
    CREDIT_WEIGHTS,
    RESIDENT_CHECK,
    RESIDENT_WEIGHTS,
    credit_code_problem,
    id_digest,
    id_problem,
    mask_id,
    normalize_id,
    resident_id_problem,
)

KEY = b"test-key"


def _resident(prefix: str) -> str:
    total = sum(int(d) * w for d, w in zip(prefix, RESIDENT_WEIGHTS, strict=True))
    return prefix + RESIDENT_CHECK[total % 11]


def _credit(prefix: str) -> str:
    total = sum(CREDIT_ALPHABET.index(c) * w for c, w in zip(prefix, CREDIT_WEIGHTS, strict=True))
    return prefix + CREDIT_ALPHABET[(31 - total % 31) % 31]


def test_published_examples_pass_their_check() -> None:
    assert resident_id_problem("11010519491231002X") == ""  # GB 11643's own example
    assert credit_code_problem("91350100M000100Y43") == ""


def test_wrong_numbers_are_named_in_chinese() -> None:
    assert resident_id_problem("110105194912310021") == messages.ID_CHECK
    assert resident_id_problem("110105194913310021") == messages.ID_BIRTH
    assert resident_id_problem("11010519491231002Y") == messages.ID_SHAPE
    assert credit_code_problem("91350100M000100Y44") == messages.CREDIT_CHECK
    assert credit_code_problem("91350100M000100YO3") == messages.CREDIT_SHAPE


def test_only_eighteen_characters_are_checked() -> None:
    assert id_problem("E12345678", person=True) == ""  # a passport is taken as typed
    assert id_problem("110105194912310021", person=True) == messages.ID_CHECK
    assert id_problem("110105194912310021", person=False) == messages.CREDIT_CHECK
    # An organisation may give its representative's resident ID instead of its credit code.
    assert id_problem("11010519491231002X", person=False) == ""
    assert id_problem("91350100M000100Y43", person=True) == messages.ID_SHAPE


birth = st.dates(dt.date(1900, 1, 1), dt.date(2020, 12, 31))
region = st.text("0123456789", min_size=6, max_size=6)
serial = st.text("0123456789", min_size=3, max_size=3)


@given(region, birth, serial, st.integers(0, 16), st.integers(1, 9))
def test_any_single_wrong_digit_of_a_resident_id_is_caught(
    area: str, born: dt.date, order: str, at: int, shift: int
) -> None:
    good = _resident(area + born.strftime("%Y%m%d") + order)
    assert resident_id_problem(good) == ""
    wrong = good[:at] + str((int(good[at]) + shift) % 10) + good[at + 1 :]
    assert resident_id_problem(wrong) in (messages.ID_CHECK, messages.ID_BIRTH)


@given(st.text(CREDIT_ALPHABET, min_size=17, max_size=17), st.integers(0, 16), st.integers(1, 30))
def test_any_single_wrong_character_of_a_credit_code_is_caught(
    prefix: str, at: int, shift: int
) -> None:
    good = _credit(prefix)
    assert credit_code_problem(good) == ""
    moved = CREDIT_ALPHABET[(CREDIT_ALPHABET.index(good[at]) + shift) % 31]
    assert credit_code_problem(good[:at] + moved + good[at + 1 :]) == messages.CREDIT_CHECK


def test_a_number_is_kept_masked_and_hashed_with_a_key() -> None:
    assert mask_id("11010519491231002X") == "1101************2X"
    assert mask_id("E1234") == "*****"
    typed = "１１０１０５ 19491231-002x"
    assert normalize_id(typed) == "11010519491231002X"
    assert id_digest(typed, KEY) == id_digest("11010519491231002X", KEY)
    assert id_digest(typed, KEY) != id_digest(typed, b"other-key")
    assert "11010519491231002X" not in id_digest(typed, KEY)


def test_an_access_code_has_eighty_bits_and_survives_retyping() -> None:
    code = new_access_code()
    assert CODE_BITS == 80 and len(normalize_code(code)) == 16
    assert code_digest(code.lower().replace("-", " ")) == code_digest(code)
    assert code_digest("O1IL") == code_digest("0111")
    assert len({new_access_code() for _ in range(1000)}) == 1000


def test_old_eight_digit_codes_keep_their_digest() -> None:
    import hashlib

    assert code_digest(" 3fa9c0d1 ") == hashlib.sha256(b"3FA9C0D1").hexdigest()


def test_case_numbers_are_read_with_any_brackets() -> None:
    typed = [
        "依申请[2026]1号",
        "依申请【2026】1号",
        "依申请(2026)1号",
        "依申请［2026］1号",
        " 依申请 〔2026〕 1 号",
    ]
    assert {normalize_number(t) for t in typed} == {"依申请〔2026〕1号"}


def test_every_state_of_the_procedure_has_words_for_the_applicant() -> None:
    """Regression (merge of the two sides of issue 12): 待受理, 无效 and 撤回 fell back to the
    office's labels on the status page."""
    assert set(PUBLIC_STATES) == {state.value for state in State}
