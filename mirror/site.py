"""The site model: resources, their body blocks and fields, listings and files."""

from __future__ import annotations

import functools
import math
import random
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
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
FILES_ROOT = "/sites/default/files"  # public file system (attachments of older nodes)
PRIVATE_FILES_ROOT = "/system/files"  # private file system (Drupal 8+: recent uploads)
FILE_ROOTS = (FILES_ROOT, PRIVATE_FILES_ROOT)
INLINE_IMAGES = f"{PRIVATE_FILES_ROOT}/inline-images"
PRIVATE_FILES_SINCE = date(2020, 1, 1)  # uploads from then on go to the private file system
# The public site's host names: pages write some links absolutely to them (both hosts, http
# and https, as the real pages do); a crawler maps them onto its base URL (SITE_ALIASES).
PUBLIC_HOSTS = ("www.rtes.fr", "rtes.fr")
SPIP_UNTIL = date(2016, 1, 1)  # nodes published earlier were imported from the SPIP site
SPIP_FIRST_ID = 1200  # SPIP article ids of the imported nodes start here
SPIP_SLUG_WORDS = 5  # SPIP URLs keep the first few words of the title, capitalised

# Taxonomy "Type de ressource": name -> term id (the values the real pages show).
RESOURCE_TYPES = {"Ressources RTES": 3, "Autres": 4}
TYPE_WEIGHTS = (60, 40)
# Title families of the generator (what a resource is about; not a field of the page).
GENRES = (
    "Ressources RTES",
    "Points de RepèrESS",
    "Lettre d'information",
    "Compte-rendu",
    "Formation",
    "Étude",
)
GENRE_WEIGHTS = (25, 15, 15, 20, 10, 10)


@dataclass(frozen=True)
class Category:
    """A term of the "Catégorie" vocabulary: its listing page lives at /<slug>."""

    name: str
    slug: str
    tid: int

    @property
    def path(self) -> str:
        """The term page's alias (Drupal's taxonomy term view, with a pager)."""
        return "/" + self.slug


# The category terms of the real site (names as the pages show them, pathauto slugs).
CATEGORY_TERMS = (
    Category("Retours sur les journées d'échanges", "retours-sur-les-journees-d-echanges", 21),
    Category("Retours sur les formations", "retours-sur-les-formations", 22),
    Category("Dossiers ressources adhérents", "dossiers-ressources-adherents", 23),
    Category(
        "Coopération économique (PTCE, SCIC, communs)",
        "cooperation-economique-ptce-scic-communs",
        24,
    ),
    Category("Alimentation, circuits courts", "alimentation-circuits-courts", 25),
    Category(
        "Coconstruction, modes de contractualisation (subventions, marchés publics,SIEG)",
        "coconstruction-modes-de-contractualisation-subventions-marches-publicssieg",
        26,
    ),
    Category(
        "ESS par niveaux de collectivités (métropoles, conseils départementaux, conseils "
        "régionaux)",
        "ess-par-niveaux-de-collectivites-metropoles-conseils-departementaux-conseils-regionaux",
        27,
    ),
    Category(
        "ESS & autres politiques publiques (culture, mobilité, habitat et transversalité)",
        "ess-autres-politiques-publiques-culture-mobilite-habitat-et-transversalite",
        28,
    ),
    Category(
        "ESS & territoires fragiles (politique de la ville, rural)",
        "ess-territoires-fragiles-politique-de-la-ville-rural",
        29,
    ),
    Category(
        "Autres leviers (foncier, tiers-lieux, OFS et innovations sociales, TZCLD)",
        "autres-leviers-foncier-tiers-lieux-ofs-et-innovations-sociales-tzcld",
        30,
    ),
    Category(
        "Économie circulaire, transition énergétique",
        "economie-circulaire-transition-energetique",
        31,
    ),
    Category(
        "Outils financiers (finance solidaire, monnaies locales complémentaires)",
        "outils-financiers-finance-solidaire-monnaies-locales-complementaires",
        32,
    ),
)
CATEGORIES = {c.name: c.tid for c in CATEGORY_TERMS}  # name -> term id
CATEGORY_BY_TID = {c.tid: c for c in CATEGORY_TERMS}
# Free tags (an unlabelled term line before the field block on the real pages).
TAGS = {"PTCE": 41, "SCIC": 42, "Commande publique": 43, "Tiers-lieux": 44, "TZCLD": 45}

# Probabilities of the generated features (per resource unless said otherwise).
P_ARTICLE = 0.25  # a news article (no field block) rather than a resource
P_UPDATED = 0.4  # an article showing "mis à jour le"
P_NO_TYPE = 0.05
P_PRIVATE = 0.12
P_BARE = 0.04
P_NO_DOCUMENTS = 0.30
P_CATEGORIES_HIDDEN = 0.35  # the Catégorie field shows its label with no value
P_TAG = 0.2
P_SLUG_DIFFERS = 0.05  # the alias was made from an earlier title (pathauto keeps it)
P_DUPLICATE_TITLE = 0.03  # a title already used (pathauto appends -0)
SLUG_MAX = 100  # pathauto's maximum alias length, cut at a word boundary
JUNK_ALTS = ("dfgh", "mahel", "covid", "https://www.rtes.fr/sites/default/files/visuel.png")
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
    "Programme journée.png",
    "document.jpg",
    "affiche rencontre.jpg",
    "logo RTES.png",
    "Capture d’écran.png",
    "IMG_2034.JPG",
    "carte des PTCE.png",
    "photo atelier.jpeg",
    "visuel-webinaire.png",
    "bandeau_lettre.jpg",
)
DOC_TITLES = (
    "Étude {topic} {year}",
    "Synthèse des échanges – {city}",
    "Programme de la journée",
    "Présentation de {person}",
    "Guide pratique" + NBSP + ": {topic}",
    "Diaporama {topic}",
    "Compte-rendu {topic} {year}",
    "Fiche expérience – {city}",
    "Annexe statistique {year}",
)
TITLES = {
    "Ressources RTES": (
        "{Topic}" + NBSP + ": repères pour les collectivités ({year})",
        "Guide {topic} {year}",
        "{Topic} et collectivités, {n} expériences inspirantes",
    ),
    "Points de RepèrESS": ("Points de RepèrESS n°{n}" + NBSP + ": {topic}",),
    "Lettre d'information": ("Lettre d’information n°{n} – {month} {year}",),
    "Compte-rendu": (
        "Retours sur le séminaire {topic} {year}",
        "Compte-rendu de la journée d’échanges «" + NBSP + "{topic}" + NBSP + "» à {city}",
        "Retours sur la rencontre {topic} de {city} ({year})",
        "Retours sur la journée d’échanges «"
        + NBSP
        + "{topic}"
        + NBSP
        + "» à {city}"
        + NBSP
        + ": témoignages des élus, expériences des territoires et perspectives "
        "pour les politiques publiques locales ({year})",
    ),
    "Formation": ("Formation des élus" + NBSP + ": {topic} ({city}, {year})",),
    "Étude": ("Étude" + NBSP + ": {topic} dans les territoires ({year})",),
    None: ("{Topic}" + NBSP + ": actualités {year}", "{Topic} à {city} en {year}"),
}
# Paths that a resource slug must never take.
RESERVED_SLUGS = frozenset(
    {
        "ressources",
        "node",
        "sites",
        "system",
        "user",
        "taxonomy",
        "admin",
        "robots-txt",
        "sitemap-xml",
        "le-reseau",
        "agenda",
        "adherer",
        "contact",
        "mentions-legales",
        "plan-du-site",
        "points-de-reperess",
    }
    | {c.slug for c in CATEGORY_TERMS}
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
    """One node: a resource (kind "resource", with its field block) or a news article."""

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
    categories: tuple[str, ...]  # the category terms it is filed under (term membership)
    variant: str  # d8 | d7 | bare (detail page markup)
    kind: str = "resource"  # resource | article
    updated: datetime | None = None  # an article's "mis à jour le" (None: not shown)
    categories_shown: bool = True  # False: the Catégorie field shows its label, no value
    tags: tuple[str, ...] = ()  # free tags (an unlabelled term line before the fields)
    lead_image: str | None = None  # an article's lead image (path under INLINE_IMAGES)
    lead_alt: str = ""  # its alt text (junk on the real site)
    spip_id: int | None = None  # the SPIP article id of a node imported from the old site

    @property
    def path(self) -> str:
        """Canonical path."""
        return "/" + self.slug

    @property
    def spip_path(self) -> str | None:
        """The old SPIP URL path (`/Journee-PACA-Corse-L-ESS-vecteur,2783`), None if none."""
        if self.spip_id is None:
            return None
        words = [w.capitalize() for w in text.slugify(self.title).split("-")][:SPIP_SLUG_WORDS]
        return "/" + "-".join(words) + f",{self.spip_id}"

    @property
    def paragraphs(self) -> list[str]:
        """Truth paragraphs: kept blocks' texts in order."""
        return [t for b in self.blocks if b.kept for t in b.texts()]

    @property
    def linked_nids(self) -> list[int]:
        """Nids this body links to as /node/<nid> (relative or absolute on a public host)."""
        return _node_links(s for b in self.blocks for s in b.segments)

    @property
    def shown_linked_nids(self) -> list[int]:
        """Nids a visitor can follow from this node's pages: its body's links when the body is
        shown (a public node), and its Résumé's (shown either way; a copy of the body keeps
        the body's links)."""
        shown = [] if self.is_private else self.linked_nids
        return shown + _node_links(s for p in self.summary for s in p)


def _node_links(segments: Iterable[Segment]) -> list[int]:
    return [int(m.group(1)) for s in segments if s.href and (m := _NODE_HREF.match(s.href))]


# An in-body link to a node by its system path, relative or absolute on a public host.
_NODE_HREF = re.compile(r"^(?:https?://(?:www\.)?rtes\.fr)?/node/(\d+)$")


@dataclass(frozen=True)
class Listing:
    """A category term page: the nodes filed under the term, newest first, 0-based ?page=N."""

    path: str
    title: str
    display: str
    accepts: Callable[[Resource], bool]
    tid: int = 0  # the term id (/taxonomy/term/<tid>)
    teasers: bool = False  # items as teasers only (title, a short lead, "Lire la suite")


@dataclass(frozen=True)
class FileEntry:
    """A served static file."""

    path: str  # decoded path
    mime: str
    content: bytes
    modified: datetime


def _member_of(name: str) -> Callable[[Resource], bool]:
    """Whether a node is filed under the category term `name`."""
    return lambda r: name in r.categories


# Category listings whose view shows teasers only (the others render their items in full).
TEASER_LISTING_TIDS = frozenset({23, 27, 31})
LISTINGS = tuple(
    Listing(
        c.path,
        c.name,
        f"page_{c.tid}",
        _member_of(c.name),
        c.tid,
        teasers=c.tid in TEASER_LISTING_TIDS,
    )
    for c in CATEGORY_TERMS
)
LISTING_BY_TID = {lst.tid: lst for lst in LISTINGS}


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
    by_spip: dict[int, Resource] = field(default_factory=dict)
    newest: tuple[Resource, ...] = ()
    listed: dict[str, tuple[Resource, ...]] = field(default_factory=dict)
    linked_nids: frozenset[int] = frozenset()
    previous: Site | None = field(default=None, repr=False, compare=False)  # day - 1
    log: DayLog = field(default_factory=DayLog, compare=False)

    def __post_init__(self) -> None:
        """Index resources by slug and nid, and fill the listings."""
        self.by_slug = {r.slug: r for r in self.resources}
        self.by_nid = {r.nid: r for r in self.resources}
        self.by_spip = {r.spip_id: r for r in self.resources if r.spip_id is not None}
        self.newest = tuple(self._newest())
        self.listed = {
            lst.path: tuple(r for r in self.newest if lst.accepts(r)) for lst in LISTINGS
        }
        self.linked_nids = frozenset(  # a link to a removed node leads nowhere
            n for r in self.resources for n in r.shown_linked_nids if n in self.by_nid
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
        return sorted(self.resources, key=lambda r: (r.published.date(), rank[r.nid]), reverse=True)

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
        """The newest nodes of the whole site (resources and articles)."""
        return self.newest[:count]

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
        self.title_list: list[str] = []  # the same titles in drawing order (deterministic)
        self.slugs: set[str] = set(RESERVED_SLUGS)
        self.files: dict[str, FileEntry] = {}
        self.used_paths: set[str] = set()  # every attachment path ever uploaded
        # (nid, title, slug, SPIP path) of the public nodes so far (targets of in-body links)
        self.public: list[tuple[int, str, str, str | None]] = []
        rng = random.Random(f"{seed}:schedule:{count}")
        span = (LAST_DAY - FIRST_DAY).days + 1
        days = sorted(
            rng.sample(range(span), count) if count <= span else rng.choices(range(span), k=count)
        )
        self.dates = [
            datetime.combine(FIRST_DAY + timedelta(days=d), datetime.min.time())
            + timedelta(hours=rng.randint(8, 17), minutes=rng.randrange(0, 60, 5))
            for d in days
        ]
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
        changed = min(
            published + timedelta(days=rng.randint(0, 200), hours=rng.randint(0, 5)),
            datetime.combine(LAST_DAY, datetime.min.time()) + timedelta(hours=23),
        )
        return self._make(rng, index, self.nids[index], published, changed)

    def new_resource(self, rng: random.Random, published: datetime) -> Resource:
        """A resource created after day 0: next index, a higher nid, changed = published."""
        index, self.count = self.count, self.count + 1
        self.last_nid += rng.randint(1, 9)
        return self._make(rng, index, self.last_nid, published, published)

    def _make(
        self, rng: random.Random, index: int, nid: int, published: datetime, changed: datetime
    ) -> Resource:
        """Draw a node's kind, fields, title and body (rng draws in day 0's historical order)."""
        kind = "article" if rng.random() < P_ARTICLE else "resource"
        resource = kind == "resource"
        genre = rng.choices(GENRES, weights=GENRE_WEIGHTS)[0] if resource else None
        rtype = (
            None
            if not resource or rng.random() < P_NO_TYPE
            else rng.choices(list(RESOURCE_TYPES), weights=TYPE_WEIGHTS)[0]
        )
        private = resource and rng.random() < P_PRIVATE
        if rng.random() < P_BARE:
            variant = "bare"
        else:
            variant = "d7" if published.date() < D8_SINCE else "d8"
        categories = tuple(rng.sample(list(CATEGORIES), rng.randint(1, 3)))
        shown = resource and rng.random() >= P_CATEGORIES_HIDDEN
        tags = (rng.choice(list(TAGS)),) if resource and rng.random() < P_TAG else ()
        title = self._title(rng, genre, published)
        slug = self._slug(rng, title, genre, published)
        blocks, first_sentences = self._body(rng)
        summary, summary_kind = (
            self._summary(rng, blocks, first_sentences) if resource else ((), "empty")
        )
        documents = self._documents(rng, published, changed) if resource else ()
        updated = lead_image = None
        lead_alt = ""
        if not resource:
            # An old (Drupal 7) page shows only its submitted line, never an update: the draw
            # is made anyway, so the other pages of a seed keep their dates.
            if rng.random() < P_UPDATED and variant != "d7":
                updated = min(
                    published + timedelta(days=rng.randint(1, 20), hours=rng.randint(0, 5)),
                    datetime.combine(LAST_DAY, time(GENERATED_HOUR - 1)),
                )
                changed = max(changed, updated)
            lead_image, lead_alt = self._lead_image(rng)
        spip_id = SPIP_FIRST_ID + index if published.date() < SPIP_UNTIL else None
        made = Resource(
            index,
            nid,
            slug,
            title,
            published,
            changed,
            blocks,
            rtype,
            private,
            summary,
            summary_kind,
            documents,
            categories,
            variant,
            kind,
            updated,
            shown,
            tags,
            lead_image,
            lead_alt,
            spip_id,
        )
        if not private:
            self.public.append((nid, title, slug, made.spip_path))
        return made

    def _lead_image(self, rng: random.Random) -> tuple[str, str]:
        """An article's lead image and its (junk) alt text: a word, a URL or another headline."""
        name = rng.choice(IMAGE_NAMES)
        self._add_image(f"{INLINE_IMAGES}/{name}", name)
        alt = (
            rng.choice(self.public)[1]
            if self.public and rng.random() < 0.3
            else rng.choice(JUNK_ALTS)
        )
        return f"{INLINE_IMAGES}/{quote(name)}", alt

    def _title(self, rng: random.Random, genre: str | None, published: datetime) -> str:
        """A title, unique in the site except for the few duplicates pathauto meets (-0)."""
        if self.title_list and rng.random() < P_DUPLICATE_TITLE:
            return rng.choice(self.title_list)
        candidate = self._draw_title(rng, genre, published)
        if candidate in self.titles:  # a template family used up: number the last draw
            for number in range(2, 10_000):
                if f"{candidate} ({number})" not in self.titles:
                    candidate = f"{candidate} ({number})"
                    break
        self.titles.add(candidate)
        self.title_list.append(candidate)
        return candidate

    def _draw_title(self, rng: random.Random, genre: str | None, published: datetime) -> str:
        """A title from the genre's templates, new to the site when 1000 draws allow."""
        candidate = ""
        for attempt in range(1000):
            topic = rng.choice(text.TOPICS)
            candidate = text.contract(
                rng.choice(TITLES[genre]).format(
                    topic=topic,
                    Topic=text.capitalise(topic),
                    year=published.year,
                    n=rng.randint(1, 60 + attempt * 10),
                    city=rng.choice(text.CITIES),
                    month=text.MONTHS[published.month - 1],
                )
            )
            if candidate not in self.titles:
                break
        return candidate

    def _slug(self, rng: random.Random, title: str, genre: str | None, published: datetime) -> str:
        """A unique pathauto alias: from the title (or an earlier draft of it), -0, -1… on
        clashes."""
        source = self._draw_title(rng, genre, published) if rng.random() < P_SLUG_DIFFERS else title
        base = pathauto_slug(source)
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
                blocks.insert(
                    rng.randint(1, len(blocks)), Block("p", (Segment(NBSP),), role="empty")
                )
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
            return Block(
                "p",
                (
                    Segment(f"{body} Pour toute question, écrivez à "),
                    Segment(f"{box}@rtes.fr", f"mailto:{box}@rtes.fr"),
                    Segment("."),
                ),
            )
        label, url = rng.choice(text.PARTNERS)
        if rng.random() < 0.5:
            return Block(
                "p",
                (
                    Segment(f"{body} Plus d’informations sur le site de "),
                    Segment(label, url),
                    Segment("."),
                ),
            )
        return Block(
            "p",
            (Segment("D’après "), Segment(label, url), Segment(", " + body[0].lower() + body[1:])),
        )

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
        return Block(
            "p",
            (
                Segment(f"Contact{NBSP}:"),
                line,
                Segment(text.person(rng)),
                line,
                Segment(text.capitalise(rng.choice(text.ROLES))),
                line,
                Segment(f"{box}@rtes.fr", f"mailto:{box}@rtes.fr"),
            ),
        )

    def _see_also(self, rng: random.Random) -> Block:
        """A paragraph linking to an older public resource as /node/<nid>."""
        nid, title, slug, spip = rng.choice(self.public)
        lead = rng.choice(("Voir aussi", "À lire également", "Sur le même sujet"))
        return Block(
            "p",
            (
                Segment(f"{lead}{NBSP}: "),
                Segment(title, self._node_href(rng, nid, slug, spip)),
                Segment("."),
            ),
        )

    def _node_href(self, rng: random.Random, nid: int, slug: str, spip: str | None) -> str:
        """How a body links to another node: as the real pages do, by system path, alias,
        absolute URL on either host and scheme, newsletter tracking, or old SPIP URL."""
        roll = rng.random()
        host = f"{rng.choice(('http', 'https'))}://{rng.choice(PUBLIC_HOSTS)}"
        if roll < 0.4:
            return f"/node/{nid}"
        if roll < 0.55:
            return f"{host}/node/{nid}"
        if roll < 0.7:
            return f"{host}/{slug}?utm_source=newsletter&utm_medium=email&utm_campaign=lettre"
        if roll < 0.85 and spip is not None:
            return host + spip
        return f"{host}/{slug}"

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
        sources = [
            i
            for i, b in enumerate(blocks)
            if b.kind == "p" and b.kept and text.word_count(b.plain) >= MIN_REPEAT_WORDS
        ]
        if not sources:
            return
        at = rng.choice(sources)
        copy = edit_block(rng, blocks[at], force=True)
        blocks.insert(rng.randint(at + 1, len(blocks)), Block("p", copy.segments, role="repeat"))

    def _summary(
        self, rng: random.Random, blocks: tuple[Block, ...], first: list[str]
    ) -> tuple[tuple[tuple[Segment, ...], ...], str]:
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

    def _documents(
        self, rng: random.Random, published: datetime, changed: datetime
    ) -> tuple[Document, ...]:
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
        return rng.choice(DOC_TITLES).format(
            topic=topic, year=year, city=rng.choice(text.CITIES), person=text.person(rng)
        )

    def attach(self, title: str, uploaded: datetime, modified: datetime) -> Document:
        """Store a PDF under the month folder of its upload (Drupal's [date:custom:Y-m])."""
        root = FILES_ROOT if uploaded.date() < PRIVATE_FILES_SINCE else PRIVATE_FILES_ROOT
        folder = f"{root}/{uploaded:%Y-%m}"
        base = text.slugify(title).replace("-", "_")
        path, n = f"{folder}/{base}.pdf", 0
        while path in self.files or path in self.used_paths:  # Drupal renames clashing
            path, n = f"{folder}/{base}_{n}.pdf", n + 1  # uploads name_0, name_1…
        self.used_paths.add(path)  # a deleted file's name is not handed out again the same day
        self.files[path] = FileEntry(path, "application/pdf", _pdf_bytes(title), modified)
        return Document(title, path)

    def _add_image(self, path: str, name: str) -> None:
        """Register an inline image file once."""
        if path not in self.files:
            mime = "image/png" if name.lower().endswith(".png") else "image/jpeg"
            modified = datetime(2015, 3, 2, 9, 30) + timedelta(days=len(name) * 41)
            self.files[path] = FileEntry(path, mime, _image_bytes(mime, name), modified)


def pathauto_slug(title: str) -> str:
    """Pathauto's alias of a title: ASCII, lower case, apostrophes and punctuation as hyphens,
    at most SLUG_MAX characters, cut at a word boundary."""
    full = text.slugify(title, max_length=len(title) * 4)
    if len(full) <= SLUG_MAX:
        return full
    cut = full[: SLUG_MAX + 1]
    return cut[: cut.rfind("-")] if "-" in cut else full[:SLUG_MAX]


def edit_block(rng: random.Random, block: Block, force: bool) -> Block:
    """A copy of a paragraph block, with one small edit (always when force, else half the time)."""
    if not force and rng.random() < 0.5:
        return block
    spots = [
        i for i, s in enumerate(block.segments) if s.href is None and not s.br and s.text.strip()
    ]
    at = spots[-1] if rng.random() < 0.5 else rng.choice(spots)
    segments = list(block.segments)
    segments[at] = Segment(text.small_edit(rng, segments[at].text))
    return Block(block.kind, tuple(segments), block.items, block.src, block.role)


def _pdf_bytes(title: str, revision: int = 0) -> bytes:
    """A small deterministic PDF-like body (a re-uploaded file carries its revision)."""
    stamp = f"% revision {revision}\n" if revision else ""
    return (
        f"%PDF-1.4\n% RTES mirror\n{stamp}1 0 obj << /Title ({text.slugify(title)}) >> "
        f"endobj\nBT ({title}) Tj ET\n%%EOF\n"
    ).encode()


def _image_bytes(mime: str, name: str) -> bytes:
    """Tiny deterministic image bytes with the right magic number."""
    magic = b"\x89PNG\r\n\x1a\n" if mime == "image/png" else b"\xff\xd8\xff\xe0"
    return magic + name.encode() + b"\x00" * 16
