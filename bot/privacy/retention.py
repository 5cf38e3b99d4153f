"""Apply the retention periods (AVG art. 5(1)(e), storage limitation).

Defaults (see ``bot.settings``): transcripts and resume state 30 days after the last chat
activity; unfinished intakes nobody worked on 30 days after the last activity; everything else
(summary, advice, decisions, notes) ``summary_days`` (365) after the last activity by the chat
or a coach; audit entries after 730 days. The beheerder can change the periods in the app.

Run by ``python -m bot purge`` (cron), by the web app every ``PURGE_INTERVAL_HOURS``, and from
the beheer page. ``dry_run`` counts without deleting.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select

from bot.privacy import tracker
from bot.settings import RetentionDefaults
from bot.storage import Store, audit
from bot.storage.audit import SYSTEM_ACTOR, Actor
from bot.storage.engine import checkpoint
from bot.storage.models import (
    AuditEntry,
    Decision,
    Intake,
    Note,
    SchoolBatch,
    Transcript,
    WebSession,
    utcnow,
)
from bot.storage.policy import RetentionPolicy


@dataclass
class PurgeReport:
    transcripts: int = 0
    conversation_states: int = 0
    incomplete_intakes: int = 0
    summaries: int = 0
    school_batches: int = 0
    audit_entries: int = 0
    sessions: int = 0
    tracker_events: int = 0
    dry_run: bool = False

    def as_dict(self) -> dict:
        return asdict(self)


def purge(
    store: Store,
    defaults: RetentionDefaults,
    *,
    now: datetime | None = None,
    dry_run: bool = False,
    tracker_url: str | None = None,
    actor: Actor = SYSTEM_ACTOR,
) -> PurgeReport:
    now = now or utcnow()
    report = PurgeReport(dry_run=dry_run)
    if tracker_url:
        # Outside the store's transaction: on SQLite that transaction holds the write lock,
        # and the tracker may live in the same file.
        transcript_days = store.retention_policy(defaults).transcript_days
        report.tracker_events = tracker.delete_events(
            tracker_url, before=now - timedelta(days=transcript_days), dry_run=dry_run
        )
    with store.transaction() as session:
        from bot.storage import policy as policy_mod

        policy: RetentionPolicy = policy_mod.effective(session, defaults)
        transcript_cutoff = now - timedelta(days=policy.transcript_days)
        incomplete_cutoff = now - timedelta(days=policy.incomplete_days)
        summary_cutoff = now - timedelta(days=policy.summary_days)
        audit_cutoff = now - timedelta(days=policy.audit_days)

        # 1. Whole intakes first, so their transcripts are not counted twice.
        last_coach = (
            select(func.max(Decision.created_at)).where(Decision.intake_id == Intake.id)
            .scalar_subquery()
        )
        last_note = (
            select(func.max(Note.created_at)).where(Note.intake_id == Intake.id)
            .scalar_subquery()
        )
        candidates = session.execute(
            select(Intake.id, Intake.status, Intake.review_status, Intake.updated_at,
                   last_coach.label("last_decision"), last_note.label("last_note"))
            .where(Intake.updated_at < max(incomplete_cutoff, summary_cutoff))
        ).all()
        doomed: list[int] = []
        for row in candidates:
            activity = max(t for t in (row.updated_at, row.last_decision, row.last_note) if t)
            untouched = (
                row.review_status == "nieuw" and row.last_decision is None
                and row.last_note is None
            )
            if row.status == "incomplete" and untouched and activity < incomplete_cutoff:
                report.incomplete_intakes += 1
                doomed.append(row.id)
            elif activity < summary_cutoff:
                report.summaries += 1
                doomed.append(row.id)
        if doomed and not dry_run:
            for intake in session.execute(select(Intake).where(Intake.id.in_(doomed))).scalars():
                session.delete(intake)
            session.flush()

        # 1b. Schools' pre-screening lists: kept as long as a summary, from the last change.
        old_batches = list(session.execute(
            select(SchoolBatch).where(SchoolBatch.updated_at < summary_cutoff)
        ).scalars())
        report.school_batches = len(old_batches)
        if not dry_run:
            for batch in old_batches:
                session.delete(batch)
            session.flush()

        # 2. Transcripts and resume state of the intakes that stay.
        keep = Intake.id.notin_(doomed) if doomed else True
        old_transcripts = select(Transcript.intake_id).join(
            Intake, Intake.id == Transcript.intake_id
        ).where(Transcript.updated_at < transcript_cutoff, keep)
        transcript_ids = list(session.execute(old_transcripts).scalars())
        report.transcripts = len(transcript_ids)
        stale_states = list(session.execute(
            select(Intake).where(
                Intake.updated_at < transcript_cutoff, Intake.conversation_state.isnot(None),
                keep,
            )
        ).scalars())
        report.conversation_states = sum(1 for i in stale_states if i.conversation_state)
        if not dry_run:
            if transcript_ids:
                session.execute(
                    delete(Transcript).where(Transcript.intake_id.in_(transcript_ids))
                    .execution_options(synchronize_session=False)
                )
                for intake in session.execute(
                    select(Intake).where(Intake.id.in_(transcript_ids))
                ).scalars():
                    intake.transcript_purged_at = now
            for intake in stale_states:
                intake.conversation_state = None

        # 3. Audit entries and expired logins.
        report.audit_entries = int(session.execute(
            select(func.count(AuditEntry.id)).where(AuditEntry.created_at < audit_cutoff)
        ).scalar_one())
        report.sessions = int(session.execute(
            select(func.count()).select_from(WebSession).where(WebSession.expires_at < now)
        ).scalar_one())
        if not dry_run:
            session.execute(delete(AuditEntry).where(AuditEntry.created_at < audit_cutoff))
            session.execute(delete(WebSession).where(WebSession.expires_at < now))

        if not dry_run:
            audit.record(session, actor, "purge", None,
                         {**report.as_dict(), "policy": policy.as_dict()})
    if not dry_run:
        checkpoint(store.engine)  # deleted rows must not stay readable in SQLite's log
    return report
