"""pipeline.rows.RowBuffer: rows stored as Arrow batches read back as the dicts that went in."""

import pyarrow as pa
import pytest

from pipeline import rows as rows_module
from pipeline.rows import RowBuffer

SCHEMA = pa.schema([("id", pa.string()), ("words", pa.list_(pa.string())), ("text", pa.string())])


def joined(row):
    return " ".join(row["words"]) or None


@pytest.fixture(autouse=True)
def small_batches(monkeypatch):
    monkeypatch.setattr(rows_module, "BATCH_ROWS", 3)  # several sealed batches plus pending rows


def filled(n: int) -> RowBuffer:
    buffer = RowBuffer(SCHEMA, derived={"text": joined})
    buffer.extend({"id": f"r{i}", "words": ["mot", str(i)], "text": "ignored"} for i in range(n))
    return buffer


def test_rows_come_back_in_order_with_derived_column_across_batches():
    buffer = filled(8)
    assert len(buffer.batches) == 2 and len(buffer.pending) == 2  # 3 + 3 sealed, 2 pending
    assert [r["id"] for r in buffer] == [f"r{i}" for i in range(8)]
    assert [r["text"] for r in buffer][:2] == ["mot 0", "mot 1"]
    assert "text" not in buffer.schema.names  # derived: never stored


@pytest.mark.parametrize("index", [0, 2, 3, 5, 6, 7])
def test_getitem_reads_any_row_sealed_or_pending(index):
    assert filled(8)[index] == {
        "id": f"r{index}",
        "words": ["mot", str(index)],
        "text": f"mot {index}",
    }


def test_patches_apply_on_every_read_and_dropped_rows_disappear():
    buffer = filled(8)
    buffer.patch(4, words=["autre"])
    buffer.drop(1)
    buffer.drop_where("id", {"r6", "absent"})
    assert len(buffer) == 6
    assert [r["id"] for r in buffer] == ["r0", "r2", "r3", "r4", "r5", "r7"]
    assert buffer[4]["text"] == "autre" and buffer.column("words")[4] == ["autre"]
    assert [i for i, _ in buffer.items()] == [0, 2, 3, 4, 5, 7]  # indices never move
    assert buffer.select(["id"])[3] == {"id": "r4"}


def test_extend_table_appends_arrow_rows_after_dict_rows():
    buffer = filled(2)
    table = pa.table({"id": ["t0"], "words": [["de", "table"]], "extra": [1]})
    buffer.extend_table(table)
    buffer.append({"id": "last", "words": []})
    assert [(r["id"], r["text"]) for r in buffer] == [
        ("r0", "mot 0"),
        ("r1", "mot 1"),
        ("t0", "de table"),
        ("last", None),
    ]


def test_empty_buffer_is_false_and_iterates_nothing():
    buffer = RowBuffer(SCHEMA)
    assert not buffer and list(buffer) == [] and buffer.select(["id"]) == []
