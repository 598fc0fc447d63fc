"""Page furniture inside a body: the patterns and pure predicates the cleaning steps use.

Site chrome (header, member notice, teaser links), file-name residue, embedded tweets, photo
credits and carousel captions, recognised on one block's text alone. No I/O, no state.
"""

from __future__ import annotations

import re

from pipeline.config import DEFAULT_DEDUP, DedupConfig
from rtes_core.extract import fold_head
from rtes_core.text import ALNUM_RUN, FILE_EXTENSIONS, PAGE_TOOL

# Site chrome and page furniture that can land inside a resource's region (accent-folded keys).
BOILERPLATE = [
    # the site header, current and older name
    re.compile(
        r"^reseau des collectivites territoriales pour une economie (sociale et )?solidaire$"
    ),
    # the member-only notice of private resources
    re.compile(
        r"^cette ressource est reservee aux (collectivites )?(adherents|adherentes|membres)"
    ),
    re.compile(r"^(contenu|ressource|acces) reservee? aux (adherents|membres)$"),
    re.compile(r"^collectivites adherentes connectez vous"),
    re.compile(r"^(connectez vous|identifiez vous) (a|sur) (votre|l) espace (adherent|membre)"),
    re.compile(r"^(connectez vous|se connecter|identifiez vous)( pour .*)?$"),
    # teaser and navigation links
    re.compile(
        r"^(lire la suite|en savoir plus|retour a la liste|haut de page|imprimer"
        r"|partager( sur \w+| par (e ?mail|courriel|mail)| (la|cette) page| (l|cet) article)?)$"
    ),
    # the page's tools ("Imprimer | Envoyer à un ami", "Version imprimable")
    re.compile(rf"^{PAGE_TOOL}(?: {PAGE_TOOL})*$"),
    # a share line of network names ("Partager : Facebook LinkedIn")
    re.compile(
        r"^partager( sur)?( (facebook|linkedin|twitter|x|mastodon|bluesky|whatsapp|e ?mail))+$"
    ),
    # a download button's text alone ("Télécharger le document")
    re.compile(r"^telecharger( (le|ce) (document|fichier|pdf))?$"),
    # a back link to the list ("Toutes les ressources", "Voir toutes les actualités")
    re.compile(r"^(voir )?(toutes|tous) les (ressources|actualites|articles|publications)$"),
    # the submitted line, when a theme puts it among the content
    re.compile(r"^publie le \d{1,2} \d{1,2} \d{4}$"),
    re.compile(r"^aucune ressource( ne correspond.*)?$"),
]
# BOILERPLATE patterns read at most 90 folded characters, or a prefix: a block's beginning is enough.
BOILERPLATE_SCAN_CHARS = 400
# The words every BOILERPLATE pattern opens with: a block opening otherwise is not furniture.
# Read on the fold of its first OPENING_SCAN_CHARS characters, which decides once it keeps more
# than OPENING_DECIDES_CHARS (the longest opening, "collectivites", and the boundary after it).
BOILERPLATE_OPENING = re.compile(
    r"^(reseau|cette|collectivites|connectez|identifiez|se connecter|lire|en savoir|retour"
    r"|haut|imprimer|partager|publie|aucune|voir|toutes|tous|telecharger|envoyer|version"
    r"|contenu|ressource|acces)\b"
)
OPENING_SCAN_CHARS = 64
OPENING_DECIDES_CHARS = 16
# A block that is only file names (image captions, attachment links pasted as text):
# up to DedupConfig.max_residue_words words ending with a file extension, possibly several,
# possibly a list item.
FILE_NAME = rf"[^\s/\\:]*(?:\s+[^\s/\\:]+){{0,3}}?\.(?:{FILE_EXTENSIONS})"
FILE_NAME_RESIDUE = re.compile(rf"^(?:-\s*)?{FILE_NAME}(?:\s*[,;]?\s+{FILE_NAME})*$", re.IGNORECASE)
# A file name inside a paragraph ("… de guichet. document.jpg Quelle place …"): one token with a
# file extension (a URL has slashes and stays).
# Only between sentences (at the start, or after a sentence's end, and before a capital or the
# end): "… dans le fichier programme.pdf" names the file as part of the sentence and stays.
INLINE_FILE_NAME = re.compile(
    rf"(?:(?<=[.!?»)…]\s)|^)[^\s/\\:]+\.(?i:{FILE_EXTENSIONS})(?=\s+[A-ZÀ-ÖØ-Þ«\"“]|\s*$)"
)
# A file extension anywhere: the cheap test that INLINE_FILE_NAME can match at all (it tries every
# position of a text; this one scans for a period, and 99% of paragraphs have no such extension).
ANY_FILE_EXTENSION = re.compile(rf"\.(?i:{FILE_EXTENSIONS})")
# An embedded tweet: its text ends with the picture or short link, then an attribution line
# "— La Coop des Communs (@CoopdesCommuns) December 8, 2022".
TWEET_TEXT = re.compile(r"\bpic\.twitter\.com/\w+|\bhttps?://t\.co/\w+", re.IGNORECASE)
TWEET_ATTRIBUTION = re.compile(
    r"^[—–-]\s*.{0,80}\(@\w{1,30}\)\s*(?:[A-Za-zéû]+\.? \d{1,2},? \d{4}|\d{1,2} [a-zéû]+\.? \d{4})?$"
)
# A photo credit standing alone: "© Mathilde Cybulski", "Photos par la CRESS Occitanie", "Crédit
# photo : X".
PHOTO_CREDIT = re.compile(
    r"^(?:©|\(c\)|cr[ée]dits? photos?\b|photos? (?:par|de|:|©)|photographies? (?:par|:))\s*\S",
    re.IGNORECASE,
)
# A credit closing a caption: "Atelier du 12 mai © Mathilde Cybulski" (the caption stays).
TRAILING_CREDIT = re.compile(r"\s+©\s*[^©.!?]{2,60}$")
# The same in brackets: "Rencontre du réseau (photo : RTES)", "Atelier (© Ville de Lyon)",
# "Le jardin partagé (crédit photo : X)" (tried only on a text ending with ")").
BRACKETED_CREDIT = re.compile(
    r"\s*\((?:©|cr[ée]dits?(?:\s+photos?)?\s*:|photos?\s*(?::|par|©))\s*[^()]{2,60}\)$",
    re.IGNORECASE,
)
# A caption repeated with no separator, as a carousel's slides give it: "RTES Club LodèveRTES Club
# Lodève" (only tried up to DedupConfig.max_caption_chars: the pattern backtracks).
REPEATED_CAPTION = re.compile(r"^(.{4,}?)(?:\s*\1)+$", re.DOTALL)


def noise_reason(text: str, config: DedupConfig = DEFAULT_DEDUP) -> str | None:
    """Why a whole block is page furniture inside a body: a tweet, a credit, a repeated caption."""
    if "/" in text and TWEET_TEXT.search(text):  # its links hold a slash: most texts have none
        return "embedded_tweet"
    if TWEET_ATTRIBUTION.match(text):
        return "embedded_tweet"
    credit = text.removeprefix("- ")  # a credit may be a list's item (a footnote)
    if PHOTO_CREDIT.match(credit) and len(credit.split()) <= config.max_credit_words:
        return "photo_credit"
    if len(text) <= config.max_caption_chars and REPEATED_CAPTION.match(text):
        return "carousel_caption"
    return None


def strip_inline_noise(
    text: str, config: DedupConfig = DEFAULT_DEDUP
) -> tuple[str, list[tuple[str, str]]]:
    """The block without the file names inside its sentences and a closing photo credit, and
    (removed text, reason) for each piece cut. Link lines and footnote markers ([153]) stay."""
    cut: list[tuple[str, str]] = []
    if is_file_name_residue(text, config):
        return text, cut  # the whole block is residue: removed as such, not edited
    kept = text
    # a cut can bring the next name to a sentence end
    while ANY_FILE_EXTENSION.search(kept) and (found := INLINE_FILE_NAME.findall(kept)):
        cut += [(name, "inline_file_name") for name in found]
        kept = " ".join(INLINE_FILE_NAME.sub(" ", kept).split())
    for cheap, credit in (("©", TRAILING_CREDIT), (")", BRACKETED_CREDIT)):
        if cheap in kept and (m := credit.search(kept)) and kept[: m.start()].split():
            cut.append((m[0].strip(), "photo_credit"))
            kept = kept[: m.start()].rstrip()
    return kept, cut


def is_boilerplate(text: str) -> bool:
    """Site chrome or page furniture (header, member notice, 'Lire la suite', …)."""
    opening = _folded_words(text, OPENING_SCAN_CHARS)
    decides = len(text) <= OPENING_SCAN_CHARS or len(opening) > OPENING_DECIDES_CHARS
    if decides and not BOILERPLATE_OPENING.match(opening):
        return False  # the common case: an ordinary paragraph, told by its first words
    folded = _folded_words(text, BOILERPLATE_SCAN_CHARS)
    return any(p.search(folded) for p in BOILERPLATE)


def _folded_words(text: str, chars: int) -> str:
    """The words of the fold of a text's beginning (`fold_head`), joined by one space."""
    return " ".join(ALNUM_RUN.findall(fold_head(text, chars)))


def is_file_name_residue(text: str, config: DedupConfig = DEFAULT_DEDUP) -> bool:
    """Only file names, e.g. 'Programme journée.png' or 'document.jpg'."""
    return (
        ANY_FILE_EXTENSION.search(text) is not None  # the cheap test first: no extension, no name
        and len(text.split()) <= config.max_residue_words
        and FILE_NAME_RESIDUE.match(text) is not None
    )
