"""Deterministic French text about the social and solidarity economy (ESS)."""

from __future__ import annotations

import random
import re
import unicodedata

NBSP = "\u00a0"  # French typography: before « : ; ! ? » and inside « guillemets »

# Splits text into words for word counts (any whitespace run, NBSP included).
_WORDS = re.compile(r"\S+")
# Characters that are not ASCII letters or digits, collapsed to one dash in slugs.
_NON_SLUG = re.compile(r"[^a-z0-9]+")
# A hyphen between two letters (co-construction, tiers-lieux): a place to add a space.
_INNER_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")
# An en dash followed by a space: a place to remove that space.
_DASH_SPACE = re.compile(r"– ")
# A plain space between two words: a place to double it or make it non-breaking.
_PLAIN_SPACE = re.compile(r"(?<=\S) (?=\S)")

# "de le", "à les"… that French contracts to du, des, au, aux.
_CONTRACTIONS = re.compile(r"\b(de|à) (le|les) ")
# "de" before a vowel-initial word, elided to d’ (de Angers → d’Angers, de ancrer → d’ancrer).
_ELISION = re.compile(r"\bde (?=[AEIOUÉÈÎaeiouéèêî])")
_CONTRACTED = {("de", "le"): "du ", ("de", "les"): "des ", ("à", "le"): "au ", ("à", "les"): "aux "}

# Letters that NFKD does not decompose but pathauto transliterates.
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})

# The small edits a near-exact copy of a paragraph receives.
EDIT_KINDS = ("dash_space", "drop_period", "nbsp_swap", "double_space")

CITIES = (
    "Lyon",
    "Grenoble",
    "Lille",
    "Nantes",
    "Rennes",
    "Bordeaux",
    "Toulouse",
    "Montpellier",
    "Strasbourg",
    "Besançon",
    "Dijon",
    "Clermont-Ferrand",
    "Poitiers",
    "Limoges",
    "Brest",
    "Lorient",
    "Angers",
    "Tours",
    "Orléans",
    "Rouen",
    "Caen",
    "Amiens",
    "Metz",
    "Nancy",
    "Saint-Étienne",
    "Chambéry",
    "Annecy",
    "Valence",
    "Avignon",
    "Marseille",
    "Nice",
    "Pau",
    "Bayonne",
    "La Rochelle",
    "Niort",
    "Quimper",
    "Vannes",
    "Roubaix",
    "Villeurbanne",
    "Montreuil",
    "Saint-Denis",
    "Aubagne",
    "Alès",
    "Périgueux",
    "Auch",
)
REGIONS = (
    "Auvergne-Rhône-Alpes",
    "Bourgogne-Franche-Comté",
    "Bretagne",
    "Centre-Val de Loire",
    "Grand Est",
    "Hauts-de-France",
    "Île-de-France",
    "Normandie",
    "Nouvelle-Aquitaine",
    "Occitanie",
    "Pays de la Loire",
    "Provence-Alpes-Côte d’Azur",
)
FIRST_NAMES = (
    "Marie",
    "Sophie",
    "Claire",
    "Nathalie",
    "Isabelle",
    "Camille",
    "Julie",
    "Hélène",
    "Anne",
    "Élise",
    "Pierre",
    "Jean",
    "Thomas",
    "Nicolas",
    "François",
    "Olivier",
    "Stéphane",
    "Laurent",
    "Mathieu",
    "Benoît",
    "Yannick",
    "Gaëlle",
    "Loïc",
    "Agnès",
)
LAST_NAMES = (
    "Martin",
    "Bernard",
    "Dubois",
    "Durand",
    "Lefèvre",
    "Moreau",
    "Laurent",
    "Garnier",
    "Rousseau",
    "Fontaine",
    "Chevalier",
    "Lemaire",
    "Mercier",
    "Blanchard",
    "Guérin",
    "Boyer",
    "Roux",
    "Perrin",
    "Morel",
    "Girard",
    "Bonnet",
    "Dupré",
    "Lambert",
    "Faure",
)
ROLES = (
    "vice-présidente chargée de l’ESS",
    "adjoint au maire délégué à l’économie solidaire",
    "conseillère communautaire",
    "chargé de mission ESS",
    "directrice du développement",
    "co-président du RTES",
    "responsable des achats",
    "déléguée générale",
    "conseiller régional",
    "chargée d’études",
)
# Actors as (phrase, is_plural); {city} and {region} are filled in.
ACTORS = (
    ("les collectivités territoriales", True),
    ("la métropole de {city}", False),
    ("la communauté d’agglomération de {city}", False),
    ("la région {region}", False),
    ("le conseil départemental", False),
    ("les élus locaux", True),
    ("le réseau RTES", False),
    ("les acteurs de l’économie sociale et solidaire", True),
    ("les structures de l’insertion par l’activité économique", True),
    ("les coopératives d’intérêt collectif", True),
    ("la ville de {city}", False),
    ("le pôle territorial de coopération économique de {city}", False),
    ("les associations employeuses", True),
    ("les services achats", True),
    ("les chargés de mission ESS", True),
    ("les SCIC du territoire", True),
    ("les entreprises adaptées", True),
    ("la chambre régionale de l’ESS", False),
    ("les communautés de communes rurales", True),
    ("le groupe de travail", False),
    ("les habitants", True),
    ("les tiers-lieux de {city}", True),
)
# Verbs as (singular, plural), present tense.
VERBS = (
    ("accompagne", "accompagnent"),
    ("soutient", "soutiennent"),
    ("structure", "structurent"),
    ("expérimente", "expérimentent"),
    ("renforce", "renforcent"),
    ("finance", "financent"),
    ("co-construit", "co-construisent"),
    ("mutualise", "mutualisent"),
    ("évalue", "évaluent"),
    ("développe", "développent"),
    ("favorise", "favorisent"),
    ("repense", "repensent"),
    ("outille", "outillent"),
    ("valorise", "valorisent"),
)
OBJECTS = (
    "la commande publique responsable",
    "les clauses sociales dans les marchés publics",
    "les circuits courts alimentaires",
    "l’accès au foncier agricole",
    "les tiers-lieux",
    "le réemploi des matériaux",
    "les monnaies locales complémentaires",
    "la finance solidaire",
    "les emplois non délocalisables",
    "les services d’intérêt économique général",
    "les conventions pluriannuelles d’objectifs",
    "les pôles territoriaux de coopération économique",
    "l’économie circulaire",
    "les projections alimentaires territoriales",
    "la mobilité solidaire",
    "les coopératives d’activité et d’emploi",
    "l’entrepreneuriat collectif",
    "la rénovation énergétique des logements",
    "les recycleries",
    "l’habitat participatif",
    "les achats socialement responsables",
    "la co-construction des politiques publiques",
    "les subventions de fonctionnement",
    "l’innovation sociale",
    "les épiceries solidaires",
    "les jardins partagés",
    "la transition écologique",
    "les dispositifs locaux d’accompagnement",
    "les fonds territoriaux",
    "l’insertion par l’activité économique",
    "le mécénat de compétences",
    "les marchés réservés",
    "l’alimentation durable",
    "les communs",
    "le numérique responsable",
    "les filières de proximité",
)
GOALS = (
    "soutenir l’emploi local",
    "favoriser la transition écologique",
    "renforcer la cohésion sociale",
    "structurer les filières de proximité",
    "développer des achats responsables",
    "accompagner les porteurs de projets",
    "ancrer l’activité économique dans les territoires",
    "lutter contre la précarité alimentaire",
    "sécuriser le financement des associations",
    "mieux associer les habitants",
    "mesurer l’impact social des projets",
    "faciliter l’accès des petites structures aux marchés",
    "créer des emplois durables",
    "partager les bonnes pratiques entre territoires",
    "sortir d’une logique de guichet",
    "coopérer plutôt que mettre en concurrence",
    "relocaliser la production",
    "réduire les déchets à la source",
)
FRAMES = (
    "la loi ESS de 2014",
    "le plan de relance",
    "un appel à projets régional",
    "la stratégie régionale de l’ESS",
    "un projet alimentaire territorial",
    "le schéma de promotion des achats responsables",
    "un contrat de ville",
    "la démarche « Territoires zéro chômeur de longue durée »",
    "le programme européen FSE+",
    "une convention de partenariat",
    "le Mois de l’ESS",
)
EVENTS = (
    "la journée d’échanges",
    "la rencontre nationale",
    "l’atelier régional",
    "le séminaire",
    "la formation des élus",
    "le webinaire",
    "les Rencontres du RTES",
)
DOCS = (
    "un guide pratique consacré",
    "une note de synthèse consacrée",
    "un recueil d’expériences consacré",
    "une étude d’impact consacrée",
    "un cahier des charges type consacré",
    "une fiche repère consacrée",
)
MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
# Topics used in titles, short enough for a slug.
TOPICS = (
    "PTCE",
    "commande publique",
    "alimentation durable",
    "finances solidaires",
    "coopération",
    "emploi",
    "économie circulaire",
    "tiers-lieux",
    "SIEG",
    "marchés publics",
    "innovation sociale",
    "mobilité solidaire",
    "habitat participatif",
    "réemploi",
    "monnaies locales",
    "insertion",
    "transition écologique",
    "subventions",
)
SHORT_PARAGRAPHS = (
    "Téléchargez la version pour impression.",
    "Consultez le programme complet.",
    "Retrouvez les présentations des intervenants ci-dessous.",
    f"Bonne lecture{NBSP}!",
    "Les supports sont disponibles en fin de page.",
    "Inscription gratuite mais obligatoire.",
)
HEADINGS = (
    "Contexte",
    "Les enjeux pour les collectivités",
    "Programme de la journée",
    "Pour aller plus loin",
    "Les intervenants",
    "Ce qu’il faut retenir",
    "Ressources complémentaires",
    "Témoignages",
    "Prochaines étapes",
    "Méthodologie",
    "Les chiffres clés",
    "Retour d’expérience",
    "Questions des participants",
)
# External partners as (link text, URL) for inline links.
PARTNERS = (
    ("ESS France", "https://www.ess-france.org/"),
    ("le Labo de l’ESS", "https://www.lelabo-ess.org/"),
    ("l’Avise", "https://www.avise.org/"),
    ("France Active", "https://www.franceactive.org/"),
    ("l’ADEME", "https://www.ademe.fr/"),
    ("le portail des marchés publics", "https://www.marches-publics.gouv.fr/"),
    ("le ministère de l’Économie", "https://www.economie.gouv.fr/"),
    ("la Banque des territoires", "https://www.banquedesterritoires.fr/"),
)
MAILBOXES = ("contact", "communication", "formation", "adhesion", "ressources")

# Sentence templates; slots are filled by _slots().
TEMPLATES = (
    "{Actor} {verb} {object} {complement}.",
    "À {city}, {actor} {verb} {object} depuis {year}.",
    "Selon {person}, {role}, «{nb}{object}{nb}: un levier essentiel pour {goal}{nb}».",
    "L’enjeu est double{nb}: {goal} et {goal2}.",
    "{n} structures ont répondu à l’appel à projets, pour un montant total de {amount} euros.",
    "Sur {object} – et {object2} en particulier –, {actor} {verb} {object3} {complement}.",
    "Le dispositif, co-construit avec {actor}, vise à {goal} {complement}.",
    "Les participants ont souligné l’importance de {object} pour {goal}.",
    "Dans le cadre de {frame}, {actor} {verb} {object}.",
    "{Actor} {have} présenté {doc} à {object}, disponible en téléchargement.",
    "Plusieurs pistes ont été évoquées{nb}: {object}, {object2} et {object3}.",
    "Cette démarche s’inscrit dans {frame} et mobilise {n} partenaires en {region}.",
    "Pour {person}, {role} à {city}, il s’agit avant tout de {goal}.",
    "{pct}{nb}% des collectivités interrogées en {year} déclarent vouloir {goal}.",
    "Le groupe de travail se réunira à nouveau le {day} {month} {year} à {city}.",
    "La table ronde animée par {person} a permis de croiser les regards sur {object}.",
    "Au-delà de {object}, {actor} {verb} désormais {object2} {complement}.",
    "Lors de {event} de {city}, {n} élus et techniciens ont échangé sur {object}.",
    "Comment {goal} sans fragiliser {object}{nb}? C’est la question posée par {person}.",
    "En {region}, {actor} {verb} {object} avec un budget annuel de {amount} euros.",
)
COMPLEMENTS = (
    "à l’échelle du bassin de vie",
    "en lien étroit avec les habitants",
    "depuis {year}",
    "sur {n} communes",
    "avec {n} partenaires locaux",
    "grâce à un fonds doté de {amount} euros",
    "en partenariat avec {partner}",
    "dans une logique de coopération",
    "au plus près des besoins du territoire",
    "malgré des moyens limités",
    "sur une durée de {n} mois",
    "à {city} et alentour",
)


def normalise(text: str) -> str:
    """NFC, every whitespace run (NBSP included) to one space, stripped."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def contract(text: str) -> str:
    """Apply the mandatory French contractions and elisions (de le → du, de Alès → d’Alès)."""
    text = _CONTRACTIONS.sub(lambda m: _CONTRACTED[m.group(1), m.group(2)], text)
    return _ELISION.sub("d’", text)


def word_count(text: str) -> int:
    """Number of whitespace-separated words."""
    return len(_WORDS.findall(text))


def capitalise(text: str) -> str:
    """Upper-case the first letter only (keeps l’ and acronyms intact)."""
    return text[:1].upper() + text[1:]


def slugify(text: str, max_length: int = 100) -> str:
    """Pathauto-like ASCII slug: transliterated, lower case, dash separated."""
    flat = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    ascii_text = "".join(c for c in flat if not unicodedata.combining(c)).lower()
    return _NON_SLUG.sub("-", ascii_text).strip("-")[:max_length].strip("-")


def person(rng: random.Random) -> str:
    """A French first and last name."""
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def _slots(rng: random.Random) -> dict[str, str]:
    """Every template slot filled with a fresh random value."""
    city, region = rng.choice(CITIES), rng.choice(REGIONS)
    phrase, plural = rng.choice(ACTORS)
    actor = phrase.format(city=city, region=region)
    objects = rng.sample(OBJECTS, 3)
    goals = rng.sample(GOALS, 2)
    n, year = str(rng.randint(3, 60)), str(rng.randint(2008, 2026))
    amount = f"{rng.randint(2, 950)}{NBSP}000"
    complement = rng.choice(COMPLEMENTS).format(
        year=year, n=n, amount=amount, city=city, partner=rng.choice(PARTNERS)[0]
    )
    return {
        "actor": actor,
        "Actor": capitalise(actor),
        "verb": rng.choice(VERBS)[plural],
        "have": "ont" if plural else "a",
        "object": objects[0],
        "Object": capitalise(objects[0]),
        "object2": objects[1],
        "object3": objects[2],
        "goal": goals[0],
        "goal2": goals[1],
        "city": city,
        "region": region,
        "year": year,
        "n": n,
        "amount": amount,
        "complement": complement,
        "person": person(rng),
        "role": rng.choice(ROLES),
        "frame": rng.choice(FRAMES),
        "doc": rng.choice(DOCS),
        "event": rng.choice(EVENTS),
        "nb": NBSP,
        "pct": str(rng.randint(12, 91)),
        "day": str(rng.randint(1, 28)),
        "month": rng.choice(MONTHS),
    }


class Writer:
    """Generates sentences that are never repeated within one site."""

    def __init__(self) -> None:
        """Start with no sentence used."""
        self._used: set[str] = set()

    def sentence(self, rng: random.Random) -> str:
        """A sentence never produced before by this writer."""
        while True:
            text = contract(capitalise(rng.choice(TEMPLATES).format(**_slots(rng))))
            if text not in self._used:
                self._used.add(text)
                return text

    def sentences(self, rng: random.Random, min_words: int, max_words: int) -> list[str]:
        """Sentences totalling min_words..max_words words (when the templates allow)."""
        target = rng.randint(min_words, max_words)
        out: list[str] = []
        words = 0
        while words < target:
            candidate = self.sentence(rng)
            extra = word_count(candidate)
            # Stop before overshooting the cap once the minimum is reached.
            if words >= min_words and words + extra > max_words:
                break
            out.append(candidate)
            words += extra
        return out


def small_edit(rng: random.Random, text: str, kind: str | None = None) -> str:
    """The text with one small edit (dash space, dropped period, NBSP swap, double space)."""
    kinds = [kind] if kind else list(EDIT_KINDS)
    rng.shuffle(kinds)
    for choice in kinds + ["double_space"]:
        edited = _apply_edit(rng, text, choice)
        if edited != text:
            return edited
    return text


def _apply_edit(rng: random.Random, text: str, kind: str) -> str:
    """One edit of the given kind, or the text unchanged when it does not apply."""
    if kind == "dash_space":
        spots = [m.start() for m in _DASH_SPACE.finditer(text)]
        if spots:
            at = rng.choice(spots)
            return text[: at + 1] + text[at + 2 :]
        spots = [m.start() for m in _INNER_HYPHEN.finditer(text)]
        if spots:
            at = rng.choice(spots)
            return text[: at + 1] + " " + text[at + 1 :]
        return text
    if kind == "drop_period":
        return text[:-1] if text.endswith(".") else text
    if kind == "nbsp_swap":
        if NBSP in text:
            at = rng.choice([i for i, c in enumerate(text) if c == NBSP])
            return text[:at] + " " + text[at + 1 :]
        return _replace_space(rng, text, NBSP)
    if kind == "double_space":
        return _replace_space(rng, text, "  ")
    raise ValueError(f"unknown edit kind {kind!r}")


def _replace_space(rng: random.Random, text: str, replacement: str) -> str:
    """Replace one random inner plain space with the replacement."""
    spots = [m.start() for m in _PLAIN_SPACE.finditer(text)]
    if not spots:
        return text
    at = rng.choice(spots)
    return text[:at] + replacement + text[at + 1 :]
