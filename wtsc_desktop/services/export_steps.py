"""The steps every PDF export shares: the report header (with the audit chain head read
inside the export's own transaction) and the atomic write of the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wtsc_desktop.errors import WtscError
from wtsc_desktop.reports.document import RenderedPdf, ReportHeader
from wtsc_desktop.services.context import Work
from wtsc_desktop.services.permissions import Role
from wtsc_desktop.store import audit
from wtsc_desktop.store.files import atomic_replace, out_of_space
from wtsc_desktop.store.models import User


@dataclass(frozen=True)
class ExportedPdf:
    """The file written and its number of pages."""

    path: Path
    pages: int


# --- shared steps ---------------------------------------------------------------------


def chain_head(work: Work) -> str:
    """The chain head as the audit log prints it, read inside the export's transaction
    (``audit_log.chain_head_text`` needs VIEW_AUDIT_LOG, which a deputy lacks)."""
    head = audit.current_head(work.session)
    return "no events" if head is None else f"#{head.seq} {head.mac[:16]}"


def report_header(
    work: Work,
    settings: dict[str, Any],
    *,
    title: str,
    identifiers: tuple[tuple[str, str], ...],
    running: str,
) -> ReportHeader:
    assert work.actor is not None
    person = work.session.get(User, work.actor.user_id)
    name = person.full_name if person is not None else work.actor.full_name
    role = Role(person.role) if person is not None else work.actor.role
    return ReportHeader(
        organisation=str(settings.get("org.name", "")),
        address=str(settings.get("org.address", "")),
        title=title,
        identifiers=identifiers,
        running=running,
        generated_by=name,
        generated_role=role.label,
        generated_at=work.now,
        chain_head=chain_head(work),
    )


def write(target: Path, rendered: RenderedPdf) -> None:
    """Write the PDF so that a crash leaves the old file or the new one, never a mix."""
    try:
        with atomic_replace(target) as handle:
            handle.write(rendered.data)
    except OSError as exc:
        if out_of_space(exc):
            raise
        reason = exc.strerror or "the folder cannot be written to"
        raise WtscError(
            f"The PDF could not be saved in {target.parent} ({reason.lower()}). Choose "
            "another folder, or a USB stick, and try again."
        ) from exc
