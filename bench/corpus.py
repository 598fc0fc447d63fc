"""A labelled corpus at scale: the mirror's site generator plus hard cases injected here.

The mirror generates at most ~1,500 resources per site (its titles must be unique), so a
large corpus is several mirror sites ("shards", seeds seed, seed+1, …) whose node ids and
slugs are shifted apart. Then, on public resources drawn with a seeded RNG, this module
injects the cases the demo lacks, each labelled:

- copies (to remove): a paragraph repeated with typos, with punctuation and whitespace
  edits, or truncated to its first sentences;
- look-alikes that are NOT copies (to keep): two paragraphs sharing one template sentence,
  list items differing by one city name, a short line ("Téléchargez la version pour
  impression.") repeated across many resources, two editions of a newsletter sharing their
  intro, agenda and sign-off;
- republications: a resource published again under another node and URL with a small edit
  (the two are one resource for the cross-page merge).

Labels: for each resource, one flag per body text block (copy or original) in page order,
and whether its Résumé is a copy of the body; for pages, which resource each node id is.
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import timedelta

from mirror import render
from mirror.site import LISTINGS, PAGE_SIZE, Block, Resource, Segment, Site, build_site
from mirror.text import CITIES, Writer, normalise, small_edit

SHARD_RESOURCES = 1000  # resources per mirror site (its title space allows ~1,500)
NID_STRIDE = 100_000  # node ids of shard k start at k * NID_STRIDE (a shard spans < 10,000)
# Listing pages of shard k are numbered from k * LISTING_PAGE_STRIDE (a shard fills at most this
# many).
LISTING_PAGE_STRIDE = math.ceil(SHARD_RESOURCES / PAGE_SIZE)

# Share of public resources receiving each injected case (one resource may get several).
P_TYPO_COPY = 0.10
P_PUNCT_COPY = 0.08
P_TRUNCATED_COPY = 0.08
P_TEMPLATE_PAIR = 0.08
P_CITY_LIST = 0.06
P_PRINT_LINE = 0.30
P_REPUBLISHED = 0.03
NEWSLETTER_PAIRS_PER_1000 = 12

PRINT_LINE = "Téléchargez la version pour impression."
# Sentences shared verbatim by distinct paragraphs (site templates), and list-item templates
# whose items differ only by a city name.
TEMPLATE_SENTENCES = (
    "Le RTES accompagne les collectivités territoriales qui souhaitent développer une politique "
    "publique en faveur de l’économie sociale et solidaire sur leur territoire.",
    "Cette fiche a été réalisée dans le cadre du groupe de travail du RTES, avec le soutien de "
    "la Banque des Territoires et de l’Agence nationale de la cohésion des territoires.",
    "Les échanges ont réuni des élus, des techniciens et des acteurs de l’économie sociale et "
    "solidaire venus de toute la France.",
)
CITY_ITEM_TEMPLATES = (
    "Organiser une journée d’échanges sur les achats responsables avec les élus de {city} ;",
    "Accompagner la création d’un pôle territorial de coopération économique à {city} ;",
    "Soutenir les tiers-lieux et les recycleries installés dans les quartiers de {city} ;",
)
NEWSLETTER_SHARED = (
    "Dans ce numéro de la lettre d’information du RTES, retrouvez l’actualité des collectivités "
    "adhérentes, les prochains rendez-vous du réseau et les dernières ressources publiées.",
    "Agenda du réseau{nbsp}: les rencontres régionales reprennent en septembre, la journée "
    "nationale des élus aura lieu au printemps et les inscriptions aux formations sont ouvertes "
    "sur l’espace adhérents.",
    "Vous souhaitez partager une expérience de votre territoire dans une prochaine lettre{nbsp}? "
    "Écrivez à l’équipe du RTES, nous relayons volontiers les initiatives des collectivités "
    "adhérentes et de leurs partenaires.",
)
# A sentence end: the split point for truncated copies.
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀÂÉÈÊÎÔÛÇ])")
# Words long enough to receive a typo without becoming another word.
TYPO_WORD = re.compile(r"\b[^\W\d_]{6,}\b")


@dataclass
class Labels:
    """What the corpus knows to be true."""

    copy_flags: dict[int, list[bool]] = field(default_factory=dict)  # nid -> per body text block
    block_cases: dict[int, list[str]] = field(default_factory=dict)  # nid -> case of each block
    summary_is_copy: dict[int, bool] = field(default_factory=dict)  # nid -> Résumé copies the body
    resource_of: dict[int, int] = field(default_factory=dict)  # nid -> nid of the true resource
    injected: dict[str, int] = field(default_factory=dict)  # case -> count


@dataclass
class Corpus:
    site: Site
    labels: Labels
    seed: int


@dataclass(frozen=True)
class RawPage:
    """A page as a crawl would store it."""

    url: str  # path (and query) on the site
    kind: str  # detail | listing
    html: str


# --- shards ------------------------------------------------------------------------------


def _shift_segment(seg: Segment, offset: int) -> Segment:
    if seg.href and seg.href.startswith("/node/"):
        return replace(seg, href=f"/node/{int(seg.href[6:]) + offset}")
    return seg


def _shift_block(block: Block, offset: int) -> Block:
    return replace(block, segments=tuple(_shift_segment(s, offset) for s in block.segments))


def _shift(resource: Resource, shard: int) -> Resource:
    """The resource of shard k with node ids, links and slug moved out of other shards' way."""
    if shard == 0:
        return resource
    offset = shard * NID_STRIDE
    return replace(
        resource,
        nid=resource.nid + offset,
        slug=f"{resource.slug}-l{shard}",
        blocks=tuple(_shift_block(b, offset) for b in resource.blocks),
        summary=tuple(tuple(_shift_segment(s, offset) for s in p) for p in resource.summary),
    )


def shard_sizes(resources: int) -> list[int]:
    """Resources of each shard: SHARD_RESOURCES each, the last one the remainder."""
    return [
        min(SHARD_RESOURCES, resources - start) for start in range(0, resources, SHARD_RESOURCES)
    ]


def shard_site(shard: int, size: int, seed: int) -> Site:
    """Shard k on its own: mirror site seed+k with node ids and slugs moved out of other shards' way."""
    site = build_site(seed=seed + shard, resources=size)
    build_site.cache_clear()  # a shard is not needed again: keep memory flat
    return make_site([_shift(r, shard) for r in site.resources], site.files, seed)


def sharded_resources(resources: int, seed: int) -> tuple[list[Resource], dict]:
    """`resources` generated resources from ceil(n / SHARD_RESOURCES) mirror sites."""
    out: list[Resource] = []
    files: dict = {}
    for shard, size in enumerate(shard_sizes(resources)):
        site = shard_site(shard, size, seed)
        out.extend(site.resources)
        files.update(site.files)
    return out, files


def make_site(resources: list[Resource], files: dict, seed: int) -> Site:
    ordered = tuple(sorted(resources, key=lambda r: (r.published, r.nid)))
    return Site(seed, len(ordered), 0, ordered, files)


# --- text edits --------------------------------------------------------------------------


def with_typos(rng: random.Random, text: str, count: int) -> str:
    """The text with `count` one-letter typos (swap, drop, double, replace) in long words."""
    for _ in range(count):
        words = list(TYPO_WORD.finditer(text))
        if not words:
            break
        m = rng.choice(words)
        w, i = m.group(), rng.randrange(1, len(m.group()) - 2)
        kind = rng.choice(("swap", "drop", "double", "replace"))
        if kind == "swap":
            typo = w[:i] + w[i + 1] + w[i] + w[i + 2 :]
        elif kind == "drop":
            typo = w[:i] + w[i + 1 :]
        elif kind == "double":
            typo = w[:i] + w[i] + w[i:]
        else:
            typo = w[:i] + rng.choice("aeiourstnl") + w[i + 1 :]
        text = text[: m.start()] + typo + text[m.end() :]
    return text


def with_punctuation_edits(rng: random.Random, text: str) -> str:
    """The text with several punctuation and whitespace edits (commas, quotes, dashes, spaces)."""
    edits = [
        lambda t: t.replace(",", "", rng.randint(1, 3)),
        lambda t: t.replace("’", "'"),
        lambda t: t.replace(" – ", " - "),
        lambda t: t.rstrip(".") + " .",
        lambda t: small_edit(rng, t),
        lambda t: small_edit(rng, t, "double_space"),
        lambda t: t.replace(". ", ".  ", 2),
    ]
    for edit in rng.sample(edits, 3):
        text = edit(text)
    return text


def first_sentences(text: str, rng: random.Random) -> str | None:
    """The first one or two sentences of a paragraph of three or more, else None."""
    parts = SENTENCE_END.split(text)
    if len(parts) < 3:
        return None
    return " ".join(parts[: rng.randint(1, 2)])


# --- injection ---------------------------------------------------------------------------


def _plain_paragraphs(resource: Resource) -> list[int]:
    """Indices of original one-segment paragraphs of 12+ words (the ones we may copy)."""
    return [
        i
        for i, b in enumerate(resource.blocks)
        if b.kind == "p"
        and b.role == "content"
        and len(b.segments) == 1
        and len(b.plain.split()) >= 12
    ]


class _Injector:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(f"{seed}:bench-corpus")
        self.writer = Writer()
        self.counts: dict[str, int] = {}
        self.case_of: dict[Block, str] = {}  # injected block -> its case

    def count(self, case: str, *blocks: Block) -> None:
        self.counts[case] = self.counts.get(case, 0) + 1
        self.case_of.update((b, case) for b in blocks)

    def paragraph(self, words: tuple[int, int] = (25, 60)) -> str:
        return " ".join(self.writer.sentences(self.rng, *words))

    def insert_copy(self, blocks: list[Block], source: int, text: str, case: str) -> None:
        """Insert a copy (role 'repeat') somewhere after its source block."""
        at = self.rng.randint(source + 1, len(blocks))
        blocks.insert(at, Block("p", (Segment(text),), role="repeat"))
        self.count(case, blocks[at])

    def body(self, resource: Resource) -> Resource:
        """The resource with body cases injected (copies and look-alikes)."""
        rng, blocks = self.rng, list(resource.blocks)
        for case, p in (
            ("typo_copy", P_TYPO_COPY),
            ("punctuation_copy", P_PUNCT_COPY),
            ("truncated_copy", P_TRUNCATED_COPY),
        ):
            if rng.random() >= p:
                continue
            sources = [
                i
                for i, b in enumerate(blocks)
                if b.kind == "p"
                and b.role == "content"
                and len(b.segments) == 1
                and len(b.plain.split()) >= 12
            ]
            if not sources:
                continue
            source = rng.choice(sources)
            original = blocks[source].plain
            if case == "typo_copy":
                text = with_typos(rng, original, max(1, len(original.split()) // 25))
            elif case == "punctuation_copy":
                text = with_punctuation_edits(rng, original)
            else:
                text = first_sentences(original, rng)
                if text is None:
                    continue
            self.insert_copy(blocks, source, text, case)
        if rng.random() < P_TEMPLATE_PAIR:
            shared = rng.choice(TEMPLATE_SENTENCES)
            pair = []
            for _ in range(2):
                own = self.paragraph((15, 35))
                text = f"{shared} {own}" if rng.random() < 0.5 else f"{own} {shared}"
                pair.append(Block("p", (Segment(text),)))
                blocks.insert(rng.randint(1, len(blocks)), pair[-1])
            self.count("template_sentence_pair", *pair)
        if rng.random() < P_CITY_LIST:
            template = rng.choice(CITY_ITEM_TEMPLATES)
            cities = rng.sample(CITIES, rng.randint(3, 5))
            items = tuple(template.format(city=c).replace(" ;", "\u00a0;") for c in cities)
            items = items[:-1] + (items[-1][:-2] + ".",)
            blocks.insert(rng.randint(1, len(blocks)), Block("ul", items=items))
            self.count("city_list", Block("ul", items=items))
        if rng.random() < P_PRINT_LINE and not any(b.plain == PRINT_LINE for b in blocks):
            blocks.insert(rng.randint(1, len(blocks)), Block("p", (Segment(PRINT_LINE),)))
            self.count("print_line", Block("p", (Segment(PRINT_LINE),)))
        return replace(resource, blocks=tuple(blocks))

    def republished(self, resource: Resource, nid: int) -> Resource:
        """The resource again under another node and URL, with a small edit of its body."""
        rng, blocks = self.rng, list(resource.blocks)
        plain = _plain_paragraphs(resource)
        if plain:
            i = rng.choice(plain)
            edited = rng.choice(
                (
                    lambda t: with_typos(rng, t, 1),
                    lambda t: t + " " + self.writer.sentence(rng),
                    lambda t: small_edit(rng, t),
                )
            )(blocks[i].plain)
            blocks[i] = replace(blocks[i], segments=(Segment(edited),))
        self.count("republished")
        return replace(
            resource,
            nid=nid,
            slug=resource.slug + "-republication",
            blocks=tuple(blocks),
            published=resource.published + timedelta(days=rng.randint(1, 400)),
        )

    def newsletter_pair(self, template: Resource, nids: tuple[int, int], n: int) -> list[Resource]:
        """Two editions of a newsletter: same intro, agenda and sign-off, different news."""
        shared = [Block("p", (Segment(t.format(nbsp="\u00a0")),)) for t in NEWSLETTER_SHARED]
        self.case_of.update((b, "newsletter_shared") for b in shared)
        editions = []
        for k, nid in enumerate(nids):
            news = [
                Block("p", (Segment(self.paragraph((40, 90))),))
                for _ in range(self.rng.randint(2, 3))
            ]
            title = f"Lettre d’information du RTES n°{n + k}"
            editions.append(
                replace(
                    template,
                    nid=nid,
                    slug=f"lettre-d-information-du-rtes-n{n + k}-{nid}",
                    title=title,
                    blocks=tuple(shared[:1] + news + shared[1:]),
                    is_private=False,
                    summary=(),
                    summary_kind="empty",
                    resource_type="Lettre d'information",
                    variant="d8",
                    published=template.published + timedelta(days=30 * k),
                )
            )
        self.count("newsletter_pair")
        return editions


def build_corpus(resources: int, seed: int = 7) -> Corpus:
    """`resources` mirror resources with the hard cases injected, and the labels."""
    base, files = sharded_resources(resources, seed)
    injector = _Injector(seed)
    rng = injector.rng
    next_nid = max(r.nid for r in base) + NID_STRIDE
    out: list[Resource] = []
    resource_of: dict[int, int] = {}
    public = [r for r in base if not r.is_private]
    template = public[0]
    for r in base:
        resource_of[r.nid] = r.nid
        if r.is_private:
            out.append(r)
            continue
        r = injector.body(r)
        out.append(r)
        if rng.random() < P_REPUBLISHED:
            next_nid += 1
            out.append(injector.republished(r, next_nid))
            resource_of[next_nid] = r.nid
    for k in range(max(1, resources * NEWSLETTER_PAIRS_PER_1000 // 1000)):
        nids = (next_nid + 1, next_nid + 2)
        next_nid += 2
        for edition in injector.newsletter_pair(template, nids, 100 + 2 * k):
            out.append(edition)
            resource_of[edition.nid] = edition.nid
    site = make_site(out, files, seed)
    labels = Labels(resource_of=resource_of, injected=dict(sorted(injector.counts.items())))
    for r in site.resources:
        flags: list[bool] = []
        cases: list[str] = []
        for b in r.blocks:
            n = len(b.texts())
            flags += [b.role == "repeat"] * n
            cases += [
                injector.case_of.get(b, "mirror_repeat" if b.role == "repeat" else b.role)
            ] * n
        labels.copy_flags[r.nid] = flags
        labels.block_cases[r.nid] = cases
        labels.summary_is_copy[r.nid] = r.summary_kind in ("copy", "truncated")
    return Corpus(site, labels, seed)


# --- pages -------------------------------------------------------------------------------


def iter_pages(site: Site, first_page: int = 0) -> Iterator[RawPage]:
    """Every page a crawl stores: listing pages, detail pages, /node/N pages linked in bodies.

    `first_page` numbers the listing pages from there (?page=N), so that the shards of a large
    corpus, rendered one at a time, never share a listing URL."""
    for listing in LISTINGS:
        pages = max(1, math.ceil(len(site.listed[listing.path]) / PAGE_SIZE))
        for number in range(first_page, first_page + pages):
            url = listing.path if number == 0 else f"{listing.path}?page={number}"
            yield RawPage(url, "listing", render.listing_page(site, listing, number - first_page))
    for r in site.resources:
        html = render.detail_page(site, r)
        yield RawPage(r.path, "detail", html)
        if r.nid in site.linked_nids:
            yield RawPage(f"/node/{r.nid}", "detail", html)


def truth_text_blocks(resource: Resource) -> list[str]:
    """The body text blocks a parser gets from the resource's detail page, in order."""
    return [t for b in resource.blocks for t in b.texts()]


def summary_paragraphs(resource: Resource) -> list[str]:
    paragraphs = [normalise("".join(s.text for s in p)) for p in resource.summary]
    return [p for p in paragraphs if p]
