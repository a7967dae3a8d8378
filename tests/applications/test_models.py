import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from ccaward.applications.demo import demo_credit_code
from ccaward.applications.enums import SeatBand
from ccaward.applications.models import validate_credit_code
from tests.factories import make_entry, make_season


@translation.override("en")
def test_credit_codes_are_checked_by_their_check_character():
    validate_credit_code("91350100M000100Y43")  # a published example code
    code = demo_credit_code(7)
    validate_credit_code(code)
    wrong = code[:17] + ("0" if code[17] != "0" else "1")
    with pytest.raises(ValidationError, match="check character"):
        validate_credit_code(wrong)
    with pytest.raises(ValidationError) as exc:
        validate_credit_code("9135")
    assert exc.value.messages == ["A unified social credit code has 18 digits or capital letters."]


def test_seat_bands():
    assert [SeatBand.of(n) for n in (None, 50, 100, 499, 500, 2000)] == [
        None,
        "small",
        "medium",
        "medium",
        "large",
        "xlarge",
    ]


@translation.override("en")
def test_an_entry_cannot_use_a_category_of_another_season(season, organizer):
    entry = make_entry(season=season, by=organizer)
    other = make_season(by=organizer)
    from tests.factories import make_category

    entry.category = make_category(season=other, by=organizer)
    with pytest.raises(ValidationError, match="another season"):
        entry.full_clean()
