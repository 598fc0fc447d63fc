"""pipeline.clean.steps: the step contract, the order of STEPS, and the per-step counts."""

import pickle

import pytest

from pipeline import parallel
from pipeline.clean import STEPS, Candidate, Cleaner, StepResult
from pipeline.clean.steps import (
    Boilerplate,
    ExactDuplicates,
    FieldBlocks,
    InlineNoise,
    NearDuplicates,
    PageFurniture,
)
from pipeline.config import DedupConfig
from pipeline.process.compaction import Compactor
from rtes_core.extract import Block
from rtes_core.text import comparison_key
from tests.pages import FILES

CONFIG = DedupConfig()
LONG = (
    "Ce guide présente les leviers dont disposent les collectivités territoriales pour intégrer des "
    "clauses sociales et environnementales dans leurs marchés publics, avec des exemples concrets."
)
OTHER = "Un second paragraphe, distinct du premier, sur les budgets participatifs des communes."


def candidates(*blocks: Block) -> list[Candidate]:
    return [
        Candidate(i, b.text, b.origin, comparison_key(b.text), b.text) for i, b in enumerate(blocks)
    ]


def test_steps_run_in_one_listed_order_with_distinct_names():
    names = [step(CONFIG).name for step in STEPS]
    assert names == [
        "inline_noise",
        "field_blocks",
        "empty",
        "boilerplate",
        "file_name_residue",
        "page_furniture",
        "exact_duplicates",
        "near_duplicates",
    ]


def test_a_filter_step_keeps_the_body_and_drops_chrome_with_its_reason():
    result = Boilerplate(CONFIG).run(
        candidates(Block(LONG, "body"), Block("Lire la suite", "body"))
    )
    assert isinstance(result, StepResult)
    assert [c.text for c in result.kept] == [LONG]
    assert [(r.position, r.text, r.reason) for r in result.dropped] == [
        (1, "Lire la suite", "boilerplate")
    ]


def test_field_blocks_drop_fields_summary_and_date_line_but_keep_the_body():
    blocks = candidates(
        Block(LONG, "body"),
        Block("Type : Guide", "field"),
        Block("Résumé du guide", "summary"),
        Block("Publié le 1 mars 2024", "date"),
        Block("Par Rédaction RTES", "meta"),
    )
    result = FieldBlocks(CONFIG).run(blocks)
    assert [c.text for c in result.kept] == [LONG]
    assert [r.reason for r in result.dropped] == [
        "footer_field",
        "summary_field",
        "date_line",
        "post_meta",
    ]


def test_inline_noise_cuts_a_file_name_keeps_the_sentences_and_audits_the_original():
    text = "Le programme est en ligne. programme.pdf Les inscriptions sont ouvertes."
    result = InlineNoise(CONFIG).run(candidates(Block(text, "body")))
    assert [c.text for c in result.kept] == [
        "Le programme est en ligne. Les inscriptions sont ouvertes."
    ]
    assert [(r.text, r.reason) for r in result.edits] == [("programme.pdf", "inline_file_name")]
    assert result.kept[0].original == text and result.dropped == []


@pytest.mark.parametrize(
    "caption, credit",
    [
        ("Rencontre du réseau RTES (photo : RTES)", "(photo : RTES)"),
        ("Le jardin partagé de Lodève (© Ville de Lodève)", "(© Ville de Lodève)"),
        (
            "Atelier du 12 mai (crédit photo : Mathilde Cybulski)",
            "(crédit photo : Mathilde Cybulski)",
        ),
        ("Atelier du 12 mai © Mathilde Cybulski", "© Mathilde Cybulski"),
    ],
)
def test_a_caption_loses_its_closing_credit_and_keeps_its_words(caption, credit):
    result = InlineNoise(CONFIG).run(candidates(Block(caption, "body")))
    assert [c.text for c in result.kept] == [caption.removesuffix(credit).rstrip()]
    assert [(r.text, r.reason) for r in result.edits] == [(credit, "photo_credit")]


@pytest.mark.parametrize(
    "text",
    [
        "Les collectivités (communes, départements, régions) soutiennent l’ESS.",
        "Le portail des photos (voir la galerie)",
        "La SCIC (société coopérative d’intérêt collectif)",
    ],
)
def test_a_closing_bracket_that_credits_no_one_stays(text):
    result = InlineNoise(CONFIG).run(candidates(Block(text, "body")))
    assert [c.text for c in result.kept] == [text] and result.edits == []


def test_the_title_of_a_closing_box_of_credits_goes_with_them_a_closing_sentence_stays():
    body = Block("Le premier paragraphe du corps rappelle le contexte de la journée.", "body")
    boxed = candidates(body, Block("Post-scriptum", "body"), Block("Crédit photo : RTES", "body"))
    result = PageFurniture(CONFIG).run(boxed)
    assert [c.text for c in result.kept] == [body.text]
    assert [(r.text, r.reason) for r in result.dropped] == [
        ("Post-scriptum", "furniture_title"),
        ("Crédit photo : RTES", "photo_credit"),
    ]
    closing = candidates(body, Block("Merci à tous.", "body"), Block("© RTES", "body"))
    assert [c.text for c in PageFurniture(CONFIG).run(closing).kept] == [body.text, "Merci à tous."]
    inside = candidates(Block("Crédits", "body"), Block("© RTES", "body"), body)
    assert [c.text for c in PageFurniture(CONFIG).run(inside).kept] == ["Crédits", body.text]


def test_exact_duplicates_name_the_block_they_copy():
    result = ExactDuplicates(CONFIG).run(
        candidates(Block(OTHER, "body"), Block(OTHER + " ", "body"))
    )
    assert [c.position for c in result.kept] == [0]
    assert (result.dropped[0].reason, result.dropped[0].duplicate_of_position) == (
        "exact_duplicate",
        0,
    )


def test_cleaner_counts_kept_and_dropped_blocks_per_step():
    cleaner = Cleaner(CONFIG)
    cleaned = cleaner.clean(
        [
            Block(LONG, "body"),
            Block("Type : Guide", "field"),
            Block("Lire la suite", "body"),
            Block(LONG, "body"),
        ]
    )
    assert cleaned.paragraphs == [LONG]
    stats = cleaner.stats
    assert list(stats) == [step(CONFIG).name for step in STEPS]
    assert (stats["inline_noise"].blocks, stats["inline_noise"].kept) == (4, 4)
    assert (stats["field_blocks"].kept, stats["field_blocks"].dropped) == (3, 1)
    assert (stats["boilerplate"].kept, stats["boilerplate"].dropped) == (2, 1)
    assert (stats["exact_duplicates"].kept, stats["exact_duplicates"].dropped) == (1, 1)
    assert sum(s.dropped for s in stats.values()) == len(cleaned.removed) == 3
    assert all(s.seconds >= 0 for s in stats.values())


def test_a_copy_sent_to_a_worker_counts_afresh():
    cleaner = Cleaner(CONFIG)
    cleaner.clean([Block(LONG, "body")])
    copy = pickle.loads(pickle.dumps(cleaner))
    assert cleaner.stats["inline_noise"].blocks == 1
    assert copy.stats["inline_noise"].blocks == 0
    assert copy.clean([Block(LONG, "body")]).paragraphs == [LONG]


def test_pooled_compaction_brings_the_workers_counts_back(monkeypatch):
    monkeypatch.setattr(parallel, "CHUNK_PAGES", 1)  # one chunk per page: several worker copies
    pages = [("d8_detail", "detail"), ("d7_detail", "detail"), ("labels_detail", "detail")] * 2
    rows = [
        {
            "url": f"https://www.rtes.fr/{name}-{i}",
            "final_url": "",
            "status": 200,
            "page_kind": kind,
            "html": (FILES / f"{name}.html").read_text(encoding="utf-8"),
        }
        for i, (name, kind) in enumerate(pages)
    ]
    counted = {}
    for workers in (1, 2):
        compactor = Compactor(Cleaner(CONFIG))
        found = list(parallel.extract_rows(rows, workers=workers, prepare=compactor))
        assert all(extracted[0] and extracted[0][0].compacted for _, extracted in found)
        stats = compactor.cleaner.stats
        counted[workers] = {name: (s.blocks, s.kept, s.dropped, s.cut) for name, s in stats.items()}
    assert counted[2] == counted[1]
    assert counted[1]["field_blocks"][2] > 0  # the detail pages' field blocks were dropped


def test_every_cleaning_threshold_is_in_the_config_and_its_metadata():
    import json
    from dataclasses import replace

    recorded = json.loads(CONFIG.as_metadata())
    for name in (
        "typo_word_similarity",
        "prefix_candidate_chars",
        "max_residue_words",
        "max_credit_words",
        "max_caption_chars",
        "merge_title_jaccard",
    ):
        assert recorded[name] == getattr(CONFIG, name)
    residue = [Block(LONG, "body"), Block("Programme journée.png", "body")]
    assert Cleaner(CONFIG).clean(residue).paragraphs == [LONG]  # two words of file name: residue
    strict = Cleaner(replace(CONFIG, max_residue_words=1))
    assert strict.clean(residue).paragraphs == [LONG, "Programme journée.png"]  # the config decides


@pytest.mark.parametrize(
    "tools", ["Imprimer | Envoyer à un ami", "- Envoyer à un ami", "Version imprimable"]
)
def test_a_pages_tools_line_is_boilerplate_a_sentence_opening_so_is_not(tools):
    sentence = "Envoyer à un ami le programme de la journée permet de le partager."
    result = Boilerplate(CONFIG).run(candidates(Block(tools, "body"), Block(sentence, "body")))
    assert [c.text for c in result.kept] == [sentence]
    assert [(r.text, r.reason) for r in result.dropped] == [(tools, "boilerplate")]


def test_a_cut_or_copied_lead_before_its_whole_paragraph_goes_the_paragraph_stays():
    whole = Block(LONG + " " + OTHER, "body")
    cut = Block(LONG[:120].rsplit(" ", 1)[0] + " …", "body")
    result = NearDuplicates(CONFIG).run(candidates(cut, whole))
    assert [c.text for c in result.kept] == [whole.text]
    assert [(r.position, r.reason, r.duplicate_of_position) for r in result.dropped] == [
        (0, "near_duplicate", 1)
    ]
    # a standfirst copying the paragraph's opening sentence, not cut, goes too
    result = NearDuplicates(CONFIG).run(candidates(Block(LONG, "body"), whole))
    assert [c.text for c in result.kept] == [whole.text]
    assert [(r.position, r.duplicate_of_position) for r in result.dropped] == [(0, 1)]
    # a sentence from further in the paragraph (a pull quote) stays, and so does the paragraph
    quote = Block(OTHER, "body")
    assert len(NearDuplicates(CONFIG).run(candidates(quote, whole)).kept) == 2
