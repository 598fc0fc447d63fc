"""A small generator of legacy text exports with known truth, for the importer tests."""

from __future__ import annotations

NBSP = "\u00a0"
HEADER = "Réseau des collectivités Territoriales pour une Économie Solidaire"

LONG_A = (
    "Le réseau a réuni plus de quatre-vingts élus et techniciens autour des achats responsables, "
    "avec des témoignages de collectivités rurales et urbaines sur leurs marchés réservés."
)
LONG_B = (
    "Les échanges ont montré que la clause sociale reste un levier d’insertion puissant, à condition "
    "d’accompagner les entreprises et de suivre les heures réalisées sur la durée du marché."
)
LONG_C = (
    "La métropole présente son schéma de promotion des achats socialement et écologiquement "
    "responsables, adopté après une concertation de deux ans avec les acteurs locaux."
)
LONG_D = (
    "Un guide pratique rassemble les fiches expériences des territoires, les modèles de clauses "
    "et les contacts des facilitateurs départementaux qui accompagnent les acheteurs."
)
SUMMARY_INDEPENDENT = (
    "Une synthèse des débats sur la commande publique responsable, rédigée par l’équipe "
    "du réseau pour les adhérents."
)
# A title that reads like a sentence: long, with a final period.
SENTENCE_TITLE = (
    "Les collectivités territoriales s’engagent pour une alimentation durable et locale dans "
    "leurs cantines scolaires."
)


def resource_a() -> tuple[list[str], dict]:
    """Summary copy of the lead, full repeat with small edits, a list attached to a heading."""
    lines = [
        "Achats responsables : retours de la journée du 12 mars",
        "",
        LONG_A,
        "",
        "",
        "Les ateliers",
        "-Clauses sociales dans les marchés de travaux ;",
        "- Marchés réservés.",
        "",
        LONG_B,
        "",
        f"{NBSP}",
        "",
        "Type de ressource",
        "Compte-rendu",
        "Ressource privée",
        "Non",
        "Catégorie",
        "Commande publique",
        "Emploi",
        "Documents",
        "Programme de la journée",
        "Résumé",
        "",
        LONG_A,
        "",
        # the repeat: a period dropped, a dash space added, an NBSP, a one-letter typo
        LONG_A[:-1],
        "",
        "Les ateliers",
        "- Clauses sociales dans les marchés de travaux ;",
        "-Marchés réservés.",
        "",
        LONG_B.replace("la clause", f"la{NBSP}clause").replace("puissant", "puisasnt"),
        "",
    ]
    truth = {
        "title": "Achats responsables : retours de la journée du 12 mars",
        "summary": LONG_A,
        "paragraphs": [
            LONG_A,
            "Les ateliers",
            "- Clauses sociales dans les marchés de travaux ;",
            "- Marchés réservés.",
            LONG_B,
        ],
        "resource_type": "Compte-rendu",
        "is_private": False,
        "categories": ["Commande publique", "Emploi"],
        "documents": [{"title": "Programme de la journée", "url": None}],
    }
    return lines, truth


def resource_b() -> tuple[list[str], dict]:
    """Reordered fields, empty fields as bare labels, an independent summary, a partial repeat."""
    lines = [
        "Schéma de promotion des achats responsables",
        "",
        LONG_C,
        "",
        LONG_D,
        "",
        "",
        "Résumé",
        "",
        SUMMARY_INDEPENDENT,
        "",
        "Documents",
        "Catégorie",
        "Ressource privée",
        "Non",
        "Type de ressource",
        "Ressources RTES",
        "",
        "",
        LONG_D.replace(" ;", ";") + ".",
        "",
    ]  # only the second paragraph repeated, final period added
    truth = {
        "title": "Schéma de promotion des achats responsables",
        "summary": SUMMARY_INDEPENDENT,
        "paragraphs": [LONG_C, LONG_D],
        "resource_type": "Ressources RTES",
        "is_private": False,
        "categories": [],
        "documents": [],
    }
    return lines, truth


def resource_c() -> tuple[list[str], dict]:
    """A sentence-like title, no Résumé at all, no repeat; a private resource."""
    lines = [
        SENTENCE_TITLE,
        "",
        "Cette ressource est réservée aux adhérents du RTES.",
        "",
        LONG_B.upper(),
        "",
        "Ressource privée",
        "Oui",
        "Type de ressource",
        "Étude",
        "",
    ]
    truth = {
        "title": SENTENCE_TITLE,
        "summary": None,
        "paragraphs": [],
        "resource_type": "Étude",
        "is_private": True,
        "categories": [],
        "documents": [],
    }
    return lines, truth


def resource_d() -> tuple[list[str], dict]:
    """A contact paragraph over several lines, a Résumé that copies the lead, repeat = part of body."""
    lines = [
        "Tiers-lieux et collectivités",
        "",
        LONG_D,
        "",
        f"Contact{NBSP}:",
        "Claire Dubois",
        "communication@rtes.fr",
        "",
        LONG_C,
        "",
        "Catégorie",
        "Tiers-lieux",
        "Résumé",
        "",
        LONG_D,
        "",
        "Type de ressource",
        "Points de RepèrESS",
        "",
        LONG_C,
        "",
    ]
    truth = {
        "title": "Tiers-lieux et collectivités",
        "summary": LONG_D,
        "paragraphs": [LONG_D, "Contact : Claire Dubois communication@rtes.fr", LONG_C],
        "resource_type": "Points de RepèrESS",
        "is_private": None,
        "categories": ["Tiers-lieux"],
        "documents": [],
    }
    return lines, truth


def build_export(*resources, header: bool = True) -> tuple[str, list[tuple[int, dict]]]:
    """The export text and, per resource, (line of its title, truth)."""
    lines = [HEADER, "", ""] if header else []
    found = []
    for make in resources:
        block, truth = make()
        found.append((len(lines) + 1, truth))
        lines += block
    return "\n".join(lines) + "\n", found


ALL = (resource_a, resource_b, resource_c, resource_d)
