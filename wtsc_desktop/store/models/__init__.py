"""The tables. Rows hold data and invariants only; behaviour lives in ``services``.

Times are stored in UTC and come back timezone-aware. A feature adds its module here and
a migration under ``store/migrations/versions``; everything is re-exported from this
package so that ``from wtsc_desktop.store.models import Concern`` works everywhere.
"""

from sqlalchemy.orm import configure_mappers

from wtsc_desktop.store.models.base import Base, UtcDateTime
from wtsc_desktop.store.models.children import Child, ChildContact
from wtsc_desktop.store.models.concerns import (
    Addendum,
    Attachment,
    BodyMapMark,
    Concern,
    ConcernCategory,
    ConcernChild,
    TriageAction,
    TriageDecision,
)
from wtsc_desktop.store.models.foundation import (
    AuditEvent,
    AuditHead,
    BackupRecord,
    Draft,
    Secret,
    Setting,
    User,
)
from wtsc_desktop.store.models.plans import CpMeeting, CpPlan, CpTransfer
from wtsc_desktop.store.models.referrals import Referral, ReferralEscalation

__all__ = [
    "Addendum",
    "Attachment",
    "AuditEvent",
    "AuditHead",
    "BackupRecord",
    "Base",
    "BodyMapMark",
    "Child",
    "ChildContact",
    "Concern",
    "ConcernCategory",
    "ConcernChild",
    "CpMeeting",
    "CpPlan",
    "CpTransfer",
    "Draft",
    "Referral",
    "ReferralEscalation",
    "Secret",
    "Setting",
    "TriageAction",
    "TriageDecision",
    "User",
    "UtcDateTime",
]

# Set the mappers up now, at import, rather than inside the first query a person waits for.
configure_mappers()
