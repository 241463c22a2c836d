"""Importing the register from a CSV export: every bad row listed with its line and reason,
nothing written until confirmed, one transaction, and a re-import that updates instead of
adding twice. Malformed files only ever give a ValidationError, and never write.
"""

from __future__ import annotations

import codecs
import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factory import ROLE_USERS
from tests.raw_store import snapshot
from tests.register_csv import FORMULA_LOOKING, HEADER, register
from wtsc_desktop.errors import PermissionDenied, ValidationError
from wtsc_desktop.services.access import sign_in
from wtsc_desktop.services.archive_and_merge import merge_children
from wtsc_desktop.services.audit_log import list_events
from wtsc_desktop.services.child_import import (
    commit_import,
    guess_mapping,
    preview_import,
)
from wtsc_desktop.services.child_types import Send
from wtsc_desktop.services.children import add_child, child_ids, count_children, get_child
from wtsc_desktop.services.csv_table import read_table
from wtsc_desktop.services.permissions import Role

MAPPING = {
    "external_id": "UPN",
    "legal_forename": "Legal Forename",
    "legal_surname": "Legal Surname",
    "preferred_name": "Preferred Name",
    "date_of_birth": "DOB",
    "year_group_or_team": "Year",
    "gender": "Gender",
    "ethnicity": "Ethnicity",
    "send": "SEN",
}


def csv_bytes(*rows: str, encoding: str = "utf-8") -> bytes:
    return "\r\n".join(rows).encode(encoding)


def by_external_id(signed, external_id: str):
    for child_id in child_ids(signed, text=external_id):
        file = get_child(signed, child_id=child_id)
        if file.details.external_id == external_id:
            return file
    raise AssertionError(f"no child with id {external_id}")


def test_a_thousand_rows_with_twenty_bad_ones(dsl, paths) -> None:
    """The issue's test: all 20 shown with reasons, nothing written until confirmed, then
    the 980 imported in one go; importing the same file again adds nobody."""
    made = register()
    table = read_table(made.data)
    assert guess_mapping(table.headers) == MAPPING
    before = snapshot(paths)

    preview = preview_import(dsl, data=made.data, mapping=MAPPING)

    assert snapshot(paths) == before, "the preview wrote something"
    assert {b.line: b.reason for b in preview.bad_rows}.keys() == made.bad.keys()
    for bad in preview.bad_rows:
        assert made.bad[bad.line].lower() in bad.reason.lower(), (bad.line, bad.reason)
    assert len(preview.bad_rows) == 20
    assert len(preview.to_add) == 980 and preview.to_update == ()

    result = commit_import(dsl, preview=preview)

    assert (result.added, result.updated, result.unchanged, result.skipped) == (980, 0, 0, 20)
    assert count_children(dsl) == 980
    formula = by_external_id(dsl, made.formula_id)
    assert formula.details.preferred_name == FORMULA_LOOKING["preferred"]
    assert formula.details.legal_surname == FORMULA_LOOKING["surname"]
    assert formula.details.year_group_or_team == FORMULA_LOOKING["year"]
    events = [e for e in list_events(dsl, limit=20) if e.action == "children imported"]
    assert [e.detail for e in events] == ["980 added, 0 updated, 0 unchanged, 20 skipped"]

    again = preview_import(dsl, data=made.data, mapping=MAPPING)
    assert len(again.to_add) == 0 and len(again.to_update) == 980 and again.unchanged == 980
    assert commit_import(dsl, preview=again).added == 0
    assert count_children(dsl) == 980


def test_a_termly_reimport_updates_and_a_blank_cell_never_erases(dsl) -> None:
    first = csv_bytes(
        "UPN,Forename,Surname,DOB,Year,SEN",
        "A1,Zoë,Brightwater,01/05/2012,Year 8,K",
        "A2,Søren,Lindqvist,2013-11-30,Year 7,",
    )
    mapping = guess_mapping(read_table(first).headers)
    commit_import(dsl, preview=preview_import(dsl, data=first, mapping=mapping))
    zoe = by_external_id(dsl, "A1")
    assert zoe.details.send is Send.SEN_SUPPORT
    assert zoe.retention_review == dt.date(2037, 5, 1)  # R1 from the imported birthday
    later = csv_bytes(
        "UPN,Forename,Surname,DOB,Year,SEN",
        "A1,Zoë,Brightwater,,Year 9,E",
        "A2,Søren,Lindqvist,2013-11-30,Year 7,",
        "A3,Siobhán,Ó Briain,14/02/2015,Year 6,N",
    )
    preview = preview_import(dsl, data=later, mapping=mapping)
    assert [r.external_id for r in preview.to_add] == ["A3"]
    assert [(r.external_id, r.changed) for r in preview.to_update] == [
        ("A1", True),
        ("A2", False),
    ]
    result = commit_import(dsl, preview=preview)
    assert (result.added, result.updated, result.unchanged) == (1, 1, 1)
    zoe = by_external_id(dsl, "A1")
    assert zoe.details.year_group_or_team == "Year 9"
    assert zoe.details.send is Send.EHCP
    assert zoe.details.date_of_birth == dt.date(2012, 5, 1)  # the blank cell erased nothing
    assert count_children(dsl) == 3


def test_rows_are_matched_again_when_written(dsl) -> None:
    data = csv_bytes("UPN,Forename,Surname", "B7,Ayşe,Yılmaz", "B8,Efe,Okonjo")
    preview = preview_import(dsl, data=data, mapping=guess_mapping(read_table(data).headers))
    meanwhile = add_child(dsl, legal_forename="Ayse", legal_surname="Yilmaz", external_id="B7")
    result = commit_import(dsl, preview=preview)
    assert (result.added, result.updated) == (1, 1)
    assert get_child(dsl, child_id=meanwhile).details.legal_forename == "Ayşe"
    assert count_children(dsl) == 2


def test_an_id_of_a_merged_record_updates_the_record_kept(dsl) -> None:
    kept = add_child(dsl, legal_forename="Zoë", legal_surname="Brightwater")
    merged = add_child(dsl, legal_forename="Zoe", legal_surname="Brightwater", external_id="C1")
    other = add_child(dsl, legal_forename="Zoey", legal_surname="Brightwater", external_id="C2")
    merge_children(dsl, keep_id=other, merge_id=merged)  # other takes nothing: it has an id
    merge_children(dsl, keep_id=kept, merge_id=other)
    data = csv_bytes("UPN,Forename,Surname,Year", "C1,Zoë,Brightwater,Year 4")
    preview = preview_import(dsl, data=data, mapping=guess_mapping(read_table(data).headers))
    assert [r.child_id for r in preview.to_update] == [kept]
    commit_import(dsl, preview=preview)
    assert get_child(dsl, child_id=kept).details.year_group_or_team == "Year 4"
    assert count_children(dsl) == 1


@pytest.mark.parametrize(
    ("data", "encoding", "delimiter"),
    [
        (csv_bytes("UPN;Forename;Surname", "D1;Zoë;Brightwater"), "UTF-8", ";"),
        (codecs.BOM_UTF8 + csv_bytes("UPN,Forename,Surname", "D1,Zoë,Brightwater"), "UTF-8", ","),
        (
            csv_bytes("UPN;Forename;Surname", "D1;Zoë;Brightwater", encoding="cp1252"),
            "Windows-1252",
            ";",
        ),
        (
            codecs.BOM_UTF16_LE
            + csv_bytes("UPN\tForename\tSurname", "D1\tZoë\tBrightwater", encoding="utf-16-le"),
            "UTF-16",
            "\t",
        ),
    ],
    ids=["semicolons", "utf8-bom", "windows-1252", "excel-unicode-text"],
)
def test_exports_in_each_encoding_and_separator(dsl, data, encoding, delimiter) -> None:
    table = read_table(data)
    assert (table.encoding, table.delimiter) == (encoding, delimiter)
    assert table.headers == ("UPN", "Forename", "Surname")
    commit_import(dsl, preview=preview_import(dsl, data=data, mapping=guess_mapping(table.headers)))
    assert by_external_id(dsl, "D1").details.legal_forename == "Zoë"


def test_common_header_names_are_guessed() -> None:
    assert guess_mapping(
        ("Member ID", "First Name", "Last Name", "Known As", "Date of Birth", "Team", "Sex")
    ) == {
        "external_id": "Member ID",
        "legal_forename": "First Name",
        "legal_surname": "Last Name",
        "preferred_name": "Known As",
        "date_of_birth": "Date of Birth",
        "year_group_or_team": "Team",
        "gender": "Sex",
    }
    headers = ("Adno", "Legal Surname", "Legal Forename", "Preferred Forename", "Reg", "Year")
    assert guess_mapping(headers)["legal_surname"] == "Legal Surname"
    assert guess_mapping(headers)["year_group_or_team"] == "Year"
    assert "ethnicity" not in guess_mapping(headers)


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        ({"legal_forename": "Forename", "legal_surname": "Surname"}, "pupil or member id"),
        ({**MAPPING, "external_id": "Nope"}, "no column"),
        ({"external_id": "UPN", "legal_forename": "UPN", "legal_surname": "Surname"}, "two"),
        ({"external_id": "UPN", "legal_forename": "F", "legal_surname": "S", "x": "S"}, "no field"),
    ],
)
def test_a_bad_column_choice_is_refused(dsl, mapping, message) -> None:
    data = csv_bytes("UPN,Forename,Surname,F,S", "E1,Zoë,Brightwater,Zoë,Brightwater")
    with pytest.raises(ValidationError) as refused:
        preview_import(dsl, data=data, mapping=mapping)
    assert refused.value.field == "mapping"
    assert message in str(refused.value)


@pytest.mark.parametrize(
    "data",
    [b"", b"\r\n\r\n", b"UPN,Forename\r\n", b"\xff\xfe\x00\xd8", b"PK\x03\x04\x00\x00binary",
     b'UPN,Forename\r\n"E1,Zo', b"UPN,Forename\r\nE1,\"Zo\"e\r\n", b"\x81\x8d\x8f\x90\x9d"],
    ids=["empty", "blank-lines", "header-only", "bad-utf16", "zip", "open-quote", "bad-quote",
         "not-text"],
)  # fmt: skip
def test_files_that_are_not_csv_are_refused_plainly(data) -> None:
    with pytest.raises(ValidationError) as refused:
        read_table(data)
    assert refused.value.field == "file"


@pytest.mark.parametrize("role", [Role.REPORTER, Role.REVIEWER])
def test_only_leads_may_import(paths, clock, role) -> None:
    user, password = ROLE_USERS[role]
    person = sign_in(paths, user_name=user, password=password, clock=clock)
    try:
        with pytest.raises(PermissionDenied):
            preview_import(
                person, data=csv_bytes("UPN,Forename,Surname", "F1,A,B"), mapping=MAPPING
            )
    finally:
        person.lock()


def test_nothing_to_import_is_said_plainly(dsl) -> None:
    data = csv_bytes("UPN,Forename,Surname", ",Zoë,", "G1,,")
    preview = preview_import(dsl, data=data, mapping=guess_mapping(read_table(data).headers))
    assert [b.line for b in preview.bad_rows] == [2, 3]
    with pytest.raises(ValidationError):
        commit_import(dsl, preview=preview)


CELL = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",)) | st.sampled_from('",;\r\n=+-@'),
    max_size=30,
)


@settings(
    max_examples=60,
    deadline=None,
    database=None,  # no .hypothesis folder in the work tree (pytest would trip on it)
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    raw=st.one_of(
        st.binary(max_size=400),
        st.lists(st.lists(CELL, max_size=8), max_size=12).map(
            lambda rows: "\n".join(",".join(r) for r in rows).encode("utf-8")
        ),
        st.lists(st.lists(CELL, min_size=3, max_size=5), min_size=1, max_size=6).map(
            lambda rows: (
                ",".join(HEADER) + "\r\n" + "\r\n".join(";".join(r) for r in rows)
            ).encode("utf-8")
        ),
    )
)
def test_malformed_files_only_ever_give_a_validation_error_and_never_write(dsl, paths, raw) -> None:
    before = snapshot(paths)
    try:
        table = read_table(raw)
        preview_import(dsl, data=raw, mapping=guess_mapping(table.headers) or MAPPING)
    except ValidationError:
        pass
    assert snapshot(paths) == before
