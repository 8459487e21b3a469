"""Writing and reading the output tables: with table_sinks.py (the temp files), table_encoding.py
(bytes) and parquet_snapshot.py (checkpoints), the only module that touches output files.

One file per table, `OUT/<table>.<fmt>` (csv, parquet or jsonl), with the schema's columns and
types. Each file is written to a hidden temp file in OUT (`.<name>.<random>.tmp`), fsync'ed, then
renamed over the final name: a failed run leaves every table as it was (or absent), never half
written. (A hard kill can leave a hidden `.tmp` file behind; the final files are still whole,
and `remove_temp_files`, which run() calls first, deletes it.) `append=True` starts each table
with the rows already published. `checkpoint()` publishes a whole copy of what was written so
far and goes on writing the same temp files, which is how a long run checkpoints (run.py);
Parquet snapshots are built in a child process (parquet_snapshot.py).

CSV: UTF-8 (optionally with a BOM), header, no index, "\\n" line ends, minimal RFC 4180 quoting
(fields holding , " CR or LF are quoted), <NA> as an empty cell. With safe=True (the default) a
text cell starting with = + - @ TAB or CR gets a leading ' so spreadsheets do not run it as a
formula (OWASP CSV injection advice), unless it is a plain number such as -3 or +1.5. Reading a
CSV back does *not* remove that quote: neutralised cells come back as written.
JSONL: one object per line, UTF-8, null for <NA> (and for non-finite floats).
Parquet: pyarrow, fixed Arrow types (string, int64, float64), row groups of exactly
`row_group_size` rows (the last one fewer) whatever the chunks written: rows are gathered, as
Arrow tables, until a row group is full. So the file does not depend on how often the caller
writes (run.py writes every few documents, to hold few rows at a time) nor on when a long run
published a checkpoint (the temp file goes on; append mode takes the file's last, unfilled row
group back in), and the writer holds at most one row group of each table.
"""
from __future__ import annotations

import contextlib
import itertools
import json
import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from .parquet_snapshot import build_snapshots
from .table_encoding import ARROW_TYPES, SLICE, csv_bytes, jsonl_bytes, neutralise
from .table_sinks import Sink, make_durable, temp_file
from .tables import TABLE_NAMES, Tables, columns, conform, empty_frame, to_frame

__all__ = ["FORMATS", "TableWriter", "iter_table", "neutralise", "read_table", "read_tables",
           "remove_temp_files", "write_bytes", "write_tables", "write_view"]

FORMATS = ("csv", "parquet", "jsonl")
ROW_GROUP_SIZE = 10_000  # rows per Parquet row group (about 10 MB of claims, 1.5 MB of entities)
READ_ROWS = 20_000  # rows per frame of iter_table
class TableWriter:
    """Stream chunks of the output tables to `out_dir`; `close()` publishes them all.

        with TableWriter(out, "parquet") as w:
            for batch in batches:
                w.write("claims", batch.claims)   # a DataFrame or an iterable of row dicts
        w.paths  # {"claims": out/claims.parquet, ...}

    Every table in `tables` (default: all four) gets a file, just a header if nothing was written.
    Chunks are conformed to the schema (extra columns dropped, missing -> <NA>). If the block
    raises or a write fails, every temp file is removed and the previous files stay as they were.
    Each file is replaced atomically, one after another, in `tables` order (the set is not one
    transaction; run.py relies on `documents`, the last, being published last).

    append=True: each table starts with the rows of its file already in `out_dir` (copied as
    bytes, or Parquet row groups), so a run can go on from what an earlier one published; a
    file whose columns are not the schema's raises ValueError instead.

    checkpoints=True: `checkpoint()` may be called, to publish what was written so far and go
    on (a long run, run.py). For Parquet the writer then also journals the rows it is given
    (parquet_snapshot.py); `snapshots_in_child=False` builds the Parquet snapshots in this
    process instead of a child process.
    """

    def __init__(self, out_dir: str | os.PathLike, fmt: str = "csv", *, bom: bool = False,
                 safe: bool = True, row_group_size: int = ROW_GROUP_SIZE,
                 tables: Iterable[str] | None = None, append: bool = False,
                 checkpoints: bool = False, snapshots_in_child: bool = True):
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
        if row_group_size < 1:
            raise ValueError("row_group_size must be at least 1")
        self.tables = tuple(TABLE_NAMES if tables is None else tables)
        for name in self.tables:
            columns(name)
        self.out_dir, self.fmt = Path(out_dir), fmt
        self.bom, self.safe, self.row_group_size = bom, safe, row_group_size
        self.append, self.checkpoints, self.snapshots_in_child = append, checkpoints, snapshots_in_child
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self.paths = {name: self.out_dir / f"{name}.{fmt}" for name in self.tables}
        self._sinks: dict[str, Sink] = {}
        self._state = "open"

    def _sink(self, table: str) -> Sink:
        if table not in self._sinks:
            self._sinks[table] = Sink(table, self.paths[table], self.fmt, self.bom, self.safe,
                                       self.row_group_size, self.append, self.checkpoints)
        return self._sinks[table]

    def write(self, table: str, data: pd.DataFrame | Iterable[Mapping]) -> None:
        if self._state != "open":
            raise ValueError(f"TableWriter is {self._state}")
        if table not in self.paths:
            raise ValueError(f"table {table!r} is not one of this writer's {self.tables}")
        try:
            frame = conform(table, data) if isinstance(data, pd.DataFrame) else to_frame(table, data)
            self._sink(table).write(frame)
        except BaseException:
            self.abort()
            raise

    def close(self) -> dict[str, Path]:
        """Finish every table and move it onto its final name; returns {table: path}."""
        if self._state == "closed":
            return self.paths
        if self._state != "open":
            raise ValueError(f"TableWriter is {self._state}")
        try:
            sinks = [self._sink(name) for name in self.tables]
            for sink in sinks:
                sink.finish()
            for sink in sinks:  # in `tables` order: `documents` last
                os.replace(sink.path, sink.final)
            _fsync_dir(self.out_dir)
        except BaseException:
            self.abort()
            raise
        self._state = "closed"
        self._sinks.clear()
        return self.paths

    def checkpoint(self) -> dict[str, Path]:
        """Publish every table as close() would at this point, whole and atomically, in `tables`
        order, and go on writing (needs checkpoints=True). The temp files go on as they are:
        what is published is a copy. CSV / JSONL: the bytes written so far. Parquet: a snapshot
        built from the previous one and the journal of the rows since (parquet_snapshot.py), so
        nothing is read back into this process."""
        if self._state != "open":
            raise ValueError(f"TableWriter is {self._state}")
        if not self.checkpoints:
            raise ValueError("checkpoint() needs a TableWriter made with checkpoints=True")
        copies: list[Path] = []
        journals: list[str] = []
        try:
            sinks = [self._sink(name) for name in self.tables]
            if self.fmt == "parquet":
                jobs = [sink.snapshot_job() for sink in sinks]
                journals = [job.journal for job in jobs]
                copies = build_snapshots(jobs, in_child=self.snapshots_in_child)
            else:
                for sink in sinks:
                    copies.append(sink.copy_so_far())
            for sink, copy in zip(sinks, copies):
                os.replace(copy, sink.final)
                sink.published = True
            _fsync_dir(self.out_dir)
        except BaseException:
            for copy in copies:
                copy.unlink(missing_ok=True)
            self.abort()
            raise
        finally:
            for journal in journals:
                Path(journal).unlink(missing_ok=True)
        return self.paths

    def abort(self) -> None:
        """Drop everything written so far; the final files are not touched."""
        for sink in self._sinks.values():
            with contextlib.suppress(OSError):
                sink.discard()
        self._sinks.clear()
        if self._state == "open":
            self._state = "aborted"

    def __enter__(self) -> TableWriter:
        return self

    def __exit__(self, exc_type, exc, tb) -> bool:
        if exc_type is None:
            self.close()
        else:
            self.abort()
        return False


def remove_temp_files(out_dir: str | os.PathLike) -> list[Path]:
    """Delete temp files that a killed run left in `out_dir` (`.claims.csv.<random>.tmp`, ...):
    only names of that exact shape, for the four tables and the three formats. Call it before a
    run, not while another run writes to the same folder. Returns what was deleted."""
    out_dir, removed = Path(out_dir), []
    if not out_dir.is_dir():
        return removed
    prefixes = tuple(f".{name}.{fmt}." for name in TABLE_NAMES for fmt in FORMATS)
    for path in out_dir.iterdir():
        if (path.name.startswith(prefixes) and path.name.endswith(".tmp")
                and path.is_file() and not path.is_symlink()):
            with contextlib.suppress(OSError):
                path.unlink()
                removed.append(path)
    return removed


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):  # makes the renames durable; not possible on Windows
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_tables(tables: Tables | Mapping[str, pd.DataFrame], out_dir: str | os.PathLike,
                 fmt: str = "csv", bom: bool = False, *, safe: bool = True,
                 row_group_size: int = ROW_GROUP_SIZE) -> dict[str, Path]:
    """Write each table to `out_dir/<name>.<fmt>` atomically; returns {name: path}.

    `bom` (UTF-8 byte order mark, for Excel) and `safe` (formula neutralising) apply to CSV only.
    """
    items = list(tables.items())
    with TableWriter(out_dir, fmt, bom=bom, safe=safe, row_group_size=row_group_size,
                     tables=[name for name, _ in items]) as writer:
        for name, frame in items:
            writer.write(name, frame)
    return writer.paths


def read_table(path: str | os.PathLike, table: str | None = None) -> pd.DataFrame:
    """Read a table file written by this module back into the schema's columns and dtypes.

    The table is named by `table` or by the file name (`claims.csv` -> claims); the format by
    the suffix. CSV cells neutralised on writing keep their leading ' (nothing is undone).
    """
    path = Path(path)
    name = table or path.name.split(".")[0]
    frames = list(iter_table(path, name))
    if not frames:
        return empty_frame(name)
    return frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)


def iter_table(path: str | os.PathLike, table: str | None = None,
               rows: int | None = None) -> Iterator[pd.DataFrame]:
    """Read a table file as read_table does, in frames of at most `rows` rows (default
    READ_ROWS), so a big table never has to be in memory at once."""
    rows = rows or READ_ROWS
    path = Path(path)
    name = table or path.name.split(".")[0]
    columns(name)
    fmt = path.suffix.lstrip(".").lower()
    if fmt == "csv":
        with pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False,
                         encoding="utf-8-sig", chunksize=rows) as chunks:
            for raw in chunks:
                yield conform(name, raw)
    elif fmt == "jsonl":
        with open(path, "rb") as handle:  # split on b"\n" only (not on U+2028 and friends)
            lines = (line for line in handle if line.strip())
            while chunk := [json.loads(line) for line in itertools.islice(lines, rows)]:
                yield to_frame(name, chunk)
    elif fmt == "parquet":
        with pq.ParquetFile(path) as source:
            for batch in source.iter_batches(batch_size=rows):
                yield conform(name, batch.to_pandas())
    else:
        raise ValueError(f"cannot tell the format of {path.name}; expected .csv, .parquet or .jsonl")


def write_view(claims: pd.DataFrame | str | os.PathLike, out_dir: str | os.PathLike,
               spec="analyst", fmt: str = "csv", bom: bool = False, *, safe: bool = True) -> Path:
    """Write a column view of `claims` (a frame, or a claims file to read) to
    `out_dir/claims_view.<fmt>`, atomically, with the same CSV rules as the tables. `spec` is a
    view name ('analyst') or a list of claims columns (views.py).

    The contract's `claims.<fmt>` is not touched: a view is an extra file for spreadsheets.
    """
    from .views import VIEW_NAME, claims_view, view_schema

    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    if not isinstance(claims, pd.DataFrame):
        claims = read_table(claims, "claims")
    schema = view_schema(spec)
    frame = claims_view(claims, list(schema))
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    if fmt == "csv":
        data = (("\ufeff" if bom else "") + ",".join(schema) + "\n").encode("utf-8")
        data += b"".join(csv_bytes(frame.iloc[i:i + SLICE], schema, safe)
                         for i in range(0, len(frame), SLICE))
    elif fmt == "jsonl":
        data = jsonl_bytes(frame, schema)
    else:
        sink = pa.BufferOutputStream()
        fields = [pa.field(c, ARROW_TYPES[d]) for c, d in schema.items()]
        pq.write_table(pa.Table.from_pandas(frame, schema=pa.schema(fields), preserve_index=False),
                       sink)
        data = sink.getvalue().to_pybytes()
    final = write_bytes(out_dir / f"{VIEW_NAME}.{fmt}", data)
    _fsync_dir(out_dir)
    return final


def write_bytes(path: str | os.PathLike, data: bytes) -> Path:
    """Write `data` to `path` atomically (temp file in the same folder, fsync, rename), as the
    tables are written; used for the HTML review page. Returns the path."""
    final = Path(path)
    handle = temp_file(final)
    try:
        handle.write(data)
        make_durable(handle)
    except BaseException:
        handle.close()
        Path(handle.name).unlink(missing_ok=True)
        raise
    os.replace(handle.name, final)
    return final


def read_tables(out_dir: str | os.PathLike, fmt: str | None = None) -> Tables:
    """The four tables of a finished run folder (`claim-extract run ... --out DIR`) as Tables.

    The format is `fmt`, or the one whose claims file is in the folder (csv, parquet, jsonl:
    the newest if there are several). A table whose file is missing comes back empty; a folder
    with no claims file at all raises FileNotFoundError.
    """
    out_dir = Path(out_dir)
    if fmt is None:
        found = [f for f in FORMATS if (out_dir / f"claims.{f}").is_file()]
        if not found:
            raise FileNotFoundError(f"no claims.csv, claims.parquet or claims.jsonl in {out_dir}")
        fmt = max(found, key=lambda f: (out_dir / f"claims.{f}").stat().st_mtime)
    elif fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    frames = {}
    for name in TABLE_NAMES:
        path = out_dir / f"{name}.{fmt}"
        frames[name] = read_table(path, name) if path.is_file() else empty_frame(name)
    return Tables(**frames)
