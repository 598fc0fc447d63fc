"""pipeline.importer and `rtes-pipeline import-text`: splitting legacy text exports, cleaning, publishing."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline.cli import main
from pipeline.config import DEFAULT_DEDUP
from pipeline.errors import PipelineError
from pipeline.export_files import read_lines
from pipeline.import_run import import_part, run_import
from pipeline.importer import Splitter, pieces, resource_records, units
from pipeline.process import Processor
from rtes_core.schemas import with_version
from tests.importer import exports

SAMPLE = Path("/work/shared/samples/legacy-export-sample.txt")
LOCAL_SAMPLE = Path(__file__).parent / "legacy-export-sample.txt"
NOW = datetime(2024, 3, 1, tzinfo=UTC)
FIELDS = (
    "title",
    "summary",
    "paragraphs",
    "resource_type",
    "is_private",
    "categories",
    "documents",
)


def split_text(tmp_path: Path, text: str, name: str = "export.txt", encoding: str = "utf-8"):
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    processor = Processor(DEFAULT_DEDUP, "", "import-test")
    splitter = Splitter(processor.cleaner, name)
    found = [
        resource_records(r, processor, NOW) + (r,)
        for r in splitter.split(units(read_lines(path, encoding)))
    ]
    return found, splitter.warnings


def sample_path() -> Path:
    return SAMPLE if SAMPLE.exists() else LOCAL_SAMPLE


def test_sample_export_gives_one_clean_resource(tmp_path):
    found, warnings = split_text(tmp_path, sample_path().read_text(encoding="utf-8"))
    assert warnings == []
    assert len(found) == 1
    record, removed, _ = found[0]
    assert record["title"] == "Retours sur le séminaire PTCE des 3 et 4 mai 2016"
    assert record["summary"].startswith(
        "Le séminaire des 3 et 4 mai consacré au rôle des collectivités"
    )
    assert record["summary"].endswith("pour répondre aux besoins du territoire.")
    assert "\n" not in record["summary"]  # its first paragraph only
    assert record["resource_type"] == "Ressources RTES"
    assert record["is_private"] is False
    assert record["source_urls"] == ["file:export.txt#L3"]
    assert record["url"] is None and record["extraction_method"] == "legacy_text"
    assert record["resource_id"].startswith("text-")
    paragraphs = record["paragraphs"]
    # every body paragraph, once, in order
    assert paragraphs[0] == record["summary"]
    assert (
        paragraphs[-1] == "Retrouvez le programme détaillé du séminaire PTCE des 3 et 4 mai 2016."
    )
    assert "La Recyclerie des Ateliers de Castres" in paragraphs
    assert any(p.startswith("- Rencontre avec l'équipe des Ateliers à Castres") for p in paragraphs)
    assert any(p.startswith("Un très grand merci au Sicoval") for p in paragraphs)
    assert len(paragraphs) == len(set(paragraphs)) == 20
    # nothing from the footer, the header, or the NBSP-only lines
    for footer in ("Type de ressource", "Ressources RTES", "Ressource privée", "Non", "Résumé"):
        assert footer not in paragraphs
    assert not any(p.startswith("Réseau des collectivités") for p in paragraphs)
    assert all(p.strip() for p in paragraphs)
    # the removed side: header, five footer lines, the Résumé, and the 19 repeated paragraphs
    reasons = [r["reason"] for r in removed]
    assert reasons.count("boilerplate") == 1
    assert reasons.count("footer_field") == 5
    assert reasons.count("summary_copy") == 1
    assert reasons.count("exact_duplicate") == 19
    assert all(r["resource_id"] == record["resource_id"] for r in removed)


def test_generated_export_every_field(tmp_path):
    text, expected = exports.build_export(*exports.ALL)
    found, warnings = split_text(tmp_path, text)
    assert warnings == []
    assert [r["source_urls"] for r, _, _ in found] == [
        [f"file:export.txt#L{line}"] for line, _ in expected
    ]
    for (record, _removed, _), (_, truth) in zip(found, expected):
        for name in FIELDS:
            assert record[name] == truth[name], (truth["title"], name)
        assert record["body"] == ("\n\n".join(truth["paragraphs"]) or None)


def test_repeats_are_audited_as_duplicates(tmp_path):
    text, _ = exports.build_export(exports.resource_a, exports.resource_b)
    (a, removed_a, _), (b, removed_b, _) = split_text(tmp_path, text)[0]
    reasons = {r["text"][:30]: r["reason"] for r in removed_a}
    assert reasons[exports.LONG_A[:30]] in {"exact_duplicate", "summary_copy"}
    near = [r for r in removed_a if r["reason"] == "near_duplicate"]
    assert (
        len(near) == 1
        and "puisasnt" in near[0]["text"]
        and near[0]["duplicate_of_text"] == exports.LONG_B
    )
    assert [r["reason"] for r in removed_b if r["reason"].endswith("duplicate")] == [
        "exact_duplicate"
    ]
    assert {r["reason"] for r in removed_b} >= {
        "footer_field",
        "summary_field",
    }  # independent summary
    assert exports.SUMMARY_INDEPENDENT not in b["paragraphs"]


def test_resource_ids_are_stable_and_distinct(tmp_path):
    text, _ = exports.build_export(*exports.ALL)
    first = [r["resource_id"] for r, _, _ in split_text(tmp_path, text)[0]]
    again = [
        r["resource_id"] for r, _, _ in split_text(tmp_path, "\n\n" + text, name="other.txt")[0]
    ]
    assert first == again and len(set(first)) == len(first)


def test_pieces_split_list_items_and_join_lines():
    found = pieces(["Les ateliers", "-Premier point ;", "- Second", "point suite."])
    assert [p.text for p in found] == ["Les ateliers", "- Premier point ;", "- Second point suite."]
    assert [p.start for p in found] == [0, 1, 2]


def test_unsplittable_text_warns_with_file_and_line(tmp_path):
    text = (
        "Type de ressource\nÉtude\n\n" + exports.build_export(exports.resource_b, header=False)[0]
    )
    found, warnings = split_text(tmp_path, text, name="bad.txt")
    assert [r["title"] for r, _, _ in found] == ["Schéma de promotion des achats responsables"]
    assert len(warnings) == 1 and warnings[0].startswith("bad.txt:1: ")


def test_import_publishes_tables_and_report(tmp_path, capsys):
    text, expected = exports.build_export(*exports.ALL)
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "data"
    assert main(["import-text", str(tmp_path / "a.txt"), "--out", str(out)]) == 0
    assert "Imported 4 resources" in capsys.readouterr().out
    table = pq.read_table(out / "resources" / import_part(tmp_path / "a.txt"))
    assert table.schema.equals(with_version("resources"), check_metadata=False)
    assert (
        table.schema.metadata[b"rtes.schema"] == with_version("resources").metadata[b"rtes.schema"]
    )
    rows = table.to_pylist()
    assert [r["title"] for r in rows] == [t["title"] for _, t in expected]
    assert len({r["crawl_id"] for r in rows}) == 1 and rows[0]["crawl_id"].startswith("import-")
    removed = pq.read_table(out / "removed_blocks" / import_part(tmp_path / "a.txt"))
    assert removed.schema.equals(with_version("removed_blocks"), check_metadata=False)
    assert removed.num_rows > 0
    report = json.loads(next((out / "runs").glob("import-*/report.json")).read_text())
    assert (
        report["resources_written"] == 4 and report["warnings"] == [] and report["status"] == "ok"
    )
    assert not (out / ".staging").exists() or not any((out / ".staging").iterdir())


def test_import_keeps_the_crawled_part(tmp_path):
    out = tmp_path / "data"
    crawled = out / "resources" / "part-00000.parquet"
    crawled.parent.mkdir(parents=True)
    pq.write_table(pa.Table.from_pylist([], schema=with_version("resources")), crawled)
    before = crawled.read_bytes()
    run_import([sample_path()], out, now=NOW)
    assert (
        out / "resources" / "part-00000.parquet"
    ).read_bytes() == before  # no crawled row to join
    assert (out / "resources" / import_part(sample_path())).exists()


def test_cp1252_file_is_read_with_a_warning(tmp_path):
    text, _ = exports.build_export(exports.resource_b)
    path = tmp_path / "old.txt"
    path.write_text(text, encoding="cp1252")
    result = run_import([path], tmp_path / "data", now=NOW)
    assert result.counts["resources_written"] == 1
    assert any("cp1252" in w for w in result.warnings)
    row = pq.read_table(tmp_path / "data" / "resources").to_pylist()[0]
    assert row["title"] == "Schéma de promotion des achats responsables"


@pytest.mark.parametrize(
    "content, message",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10, "not a text export"),
        ("Juste un texte sans aucune étiquette.\n\nRien d'autre.\n".encode(), "no footer label"),
        (b"Type de ressource\n\x81\x8d\x90 bytes of no encoding\n", "neither UTF-8 nor cp1252"),
        (b"", "it is empty"),
    ],
)
def test_bad_input_gives_one_error_and_no_output(tmp_path, capsys, content, message):
    good = tmp_path / "good.txt"
    good.write_text(exports.build_export(exports.resource_a)[0], encoding="utf-8")
    bad = tmp_path / "bad.bin"
    bad.write_bytes(content)
    out = tmp_path / "data"
    assert main(["import-text", str(good), str(bad), "--out", str(out)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("rtes-pipeline: error: ") and message in err[0]
    assert not out.exists()
    with pytest.raises(PipelineError):
        run_import([bad], out)


def test_missing_file_is_an_error(tmp_path):
    with pytest.raises(PipelineError, match="no such file"):
        run_import([tmp_path / "nope.txt"], tmp_path / "data")
    assert not (tmp_path / "data").exists()


def test_splitter_streams_resources_one_at_a_time(tmp_path):
    text, expected = exports.build_export(*exports.ALL)
    lines = text.split("\n")
    second_start = expected[1][0]
    consumed = []

    def numbered():
        for number, line in enumerate(lines, 1):
            consumed.append(number)
            yield number, line

    processor = Processor(DEFAULT_DEDUP, "", "import-test")
    resources = Splitter(processor.cleaner, "x.txt").split(units(numbered()))
    first = next(resources)
    assert first.title == expected[0][1]["title"]
    assert max(consumed) < expected[2][0]  # the first is out before the third resource is read
    assert max(consumed) >= second_start


def test_mirror_generated_exports_split_right(tmp_path):
    """Hundreds of generated resources are measured by `make import-eval`; a small run guards it here."""
    from mirror.legacy_export import evaluate

    report = evaluate([5], 60, tmp_path)
    assert report["resources"] == 60
    assert report["exact_share"] >= 0.9
    assert (
        report["field_accuracy"]["title"] >= 0.95 and report["field_accuracy"]["paragraphs"] >= 0.95
    )


def test_file_name_before_a_sentence_loses_the_name_keeps_the_sentence(tmp_path):
    text = (
        sample_path()
        .read_text(encoding="utf-8")
        .replace(
            "Introduction des travaux, avec de gauche à droite",
            "document.jpg En ouverture de la journée, avec de gauche à droite",
        )
    )  # the body and its repeat
    found, warnings = split_text(tmp_path, text)
    assert warnings == [] and len(found) == 1
    record, removed, _ = found[0]
    assert any(
        p.startswith("En ouverture de la journée, avec de gauche à droite")
        for p in record["paragraphs"]
    )
    assert not any("document.jpg" in p for p in record["paragraphs"])
    assert any(r["reason"] == "inline_file_name" and r["text"] == "document.jpg" for r in removed)
