"""The PDFs of reports/, made from plain data and read back with pypdf: Unicode names
(the CJK font really used), user text printed literally and never read as markup, the
child's line breaks kept, "not recorded" for every empty answer, the protective marking
and "Page X of Y" on every page, and a page count that a fixture of known length fixes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import subprocess
import sys
import tomllib
from pathlib import Path

from pypdf import PdfReader

from wtsc_desktop.reports.chronology import render_chronology
from wtsc_desktop.reports.document import (
    ActionLine,
    AddendumLine,
    ChronologyLine,
    ChronologyReport,
    ConcernChildLine,
    ConcernReport,
    DecisionLine,
    DslPart,
    MarkLine,
    ReportHeader,
)
from wtsc_desktop.reports.fonts import font_folder
from wtsc_desktop.reports.record_of_concern import render_record_of_concern
from wtsc_desktop.reports.text import markup

NAMES = ("Łucja", "Zoë", "Siobhán", "Ayşe", "李明")
MARKUP = "<b>x</b> & <font>"
WORDS = "He hits me when mum's out.\nPlease don't tell anyone — promise?"
UTC = dt.UTC


def pages_of(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def fonts_of(data: bytes) -> set[str]:
    """Every font the pages use, with whether each is embedded in the file."""
    found = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].get_object().values():
            font = font.get_object()
            name = str(font["/BaseFont"])
            if "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            else:
                descriptor = font.get("/FontDescriptor")
            embedded = descriptor is not None and "/FontFile2" in descriptor.get_object()
            found.add(f"{name}{'' if embedded else ' (not embedded)'}")
    return found


def a_header(**changes: object) -> ReportHeader:
    header = ReportHeader(
        organisation="Brookfield Test Academy",
        address="1 Invented Way\nTesttown TT1 1TT",
        title="Chronology",
        identifiers=(
            ("Child", "Łucja Nowak"),
            ("Date of birth", "01/05/2012"),
            ("Year group or team", "Year 9"),
        ),
        running="Łucja Nowak",
        generated_by="Dana Lead",
        generated_role="Designated safeguarding lead",
        generated_at=dt.datetime(2026, 9, 14, 14, 5, tzinfo=UTC),
        chain_head="#57 1a2b3c4d5e6f7a8b",
    )
    return dataclasses.replace(header, **changes)  # type: ignore[arg-type]


def uniform_chronology(count: int) -> ChronologyReport:
    """``count`` entries of three lines each: a fixture whose page count is known."""
    start = dt.datetime(2025, 1, 1, 9, tzinfo=UTC)
    return ChronologyReport(
        a_header(),
        [
            ChronologyLine(
                start + dt.timedelta(days=i),
                start + dt.timedelta(days=i),
                "Concern",
                f"Entry {i + 1} of {count}",
                "Seen at break time.",
                "Dana Lead",
            )
            for i in range(count)
        ],
    )


def a_concern_report(**changes: object) -> ConcernReport:
    decision = DecisionLine(
        decided_by="Dana Lead",
        decided_at=dt.datetime(2026, 9, 14, 16, tzinfo=UTC),
        threshold="Referral to children's social care: significant harm (section 47)",
        rationale="Disclosure of harm at home; bruising seen.",
        advice_sought=True,
        advice_from="Duty social worker, MASH",
        advice_at=dt.datetime(2026, 9, 14, 15, 30, tzinfo=UTC),
        review_on=None,
        consent="Not needed: the child is at risk of significant harm",
        consent_reason="Asking would put Łucja at more risk.",
        lawful_basis="Public task — UK GDPR Art. 6(1)(e)",
        special_category="UK GDPR Art. 9(2)(g) with DPA 2018 Sch. 1 para 18",
        actions=(
            ActionLine(
                "Phone the MASH, then confirm in writing",
                "Dana Lead",
                dt.date(2026, 9, 15),
                dt.datetime(2026, 9, 15, 9, tzinfo=UTC),
                "Referral accepted.",
            ),
            ActionLine("Check in each morning", "Ayşe Demir", dt.date(2026, 9, 18), None, ""),
        ),
    )  # fmt: skip
    report = ConcernReport(
        header=a_header(title="Record of concern", running="Łucja Nowak — concern 12"),
        number=12,
        children=(
            ConcernChildLine("Łucja Nowak", dt.date(2012, 5, 1), "Year 9", "The child it is about"),
            ConcernChildLine("李明 Wang", dt.date(2011, 3, 2), "Year 10", "A witness"),
            ConcernChildLine("Zoë, a girl not on the register", None, "", "A witness"),
        ),
        reporter="Siobhán Kelly",
        reporter_role="Class teacher",
        observed_at=dt.datetime(2026, 9, 14, 13, 20, tzinfo=UTC),
        observed_time_known=True,
        recorded_at=dt.datetime(2026, 9, 14, 14, 2, tzinfo=UTC),
        location="Classroom 4",
        immediate_danger=False,
        categories=("Physical abuse",),
        extra_familial=False,
        observed=f"A bruise on her left forearm. {MARKUP}",
        witnesses="Ayşe Demir (teaching assistant)",
        child_words=WORDS,
        opinion="I think she was frightened.",
        action_taken="Stayed with her, then told the DSL in person.",
        told_whom="Dana Lead (DSL)",
        told_at=dt.datetime(2026, 9, 14, 13, 40, tzinfo=UTC),
        marks=(
            MarkLine(1, "front", 0.2, 0.42, "Bruise, purple", "3 cm by 2 cm"),
            MarkLine(2, "back", 0.5, 0.3, "Scratch", ""),
        ),
        attachments=("letter.pdf (12 KB)",),
        addenda=(
            AddendumLine(
                "Siobhán Kelly",
                dt.datetime(2026, 9, 15, 8, tzinfo=UTC),
                "Later information",
                "Her mum phoned.\nShe said Łucja fell off her bike.",
            ),
        ),
        dsl=DslPart(dt.datetime(2026, 9, 14, 14, 30, tzinfo=UTC), "Dana Lead", (decision,)),
    )
    return dataclasses.replace(report, **changes)  # type: ignore[arg-type]


def assert_every_page_is_marked_and_numbered(pages: list[str]) -> None:
    for number, text in enumerate(pages, start=1):
        assert text.count("OFFICIAL-SENSITIVE") == 2, f"page {number}: top and bottom"
        assert f"Page {number} of {len(pages)}" in text
        assert "Made by Dana Lead (Designated safeguarding lead) on 14/09/2026 15:05" in text
        assert "#57 1a2b3c4d5e6f7a8b" in text
    assert "Brookfield Test Academy" in pages[0]
    assert "1 Invented Way\nTesttown TT1 1TT" in pages[0]


# --- the chronology -------------------------------------------------------------------


def test_chronology_prints_every_name_exactly_and_markup_as_text() -> None:
    start = dt.datetime(2026, 3, 2, 9, tzinfo=UTC)
    report = ChronologyReport(
        a_header(identifiers=(("Child", "李明 Wang"), ("Year group or team", "Year 7"))),
        [
            ChronologyLine(
                start + dt.timedelta(days=i), start, "Concern", f"About {name}", MARKUP, name
            )
            for i, name in enumerate(NAMES)
        ],
        note="2 different people raised concerns within 7 days. Review them together.",
    )

    rendered = render_chronology(report)
    pages = pages_of(rendered.data)
    text = "\n".join(pages)

    for name in NAMES:
        assert f"About {name}" in text
        assert f"By {name}" in text
    assert text.count(MARKUP) == len(NAMES)
    assert "李明 Wang" in pages[0]
    assert "\x00" not in text
    assert "Review them together." in text
    assert_every_page_is_marked_and_numbered(pages)
    fonts = fonts_of(rendered.data)
    # The CJK runs are set in WenQuanYi, embedded like DejaVu: no empty boxes anywhere.
    assert any("WenQuanYiMicroHei" in f for f in fonts), fonts
    assert any("DejaVuSans-Bold" in f for f in fonts), fonts
    assert not [f for f in fonts if "not embedded" in f and "Helvetica" not in f], fonts


def test_a_chronology_of_known_length_has_a_known_page_count() -> None:
    # Each three-line entry is 43.5 pt high in a 703 pt frame: 16 fit on a page, and 12
    # under the letterhead, title and identifiers on the first. So 44 entries fill exactly
    # 3 pages; one more starts a fourth.
    for count, expected in ((44, 3), (45, 4)):
        rendered = render_chronology(uniform_chronology(count))
        pages = pages_of(rendered.data)
        assert rendered.pages == len(pages) == expected
        assert_every_page_is_marked_and_numbered(pages)
        found = [int(n) for n in re.findall(rf"Entry (\d+) of {count}\n", "\n".join(pages))]
        assert found == list(range(1, count + 1)), "every entry once, in order"
        assert [p.count(f" of {count}\n") for p in pages][:3] == [12, 16, 16]


def test_a_long_name_is_cut_short_in_the_running_header() -> None:
    report = dataclasses.replace(
        uniform_chronology(20),
        header=a_header(organisation="Brookfield " * 180, running="李明 Wang-" * 40),
    )
    pages = pages_of(render_chronology(report).data)

    # Each run of the line is drawn apart, so pypdf gives them on lines of their own.
    top = pages[1].split("Made by")[0].replace("\n", "")
    assert top.startswith("OFFICIAL-SENSITIVEBrookfield Brookfield Brookfield")
    assert "Brookfi…Chronology — 李明 Wang-李明 Wang-" in top
    assert top.endswith("…") and len(top) < 140, top


def test_an_empty_chronology_says_so() -> None:
    pages = pages_of(render_chronology(uniform_chronology(0)).data)
    assert pages[0].count("No entries: nothing has been recorded about this child yet.") == 1
    assert "Page 1 of 1" in pages[0]


def test_five_hundred_entries_render() -> None:
    rendered = render_chronology(uniform_chronology(500))
    assert rendered.pages == len(PdfReader(io.BytesIO(rendered.data)).pages) > 30


# --- the record of concern --------------------------------------------------------------


def test_record_of_concern_prints_every_part_of_the_form() -> None:
    rendered = render_record_of_concern(a_concern_report())
    pages = pages_of(rendered.data)
    text = "\n".join(pages)

    assert_every_page_is_marked_and_numbered(pages)
    for name in NAMES:
        assert name in text
    assert "\x00" not in text
    assert MARKUP in text
    assert WORDS in text, "the child's line breaks are kept"
    assert "Her mum phoned.\nShe said Łucja fell off her bike." in text
    expected = [
        r"Name\nDate of birth\nClass or team\nPart in this concern\nŁucja Nowak\n01/05/2012"
        r"\nYear 9\nThe child it is about",
        r"Name\nSiobhán Kelly\nRole\nClass teacher",
        r"When it happened\n14/09/2026 14:20\nWhen it was written\n14/09/2026 15:02",
        r"Where\nClassroom 4",
        r"Who else saw or heard it \(witnesses\)\nAyşe Demir",
        r"1\. Front, right forearm\. What it is: Bruise, purple\. About how big: 3 cm by 2 cm",
        r"2\. Back, upper back\. What it is: Scratch\. About how big: not recorded",
        r"a view, not a fact\.\nI think she was frightened\.",
        r"Whom they told\nDana Lead \(DSL\)\nWhen they told them\n14/09/2026 14:40",
        r"Later information: Siobhán Kelly, 15/09/2026 09:00",
        r"Received\n14/09/2026 15:30\nFrom\nSiobhán Kelly \(Class teacher\)",
        r"Advice from\nDuty social worker, MASH\nAdvice when\n14/09/2026 16:30",
        r"Reasons for the decision\nDisclosure of harm at home; bruising seen\.",
        r"Lawful basis\nPublic task — UK GDPR Art\. 6\(1\)\(e\)",
        r"Done 15/09/2026 10:00\. Outcome: Referral accepted\.",
        r"Due: 18/09/2026\. Not done yet\.",
        r"Decided by\nDana Lead\nDate\n14/09/2026 17:00\nSignature",
    ]
    for pattern in expected:
        assert re.search(pattern, text), pattern


def test_every_empty_answer_prints_not_recorded() -> None:
    report = a_concern_report(
        reporter_role="",
        location="",
        witnesses="",
        child_words="",
        opinion="",
        action_taken="",
        told_whom="",
        told_at=None,
        marks=(),
        addenda=(),
        attachments=(),
        children=(ConcernChildLine("Łucja Nowak", None, "", "The child it is about"),),
        dsl=DslPart(None, "", ()),
    )
    text = "\n".join(pages_of(render_record_of_concern(report).data))

    for label in (
        "Role",
        "Where",
        "Who else saw or heard it (witnesses)",
        "What they did at once",
        "Whom they told",
        "When they told them",
        "a view, not a fact.",
        "as written down at the time.",
        "Received",
        "Received by",
        "Advice sought?",
        "Decision",
        "Reasons for the decision",
        "Consent",
        "Lawful basis",
        "Actions and outcome",
        "Decided by",
        "Date",
    ):
        assert re.search(rf"{re.escape(label)}\n ?not recorded\n", text), label
    assert "Łucja Nowak\nnot recorded\nnot recorded\nThe child it is about" in text
    assert "No marks were placed on the body map." in text


def test_a_reporters_copy_says_the_dsls_part_is_kept_by_the_dsl() -> None:
    text = "\n".join(pages_of(render_record_of_concern(a_concern_report(dsl=None)).data))
    assert "Only the designated safeguarding lead and deputies can see this part" in text
    assert "Disclosure of harm at home" not in text
    assert "Decided by" not in text


def test_user_text_can_never_be_read_as_markup() -> None:
    fetch = '<img src="http://127.0.0.1:9/photo.png" width="90" height="90"/>'
    tricks = f'{fetch} </para><para> &amp; &#x41; <font name="Courier">z</font> <br/>'
    report = a_concern_report(child_words=tricks, observed=tricks, opinion=MARKUP)
    rendered = render_record_of_concern(report)
    reader = PdfReader(io.BytesIO(rendered.data))
    # Long lines wrap where they will: compare with the spacing evened out.
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())

    assert text.count(" ".join(tricks.split())) == 2, "printed whole, as typed"
    assert text.count(MARKUP) == 1
    assert all(not page.images for page in reader.pages), "nothing was fetched or drawn"
    assert not [f for f in fonts_of(rendered.data) if "Courier" in f]


def test_markup_escapes_first_then_sets_cjk_runs_and_keeps_line_breaks() -> None:
    assert markup(MARKUP) == "&lt;b&gt;x&lt;/b&gt; &amp; &lt;font&gt;"
    assert markup("李明 <b>\nZoë\r\nAyşe\x00!") == (
        '<font name="WTSC-CJK">李明</font> &lt;b&gt;<br/>Zoë<br/>Ayşe!'
    )


def test_very_long_answers_run_over_pages_and_nothing_is_cut() -> None:
    story = ("She told me about the weekend again. " * 30 + "\n") * 25
    report = a_concern_report(
        observed=story + "The last line of the account.",
        child_words="他说爸爸打他因为他没有做作业" * 80 + "\n" + "ж" * 3000,
        children=a_concern_report().children * 20,
    )
    rendered = render_record_of_concern(report)
    pages = pages_of(rendered.data)
    text = "".join(pages).replace("\n", "")

    assert rendered.pages == len(pages) > 6
    assert "The last line of the account." in text
    assert text.count("ж") == 3000
    assert text.count("爸") == 160
    assert "\x00" not in text
    assert_every_page_is_marked_and_numbered(pages)


def test_reportlab_is_imported_only_when_a_pdf_is_made() -> None:
    code = (
        "import sys\n"
        "import wtsc_desktop.services.exports, wtsc_desktop.ui.export_pdf\n"
        "import wtsc_desktop.reports.document\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'reportlab'))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "[]", done.stdout


def test_the_fonts_and_their_licences_ship_in_the_package() -> None:
    # A plain `pip install .` copies only the package data pyproject.toml names.
    root = Path(__file__).resolve().parent.parent
    config = tomllib.loads((root / "pyproject.toml").read_text("utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["wtsc_desktop"]
    package = root / "wtsc_desktop"
    shipped = {path for pattern in patterns for path in package.glob(pattern)}
    folder = font_folder()
    assert folder == package / "resources" / "fonts"
    for name in (
        "DejaVuSans.ttf",
        "DejaVuSans-Bold.ttf",
        "wqy-microhei.ttc",
        "DejaVu-LICENSE.txt",
        "WenQuanYi-LICENSE.txt",
    ):
        assert folder / name in shipped, name
    assert "Apache License" in (folder / "WenQuanYi-LICENSE.txt").read_text("utf-8")
    assert "Bitstream" in (folder / "DejaVu-LICENSE.txt").read_text("utf-8")
