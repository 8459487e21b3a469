"""One output table's files while it is written: the temp file that becomes the table, made
durable before it is published, and (Parquet, for checkpoints) the journal of the rows since the
last snapshot. TableWriter (writers.py) drives them; parquet_snapshot.py builds snapshots with
the same Sink, so a snapshot has the bytes the writer would write.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from .parquet_snapshot import SnapshotJob
from .table_encoding import SLICE, arrow_schema, csv_bytes, jsonl_bytes
from .tables import columns

__all__ = ["FILE_MODE", "Sink", "make_durable", "temp_file"]


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


FILE_MODE = 0o666 & ~_umask()  # temp files are created 0600; published files get the usual mode


class Sink:
    """One table's temp file; `finish` makes it durable, `discard` removes it. `journal`
    (Parquet): also keep the rows written since the last snapshot in an Arrow IPC stream, which
    `snapshot_job` hands over (parquet_snapshot.py)."""

    def __init__(self, table: str, final: Path, fmt: str, bom: bool, safe: bool, row_group: int,
                 append: bool = False, journal: bool = False):
        self.table, self.final, self.fmt = table, final, fmt
        self.schema, self.safe, self.row_group = columns(table), safe, row_group
        self.gathered: list[pa.Table] = []  # Parquet: rows of the row group not yet written
        self.file = self.path = self.parquet = self.journal = None
        self.published = False  # is `final` this sink's rows so far, less the journal's?
        try:  # from the temp file's creation on: a Ctrl-C anywhere here leaves no temp file
            self.file = temp_file(final)
            self.path = Path(self.file.name)
            if fmt == "parquet":
                self.arrow = arrow_schema(table)
                self.parquet = pq.ParquetWriter(self.file, self.arrow)
            elif fmt == "csv":
                self.file.write(("\ufeff" if bom else "").encode("utf-8")
                                + (",".join(self.schema) + "\n").encode("utf-8"))
            if append and final.is_file():
                self._copy_existing()
                self.published = True
            if journal and self.parquet is not None:
                self.journal = _Journal(final, self.arrow)
        except BaseException:
            self.discard()
            raise

    def _copy_existing(self) -> None:
        """Start with the rows of the published file (append mode): bytes for CSV / JSONL, row
        groups for Parquet (an unfilled last one is gathered again), so the result is what one
        writer would have written."""
        where = f"cannot append to {self.final}"
        if self.parquet is not None:
            with pq.ParquetFile(self.final, memory_map=True) as source:
                if not source.schema_arrow.equals(self.arrow, check_metadata=False):
                    raise ValueError(f"{where}: its columns are not those of the {self.table} table")
                for i in range(source.num_row_groups):
                    self.gather(source.read_row_group(i).cast(self.arrow))
            return
        with open(self.final, "rb") as source:
            if self.fmt == "csv":
                header = source.readline().removeprefix("\ufeff".encode("utf-8"))
                if header != (",".join(self.schema) + "\n").encode("utf-8"):
                    raise ValueError(f"{where}: its header is not that of the {self.table} table")
            shutil.copyfileobj(source, self.file, 1 << 20)

    def write(self, frame: pd.DataFrame) -> None:
        if frame.empty:
            return
        if self.parquet is not None:
            table = pa.Table.from_pandas(frame, schema=self.arrow, preserve_index=False)
            self.gather(table)
            if self.journal is not None:
                self.journal.write(table)
            return
        for start in range(0, len(frame), SLICE):
            part = frame.iloc[start:start + SLICE]
            if self.fmt == "csv":
                self.file.write(csv_bytes(part, self.schema, self.safe))
            else:
                self.file.write(jsonl_bytes(part, self.schema))

    def gather(self, table: pa.Table) -> None:
        """Parquet: add rows (of the table's Arrow schema); every full row group is written."""
        self.gathered.append(table)
        self._write_full_groups()

    def _write_full_groups(self, everything: bool = False) -> None:
        """Write the gathered rows as row groups of row_group rows; keep the rest (`everything`:
        write the rest too, as the last row group)."""
        rows = sum(t.num_rows for t in self.gathered)
        if rows < self.row_group and not (everything and rows):
            return
        table = pa.concat_tables(self.gathered)
        full = rows if everything else rows - rows % self.row_group
        self.parquet.write_table(table.slice(0, full), row_group_size=self.row_group)
        self.gathered = [table.slice(full)] if full < rows else []

    def snapshot_job(self) -> SnapshotJob:
        """Parquet: what a snapshot of this table needs (the published file and the journal
        since); the journal goes on in a new file. The caller deletes the old one."""
        journal, self.journal = self.journal, None
        journal.close()
        try:
            self.journal = _Journal(self.final, self.arrow)
        except BaseException:
            journal.path.unlink(missing_ok=True)
            raise
        return SnapshotJob(self.table, str(self.final), self.row_group,
                           str(self.final) if self.published else None, str(journal.path))

    def copy_so_far(self) -> Path:
        """CSV / JSONL: a whole copy of what was written so far, in a new temp file (fsync'ed)."""
        self.file.flush()
        size = self.file.tell()
        copy = temp_file(self.final)
        try:
            with open(self.path, "rb") as source:
                while size > 0:
                    block = source.read(min(size, 1 << 20))
                    if not block:
                        raise OSError(f"{self.path} is shorter than what was written to it")
                    copy.write(block)
                    size -= len(block)
            make_durable(copy)
        except BaseException:
            copy.close()
            Path(copy.name).unlink(missing_ok=True)
            raise
        return Path(copy.name)

    def finish(self) -> None:
        if self.parquet is not None:
            self._write_full_groups(everything=True)
            self.parquet.close()
        make_durable(self.file)
        self._drop_journal()

    def discard(self) -> None:
        with contextlib.suppress(Exception):
            if self.parquet is not None:
                self.parquet.close()
        self._drop_journal()
        if self.file is None:
            return
        try:
            self.file.close()
        finally:
            Path(self.file.name).unlink(missing_ok=True)

    def _drop_journal(self) -> None:
        journal, self.journal = self.journal, None
        if journal is not None:
            journal.close()
            journal.path.unlink(missing_ok=True)


class _Journal:
    """The rows of one Parquet table since its last snapshot, as an Arrow IPC stream in a
    hidden temp file next to the table (removed like the other temp files)."""

    def __init__(self, final: Path, schema: pa.Schema):
        self.file = temp_file(final)
        self.path = Path(self.file.name)
        try:
            self.stream = pa.ipc.new_stream(self.file, schema)
        except BaseException:
            self.file.close()
            self.path.unlink(missing_ok=True)
            raise

    def write(self, table: pa.Table) -> None:
        self.stream.write_table(table)

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.stream.close()
        self.file.close()


def temp_file(final: Path):
    """A new hidden temp file next to `final` (`.<name>.<random>.tmp`: remove_temp_files)."""
    return tempfile.NamedTemporaryFile(dir=final.parent, delete=False, prefix=f".{final.name}.",
                                       suffix=".tmp")


def make_durable(file) -> None:
    """Flush, fsync, give the usual mode and close a temp file about to be published."""
    file.flush()
    os.fsync(file.fileno())
    with contextlib.suppress(AttributeError, OSError):  # no os.fchmod on Windows
        os.fchmod(file.fileno(), FILE_MODE)
    file.close()

