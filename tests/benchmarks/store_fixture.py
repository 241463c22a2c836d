"""A large invented record store for the store benchmark, built once and kept between runs.

The store is made by the app itself (``create_store``, its migrations and its users, with
the real key-derivation settings); the children, concerns, addenda and triage decisions
are then written in bulk through the store layer (SQLAlchemy Core on the app's keyed
engine, the app's tables, ``search_index.put_new_entries`` for the search index, with the
same parts the services index), so that the code the benchmark measures reads exactly
what the app would have written, and 250,000 concerns take seconds rather than hours.

Two children have long histories: ``chronology_child`` (Łucja Nowak) with 1,000
chronology entries (concerns about them, addenda and triage decisions) and ``pdf_child``
(李明) with 500.

Every name is invented, from small lists that include Unicode names (Zoë, Łucja, Søren,
Siobhán, Ayşe, 李明). The store is kept in the temporary folder, keyed by its size, the
schema revision and ``FIXTURE_VERSION``; delete the folder (or pass ``--rebuild``) to
make it again.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import shutil
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, insert

from wtsc_desktop.clock import FixedClock
from wtsc_desktop.guidance.categories import CATEGORIES, Part, Threshold
from wtsc_desktop.paths import StorePaths
from wtsc_desktop.services.access import sign_in, unlock_key
from wtsc_desktop.services.accounts import add_user
from wtsc_desktop.services.permissions import Profession, Role
from wtsc_desktop.services.setup import create_store
from wtsc_desktop.store import engine, schema, search_index
from wtsc_desktop.store.keys import DEFAULT_KDF
from wtsc_desktop.store.models import (
    Addendum,
    Child,
    Concern,
    ConcernCategory,
    ConcernChild,
    TriageDecision,
)

FIXTURE_VERSION = 3  # raise it whenever what the store holds, or how it is indexed, changes
USER = "bench.lead"
PASSWORD = "benchmark lantern orchard 2031"  # an invented store on this computer only
STAFF_PASSWORD = "benchmark staff meadow 4417"
CHRONOLOGY_ENTRIES = (700, 200, 100)  # concerns, addenda, decisions: 1,000 entries
PDF_ENTRIES = (350, 100, 50)  # 500 entries
SPECIAL_CONCERNS = CHRONOLOGY_ENTRIES[0] + PDF_ENTRIES[0]
CHUNK = 10_000
LONG_HISTORIES = (("Łucja", "Nowak"), ("明", "李"))  # children 1 and 2

FORENAMES = (
    "Zoë", "Łucja", "Søren", "Siobhán", "Ayşe", "明", "Amara", "Oliver", "Priya", "Mateo",
    "Freya", "Kwame", "Isla", "Yusuf", "Niamh", "Tomasz", "Leila", "Rhys", "Chiara", "Dev",
    "Maja", "Ewan", "Fatima", "Joon", "Aoife", "Bogdan", "Ines", "Kofi", "Lena", "Ravi",
    "Saoirse", "Ali", "Harriet", "Jakub", "Noor", "Callum", "Mei", "Oskar", "Ruby", "Théo",
)  # fmt: skip
SURNAMES = (
    "Brightwater", "Nowak", "Lindqvist", "Ó Briain", "Yılmaz", "李", "Okonkwo", "Fairley",
    "Kowalczyk", "Marsh", "Haddad", "Pennington", "Ferreira", "Ashdown", "Mbeki", "Quill",
    "Sørensen", "Thornbury", "Ahmadi", "Castellanos", "Dunmore", "Everett", "Gallagher",
    "Hollins", "Ivanova", "Jarvis", "Kaur", "Larkspur", "Moreau", "Nakamura", "Oduya",
    "Petrov", "Radcliffe", "Szabó", "Tremaine", "Underwood", "Varga", "Whitlock", "Żak",
    "Zhou",
)  # fmt: skip
GROUPS = (*(f"Year {n}" for n in range(1, 12)), "Reception", "Under 11s", "Under 13s")
PLACES = ("Classroom 4", "the lunch hall", "the changing rooms", "the minibus", "the field",
          "the library", "the main gate", "the sports hall")  # fmt: skip
SAID = (
    "he said he was hungry because there was no food at home last night",
    "she said her mum's new boyfriend shouts and throws things when he has been drinking",
    "they said an older boy at the park gives them money to carry parcels",
    "she said nobody was home all weekend and she looked after her little brother",
    "he said he fell off his bike but would not say where it happened",
    "she asked if she could stay at school late because she does not want to go home",
    "he said someone online asked him to send photographs and promised him a game",
    "she said her dad hit her with a belt when her school report came home",
)
SAW = (
    "a bruise on the left forearm about the size of a coin, yellow at the edges",
    "arrived late again in the same clothes as yesterday, smelling of smoke",
    "was withdrawn all morning, would not eat lunch and flinched when a door banged",
    "had several small cuts on the wrist that looked recent, partly covered by a sleeve",
    "was collected by an adult the office did not recognise, who gave no name",
    "showed a new expensive phone and large amounts of cash in the cloakroom",
    "missed three sessions in a row with no message from home about the absence",
    "was very tired, fell asleep twice, and said the flat had no heating",
)
DID = (
    "Told the DSL in person straight away.",
    "Wrote this up at once and phoned the DSL.",
    "Stayed with the child, then told the deputy DSL.",
)
LATER = (
    "Mum phoned to say the bruise came from a trampoline at a friend's house.",
    "The school nurse saw the child again and noted the marks were healing.",
    "Attendance officer confirms two more unexplained absences this week.",
    "Social care confirmed the referral was received and a worker is allocated.",
)
RATIONALE = (
    "Several concerns close together about neglect; early help offered and accepted.",
    "A disclosure of physical harm by a household adult: referral under section 47.",
    "No further action now; monitor with a review date and speak to the child weekly.",
)


@dataclass(frozen=True)
class Fixture:
    """Where the store is and what the benchmark needs from it."""

    root: str
    children: int
    concerns: int
    chronology_child: int
    pdf_child: int
    build_seconds: float

    @property
    def paths(self) -> StorePaths:
        return StorePaths(Path(self.root))


def cache_folder(children: int, concerns: int) -> Path:
    name = f"{children}-children-{concerns}-concerns-r{schema.HEAD_REVISION}-v{FIXTURE_VERSION}"
    return Path(tempfile.gettempdir()) / "wtsc-store-bench" / name


def cached_fixture(
    children: int, concerns: int, *, rebuild: bool = False, say: Any = print
) -> Fixture:
    """The store of this size, built now unless a finished one is in the cache.

    It is built in a folder of its own and renamed into place when finished, so two runs
    at once (two test sessions, say) never share a half-built store.
    """
    folder = cache_folder(children, concerns)
    if rebuild:
        shutil.rmtree(folder, ignore_errors=True)
    if not (folder / "fixture.json").is_file():
        folder.parent.mkdir(parents=True, exist_ok=True)
        building = Path(tempfile.mkdtemp(prefix=folder.name + ".building-", dir=folder.parent))
        say(f"Building an invented store of {children:,} children and {concerns:,} concerns")
        say(f"  in {folder} (kept for later runs)…")
        try:
            made = build(building / "store", children, concerns)
            (building / "fixture.json").write_text(json.dumps(asdict(made)), "utf-8")
            building.rename(folder)
            say(f"  built in {made.build_seconds:.1f} s")
        except OSError:
            if not (folder / "fixture.json").is_file():
                raise
            # Another run finished the same store first: use theirs.
        finally:
            shutil.rmtree(building, ignore_errors=True)
    saved = json.loads((folder / "fixture.json").read_text("utf-8"))
    return Fixture(**{**saved, "root": str(folder / "store")})


def build(root: Path, children: int, concerns: int) -> Fixture:
    if concerns < SPECIAL_CONCERNS + 10 or children < 10:
        raise ValueError(f"the store needs at least {SPECIAL_CONCERNS + 10} concerns")
    started = time.perf_counter()
    paths = StorePaths(root)
    clock = FixedClock()
    create_store(
        paths,
        organisation={"org.name": "Benchmark Sports Club", "org.type": "sports_club"},
        user_name=USER,
        full_name="Bench Lead",
        password=PASSWORD,
        clock=clock,
        kdf=DEFAULT_KDF,
    )
    lead = sign_in(paths, user_name=USER, password=PASSWORD, clock=clock)
    staff = [lead.actor.user_id]
    for n, name in enumerate(("Amy Coach", "Ben Teacher", "Cara Volunteer", "Dev Deputy")):
        staff.append(
            add_user(
                lead,
                user_name=name.lower().replace(" ", "."),
                full_name=name,
                role=Role.DEPUTY if n == 3 else Role.REPORTER,
                profession=Profession.OTHER,
                password=STAFF_PASSWORD,
            ).id
        )
    lead.lock()
    key = unlock_key(paths, user_name=USER, password=PASSWORD, clock=clock).key
    db = engine.open_engine(paths.database, key)
    rng = random.Random(2031)
    try:
        with db.begin() as conn:
            conn.exec_driver_sql("PRAGMA cache_size = -200000")
            names = _children(conn, rng, children)
            _concerns(conn, rng, names, concerns, staff)
    finally:
        db.dispose()
    raw = engine.connect(paths.database, key)
    try:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        raw.close()
    return Fixture(
        root=str(root),
        children=children,
        concerns=concerns,
        chronology_child=1,
        pdf_child=2,
        build_seconds=time.perf_counter() - started,
    )


def _chunks(total: int) -> Iterator[range]:
    for start in range(0, total, CHUNK):
        yield range(start, min(start + CHUNK, total))


def _children(conn: Connection, rng: random.Random, count: int) -> list[tuple[str, str]]:
    """Children 1..count; returns each one's (forename, display name) by id - 1."""
    now = dt.datetime(2026, 11, 1, 9, tzinfo=dt.UTC)
    names: list[tuple[str, str]] = []
    for block in _chunks(count):
        rows, entries = [], []
        for n in block:
            forename, surname = rng.choice(FORENAMES), rng.choice(SURNAMES)
            if n < len(LONG_HISTORIES):
                forename, surname = LONG_HISTORIES[n]
            group = rng.choice(GROUPS)
            born = dt.date(2008, 9, 1) + dt.timedelta(days=rng.randrange(0, 365 * 12))
            rows.append(
                {
                    "id": n + 1,
                    "legal_forename": forename,
                    "legal_surname": surname,
                    "date_of_birth": born,
                    "year_group_or_team": group,
                    "external_id": f"UPN{n + 1:07d}",
                    "created_at": now,
                }
            )
            parts = search_index.child_entry_parts(
                forename, surname, "", "", group, f"UPN{n + 1:07d}"
            )
            entries.append(("child", n + 1, parts))
            names.append((forename, f"{forename} {surname}"))
        conn.execute(insert(Child), rows)
        search_index.put_new_entries(conn, entries)
    return names


def _words(rng: random.Random, forename: str) -> tuple[str, str]:
    said = f"{forename} told me: “{rng.choice(SAID)}.”"
    saw = f"{forename} {rng.choice(SAW)}; also {rng.choice(SAW)}."
    return said, saw


def _concerns(
    conn: Connection,
    rng: random.Random,
    names: list[tuple[str, str]],
    count: int,
    staff: list[int],
) -> None:
    """Concerns 1..count, newest last; the first ones belong to the two long histories."""
    start = dt.datetime(2021, 9, 1, 8, tzinfo=dt.UTC)
    span = (dt.datetime(2026, 11, 20, 16, tzinfo=dt.UTC) - start).total_seconds()
    step = span / count
    codes = [c.code for c in CATEGORIES]
    addenda_for: dict[int, list[int]] = {1: [], 2: []}
    for block in _chunks(count):
        concern_rows, links, categories, entries = [], [], [], []
        for n in block:
            concern_id = n + 1
            if n < CHRONOLOGY_ENTRIES[0]:
                subject = 1
            elif n < SPECIAL_CONCERNS:
                subject = 2
            else:
                subject = rng.randrange(3, len(names) + 1)
            if subject in addenda_for:
                addenda_for[subject].append(concern_id)
            forename, name = names[subject - 1]
            recorded = start + dt.timedelta(seconds=n * step + rng.random() * step)
            observed = recorded - dt.timedelta(minutes=rng.randrange(5, 60 * 48))
            said, saw = _words(rng, forename)
            place, did = rng.choice(PLACES), rng.choice(DID)
            urgent = rng.random() < 0.03
            concern_rows.append(
                {
                    "id": concern_id,
                    "reporter_id": rng.choice(staff),
                    "reporter_role": "Coach",
                    "recorded_at": recorded,
                    "observed_at": observed,
                    "location": place,
                    "immediate_danger": urgent,
                    "urgent": urgent,
                    "child_words": said,
                    "observed": saw,
                    "action_taken": did,
                    "told_whom": "The DSL",
                    "told_at": recorded,
                    "acknowledged_at": recorded + dt.timedelta(hours=2) if n < count - 40 else None,
                    "acknowledged_by": staff[0] if n < count - 40 else None,
                }
            )
            links.append(
                {"concern_id": concern_id, "child_id": subject, "part": Part.SUBJECT.value}
            )
            concern_names = [name]
            if rng.random() < 0.2:
                witness = rng.randrange(3, len(names) + 1)
                links.append(
                    {"concern_id": concern_id, "child_id": witness, "part": Part.WITNESS.value}
                )
                concern_names.append(names[witness - 1][1])
            for code in dict.fromkeys(rng.sample(codes, rng.choice((1, 1, 2)))):
                categories.append({"concern_id": concern_id, "code": code})
            # The parts services/concerns.py indexes, in its order.
            entries.append(("concern", concern_id, (*concern_names, place, said, saw, "", did, "")))
        conn.execute(insert(Concern), concern_rows)
        conn.execute(insert(ConcernChild), links)
        conn.execute(insert(ConcernCategory), categories)
        search_index.put_new_entries(conn, entries)
    _histories(conn, rng, addenda_for, staff)


def _histories(
    conn: Connection, rng: random.Random, addenda_for: dict[int, list[int]], staff: list[int]
) -> None:
    """Addenda and triage decisions on the two long histories' concerns."""
    when = dt.datetime(2026, 11, 21, 9, tzinfo=dt.UTC)
    addenda, decisions, entries = [], [], []
    addendum_id = 0
    thresholds = [t.value for t in Threshold]
    for child, (_, n_addenda, n_decisions) in ((1, CHRONOLOGY_ENTRIES), (2, PDF_ENTRIES)):
        concern_ids = addenda_for[child]
        for i in range(n_addenda):
            addendum_id += 1
            text = rng.choice(LATER)
            addenda.append(
                {
                    "id": addendum_id,
                    "concern_id": concern_ids[i],
                    "author_id": staff[0],
                    "written_at": when + dt.timedelta(minutes=addendum_id),
                    "kind": "later_fact",
                    "text": text,
                }
            )
            entries.append(("addendum", addendum_id, (text,)))
        for i in range(n_decisions):
            decisions.append(
                {
                    "concern_id": concern_ids[-1 - i],
                    "decided_by": staff[0],
                    "decided_at": when + dt.timedelta(hours=1, minutes=i),
                    "threshold": rng.choice(thresholds),
                    "rationale": rng.choice(RATIONALE),
                }
            )
    conn.execute(insert(Addendum), addenda)
    conn.execute(insert(TriageDecision), decisions)
    search_index.put_new_entries(conn, entries)
