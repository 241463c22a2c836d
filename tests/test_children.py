"""The children register through the services: every field, R1, Unicode names, lists at
any size, archive, merge (both histories kept), the people around a child, who may see
what, and what the audit trail records (numbers, never names).
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.casework import a_child, a_concern, london
from tests.factory import ROLE_USERS
from wtsc_desktop.errors import NotFound, PermissionDenied, ValidationError
from wtsc_desktop.services.access import sign_in
from wtsc_desktop.services.archive_and_merge import archive_child, merge_children, unarchive_child
from wtsc_desktop.services.audit_log import list_events
from wtsc_desktop.services.child_contacts import add_contact, remove_contact, update_contact
from wtsc_desktop.services.child_types import (
    ChildDetails,
    ChildFlags,
    ChildSort,
    ContactDetails,
    DobStatus,
    Send,
)
from wtsc_desktop.services.children import (
    add_child,
    child_ids,
    children_by_id,
    count_children,
    get_child,
    list_children,
    pick_children,
    update_child,
)
from wtsc_desktop.services.chronology import chronology
from wtsc_desktop.services.permissions import Role

NAMES = ("Zoë", "Łucja", "Søren", "Siobhán", "Ayşe", "李明")


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


def events_since(signed, seq: int):
    return [e for e in list_events(signed, limit=500) if e.seq > seq]


def newest_seq(signed) -> int:
    return list_events(signed, limit=1)[0].seq


def full_details(**changes) -> ChildDetails:
    values = dict(
        legal_forename="Łucja",
        legal_surname="Kowalska-Brightwater",
        preferred_name="Lucy",
        other_names="Lucja Kowalski",
        dob_status=DobStatus.KNOWN,
        date_of_birth=dt.date(2014, 2, 28),
        address="12 Invented Road\nBrookfield\nBR1 9ZZ",
        gender="Female",
        ethnicity="White – any other White background",
        send=Send.EHCP,
        year_group_or_team="Year 7",
        external_id="A123456789012",
        flags=ChildFlags(cp_plan=True, young_carer=True),
    )
    values.update(changes)
    return ChildDetails(**values)


def add(signed, details: ChildDetails) -> int:
    return add_child(signed, **{f: getattr(details, f) for f in details.__dataclass_fields__})


def test_every_field_round_trips_and_r1_is_set_when_the_record_is_made(dsl) -> None:
    details = full_details()
    child_id = add(dsl, details)
    opened = get_child(dsl, child_id=child_id)
    assert opened.details == details
    assert opened.name == "Lucy Kowalska-Brightwater (Łucja Kowalska-Brightwater)"
    assert opened.flags.labels() == ("Child protection plan", "Young carer")
    assert opened.retention_review == dt.date(2039, 2, 28)  # R1: date of birth + 25 years
    assert opened.archived_at is None and opened.merged_into_id is None
    assert opened.contacts == () and opened.merged_records == ()


def test_r1_follows_an_unborn_baby_an_unknown_birthday_and_a_corrected_date(dsl, clock) -> None:
    unborn = add_child(
        dsl,
        legal_forename="Baby",
        legal_surname="Okonjo",
        dob_status=DobStatus.UNBORN,
        expected_delivery=dt.date(2027, 1, 15),
    )
    assert get_child(dsl, child_id=unborn).retention_review == dt.date(2052, 1, 15)
    unknown = add_child(dsl, legal_forename="Amir", legal_surname="Haddad")
    file = get_child(dsl, child_id=unknown)
    assert file.details.dob_status is DobStatus.UNKNOWN
    assert file.retention_review == dt.date(2051, 9, 2)  # recorded on 02/09/2026
    clock.advance(86_400 * 40)
    born = ChildDetails(
        legal_forename="Amir",
        legal_surname="Haddad",
        dob_status=DobStatus.KNOWN,
        date_of_birth=dt.date(2016, 3, 9),
    )
    update_child(dsl, child_id=unknown, details=born)
    assert get_child(dsl, child_id=unknown).retention_review == dt.date(2041, 3, 9)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"legal_forename": "  "}, "legal_forename"),
        ({"legal_surname": ""}, "legal_surname"),
        ({"date_of_birth": None}, "date_of_birth"),
        ({"date_of_birth": dt.date(2026, 9, 3)}, "date_of_birth"),  # tomorrow
        ({"date_of_birth": dt.date(1990, 1, 1)}, "date_of_birth"),  # a slip of the year
        ({"dob_status": DobStatus.UNBORN, "expected_delivery": None}, "expected_delivery"),
        ({"legal_surname": "x" * 121}, "legal_surname"),
        ({"preferred_name": "Zoe\nBright"}, "preferred_name"),
        ({"send": "statemented"}, "send"),
    ],
)
def test_bad_details_are_refused_naming_the_box_and_nothing_is_written(dsl, changes, field) -> None:
    with pytest.raises(ValidationError) as refused:
        add(dsl, full_details(**changes))
    assert refused.value.field == field
    assert count_children(dsl, include_archived=True) == 0


def test_a_pupil_id_belongs_to_one_record_only(dsl) -> None:
    first = add(dsl, full_details())
    with pytest.raises(ValidationError) as refused:
        add(dsl, full_details(legal_forename="Other"))
    assert refused.value.field == "external_id"
    other = add(dsl, full_details(external_id=""))
    with pytest.raises(ValidationError):
        update_child(dsl, child_id=other, details=full_details())
    update_child(dsl, child_id=first, details=full_details(year_group_or_team="Year 8"))
    assert get_child(dsl, child_id=first).details.year_group_or_team == "Year 8"


def test_unicode_names_round_trip_and_are_found_without_their_accents(dsl) -> None:
    ids = {name: a_child(dsl, forename=name, surname="Testperson") for name in NAMES}
    for name, child_id in ids.items():
        assert get_child(dsl, child_id=child_id).details.legal_forename == name
    shown = {row.name for row in list_children(dsl)}
    assert shown == {f"{name} Testperson" for name in NAMES}
    for typed, name in [("zoe", "Zoë"), ("Lucja", "Łucja"), ("soren", "Søren"),
                        ("siobhan", "Siobhán"), ("ayse", "Ayşe"), ("李", "李明")]:  # fmt: skip
        assert child_ids(dsl, text=typed) == (ids[name],), typed
        assert count_children(dsl, text=typed) == 1
    # The same name typed as a letter and a separate accent is stored in one form.
    decomposed = add_child(dsl, legal_forename="Zoe\u0308", legal_surname="Testperson")
    assert get_child(dsl, child_id=decomposed).details.legal_forename == "Zoë"


def test_the_register_pages_sorts_and_filters(dsl, clock) -> None:
    made = []
    for number in range(25):
        made.append(
            add_child(
                dsl,
                legal_forename=f"Child{number:02d}",
                legal_surname=("Able", "baker", "Carter")[number % 3],
                date_of_birth=dt.date(2010 + number % 7, 1 + number % 12, 1),
                year_group_or_team=f"Team {number % 4}",
            )
        )
    unknown = add_child(dsl, legal_forename="Nobody", legal_surname="Known")
    ids = child_ids(dsl)
    assert len(ids) == count_children(dsl) == 26
    pages = [list_children(dsl, offset=o, limit=10) for o in (0, 10, 20)]
    assert [r.id for page in pages for r in page] == list(ids)
    assert [r.id for r in children_by_id(dsl, ids=ids[5:9])] == list(ids[5:9])
    surnames = [r.name.split()[-1] for r in list_children(dsl, limit=26)]
    assert surnames == ["Able"] * 9 + ["baker"] * 8 + ["Carter"] * 8 + ["Known"]  # any case
    by_birth = child_ids(dsl, sort=ChildSort.DATE_OF_BIRTH)
    assert by_birth[-1] == unknown  # an unknown date of birth sorts last
    assert child_ids(dsl, sort=ChildSort.DATE_OF_BIRTH, descending=True)[-1] == unknown
    assert child_ids(dsl, sort=ChildSort.NEWEST)[0] == unknown
    assert set(child_ids(dsl, text="Team 3")) == set(made[3::4])
    assert child_ids(dsl, text="?!") == ()
    with pytest.raises(ValidationError):
        list_children(dsl, limit=5000)


def test_archived_children_leave_the_register_and_the_picker_until_brought_back(dsl) -> None:
    child = a_child(dsl, forename="Ayşe", surname="Yılmaz")
    seq = newest_seq(dsl)
    with pytest.raises(ValidationError) as refused:
        archive_child(dsl, child_id=child, reason=" ")
    assert refused.value.field == "archive_reason"
    archive_child(dsl, child_id=child, reason="Left at the end of Year 9")
    assert child_ids(dsl) == () and count_children(dsl) == 0
    assert pick_children(dsl, text="Ayse") == []
    assert child_ids(dsl, include_archived=True) == (child,)
    file = get_child(dsl, child_id=child)
    assert file.archived_at is not None and file.archive_reason == "Left at the end of Year 9"
    with pytest.raises(ValidationError):
        archive_child(dsl, child_id=child, reason="again")
    unarchive_child(dsl, child_id=child)
    assert child_ids(dsl) == (child,)
    assert [c.id for c in pick_children(dsl, text="Yilmaz")] == [child]
    actions = [e.action for e in events_since(dsl, seq)]
    assert actions[::-1] == ["child archived", "child opened", "child unarchived"]


def test_merging_keeps_both_histories_on_the_kept_record(dsl, as_role, clock) -> None:
    clock.current = london(2026, 9, 20)
    kept = add_child(
        dsl,
        legal_forename="Zoë",
        legal_surname="Brightwater",
        date_of_birth=dt.date(2012, 5, 1),
        year_group_or_team="Year 9",
    )
    other = add_child(
        dsl,
        legal_forename="Zoe",
        legal_surname="Brightwatter",
        external_id="UPN-0042",
        address="3 Invented Close",
        flags=ChildFlags(cp_plan=True),
    )
    add_contact(dsl, child_id=other, contact=ContactDetails("Mara Brightwater", "Mother", True))
    teacher = as_role(Role.REPORTER)
    first = a_concern(teacher, other, observed_at=london(2026, 9, 7, 9))
    second = a_concern(dsl, kept, observed_at=london(2026, 9, 10, 12), categories=("neglect",))
    seq = newest_seq(dsl)

    merge_children(dsl, keep_id=kept, merge_id=other)

    history = chronology(dsl, child_id=kept)
    assert [e.concern_id for e in history.entries] == [first, second]
    assert history.prompt is not None  # two people within 7 days, across both records
    file = get_child(dsl, child_id=kept)
    assert file.flags.cp_plan  # a child protection plan is never lost in a merge
    assert file.details.external_id == "UPN-0042"
    assert file.details.address == "3 Invented Close"
    assert file.details.date_of_birth == dt.date(2012, 5, 1)
    assert [c.details.name for c in file.contacts] == ["Mara Brightwater"]
    assert [m.id for m in file.merged_records] == [other]
    assert get_child(dsl, child_id=other).merged_into_id == kept
    assert child_ids(dsl, include_archived=True) == (kept,)
    assert child_ids(dsl, text="Brightwatter") == (kept,)  # the other spelling finds it
    assert [c.id for c in pick_children(dsl, text="Zoe Bright")] == [kept]
    (event,) = [e for e in events_since(dsl, seq) if e.action == "children merged"]
    assert (event.record_type, event.record_id) == ("child", str(kept))
    assert "Zo" not in event.detail and "Bright" not in event.detail


def test_merges_are_refused_into_itself_or_a_merged_record_and_follow_earlier_ones(
    dsl, clock
) -> None:
    a, b, c = (a_child(dsl, forename=n) for n in ("Zoë", "Zoe", "Zoey"))
    with pytest.raises(ValidationError):
        merge_children(dsl, keep_id=a, merge_id=a)
    with pytest.raises(NotFound):
        merge_children(dsl, keep_id=a, merge_id=999)
    concern = a_concern(dsl, c, observed_at=london(2026, 9, 1))
    merge_children(dsl, keep_id=b, merge_id=c)
    for keep, merge in ((c, a), (a, c), (a, a)):
        with pytest.raises(ValidationError):
            merge_children(dsl, keep_id=keep, merge_id=merge)
    with pytest.raises(ValidationError):
        update_child(dsl, child_id=c, details=ChildDetails("Zoey", "Brightwater"))
    with pytest.raises(ValidationError):
        archive_child(dsl, child_id=c, reason="Left")
    merge_children(dsl, keep_id=a, merge_id=b)  # c, merged into b earlier, follows b
    assert [e.concern_id for e in chronology(dsl, child_id=a).entries] == [concern]
    assert child_ids(dsl) == (a,)


def test_the_people_around_a_child(dsl) -> None:
    child = a_child(dsl)
    seq = newest_seq(dsl)
    sibling = add_contact(
        dsl,
        child_id=child,
        contact=ContactDetails("Theo Brightwater", "Brother", lives_with_child=True),
    )
    mother = add_contact(
        dsl,
        child_id=child,
        contact=ContactDetails(
            "Mara Brightwater",
            "Mother",
            parental_responsibility=True,
            lives_with_child=True,
            phone="01632 960123",
            email="mara@example.invalid",
        ),
    )
    contacts = get_child(dsl, child_id=child).contacts
    assert [c.id for c in contacts] == [mother, sibling]  # parental responsibility first
    assert contacts[0].details.phone == "01632 960123"
    with pytest.raises(ValidationError) as refused:
        update_contact(dsl, contact_id=sibling, contact=ContactDetails("Theo", email="theo"))
    assert refused.value.field == "email"
    with pytest.raises(ValidationError):
        add_contact(dsl, child_id=child, contact=ContactDetails(" "))
    update_contact(
        dsl, contact_id=sibling, contact=ContactDetails("Theo Brightwater", "Half-brother")
    )
    remove_contact(dsl, contact_id=mother)
    with pytest.raises(NotFound):
        remove_contact(dsl, contact_id=mother)
    (left,) = get_child(dsl, child_id=child).contacts
    assert left.details.relationship == "Half-brother" and not left.details.lives_with_child
    events = events_since(dsl, seq)
    assert {e.action for e in events} >= {"contact added", "contact changed", "contact removed"}
    for event in events:
        assert "Brightwater" not in event.detail and "Mara" not in event.detail


def test_changes_and_openings_are_audited_by_number_only(dsl) -> None:
    seq = newest_seq(dsl)
    child = add(dsl, full_details())
    update_child(dsl, child_id=child, details=full_details(legal_surname="Nowak"))
    get_child(dsl, child_id=child)
    events = events_since(dsl, seq)[::-1]
    assert [(e.action, e.record_type, e.record_id) for e in events] == [
        ("child added", "child", str(child)),
        ("child changed", "child", str(child)),
        ("child opened", "child", str(child)),
    ]
    assert all(e.detail == "" for e in events)
    assert child_ids(dsl, text="Nowak") == (child,)
    assert child_ids(dsl, text="Kowalska") == ()  # the index follows the change


@pytest.mark.parametrize("role", [Role.REPORTER, Role.ALLEGATIONS_MANAGER, Role.REVIEWER])
def test_only_leads_see_a_childs_file_but_anyone_may_pick_a_child(dsl, as_role, role) -> None:
    child = a_child(dsl)
    person = as_role(role)
    assert [c.id for c in pick_children(person, text="Zoe")] == [child]
    for call in (
        lambda: get_child(person, child_id=child),
        lambda: list_children(person),
        lambda: child_ids(person),
        lambda: chronology(person, child_id=child),
        lambda: archive_child(person, child_id=child, reason="Left"),
    ):
        with pytest.raises(PermissionDenied):
            call()


def test_a_deputy_may_keep_the_register(dsl, as_role) -> None:
    deputy = as_role(Role.DEPUTY)
    child = a_child(deputy)
    add_contact(deputy, child_id=child, contact=ContactDetails("Mara Brightwater"))
    archive_child(deputy, child_id=child, reason="Moved away")
    assert get_child(deputy, child_id=child).archive_reason == "Moved away"


def test_archived_matches_never_crowd_a_current_child_out_of_the_picker(dsl) -> None:
    for number in range(12):
        leaver = add_child(dsl, legal_forename="Zoë", legal_surname=f"Aardvark{number:02d}")
        archive_child(dsl, child_id=leaver, reason="Left")
    current = add_child(dsl, legal_forename="Zoë", legal_surname="Zywiec")
    assert [c.id for c in pick_children(dsl, text="Zoe", limit=2)] == [current]
