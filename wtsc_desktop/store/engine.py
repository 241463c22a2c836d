"""Opening the database: a SQLCipher file by default (a database URL for PostgreSQL later).

Each connection runs the raw key first, then the durability settings (reliability.md):
WAL with ``synchronous=FULL``, temp data in memory, foreign keys on. A few keyed
connections are kept for reuse while the session is open (opening one costs more than most
queries); ``OpenStore.close`` disposes of them at lock and sign-out, so no decrypted
connection outlives the session. ``hide_parameters`` keeps a child's name out of any error
message.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

# The SQLite dialect is imported with the app: ``create_engine`` would otherwise import it
# (and its async siblings) at the first sign-in, while the person waits.
import sqlalchemy.dialects.sqlite  # noqa: F401
import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import QueuePool

from wtsc_desktop.errors import StoreDamaged

DatabaseError = sqlcipher.DatabaseError
READ_ONLY = "wtsc_read_only"
_SQLITE_IOERR, _SQLITE_FULL = 10, 13


def is_disk_full(error: BaseException | None) -> bool:
    """True for a write SQLite could not make for want of space.

    A full disk (ENOSPC) is SQLITE_FULL, but a write refused for a file-size limit (EFBIG:
    a quota, RLIMIT_FSIZE, FAT32's 4 GB) comes back as a plain I/O error. Either way the
    statement was rolled back and nothing was saved.
    """
    if error is None:
        return False
    if getattr(error, "sqlite_errorcode", None) in (_SQLITE_IOERR, _SQLITE_FULL):
        return True
    text = str(error).lower()
    return "disk is full" in text or "disk i/o error" in text


def _key_pragma(key: bytes | bytearray) -> str:
    if len(key) != 32 or not any(key):
        raise ValueError("the master key must be 32 bytes and not cleared")
    return f"PRAGMA key = \"x'{key.hex()}'\""


def connect(path: Path, key: bytes | bytearray, *, create: bool = False) -> Any:
    """A raw sqlcipher3 connection, keyed and checked: raises DatabaseError if the key fails.

    Unless ``create`` is set, the file must already hold tables: a file truncated to
    nothing would otherwise open as a new, empty database (SQLite writes a header into it
    as soon as WAL is switched on, and the schema would be migrated into it). Such a file
    raises DatabaseError before anything is written.
    """
    if not create and (not path.is_file() or path.stat().st_size == 0):
        raise DatabaseError("the database file is empty or missing")
    conn = sqlcipher.connect(str(path), timeout=30, check_same_thread=False)
    try:
        conn.execute(_key_pragma(key))
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("PRAGMA foreign_keys = ON")
        (tables,) = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        if not create and tables == 0:
            raise DatabaseError("the database file holds no tables")
    except BaseException:
        conn.close()
        raise
    return conn


def open_engine(path: Path, key: bytearray, *, create: bool = False) -> Engine:
    """An engine whose every connection is keyed; the key is checked once here.

    The engine reads ``key`` at each connection, so zeroing it (on lock) stops any
    further connection from opening the file. ``create`` only for a new store.
    """
    engine = create_engine(
        "sqlite://",
        creator=lambda: connect(path, key, create=create),
        module=sqlcipher,
        poolclass=QueuePool,
        pool_size=2,
        max_overflow=4,
        hide_parameters=True,
    )

    @event.listens_for(engine, "connect")
    def _no_autobegin(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy emit BEGIN itself, so a transaction is one unit (SQLAlchemy docs,
        # "Serializable isolation / Savepoints / Transactional DDL" for pysqlite).
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        # IMMEDIATE takes the write lock at once: two writers queue rather than deadlock.
        # Reads (``READ_ONLY``) begin deferred, so a reader never blocks the app.
        read_only = conn.get_execution_options().get(READ_ONLY, False)
        conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    # Open the first connection now: it checks the key, and stays in the pool for reuse.
    try:
        engine.connect().close()
    except BaseException:
        engine.dispose()
        raise
    return engine


def key_opens(path: Path, key: bytes | bytearray) -> bool:
    """True when ``key`` opens the file (used to settle an interrupted rekey)."""
    try:
        connect(path, key).close()
    except DatabaseError:
        return False
    return True


def quick_check(path: Path, key: bytes | bytearray) -> None:
    """SQLite's quick check on open; a damaged file raises StoreDamaged, never shows data."""
    try:
        conn = connect(path, key)
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
        finally:
            conn.close()
    except DatabaseError as exc:
        raise StoreDamaged("the database file cannot be read") from exc
    if rows != [("ok",)]:
        raise StoreDamaged("the database failed its quick check")


def full_check(path: Path, key: bytes | bytearray) -> list[str]:
    """Every problem SQLite's integrity check and SQLCipher's page check find (empty: clean)."""
    problems: list[str] = []
    try:
        conn = connect(path, key)
    except DatabaseError as exc:
        return [f"the database file cannot be opened with its key: {exc}"]
    try:
        try:
            rows = conn.execute("PRAGMA cipher_integrity_check").fetchall()
            problems += [f"SQLCipher page check: {r[0]}" for r in rows]
        except DatabaseError as exc:
            problems.append(f"SQLCipher page check failed: {exc}")
        try:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
            if rows != [("ok",)]:
                problems += [f"SQLite integrity check: {r[0]}" for r in rows]
        except DatabaseError as exc:
            problems.append(f"SQLite integrity check failed: {exc}")
    finally:
        conn.close()
    return problems
