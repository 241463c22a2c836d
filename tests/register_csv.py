"""An invented MIS export for import tests: 1,000 children, exactly 20 of them bad, each
for a known reason, on a known line (a quoted line break moves the lines after it).
"""

from __future__ import annotations

import csv
import io
import random
from dataclasses import dataclass

from wtsc_desktop.services.child_import import ImportPreview, ImportRow
from wtsc_desktop.services.csv_table import CsvRow, CsvTable

HEADER = ("UPN", "Legal Forename", "Legal Surname", "Preferred Name", "DOB", "Year", "Gender",
          "Ethnicity", "SEN")  # fmt: skip
FORENAMES = ("Zoë", "Łucja", "Søren", "Siobhán", "Ayşe", "李明", "Amir", "Bethan", "Callum",
             "Dami", "Efe", "Freya", "Gus", "Hana", "Ines", "Jonah")  # fmt: skip
SURNAMES = ("Brightwater", "Kowalska", "Lindqvist", "Ó Briain", "Yılmaz", "Wang", "Haddad",
            "Pryce", "Okonjo", "Fairweather", "Marsh", "de Souza")  # fmt: skip
# Cells that look like spreadsheet formulas: kept as the text they are.
FORMULA_LOOKING = {"preferred": "=SUM(A1:A9)", "surname": "-Smith", "year": "@Year 5"}


@dataclass(frozen=True)
class Register:
    data: bytes
    bad: dict[int, str]  # line -> a word its reason must contain
    good_ids: tuple[str, ...]
    formula_id: str


def _good_row(number: int, pick: random.Random) -> list[str]:
    born = f"{pick.randint(1, 28):02d}/{pick.randint(1, 12):02d}/{pick.randint(2009, 2021)}"
    if number % 7 == 0:
        day, month, year = born.split("/")
        born = f"{year}-{month}-{day}"  # yyyy-mm-dd is read too
    if number % 50 == 0:
        born = ""  # not known
    return [
        f"UPN{number:06d}",
        pick.choice(FORENAMES),
        pick.choice(SURNAMES),
        "",
        born,
        f"Year {pick.randint(1, 13)}",
        pick.choice(("Female", "Male", "")),
        pick.choice(("White British", "Any other mixed background", "")),
        pick.choice(("N", "K", "E", "")),
    ]


# Row number -> how it is spoiled, and a word of the reason that must be given.
SPOILS = {
    30: ("DOB", "31/02/2014", "real date"),
    95: ("DOB", "2014/13/01", "dd/mm/yyyy"),
    160: ("DOB", "soon", "dd/mm/yyyy"),
    222: ("DOB", "01/01/2030", "future"),
    300: ("DOB", "01/01/1901", "years ago"),
    333: ("Legal Forename", "", "forename"),
    404: ("Legal Forename", "", "forename"),
    470: ("Legal Forename", "", "forename"),
    515: ("Legal Surname", "", "surname"),
    600: ("Legal Surname", "", "surname"),
    640: ("UPN", "", "id"),
    700: ("UPN", "", "id"),
    750: ("Legal Surname", "Brightwater" * 12, "too long"),
    801: ("Preferred Name", "Zoë" * 41, "too long"),
    850: ("SEN", "X", "SEN"),
    900: ("Preferred Name", "Zoë\nBright", "line break"),
}
DUPLICATES = {440: 120, 960: 961}  # row -> the row whose id it repeats


def register(rows: int = 1000, *, seed: int = 7) -> Register:
    """The export as UTF-8 with a byte-order mark, as Excel saves "CSV UTF-8"."""
    pick = random.Random(seed)
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(HEADER)
    line = 2
    table = [_good_row(n, pick) for n in range(1, rows + 1)]
    formula = table[10]
    formula[3], formula[2], formula[5] = FORMULA_LOOKING.values()
    for row, repeated in DUPLICATES.items():
        table[row - 1][0] = table[repeated - 1][0]
    bad: dict[int, str] = {}
    dup_ids = {table[r - 1][0] for r in DUPLICATES}
    for number, cells in enumerate(table, start=1):
        spoil = SPOILS.get(number)
        if spoil is not None:
            column, value, word = spoil
            cells[HEADER.index(column)] = value
            bad[line] = word
        if cells[0] in dup_ids:
            bad[line] = "same pupil or member id"
        writer.writerow(cells)
        line += 1 + sum(cell.count("\n") for cell in cells)
    good = tuple(
        c[0] for n, c in enumerate(table, start=1) if n not in SPOILS and c[0] not in dup_ids
    )
    return Register(text.getvalue().encode("utf-8-sig"), bad, good, formula[0])


def one_row_preview() -> ImportPreview:
    """A preview holding one child to add, for calling ``commit_import`` directly."""
    values = (("external_id", "P1"), ("legal_forename", "Invented"), ("legal_surname", "Child"))
    table = CsvTable(("UPN", "Forename", "Surname"), (CsvRow(2, ("P1", "Invented", "Child")),),
                     "UTF-8", ",")  # fmt: skip
    return ImportPreview(table, (), (ImportRow(2, "P1", "Invented Child", values),), (), ())
