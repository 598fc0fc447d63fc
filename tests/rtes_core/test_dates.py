"""rtes_core.dates: the French dates of the real pages."""

from datetime import date

import pytest

from rtes_core.dates import first_date, is_date_line, line_dates


@pytest.mark.parametrize(
    "text, expected",
    [
        ("9 juin 2021", date(2021, 6, 9)),
        ("1er juillet 2020", date(2020, 7, 1)),
        ("14 sept. 2021", date(2021, 9, 14)),
        ("dim 19/10/2014 - 16:50", date(2014, 10, 19)),
        ("Dernière mise à jour : 07/01/2019", date(2019, 1, 7)),
        ("2021-06-09T10:00:00Z", date(2021, 6, 9)),
        ("31 février 2021", None),
        ("sans date", None),
    ],
)
def test_first_date(text, expected):
    assert first_date(text) == expected


@pytest.mark.parametrize(
    "line, expected",
    [
        (
            "Publié le 9 juin 2021 - mis à jour le 14 juin 2021",
            (date(2021, 6, 9), date(2021, 6, 14)),
        ),
        ("Publié le 17 mai 2024", (date(2024, 5, 17), None)),
        ("Publié le 1er juillet 2020", (date(2020, 7, 1), None)),
        ("dim 19/10/2014 - 16:50", (date(2014, 10, 19), None)),
        ("Dernière mise à jour : 07/01/2019", (None, date(2019, 1, 7))),
    ],
)
def test_line_dates(line, expected):
    assert is_date_line(line)
    assert line_dates(line) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Le rapport publié le 9 juin 2021 par la région montre que les collectivités engagées "
        "dans l’ESS sont plus nombreuses.",
        "Le 9 juin 2021, la métropole a voté son plan.",
    ],
)
def test_a_sentence_with_a_date_is_not_a_date_line(text):
    assert not is_date_line(text)
