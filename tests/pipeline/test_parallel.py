"""pipeline.parallel: pooled extraction and cleaning give the serial results, in order."""

from pipeline import parallel
from pipeline.clean import Cleaner
from pipeline.config import DedupConfig
from rtes_core.extract import Block, occurrences_from_html
from tests.pages import FILES

SITE = "https://www.rtes.fr"


def rows():
    out = []
    for name, kind in [
        ("d8_detail", "detail"),
        ("listing", "listing"),
        ("d7_detail", "detail"),
        ("labels_detail", "detail"),
    ] * 3:
        out.append(
            {
                "url": f"{SITE}/{name}",
                "final_url": f"{SITE}/{name}",
                "status": 200,
                "page_kind": kind,
                "html": (FILES / f"{name}.html").read_text(encoding="utf-8"),
            }
        )
    out.insert(
        2,
        {
            "url": f"{SITE}/sitemap.xml",
            "final_url": "",
            "status": 200,
            "page_kind": "sitemap",
            "html": "<urlset/>",
        },
    )
    out.insert(
        5,
        {"url": f"{SITE}/gone", "final_url": "", "status": 404, "page_kind": "detail", "html": "x"},
    )
    return out


def test_pooled_extraction_equals_serial_extraction_in_input_order(monkeypatch):
    monkeypatch.setattr(parallel, "CHUNK_PAGES", 2)  # several chunks in flight
    pooled = list(parallel.extract_rows(rows(), workers=2))
    assert [r["url"] for r, _ in pooled] == [r["url"] for r in rows()]
    for row, (meta, extracted) in zip(rows(), pooled):
        if parallel.wants_extraction(row):
            assert "html" not in meta  # the HTML is not kept once handed to a worker
            assert extracted == (
                occurrences_from_html(row["html"], row["url"], row["page_kind"]),
                None,
            )
            assert extracted[0]
        else:
            assert extracted is None and meta["html"] == row["html"]  # sitemap and 404 rows keep it


def test_a_page_that_breaks_extraction_is_reported_not_fatal(monkeypatch):
    def broken(html, url, kind):
        if "listing" in url:
            raise ValueError("bad markup")
        return []

    monkeypatch.setattr(parallel, "occurrences_from_html", broken)
    results = [extracted for _, extracted in parallel.extract_rows(rows(), workers=1)]
    assert (None, "ValueError: bad markup") in results
    assert ([], None) in results


def test_map_in_order_on_two_workers_equals_serial_and_keeps_errors():
    cleaner = Cleaner(DedupConfig())
    text = (
        "Le réseau accompagne les collectivités qui développent des politiques locales en faveur "
        "de l'économie sociale et solidaire, avec des rencontres régionales et des outils partagés."
    )
    items = [[Block(text, "body"), Block(text.replace("réseau", "reseau"), "body")]] * 40 + [
        None
    ] * 30

    def clean(blocks):
        return cleaner.clean(blocks).paragraphs

    serial = list(parallel.map_in_order(clean, items, workers=1))
    pooled = list(parallel.map_in_order(clean, items, workers=2))
    assert pooled == serial
    assert pooled[0] == ([text], None)
    assert pooled[-1][0] is None and pooled[-1][1].startswith("TypeError")
    assert parallel._worker_function is None  # only the workers ever held the function
