"""Contact phone numbers are accepted in E.164, written with or without separators."""

import pytest

from domain.limits import phone_number


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("+31205550100", "+31205550100"),
        ("+31 20 555 0100", "+31205550100"),
        ("+1 (555) 555-0142", "+15555550142"),
        ("+44.20.7946.0958", "+442079460958"),
        ("+123456789012345", "+123456789012345"),  # 15 digits, the most E.164 allows
    ],
)
def test_a_phone_number_is_stored_in_e164_without_separators(written: str, stored: str) -> None:
    assert phone_number(written) == stored


@pytest.mark.parametrize(
    "refused",
    [
        "0205550100",  # no country code
        "+0205550100",  # a country code never starts with 0
        "+3120555",  # too short
        "+1234567890123456",  # 16 digits
        "+31 20 555 01OO",  # letters
        "+31/20/5550100",  # a separator we do not drop
        "",
    ],
)
def test_anything_else_is_refused(refused: str) -> None:
    with pytest.raises(ValueError, match="phone number"):
        phone_number(refused)
