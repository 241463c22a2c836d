"""One concern printed as the record of concern in shared/forms.md: the child or
children (each with their part), who recorded it, when it happened and when it was
written (apart), what, where and who saw it, the child's exact words, the body map,
facts apart from the labelled opinion, what the recorder did and whom they told, the
addenda, and the DSL's part with a signature block.

Every expected field is printed; where there is no answer it says "not recorded", never
a blank that looks filled in.
"""

from __future__ import annotations

import datetime as dt

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from wtsc_desktop.reports.body_map import BodyMap, mark_list
from wtsc_desktop.reports.document import (
    NOT_RECORDED,
    ConcernReport,
    DecisionLine,
    DslPart,
    RenderedPdf,
)
from wtsc_desktop.reports.layout import (
    RULE,
    SHADE,
    TEXT_WIDTH,
    facts,
    heading,
    labelled,
    opening,
    render,
    styles,
    subheading,
)
from wtsc_desktop.reports.text import date_text, datetime_text, markup, or_not_recorded


def _date(value: dt.date | None) -> str:
    return "" if value is None else date_text(value)


def _yes_no(value: bool) -> str:
    return "Yes" if value else "No"


def _children(report: ConcernReport) -> list[Flowable]:
    look = styles()
    rows = [
        [
            Paragraph(f"<b>{h}</b>", look.label)
            for h in ("Name", "Date of birth", "Class or team", "Part in this concern")
        ],
        *(
            [
                Paragraph(or_not_recorded(child.name), look.body),
                Paragraph(or_not_recorded(_date(child.date_of_birth)), look.body),
                Paragraph(or_not_recorded(child.year_group_or_team), look.body),
                Paragraph(or_not_recorded(child.part), look.body),
            ]
            for child in report.children
        ),
    ]
    if len(rows) == 1:
        rows.append([Paragraph(or_not_recorded(""), look.body), "", "", ""])
    table = Table(
        rows,
        colWidths=[0.38 * TEXT_WIDTH, 0.17 * TEXT_WIDTH, 0.2 * TEXT_WIDTH, 0.25 * TEXT_WIDTH],
        repeatRows=1,
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                ("GRID", (0, 0), (-1, -1), 0.4, RULE),
            ]
        )
    )
    return [heading("The child or children"), table]


def _when(report: ConcernReport) -> str:
    if report.observed_time_known:
        return datetime_text(report.observed_at)
    return f"{datetime_text(report.observed_at, with_time=False)} (time not known)"


def _account(report: ConcernReport) -> list[Flowable]:
    categories = "; ".join(report.categories)
    if categories and report.extra_familial:
        categories += " (harm outside the home: extra-familial)"
    return [
        heading("Who recorded it"),
        facts([("Name", report.reporter), ("Role", report.reporter_role)]),
        heading("When"),
        facts(
            [
                ("When it happened", _when(report)),
                ("When it was written", datetime_text(report.recorded_at)),
            ]
        ),
        heading("What happened"),
        facts(
            [
                ("Where", report.location),
                ("In immediate danger?", _yes_no(report.immediate_danger)),
                ("Kind of harm", categories),
            ]
        ),
        Spacer(1, 2 * mm),
        *labelled("What was seen or heard (facts)", report.observed),
        *labelled("Who else saw or heard it (witnesses)", report.witnesses),
        heading("The child's own words"),
        Paragraph("Exactly as the child said them, as written down at the time.", styles().small),
        Paragraph(or_not_recorded(report.child_words), styles().quote),
    ]


def _body_map(report: ConcernReport) -> list[Flowable]:
    parts: list[Flowable] = [heading("Injuries on the body map")]
    if not report.marks:
        parts.append(Paragraph("No marks were placed on the body map.", styles().body))
        return parts
    # The heading travels with the figure: a heading alone at the foot of a page is no use.
    parts = [KeepTogether([parts[0], BodyMap(report.marks), Spacer(1, 3 * mm)])]
    parts.extend(mark_list(report.marks))
    return parts


def _after(report: ConcernReport) -> list[Flowable]:
    look = styles()
    parts: list[Flowable] = [
        heading("Opinion"),
        Paragraph(
            "The recorder's opinion, kept apart from the facts above: a view, not a fact.",
            look.small,
        ),
        Paragraph(or_not_recorded(report.opinion), look.body),
        heading("What the recorder did"),
        *labelled("What they did at once", report.action_taken),
        facts(
            [
                ("Whom they told", report.told_whom),
                (
                    "When they told them",
                    "" if report.told_at is None else datetime_text(report.told_at),
                ),
            ]
        ),
        heading("Attachments"),
    ]
    if report.attachments:
        parts += [Paragraph(f"• {markup(name)}", look.body) for name in report.attachments]
        parts.append(
            Paragraph("Attachments are kept in the record store, not in this PDF.", look.small)
        )
    else:
        parts.append(Paragraph("None.", look.body))
    parts.append(heading("Later information and corrections (addenda)"))
    if not report.addenda:
        parts.append(Paragraph("None.", look.body))
    for addendum in report.addenda:
        parts.append(
            subheading(
                f"{addendum.kind}: {addendum.author or NOT_RECORDED}, "
                f"{datetime_text(addendum.written_at)}"
            )
        )
        parts.append(Paragraph(or_not_recorded(addendum.text), look.body))
    return parts


def _signature(decided_by: str, decided_at: str) -> Table:
    look = styles()
    table = Table(
        [
            [
                Paragraph("<b>Decided by</b>", look.label),
                Paragraph(or_not_recorded(decided_by), look.body),
                Paragraph("<b>Date</b>", look.label),
                Paragraph(or_not_recorded(decided_at), look.body),
            ],
            [
                Paragraph("<b>Signature</b>", look.label),
                "",
                Paragraph("<b>Date signed</b>", look.label),
                "",
            ],
        ],
        colWidths=[0.16 * TEXT_WIDTH, 0.44 * TEXT_WIDTH, 0.16 * TEXT_WIDTH, 0.24 * TEXT_WIDTH],
        rowHeights=[None, 13 * mm],
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle([("GRID", (0, 0), (-1, -1), 0.5, RULE), ("VALIGN", (0, 0), (-1, -1), "TOP")])
    )
    return table


def _decision(number: int, total: int, decision: DecisionLine) -> list[Flowable]:
    look = styles()
    title = "The decision" if total == 1 else f"Decision {number} of {total}"
    consent = decision.consent
    parts: list[Flowable] = [
        subheading(title),
        facts(
            [
                ("Advice sought?", _yes_no(decision.advice_sought)),
                (
                    "Advice from",
                    decision.advice_from if decision.advice_sought else "no advice sought",
                ),
                (
                    "Advice when",
                    "" if decision.advice_at is None else datetime_text(decision.advice_at),
                ),
                ("Decision", decision.threshold),
                (
                    "Review date",
                    _date(decision.review_on),
                ),
            ]
        ),
        *labelled("Reasons for the decision", decision.rationale),
        facts(
            [
                ("Consent", consent),
                ("Why (consent)", decision.consent_reason),
                ("Lawful basis", decision.lawful_basis),
                ("Special category data", decision.special_category),
            ]
        ),
        Paragraph("<b>Actions and outcome</b>", look.label),
    ]
    if not decision.actions:
        parts.append(Paragraph("No actions were set.", look.body))
    for i, action in enumerate(decision.actions, start=1):
        done = (
            f"<b>Done</b> {datetime_text(action.done_at)}. <b>Outcome:</b> "
            f"{or_not_recorded(action.outcome)}"
            if action.done_at is not None
            else "<b>Not done yet.</b>"
        )
        parts.append(
            Paragraph(
                f"{i}. {or_not_recorded(action.description)}<br/><b>Who:</b> "
                f"{or_not_recorded(action.owner)}. <b>Due:</b> {date_text(action.due_on)}. {done}",
                look.action,
            )
        )
    parts.append(Spacer(1, 2 * mm))
    parts.append(
        KeepTogether([_signature(decision.decided_by, datetime_text(decision.decided_at))])
    )
    return parts


def _dsl(report: ConcernReport) -> list[Flowable]:
    look = styles()
    parts: list[Flowable] = [heading("The designated safeguarding lead's part")]
    dsl: DslPart | None = report.dsl
    if dsl is None:
        parts.append(
            Paragraph(
                "Only the designated safeguarding lead and deputies can see this part of the "
                "record. Ask them for it.",
                look.body,
            )
        )
        return parts
    received = "" if dsl.received_at is None else datetime_text(dsl.received_at)
    sender = (
        f"{report.reporter} ({report.reporter_role})"
        if report.reporter_role.strip()
        else (report.reporter)
    )
    parts.append(
        facts([("Received", received), ("From", sender), ("Received by", dsl.received_by)])
    )
    if not dsl.decisions:
        parts.append(subheading("The decision"))
        parts.append(
            facts(
                [
                    (label, "")
                    for label in (
                        "Advice sought?",
                        "Advice from",
                        "Advice when",
                        "Decision",
                        "Reasons for the decision",
                        "Consent",
                        "Lawful basis",
                        "Actions and outcome",
                    )
                ]
            )
        )
        parts.append(Spacer(1, 2 * mm))
        parts.append(KeepTogether([_signature("", "")]))
        return parts
    for number, decision in enumerate(dsl.decisions, start=1):
        parts += _decision(number, len(dsl.decisions), decision)
    return parts


def render_record_of_concern(report: ConcernReport) -> RenderedPdf:
    """The record of concern as a PDF on the shared layout."""
    story: list[Flowable] = opening(report.header)
    story += _children(report)
    story += _account(report)
    story += _body_map(report)
    story += _after(report)
    story += _dsl(report)
    return render(report.header, story)
