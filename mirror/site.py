"""The site model: resources, their body blocks and fields, listings and files."""

from __future__ import annotations

import functools
import math
import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Callable
from urllib.parse import quote

from mirror import text
from mirror.text import NBSP, Writer, normalise

DEFAULT_SEED = 7
DEFAULT_RESOURCES = 150

FIRST_DAY = date(2012, 1, 1)
LAST_DAY = date(2026, 10, 31)  # day 0's date; day D is LAST_DAY + D days (see day_date)
GENERATED_HOUR = 23  # pages of day D are generated (crawled) that night, after the day's edits
D8_SINCE = date(2018, 1, 1)  # detail pages published earlier keep their Drupal 7 markup
FIRST_NID = 1000
PAGE_SIZE = 10  # Drupal views pager: items per listing page
FILES_ROOT = "/sites/default/files"
INLINE_IMAGES = f"{FILES_ROOT}/inline-images"

# Taxonomy: name -> term id, in vocabulary order.
RESOURCE_TYPES = {
    "Ressources RTES": 3, "Points de RepèrESS": 4, "Lettre d'information": 5,
    "Compte-rendu": 6, "Formation": 7, "Étude": 8,
}
TYPE_WEIGHTS = (25, 15, 15, 20, 10, 10)
CATEGORIES = {
    "PTCE": 12, "Commande publique": 13, "Alimentation durable": 14,
    "Finances solidaires": 15, "Coopération": 16, "Emploi": 17,
    "Économie circulaire": 18, "Tiers-lieux": 19,
}

# Probabilities of the generated features (per resource unless said otherwise).
P_NO_TYPE = 0.05
P_PRIVATE = 0.12
P_BARE = 0.04
P_NO_DOCUMENTS = 0.30
P_NO_CATEGORIES = 0.20
P_SEE_ALSO = 0.15
P_RESIDUE = 0.25
P_EMPTY_PARAGRAPH = 0.20
P_REPEAT = 0.15
P_HEADING = 0.10  # per added block
P_LIST = 0.08  # per added block
P_LINK = 0.12  # per added paragraph
P_CONTACT = 0.10  # a contact paragraph with <br> line breaks
# Summary kinds as cumulative thresholds: copy 65%, truncated 10%, independent 15%, empty 10%.
SUMMARY_KINDS = ((0.65, "copy"), (0.75, "truncated"), (0.90, "independent"), (1.0, "empty"))

MIN_WORDS, MAX_WORDS = 300, 3000  # words per resource body
PARAGRAPH_WORDS = (25, 150)
MIN_REPEAT_WORDS = 12  # an in-body repeat copies a paragraph at least this long

IMAGE_NAMES = (
    "Programme journée.png", "document.jpg", "affiche rencontre.jpg", "logo RTES.png",
    "Capture d’écran.png", "IMG_2034.JPG", "carte des PTCE.png", "photo atelier.jpeg",
    "visuel-webinaire.png", "bandeau_lettre.jpg",
)
DOC_TITLES = (
    "Étude {topic} {year}", "Synthèse des échanges – {city}", "Programme de la journée",
    "Présentation de {person}", "Guide pratique" + NBSP + ": {topic}", "Diaporama {topic}",
    "Compte-rendu {topic} {year}", "Fiche expérience – {city}", "Annexe statistique {year}",
)
TITLES = {
    "Ressources RTES": ("{Topic}" + NBSP + ": repères pour les collectivités ({year})",
                        "Guide {topic} {year}",
                        "{Topic} et collectivités, {n} expériences inspirantes"),
    "Points de RepèrESS": ("Points de RepèrESS n°{n}" + NBSP + ": {topic}",),
    "Lettre d'information": ("Lettre d’information n°{n} – {month} {year}",),
    "Compte-rendu": ("Retours sur le séminaire {topic} {year}",
                     "Compte-rendu de la journée d’échanges «" + NBSP + "{topic}" + NBSP
                     + "» à {city}",
                     "Retours sur la rencontre {topic} de {city} ({year})"),
    "Formation": ("Formation des élus" + NBSP + ": {topic} ({city}, {year})",),
    "Étude": ("Étude" + NBSP + ": {topic} dans les territoires ({year})",),
    None: ("{Topic}" + NBSP + ": actualités {year}", "{Topic} à {city} en {year}"),
}
# Paths that a resource slug must never take.
RESERVED_SLUGS = frozenset(
    {"ressources", "node", "sites", "user", "taxonomy", "admin", "robots-txt", "sitemap-xml",
     "le-reseau", "agenda", "adherer", "contact", "mentions-legales", "plan-du-site",
     "retours-sur-les-journees-d-echanges", "points-de-reperess",
     "coconstruction-modes-de-contractualisation-subventions-marches-publicssieg"}
)


@dataclass(frozen=True)
class Segment:
    """A run of inline text, optionally a link."""

    text: str
    href: str | None = None
    br: bool = False  # a <br> line break (text "\n")


@dataclass(frozen=True)
class Block:
    """One body element as written in the page, with what the truth keeps of it."""

    kind: str  # p | h3 | ul | figure
    segments: tuple[Segment, ...] = ()  # p, h3 (and figure caption)
    items: tuple[str, ...] = ()  # ul
    src: str = ""  # figure image URL (percent-encoded)
    role: str = "content"  # content | residue | empty | repeat

    @property
    def kept(self) -> bool:
        """Whether the truth keeps this block's text."""
        return self.role == "content"

    @property
    def plain(self) -> str:
        """Raw inline text as written (not normalised)."""
        return "".join(s.text for s in self.segments)

    def texts(self) -> list[str]:
        """The normalised block texts a parser gets from this element (empty ones dropped)."""
        raw = ["- " + item for item in self.items] if self.kind == "ul" else [self.plain]
        return [t for t in (normalise(r) for r in raw) if t and t != "-"]


@dataclass(frozen=True)
class Document:
    """An attached PDF."""

    title: str
    path: str


@dataclass(frozen=True)
class Resource:
    """One node of type ressource."""

    index: int
    nid: int
    slug: str
    title: str
    published: datetime  # Europe/Paris local time
    changed: datetime  # last edit, or creation (sitemap <lastmod>); days.py edits bump it
    blocks: tuple[Block, ...]
    resource_type: str | None
    is_private: bool
    summary: tuple[tuple[Segment, ...], ...]  # Résumé paragraphs
    summary_kind: str
    documents: tuple[Document, ...]
    categories: tuple[str, ...]
    variant: str  # d8 | d7 | bare (detail page markup)

    @property
    def path(self) -> str:
        """Canonical path."""
        return "/" + self.slug

    @property
    def paragraphs(self) -> list[str]:
        """Truth paragraphs: kept blocks' texts in order."""
        return [t for b in self.blocks if b.kept for t in b.texts()]

    @property
    def linked_nids(self) -> list[int]:
        """Nids this body links to as /node/<nid>."""
        return [int(s.href[6:]) for b in self.blocks for s in b.segments
                if s.href and s.href.startswith("/node/")]


@dataclass(frozen=True)
class Listing:
    """A Drupal view page listing resources, newest first."""

    path: str
    title: str
    display: str
    accepts: Callable[[Resource], bool]


@dataclass(frozen=True)
class FileEntry:
    """A served static file."""

    path: str  # decoded path
    mime: str
    content: bytes
    modified: datetime


LISTINGS = (
    Listing("/ressources", "Ressources", "page_1", lambda r: True),
    Listing("/retours-sur-les-journees-d-echanges", "Retours sur les journées d’échanges",
            "page_2", lambda r: r.resource_type in ("Compte-rendu", "Formation")),
    Listing("/coconstruction-modes-de-contractualisation-subventions-marches-publicssieg",
            "Coconstruction, modes de contractualisation (subventions, marchés publics, SIEG)",
            "page_3", lambda r: bool({"Commande publique", "Coopération"} & set(r.categories))),
    Listing("/points-de-reperess", "Points de RepèrESS", "page_4",
            lambda r: r.resource_type == "Points de RepèrESS"),
)


@dataclass(frozen=True)
class DayLog:
    """What one day changed (day 0 has none): node ids, edit kinds, re-uploaded file paths."""

    added: tuple[int, ...] = ()
    edited: tuple[tuple[int, str], ...] = ()  # (nid, edit kind)
    removed: tuple[int, ...] = ()
    replaced_files: tuple[str, ...] = ()


@dataclass
class Site:
    """The whole generated site for one (seed, resources, day)."""

    seed: int
    resource_count: int  # resources on day 0
    day: int
    resources: tuple[Resource, ...]  # online ones, oldest first (index order)
    files: dict[str, FileEntry]
    by_slug: dict[str, Resource] = field(default_factory=dict)
    by_nid: dict[int, Resource] = field(default_factory=dict)
    listed: dict[str, tuple[Resource, ...]] = field(default_factory=dict)
    linked_nids: frozenset[int] = frozenset()
    previous: Site | None = field(default=None, repr=False, compare=False)  # day - 1
    log: DayLog = field(default_factory=DayLog, compare=False)

    def __post_init__(self) -> None:
        """Index resources by slug and nid, and fill the listings."""
        self.by_slug = {r.slug: r for r in self.resources}
        self.by_nid = {r.nid: r for r in self.resources}
        self.listed = {lst.path: tuple(r for r in self._newest() if lst.accepts(r))
                       for lst in LISTINGS}
        self.linked_nids = frozenset(  # a link to a removed node leads nowhere
            n for r in self.resources if not r.is_private for n in r.linked_nids
            if n in self.by_nid
        )

    def _newest(self) -> list[Resource]:
        """Newest first, as the views sort them: by publication date, equal dates in any order.

        Day 0 breaks ties by time then nid; later days draw a new tie order every day (the
        database returns equal rows in no fixed order), so listings get reordered among equal
        dates without any content change.
        """
        if self.day == 0:
            return sorted(self.resources, key=lambda r: (r.published, r.nid), reverse=True)
        ties = random.Random(f"{self.seed}:ties:{self.day}")
        rank = {r.nid: ties.random() for r in self.resources}
        return sorted(self.resources, key=lambda r: (r.published.date(), rank[r.nid]),
                      reverse=True)

    @property
    def generated_at(self) -> datetime:
        """When this day's pages were rendered (Paris time), shown in every page footer."""
        minute = random.Random(f"{self.seed}:generated:{self.day}").randint(1, 59)
        return datetime.combine(day_date(self.day), time(GENERATED_HOUR, minute))

    def at(self, day: int) -> Site:
        """The snapshot of an earlier (or this) day."""
        if not 0 <= day <= self.day:
            raise ValueError(f"day {day} is not between 0 and {self.day}")
        snapshot = self
        while snapshot.day > day:
            assert snapshot.previous is not None  # every day > 0 keeps its predecessor
            snapshot = snapshot.previous
        return snapshot

    def listing(self, path: str) -> Listing | None:
        """The listing served at path, if any."""
        return next((lst for lst in LISTINGS if lst.path == path), None)

    def latest(self, count: int = 5) -> tuple[Resource, ...]:
        """The newest resources."""
        return self.listed["/ressources"][:count]

    def page_count(self, path: str) -> int:
        """Number of pages of a listing (at least one)."""
        return max(1, math.ceil(len(self.listed[path]) / PAGE_SIZE))


def day_date(day: int) -> date:
    """The calendar date of day D (day 0 is LAST_DAY)."""
    return LAST_DAY + timedelta(days=day)


@functools.lru_cache(maxsize=8)
def build_site(seed: int = DEFAULT_SEED, resources: int = DEFAULT_RESOURCES, day: int = 0) -> Site:
    """Generate the site of day `day` deterministically: day 0 plus the changes of days 1..day.

    The returned site keeps every earlier day's snapshot (site.at(d), site.previous).
    """
    if day < 0:
        raise ValueError(f"day must be 0 or more, not {day}")
    builder = _Builder(seed, resources)
    built = tuple(builder.resource(i) for i in range(resources))
    site = Site(seed, resources, 0, built, dict(builder.files))
    if day > 0:
        from mirror.days import advance  # days.py builds on this module

        for number in range(1, day + 1):
            site = advance(site, builder, number)
    return site


class _Builder:
    """Carries the cross-resource state (unique sentences, titles, file names)."""

    def __init__(self, seed: int, count: int) -> None:
        """Draw the site-wide schedule: dates, nids, privacy."""
        self.seed = seed
        self.writer = Writer()
        self.titles: set[str] = set()
        self.slugs: set[str] = set(RESERVED_SLUGS)
        self.files: dict[str, FileEntry] = {}
        self.public: list[tuple[int, str]] = []  # (nid, title) of public resources so far
        rng = random.Random(f"{seed}:schedule:{count}")
        span = (LAST_DAY - FIRST_DAY).days + 1
        days = sorted(rng.sample(range(span), count) if count <= span
                      else rng.choices(range(span), k=count))
        self.dates = [datetime.combine(FIRST_DAY + timedelta(days=d), datetime.min.time())
                      + timedelta(hours=rng.randint(8, 17), minutes=rng.randrange(0, 60, 5))
                      for d in days]
        nid = FIRST_NID
        self.nids = []
        for _ in range(count):
            nid += rng.randint(1, 9)
            self.nids.append(nid)
        self.last_nid = nid  # resources added later take higher nids
        self.count = count  # resources generated so far (the next index)
        # Per nid, every (type, categories) the resource has had: field edits never revert.
        self.field_states: dict[int, set[tuple[str | None, frozenset[str]]]] = {}

    def resource(self, index: int) -> Resource:
        """Generate resource number index (0 = oldest) of day 0."""
        rng = random.Random(f"{self.seed}:resource:{index}")
        published = self.dates[index]
        changed = min(published + timedelta(days=rng.randint(0, 200), hours=rng.randint(0, 5)),
                      datetime.combine(LAST_DAY, datetime.min.time()) + timedelta(hours=23))
        return self._make(rng, index, self.nids[index], published, changed)

    def new_resource(self, rng: random.Random, published: datetime) -> Resource:
        """A resource created after day 0: next index, a higher nid, changed = published."""
        index, self.count = self.count, self.count + 1
        self.last_nid += rng.randint(1, 9)
        return self._make(rng, index, self.last_nid, published, published)

    def _make(self, rng: random.Random, index: int, nid: int, published: datetime,
              changed: datetime) -> Resource:
        """Draw a resource's fields, title and body (rng draws in day 0's historical order)."""
        rtype = None if rng.random() < P_NO_TYPE else rng.choices(
            list(RESOURCE_TYPES), weights=TYPE_WEIGHTS)[0]
        private = rng.random() < P_PRIVATE
        if rng.random() < P_BARE:
            variant = "bare"
        else:
            variant = "d7" if published.date() < D8_SINCE else "d8"
        categories = () if rng.random() < P_NO_CATEGORIES else tuple(
            rng.sample(list(CATEGORIES), rng.randint(1, 3)))
        title = self._title(rng, rtype, published)
        slug = self._slug(title)
        blocks, first_sentences = self._body(rng)
        summary, kind = self._summary(rng, blocks, first_sentences)
        documents = self._documents(rng, published, changed)
        if not private:
            self.public.append((nid, title))
        return Resource(index, nid, slug, title, published, changed, blocks, rtype, private,
                        summary, kind, documents, categories, variant)

    def _title(self, rng: random.Random, rtype: str | None, published: datetime) -> str:
        """A title unique in the site."""
        for attempt in range(1000):
            topic = rng.choice(text.TOPICS)
            candidate = rng.choice(TITLES[rtype]).format(
                topic=topic, Topic=text.capitalise(topic), year=published.year,
                n=rng.randint(1, 60 + attempt * 10), city=rng.choice(text.CITIES),
                month=text.MONTHS[published.month - 1])
            candidate = text.contract(candidate)
            if candidate not in self.titles:
                self.titles.add(candidate)
                return candidate
        # A template family used up (years of daily additions): number the last draw.
        for number in range(2, 10_000):
            numbered = f"{candidate} ({number})"
            if numbered not in self.titles:
                self.titles.add(numbered)
                return numbered
        raise RuntimeError("could not find a unique title")

    def _slug(self, title: str) -> str:
        """A unique slug from the title (pathauto adds -0, -1… on clashes)."""
        base = text.slugify(title)
        slug, n = base, 0
        while slug in self.slugs:
            slug, n = f"{base}-{n}", n + 1
        self.slugs.add(slug)
        return slug

    def _body(self, rng: random.Random) -> tuple[tuple[Block, ...], list[str]]:
        """Body blocks, and the first paragraph's sentences (for truncated summaries)."""
        first = self.writer.sentences(rng, 40, PARAGRAPH_WORDS[1])
        while len(first) < 3:
            first.append(self.writer.sentence(rng))
        blocks = [Block("p", (Segment(" ".join(first)),))]
        words = text.word_count(blocks[0].plain)
        target = int(math.exp(rng.uniform(math.log(MIN_WORDS), math.log(MAX_WORDS))))
        headings = rng.sample(text.HEADINGS, len(text.HEADINGS))
        used_items: set[str] = set()
        while words < target:
            roll = rng.random()
            if roll < P_HEADING and headings and blocks[-1].kind != "h3":
                blocks.append(Block("h3", (Segment(headings.pop()),)))
                continue
            if roll < P_HEADING + P_LIST:
                blocks.append(self._list(rng, used_items))
            else:
                blocks.append(self._paragraph(rng, with_link=rng.random() < P_LINK))
            words += sum(text.word_count(t) for t in blocks[-1].texts())
        if blocks[-1].kind == "h3":
            blocks.pop()
        for short in rng.sample(text.SHORT_PARAGRAPHS, rng.choice((0, 0, 1, 1, 2))):
            blocks.insert(rng.randint(1, len(blocks)), Block("p", (Segment(short),)))
        if rng.random() < P_CONTACT:
            blocks.insert(rng.randint(1, len(blocks)), self._contact(rng))
        if self.public and rng.random() < P_SEE_ALSO:
            blocks.insert(rng.randint(1, len(blocks)), self._see_also(rng))
        if rng.random() < P_RESIDUE:
            for _ in range(rng.randint(1, 2)):
                blocks.insert(rng.randint(1, len(blocks)), self._residue(rng))
        if rng.random() < P_EMPTY_PARAGRAPH:
            for _ in range(rng.randint(1, 2)):
                blocks.insert(rng.randint(1, len(blocks)),
                              Block("p", (Segment(NBSP),), role="empty"))
        if rng.random() < P_REPEAT:
            self._add_repeat(rng, blocks)
        return tuple(blocks), first

    def _paragraph(self, rng: random.Random, with_link: bool) -> Block:
        """A content paragraph, sometimes with an external or mailto link."""
        sentences = self.writer.sentences(rng, *PARAGRAPH_WORDS)
        body = " ".join(sentences)
        if not with_link:
            return Block("p", (Segment(body),))
        if rng.random() < 0.3:
            box = rng.choice(text.MAILBOXES)
            return Block("p", (Segment(f"{body} Pour toute question, écrivez à "),
                               Segment(f"{box}@rtes.fr", f"mailto:{box}@rtes.fr"),
                               Segment(".")))
        label, url = rng.choice(text.PARTNERS)
        if rng.random() < 0.5:
            return Block("p", (Segment(f"{body} Plus d’informations sur le site de "),
                               Segment(label, url), Segment(".")))
        return Block("p", (Segment("D’après "), Segment(label, url),
                           Segment(", " + body[0].lower() + body[1:])))

    def _list(self, rng: random.Random, used: set[str]) -> Block:
        """A bulleted list of distinct items (never reused in the resource)."""
        items: list[str] = []
        count = rng.randint(3, 6)
        while len(items) < count:
            pool = text.GOALS if rng.random() < 0.5 else text.OBJECTS
            item = text.capitalise(rng.choice(pool))
            if rng.random() < 0.4:
                item += f" à {rng.choice(text.CITIES)}"
            if item not in used:
                used.add(item)
                items.append(item + f"{NBSP};")
        items[-1] = items[-1][:-2] + "."
        return Block("ul", items=tuple(items))

    def _contact(self, rng: random.Random) -> Block:
        """A contact paragraph whose lines are separated by <br>."""
        box = rng.choice(text.MAILBOXES)
        line = Segment("\n", br=True)
        return Block("p", (Segment(f"Contact{NBSP}:"), line, Segment(text.person(rng)), line,
                           Segment(text.capitalise(rng.choice(text.ROLES))), line,
                           Segment(f"{box}@rtes.fr", f"mailto:{box}@rtes.fr")))

    def _see_also(self, rng: random.Random) -> Block:
        """A paragraph linking to an older public resource as /node/<nid>."""
        nid, title = rng.choice(self.public)
        lead = rng.choice(("Voir aussi", "À lire également", "Sur le même sujet"))
        return Block("p", (Segment(f"{lead}{NBSP}: "), Segment(title, f"/node/{nid}"),
                           Segment(".")))

    def _residue(self, rng: random.Random) -> Block:
        """An image file name left in the body (link or figure caption)."""
        name = rng.choice(IMAGE_NAMES)
        url = f"{INLINE_IMAGES}/{quote(name)}"
        self._add_image(f"{INLINE_IMAGES}/{name}", name)
        if rng.random() < 0.5:
            return Block("p", (Segment(name, url),), role="residue")
        return Block("figure", (Segment(name),), src=url, role="residue")

    def _add_repeat(self, rng: random.Random, blocks: list[Block]) -> None:
        """Insert a near-exact copy of an earlier long paragraph later in the body."""
        sources = [i for i, b in enumerate(blocks) if b.kind == "p" and b.kept
                   and text.word_count(b.plain) >= MIN_REPEAT_WORDS]
        if not sources:
            return
        at = rng.choice(sources)
        copy = edit_block(rng, blocks[at], force=True)
        blocks.insert(rng.randint(at + 1, len(blocks)),
                      Block("p", copy.segments, role="repeat"))

    def _summary(self, rng: random.Random, blocks: tuple[Block, ...],
                 first: list[str]) -> tuple[tuple[tuple[Segment, ...], ...], str]:
        """Résumé paragraphs and the kind of summary."""
        roll = rng.random()
        kind = next(name for limit, name in SUMMARY_KINDS if roll < limit)
        kept = [b for b in blocks if b.kept]
        if kind == "copy":
            count = 2 if kept[1:2] and kept[1].kind == "p" and rng.random() < 0.3 else 1
            return tuple(edit_block(rng, b, force=False).segments for b in kept[:count]), kind
        if kind == "truncated":
            return ((Segment(" ".join(first[: rng.randint(1, min(2, len(first) - 1))])),),), kind
        if kind == "independent":
            return ((Segment(" ".join(self.writer.sentences(rng, 15, 60))),),), kind
        return (), kind

    def _documents(self, rng: random.Random, published: datetime,
                   changed: datetime) -> tuple[Document, ...]:
        """0-3 attached PDFs under the month folder of publication."""
        if rng.random() < P_NO_DOCUMENTS:
            return ()
        titles: list[str] = []
        count = rng.randint(1, 3)
        while len(titles) < count:
            candidate = self.document_title(rng, published.year)
            if candidate not in titles:
                titles.append(candidate)
        return tuple(self.attach(title, published, changed) for title in titles)

    def document_title(self, rng: random.Random, year: int) -> str:
        """A document title drawn from the templates."""
        topic = rng.choice(text.TOPICS)
        return rng.choice(DOC_TITLES).format(topic=topic, year=year,
                                             city=rng.choice(text.CITIES), person=text.person(rng))

    def attach(self, title: str, uploaded: datetime, modified: datetime) -> Document:
        """Store a PDF under the month folder of its upload (Drupal's [date:custom:Y-m])."""
        folder = f"{FILES_ROOT}/{uploaded:%Y-%m}"
        base = text.slugify(title).replace("-", "_")
        path, n = f"{folder}/{base}.pdf", 0
        while path in self.files:  # Drupal renames clashing uploads name_0, name_1…
            path, n = f"{folder}/{base}_{n}.pdf", n + 1
        self.files[path] = FileEntry(path, "application/pdf", _pdf_bytes(title), modified)
        return Document(title, path)

    def _add_image(self, path: str, name: str) -> None:
        """Register an inline image file once."""
        if path not in self.files:
            mime = "image/png" if name.lower().endswith(".png") else "image/jpeg"
            modified = datetime(2015, 3, 2, 9, 30) + timedelta(days=len(name) * 41)
            self.files[path] = FileEntry(path, mime, _image_bytes(mime, name), modified)


def edit_block(rng: random.Random, block: Block, force: bool) -> Block:
    """A copy of a paragraph block, with one small edit (always when force, else half the time)."""
    if not force and rng.random() < 0.5:
        return block
    spots = [i for i, s in enumerate(block.segments)
             if s.href is None and not s.br and s.text.strip()]
    at = spots[-1] if rng.random() < 0.5 else rng.choice(spots)
    segments = list(block.segments)
    segments[at] = Segment(text.small_edit(rng, segments[at].text))
    return Block(block.kind, tuple(segments), block.items, block.src, block.role)


def _pdf_bytes(title: str, revision: int = 0) -> bytes:
    """A small deterministic PDF-like body (a re-uploaded file carries its revision)."""
    stamp = f"% revision {revision}\n" if revision else ""
    return (f"%PDF-1.4\n% RTES mirror\n{stamp}1 0 obj << /Title ({text.slugify(title)}) >> "
            f"endobj\nBT ({title}) Tj ET\n%%EOF\n").encode()


def _image_bytes(mime: str, name: str) -> bytes:
    """Tiny deterministic image bytes with the right magic number."""
    magic = b"\x89PNG\r\n\x1a\n" if mime == "image/png" else b"\xff\xd8\xff\xe0"
    return magic + name.encode() + b"\x00" * 16
