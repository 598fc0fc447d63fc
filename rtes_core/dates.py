"""French dates as the real rtes.fr pages write them → `datetime.date`. Pure.

Seen on public copies of the site: "Publié le 9 juin 2021 - mis à jour le 14 juin 2021",
"Publié le 1er juillet 2020", old pages' "dim 19/10/2014 - 16:50", member profiles'
"Dernière mise à jour : 07/01/2019", and machine-readable `<time datetime="2021-06-09T…">`;
and what other French sites write: "Mis en ligne le …", "Date de publication : …", "Mise à
jour : 14/06/2021", a bare "09.06.2021", a date with its time ("09/06/2021 à 16h50").
"""

from __future__ import annotations

import re
from datetime import date

from rtes_core.text import without_accents

MONTHS = {
    "janvier": 1,
    "fevrier": 2,
    "mars": 3,
    "avril": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "aout": 8,
    "septembre": 9,
    "octobre": 10,
    "novembre": 11,
    "decembre": 12,
    # abbreviations some themes print ("9 juin", "14 sept. 2021")
    "janv": 1,
    "fevr": 2,
    "fev": 2,
    "avr": 4,
    "juil": 7,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
# A written date: "9 juin 2021", "1er juillet 2020", "14 sept. 2021", Drupal's long format
# "9 Juin, 2021", or a date badge's parts run together ("09juin2021": three <span>s that CSS
# sets apart) (accents already folded).
WRITTEN = re.compile(r"\b(\d{1,2})(?:er)?\s*([a-z]{3,9})\.?,?\s*(\d{4})\b")
# A numeric date: "19/10/2014", "07/01/2019", "7.1.2019", "19-10-2014".
NUMERIC = re.compile(r"\b(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})\b")
# A numeric date with a two-digit year, as AMP and .NET short formats write it ("09/06/21"):
# both day and month in two digits, no digit after it (a version "1.2.3" or a phone is no date).
SHORT_NUMERIC = re.compile(r"(?<!\d[/.\-])\b(\d{2})[/.](\d{2})[/.](\d{2})\b(?![/.\-]?\d)")
# Two-digit years up to this one are 20yy, later ones 19yy (POSIX strptime's %y convention).
SHORT_YEAR_PIVOT = 68
# ISO date at the start of a datetime attribute or inside a text.
ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})")
# What opens a publication statement: "Publié le", "Publié :", "Mis en ligne le", "Date de
# publication :", "Date de mise en ligne :", "Créé le", "Création :" (accents folded).
PUBLISHED_OPENING = (
    r"(?:publi\w*\s*(?:le\b|:)|mise?\s+en\s+ligne\s*(?:le\b|:)|cre{1,3}\s+le\b|creation\s*:"
    r"|date\s+de\s+(?:publication|mise\s+en\s+ligne|creation)\b\s*:?)"
)
# What opens an update statement: "mis à jour le", "Mise à jour :", "Mis à jour 21/11/21",
# "Dernière mise à jour :", "Dernière modification :", "Modifié le".
UPDATED_OPENING = (
    r"(?:mise?\s+a\s+jour\s*(?:le\b|:|(?=\d))|derniere\s+(?:mise\s+a\s+jour|modification)\b\s*:?"
    r"|(?:modifi|actualis)\w*\s*(?:le\b|:))"
)
# "Publié le … - mis à jour le …": the date after the publication's opening, and the update's.
PUBLISHED_PART = re.compile(rf"{PUBLISHED_OPENING}\s*(.*?)(?:[-–—,|]?\s*{UPDATED_OPENING}|$)")
UPDATED_PART = re.compile(rf"{UPDATED_OPENING}\s*(?:le)?\s*:?\s*(.*)$")
# An old theme's submitted line: weekday abbreviation, numeric date, time ("dim 19/10/2014 -
# 16:50").
OLD_SUBMITTED = re.compile(
    r"^(?:lun|mar|mer|jeu|ven|sam|dim)\.?\s+\d{1,2}/\d{1,2}/\d{4}(?:\s*[-–]\s*\d{1,2}[:h]\d{2})?$"
)
# The time of day a date may carry after it: "à 16h50", "- 16:50", ", 9h05" (accents folded).
TIME_OF_DAY = r"(?:\s*(?:a|[-–,])?\s*\d{1,2}\s*[h:]\s*\d{2})"
# A date written alone, an optional "Le" or weekday before it and time after it ("09.06.2021",
# "Le 09 juin 2021", "mercredi 9 juin 2021", "Mercredi, 9 Juin, 2021", "09/06/2021 à 16h50",
# an ISO "2021-06-09", a badge's "09juin2021").
DAY_AND_DATE = (
    r"(?:le\s+)?(?:(?:lun|mar|mer|jeu|ven|sam|dim)[a-z]*\.?,?\s+)?"
    r"(?:\d{1,2}(?:er)?\s*[a-z]{3,9}\.?,?\s*\d{4}|\d{1,2}[/.\-]\d{1,2}[/.\-]\d{4}"
    r"|\d{4}-\d{2}-\d{2}|\d{2}[/.]\d{2}[/.]\d{2}(?![/.\-]?\d))"
)
DATE_ALONE = rf"{DAY_AND_DATE}{TIME_OF_DAY}?"
# A date stamped with its time of day and nothing else ("10/11/2017 à 09h35"): no sentence
# reads so, so it is a date line wherever it stands (as an old theme's submitted line is).
DATE_STAMP = re.compile(rf"^{DAY_AND_DATE}{TIME_OF_DAY}$")
# A byline carrying the post's date or its time: Drupal 7's submitted line "Soumis par admin
# le lun, 22/04/2013 - 08:20" (Drupal's "Submitted by … on …"), Blogger's post footer "Publié
# par Rédaction RTES à 15:05 Aucun commentaire" (accents folded; the parts checked apart).
# (The footer's time alone is one too, "à 15:05 Aucun commentaire", when its author's name was
# marked apart as the byline.)
SUBMITTED_BY = re.compile(
    r"^(?:(?:soumise?|publiee?|postee?|submitted|posted)\s+(?:par|by)\s+(?P<name>[^,;.]{1,60}?)\s+"
    r"(?:le|on)\s+(?P<date>.+)|(?:(?:publiee?|postee?|posted)\s+(?:par|by)\s+(?P<author>[^,;.]{1,60}?)\s+)?"
    r"a\s+\d{1,2}\s*[h:]\s*\d{2}(?:\s+(?P<comments>.+?))?\s*:?)$"
)
# A submitted line's date: a date alone, with its weekday and time ("lun, 22/04/2013 - 08:20").
SUBMITTED_DATE = re.compile(rf"^{DATE_ALONE}$")
# A date line: the whole block is a publication/update statement (removed from the body), or
# a date followed by its update ("10.11.2017 Mis à jour le 27.11.2017": the first is published).
DATE_LINE = re.compile(
    rf"^(?:{PUBLISHED_OPENING}|{UPDATED_OPENING}|{DATE_ALONE}\s*[-–—,|]?\s*{UPDATED_OPENING})"
)
DATE_BEFORE_UPDATE = re.compile(rf"^({DATE_ALONE})\s*[-–—,|]?\s*{UPDATED_OPENING}")
# A block that is a date and nothing else: a theme's date line without words, read as the
# publication date where a page's date stands (its start).
BARE_DATE = re.compile(rf"^{DATE_ALONE}$")
# A date line longer than this is a sentence that mentions a publication, not the page's date line.
MAX_DATE_LINE_CHARS = 90
# A post's meta line as blogs and site builders write it, its parts set apart by a middle dot, a
# bullet, a pipe or a spaced dash: "9 juin 2021 · 3 min de lecture", "Par Rédaction RTES | 9 juin
# 2021 | 2 commentaires" (a hyphen inside a date or a name splits nothing).
META_SEPARATOR = re.compile(r"\s*[·•|]\s*|\s+[-–—/]\s+")
# A reading time: "3 min de lecture", "3 min", "Lecture : 3 min", "Temps de lecture : 3
# minutes", "3 min read" (accents folded).
READING_TIME = re.compile(
    r"^(?:(?:temps\s+de\s+)?lecture\s*:?\s*)?\d{1,3}\s*min(?:ute)?s?\.?"
    r"(?:\s+(?:de\s+lecture|read))?$"
)
# A count a post shows beside its date: "12 vues", "0 commentaire", "3 réactions" (folded).
POST_COUNT = re.compile(
    r"^\d[\d\s]*\s+(?:vues?|lectures?|commentaires?|reactions?|partages?|j'aime|likes?|views?"
    r"|comments?)$"
)
# A view counter (Joomla's "Affichages : 41", "Vues : 12", "Lu 41 fois"): a post's mark even
# alone, as a comment line is (folded).
VIEW_COUNT = re.compile(
    r"^(?:(?:affichages?|vues?|consultations?|hits|nombre de (?:vues|lectures|consultations))"
    r"\s*:\s*\d[\d\s]*|lu \d[\d\s]* fois)$"
)
# A separator opening a meta line ("— 4 min de lecture" after a date set apart) or closing
# one ("9 juin 2021 ·" once the author's link after it was taken out).
OUTER_SEPARATOR = re.compile(r"^[·•|–—-]\s+|\s+[·•|–—-]$")
# A post's comment line, which says nothing else ("Pas de commentaires", "Aucun commentaire",
# "2 commentaires", "Laisser un commentaire"): post meta even alone (folded).
COMMENTS = re.compile(
    r"^(?:pas de commentaires?|aucun commentaire|\d+ commentaires?|laisser un commentaire"
    r"|no comments?|\d+ comments?)$"
)
# A byline's opening: "Par Rédaction RTES", "Rédigé par …", "Auteur : …", "By …" (folded); the
# name after it is checked on the text as written (BYLINE_NAME_WORDS).
BYLINE_OPENING = re.compile(
    r"^(?:par|redigee?\s+par|ecrite?\s+par|publiee?\s+par|auteur|autrice|by)\s*:?\s+", re.IGNORECASE
)
# A name has at most this many words, each capitalised (or a particle: "Marie de La Tour").
BYLINE_NAME_WORDS = 5
NAME_PARTICLES = frozenset({"de", "du", "des", "la", "le", "d'", "l'", "et", "van", "von"})


def fold(text: str) -> str:
    """Accents and case folded, spaces collapsed (NBSP included)."""
    return " ".join(without_accents(text).casefold().split())


def _make(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def first_date(text: str | None) -> date | None:
    """The first date written in the text, in any of the site's forms; None when there is none."""
    if not text:
        return None
    folded = fold(text)
    found: list[tuple[int, date]] = []
    if m := ISO.search(folded):
        if d := _make(int(m[1]), int(m[2]), int(m[3])):
            found.append((m.start(), d))
    for m in WRITTEN.finditer(folded):
        month = MONTHS.get(m[2])
        if month and (d := _make(int(m[3]), month, int(m[1]))):
            found.append((m.start(), d))
            break
    if m := NUMERIC.search(folded):
        if d := _make(int(m[3]), int(m[2]), int(m[1])):
            found.append((m.start(), d))
    elif m := SHORT_NUMERIC.search(folded):
        year = int(m[3]) + (2000 if int(m[3]) <= SHORT_YEAR_PIVOT else 1900)
        if d := _make(year, int(m[2]), int(m[1])):
            found.append((m.start(), d))
    return min(found, key=lambda f: f[0])[1] if found else None


def is_date_line(text: str) -> bool:
    """A block that only states the page's dates ("Publié le …", "dim 19/10/2014 - 16:50", a
    post's meta line with its date "9 juin 2021 · 3 min de lecture", …)."""
    if len(text) > MAX_DATE_LINE_CHARS:  # before folding: most blocks are long paragraphs
        return False
    folded = fold(text)
    if OLD_SUBMITTED.match(folded) or DATE_STAMP.match(folded):
        return first_date(folded) is not None
    if DATE_LINE.match(folded):
        return first_date(folded) is not None
    if SUBMITTED_BY.match(folded):
        return is_submitted_line(folded)
    parts = meta_parts(text)
    return parts is not None and "date" in parts


def is_submitted_line(folded: str) -> bool:
    """A byline stating its post's date or time and nothing else (SUBMITTED_BY, on the folded
    text): a date line wherever it stands, as a submitted line is."""
    match = SUBMITTED_BY.match(folded)
    if match is None or len((match["name"] or match["author"] or "").split()) > BYLINE_NAME_WORDS:
        return False
    if match["date"] is not None:
        return bool(SUBMITTED_DATE.match(match["date"])) and first_date(match["date"]) is not None
    return match["comments"] is None or COMMENTS.match(match["comments"]) is not None


def is_post_meta(text: str) -> bool:
    """A block that only says who wrote the post, how long it reads or how often it was seen
    ("Par Rédaction RTES", "3 min de lecture", "Par X · 3 min"): the post's meta, no body text.
    (With a date among its parts it is a date line as well.)"""
    return len(text) <= MAX_DATE_LINE_CHARS and meta_parts(text) is not None


def meta_parts(text: str) -> dict[str, str] | None:
    """A meta line's parts by what each is ("date", "update", "reading", "count", "byline"), or
    None when a part is something else (a sentence, a place) or a lone part is a bare date."""
    found: dict[str, str] = {}
    names: list[str] = []
    pieces = [p for p in META_SEPARATOR.split(_unframed(text)) if p]
    for piece in pieces:
        what = _meta_part(piece)
        if what is None and (_is_name(piece.split()) or _is_lone_opening(piece)):
            # "Rédaction RTES · 9 juin 2021": a name, if a date or time is there; "par — publié
            # le …": a byline's opening whose name, a link to its author's page, was taken apart
            names.append(piece)
        elif what is None:
            return None
        else:
            found.setdefault(what, piece)
    if names and not ({"date", "reading"} & found.keys()):
        return None  # "Lyon · Marseille": names alone say nothing of a post
    if names:
        found.setdefault("byline", names[0])
    if len(pieces) == 1 and not ({"reading", "byline"} & found.keys()):
        return None  # a lone date is a bare date (read where a page's date stands), a count nothing
    return found or None


def _meta_part(piece: str) -> str | None:
    folded = fold(piece)
    if BARE_DATE.match(folded) or (PUBLISHED_PART.match(folded) and first_date(folded)):
        return "date"
    if UPDATED_PART.match(folded) and first_date(folded):
        return "update"
    if READING_TIME.match(folded) or COMMENTS.match(folded) or VIEW_COUNT.match(folded):
        return "reading"  # (a comment line is as plain a mark of a post as its reading time)
    if POST_COUNT.match(folded):
        return "count"
    return "byline" if _is_byline(piece) else None


def _is_byline(piece: str) -> bool:
    """ "Par Rédaction RTES": a byline's opening, then a capitalised name of a few words."""
    opening = BYLINE_OPENING.match(fold(piece))
    if opening is None:
        return False
    return _is_name(piece.split()[len(opening[0].split()) :])


def _is_lone_opening(piece: str) -> bool:
    """ "par", "by", "Rédigé par": a byline's opening and nothing after it."""
    folded = fold(piece).strip()
    opening = BYLINE_OPENING.match(f"{folded} ")
    return opening is not None and opening.end() == len(folded) + 1


def _is_name(words: list[str]) -> bool:
    """A few capitalised words (particles between): a person's, a team's or a body's name."""
    return (
        0 < len(words) <= BYLINE_NAME_WORDS
        and words[0][0].isupper()
        and all(w[0].isupper() or w.casefold() in NAME_PARTICLES for w in words)
    )


def is_bare_date(text: str) -> bool:
    """A block that is only a date (a date line to be read only where a page's date stands)."""
    return (
        len(text) <= MAX_DATE_LINE_CHARS
        and bool(BARE_DATE.match(fold(_unframed(text))))
        and (first_date(text) is not None)
    )


def _unframed(text: str) -> str:
    """The text without a separator opening or closing it ("9 juin 2021 ·" -> "9 juin 2021")."""
    return OUTER_SEPARATOR.sub("", text.strip())


def line_dates(text: str) -> tuple[date | None, date | None]:
    """(published, updated) stated by a date line (or a bare date); either may be None."""
    folded = fold(text)
    if OLD_SUBMITTED.match(folded) or BARE_DATE.match(fold(_unframed(text))):
        return first_date(folded), None
    if (submitted := SUBMITTED_BY.match(folded)) and is_submitted_line(folded):
        return first_date(submitted["date"]), None  # (a post footer's time alone: no date)
    if not DATE_LINE.match(folded) and (parts := meta_parts(text)) is not None:
        return first_date(parts.get("date")), (
            line_dates(parts["update"])[1] if "update" in parts else None
        )
    published = updated = None
    if m := PUBLISHED_PART.search(folded) or DATE_BEFORE_UPDATE.match(folded):
        published = first_date(m[1])
    if m := UPDATED_PART.search(folded):
        updated = first_date(m[1])
    return published, updated
