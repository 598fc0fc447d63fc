"""Rows held as Arrow record batches: a table's rows at a fraction of the memory of Python dicts.

A processing run holds every resource record and audit row until it publishes. As Python
dicts, French text costs two bytes a character plus an object per value (about 3× the
Arrow size measured at 10,000 resources); here rows are sealed into `pa.RecordBatch`es of
the table's own schema every BATCH_ROWS rows and turned back into dicts one batch at a
time when read. A sealed batch is held compressed, each column on its own (zstd through
Arrow's IPC format): a record's text is most of the bytes and shrinks about 3-4×, and a
column read alone (`column`, `select`) decompresses only itself. Columns that are a function
of others (`body` is the paragraphs joined) are not stored but derived on reading. Later
changes to a stored row (a content merge widening `source_urls`, a resource dropped) are kept
as patches applied on reading.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import Any

import pyarrow as pa

BATCH_ROWS = 512  # rows converted to one Arrow batch at a time (memory: one batch of dicts)
# Sealed batches are held compressed: zstd's fast level keeps most of the gain on text
# (measured at 10,000 resources: the held tables went from 110 MB to a quarter of it).
BATCH_COMPRESSION = pa.ipc.IpcWriteOptions(compression=pa.Codec("zstd", compression_level=1))
UNPACKED_BATCHES = 4  # batches kept decompressed for random access (`buffer[i]`)

Row = dict[str, Any]


class PackedBatch:
    """A record batch held compressed, one IPC stream per column."""

    def __init__(self, batch: pa.RecordBatch) -> None:
        self.schema = batch.schema
        self.num_rows = batch.num_rows
        self.columns = {name: _pack_column(batch, i) for i, name in enumerate(batch.schema.names)}

    def column(self, name: str) -> pa.Array:
        return pa.ipc.open_stream(self.columns[name]).read_next_batch().column(0)

    def unpacked(self) -> pa.RecordBatch:
        return pa.RecordBatch.from_arrays(
            [self.column(n) for n in self.schema.names], schema=self.schema
        )


def _pack_column(batch: pa.RecordBatch, i: int) -> pa.Buffer:
    one = pa.RecordBatch.from_arrays([batch.column(i)], schema=pa.schema([batch.schema.field(i)]))
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, one.schema, options=BATCH_COMPRESSION) as writer:
        writer.write_batch(one)
    return sink.getvalue()


class RowBuffer:
    """An append-only sequence of rows of one schema, stored as Arrow batches."""

    def __init__(
        self, schema: pa.Schema, derived: dict[str, Callable[[Row], Any]] | None = None
    ) -> None:
        self.derived = derived or {}
        self.schema = pa.schema([f for f in schema if f.name not in self.derived])  # what is stored
        self.batches: list[PackedBatch] = []
        self.starts: list[int] = []  # index of each batch's first row
        self.pending: list[Row] = []
        self.sealed = 0  # rows in batches
        self.patches: dict[int, Row] = {}
        self.dropped: set[int] = set()
        self._unpacked = lru_cache(maxsize=UNPACKED_BATCHES)(lambda b: self.batches[b].unpacked())

    def append(self, row: Row) -> None:
        self.pending.append(row)
        if len(self.pending) >= BATCH_ROWS:
            self._seal()

    def extend(self, rows: Iterable[Row]) -> None:
        for row in rows:
            self.append(row)

    def extend_table(self, table: pa.Table) -> None:
        """Append an Arrow table's rows without going through dicts."""
        self._seal()
        for batch in table.select(self.schema.names).cast(self.schema).to_batches():
            if batch.num_rows:
                self.starts.append(self.sealed)
                self.batches.append(PackedBatch(batch))
                self.sealed += batch.num_rows

    def _seal(self) -> None:
        if self.pending:
            self.starts.append(self.sealed)
            batch = pa.RecordBatch.from_pylist(self.pending, schema=self.schema)
            self.batches.append(PackedBatch(batch))
            self.sealed += len(self.pending)
            self.pending = []

    def __len__(self) -> int:
        return self.sealed + len(self.pending) - len(self.dropped)

    def __bool__(self) -> bool:
        return len(self) > 0

    def _complete(self, index: int, row: Row) -> Row:
        row.update(self.patches.get(index, ()))
        for name, derive in self.derived.items():
            row[name] = derive(row)
        return row

    def _raw(self) -> Iterator[tuple[int, Row]]:
        """(index, stored row) in order, dropped rows included."""
        for start, batch in zip(self.starts, self.batches):
            yield from enumerate(batch.unpacked().to_pylist(), start)
        yield from enumerate((dict(r) for r in self.pending), self.sealed)

    def __iter__(self) -> Iterator[Row]:
        for index, row in self._raw():
            if index not in self.dropped:
                yield self._complete(index, row)

    def items(self) -> Iterator[tuple[int, Row]]:
        """(index, row) of the rows not dropped; the index is what patch() and drop() take."""
        for index, row in self._raw():
            if index not in self.dropped:
                yield index, self._complete(index, row)

    def __getitem__(self, index: int) -> Row:
        """Row `index` (counting dropped rows: indices never move)."""
        if index >= self.sealed:
            row = dict(self.pending[index - self.sealed])
        else:
            b = bisect.bisect_right(self.starts, index) - 1  # the batch holding row `index`
            row = self._unpacked(b).slice(index - self.starts[b], 1).to_pylist()[0]
        return self._complete(index, row)

    def patch(self, index: int, **values: Any) -> None:
        self.patches.setdefault(index, {}).update(values)

    def drop(self, index: int) -> None:
        self.dropped.add(index)

    def drop_where(self, name: str, values: set[Any]) -> None:
        """Drop every row whose column `name` is one of `values`."""
        if values:
            self.dropped.update(i for i, value in enumerate(self.column(name)) if value in values)

    def column(self, name: str) -> list[Any]:
        """One stored column's values, dropped rows included (indexable like the buffer)."""
        values: list[Any] = []
        for batch in self.batches:
            values += batch.column(name).to_pylist()
        values += [r.get(name) for r in self.pending]
        for index, patch in self.patches.items():
            if name in patch:
                values[index] = patch[name]
        return values

    def select(self, names: list[str]) -> list[Row]:
        """The rows (not dropped) reduced to some stored columns: the light view of the table."""
        columns = {name: self.column(name) for name in names}
        return [
            {name: columns[name][i] for name in names}
            for i in range(self.sealed + len(self.pending))
            if i not in self.dropped
        ]
