"""Settings: declared once, checked before anything is stored, audited by name only."""

from __future__ import annotations

import pytest

from wtsc_desktop.errors import ValidationError
from wtsc_desktop.services.audit_log import list_events
from wtsc_desktop.services.settings import (
    SETTINGS,
    format_date_ranges,
    parse_date_ranges,
    read_settings,
    update_settings,
)


@pytest.mark.parametrize(
    "line",
    [
        "02/11/2026 - 18/12/2026",
        "02/11/2026-18/12/2026",
        "02/11/2026 – 18/12/2026",
        "02/11/2026 to 18/12/2026",
        " 2/11/2026  TO 18/12/2026 ",
    ],
)
def test_a_term_may_be_written_several_ways(line: str) -> None:
    assert parse_date_ranges(line) == [["2026-11-02", "2026-12-18"]]


def test_a_single_closure_day_is_a_range_of_one_day() -> None:
    assert parse_date_ranges("04/01/2027\n\n") == [["2027-01-04", "2027-01-04"]]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("31/02/2026", "is not a date"),
        ("18/12/2026 - 02/11/2026", "ends before it starts"),
        ("01/01/2026 - 02/01/2026 - 03/01/2026", "Write dd/mm/yyyy"),
        ("2026-11-02", "Write dd/mm/yyyy"),
    ],
)
def test_bad_date_lines_are_refused_with_the_reason(text: str, words: str) -> None:
    with pytest.raises(ValidationError, match=words) as refused:
        parse_date_ranges(text, "terms.dates")
    assert refused.value.field == "terms.dates"


def test_date_ranges_print_back_as_typed() -> None:
    text = "01/09/2026 - 23/10/2026\n04/01/2027"
    assert format_date_ranges(parse_date_ranges(text)) == text


def test_every_setting_has_a_label_a_section_and_a_valid_default() -> None:
    keys = [spec.key for spec in SETTINGS]
    assert len(keys) == len(set(keys))
    for spec in SETTINGS:
        assert spec.label and spec.section
        if spec.kind == "choice":
            assert spec.choices and spec.default in spec.choices
        if spec.kind == "int":
            assert spec.minimum <= spec.default <= spec.maximum


def test_a_bad_value_stores_nothing_at_all(dsl) -> None:
    before = read_settings(dsl)
    with pytest.raises(ValidationError) as refused:
        update_settings(
            dsl,
            changes={"org.address": "2 New Road", "security.idle_lock_minutes": "ten"},
        )
    assert refused.value.field == "security.idle_lock_minutes"
    assert read_settings(dsl) == before


def test_a_change_is_audited_by_name_not_value(dsl) -> None:
    changed = update_settings(dsl, changes={"org.address": "7 Canary Crescent"})
    assert changed == ["org.address"]
    event = list_events(dsl)[0]
    assert event.action == "settings changed"
    assert event.detail == "org.address"
    assert "Canary" not in f"{event}"
