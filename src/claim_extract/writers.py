"""Writing and reading the output tables: the only module that touches output files.

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
import json
import math
import os
import shutil
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from .parquet_snapshot import SnapshotJob, build_snapshots
from .schema import FLOAT, INT, STR
from .tables import TABLE_NAMES, Tables, columns, conform, empty_frame, to_frame

__all__ = ["FORMATS", "TableWriter", "neutralise", "read_table", "read_tables", "remove_temp_files",
           "write_bytes", "write_tables", "write_view"]

FORMATS = ("csv", "parquet", "jsonl")
ROW_GROUP_SIZE = 10_000  # rows per Parquet row group (about 10 MB of claims, 1.5 MB of entities)
_SLICE = 20_000  # rows encoded at a time for CSV / JSONL, to bound memory
_ARROW = {STR: pa.string(), INT: pa.int64(), FLOAT: pa.float64()}
_TRIGGER = r"[=+\-@\t\r]"
_NUMBER = r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?"
_NEEDS_QUOTES = r'[",\r\n]'


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_FILE_MODE = 0o666 & ~_umask()  # temp files are created 0600; published files get the usual mode


def neutralise(values: pd.Series) -> pd.Series:
    """Prefix ' to text cells that a spreadsheet would run as a formula (not to plain numbers)."""
    hit = values.str.match(_TRIGGER).fillna(False) & ~values.str.fullmatch(_NUMBER).fillna(False)
    return values.mask(hit, "'" + values)


def _csv_cells(values: pd.Series, dtype: str, safe: bool) -> pd.Series:
    if dtype != STR:  # Int64 -> "3", Float64 -> repr (round-trips exactly)
        return values.astype(STR).fillna("")
    if safe:
        values = neutralise(values)
    quote = values.str.contains(_NEEDS_QUOTES).fillna(False)
    quoted = '"' + values.str.replace('"', '""', regex=False) + '"'
    return values.mask(quote, quoted).fillna("")


def _csv_bytes(frame: pd.DataFrame, schema: dict[str, str], safe: bool) -> bytes:
    # Own encoder: Python's csv module (3.11) leaves a lone CR unquoted when lineterminator="\n".
    if frame.empty:
        return b""
    cells = [_csv_cells(frame[c], d, safe) for c, d in schema.items()]
    lines = cells[0].str.cat(cells[1:], sep=",")
    return ("\n".join(lines.tolist()) + "\n").encode("utf-8")


def _json_values(values: pd.Series, dtype: str) -> list:
    out = values.array.to_numpy(dtype=object, na_value=None).tolist()
    if dtype == FLOAT:
        out = [v if v is None or math.isfinite(v) else None for v in out]
    return out


def _jsonl_bytes(frame: pd.DataFrame, schema: dict[str, str]) -> bytes:
    names = list(schema)
    cols = [_json_values(frame[c], d) for c, d in schema.items()]
    lines = [json.dumps(dict(zip(names, row)), ensure_ascii=False, allow_nan=False)
             for row in zip(*cols)]
    return "".join(line + "\n" for line in lines).encode("utf-8")


def arrow_schema(table: str) -> pa.Schema:
    """The fixed Arrow schema of `table`, with pandas metadata so pandas restores the dtypes."""
    fields = [pa.field(c, _ARROW[d]) for c, d in columns(table).items()]
    meta = pa.Schema.from_pandas(empty_frame(table), preserve_index=False).metadata
    return pa.schema(fields, metadata=meta)


class _Sink:
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
            self.file = _temp_file(final)
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
                    self.gather(source.read_row_group(i))
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
        for start in range(0, len(frame), _SLICE):
            part = frame.iloc[start:start + _SLICE]
            if self.fmt == "csv":
                self.file.write(_csv_bytes(part, self.schema, self.safe))
            else:
                self.file.write(_jsonl_bytes(part, self.schema))

    def gather(self, table: pa.Table) -> None:
        """Parquet: add rows; every full row group is written."""
        self.gathered.append(table.cast(self.arrow))
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
        self.journal = _Journal(self.final, self.arrow)
        return SnapshotJob(self.table, str(self.final), self.row_group,
                           str(self.final) if self.published else None, str(journal.path))

    def copy_so_far(self) -> Path:
        """CSV / JSONL: a whole copy of what was written so far, in a new temp file (fsync'ed)."""
        self.file.flush()
        size = self.file.tell()
        copy = _temp_file(self.final)
        try:
            with open(self.path, "rb") as source:
                while size > 0:
                    block = source.read(min(size, 1 << 20))
                    if not block:
                        raise OSError(f"{self.path} is shorter than what was written to it")
                    copy.write(block)
                    size -= len(block)
            _make_durable(copy)
        except BaseException:
            copy.close()
            Path(copy.name).unlink(missing_ok=True)
            raise
        return Path(copy.name)

    def finish(self) -> None:
        if self.parquet is not None:
            self._write_full_groups(everything=True)
            self.parquet.close()
        _make_durable(self.file)
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
        self.file = _temp_file(final)
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


def _temp_file(final: Path):
    """A new hidden temp file next to `final` (`.<name>.<random>.tmp`: remove_temp_files)."""
    return tempfile.NamedTemporaryFile(dir=final.parent, delete=False, prefix=f".{final.name}.",
                                       suffix=".tmp")


def _make_durable(file) -> None:
    """Flush, fsync, give the usual mode and close a temp file about to be published."""
    file.flush()
    os.fsync(file.fileno())
    with contextlib.suppress(AttributeError, OSError):  # no os.fchmod on Windows
        os.fchmod(file.fileno(), _FILE_MODE)
    file.close()


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
        self._sinks: dict[str, _Sink] = {}
        self._state = "open"

    def _sink(self, table: str) -> _Sink:
        if table not in self._sinks:
            self._sinks[table] = _Sink(table, self.paths[table], self.fmt, self.bom, self.safe,
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
            self._publish()
        except BaseException:
            self.abort()
            raise
        self._state = "closed"
        self._sinks.clear()
        return self.paths

    def _publish(self) -> list[_Sink]:
        """Finish every table's temp file and move it onto its final name, in `tables` order."""
        sinks = [self._sink(name) for name in self.tables]
        for sink in sinks:
            sink.finish()
        for sink in sinks:
            os.replace(sink.path, sink.final)
        _fsync_dir(self.out_dir)
        return sinks

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
    columns(name)
    fmt = path.suffix.lstrip(".").lower()
    if fmt == "csv":
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False,
                          encoding="utf-8-sig")
        return conform(name, raw)
    if fmt == "jsonl":
        with open(path, "rb") as handle:  # split on b"\n" only (not on U+2028 and friends)
            rows = [json.loads(line) for line in handle if line.strip()]
        return to_frame(name, rows)
    if fmt == "parquet":
        return conform(name, pd.read_parquet(path))
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
        data += b"".join(_csv_bytes(frame.iloc[i:i + _SLICE], schema, safe)
                         for i in range(0, len(frame), _SLICE))
    elif fmt == "jsonl":
        data = _jsonl_bytes(frame, schema)
    else:
        sink = pa.BufferOutputStream()
        fields = [pa.field(c, _ARROW[d]) for c, d in schema.items()]
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
    with tempfile.NamedTemporaryFile(dir=final.parent, delete=False, prefix=f".{final.name}.",
                                     suffix=".tmp") as handle:
        temp = Path(handle.name)
        try:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
            with contextlib.suppress(AttributeError, OSError):
                os.fchmod(handle.fileno(), _FILE_MODE)
        except BaseException:
            handle.close()
            temp.unlink(missing_ok=True)
            raise
    os.replace(temp, final)
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
