"""Workspace storage: decisions, notes, status, audit, school scope, users, sessions, figures."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from bot.settings import RetentionDefaults
from bot.storage import Actor, Forbidden, NotFound, Store, ValidationError
from bot.storage.migrate import current_revision, head_revision, upgrade
from bot.storage.models import Intake, WebSession, utcnow

KB = Actor("kim", "klantbegeleider", None, "127.0.0.1")
SCHOOL = Actor("sam", "school", None, "127.0.0.1", school_name="VSO De Brug")
OTHER_SCHOOL = Actor("olga", "school", None, "127.0.0.1", school_name="PrO Oost")
ADVICE = {"route": "jobcoaching", "reasons": ["r"], "readiness": {"score": 60}}


@pytest.fixture
def seeded(store: Store) -> Store:
    store.save_intake("p1", status="complete", profile={"name": "Pupil"}, advice=ADVICE,
                      school_name="VSO De Brug", respondent="school")
    store.save_intake("c1", status="complete", profile={"name": "Client"}, advice=ADVICE)
    return store


def actions(store: Store, sender_id: str | None = None) -> list[str]:
    return [e["action"] for e in store.audit_entries(sender_id=sender_id)]


def test_accept_advice(seeded: Store) -> None:
    result = seeded.decide("c1", KB, follow_advice=True)
    assert result == {"chosen_route": "jobcoaching", "follows_advice": True}
    data = seeded.view_intake("c1", KB)
    assert data["decision"]["chosen_route"] == "jobcoaching"
    assert data["decision"]["by"] == "kim"
    assert data["review_status"] == "in_behandeling"
    assert "decision" in actions(seeded, "c1")


def test_override_needs_reason_and_valid_route(seeded: Store) -> None:
    with pytest.raises(ValidationError):
        seeded.decide("c1", KB, follow_advice=False, chosen_route="wmo", reason="  ")
    with pytest.raises(ValidationError):
        seeded.decide("c1", KB, follow_advice=False, chosen_route="mars", reason="x")
    assert seeded.get_intake("c1")["decision"] is None
    assert "decision" not in actions(seeded, "c1")  # refused change: no audit entry either
    seeded.decide("c1", KB, follow_advice=False, chosen_route="wmo",
                  reason="Eerst schulden regelen")
    decision = seeded.get_intake("c1")["decision"]
    assert decision["chosen_route"] == "wmo"
    assert decision["follows_advice"] is False
    assert decision["reason"] == "Eerst schulden regelen"
    assert decision["advised_route"] == "jobcoaching"


def test_no_advice_cannot_be_accepted(store: Store) -> None:
    store.save_intake("i1", status="incomplete", profile={})
    with pytest.raises(ValidationError):
        store.decide("i1", KB, follow_advice=True)


def test_notes_status_and_history(seeded: Store) -> None:
    seeded.add_note("c1", KB, "<b>bel</b> maandag")
    with pytest.raises(ValidationError):
        seeded.add_note("c1", KB, "   ")
    seeded.set_review_status("c1", KB, "afgerond")
    with pytest.raises(ValidationError):
        seeded.set_review_status("c1", KB, "weg")
    data = seeded.view_intake("c1", KB)
    # Stored as typed: escaping is the view's job.
    assert [n["text"] for n in data["notes"]] == ["<b>bel</b> maandag"]
    assert data["review_status"] == "afgerond"
    entries = seeded.audit_entries(sender_id="c1")
    note_entry = next(e for e in entries if e["action"] == "note_added")
    assert "bel" not in str(note_entry["detail"])  # note text stays out of the audit log
    assert {"note_added", "review_status", "view"} <= set(actions(seeded, "c1"))


def test_unknown_intake(seeded: Store) -> None:
    with pytest.raises(NotFound):
        seeded.view_intake("nope", KB)
    with pytest.raises(NotFound):
        seeded.api_get_intake("nope")


def test_school_sees_only_own_pupils(seeded: Store) -> None:
    assert seeded.view_intake("p1", SCHOOL)["sender_id"] == "p1"
    with pytest.raises(Forbidden):
        seeded.view_intake("c1", SCHOOL)
    with pytest.raises(Forbidden):
        seeded.view_intake("p1", OTHER_SCHOOL)
    with pytest.raises(Forbidden):
        seeded.add_note("p1", OTHER_SCHOOL, "x")
    denied = [e for e in seeded.audit_entries(action="access_denied")]
    assert {e["actor"] for e in denied} == {"sam", "olga"}
    from bot.storage import IntakeFilter

    items, total = seeded.overview(SCHOOL, IntakeFilter())
    assert [i["sender_id"] for i in items] == ["p1"] and total == 1
    items, total = seeded.overview(KB, IntakeFilter())
    assert total == 2


def test_first_review_is_set_by_klantbegeleider_only(seeded: Store) -> None:
    seeded.view_intake("p1", SCHOOL)
    assert seeded.get_intake("p1")["first_reviewed_at"] is None
    seeded.view_intake("p1", KB)
    first = seeded.get_intake("p1")["first_reviewed_at"]
    assert first is not None
    seeded.view_intake("p1", KB)
    assert seeded.get_intake("p1")["first_reviewed_at"] == first


def test_api_reads_are_audited(seeded: Store) -> None:
    assert seeded.api_get_intake("c1")["sender_id"] == "c1"
    entry = seeded.audit_entries(sender_id="c1")[0]
    assert (entry["actor"], entry["action"]) == ("api", "api_get")


def test_users_and_authentication(store: Store) -> None:
    store.create_user("Kim", "een goed wachtwoord", "klantbegeleider")
    with pytest.raises(ValidationError):
        store.create_user("kim", "nog een wachtwoord", "klantbegeleider")  # case-insensitive
    with pytest.raises(ValidationError):
        store.create_user("sam", "kort", "school", school_name="X")
    with pytest.raises(ValidationError):
        store.create_user("sam", "lang genoeg wachtwoord", "school")  # school name missing
    with pytest.raises(ValidationError):
        store.create_user("x y", "lang genoeg wachtwoord", "beheerder")
    with pytest.raises(ValidationError):
        store.create_user("root", "lang genoeg wachtwoord", "god")
    user = store.authenticate("KIM", "een goed wachtwoord", "10.0.0.1")
    assert user is not None and user.role == "klantbegeleider"
    assert store.authenticate("kim", "fout wachtwoord!", "10.0.0.1") is None
    assert store.authenticate("niemand", "fout wachtwoord!", "10.0.0.1") is None
    assert actions(store)[:3] == ["login_failed", "login_failed", "login"]
    store.set_user_active(user.id, False, KB)
    assert store.authenticate("kim", "een goed wachtwoord") is None


def test_last_beheerder_cannot_be_disabled(store: Store) -> None:
    admin = store.create_user("admin", "een goed wachtwoord", "beheerder")
    with pytest.raises(ValidationError):
        store.set_user_active(admin["id"], False, KB)


def test_sessions(store: Store) -> None:
    store.create_user("kim", "een goed wachtwoord", "klantbegeleider")
    user = store.authenticate("kim", "een goed wachtwoord")
    token, csrf = store.start_session("secret", user, hours=8)
    resolved = store.resolve_session("secret", token)
    assert resolved is not None and resolved[0].username == "kim" and resolved[1] == csrf
    assert store.resolve_session("other-secret", token) is None
    assert store.resolve_session("secret", token + "x") is None
    with store.transaction() as session:
        # Only a keyed hash of the cookie token is stored.
        assert session.execute(select(WebSession.token_hash)).scalar_one() != token
    store.end_session("secret", token, KB)
    assert store.resolve_session("secret", token) is None
    token2, _ = store.start_session("secret", user, hours=8)
    with store.transaction() as session:
        for row in session.execute(select(WebSession)).scalars():
            row.expires_at = utcnow() - timedelta(seconds=1)
    assert store.resolve_session("secret", token2) is None
    token3, _ = store.start_session("secret", user, hours=8)
    store.reset_password(user.id, "een nieuw wachtwoord", KB)
    assert store.resolve_session("secret", token3) is None  # password reset ends sessions


def test_team_figures(store: Store) -> None:
    for i, route in enumerate(["ips", "ips", "wmo", "jobcoaching"]):
        store.save_intake(f"f{i}", status="complete", profile={}, advice={"route": route},
                          urgent=i == 0)
    store.save_intake("open", status="incomplete", profile={})
    store.decide("f0", KB, follow_advice=True)
    store.decide("f1", KB, follow_advice=False, chosen_route="jobcoaching", reason="r")
    store.decide("f2", KB, follow_advice=False, chosen_route="niet_klaar", reason="r")
    store.decide("f2", KB, follow_advice=True)  # corrected: the latest decision counts
    store.view_intake("f3", KB)
    today = date.today()
    figures = store.team_figures(today - timedelta(days=60), today, KB)
    assert figures.total == 5
    assert figures.urgent == 1 and figures.urgent_share == pytest.approx(0.2)
    assert figures.decided == 3 and figures.agreed == 2
    assert figures.agreement_rate == pytest.approx(2 / 3)
    assert figures.overrides[("ips", "jobcoaching")] == 1
    assert figures.route_totals()["ips"] == 2 and figures.route_totals()["geen"] == 1
    assert figures.reviewed == 4  # three decided (deciding counts as reviewing), one viewed
    assert figures.hours_to_first_review_median is not None
    assert len(figures.weeks) >= 9


def test_retention_policy_defaults_and_overrides(store: Store) -> None:
    defaults = RetentionDefaults(transcript_days=30, incomplete_days=30, summary_days=365,
                                 audit_days=730)
    assert store.retention_policy(defaults).summary_days == 365
    store.update_retention({"summary_days": 730, "transcript_days": 14}, KB)
    policy = store.retention_policy(defaults)
    assert (policy.summary_days, policy.transcript_days, policy.incomplete_days) == (730, 14, 30)
    with pytest.raises(ValidationError):
        store.update_retention({"transcript_days": 0}, KB)
    with pytest.raises(ValidationError):
        store.update_retention({"bogus": 10}, KB)


def test_migrations_are_idempotent(store: Store) -> None:
    assert current_revision(store.engine) == head_revision()
    upgrade(store.engine)
    upgrade(store.engine)
    assert current_revision(store.engine) == head_revision()
    with store.transaction() as session:
        assert session.execute(select(Intake)).first() is None
