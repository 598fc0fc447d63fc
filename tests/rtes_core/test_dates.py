"""rtes_core.dates: the French dates of the real pages."""

from datetime import date

import pytest

from rtes_core.dates import first_date, is_bare_date, is_date_line, line_dates


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
        # what other French sites write
        ("Mis en ligne le 9 juin 2021", (date(2021, 6, 9), None)),
        ("Date de publication : 9 juin 2021", (date(2021, 6, 9), None)),
        ("Publié : 09/06/2021", (date(2021, 6, 9), None)),
        ("Mise à jour : 14/06/2021", (None, date(2021, 6, 14))),
        ("Dernière modification : 14/06/2021", (None, date(2021, 6, 14))),
        ("Modifié le 14/06/2021", (None, date(2021, 6, 14))),
        (
            "Mis en ligne le 9 juin 2021 | Mise à jour : 14/06/2021",
            (date(2021, 6, 9), date(2021, 6, 14)),
        ),
        ("10.11.2017 Mis à jour le 27.11.2017", (date(2017, 11, 10), date(2017, 11, 27))),
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


@pytest.mark.parametrize(
    "text",
    [
        "09.06.2021",
        "9 juin 2021",
        "mercredi 9 juin 2021",
        "Le 09 juin 2021",  # a theme's "Le d F Y"
        "Mercredi, 9 Juin, 2021",  # Drupal's long format, capitalised month
        "2021-06-09",  # ISO, in the text
        "09juin2021",  # a date badge's three <span>s run together
    ],
)
def test_a_bare_date_is_no_statement_but_gives_its_date(text):
    assert is_bare_date(text) and not is_date_line(text)
    assert line_dates(text) == (date(2021, 6, 9), None)


@pytest.mark.parametrize(
    "text",
    [
        "Le 9 juin 2021, à Lille",
        "Publication du guide le 9 juin 2021",
        "2021",
        "Le 9 juin",
        "12 ans 2021",
    ],
)
def test_a_text_around_a_date_is_no_bare_date(text):
    assert not is_bare_date(text)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("09/06/2021 à 16h50", date(2021, 6, 9)),
        ("09/06/2021 - 16:50", date(2021, 6, 9)),
        ("mercredi 9 juin 2021, 9h05", date(2021, 6, 9)),
    ],
)
def test_a_bare_date_may_carry_its_time_of_day(text, expected):
    assert is_bare_date(text)
    assert line_dates(text) == (expected, None)


@pytest.mark.parametrize(
    "text", ["09/06/2021 à 16h50, les élus se réunissent à Lille", "09/06/2021 à 16 heures"]
)
def test_a_date_with_more_than_a_time_after_it_is_no_bare_date(text):
    assert not is_bare_date(text)


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Publié le lundi 9 juin 2021", (date(2021, 6, 9), None)),
        ("Publié le 9 juin 2021 par Rédaction RTES", (date(2021, 6, 9), None)),
        ("Modifié le 14/06/2021 à 10h05", (None, date(2021, 6, 14))),
        ("Mis à jour le mardi 14 juin 2021", (None, date(2021, 6, 14))),
        ("Actualisé le 14/06/2021", (None, date(2021, 6, 14))),
        ("Modifié le Mardi, 14 Juin, 2021 - 10:05", (None, date(2021, 6, 14))),
        ("Mise à jour : 2021-06-14", (None, date(2021, 6, 14))),
    ],
)
def test_date_lines_with_a_weekday_an_author_or_a_time(line, expected):
    assert is_date_line(line)
    assert line_dates(line) == expected


@pytest.mark.parametrize(
    "text", ["10/11/2017 à 09h35", "mercredi 9 juin 2021 - 16:50", "Mercredi, 9 Juin, 2021 - 16:50"]
)
def test_a_date_stamped_with_its_time_is_a_date_line_wherever_it_stands(text):
    assert is_date_line(text)


@pytest.mark.parametrize("text", ["10/11/2017", "9 juin 2021", "10/11/2017 à 9 heures"])
def test_a_date_without_its_time_is_no_date_line_by_itself(text):
    assert not is_date_line(text)


@pytest.mark.parametrize(
    "line, expected",
    [
        # MkDocs' git-revision plugin, a CMS's "Créé le"
        ("Création : 5 octobre 2015", (date(2015, 10, 5), None)),
        ("Créé le 5 octobre 2015", (date(2015, 10, 5), None)),
        ("Date de création : 05/10/2015", (date(2015, 10, 5), None)),
        # a short format's two-digit years (AMP, .NET "d")
        ("13/11/21 Mis à jour 21/11/21", (date(2021, 11, 13), date(2021, 11, 21))),
        ("Mis à jour 21/11/21", (None, date(2021, 11, 21))),
    ],
)
def test_creation_lines_and_two_digit_years_are_date_lines(line, expected):
    assert is_date_line(line)
    assert line_dates(line) == expected


def test_a_short_date_alone_is_a_bare_date_a_phone_or_version_number_is_no_date():
    assert is_bare_date("04/04/19") and first_date("04/04/19") == date(2019, 4, 4)
    assert first_date("09.06.99") == date(1999, 6, 9)  # past the pivot: the 1900s
    for text in (
        "Tél. 01.02.03.04.05",
        "version 1.2.3",
        "12.34.56.78",
        "Il a été mis à jour 3 fois.",
    ):
        assert first_date(text) is None and not is_date_line(text), text


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Soumis par admin le lun, 22/04/2013 - 08:20", (date(2013, 4, 22), None)),
        ("Posté par Marie Dupont le 9 juin 2021", (date(2021, 6, 9), None)),
        # Blogger's post footer states a time, no date
        ("Publié par Rédaction RTES à 15:05 Aucun commentaire:", (None, None)),
        ("à 15:05 2 commentaires", (None, None)),
    ],
)
def test_a_byline_with_its_date_or_time_is_a_date_line(line, expected):
    assert is_date_line(line)
    assert line_dates(line) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Publié par la mairie le jour de la fête",
        "à 15:05 pour ouvrir la journée",
        "Publié par le réseau des collectivités territoriales et ses partenaires le 9 juin 2021",
    ],
)
def test_a_byline_followed_by_a_sentence_is_no_date_line(text):
    assert not is_date_line(text)


@pytest.mark.parametrize(
    "line, expected",
    [
        ("par — publié le 25/09/2012 16:40", (date(2012, 9, 25), None)),
        (
            "par — publié le 30/01/2024 17:20 — dernière modification 19/02/2024 18:20",
            (date(2024, 1, 30), date(2024, 2, 19)),
        ),
    ],
)
def test_a_byline_whose_linked_name_was_taken_apart_is_still_a_date_line(line, expected):
    # Plone's "par <a href=/author/x>X</a> — publié le …" once its author's link is read apart
    assert is_date_line(line)
    assert line_dates(line) == expected


@pytest.mark.parametrize("text", ["par", "Par — Lyon", "par — la métropole de Lyon"])
def test_a_lone_byline_opening_says_nothing_without_a_date(text):
    assert not is_date_line(text)


@pytest.mark.parametrize("text", ["9 juin 2021 ·", "09/06/2021 |", "· 9 juin 2021"])
def test_a_date_left_beside_a_separator_once_its_byline_was_taken_out_is_a_bare_date(text):
    # "<a>9 juin 2021</a> · <a href="/author/x">Rédaction</a>": the author's link goes first
    assert is_bare_date(text) and line_dates(text) == (date(2021, 6, 9), None)


def test_a_sentence_ending_in_a_dash_is_no_bare_date():
    assert not is_bare_date("Rendez-vous le 9 juin 2021 à Lyon -")
