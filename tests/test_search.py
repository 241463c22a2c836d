"""Search through the services: names found without their accents, prefixes, addenda,
what each role finds (and never finds), and typed text that is never read as FTS5 syntax.
"""

from __future__ import annotations

import tempfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from tests.casework import a_child, a_concern, london
from tests.factory import ROLE_USERS
from tests.raw_store import keyed
from wtsc_desktop.errors import ValidationError
from wtsc_desktop.guidance.categories import Part
from wtsc_desktop.services.access import sign_in
from wtsc_desktop.services.accounts import change_role, list_users
from wtsc_desktop.services.audit_log import count_events
from wtsc_desktop.services.concern_types import ChildInConcern
from wtsc_desktop.services.concerns import add_addendum
from wtsc_desktop.services.permissions import Profession, Role
from wtsc_desktop.services.search import MAX_TYPED, search, snippet
from wtsc_desktop.store import search_index

# Hypothesis keeps its files out of the repository: pytest's norecursedirs (pyproject.toml)
# replaces the default ignores, so a .hypothesis folder there fails collection.
set_hypothesis_home_dir(tempfile.mkdtemp(prefix="wtsc-hypothesis-"))

NAMES = [("Zoë", "Brightwater"), ("Łucja", "Nowak"), ("Søren", "Lindqvist")]
NAMES += [("Siobhán", "Ó Briain"), ("明", "李"), ("Ayşe", "Yılmaz")]


@pytest.fixture
def as_role(paths, clock):
    sessions = []

    def signer(role: Role):
        user, password = ROLE_USERS[role]
        signed = sign_in(paths, user_name=user, password=password, clock=clock)
        sessions.append(signed)
        return signed

    yield signer
    for signed in sessions:
        signed.lock()


def found(results) -> list[tuple[str, int]]:
    return [(r.kind, r.id) for r in results.results]


def titles(results) -> list[str]:
    return [r.title for r in results.results]


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("Zoe", "Zoë Brightwater"),
        ("zoë", "Zoë Brightwater"),
        ("Lucja", "Łucja Nowak"),
        ("Soren", "Søren Lindqvist"),
        ("siobhan", "Siobhán Ó Briain"),
        ("o briain", "Siobhán Ó Briain"),
        ("李", "明 李"),
        ("李明", "明 李"),
        ("明", "明 李"),
        ("Ayse Yilmaz", "Ayşe Yılmaz"),
        ("brigh", "Zoë Brightwater"),
    ],
)
def test_a_name_is_found_without_its_accents_and_by_its_first_letters(dsl, typed, name) -> None:
    ids = {f"{f} {s}": a_child(dsl, f, s) for f, s in NAMES}
    results = search(dsl, text=typed)
    assert found(results)[0] == ("child", ids[name])
    assert results.results[0].title == name
    assert results.results[0].subtitle == "Year 9"


def test_a_chinese_name_written_as_one_word_finds_its_concerns(dsl, clock) -> None:
    clock.current = london(2026, 9, 14, 16)
    child = a_child(dsl, "明", "李")
    concern = a_concern(dsl, child, observed_at=london(2026, 9, 14, 9))
    assert set(found(search(dsl, text="李明"))) == {("child", child), ("concern", concern)}
    assert search_index.entry_body("明", "李", "Year 9") == "明 李 Year 9 明李 李明"


def test_every_word_must_match(dsl) -> None:
    for forename, surname in NAMES:
        a_child(dsl, forename, surname)
    assert titles(search(dsl, text="zoe bright")) == ["Zoë Brightwater"]
    assert search(dsl, text="zoe nowak").results == ()


def test_concerns_are_found_by_any_word_with_the_words_around_it(dsl, clock) -> None:
    clock.current = london(2026, 9, 14, 16)
    zoe = a_child(dsl, "Zoë", "Brightwater")
    other = a_child(dsl, "Søren", "Lindqvist")
    bruise = a_concern(dsl, zoe, observed_at=london(2026, 9, 14, 9))
    a_concern(dsl, other, observed_at=london(2026, 9, 14, 10), observed="Arrived hungry again.")

    results = search(dsl, text="forearm")
    assert found(results) == [("concern", bruise)]
    [hit] = results.results
    assert hit.title == "Zoë Brightwater"
    assert hit.subtitle == "Physical abuse"
    assert hit.when == london(2026, 9, 14, 9)
    assert "forearm" in hit.snippet

    # A child's name finds the child first, then the concerns about them.
    by_name = search(dsl, text="Zoe")
    assert found(by_name)[0] == ("child", zoe)
    assert ("concern", bruise) in found(by_name)


def test_an_addendum_finds_its_concern(dsl, clock) -> None:
    clock.current = london(2026, 9, 14, 16)
    zoe = a_child(dsl)
    concern = a_concern(dsl, zoe, observed_at=london(2026, 9, 14, 9))
    add_addendum(dsl, concern_id=concern, text="Mum phoned: the cut came from a trampoline.")
    add_addendum(dsl, concern_id=concern, text="The trampoline story was checked with school.")

    results = search(dsl, text="trampoline")
    assert found(results) == [("concern", concern)]  # once, though two addenda match
    assert results.results[0].snippet.startswith("Addendum: ")
    assert "trampoline" in results.results[0].snippet


def test_many_matching_addenda_do_not_crowd_out_other_records(dsl, clock) -> None:
    clock.current = london(2026, 9, 14, 16)
    zoe = a_child(dsl)
    busy = a_concern(dsl, zoe, observed_at=london(2026, 9, 14, 9))
    for n in range(12):
        add_addendum(dsl, concern_id=busy, text=f"Trampoline note {n}: trampoline again.")
    other = a_concern(
        dsl, zoe, observed_at=london(2026, 9, 14, 10), observed="Mentioned a trampoline once."
    )
    results = search(dsl, text="trampoline", limit=2)
    assert set(found(results)) == {("concern", busy), ("concern", other)}
    assert not results.more


def test_a_staff_reporter_finds_only_their_own_concerns_and_no_children(
    dsl, as_role, clock
) -> None:
    clock.current = london(2026, 9, 14, 16)
    teacher = as_role(Role.REPORTER)
    zoe = a_child(dsl)
    theirs = a_concern(teacher, zoe, observed_at=london(2026, 9, 14, 9), observed="Zoë cried.")
    not_theirs = a_concern(
        dsl, zoe, observed_at=london(2026, 9, 14, 10), observed="Zoë mentioned a stepfather."
    )
    add_addendum(dsl, concern_id=not_theirs, text="Stepfather known to police.")
    add_addendum(dsl, concern_id=theirs, text="The DSL spoke to Zoë at lunch.")

    assert found(search(teacher, text="Zoe")) == [("concern", theirs)]
    assert found(search(teacher, text="stepfather")) == []
    assert found(search(teacher, text="lunch")) == [("concern", theirs)]
    assert found(search(teacher, text="brightwater")) == [("concern", theirs)]
    # The DSL finds all of it.
    assert set(found(search(dsl, text="Zoe"))) == {
        ("child", zoe),
        ("concern", theirs),
        ("concern", not_theirs),
    }


def test_a_reporters_snippets_hold_only_their_own_concerns_words(dsl, as_role, clock) -> None:
    clock.current = london(2026, 9, 14, 16)
    teacher = as_role(Role.REPORTER)
    zoe = a_child(dsl)
    a_concern(teacher, zoe, observed_at=london(2026, 9, 14, 9), observed="Zoë was quiet.")
    a_concern(dsl, zoe, observed_at=london(2026, 9, 14, 10), observed="Zoë: secret words.")
    for result in search(teacher, text="Zoe", limit=50).results:
        assert "secret" not in f"{result.title} {result.subtitle} {result.snippet}"


@pytest.mark.parametrize("role", [Role.ALLEGATIONS_MANAGER, Role.REVIEWER])
def test_allegations_managers_and_reviewers_find_nothing_named_but_their_own(
    dsl, as_role, clock, role
) -> None:
    clock.current = london(2026, 9, 14, 16)
    person = as_role(role)
    zoe = a_child(dsl)
    a_concern(dsl, zoe, observed_at=london(2026, 9, 14, 9))
    assert search(person, text="Zoe").results == ()
    assert search(person, text="forearm").results == ()
    # Anyone may log a concern (the table's LOG_CONCERN); they find what they logged.
    own = a_concern(person, zoe, observed_at=london(2026, 9, 14, 11), observed="Zoë limped.")
    assert found(search(person, text="Zoe")) == [("concern", own)]


def test_a_deputy_finds_everything(dsl, as_role, clock) -> None:
    clock.current = london(2026, 9, 14, 16)
    deputy = as_role(Role.DEPUTY)
    zoe = a_child(dsl)
    concern = a_concern(dsl, zoe, observed_at=london(2026, 9, 14, 9))
    assert set(found(search(deputy, text="Zoe"))) == {("child", zoe), ("concern", concern)}


def test_a_changed_role_changes_what_an_open_session_finds(dsl, as_role, clock) -> None:
    clock.current = london(2026, 9, 14, 16)
    deputy = as_role(Role.DEPUTY)
    zoe = a_child(dsl)
    a_concern(dsl, zoe, observed_at=london(2026, 9, 14, 9))
    assert search(deputy, text="Zoe").results
    user = next(u for u in list_users(dsl) if u.role is Role.DEPUTY)
    change_role(dsl, user_id=user.id, role=Role.REPORTER, profession=Profession.TEACHER)
    assert search(deputy, text="Zoe").results == ()


def test_a_search_is_not_audited(dsl) -> None:
    a_child(dsl)
    before = count_events(dsl)
    for typed in ("Z", "Zo", "Zoe", "Zoe Bright"):
        search(dsl, text=typed)
    assert count_events(dsl) == before


def test_results_are_limited_and_say_when_there_are_more(dsl) -> None:
    for n in range(5):
        a_child(dsl, "Zoë", f"Brightwater{n}")
    five = search(dsl, text="zoe", limit=5)
    assert (len(five.results), five.more) == (5, False)
    three = search(dsl, text="zoe", limit=3)
    assert (len(three.results), three.more) == (3, True)


def test_a_merged_record_leads_to_the_child_kept(dsl, paths) -> None:
    kept = a_child(dsl, "Zoë", "Brightwater")
    merged = a_child(dsl, "Zoe", "Brightwatter")
    with keyed(paths) as conn:
        conn.execute("UPDATE child SET merged_into_id = ? WHERE id = ?", (kept, merged))
    assert found(search(dsl, text="brightwatter")) == [("child", kept)]
    assert found(search(dsl, text="zoe bright")) == [("child", kept)]


def test_a_child_not_on_the_register_is_named_by_the_description(dsl, clock) -> None:
    clock.current = london(2026, 9, 14, 16)
    zoe = a_child(dsl)
    concern = a_concern(
        dsl,
        zoe,
        observed_at=london(2026, 9, 14, 9),
        others=(ChildInConcern(Part.WITNESS, description="A girl from Year 7, red coat"),),
    )
    assert found(search(dsl, text="red coat")) == [("concern", concern)]


# What FTS5 would read as syntax is searched as plain words (so "zoe AND" looks for a
# word starting "and" too) or, when it has no letter or digit, dropped.
FTS5_SYNTAX = [
    ('"', False),
    ('""', False),
    ('"zoe', True),
    ("zoe AND", False),
    ("AND", False),
    ("zoe OR bright", False),
    ("NOT zoe", False),
    ("NEAR(zoe bright)", False),
    ("NEAR(", False),
    ("*", False),
    ("zo*", True),
    ("(zoe", True),
    ("zoe)", True),
    (")", False),
    ("^zoe", True),
    ("-zoe", True),
    ("+", False),
    ("body:zoe", False),
    ("{body kind}: zoe", False),
    ("zoe\x00bright", True),
    ("\ud800zoe", True),
    (":", False),
    ("'", False),
    ("\\", False),
    ("zoe bright", True),
]


@pytest.mark.parametrize(("typed", "finds"), FTS5_SYNTAX)
def test_fts5_syntax_is_searched_as_words_or_dropped(dsl, typed, finds) -> None:
    a_child(dsl)
    results = search(dsl, text=typed)
    assert titles(results) == (["Zoë Brightwater"] if finds else []), typed


def test_too_much_text_is_refused_with_a_message(dsl) -> None:
    with pytest.raises(ValidationError, match="a few words"):
        search(dsl, text="zoe " * MAX_TYPED)
    assert search(dsl, text="   ").results == ()


@settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(typed=st.text(max_size=MAX_TYPED + 20))
def test_any_typed_text_gives_results_or_a_validation_error(dsl, typed) -> None:
    try:
        results = search(dsl, text=typed)
    except ValidationError:
        assert len(typed) > MAX_TYPED
    else:
        assert results.text == typed


@settings(max_examples=400, deadline=None, database=None)
@given(typed=st.text(alphabet=st.characters(codec=None), max_size=60))
def test_the_match_query_is_always_valid_fts5(typed) -> None:
    import sqlcipher3.dbapi2 as sqlcipher

    conn = sqlcipher.connect(":memory:")
    try:
        conn.execute(
            "CREATE VIRTUAL TABLE search_fts USING fts5(kind UNINDEXED, ref UNINDEXED, body, "
            "tokenize = 'unicode61 remove_diacritics 2')"
        )
        conn.execute("INSERT INTO search_fts VALUES ('child', 1, ?)", ("Zoë Brightwater",))
        query = search_index.match_query(typed)
        if query:
            conn.execute("SELECT ref FROM search_fts WHERE search_fts MATCH ?", (query,)).fetchall()
    finally:
        conn.close()


def test_the_snippet_is_the_words_around_the_first_match() -> None:
    text = " ".join(f"w{n}" for n in range(40)) + " Łucja said it hurt " + "x " * 40
    cut = snippet((text,), search_index.query_words("lucja"), size=8)
    assert cut == "…w38 w39 Łucja said it hurt x x…"
    assert snippet(("nothing here",), ["zoe"]) == ""
    assert snippet(("Zoë at the start",), ["zoe"]).startswith("Zoë at")


def test_reindexing_a_record_replaces_its_entry(dsl) -> None:
    with dsl.store.engine.begin() as conn:
        search_index.put_entry(conn, "child", 999, "Oldname")
        search_index.put_entry(conn, "child", 999, "Newname")
        assert search_index.matching_refs(conn, "child", '"oldname"*', limit=5) == []
        assert search_index.matching_refs(conn, "child", '"newname"*', limit=5) == [999]
        with pytest.raises(ValueError, match="KIND_CODES"):
            search_index.put_entry(conn, "allegation", 1, "x")
